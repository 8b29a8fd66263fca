"""The whole loop in a real browser, as the two people involved: vanphong assigns a
task to Sở Tài chính; chuyenvien.stc reports progress with a file and reports it
done; vanphong confirms it. Screenshots under test-artifacts/tasks-*.png."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from theodoi.audit.models import AuditEntry
from theodoi.demo.org import DEMO_PASSWORD
from theodoi.tasks.models import State, Task

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
TITLE = "Tham mưu phương án điều hành ngân sách cuối năm"


def logout(page):
    page.click("button:has-text('Đăng xuất')")
    page.wait_for_load_state("networkidle")


def test_assignment_progress_report_and_confirmation_by_the_two_users(page, login, shot):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    deadline = timezone.localdate() + timedelta(days=30)

    # 1. The steering office assigns the task to Sở Tài chính.
    login("vanphong", DEMO_PASSWORD)
    page.goto(page.base + "/nhiem-vu/")
    page.click("text=Giao nhiệm vụ")
    page.select_option(
        "#id_directive",
        label=page.locator("#id_directive option", has_text="112/KH-UBND").first.inner_text(),
    )
    page.fill("#id_title", TITLE)
    page.fill("#id_content", "Đề xuất phương án điều hành thu, chi ngân sách những tháng cuối năm.")
    page.select_option("#id_lead", label="Sở Tài chính")
    page.fill("#id_product", "Báo cáo trình UBND tỉnh")
    page.fill("#id_deadline", deadline.isoformat())
    shot(page, "tasks-1-assign-form")
    page.click("button:has-text('Giao nhiệm vụ')")
    page.wait_for_load_state("networkidle")
    body = page.inner_text("body")
    assert "Đã giao nhiệm vụ cho Sở Tài chính" in body and TITLE in body
    assert "Chưa hoàn thành, trong hạn" in page.inner_text("#status-class")
    shot(page, "tasks-2-assigned")
    task_url = page.url
    logout(page)

    # 2. The STC specialist finds it in "Việc của tôi", reports progress with a PDF,
    # then reports it done.
    login("chuyenvien.stc", DEMO_PASSWORD)
    page.goto(page.base + "/nhiem-vu/cua-toi/")
    page.click(f"text={TITLE}")
    page.fill("#form-progress textarea[name=text]", "Đã tổng hợp số liệu thu, chi 10 tháng.")
    page.fill("#form-progress input[name=percent]", "60")
    page.set_input_files(
        "#form-progress input[type=file]",
        files=[{"name": "so-lieu.pdf", "mimeType": "application/pdf", "buffer": PDF}],
    )
    page.click("#form-progress button")
    page.wait_for_load_state("networkidle")
    assert "Đã cập nhật tiến độ" in page.inner_text("body")
    assert "so-lieu.pdf" in page.inner_text("#timeline")
    page.fill(
        "#form-report textarea[name=text]",
        "Đã trình UBND tỉnh báo cáo phương án điều hành ngân sách.",
    )
    page.click("#form-report button")
    page.wait_for_load_state("networkidle")
    assert "chờ người giao xác nhận" in page.inner_text("body")
    assert page.locator("#form-confirm").count() == 0  # the lead agency cannot confirm its own task
    shot(page, "tasks-3-reported-by-stc")
    logout(page)

    # 3. vanphong sees it waiting for confirmation and confirms it.
    login("vanphong", DEMO_PASSWORD)
    page.goto(page.base + "/nhiem-vu/cua-toi/")
    assert "Chờ tôi xác nhận hoàn thành" in page.inner_text("body")
    shot(page, "tasks-4-waiting-for-vanphong")
    page.goto(task_url)
    page.fill("#form-confirm input[name=note]", "Đạt yêu cầu.")
    page.click("#form-confirm button")
    page.wait_for_load_state("networkidle")
    assert "Hoàn thành đúng hạn" in page.inner_text("#status-class")
    timeline = page.inner_text("#timeline")
    for step in ["Giao nhiệm vụ", "Cập nhật tiến độ", "Báo cáo hoàn thành", "Xác nhận hoàn thành"]:
        assert step in timeline
    shot(page, "tasks-5-confirmed")

    task = Task.objects.get(title=TITLE)
    assert task.state == State.DONE and task.lead.code == "STC"
    assert list(
        AuditEntry.objects.filter(object_id=str(task.pk), action__startswith="tasks.task.")
        .order_by("at", "id")
        .values_list("action", "actor__username")
    ) == [
        ("tasks.task.assigned", "vanphong"),
        ("tasks.task.progress", "chuyenvien.stc"),
        ("tasks.task.reported_done", "chuyenvien.stc"),
        ("tasks.task.confirmed", "vanphong"),
    ]


def test_the_scoreboard_lists_tree_and_meeting_show_the_demo(page, login, shot):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    login("vanphong", DEMO_PASSWORD)
    page.goto(page.base + "/nhiem-vu/bang-xep-hang/?start=2021-01-01&end=2021-12-31")
    table = page.inner_text("#scoreboard")
    assert "Ban cán sự đảng UBND tỉnh" in table and "Ủy ban nhân dân tỉnh Lâm Đồng" in table
    shot(page, "tasks-scoreboard-2021")
    page.goto(page.base + "/van-ban/cay/")
    tree = page.inner_text("#tree")
    assert "10-CTr/TU" in tree and "112/KH-UBND" in tree and "125-TB/TU" in tree
    shot(page, "tasks-directive-tree")
    page.click("#tree >> text=10-CTr/TU")
    # The progress and tasks panels come from the tasks area through htmx.
    page.wait_for_selector("#progress-panel #rollup")
    page.wait_for_selector("#tasks-panel > *")
    shot(page, "tasks-directive-programme")
    assert "Văn bản thực hiện" in page.inner_text("body")
    page.goto(page.base + "/nhiem-vu/?q=du+toan&status=overdue")
    rows = page.inner_text("table.data")
    assert "Rà soát, cắt giảm chi thường xuyên" in rows and "Xây dựng dự toán" not in rows
    shot(page, "tasks-list-overdue-search")
    page.goto(page.base + "/")
    assert "Chưa hoàn thành, quá hạn" in page.inner_text("body")
    shot(page, "tasks-home-panel")
    page.goto(page.base + "/van-ban/buoi-lam-viec/")
    page.click("text=Thường trực Tỉnh ủy làm việc")
    assert "Trần Đức Quận" in page.inner_text("body")
    shot(page, "tasks-meeting")


def test_the_outsider_sees_only_their_agencys_tasks(page, login, shot):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    login("chuyenvien.vhttdl", DEMO_PASSWORD)
    page.goto(page.base + "/nhiem-vu/")
    rows = page.inner_text("table.data")
    assert "Chuẩn bị tổ chức Festival Hoa Đà Lạt" in rows  # their own
    assert "Đánh giá giữa kỳ" in rows  # shared with them (coordinating)
    assert "Xây dựng dự toán thu, chi ngân sách" not in rows  # STC's, not shared
    shot(page, "tasks-list-svhttdl")
    other = Task.objects.get(title__startswith="Xây dựng dự toán thu, chi ngân sách")
    page.goto(f"{page.base}/nhiem-vu/{other.pk}/")
    assert "Xây dựng dự toán" not in page.inner_text("body")
