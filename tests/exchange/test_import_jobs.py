"""A workbook above the threshold is written by a job: the page answers with the job's page,
the job writes the values through the same service, and only the uploader sees it."""

import pytest

from tests.exchange.helpers import edit_xlsx
from tests.exchange.test_api import _upload
from tests.exchange.test_pages import _file
from theodoi.jobs.models import Job
from theodoi.targets.models import DataValue

pytestmark = pytest.mark.usefixtures("media", "june_2021", "stc_figures")


def _preview(client, value):
    r = client.get("/trao-doi/so-lieu/?agency=STC&period=2021Q2&format=xlsx")
    data = edit_xlsx(r.content, lambda wb: wb["Số liệu"].__setitem__("I2", value))
    r = client.post(
        "/trao-doi/so-lieu/",
        {"agency": "STC", "period": "2021Q2", "file": _file(data, "stc-q2.xlsx")},
    )
    return r.context["preview"].token


def test_a_large_workbook_is_written_by_a_job(client_as, settings):
    settings.IMPORT_JOB_ROWS = 0  # every workbook counts as large here
    client = client_as("specialist")
    token = _preview(client, 2300)
    r = client.post("/trao-doi/so-lieu/", {"agency": "STC", "period": "2021Q2", "token": token})
    job = Job.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/viec/{job.pk}/"
    assert job.state == Job.State.DONE and job.result == {"values": 1}
    assert DataValue.objects.get(period_id="2021Q2", is_latest=True).source == "stc-q2.xlsx"
    assert "Đã ghi 1 giá trị." in client.get(r["Location"]).content.decode()
    assert client_as("leader").get(r["Location"]).status_code == 403
    assert client_as("outsider").get(r["Location"]).status_code == 403


def test_a_small_workbook_is_still_written_in_the_request(client_as, settings):
    settings.IMPORT_JOB_ROWS = 2000
    client = client_as("specialist")
    token = _preview(client, 2300)
    r = client.post("/trao-doi/so-lieu/", {"agency": "STC", "period": "2021Q2", "token": token})
    assert r.status_code == 302 and r["Location"].startswith("/trao-doi/so-lieu/")
    assert not Job.objects.exists()


def test_a_large_workbook_with_a_bad_row_fails_the_job_and_writes_nothing(client_as, settings):
    settings.IMPORT_JOB_ROWS = 0
    client = client_as("specialist")
    before = DataValue.objects.count()
    # The preview shows the bad cell; confirming anyway (an API client can) queues the
    # job, which checks every row again and refuses the whole file.
    token_bad = _preview(client, "abc")
    r = client.post("/trao-doi/so-lieu/", {"agency": "STC", "period": "2021Q2", "token": token_bad})
    job = Job.objects.get()
    assert job.state == Job.State.FAILED and job.error
    assert DataValue.objects.count() == before
    page = client.get(r["Location"]).content.decode()
    assert job.error.split("“")[0][:20] in page


def test_the_api_answers_202_with_a_job_url_that_reports_the_result(api_as, settings):
    settings.IMPORT_JOB_ROWS = 0
    api = api_as("specialist")
    data = api.get("/api/v1/exchange/values/workbook", agency="STC", period="2021Q2").content
    data = edit_xlsx(data, lambda wb: wb["Số liệu"].__setitem__("I2", "2.345"))
    token = api.upload(
        "/api/v1/exchange/values/preview",
        _upload("stc.xlsx", data),
        {"agency": "STC", "period": "2021Q2"},
    ).json()["token"]
    r = api.post("/api/v1/exchange/values/commit", {"token": token})
    assert r.status_code == 202, r.content
    url = r.json()["url"]
    body = api.get(url).json()
    assert body["state"] == "done" and body["result"] == {"values": 1}
    assert body["progress"]["percent"] == 100
    assert api_as("outsider").get(url).status_code == 404
