"""One rule for the status class a task is shown with (tasks.status.task_status):
paused and cancelled tasks are "Tạm hoãn" / "Đã hủy" everywhere and never "trong hạn";
each home tile counts exactly the rows of the list it links to, and the API and the
scoreboard say the same."""

import re
from datetime import date

import pytest

from theodoi.audit.actions import Action
from theodoi.audit.actions import label as action_label
from theodoi.tasks import services
from theodoi.tasks import status as st
from theodoi.tasks.models import State, Task

TODAY = date(2021, 9, 1)


@pytest.fixture
def every_state(people, agencies, directive, at):
    at(date(2021, 6, 15))
    rows = [
        ("overdue", date(2021, 7, 31), ""),
        ("in time", date(2021, 12, 31), ""),
        ("in progress", date(2021, 12, 31), ""),
        ("reported in time", date(2021, 12, 31), ""),
        ("reported late", date(2021, 7, 31), ""),
        ("done on time", date(2021, 7, 31), ""),
        ("done late", date(2021, 7, 31), ""),
        ("returned", date(2021, 12, 31), ""),
        ("paused in time", date(2021, 12, 31), ""),
        ("paused overdue", date(2021, 7, 31), ""),
        ("cancelled", date(2021, 12, 31), ""),
        ("no deadline", None, ""),
        ("continuous", date(2021, 12, 31), "Thường xuyên"),
    ]
    made = services.create_tasks(
        people["steering"],
        directive,
        [
            {
                "title": f"Nhiệm vụ {name}",
                "lead": agencies["STC" if i % 2 else "SVH"],
                "deadline": deadline,
                "recurrence": recurrence,
            }
            for i, (name, deadline, recurrence) in enumerate(rows)
        ],
    )
    t = {name: task for (name, _d, _r), task in zip(rows, made, strict=True)}

    def w(task):
        return people["specialist"] if task.lead.code == "STC" else people["outsider"]

    steering = people["steering"]
    at(date(2021, 7, 10))
    services.start_task(w(t["in progress"]), t["in progress"])
    services.report_done(w(t["done on time"]), t["done on time"], text="Xong")
    services.confirm_done(steering, t["done on time"])
    services.report_done(w(t["reported in time"]), t["reported in time"], text="Xong")
    services.report_done(w(t["returned"]), t["returned"], text="Xong")
    services.return_task(steering, t["returned"], reason="Chưa đạt")
    services.pause_task(steering, t["paused in time"], reason="Chờ chủ trương")
    services.pause_task(steering, t["paused overdue"], reason="Chờ chủ trương")
    services.cancel_task(steering, t["cancelled"], reason="Không còn cần")
    at(date(2021, 8, 10))
    services.report_done(w(t["done late"]), t["done late"], text="Xong")
    services.confirm_done(steering, t["done late"])
    services.report_done(w(t["reported late"]), t["reported late"], text="Xong")
    at(TODAY)
    return t


EXPECTED = {
    st.DONE_ON_TIME: {"done on time"},
    st.DONE_LATE: {"done late"},
    st.IN_TIME: {"in time", "in progress", "reported in time", "returned"},
    st.OVERDUE: {"overdue", "reported late"},
    st.NO_DEADLINE: {"no deadline", "continuous"},
    st.PAUSED: {"paused in time", "paused overdue"},
    st.CANCELLED: {"cancelled"},
}


def test_every_state_has_one_status_class(every_state):
    names = {t.pk: k for k, t in every_state.items()}
    got = {}
    for task in Task.objects.all():
        got.setdefault(task.status(TODAY).cls, set()).add(names[task.pk])
    assert got == EXPECTED
    assert Task.objects.get(pk=every_state["paused in time"].pk).status(TODAY).label == "Tạm hoãn"
    assert Task.objects.get(pk=every_state["cancelled"].pk).status(TODAY).label == "Đã hủy"


@pytest.mark.parametrize("persona", ["steering", "leader", "outsider", "viewer"])
def test_each_tile_counts_the_rows_of_its_list_and_the_api_and_scoreboard_agree(
    persona, every_state, client_as, api_as, people
):
    names = {t.pk: k for k, t in every_state.items()}
    visible = {names[t.pk] for t in Task.objects.visible_to(people[persona])}
    c = client_as(persona)
    home = c.get("/").content.decode()
    tiles = {cls: int(n) for cls, n in re.findall(r'href="/nhiem-vu/\?status=(\w+)">(\d+)<', home)}
    assert set(tiles) == set(st.CLASSES)
    api = api_as(persona)
    span = {"start": "01/01/2021", "end": "31/12/2021"}
    board = c.get("/nhiem-vu/bang-xep-hang/", span).context["total"]
    api_board = api.get("/api/v1/scoreboard", start="2021-01-01", end="2021-12-31").json()
    for cls in st.ALL_CLASSES:
        expected = EXPECTED[cls] & visible
        listed = c.get("/nhiem-vu/", {"status": cls})
        rows = [(t, s) for t, s in listed.context["page"].object_list]
        assert {names[t.pk] for t, _s in rows} == expected, cls
        assert listed.context["count"] == len(expected)
        assert all(s.cls == cls and s.label == st.LABELS[cls] for _t, s in rows)
        from_api = api.get("/api/v1/tasks", status=cls).json()
        assert {names[t["id"]] for t in from_api} == expected
        assert {t["status_label"] for t in from_api} <= {str(st.LABELS[cls])}
        if cls in st.CLASSES:
            assert tiles[cls] == len(expected), cls
            assert board.counts[cls] == len(expected), cls
            assert sum(r[cls] for r in api_board) == len(expected), cls
    # Paused and cancelled tasks are counted nowhere.
    counted = visible - EXPECTED[st.PAUSED] - EXPECTED[st.CANCELLED]
    assert board.total == sum(tiles.values()) == len(counted)


def test_the_task_page_shows_paused_and_cancelled(every_state, client_as):
    c = client_as("steering")
    for name, label in [("paused in time", "Tạm hoãn"), ("cancelled", "Đã hủy")]:
        body = c.get(f"/nhiem-vu/{every_state[name].pk}/").content.decode()
        badge = re.search(r'id="status-class">([^<]*)<', body).group(1)
        assert badge.strip() == label
    assert Task.objects.get(pk=every_state["paused in time"].pk).state == State.PAUSED


def test_a_paused_task_has_one_word_everywhere():
    """Issue 14, item 6: the status class, the workflow state and the audit trail say the same."""
    words = {str(st.LABELS[st.PAUSED]), str(State.PAUSED.label)}
    assert words == {"Tạm hoãn"}
    assert str(action_label(Action.TASK_PAUSED)) == "Tạm hoãn"
