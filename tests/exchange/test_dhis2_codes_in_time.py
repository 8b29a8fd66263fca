"""DHIS2 and a code that names one unit at one date (issue 11, "Bad input and edges").

The mapping table says which GSO code an orgUnit uid is; the unit is the one holding that
code in the value's period: 22918 is Phường Hàm Tiến until 30/06/2025 and Phường Mũi Né from
01/07/2025. Import and export resolve it with the period, never with today."""

import json
from datetime import date

import pytest
import time_machine

from theodoi.core.errors import DomainError
from theodoi.exchange import dhis2, services
from theodoi.org.models import AdminUnit, UnitKind
from theodoi.targets.models import DataValue
from theodoi.targets.rows import ValueRow
from theodoi.targets.services import record_values

pytestmark = pytest.mark.usefixtures("media", "july_2026", "mapped")

DE, OU = "fbfJHSPpUQD", "MuiNeHamTie"


@pytest.fixture
def july_2026():
    with time_machine.travel("2026-07-15 09:00 +0700", tick=False):
        yield date(2026, 7, 15)


@pytest.fixture
def wards(province):
    ham_tien = AdminUnit.objects.create(
        code="22918",
        name="Phường Hàm Tiến",
        kind=UnitKind.WARD,
        parent=province,
        valid_to=date(2025, 6, 30),
    )
    mui_ne = AdminUnit.objects.create(
        code="22918",
        name="Phường Mũi Né",
        kind=UnitKind.WARD,
        parent=province,
        valid_from=date(2025, 7, 1),
    )
    return ham_tien, mui_ne


@pytest.fixture
def mapped(people, wards, tourism):
    services.save_mapping(people["steering"], kind="indicator", external_id=DE, code=tourism.code)
    services.save_mapping(people["steering"], kind="unit", external_id=OU, code="22918")


def dvs(*values):
    return json.dumps(
        {
            "dataValues": [
                dict(zip(["dataElement", "period", "orgUnit", "value"], v, strict=True))
                for v in values
            ]
        }
    ).encode()


def test_an_import_lands_on_the_unit_holding_the_code_in_each_values_period(people, wards):
    ham_tien, mui_ne = wards
    p = services.preview_dhis2_import(
        people["steering"], dvs([DE, "2024Q4", OU, "41000"], [DE, "2026Q1", OU, "52000"]), "d.json"
    )
    assert p.can_commit and p.summary["new"] == 2, [str(e) for e in p.errors]
    services.import_dhis2(people["steering"], p.token)
    assert DataValue.objects.get(period_id="2024Q4").unit == ham_tien
    assert DataValue.objects.get(period_id="2026Q1").unit == mui_ne


def test_an_export_writes_the_mapped_uid_for_the_value_of_each_unit(people, wards):
    ham_tien, mui_ne = wards
    record_values(
        people["steering"],
        [
            ValueRow(indicator="KHACH_LUU_TRU", unit="22918", period="2024Q4", value="41000"),
            ValueRow(indicator="KHACH_LUU_TRU", unit="22918", period="2026Q1", value="52000"),
        ],
    )
    assert {dv.period_id: dv.unit for dv in DataValue.objects.all()} == {
        "2024Q4": ham_tien,
        "2026Q1": mui_ne,
    }
    values, skipped = services.export_dhis2(people["steering"], ["2024Q4", "2026Q1"])
    assert skipped == []
    assert sorted((v["period"], v["orgUnit"], v["value"]) for v in values) == [
        ("2024Q4", OU, "41000"),
        ("2026Q1", OU, "52000"),
    ]
    # Read back, each value finds its own unit again.
    DataValue.objects.all().delete()
    p = services.preview_dhis2_import(people["steering"], dhis2.to_json(values), "back.json")
    services.import_dhis2(people["steering"], p.token)
    assert {dv.period_id: dv.unit for dv in DataValue.objects.all()} == {
        "2024Q4": ham_tien,
        "2026Q1": mui_ne,
    }


def test_a_second_uid_for_the_same_code_is_refused_not_guessed(people):
    # A DHIS2 instance holding Hàm Tiến and Mũi Né as two org units cannot map both to
    # 22918: the values of the unmapped one are reported as unmapped, never written to the
    # wrong unit (docs/architecture.md, "DHIS2").
    with pytest.raises(DomainError, match="đã được ánh xạ với “MuiNeHamTie”"):
        services.save_mapping(
            people["steering"], kind="unit", external_id="HamTienOld1", code="22918"
        )
    p = services.preview_dhis2_import(
        people["steering"], dvs([DE, "2024Q4", "HamTienOld1", "1"]), "d.json"
    )
    assert p.summary["new"] == 0 and p.summary["unmapped"] == 1
