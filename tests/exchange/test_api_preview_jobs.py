"""Above the preview thresholds the API's previews are jobs, as the pages' are: POST
.../preview answers 202 with the job, GET /api/v1/jobs/{id} reports it and, when done, names
the kept preview (result.preview_url), which answers the same JSON as a synchronous preview;
the commit that follows works on that preview as on any other."""

from datetime import timedelta

import pytest
import time_machine
from django.test import override_settings
from django.utils import timezone

from tests.exchange.helpers import edit_xlsx
from tests.exchange.test_api import _upload
from tests.exchange.test_dhis2 import dvs, mapped  # noqa: F401 (a fixture)
from tests.exchange.test_task_import import GOOD
from theodoi.exchange.jobs import preview_upload
from theodoi.exchange.models import Upload
from theodoi.jobs.models import Job
from theodoi.targets.models import DataValue
from theodoi.tasks.models import Task

pytestmark = pytest.mark.usefixtures("media", "june_2021")

DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
VALUES = "/api/v1/exchange/values/preview"


def _workbook(api, **cells):
    data = api.get("/api/v1/exchange/values/workbook", agency="STC", period="2021Q2").content

    def fill(wb):
        for cell, value in cells.items():
            wb["Số liệu"][cell] = value

    return edit_xlsx(data, fill)


def _send_values(api, data, name="stc.xlsx"):
    return api.upload(VALUES, _upload(name, data), {"agency": "STC", "period": "2021Q2"})


def _same_but_token(a: dict, b: dict) -> bool:
    return {**a, "token": ""} == {**b, "token": ""}


@pytest.mark.usefixtures("stc_figures")
def test_a_large_values_preview_answers_202_and_the_job_gives_the_same_preview(api_as, settings):
    api = api_as("specialist")
    data = _workbook(api, I2="2.345")
    settings.IMPORT_PREVIEW_JOB_BYTES = len(data)  # not larger than the threshold: as today
    sync = _send_values(api, data)
    assert sync.status_code == 200 and sync.json()["can_commit"]
    assert not Job.objects.exists()

    settings.IMPORT_PREVIEW_JOB_BYTES = len(data) - 1  # one byte larger: a job
    r = _send_values(api, data)
    assert r.status_code == 202, r.content
    job = Job.objects.get()
    body = r.json()
    assert body["id"] == job.pk and body["url"] == f"/api/v1/jobs/{job.pk}"
    assert body["kind"] == "preview.values" and body["state"] == "done"  # immediate backend
    answer = api.get(body["url"]).json()
    assert answer["state"] == "done" and answer["progress"]["percent"] == 100
    result = answer["result"]
    assert result["checked"] == 1 and result["can_commit"] and "cell_errors" not in result
    assert result["preview_url"] == f"/api/v1/exchange/values/preview/{result['preview']}"
    kept = api.get(result["preview_url"])
    assert kept.status_code == 200
    assert kept.json()["token"] == result["preview"]
    assert _same_but_token(kept.json(), sync.json())

    before = DataValue.objects.count()
    r = api.post("/api/v1/exchange/values/commit", {"token": result["preview"]})
    assert r.status_code == 200 and r.json()["written"] == 1
    assert DataValue.objects.count() == before + 1
    assert (
        DataValue.objects.get(period_id="2021Q2", is_latest=True, indicator__code="THU_NSNN").value
        == 2345
    )


@pytest.mark.usefixtures("stc_figures")
def test_a_queued_preview_is_followed_until_a_worker_runs_it(api_as, settings):
    settings.IMPORT_PREVIEW_JOB_BYTES = 0
    api = api_as("specialist")
    data = _workbook(api, I2="2.345")
    with override_settings(TASKS=DUMMY):
        first = _send_values(api, data)
        second = _send_values(api, data)
    assert first.status_code == second.status_code == 202
    assert first.json()["url"] == second.json()["url"] and first.json()["state"] == "queued"
    # One job, one kept file: the second copy of the same file is not stored.
    job = Job.objects.get()
    assert Upload.objects.count() == 1
    answer = api.get(first.json()["url"]).json()
    assert answer["state"] == "queued" and answer["result"] is None
    waiting = api.get(f"/api/v1/exchange/values/preview/{job.params['token']}")
    assert waiting.status_code == 400 and "chưa có bản xem trước" in waiting.json()["detail"]

    preview_upload.call(job.pk)
    answer = api.get(first.json()["url"]).json()
    assert answer["state"] == "done" and answer["result"]["preview"] == job.params["token"]
    kept = api.get(answer["result"]["preview_url"]).json()
    assert kept["can_commit"] and kept["summary"]["changed"] == 1


