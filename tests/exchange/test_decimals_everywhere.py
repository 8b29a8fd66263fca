"""Issue 14, item 5: a figure with more decimals than its indicator keeps is refused on every
way in (service, grid, API, workbook, DHIS2), with a message naming the indicator and its
allowed decimals; nothing is written. Before, 96,5 was stored and shown as "97 tỷ đồng"."""

import csv
import io
import json

import pytest

from theodoi.core.errors import DomainError
from theodoi.exchange import services
from theodoi.targets import services as target_services
from theodoi.targets.models import DataValue, Indicator
from theodoi.targets.rows import ValueRow

pytestmark = pytest.mark.usefixtures("media", "june_2021")

WHOLE = "ghi số nguyên"


@pytest.fixture
def whole(people, province, revenue, spending):
    Indicator.objects.filter(code="THU_NSNN").update(decimals=0)
    return Indicator.objects.get(code="THU_NSNN")


def test_the_service_refuses_and_names_the_indicator(people, whole):
    with pytest.raises(DomainError) as exc:
        target_services.record_values(
            people["specialist"],
            [ValueRow(indicator="THU_NSNN", unit="68", period="2021Q2", value="96,5")],
        )
    message = exc.value.errors[0]["message"]
    assert "Thu ngân sách nhà nước" in message and WHOLE in message and "96,5" in message
    assert exc.value.errors[0]["field"] == "value"
    # a trailing zero is no extra precision; two decimals where one is allowed is refused
    target_services.record_values(
        people["specialist"],
        [ValueRow(indicator="THU_NSNN", unit="68", period="2021Q2", value="96,0")],
    )
    with pytest.raises(DomainError) as exc:
        target_services.record_values(
            people["specialist"],
            [ValueRow(indicator="CHI_NSDP", unit="68", period="2021Q2", value="1,2345")],
        )
    assert "tối đa 3 chữ số thập phân" in exc.value.errors[0]["message"]
    assert DataValue.objects.count() == 1


def test_the_grid_refuses(client_as, whole):
    r = client_as("specialist").post(
        "/chi-tieu/nhap-lieu/",
        {"dv": "68", "ky": "2021Q2", "v-THU_NSNN": "96,5", "s-THU_NSNN": "estimate"},
    )
    assert r.status_code == 200 and WHOLE in r.content.decode()
    assert not DataValue.objects.exists()


def test_the_api_refuses(api_as, whole):
    r = api_as("specialist").post(
        "/api/v1/datavalues",
        {"values": [{"indicator": "THU_NSNN", "unit": "68", "period": "2021Q2", "value": "96.5"}]},
    )
    assert r.status_code == 400
    assert r.json()["errors"][0]["field"] == "value" and WHOLE in r.json()["errors"][0]["message"]
    assert not DataValue.objects.exists()


def test_the_workbook_refuses(people, agencies, whole):
    exported = services.entry_workbook(people["specialist"], agencies["STC"], "2021Q2").to_csv()
    rows = list(csv.reader(io.StringIO(exported.decode("utf-8-sig"))))
    header = rows[0]
    at = next(n for n, row in enumerate(rows) if row and row[0] == "THU_NSNN")
    rows[at][header.index("Giá trị kỳ này")] = "96,5"
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    p = services.preview_value_import(
        people["specialist"], out.getvalue().encode("utf-8-sig"), "a.csv", agencies["STC"], "2021Q2"
    )
    assert not p.can_commit and any(WHOLE in str(e) for e in p.errors)
    assert not DataValue.objects.exists()


def test_dhis2_refuses(people, whole):
    services.save_mapping(
        people["steering"], kind="indicator", external_id="fbfJHSPpUQD", code="THU_NSNN"
    )
    services.save_mapping(people["steering"], kind="unit", external_id="ImspTQPwCqd", code="68")
    body = json.dumps(
        {
            "dataValues": [
                {
                    "dataElement": "fbfJHSPpUQD",
                    "period": "2021Q2",
                    "orgUnit": "ImspTQPwCqd",
                    "value": "96.5",
                }
            ]
        }
    ).encode()
    p = services.preview_dhis2_import(people["steering"], body, "d.json")
    assert not p.can_commit and any(WHOLE in str(e) for e in p.errors)
    assert not DataValue.objects.exists()
