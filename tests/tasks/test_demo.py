"""The demo: the 15/06/2021 meeting's conclusions are tasks on the scoreboard, every
status class shows, and loading twice changes nothing."""

from datetime import date

from django.core.management import call_command

from theodoi.audit.models import AuditEntry
from theodoi.directives.models import Directive, Meeting
from theodoi.targets.models import Indicator
from theodoi.tasks import status as st
from theodoi.tasks.models import State, Task
from theodoi.tasks.scoreboard import scoreboard


def test_the_demo_meeting_becomes_tasks_on_the_scoreboard_and_loads_idempotently(db):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    counts = (
        Task.objects.count(),
        Directive.objects.count(),
        Meeting.objects.count(),
        AuditEntry.objects.count(),
    )
    call_command("load_demo", stdout=open("/dev/null", "w"))
    assert (
        Task.objects.count(),
        Directive.objects.count(),
        Meeting.objects.count(),
        AuditEntry.objects.count(),
    ) == counts

    meeting = Meeting.objects.get(held_on=date(2021, 6, 15))
    assert (
        meeting.host.code == "TT-TU"
        and "Trần Đức Quận" in meeting.chair
        and meeting.notice.number == "125-TB/TU"
    )
    conclusion_tasks = Task.objects.filter(conclusion__meeting=meeting)
    assert conclusion_tasks.count() == 8
    assert set(conclusion_tasks.values_list("lead__code", flat=True)) == {"BCSD-UBND", "UBND"}
    rows = {
        r.agency.code: r
        for r in scoreboard(Task.objects.all(), date(2021, 1, 1), date(2021, 12, 31))
    }
    assert set(rows) == {"BCSD-UBND", "UBND"} and rows["BCSD-UBND"].counts[st.DONE_ON_TIME] == 3
    assert rows["UBND"].counts[st.OVERDUE] == 1

    # The cascade: resolution → programme → plan, and the notice under the programme.
    plan = Directive.objects.get(number="112/KH-UBND")
    assert plan.implements.number == "10-CTr/TU" and plan.implements.implements.implements is None
    assert meeting.notice.implements == plan.implements
    assert plan.implements.implements.breakthroughs.count() == 4
    # the targets demo links its indicators to the resolution
    assert Indicator.objects.filter(directive=plan.implements.implements).exists()

    # Every status class shows now, and every workflow state is present.
    classes = {t.status().cls for t in Task.objects.all()}
    assert classes == set(st.ALL_CLASSES)
    assert set(Task.objects.values_list("state", flat=True)) >= {s.value for s in State} - {
        State.RETURNED
    }
    assert AuditEntry.objects.filter(action="tasks.task.returned").exists()
    assert AuditEntry.objects.filter(action="tasks.extension.approved").exists()
