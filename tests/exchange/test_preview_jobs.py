"""A workbook above IMPORT_PREVIEW_JOB_BYTES is checked by a job: the page answers with the
job's page, the job reports its progress row by row and keeps the preview with the upload,
the values page shows that preview (to its uploader only) and confirms it as any other."""

import pytest
from django.test import override_settings

from tests.exchange.helpers import edit_xlsx
from tests.exchange.test_dhis2 import dvs, mapped  # noqa: F401 (a fixture)
from tests.exchange.test_pages import _file
from tests.exchange.test_task_import import GOOD, plan
from theodoi.core.errors import NotAllowed
from theodoi.exchange import services
from theodoi.exchange.jobs import preview_upload
from theodoi.exchange.models import Upload
from theodoi.jobs import progress
from theodoi.jobs.models import Job
from theodoi.org.models import Agency, AgencyKind
from theodoi.targets.models import DataValue
from theodoi.tasks.models import Task

pytestmark = pytest.mark.usefixtures("media", "june_2021", "stc_figures")

DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def _workbook(client, value):
    r = client.get("/trao-doi/so-lieu/?agency=STC&period=2021Q2&format=xlsx")
    return edit_xlsx(r.content, lambda wb: wb["Số liệu"].__setitem__("I2", value))


def _send(client, data, name="stc-q2.xlsx"):
    return client.post(
        "/trao-doi/so-lieu/",
        {"agency": "STC", "period": "2021Q2", "file": _file(data, name)},
    )


@pytest.fixture
def told(monkeypatch):
    """Every progress message a job reports, in order."""
    said = []
    report = progress.report

    def spy(job_id, done, total, message):
        said.append(message)
        report(job_id, done, total, message)

    monkeypatch.setattr(progress, "report", spy)
    return said


def test_a_large_workbook_is_previewed_by_a_job_then_confirmed(client_as, settings, told):
    settings.IMPORT_PREVIEW_JOB_BYTES = 0  # every workbook counts as large here
    client = client_as("specialist")
    before = DataValue.objects.count()
    r = _send(client, _workbook(client, 2300))
    job = Job.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/viec/{job.pk}/"
    assert job.kind == "preview.values" and job.state == Job.State.DONE, job.error
    upload = Upload.objects.get()
    assert job.result["preview"] == upload.token and job.result["checked"] >= 1
    assert "cell_errors" not in job.result
    # The progress: the file, each row read, then targets' rules.
    assert told[1] == "Đang đọc tệp stc-q2.xlsx…"
    assert any(m.startswith("Đang đọc dòng 0/") for m in told)
    assert told[-1].startswith("Đang đối chiếu ") and told[-1].endswith(" với số liệu đã có…")
    # Nothing written but the upload and its preview; the commit threshold now counts its rows.
    assert DataValue.objects.count() == before
    assert upload.params["rows"] == job.result["checked"] and upload.committed_at is None
    page = client.get(r["Location"]).content.decode()
    assert "Đã kiểm tra" in page and "Xem trước và xác nhận" in page
    assert job.result_url.startswith("/trao-doi/so-lieu/?agency=STC&period=2021Q2&preview=")

    r = client.get(job.result_url)
    shown = r.context["preview"]
    assert shown["token"] == upload.token and shown["can_commit"]
    assert shown["summary"]["changed"] + shown["summary"]["new"] >= 1
    html = r.content.decode()
    assert 'id="confirm"' in html and "2.300" in html
    # Confirmed as today: small enough to be written in the request.
    r = client.post(
        "/trao-doi/so-lieu/", {"agency": "STC", "period": "2021Q2", "token": shown["token"]}
    )
    assert r.status_code == 302 and r["Location"].startswith("/trao-doi/so-lieu/")
    assert DataValue.objects.get(period_id="2021Q2", is_latest=True).source == "stc-q2.xlsx"
    assert Job.objects.count() == 1


def test_a_large_preview_then_a_large_commit_are_two_jobs(client_as, settings):
    settings.IMPORT_PREVIEW_JOB_BYTES = 0
    settings.IMPORT_JOB_ROWS = 0
    client = client_as("specialist")
    _send(client, _workbook(client, 2300))
    token = Job.objects.get().result["preview"]
    r = client.post("/trao-doi/so-lieu/", {"agency": "STC", "period": "2021Q2", "token": token})
    commit = Job.objects.get(kind="import.values")
    assert r["Location"] == f"/viec/{commit.pk}/"
    assert commit.state == Job.State.DONE and commit.result == {"values": 1}


