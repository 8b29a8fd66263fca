"""The names the admin and logs show for a task's rows (__str__): Vietnamese dates and figures."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from theodoi.tasks.models import ExtensionRequest, Occurrence, ProgressUpdate

pytestmark = pytest.mark.django_db

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def test_an_occurrence_is_named_by_its_task_and_due_date(task):
    o = Occurrence(task=task, due=date(2021, 9, 30))
    assert str(o) == "Rà soát, bổ sung Chương trình hành động · 30/09/2021"


def test_a_progress_update_is_named_by_its_local_day_and_percent(task, people, agencies):
    # 23:30 UTC on 30/06 is already 01/07 in Việt Nam.
    u = ProgressUpdate(
        task=task,
        author=people["specialist"],
        agency=agencies["STC"],
        at=datetime(2021, 6, 30, 23, 30, tzinfo=ZoneInfo("UTC")),
        text="Đã xong dự thảo.",
        percent=Decimal("67.40"),
    )
    assert str(u) == "Rà soát, bổ sung Chương trình hành động · 01/07/2021 · 67,4%"


def test_an_extension_request_names_both_deadlines_and_the_decision(task, people):
    r = ExtensionRequest(
        task=task,
        requested_by=people["specialist"],
        requested_at=datetime(2021, 9, 1, 9, tzinfo=HCM),
        reason="Chờ số liệu quý III.",
        current_deadline=date(2021, 9, 30),
        proposed_deadline=date(2021, 10, 31),
    )
    assert str(r) == (
        "Rà soát, bổ sung Chương trình hành động · 30/09/2021 → 31/10/2021 · Chờ quyết định"
    )