@pytest.mark.usefixtures("stc_figures")
def test_the_commit_after_a_job_preview_is_all_or_nothing(api_as, settings):
    settings.IMPORT_PREVIEW_JOB_BYTES = 0
    api = api_as("specialist")
    before = DataValue.objects.count()
    # One good and one bad cell: the job shows the bad one; a commit anyway writes neither.
    r = _send_values(api, _workbook(api, I2="2.345", I3="abc"))
    result = api.get(r.json()["url"]).json()["result"]
    assert result["cell_errors"] == 1 and not result["can_commit"]
    kept = api.get(result["preview_url"]).json()
    assert [(e["cell"], e["sheet"]) for e in kept["errors"]] == [("I3", "Số liệu")]
    r = api.post("/api/v1/exchange/values/commit", {"token": result["preview"]})
    assert r.status_code == 400 and "dòng 3, cột I" in r.json()["detail"]
    assert DataValue.objects.count() == before

    # Both good, and above IMPORT_JOB_ROWS: the write is a second job; both values written.
    settings.IMPORT_JOB_ROWS = 1
    r = _send_values(api, _workbook(api, I2="2.345", I3="17,5"))
    token = api.get(r.json()["url"]).json()["result"]["preview"]
    r = api.post("/api/v1/exchange/values/commit", {"token": token})
    assert r.status_code == 202
    answer = api.get(r.json()["url"]).json()
    assert answer["kind"] == "import.values" and answer["result"] == {"values": 2}
    assert DataValue.objects.count() == before + 2
    assert api.post("/api/v1/exchange/values/commit", {"token": token}).status_code == 400


@pytest.mark.usefixtures("stc_figures")
def test_an_unreadable_file_fails_its_job_in_vietnamese_and_writes_nothing(api_as, settings):
    settings.IMPORT_PREVIEW_JOB_BYTES = 0
    api = api_as("specialist")
    before = DataValue.objects.count()
    r = _send_values(api, b"PK\x03\x04 this is not a workbook", "hong.xlsx")
    assert r.status_code == 202
    answer = api.get(r.json()["url"]).json()
    assert answer["state"] == "failed" and "hong.xlsx" in answer["error"]
    assert "preview_url" not in (answer["result"] or {})
    assert DataValue.objects.count() == before
    token = Upload.objects.get().token
    r = api.get(f"/api/v1/exchange/values/preview/{token}")
    assert r.status_code == 400 and "chưa có bản xem trước" in r.json()["detail"]


@pytest.mark.usefixtures("stc_figures")
def test_only_the_uploader_follows_the_job_and_reads_the_preview(api_as, people, settings):
    settings.IMPORT_PREVIEW_JOB_BYTES = 0
    api = api_as("specialist")
    data = _workbook(api, I2="2.345")
    # Someone who may not enter STC's figures: refused before anything is stored.
    r = api_as("outsider").upload(
        VALUES, _upload("stc.xlsx", data), {"agency": "STC", "period": "2021Q2"}
    )
    assert r.status_code == 403
    assert not Upload.objects.exists() and not Job.objects.exists()

    r = _send_values(api, data)
    url = r.json()["url"]
    preview_url = api.get(url).json()["result"]["preview_url"]
    for persona in ("outsider", "leader", "steering"):
        other = api_as(persona)
        assert other.get(url).status_code == 404  # as a job that does not exist
        assert other.get(preview_url).status_code == 403
    r = api.get(f"/api/v1/jobs/{Job.objects.get().pk + 1000}")
    assert r.status_code == 404 and r.json()["detail"].startswith("Không tìm thấy việc")


