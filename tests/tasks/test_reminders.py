"""send_reminders: at most one notice a person a day; nothing twice in a day."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from theodoi.notices.models import Notification
from theodoi.tasks.reminders import send_notice
from theodoi.tasks.services import create_tasks, report_done

TODAY = date(2021, 9, 23)


@pytest.fixture
def due(people, agencies, directive, at):
    at(date(2021, 6, 15))
    return create_tasks(
        people["steering"],
        directive,
        [
            {
                "title": "Hạn sau 7 ngày",
                "lead": agencies["STC"],
                "deadline": TODAY + timedelta(days=7),
            },
            {
                "title": "Hạn ngày mai",
                "lead": agencies["STC"],
                "deadline": TODAY + timedelta(days=1),
            },
            {"title": "Đã quá hạn", "lead": agencies["STC"], "deadline": TODAY - timedelta(days=3)},
            {
                "title": "Hạn sau 3 ngày",
                "lead": agencies["STC"],
                "deadline": TODAY + timedelta(days=3),
            },
            {
                "title": "Việc của Sở Văn hóa",
                "lead": agencies["SVH"],
                "deadline": TODAY + timedelta(days=1),
            },
        ],
    )


@pytest.fixture
def remind(django_capture_on_commit_callbacks):
    """send_reminders as a cron job runs it: the mail leaves when its transaction commits
    (send_notice defers it with transaction.on_commit; the test's own transaction never does)."""

    def run(stdout=None):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_reminders", stdout=stdout or StringIO())

    return run


def test_each_responsible_person_gets_one_notice_listing_their_tasks(due, at, remind):
    at(TODAY)
    mail.outbox.clear()
    out = StringIO()
    remind(out)
    assert "3 người" in out.getvalue()  # leader + specialist of STC, specialist of SVH
    by_person = {m.to[0]: m for m in mail.outbox}
    assert sorted(by_person) == [
        "chuyenvien.stc@example.vn",
        "chuyenvien.svh@example.vn",
        "lanhdao.stc@example.vn",
    ]
    body = by_person["chuyenvien.stc@example.vn"].body
    assert (
        "Hạn sau 7 ngày" in body
        and "Hạn ngày mai" in body
        and "Đã quá hạn" in body
        and "quá hạn 3 ngày" in body
    )
    assert "Hạn sau 3 ngày" not in body and "Việc của Sở Văn hóa" not in body
    assert Notification.objects.filter(user__username="chuyenvien.stc").count() == 1


def test_running_twice_in_a_day_sends_nothing_twice_but_the_next_day_it_does(due, at, remind):
    at(TODAY)
    remind()
    sent = len(mail.outbox)
    out = StringIO()
    remind(out)
    assert len(mail.outbox) == sent and "0 người" in out.getvalue()
    at(TODAY + timedelta(days=1))
    remind()
    assert len(mail.outbox) > sent  # overdue tasks are reminded again the next day


def test_a_reported_or_done_task_is_not_reminded(due, people, at, remind):
    at(TODAY - timedelta(days=5))
    report_done(people["specialist"], due[1], text="Xong")
    at(TODAY)
    mail.outbox.clear()
    remind()
    assert "Hạn ngày mai" not in mail.outbox[0].body


def test_send_notice_deduplicates_per_key_and_day(people, at, django_capture_on_commit_callbacks):
    at(TODAY)
    user = people["leader"]
    assert send_notice(
        user, subject="Báo cáo quý", body="Nhắc nộp", url="/bao-cao/", dedupe_key="reporting.q3"
    )
    assert not send_notice(
        user, subject="Báo cáo quý", body="Nhắc nộp", url="/bao-cao/", dedupe_key="reporting.q3"
    )
    assert send_notice(user, subject="Khác", body="", dedupe_key="reporting.other")
    at(TODAY + timedelta(days=1))
    assert send_notice(
        user, subject="Báo cáo quý", body="Nhắc nộp", url="/bao-cao/", dedupe_key="reporting.q3"
    )
    assert Notification.objects.filter(user=user).count() == 3
    assert not any(n.emailed for n in Notification.objects.all())  # nothing committed yet
    with django_capture_on_commit_callbacks(execute=True) as mails:
        send_notice(user, subject="Lần nữa", body="", dedupe_key="reporting.again")
    assert len(mails) == 1 and mail.outbox[-1].subject == "Lần nữa"
    assert Notification.objects.get(dedupe_key="reporting.again").emailed
