"""Bulk assignment: all or nothing, every row error named."""

from datetime import date

import pytest

from theodoi.audit.models import AuditEntry
from theodoi.core.errors import DomainError, NotAllowed
from theodoi.tasks.models import Task
from theodoi.tasks.services import create_tasks


def test_bad_rows_save_nothing_and_name_every_field(people, agencies, directive, at):
    at(date(2021, 6, 15))
    agencies["SVH"].dissolved_on = date(2021, 1, 1)
    agencies["SVH"].save()
    rows = [
        {"title": "Đúng", "lead": agencies["STC"], "deadline": date(2021, 9, 30)},
        {"title": "Hạn trước ngày giao", "lead": agencies["STC"], "deadline": date(2021, 6, 1)},
        {"title": "Cơ quan đã giải thể", "lead": agencies["SVH"], "deadline": date(2021, 9, 30)},
        {"title": "", "lead": agencies["STC"]},
        {"title": "Thời hạn lạ", "lead": agencies["STC"], "recurrence": "thỉnh thoảng"},
    ]
    with pytest.raises(DomainError) as e:
        create_tasks(people["steering"], directive, rows)
    got = [(x["index"], x["field"]) for x in e.value.errors]
    assert got == [(1, "deadline"), (2, "lead"), (3, "title"), (4, "recurrence")]
    assert (
        "không còn tồn tại" in e.value.errors[1]["message"]
        and "01/06/2021" in e.value.errors[0]["message"]
    )
    assert not Task.objects.exists() and not AuditEntry.objects.exists()


def test_good_rows_are_all_created_with_an_audit_entry_each(people, agencies, directive, at):
    at(date(2021, 6, 15))
    tasks = create_tasks(
        people["steering"],
        directive,
        [
            {
                "title": f"Nhiệm vụ {i}",
                "lead": agencies["STC"],
                "coordinators": [agencies["SVH"]],
                "deadline": date(2021, 12, 31),
            }
            for i in range(3)
        ]
        + [
            {
                "title": "Thường xuyên",
                "lead": agencies["STC"],
                "recurrence": "Thường xuyên",
                "deadline": date(2021, 12, 31),
            }
        ],
    )
    assert (
        len(tasks) == 4 and tasks[3].deadline is None and tasks[3].deadline_label == "Thường xuyên"
    )
    assert AuditEntry.objects.filter(action="tasks.task.assigned").count() == 4
    assert list(tasks[0].coordinators.values_list("code", flat=True)) == ["SVHTTDL"]


@pytest.mark.parametrize("persona", ["specialist", "outsider", "viewer", "nobody"])
def test_only_the_steering_office_or_the_issuers_leaders_assign(
    people, agencies, directive, persona
):
    with pytest.raises(NotAllowed):
        create_tasks(people[persona], directive, [{"title": "x", "lead": agencies["STC"]}])
    assert not Task.objects.exists()