@pytest.mark.usefixtures("stc_figures")
def test_a_preview_no_longer_kept_answers_410(api_as, client_as, settings):
    settings.IMPORT_PREVIEW_JOB_BYTES = 0
    api = api_as("specialist")
    r = _send_values(api, _workbook(api, I2="2.345"))
    url = r.json()["url"]
    result = api.get(url).json()["result"]
    # The file removed from the storage (by hand, a lost disk): said, not a server error.
    upload = Upload.objects.get()
    upload.file.storage.delete(upload.file.name)
    r = api.post("/api/v1/exchange/values/commit", {"token": result["preview"]})
    assert r.status_code == 410 and "không còn được lưu" in r.json()["detail"]
    # A day later the upload itself is gone; the job still says what it did.
    with time_machine.travel(timezone.now() + timedelta(hours=25), tick=False):
        assert api.get(url).json()["state"] == "done"
        r = api.get(result["preview_url"])
        assert r.status_code == 410 and "quá 24 giờ" in r.json()["detail"]
        r = api.post("/api/v1/exchange/values/commit", {"token": result["preview"]})
        assert r.status_code == 410
        # The job's page still links to the preview, which says why it is not there.
        page = client_as("specialist").get(Job.objects.get().result_url)
        assert page.status_code == 200 and "quá 24 giờ" in page.content.decode()


@pytest.mark.usefixtures("mapped")
def test_a_large_dhis2_preview_answers_202_then_commits(api_as, settings):
    settings.IMPORT_PREVIEW_JOB_BYTES = 0
    api = api_as("steering")
    data = dvs(
        ["fbfJHSPpUQD", "202106", "O6uvpzGd5pu", "300"],
        ["xxUnknownDE", "2021Q2", "ImspTQPwCqd", "7"],
    )
    assert (
        api_as("specialist")
        .upload("/api/v1/exchange/dhis2/preview", _upload("d.json", data))
        .status_code
        == 403
    )
    assert not Upload.objects.exists()
    r = api.upload("/api/v1/exchange/dhis2/preview", _upload("d.json", data))
    assert r.status_code == 202 and r.json()["kind"] == "preview.dhis2"
    result = api.get(r.json()["url"]).json()["result"]
    kept = api.get(result["preview_url"]).json()
    assert result["preview_url"].startswith("/api/v1/exchange/dhis2/preview/")
    assert kept["can_commit"] and kept["summary"]["new"] == 1
    assert [u["id"] for u in kept["unmapped"]] == ["xxUnknownDE"]
    r = api.post("/api/v1/exchange/dhis2/commit", {"token": result["preview"]})
    assert r.status_code == 200 and r.json()["written"] == 1
    assert DataValue.objects.get(period_id="202106").source == "d.json"


def test_a_large_task_table_is_previewed_by_a_job_over_the_api(api_as, settings, directive):
    api = api_as("steering")
    settings.IMPORT_TASK_PREVIEW_JOB_BYTES = len(GOOD)
    sync = api.upload("/api/v1/exchange/tasks/preview", _upload("phu-luc.xlsx", GOOD))
    assert sync.status_code == 200 and not Job.objects.exists()
    settings.IMPORT_TASK_PREVIEW_JOB_BYTES = len(GOOD) - 1
    # Someone who may not assign tasks: refused before anything is stored.
    r = api_as("specialist").upload("/api/v1/exchange/tasks/preview", _upload("p.xlsx", GOOD))
    assert r.status_code == 403 and Upload.objects.count() == 1
    r = api.upload("/api/v1/exchange/tasks/preview", _upload("phu-luc.xlsx", GOOD))
    assert r.status_code == 202 and r.json()["kind"] == "preview.tasks"
    result = api.get(r.json()["url"]).json()["result"]
    assert result["preview_url"] == f"/api/v1/exchange/tasks/preview/{result['preview']}"
    kept = api.get(result["preview_url"]).json()
    assert _same_but_token(kept, sync.json()) and kept["summary"]["tasks"] == 4
    r = api.post(
        "/api/v1/exchange/tasks/commit", {"token": result["preview"], "directive": directive.pk}
    )
    assert r.status_code == 200 and r.json()["written"] == 4 == Task.objects.count()


def test_a_kept_preview_of_an_unknown_kind_is_refused(api_as):
    r = api_as("steering").get("/api/v1/exchange/reports/preview/abc")
    assert r.status_code == 400 and "values, tasks hoặc dhis2" in r.json()["detail"]
