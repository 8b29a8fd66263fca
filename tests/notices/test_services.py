"""send_notice: the in-app notice belongs to the caller's transaction, the email leaves only
when that transaction commits (issue 9, item 3)."""

import pytest
from django.core import mail
from django.db import transaction

from theodoi.notices.models import Notification
from theodoi.notices.services import send_notice

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_rolled_back_change_sends_no_mail(people):
    with pytest.raises(RuntimeError), transaction.atomic():
        assert send_notice(people["leader"], subject="Nhắc việc", body="Nội dung", dedupe_key="k")
        raise RuntimeError("the change fails after the notice")
    assert mail.outbox == []
    assert not Notification.objects.exists()


def test_a_committed_change_sends_its_mail_after_the_commit(people):
    with transaction.atomic():
        send_notice(people["leader"], subject="Nhắc việc", body="Nội dung", dedupe_key="k")
        assert mail.outbox == []  # not before the commit
    assert [m.subject for m in mail.outbox] == ["Nhắc việc"]
    assert Notification.objects.get().emailed
