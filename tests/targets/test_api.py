"""The targets API: indicators, targets, values (all-or-nothing), history, analytics."""

import pytest

from theodoi.audit.models import AuditEntry
from theodoi.directives.models import Directive
from theodoi.targets.models import DataValue, TargetValue

pytestmark = pytest.mark.django_db


def test_indicators_are_listed_and_searched_without_diacritics(api_as, revenue, tourism):
    r = api_as("viewer").get("/api/v1/indicators", q="ngan sach")
    assert r.status_code == 200 and [i["code"] for i in r.json()] == ["THU_NSNN"]
    assert {i["code"] for i in api_as("outsider").get("/api/v1/indicators").json()} == {
        "THU_NSNN",
        "KHACH_LUU_TRU",
    }
    assert (
        api_as("viewer").get("/api/v1/indicators", agency="SVHTTDL").json()[0]["code"]
        == "KHACH_LUU_TRU"
    )


def test_nobody_without_a_role_reads_nothing(api_as, revenue):
    assert api_as("nobody").get("/api/v1/indicators").status_code == 403


def test_indicators_are_created_by_the_steering_office_and_rates_are_not_summed(api_as, agencies):
    body = {
        "code": "CHI_NSDP",
        "name": "Chi ngân sách địa phương",
        "unit_of_measure": "tỷ đồng",
        "kind": "flow",
        "unit_aggregation": "sum",
        "direction": "up",
        "decimals": 0,
        "lead_agency": "STC",
    }
    r = api_as("steering").post("/api/v1/indicators", body)
    assert r.status_code == 201 and r.json()["code"] == "CHI_NSDP"
    assert AuditEntry.objects.filter(action="targets.indicator.created").count() == 1
    r = api_as("steering").post("/api/v1/indicators", {**body, "code": "GRDP", "kind": "rate"})
    assert r.status_code == 400 and r.json()["errors"][0]["field"] == "unit_aggregation"
    assert api_as("viewer").post("/api/v1/indicators", {**body, "code": "X"}).status_code == 403


def test_targets_and_values_make_the_seed_metric(api_as, revenue, province):
    r = api_as("specialist").post(
        "/api/v1/targets",
        {
            "targets": [
                {
                    "indicator": "THU_NSNN",
                    "unit": "68",
                    "period": "2021",
                    "kind": "estimate",
                    "value": "9.300",
                }
            ]
        },
    )
    assert r.status_code == 201 and r.json()[0]["value"] == "9300"
    r = api_as("specialist").post(
        "/api/v1/datavalues",
        {
            "values": [
                {
                    "indicator": "THU_NSNN",
                    "unit": "68",
                    "period": "2020S1",
                    "value": "4488",
                    "status": "official",
                },
                {
                    "indicator": "THU_NSNN",
                    "unit": "68",
                    "period": "2021S1",
                    "value": "6.265",
                    "status": "estimate",
                },
            ]
        },
    )
    assert r.status_code == 201 and [v["value"] for v in r.json()] == ["4488", "6265"]
    r = api_as("viewer").get("/api/v1/analytics", indicator="THU_NSNN", unit="68", period="2021S1")
    body = r.json()
    assert r.status_code == 200
    assert {
        k: body[k]
        for k in (
            "value",
            "status",
            "source",
            "plan",
            "plan_kind",
            "plan_period",
            "plan_pct",
            "previous",
            "previous_period",
            "yoy_pct",
            "pace",
        )
    } == {
        "value": "6265",
        "status": "estimate",
        "source": "reported",
        "plan": "9300",
        "plan_kind": "estimate",
        "plan_period": "2021",
        "plan_pct": "67.4",
        "previous": "4488",
        "previous_period": "2020S1",
        "yoy_pct": "39.6",
        "pace": "ahead",
    }
    assert body["sentence"] == (
        "Thu ngân sách nhà nước 6 tháng đầu năm 2021 ước đạt 6.265 tỷ đồng, bằng 67,4% dự toán, "
        "tăng 39,6% so với cùng kỳ năm 2020."
    )