def test_a_small_workbook_is_still_previewed_in_the_request(client_as, settings):
    settings.IMPORT_PREVIEW_JOB_BYTES = 10 * 1024 * 1024
    client = client_as("specialist")
    r = _send(client, _workbook(client, 2300))
    assert r.status_code == 200 and r.context["preview"].can_commit
    assert not Job.objects.exists()


def test_the_same_person_sending_the_same_file_twice_gets_one_job(client_as, settings):
    settings.IMPORT_PREVIEW_JOB_BYTES = 0
    client = client_as("specialist")
    data = _workbook(client, 2300)
    with override_settings(TASKS=DUMMY):
        first = _send(client, data)
        second = _send(client, data)
        other = _send(client, _workbook(client, 2400))
    assert first["Location"] == second["Location"] != other["Location"]
    assert Job.objects.count() == 2
    # The second copy of the same file is not kept.
    assert Upload.objects.count() == 2
    job = Job.objects.get(pk=int(first["Location"].strip("/").split("/")[-1]))
    assert job.state == Job.State.QUEUED
    preview_upload.call(job.pk)
    job.refresh_from_db()
    assert job.state == Job.State.DONE and job.result["preview"] == job.params["token"]


def test_a_workbook_with_bad_cells_is_previewed_with_its_errors(client_as, settings):
    settings.IMPORT_PREVIEW_JOB_BYTES = 0
    client = client_as("specialist")
    _send(client, _workbook(client, "abc"))
    job = Job.objects.get()
    assert job.state == Job.State.DONE and job.result["cell_errors"] == 1
    page = client.get(f"/viec/{job.pk}/").content.decode()
    assert "1 lỗi trong tệp" in page
    r = client.get(job.result_url)
    html = r.content.decode()
    assert "chưa ghi gì" in html and "cột I" in html
    assert 'id="confirm"' not in html


def test_an_unreadable_workbook_fails_the_job_and_keeps_only_the_upload(client_as, settings):
    settings.IMPORT_PREVIEW_JOB_BYTES = 0
    client = client_as("specialist")
    before = DataValue.objects.count()
    r = _send(client, b"PK\x03\x04 this is not a workbook", "hong.xlsx")
    job = Job.objects.get()
    assert r["Location"] == f"/viec/{job.pk}/"
    assert job.state == Job.State.FAILED and "hong.xlsx" in job.error
    assert job.result_url == ""
    upload = Upload.objects.get()
    assert upload.result == {} and "rows" not in upload.params
    assert DataValue.objects.count() == before
    page = client.get(r["Location"]).content.decode()
    assert job.error.split("“")[0] in page
    # The values page has no preview to show for it.
    r = client.get(f"/trao-doi/so-lieu/?agency=STC&period=2021Q2&preview={upload.token}")
    assert "chưa có bản xem trước" in r.content.decode()


def test_another_person_cannot_open_the_preview_nor_the_job(client_as, people, settings):
    settings.IMPORT_PREVIEW_JOB_BYTES = 0
    client = client_as("specialist")
    _send(client, _workbook(client, 2300))
    job = Job.objects.get()
    for persona in ("leader", "steering"):
        with pytest.raises(NotAllowed, match="người khác tải lên"):
            services.stored_preview(people[persona], job.result["preview"], Upload.Kind.VALUES)
        other = client_as(persona)
        assert other.get(f"/viec/{job.pk}/").status_code == 403
        assert other.get(job.result_url).status_code == 403
    assert client_as("outsider").get(job.result_url).status_code == 403


