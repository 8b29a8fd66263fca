import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.exchange.helpers import edit_xlsx
from tests.exchange.test_task_import import GOOD
from theodoi.targets.models import DataValue
from theodoi.tasks.models import Task

pytestmark = pytest.mark.usefixtures("media", "june_2021")


def _upload(name, data):
    return {"file": SimpleUploadedFile(name, data)}


@pytest.mark.usefixtures("stc_figures")
def test_values_preview_and_commit_over_the_api(api_as):
    api = api_as("specialist")
    r = api.get("/api/v1/exchange/values/workbook", agency="STC", period="2021Q2")
    assert r.status_code == 200
    data = edit_xlsx(r.content, lambda wb: wb["Số liệu"].__setitem__("I2", "2.345"))
    r = api.upload(
        "/api/v1/exchange/values/preview",
        _upload("stc.xlsx", data),
        {"agency": "STC", "period": "2021Q2"},
    )
    assert r.status_code == 200, r.content
    body = r.json()
    assert (
        body["can_commit"]
        and body["rows"][0]["old"] == "2100.5"
        and body["rows"][0]["new"] == "2345"
    )
    r = api.post("/api/v1/exchange/values/commit", {"token": body["token"]})
    assert r.status_code == 200 and r.json()["written"] == 1
    assert (
        DataValue.objects.get(period_id="2021Q2", is_latest=True, indicator__code="THU_NSNN").value
        == 2345
    )


@pytest.mark.usefixtures("stc_figures")
def test_bad_cells_come_back_as_json_with_sheet_row_and_column(api_as):
    api = api_as("specialist")
    data = api.get("/api/v1/exchange/values/workbook", agency="STC", period="2021Q2").content
    data = edit_xlsx(data, lambda wb: wb["Số liệu"].__setitem__("I2", "abc"))
    body = api.upload(
        "/api/v1/exchange/values/preview",
        _upload("stc.xlsx", data),
        {"agency": "STC", "period": "2021Q2"},
    ).json()
    assert not body["can_commit"]
    assert body["errors"][0] | {"message": ""} == {
        "message": "",
        "sheet": "Số liệu",
        "row": 2,
        "column": "I",
        "cell": "I2",
        "field": "value",
        "index": 0,
    }
    assert body["errors"][0]["message"].startswith("Trang “Số liệu”, dòng 2, cột I:")
    r = api.post("/api/v1/exchange/values/commit", {"token": body["token"]})
    assert r.status_code == 400 and r.json()["errors"][0]["cell"] == "I2"


def test_a_file_that_is_not_a_workbook_is_a_400(api_as, revenue):
    r = api_as("specialist").upload(
        "/api/v1/exchange/values/preview",
        _upload("x.xlsx", b"PK\x03\x04junk"),
        {"agency": "STC", "period": "2021Q2"},
    )
    assert r.status_code == 400 and "không phải bảng tính .xlsx" in r.json()["detail"]


def test_the_outsider_gets_403_for_stc(api_as, revenue):
    r = api_as("outsider").get("/api/v1/exchange/values/workbook", agency="STC", period="2021Q2")
    assert r.status_code == 403


def test_task_import_over_the_api_with_choices(api_as, directive):
    api = api_as("steering")
    body = api.upload(
        "/api/v1/exchange/tasks/preview", _upload("plan.xlsx", GOOD), {"choices": json.dumps({})}
    ).json()
    assert body["can_commit"] and body["summary"]["tasks"] == 4
    r = api.post(
        "/api/v1/exchange/tasks/commit", {"token": body["token"], "directive": directive.pk}
    )
    assert r.status_code == 200 and r.json()["written"] == 4 and Task.objects.count() == 4
    assert (
        api_as("specialist")
        .upload("/api/v1/exchange/tasks/preview", _upload("plan.xlsx", GOOD))
        .status_code
        == 403
    )


def test_dhis2_over_the_api(api_as, people, revenue, province):
    api = api_as("steering")
    assert (
        api.post(
            "/api/v1/exchange/mappings",
            {"kind": "indicator", "external_id": "fbfJHSPpUQD", "code": "THU_NSNN"},
        ).status_code
        == 200
    )
    assert (
        api.post(
            "/api/v1/exchange/mappings",
            {"kind": "unit", "external_id": "ImspTQPwCqd", "code": "68"},
        ).status_code
        == 200
    )
    data = json.dumps(
        {
            "dataValues": [
                {
                    "dataElement": "fbfJHSPpUQD",
                    "period": "2021Q2",
                    "orgUnit": "ImspTQPwCqd",
                    "value": "12.5",
                },
                {"dataElement": "nope", "period": "2021Q2", "orgUnit": "ImspTQPwCqd", "value": "1"},
            ]
        }
    ).encode()
    body = api.upload("/api/v1/exchange/dhis2/preview", _upload("d.json", data)).json()
    assert body["unmapped"] == [
        {"kind": "dataElement", "id": "nope", "count": 1, "where": ["dataValues[1]"]}
    ]
    assert (
        api.post("/api/v1/exchange/dhis2/commit", {"token": body["token"]}).json()["written"] == 1
    )
    r = api.get("/api/v1/exchange/dhis2/dataValueSets", periods="2021Q2")
    assert r.json() == {
        "dataValues": [
            {
                "dataElement": "fbfJHSPpUQD",
                "period": "2021Q2",
                "orgUnit": "ImspTQPwCqd",
                "value": "12.5",
            }
        ]
    }
    assert r["X-Unmapped-Count"] == "0"
    assert [m["code"] for m in api.get("/api/v1/exchange/mappings").json()] == ["THU_NSNN", "68"]
    assert (
        api_as("specialist")
        .get("/api/v1/exchange/dhis2/dataValueSets", periods="2021Q2")
        .status_code
        == 403
    )


def test_openapi_describes_the_uploads(api_as):
    schema = api_as("viewer").get("/api/v1/openapi.json").json()
    for path in [
        "/api/v1/exchange/values/preview",
        "/api/v1/exchange/tasks/preview",
        "/api/v1/exchange/dhis2/preview",
        "/api/v1/exchange/values/commit",
        "/api/v1/exchange/dhis2/dataValueSets",
    ]:
        assert path in schema["paths"], path
    preview = schema["paths"]["/api/v1/exchange/values/preview"]["post"]
    assert "multipart/form-data" in preview["requestBody"]["content"]
    assert "PreviewOut" in json.dumps(preview["responses"]["200"])