def test_missing_figures_are_null(api_as, revenue, province):
    body = (
        api_as("viewer")
        .get("/api/v1/analytics", indicator="THU_NSNN", unit="68", period="2021S1")
        .json()
    )
    assert body["value"] is None and body["plan_pct"] is None and body["sentence"] == ""


def test_one_bad_row_rejects_the_request_with_every_bad_row_named(api_as, revenue, province):
    r = api_as("specialist").post(
        "/api/v1/datavalues",
        {
            "values": [
                {"indicator": "THU_NSNN", "unit": "68", "period": "2021S1", "value": "6265"},
                {"indicator": "THU_NSNN", "unit": "68", "period": "2021Q7", "value": "1"},
                {"indicator": "THU_NSNN", "unit": "68", "period": "2021Q2", "value": "nhiều"},
                {"indicator": "NOPE", "unit": "00", "period": "2021Q1", "value": "1"},
            ]
        },
    )
    assert r.status_code == 400
    assert {(e["index"], e["field"]) for e in r.json()["errors"]} == {
        (1, "period"),
        (2, "value"),
        (3, "indicator"),
        (3, "unit"),
    }
    assert "không" in r.json()["detail"].lower()
    assert DataValue.objects.count() == 0


def test_the_outsider_cannot_write_stcs_values_or_targets(api_as, revenue, province):
    r = api_as("outsider").post(
        "/api/v1/datavalues",
        {"values": [{"indicator": "THU_NSNN", "unit": "68", "period": "2021S1", "value": "6265"}]},
    )
    assert r.status_code == 403 and r.json()["errors"][0] == {
        "index": 0,
        "field": "indicator",
        "message": r.json()["errors"][0]["message"],
    }
    r = api_as("outsider").post(
        "/api/v1/targets",
        {
            "targets": [
                {
                    "indicator": "THU_NSNN",
                    "unit": "68",
                    "period": "2021",
                    "kind": "plan",
                    "value": "1",
                }
            ]
        },
    )
    assert r.status_code == 403
    assert (
        DataValue.objects.count() == TargetValue.objects.count() == AuditEntry.objects.count() == 0
    )


def test_history_lists_every_revision_newest_first(api_as, revenue, province):
    for v in ("6.265", "6.300"):
        api_as("specialist").post(
            "/api/v1/datavalues",
            {"values": [{"indicator": "THU_NSNN", "unit": "68", "period": "2021S1", "value": v}]},
        )
    r = api_as("viewer").get(
        "/api/v1/datavalues/history", indicator="THU_NSNN", unit="68", period="2021S1"
    )
    assert [(h["value"], h["is_latest"], h["author"]) for h in r.json()] == [
        ("6300", True, "chuyenvien.stc"),
        ("6265", False, "chuyenvien.stc"),
    ]
    r = api_as("viewer").get(
        "/api/v1/datavalues/history", indicator="THU_NSNN", unit="68", period="2021X"
    )
    assert r.status_code == 400 and r.json()["errors"][0]["field"] == "period"


def test_a_target_names_the_directive_it_comes_from(api_as, revenue, province, agencies):
    d = Directive.objects.create(
        kind="nghi_quyet",
        number="122/NQ-HĐND",
        title="Dự toán ngân sách 2021",
        issuer=agencies["UBND"],
    )
    r = api_as("steering").post(
        "/api/v1/targets",
        {
            "targets": [
                {
                    "indicator": "THU_NSNN",
                    "unit": "68",
                    "period": "2021",
                    "kind": "estimate",
                    "value": "9300",
                    "directive": "122/NQ-HĐND",
                }
            ]
        },
    )
    assert r.status_code == 201 and TargetValue.objects.get().directive == d
    r = api_as("steering").post(
        "/api/v1/targets",
        {
            "targets": [
                {
                    "indicator": "THU_NSNN",
                    "unit": "68",
                    "period": "2021",
                    "kind": "estimate",
                    "value": "9300",
                    "directive": "không có",
                }
            ]
        },
    )
    assert r.status_code == 400 and r.json()["errors"][0]["field"] == "directive"
