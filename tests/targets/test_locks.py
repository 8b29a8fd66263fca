"""Locks on an agency's figures: set and lifted only through targets.services, audited;
read-only in the Django admin."""

import re

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory
from django.utils import translation

from theodoi.audit.models import AuditEntry
from theodoi.core.errors import DomainError, NotAllowed
from theodoi.core.periods import Period
from theodoi.org.models import Agency
from theodoi.targets import services
from theodoi.targets.models import DataValue, ValueLock
from theodoi.targets.rows import ValueRow

ROW = ValueRow(indicator="THU_NSNN", unit="68", period="2021Q2", value="6.265", status="estimate")


def test_unlock_values_lifts_the_agencys_locks_for_the_period_and_audits_each(
    people, revenue, province, agencies
):
    stc, steering = agencies["STC"], people["steering"]
    lock = services.lock_values(steering, stc, "2021S1", reason="Đã tiếp nhận báo cáo")
    other = services.lock_values(steering, stc, "2021S2", reason="Đã tiếp nhận báo cáo")
    with pytest.raises(DomainError):
        services.record_values(people["specialist"], [ROW])
    with pytest.raises(NotAllowed):
        services.unlock_values(people["leader"], agencies["STC"], "2021S1", reason="Sửa số")
    with pytest.raises(DomainError, match="lý do"):
        services.unlock_values(people["steering"], agencies["STC"], "2021S1", reason=" ")
    assert services.unlock_values(steering, stc, "2021S1", reason="Mở lại báo cáo") == [lock.pk]
    assert list(ValueLock.objects.all()) == [other]
    entry = AuditEntry.objects.get(action="targets.values.unlocked")
    assert (entry.object_id, entry.reason, entry.data) == (
        str(lock.pk),
        "Mở lại báo cáo",
        {"agency": "STC", "period": "2021S1"},
    )
    services.record_values(people["specialist"], [ROW])  # editable again
    assert DataValue.objects.count() == 1


def test_locks_are_read_only_in_the_admin(people):
    admin = site._registry[ValueLock]
    request = RequestFactory().get("/quan-tri/")
    request.user = people["admin"]
    assert not admin.has_add_permission(request)
    assert not admin.has_change_permission(request)
    assert not admin.has_delete_permission(request)


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("period_id", ["2021S1", "202105", "2021Q2", "2021", "2021YTD09"])
@pytest.mark.parametrize("reason", ["", "đã tiếp nhận “Báo cáo 6 tháng”"])
def test_the_lock_message_says_no_word_twice(lang, period_id, reason):
    """Issue 14 item 7: the lock message once doubled a word. Every period kind, with and
    without a reason, in both languages."""
    lock = ValueLock(agency=Agency(name="Sở Tài chính"), period_id=period_id, reason=reason)
    with translation.override(lang):
        text = services._locked_message(Period.parse(period_id), lock)
    words = re.findall(r"\w+", text.lower())
    assert not [a for a, b in zip(words, words[1:], strict=False) if a == b and not a.isdigit()]
