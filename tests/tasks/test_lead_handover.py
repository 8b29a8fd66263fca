"""A merged agency's open tasks pass to its successor (Nghị định 45/2025/NĐ-CP): the handover is
kept as data, and the scoreboard counts each status for the agency that led the task on its
date: the old agency before 01/03/2025, the successor from that day."""

from datetime import date

import pytest

from tests.tasks.test_agency_merge import MERGE, merge
from theodoi.org.models import Agency, AgencyKind
from theodoi.tasks import services
from theodoi.tasks import status as st
from theodoi.tasks.models import LeadHandover, State, Task
from theodoi.tasks.scoreboard import scoreboard, tasks_for_scoreboard, totals


@pytest.fixture
def merged(people, agencies, directive, at):
    """Sở Kế hoạch và Đầu tư leads five tasks assigned on 01/10/2024 and is merged into Sở Tài
    chính on 01/03/2025; the office transfers its open tasks that day. Seen on 01/09/2025."""
    skhdt = Agency.objects.create(
        code="SKHDT",
        name="Sở Kế hoạch và Đầu tư",
        kind=AgencyKind.DEPARTMENT,
        unit=agencies["STC"].unit,
    )
    at(date(2024, 10, 1))
    made = services.create_tasks(
        people["steering"],
        directive,
        [
            {"title": "T1 hạn 15/02/2025", "lead": skhdt, "deadline": date(2025, 2, 15)},
            {"title": "T2 hạn 30/06/2025", "lead": skhdt, "deadline": date(2025, 6, 30)},
            {"title": "T3 hằng quý", "lead": skhdt, "recurrence": "hằng quý"},
            {"title": "T4 thường xuyên", "lead": skhdt, "recurrence": "thường xuyên"},
            {"title": "T5 xong trước", "lead": skhdt, "deadline": date(2025, 4, 30)},
        ],
    )
    Task.objects.filter(pk=made[4].pk).update(
        state=State.DONE, reported_on=date(2025, 2, 20), confirmed_on=date(2025, 2, 21)
    )
    link = merge(people, agencies)
    at(MERGE)
    moved = services.transfer_open_tasks(people["steering"], link)
    at(date(2025, 9, 1))
    return {"tasks": made, "moved": moved, "link": link, "SKHDT": skhdt}


def board(start, end):
    rows = scoreboard(tasks_for_scoreboard(Task.objects.all()), start, end)
    return {r.agency.code: r.counts for r in rows}, totals(rows)


def counts(**kw):
    return {c: kw.get(c, 0) for c in st.CLASSES}


def test_the_transfer_writes_one_handover_per_led_task(merged, agencies):
    t1, t2, t3, t4, t5 = merged["tasks"]
    assert sorted(t.pk for t in merged["moved"]) == [t1.pk, t2.pk, t3.pk, t4.pk]
    rows = LeadHandover.objects.order_by("task_id")
    assert [(h.task_id, h.from_agency.code, h.to_agency.code, h.on) for h in rows] == [
        (t.pk, "SKHDT", "STC", MERGE) for t in (t1, t2, t3, t4)
    ]
    assert all(h.succession_id == merged["link"].pk for h in rows)
    assert "Nghị định 45/2025/NĐ-CP" in rows[0].reason


def test_a_span_entirely_before_the_merge_counts_for_the_old_agency(merged):
    by, total = board(date(2024, 10, 1), date(2025, 2, 28))
    # T1 overdue; T3's occurrence of 31/12/2024 overdue; T4 without deadline.
    assert by == {"SKHDT": counts(overdue=2, no_deadline=1)}
    assert total.total == 3


def test_a_span_entirely_after_the_merge_counts_for_the_successor(merged):
    by, total = board(MERGE, date(2025, 12, 31))
    # STC: T2 overdue, T3's four quarters (31/03 and 30/06 overdue, 30/09 and 31/12 in time),
    # T4; SKHDT keeps T5, done before the merge and never transferred.
    assert by == {
        "STC": counts(overdue=3, in_time=2, no_deadline=1),
        "SKHDT": counts(done_on_time=1),
    }
    assert total.total == 7


def test_a_span_straddling_the_merge_splits_by_each_status_date(merged):
    by, total = board(date(2025, 1, 1), date(2025, 6, 30))
    assert by == {
        "SKHDT": counts(overdue=1, done_on_time=1),  # T1 (15/02), T5
        "STC": counts(overdue=3, no_deadline=1),  # T2, T3 on 31/03 and 30/06, T4
    }
    assert total.total == 6


def test_a_recurring_task_counts_each_occurrence_for_its_lead_of_the_day(merged):
    t3 = merged["tasks"][2]
    only = Task.objects.filter(pk=t3.pk)
    rows = scoreboard(only, date(2024, 10, 1), date(2025, 12, 31))
    assert {r.agency.code: r.total for r in rows} == {"SKHDT": 1, "STC": 4}


def test_without_the_handover_rows_everything_counts_for_the_current_lead(merged):
    """The handover rows are what moves the old counts back: without them the task is the
    successor's for every day (the history lives in data, not in the audit text)."""
    LeadHandover.objects.all().delete()
    by, _ = board(date(2024, 10, 1), date(2025, 2, 28))
    assert by == {"STC": counts(overdue=2, no_deadline=1)}


def test_the_task_page_and_the_api_show_the_lead_history(merged, client_as, api_as):
    t1 = merged["tasks"][0]
    c = client_as("steering")
    body = c.get(f"/nhiem-vu/{t1.pk}/").content.decode()
    assert "Sở Kế hoạch và Đầu tư đến 28/02/2025; Sở Tài chính từ 01/03/2025" in body
    got = api_as("steering").get(f"/api/v1/tasks/{t1.pk}").json()
    assert got["lead"] == "STC"
    assert got["lead_history"] == [
        {"agency": "SKHDT", "since": None, "until": "2025-02-28"},
        {"agency": "STC", "since": "2025-03-01", "until": None},
    ]
    never_moved = merged["tasks"][4]
    body = c.get(f"/nhiem-vu/{never_moved.pk}/").content.decode()
    assert "đến 28/02/2025" not in body and "Sở Kế hoạch và Đầu tư" in body


def test_the_scoreboard_page_and_api_count_the_old_agency_before_the_merge(
    merged, client_as, api_as
):
    c = client_as("steering")
    rows = api_as("steering").get("/api/v1/scoreboard", start="2024-10-01", end="2025-02-28").json()
    assert [(r["agency"], r["total"]) for r in rows] == [("SKHDT", 3)]
    before = {"start": "01/10/2024", "end": "28/02/2025"}
    body = c.get("/nhiem-vu/bang-xep-hang/", before).content.decode()
    assert "?lead=SKHDT&" in body and "?lead=STC&" not in body
    after = {"start": "01/03/2025", "end": "31/12/2025"}
    body = c.get("/nhiem-vu/bang-xep-hang/", after).content.decode()
    assert "?lead=STC&" in body and "?lead=SKHDT&" in body  # T5, done before the merge


def test_the_list_a_scoreboard_row_links_to_holds_what_it_counts(merged, api_as):
    """The task list's lead filter asks who led each task on its deadline in force: the old
    agency for T1, for T3 (its current occurrence is still the one of 31/12/2024) and T5 (never
    moved); the successor for T2 and T4 (no deadline: the current lead)."""

    def titles(lead):
        rows = api_as("steering").get("/api/v1/tasks", lead=lead).json()
        return sorted(t["title"][:2] for t in rows)

    assert titles("SKHDT") == ["T1", "T3", "T5"]
    assert titles("STC") == ["T2", "T4"]
