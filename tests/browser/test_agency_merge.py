"""Agencies that merge, seen in a browser by the steering office: a task passed from Sở Kế
hoạch và Đầu tư to Sở Tài chính on 01/03/2025 shows both leads with their dates, the scoreboard
counts it for the old agency before that day and for the successor from it, and the first half
of 2025's reporting cycle expects Sở Tài chính in the old agency's place.
Screenshots: test-artifacts/merge-*.png."""

from datetime import date

import pytest
import time_machine

from tests.tasks.test_agency_merge import merge, ministry  # noqa: F401 - a fixture
from theodoi.reporting import services as reporting
from theodoi.reporting.models import ReportingRegime
from theodoi.tasks import services
from theodoi.tasks.models import Task

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Xây dựng danh mục dự án kêu gọi đầu tư"


def test_the_lead_history_the_split_scoreboard_and_the_cycle(
    page,
    login,
    shot,
    people,
    agencies,
    ministry,  # noqa: F811 - the imported fixture
):
    skhdt = ministry
    task = Task.objects.create(
        title=TITLE,
        assigner=people["steering"],
        assigning_agency=agencies["VP"],
        assigned_on=date(2024, 10, 1),
        lead=skhdt,
        deadline=date(2025, 2, 15),
    )
    Task.objects.create(
        title="Báo cáo tình hình thu hút đầu tư 6 tháng",
        assigner=people["steering"],
        assigning_agency=agencies["VP"],
        assigned_on=date(2024, 10, 1),
        lead=skhdt,
        deadline=date(2025, 6, 30),
    )
    link = merge(people, agencies)
    with time_machine.travel("2025-03-02 09:00 +0700", tick=False):
        services.transfer_open_tasks(people["steering"], link)
    regime = ReportingRegime.objects.create(
        code="ktxh",
        name="Báo cáo tình hình kinh tế - xã hội",
        content="Tình hình thực hiện nhiệm vụ kinh tế - xã hội.",
        recipient=agencies["VP"],
        frequency="half",
        deadline_kind="working_days",
        deadline_day=3,
        issuer=agencies["UBND"],
    )
    regime.agencies.set([skhdt, agencies["SVH"]])
    cycle = reporting.open_cycle(people["steering"], regime, "2025S1")

    login("vanphong", "pw-vanphong")
    page.goto(f"{page.base}/nhiem-vu/{task.pk}/")
    assert page.inner_text("#lead") == (
        "Sở Kế hoạch và Đầu tư đến 28/02/2025; Sở Tài chính từ 01/03/2025"
    )
    shot(page, "merge-1-task-lead-history")

    page.goto(f"{page.base}/nhiem-vu/bang-xep-hang/?start=01/10/2024&end=28/02/2025")
    body = page.inner_text("main")
    assert "Sở Kế hoạch và Đầu tư" in body and "Sở Tài chính" not in body
    shot(page, "merge-2-scoreboard-before")
    page.goto(f"{page.base}/nhiem-vu/bang-xep-hang/?start=01/03/2025&end=31/12/2025")
    body = page.inner_text("main")
    assert "Sở Tài chính" in body and "Sở Kế hoạch và Đầu tư" not in body
    shot(page, "merge-3-scoreboard-after")

    page.goto(f"{page.base}/bao-cao/ky/{cycle.pk}/")
    board = page.inner_text("#board")
    assert "Sở Tài chính" in board and "báo cáo thay Sở Kế hoạch và Đầu tư" in board
    shot(page, "merge-4-cycle")
