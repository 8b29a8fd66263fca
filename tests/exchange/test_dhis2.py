import json

import pytest

from theodoi.audit.models import AuditEntry
from theodoi.core.errors import DomainError, NotAllowed
from theodoi.exchange import dhis2, services
from theodoi.exchange.models import ExternalMapping
from theodoi.targets.models import DataValue, Indicator, ValueLock
from theodoi.targets.rows import ValueRow
from theodoi.targets.services import record_values

pytestmark = pytest.mark.usefixtures("media", "june_2021", "mapped")


@pytest.fixture
def mapped(people, province, districts, revenue, spending, tourism):
    for kind, uid, code in [
        ("indicator", "fbfJHSPpUQD", "THU_NSNN"),
        ("indicator", "cYeuwXTCPkU", "CHI_NSDP"),
        ("unit", "ImspTQPwCqd", "68"),
        ("unit", "O6uvpzGd5pu", "672"),
    ]:
        services.save_mapping(people["steering"], kind=kind, external_id=uid, code=code)


def dvs(*values):
    return json.dumps(
        {
            "dataSet": "pBOMPrpg1QX",
            "dataValues": [
                dict(zip(["dataElement", "period", "orgUnit", "value"], v, strict=True))
                for v in values
            ],
        }
    ).encode()


def test_a_dataValueSet_is_previewed_then_written_with_unmapped_ids_reported(people):
    data = dvs(
        ["fbfJHSPpUQD", "2021Q2", "ImspTQPwCqd", "2100.5"],
        ["fbfJHSPpUQD", "202106", "O6uvpzGd5pu", "300"],
        ["xxUnknownDE", "2021Q2", "ImspTQPwCqd", "7"],
        ["cYeuwXTCPkU", "2021Q2", "zzUnknownOU", "8"],
    )
    p = services.preview_dhis2_import(people["steering"], data, "dhis2.json")
    assert p.can_commit and p.summary["new"] == 2 and p.summary["unmapped"] == 2
    assert {(u["kind"], u["id"]) for u in p.unmapped} == {
        ("dataElement", "xxUnknownDE"),
        ("orgUnit", "zzUnknownOU"),
    }
    assert (
        "Tệp “dhis2.json”, dataValues[2]: dataElement “xxUnknownDE” chưa có trong bảng ánh xạ; 1 "
        "giá trị không được ghi (dataValues[2])." in [str(n) for n in p.notices]
    )
    assert DataValue.objects.count() == 0
    values = services.import_dhis2(people["steering"], p.token)
    assert len(values) == 2
    dv = DataValue.objects.get(period_id="202106")
    assert (dv.indicator.code, dv.unit.code, dv.value, dv.status, dv.source) == (
        "THU_NSNN",
        "672",
        300,
        "official",
        "dhis2.json",
    )
    entry = AuditEntry.objects.get(action="exchange.upload.committed")
    assert entry.data["unmapped"] == [
        {"kind": "dataElement", "id": "xxUnknownDE", "count": 1},
        {"kind": "orgUnit", "id": "zzUnknownOU", "count": 1},
    ]


def test_strict_import_refuses_any_unmapped_id(people):
    p = services.preview_dhis2_import(
        people["steering"],
        dvs(
            ["fbfJHSPpUQD", "2021Q2", "ImspTQPwCqd", "1"],
            ["xxUnknownDE", "2021Q2", "ImspTQPwCqd", "7"],
        ),
        "d.json",
    )
    with pytest.raises(DomainError, match="xxUnknownDE.*dataValues\\[1\\]"):
        services.import_dhis2(people["steering"], p.token, strict=True)
    assert DataValue.objects.count() == 0


def test_bad_values_and_periods_name_their_place(people):
    p = services.preview_dhis2_import(
        people["steering"],
        dvs(
            ["fbfJHSPpUQD", "2021W10", "ImspTQPwCqd", "1"],
            ["fbfJHSPpUQD", "2021Q2", "ImspTQPwCqd", "1,5"],
        ),
        "d.json",
    )
    assert [str(e) for e in p.errors][
        1
    ] == "Tệp “d.json”, dataValues[1], value: giá trị “1,5” không phải số dạng 1234.5."
    assert str(p.errors[0]).startswith("Tệp “d.json”, dataValues[0], period:")
    with pytest.raises(DomainError):
        services.import_dhis2(people["steering"], p.token)
    assert DataValue.objects.count() == 0


