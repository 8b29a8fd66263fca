"""The task list's filters, count, rows and pager are drawn once per visibility scope and
request (tasks.cache.task_list, issue 13): people who see the same tasks share a drawing,
nobody is given one drawn for a wider scope, and a change of a task, of its lead agency or
of its directive, another as-of date or another language is a new drawing."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from theodoi.permissions.tasks import visibility_scope
from theodoi.tasks import cache as tasks_cache
from theodoi.tasks import services

# On Django's local memory cache and on a real Redis.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_cache")]

TITLE = "Rà soát, bổ sung Chương trình hành động"
EMPTY = "Không có nhiệm vụ nào phù hợp."


def _list(client, params=None):
    with CaptureQueriesContext(connection) as q:
        r = client.get("/nhiem-vu/", params or {})
    assert r.status_code == 200
    return r.content.decode(), len(q)


def test_the_scope_is_what_visibility_depends_on(people, agencies):
    assert visibility_scope(people["steering"]) == ("all",)
    assert visibility_scope(people["viewer"]) == ("all",)
    assert visibility_scope(people["leader"]) == (agencies["STC"].pk,)
    assert visibility_scope(people["leader"]) == visibility_scope(people["specialist"])
    assert visibility_scope(people["outsider"]) == (agencies["SVH"].pk,)


def test_a_list_is_never_given_to_someone_who_may_not_see_it(task, client_as):
    for persona in ("steering", "specialist"):
        html, _n = _list(client_as(persona))
        assert TITLE in html
    # Drawn for the office and for STC just before: the outsider (SVH) gets its own.
    html, _n = _list(client_as("outsider"))
    assert TITLE not in html and EMPTY in html
    # Filters in the query are part of the key; the rule holds there too.
    html, _n = _list(client_as("outsider"), {"q": "rà soát"})
    assert TITLE not in html and EMPTY in html
    html, _n = _list(client_as("leader"), {"q": "rà soát"})
    assert TITLE in html


def test_people_of_the_same_agencies_share_a_drawing(task, client_as, monkeypatch):
    drawn = []
    real = tasks_cache.filtered_statuses
    monkeypatch.setattr(
        tasks_cache, "filtered_statuses", lambda *a, **kw: drawn.append(1) or real(*a, **kw)
    )
    assert TITLE in _list(client_as("leader"))[0]
    assert TITLE in _list(client_as("specialist"))[0]  # STC both: the leader's drawing
    assert len(drawn) == 1
    assert TITLE not in _list(client_as("outsider"))[0]
    assert TITLE in _list(client_as("steering"))[0]
    assert len(drawn) == 3


def test_a_task_change_is_listed_at_once(
    task, people, client_as, django_capture_on_commit_callbacks
):
    client = client_as("steering")
    html, _n = _list(client)
    assert "Đã hủy" not in html.split("<tbody")[1]
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_task(people["steering"], task, reason="Không còn phù hợp")
    html, _n = _list(client)
    assert "Đã hủy" in html.split("<tbody")[1]


def test_a_change_of_the_directive_or_the_lead_agency_is_listed(
    task, directive, agencies, client_as
):
    client = client_as("steering")
    html, _n = _list(client)
    assert "112/KH-UBND" in html and ">STC</td>" in html
    directive.number = "113/KH-UBND"
    directive.save()
    agencies["STC"].short_name = "Sở TC"
    agencies["STC"].save()
    html, _n = _list(client)
    assert "113/KH-UBND" in html and "112/KH-UBND" not in html
    assert ">Sở TC</td>" in html


def test_the_as_of_date_and_the_language_are_part_of_the_key(task, client_as):
    client = client_as("steering")
    assert TITLE in _list(client)[0]
    client.get("/?ngay=14/06/2021")  # the task was assigned on 15/06/2021
    html, _n = _list(client)
    assert TITLE not in html and EMPTY in html
    client.get("/?ngay=01/10/2021")
    html, _n = _list(client)
    assert TITLE in html and "Chưa hoàn thành, quá hạn" in html and "1 ngày" in html
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html, _n = _list(client)
    assert TITLE in html and "Chưa hoàn thành, quá hạn" not in html and "Lead" in html


def test_the_assign_button_is_the_persons_own(task, client_as):
    """Drawn outside the cached part: the office assigns, the specialist does not."""
    assert "/nhiem-vu/giao/" in _list(client_as("steering"))[0]
    assert "/nhiem-vu/giao/" not in _list(client_as("viewer"))[0]  # the same scope ("all")


def test_the_pager_follows_the_page_asked(task, people, agencies, directive, client_as):
    rows = [
        {"title": f"Việc {i:02}", "lead": agencies["SVH"], "coordinators": []}
        | {"deadline": date(2021, 9, 30), "recurrence": "", "content": "", "product": ""}
        for i in range(55)
    ]
    services.create_tasks(people["steering"], directive, rows)
    client = client_as("steering")
    one, _n = _list(client)
    two, _n = _list(client, {"page": "2"})
    assert "Trang 1/2" in one and "Trang 2/2" in two and one != two
