"""A large workbook is checked by a job, then written by a job: the specialist uploads it,
lands on the preview job's page, watches the progress bar move (htmx polling, no inline
script), opens the preview from the job's result, confirms it, watches the second job's bar
and reads the result; the values are in the database."""

import io
import threading
import time

import pytest
from django.core.management import call_command
from django.db import connections
from django.test import override_settings
from openpyxl import Workbook, load_workbook

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
    # Both jobs wait in the queue (dummy backend) until this test plays the worker, paced
    # by what the page shows (`paced`).
    shown = paced(monkeypatch)
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
        shown,
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
        shown,
        "Đang kiểm tra dòng",
        "job",
    )
    assert DataValue.objects.filter(source="so-lieu-lon.xlsx").count() == before + n
    page.goto(page.base + "/viec/")
    assert "so-lieu-lon.xlsx" in page.inner_text("main")


class Shown:
    """The progress values the page has shown, for the worker to wait on."""

    def __init__(self) -> None:
        self.values: set[int] = set()
        self.ended = False
        self.changed = threading.Condition()

    def add(self, value: int | None, ended: bool) -> None:
        with self.changed:
            if value is not None:
                self.values.add(value)
            self.ended = self.ended or ended
            self.changed.notify_all()

    def wait_for(self, value: int) -> None:
        with self.changed:
            self.changed.wait_for(lambda: value in self.values or self.ended, timeout=30)

    def reset(self) -> None:
        with self.changed:
            self.values = set()
            self.ended = False


def paced(monkeypatch) -> Shown:
    """The worker waits, after each progress report, until the page has shown that value:
    the bar is seen between 0 and 100 without guessing how long the polling takes."""
    shown = Shown()
    real_report = progress.report

    def paced_report(job_id, done, total, message):
        real_report(job_id, done, total, message)
        shown.wait_for(progress.percent({"done": done, "total": total}))

    monkeypatch.setattr(progress, "report", paced_report)
    return shown


# One reading of the job's box: its state, the bar's value and the text, taken together so
# that an htmx swap between two readings cannot mix two versions of the box.
SNAPSHOT = """() => {
  const box = document.querySelector('#job-status');
  const bar = box && box.querySelector('progress');
  return {state: box ? box.dataset.state : null,
          value: bar ? bar.getAttribute('value') : null,
          text: box ? box.innerText : ''};
}"""

CHANGED = """([state, value]) => {
  const box = document.querySelector('#job-status');
  const bar = box && box.querySelector('progress');
  return !box || box.dataset.state !== state
      || (bar ? bar.getAttribute('value') : null) !== value;
}"""


def _run_and_watch(page, shot, task, job, shown: Shown, doing: str, name: str) -> None:
    """Run the job in a thread as a worker would, and watch its page until it ends."""
    shown.reset()

    def work() -> None:
        try:
            task.call(job.pk)
        finally:
            connections.close_all()  # this thread's connection, or PostgreSQL keeps the test db

    worker = threading.Thread(target=work)
    worker.start()
    seen: set[int] = set()
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline:
            now = page.evaluate(SNAPSHOT)
            ended = now["state"] in ("done", "failed")
            value = int(now["value"]) if now["state"] == "running" and now["value"] else None
            if value is not None and value not in seen:
                seen.add(value)
                if len(seen) == 2:
                    assert doing in now["text"]
                    shot(page, f"{name}-progress")
            shown.add(value, ended)
            if ended:
                break
            # Wait for the page's next polling answer to change the box (htmx, once a second).
            page.wait_for_function(CHANGED, arg=[now["state"], now["value"]], timeout=30_000)
    finally:
        shown.add(None, True)  # never leave the worker waiting
        worker.join(timeout=120)
    assert page.get_attribute("#job-status", "data-state") == "done", page.inner_text("body")
    # The bar moved: two different values seen while running, one of them part-way.
    assert len(seen) >= 2 and any(0 < v < 100 for v in seen), seen
    assert "Việc đã xong" in page.inner_text("#job-status")
    shot(page, f"{name}-done")


def test_a_large_task_table_is_checked_by_a_job_then_previewed(
    page, login, shot, tmp_path, settings, monkeypatch
):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.IMPORT_TASK_PREVIEW_JOB_BYTES = 1024  # the table below is larger
    call_command("load_demo", stdout=open("/dev/null", "w"))
    wb = Workbook()
    ws = wb.active
    ws.append(["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn"])
    for i in range(40):
        ws.append([i + 1, f"Rà soát nội dung số {i + 1}", "Sở Tài chính", "", "Thường xuyên"])
    table = tmp_path / "phu-luc-lon.xlsx"
    wb.save(table)
    login("vanphong", DEMO_PASSWORD)
    shown = paced(monkeypatch)
    page.goto(page.base + "/trao-doi/danh-muc/")
    with override_settings(TASKS=DUMMY):
        page.set_input_files("main form input[type=file]", str(table))
        page.click("main form button.primary")
        page.wait_for_selector("#job-status")
    assert "/viec/" in page.url
    job = Job.objects.get(kind="preview.tasks")
    _run_and_watch(page, shot, preview_upload, job, shown, "Đang kiểm tra dòng", "tasks-preview")
    page.click("#job-status a")
    page.wait_for_selector("#preview")
    assert "Giao 40 nhiệm vụ" in page.inner_text("#preview")
    shot(page, "tasks-job-preview")
