"""Tasks seen as of a date (core.dates.as_of): the list, the task page, the home tiles,
the scoreboard, a directive's progress and the API classify on that date, on both sides
of the deadline; what a service writes still happens today."""

from datetime import date

import pytest

from tests.tasks.conftest import DEADLINE
from theodoi.tasks import services
from theodoi.tasks.models import Task

pytestmark = pytest.mark.django_db

LATER = date(2026, 11, 30)  # the day the pages are opened


@pytest.fixture
def office(task, client_as, at):
    at(LATER)
    return client_as("steering")


def _choose(client, day):
    assert client.get(f"/?ngay={day:%d/%m/%Y}").status_code == 302


def test_the_list_classifies_on_the_deadline_and_the_day_after(office, task):
    _choose(office, DEADLINE)
    body = office.get("/nhiem-vu/").content.decode()
    assert "Chưa hoàn thành, trong hạn" in body and "quá hạn" not in body.split("<tbody")[1]
    _choose(office, date(2021, 10, 1))
    rows = office.get("/nhiem-vu/").content.decode().split("<tbody")[1]
    assert "Chưa hoàn thành, quá hạn" in rows and "1 ngày" in rows
    # Today (2026): 1.887 days late, as the list said before anyone chose a date.
    office.get("/?ngay=hom-nay")
    [(_t, s)] = office.get("/nhiem-vu/").context["page"].object_list
    assert s.cls == "overdue" and s.days_overdue == (LATER - DEADLINE).days == 1887


def test_the_task_page_and_the_home_tiles_speak_of_the_chosen_date(office, task):
    _choose(office, DEADLINE)
    assert (
        "quá hạn"
        not in office.get(f"/nhiem-vu/{task.pk}/")
        .content.decode()
        .split('id="status-class"')[1]
        .split("</span>")[0]
    )
    home = office.get("/")
    counts = {c: n for c, _label, _tone, n in home.context["panels"][1]["counts"]}
    assert counts["in_time"] == 1 and counts["overdue"] == 0
    _choose(office, date(2021, 10, 1))
    status = office.get(f"/nhiem-vu/{task.pk}/").content.decode().split('id="status-class"')[1]
    assert "quá hạn 1 ngày" in status.split("</span>")[0]
    counts = {c: n for c, _l, _t, n in office.get("/").context["panels"][1]["counts"]}
    assert counts["in_time"] == 0 and counts["overdue"] == 1


def test_a_task_assigned_after_the_date_did_not_exist_yet(office, task):
    _choose(office, date(2021, 6, 14))  # the task was assigned on 15/06/2021
    assert office.get("/nhiem-vu/").context["page"].object_list == []
    _choose(office, date(2021, 6, 15))
    assert [t.pk for t, _s in office.get("/nhiem-vu/").context["page"].object_list] == [task.pk]


def test_a_completion_reported_after_the_date_had_not_happened(task, people, client_as, at):
    at(date(2021, 9, 20))
    services.report_done(people["leader"], task, text="Đã trình UBND tỉnh.")
    at(LATER)
    c = client_as("steering")
    _choose(c, date(2021, 9, 19))
    [(_t, s)] = c.get("/nhiem-vu/").context["page"].object_list
    assert s.cls == "in_time" and s.due == DEADLINE
    _choose(c, date(2021, 9, 20))
    assert "Chưa hoàn thành, trong hạn" in c.get(f"/nhiem-vu/{task.pk}/").content.decode()


def test_the_scoreboard_and_the_directive_progress_count_on_the_date(office, task):
    _choose(office, DEADLINE)
    r = office.get("/nhiem-vu/bang-xep-hang/?start=01/01/2021&end=31/12/2021")
    assert r.context["total"].counts["in_time"] == 1 and r.context["total"].counts["overdue"] == 0
    roll = office.get(f"/nhiem-vu/van-ban/{task.directive_id}/tien-do/").context["roll"]
    assert roll.counts["in_time"] == 1 and roll.counts["overdue"] == 0
    _choose(office, date(2021, 10, 1))
    r = office.get("/nhiem-vu/bang-xep-hang/?start=01/01/2021&end=31/12/2021")
    assert r.context["total"].counts["overdue"] == 1 and r.context["total"].days_overdue == 1
    roll = office.get(f"/nhiem-vu/van-ban/{task.directive_id}/tien-do/").context["roll"]
    assert roll.counts["overdue"] == 1


def test_the_api_classifies_on_as_of_and_echoes_it(task, api_as, at):
    at(LATER)
    api = api_as("steering")
    [row] = api.get("/api/v1/tasks", as_of="2021-09-30").json()
    assert (row["status"], row["days_overdue"], row["as_of"]) == ("in_time", 0, "2021-09-30")
    row = api.get(f"/api/v1/tasks/{task.pk}", as_of="2021-10-01").json()
    assert (row["status"], row["days_overdue"], row["as_of"]) == ("overdue", 1, "2021-10-01")
    row = api.get(f"/api/v1/tasks/{task.pk}").json()
    assert row["as_of"] == "2026-11-30" and row["days_overdue"] == (LATER - DEADLINE).days
    assert api.get("/api/v1/tasks", as_of="2021-06-14").json() == []
    [sb] = api.get("/api/v1/scoreboard", as_of="2021-09-30").json()
    assert (sb["in_time"], sb["overdue"], sb["as_of"]) == (1, 0, "2021-09-30")
    [sb] = api.get("/api/v1/scoreboard", as_of="2021-10-01").json()
    assert (sb["in_time"], sb["overdue"], sb["days_overdue"]) == (0, 1, 1)


def test_the_chosen_date_never_changes_what_a_service_writes(task, people, client_as, at):
    """A report made while the page speaks of 01/07/2021 is dated today (01/08/2021)."""
    at(date(2021, 8, 1))
    c = client_as("leader")
    _choose(c, date(2021, 7, 1))
    r = c.post(
        f"/nhiem-vu/{task.pk}/thao-tac/report/", {"text": "Đã trình UBND tỉnh."}, follow=True
    )
    assert r.status_code == 200
    assert Task.objects.get(pk=task.pk).reported_on == date(2021, 8, 1)
