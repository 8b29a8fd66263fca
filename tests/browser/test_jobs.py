"""A large workbook is checked by a job, then written by a job: the specialist uploads it,
lands on the preview job's page, watches the progress bar move (htmx polling, no inline
script), opens the preview from the job's result, confirms it, watches the second job's bar
and reads the result; the values are in the database."""

import io
import threading
import time

import pytest
from django.core.management import call_command
from django.test import override_settings
from openpyxl import load_workbook

from theodoi.demo.org import DEMO_PASSWORD
from theodoi.exchange.jobs import import_upload, preview_upload
from theodoi.jobs import progress
from theodoi.jobs.models import Job
from theodoi.targets.models import DataValue

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def _fill_all(path) -> tuple[bytes, int]:
    wb = load_workbook(path)
    ws = wb["Số liệu"]
    n = 0
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, 1).value and ws.cell(r, 9).value in (None, ""):
            ws.cell(r, 9).value = 100 + r
            n += 1
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue(), n


def test_a_large_workbook_shows_a_moving_progress_bar_then_the_result(
    page, login, shot, tmp_path, settings, monkeypatch
):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.IMPORT_JOB_ROWS = 10
    settings.IMPORT_PREVIEW_JOB_BYTES = 1024  # the filled workbook is larger
    call_command("load_demo", stdout=open("/dev/null", "w"))
    login("chuyenvien.stc", DEMO_PASSWORD)
    page.goto(page.base + "/trao-doi/so-lieu/?agency=STC&period=2021Q3&children=1")
    with page.expect_download() as dl:
        page.click("#workbook-form button[value=xlsx]")
    path = tmp_path / "book.xlsx"
    dl.value.save_as(path)
    data, n = _fill_all(path)
    assert n > 10, n
    big = tmp_path / "so-lieu-lon.xlsx"
    big.write_bytes(data)
    # Both jobs wait in the queue (dummy backend) until this test plays the worker, slowed
    # down so that the page's one-second polling sees the bar between 0 and 100.
    real_report = progress.report

    def slow_report(*args):
        real_report(*args)
        time.sleep(1.1)  # longer than the page's one-second polling

    monkeypatch.setattr(progress, "report", slow_report)
    before = DataValue.objects.filter(source="so-lieu-lon.xlsx").count()
    with override_settings(TASKS=DUMMY):
        page.set_input_files("#upload-form input[type=file]", str(big))
        page.click("#upload-form button")
        page.wait_for_selector("#job-status")
    assert "/viec/" in page.url
    _run_and_watch(
        page,
        shot,
        preview_upload,
        Job.objects.get(kind="preview.values"),
        "Đang đọc dòng",
        "preview",
    )
    assert "Đã kiểm tra" in page.inner_text("#job-status")
    page.click("#job-status a")
    page.wait_for_selector("#preview")
    assert "preview=" in page.url
    shot(page, "job-preview")
    with override_settings(TASKS=DUMMY):
        page.click("#confirm")
        page.wait_for_selector("#job-status")
    assert "/viec/" in page.url
    _run_and_watch(
        page,
        shot,
        import_upload,
        Job.objects.get(kind="import.values"),
        "Đang kiểm tra dòng",
        "job",
    )
    assert DataValue.objects.filter(source="so-lieu-lon.xlsx").count() == before + n
    page.goto(page.base + "/viec/")
    assert "so-lieu-lon.xlsx" in page.inner_text("main")


def _run_and_watch(page, shot, task, job, doing: str, name: str) -> None:
    """Run the job in a thread as a worker would, and watch its page until it ends."""
    worker = threading.Thread(target=task.call, args=(job.pk,))
    worker.start()
    seen = set()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        state = page.get_attribute("#job-status", "data-state")
        if state == "running" and page.locator("#job-status progress").count():
            seen.add(int(page.get_attribute("#job-status progress", "value")))
            if len(seen) == 2:
                assert doing in page.inner_text("#job-status")
                shot(page, f"{name}-progress")
        if state in ("done", "failed"):
            break
        time.sleep(0.25)
    worker.join(timeout=120)
    assert page.get_attribute("#job-status", "data-state") == "done", page.inner_text("body")
    # The bar moved: two different values seen while running, one of them part-way.
    assert len(seen) >= 2 and any(0 < v < 100 for v in seen), seen
    assert "Việc đã xong" in page.inner_text("#job-status")
    shot(page, f"{name}-done")
