"""The one list of audit actions: every action has a Vietnamese name, and the trail refuses
names that are not on the list."""

import ast
from pathlib import Path

import pytest
from django.utils import translation

from theodoi.audit.actions import _LABELS, Action, label
from theodoi.audit.models import AuditEntry
from theodoi.audit.trail import record

THEODOI = Path(__file__).resolve().parents[2] / "theodoi"


def test_every_action_has_a_label():
    assert set(_LABELS) == set(Action)


def test_label_is_vietnamese_and_falls_back_to_the_name():
    with translation.override("vi"):
        assert label("tasks.task.confirmed") == "Xác nhận hoàn thành"
        assert label(Action.SUBMISSION_ACCEPTED) == "tiếp nhận, khóa số liệu"
    assert label("old.action.name") == "old.action.name"


def test_member_is_the_stored_string():
    assert Action.TASK_CONFIRMED == "tasks.task.confirmed"
    assert Action("reporting.submission.accepted") is Action.SUBMISSION_ACCEPTED


def test_no_action_is_written_as_a_free_string():
    """Calls of record() name a member of Action, never a literal: the list stays the one
    place where actions are spelled."""
    offenders = []
    for path in THEODOI.rglob("*.py"):
        if "migrations" in path.parts or path.name == "actions.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            if name == "record" and len(node.args) >= 2:
                arg = node.args[1]
                if isinstance(arg, ast.Constant | ast.JoinedStr):
                    offenders.append(f"{path.relative_to(THEODOI)}:{node.lineno}")
    assert offenders == []


@pytest.mark.django_db
def test_the_trail_refuses_a_name_not_on_the_list():
    with pytest.raises(ValueError):
        record(None, "tasks.task.teleported")
    assert not AuditEntry.objects.exists()
    entry = record(None, Action.TASK_CONFIRMED)
    assert entry.action == "tasks.task.confirmed"