@pytest.mark.usefixtures("mapped")
def test_a_large_dhis2_file_is_previewed_by_a_job_then_confirmed(client_as, settings, told):
    settings.IMPORT_PREVIEW_JOB_BYTES = 0
    client = client_as("steering")
    data = dvs(
        ["fbfJHSPpUQD", "202106", "O6uvpzGd5pu", "300"],
        ["xxUnknownDE", "2021Q2", "ImspTQPwCqd", "7"],
    )
    before = DataValue.objects.count()
    r = client.post("/trao-doi/dhis2/", {"status": "official", "file": _file(data, "d.json")})
    job = Job.objects.get()
    assert r["Location"] == f"/viec/{job.pk}/"
    assert job.kind == "preview.dhis2" and job.state == Job.State.DONE, job.error
    assert "Đang đọc và kiểm tra tệp d.json…" in told
    assert DataValue.objects.count() == before
    assert job.result_url == f"/trao-doi/dhis2/?preview={job.result['preview']}#preview"
    r = client.get(job.result_url)
    shown = r.context["preview"]
    assert shown["can_commit"] and shown["summary"]["new"] == 1
    assert shown["summary"]["unmapped"] == 1 and "xxUnknownDE" in r.content.decode()
    r = client.post("/trao-doi/dhis2/", {"token": shown["token"]})
    assert r.status_code == 302
    assert DataValue.objects.get(period_id="202106").source == "d.json"
    # Only the steering office exchanges with DHIS2, and only the uploader sees the preview.
    assert client_as("admin").get(job.result_url).status_code == 403


def test_a_large_task_table_is_previewed_by_a_job_asked_again_then_assigned(
    client_as, settings, told, directive, province
):
    settings.IMPORT_TASK_PREVIEW_JOB_BYTES = 0  # every table counts as large here
    Agency.objects.create(
        code="STC-2",
        name="Sở Tài chính (cũ)",
        short_name="STC",
        kind=AgencyKind.DEPARTMENT,
        unit=province,
    )
    table = plan(
        [1, "Việc một", "STC", "", "Quý III/2021", ""],
        [2, "Việc hai", "Sở Tài chính", "", "Quý IV/2021", ""],
    )
    # Someone who may not assign tasks: refused before anything is stored.
    r = client_as("specialist").post("/trao-doi/danh-muc/", {"file": _file(table, "p.xlsx")})
    assert r.status_code == 403 and not Upload.objects.exists()

    client = client_as("steering")
    r = client.post("/trao-doi/danh-muc/", {"file": _file(table, "phu-luc.xlsx")})
    job = Job.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/viec/{job.pk}/"
    assert job.kind == "preview.tasks" and job.state == Job.State.DONE, job.error
    assert told[1] == "Đang đọc tệp phu-luc.xlsx…"
    assert any(m.startswith("Đang kiểm tra dòng 0/") for m in told)
    assert job.result["questions"] == 1 and not job.result["can_commit"]
    page = client.get(r["Location"]).content.decode()
    assert "1 tên cơ quan cần chọn" in page and "Xem trước và xác nhận" in page
    assert job.result_url == f"/trao-doi/danh-muc/?preview={job.result['preview']}#preview"

    html = client.get(job.result_url).content.decode()
    assert "Cần chọn cơ quan" in html and 'name="choice-stc"' in html and 'id="confirm"' not in html
    # The answer: the table is checked again by a job, with that answer kept for the commit.
    r = client.post(
        "/trao-doi/danh-muc/",
        {"token": job.result["preview"], "choice-stc": "STC", "action": "answer"},
    )
    again = Job.objects.latest("pk")
    assert again.pk != job.pk and r["Location"] == f"/viec/{again.pk}/"
    assert again.state == Job.State.DONE and again.result["can_commit"], again.error
    assert again.result["preview"] == job.result["preview"] and "questions" not in again.result
    r = client.get(again.result_url)
    html = r.content.decode()
    assert 'name="choice-stc" value="STC"' in html and "Giao 2 nhiệm vụ" in html
    assert Task.objects.count() == 0
    r = client.post(
        "/trao-doi/danh-muc/",
        {
            "token": again.result["preview"],
            "choice-stc": "STC",
            "action": "commit",
            "directive": directive.pk,
        },
    )
    assert r.status_code == 302 and r["Location"] == "/trao-doi/danh-muc/"
    assert sorted(Task.objects.values_list("lead__code", flat=True)) == ["STC", "STC"]
    # Only the uploader sees the job and its preview.
    other = client_as("leader")
    assert other.get(f"/viec/{job.pk}/").status_code == 403
    assert other.get(job.result_url).status_code == 403


def test_a_small_task_table_is_still_previewed_in_the_request(client_as, settings):
    settings.IMPORT_TASK_PREVIEW_JOB_BYTES = len(GOOD)
    r = client_as("steering").post("/trao-doi/danh-muc/", {"file": _file(GOOD, "p.xlsx")})
    assert r.status_code == 200 and r.context["preview"].summary["tasks"] == 4
    assert not Job.objects.exists()
