"""The task list's rows (templates/tasks/_rows.html, its column names drawn once per table
instead of once per cell): each person sees the tasks they may see, the cells' column names
follow the language, and an overdue row says by how many days."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from theodoi.tasks.models import State
from theodoi.tasks.services import create_tasks

pytestmark = pytest.mark.django_db

TITLE = "Rà soát, bổ sung Chương trình hành động"


def test_two_people_do_not_see_each_others_tasks(task, client_as):
    assert TITLE in client_as("specialist").get("/nhiem-vu/").content.decode()
    # The outsider (SVH) sees none of STC's tasks, asked just after the specialist.
    outsider = client_as("outsider").get("/nhiem-vu/").content.decode()
    assert TITLE not in outsider and "Không có nhiệm vụ nào phù hợp." in outsider
    assert TITLE in client_as("steering").get("/nhiem-vu/").content.decode()


def test_the_cells_are_named_in_the_pages_language(task, client_as):
    client = client_as("steering")
    vi = client.get("/nhiem-vu/", {"ngay": "01/10/2021"}, follow=True).content.decode()
    assert re.findall(r'data-label="([^"]*)"', vi) == [
        "Chủ trì",
        "Thời hạn",
        "Tình trạng",
        "Phân loại",
        "Tiến độ",
    ]
    assert "1 ngày</small>" in vi  # due 30/09/2021, seen on 01/10/2021
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    en = client.get("/nhiem-vu/").content.decode()
    labels = re.findall(r'data-label="([^"]*)"', en)
    assert labels[0] == "Lead" and len(labels) == 5
    assert not {"Chủ trì", "Thời hạn", "Tình trạng", "Phân loại", "Tiến độ"} & set(labels)


def test_the_state_label_is_the_choices_label(task, people):
    for state in State.values:
        task.state = state
        assert str(task.state_label) == str(task.get_state_display())
    task.state = "unknown"
    assert task.state_label == task.get_state_display() == "unknown"


def test_the_list_reads_no_row_per_task(task, people, agencies, directive, client_as):
    """The page loads its 50 rows with their lead and directive in one query
    (queries.load(rows_only=True)): more tasks, the same number of queries, and not
    the coordinators and handovers the rows do not show."""
    client = client_as("steering")

    def count():
        cache.clear()  # the drawing's queries, not a drawing kept (tasks.cache)
        with CaptureQueriesContext(connection) as q:
            assert client.get("/nhiem-vu/").status_code == 200
        # Nor the coordinators or handovers the rows do not draw.
        assert not [x for x in q.captured_queries if "coordinators" in x["sql"]]
        assert not [x for x in q.captured_queries if "handover" in x["sql"]]
        return len(q)

    count()  # the first view of a session reads what later ones keep
    one = count()
    create_tasks(
        people["steering"],
        directive,
        [
            {"title": f"Việc {i}", "lead": agencies["SVH"], "coordinators": [agencies["TU"]]}
            | {"deadline": task.deadline, "recurrence": "", "content": "", "product": ""}
            for i in range(5)
        ],
    )
    assert count() == one