def test_the_csv_form_is_read_with_dhis2s_header(people):
    data = (
        "dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,storedby,lastupdated,comment,followup\n"
        "fbfJHSPpUQD,2021Q2,ImspTQPwCqd,HllvX50cXC0,,2100.5,admin,,Ước tính,false\n"
        "fbfJHSPpUQD,2021Q2,O6uvpzGd5pu,abcdefghijk,,5,admin,,,false\n"
    ).encode()
    p = services.preview_dhis2_import(people["steering"], data, "d.csv")
    assert p.summary["new"] == 1
    assert p.unmapped == [
        {
            "kind": "categoryOptionCombo",
            "id": "fbfJHSPpUQD.abcdefghijk",
            "count": 1,
            "where": ["dòng 3"],
        }
    ]
    services.import_dhis2(people["steering"], p.token)
    assert DataValue.objects.get().note == "Ước tính"


def test_a_locked_period_is_refused_from_dhis2_too(people, agencies):
    ValueLock.objects.create(agency=agencies["STC"], period_id="2021", locked_by=people["steering"])
    p = services.preview_dhis2_import(
        people["steering"], dvs(["fbfJHSPpUQD", "2021Q2", "ImspTQPwCqd", "1"]), "d.json"
    )
    assert "dataValues[0], period" in str(p.errors[0]) and "khóa" in str(p.errors[0])


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_round_trip_keeps_every_mapped_value(people, fmt):
    # Full precision travels both ways (the indicators keep six decimals here).
    Indicator.objects.filter(code__in=["THU_NSNN", "CHI_NSDP"]).update(decimals=6)

    record_values(
        people["steering"],
        [
            ValueRow(indicator="THU_NSNN", unit="68", period="2021Q2", value="2100,5", note="ước"),
            ValueRow(indicator="THU_NSNN", unit="672", period="202106", value="0,000001"),
            ValueRow(indicator="CHI_NSDP", unit="68", period="2021Q2", value="123456789012,5"),
            ValueRow(
                indicator="CHI_NSDP", unit="673", period="2021Q2", value="9"
            ),  # Bảo Lộc is not mapped
        ],
        source="nhập tay",
    )
    values, skipped = services.export_dhis2(people["steering"], ["2021Q2", "202106"])
    assert len(values) == 3 and skipped == [{"kind": "unit", "code": "673", "count": 1}]
    body = dhis2.to_json(values) if fmt == "json" else dhis2.to_csv(values)
    DataValue.objects.all().delete()
    p = services.preview_dhis2_import(people["steering"], body, f"round.{fmt}", status="estimate")
    assert p.can_commit and p.summary["new"] == 3
    services.import_dhis2(people["steering"], p.token)
    again, _ = services.export_dhis2(people["steering"], ["2021Q2", "202106"])
    assert again == values
    assert DataValue.objects.get(unit__code="672").value * 1000000 == 1


@pytest.mark.parametrize("persona", ["specialist", "leader", "viewer", "outsider", "nobody"])
def test_only_the_steering_office_exchanges_with_dhis2(people, persona):
    with pytest.raises(NotAllowed):
        services.preview_dhis2_import(people[persona], dvs(), "d.json")
    with pytest.raises(NotAllowed):
        services.export_dhis2(people[persona], ["2021Q2"])
    with pytest.raises(NotAllowed):
        services.save_mapping(people[persona], kind="unit", external_id="x", code="68")


def test_the_mapping_table_checks_codes_and_records_changes(people):
    with pytest.raises(DomainError, match="Không có chỉ tiêu mã “NOPE”"):
        services.save_mapping(people["steering"], kind="indicator", external_id="abc", code="NOPE")
    with pytest.raises(DomainError, match="đã được ánh xạ với “ImspTQPwCqd”"):
        services.save_mapping(people["steering"], kind="unit", external_id="other", code="68")
    m = ExternalMapping.objects.get(external_id="ImspTQPwCqd")
    services.delete_mapping(people["steering"], m)
    assert AuditEntry.objects.filter(
        action="exchange.mapping.deleted", data__external_id="ImspTQPwCqd"
    ).exists()
    assert AuditEntry.objects.filter(action="exchange.mapping.saved").count() == 4
