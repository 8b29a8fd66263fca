"""A commune's People's Committee enters its own figures (issue 11): through
targets.services.record_values (the writer of the grid, the workbooks, the API), refused with
a message naming the unit for another commune or a unit out of its time; its accepted report
locks its figures; the grid, the workbook and the API ask the same rule
(permissions.targets.can_enter_for_unit)."""

from datetime import date

import pytest
from django.test import override_settings

from theodoi.api.models import ApiToken
from theodoi.audit.actions import Action
from theodoi.audit.models import AuditEntry
from theodoi.core.errors import DomainError, NotAllowed
from theodoi.exchange.services import entry_workbook
from theodoi.org.models import AdminUnit, UnitKind
from theodoi.targets import services
from theodoi.targets.models import DataValue
from theodoi.targets.rows import ValueRow


def row(unit, value="1650000", period="2026S1", indicator="KHACH_LUU_TRU"):
    return ValueRow(indicator=indicator, unit=unit, period=period, value=value, status="estimate")


@pytest.fixture
def levels(tourism, revenue):
    """Tourism is followed down to the communes, revenue at the province only."""
    tourism.levels = [1, 3]
    tourism.save()
    revenue.levels = [1]
    revenue.save()


@pytest.fixture
def xuanhuong(commune_people, levels):
    return commune_people["xuanhuong"]


def test_a_commune_writes_its_own_figure_in_its_name_audited_as_its_specialist(
    xuanhuong, commune_agencies, new_communes
):
    [dv] = services.record_values(xuanhuong, [row("24781")], source="nhập tay")
    dv.refresh_from_db()
    assert (dv.unit, dv.value, dv.author) == (new_communes["24781"], 1650000, xuanhuong)
    assert dv.agency == commune_agencies["24781"]
    entry = AuditEntry.objects.get(action=Action.VALUE_RECORDED)
    assert (entry.actor, entry.object_id) == (xuanhuong, str(dv.pk))
    assert entry.data["unit"] == "24781"


def test_another_communes_figure_is_refused_naming_the_unit_and_nothing_is_written(
    xuanhuong, new_communes
):
    with pytest.raises(NotAllowed) as refused:
        services.record_values(xuanhuong, [row("24781"), row("24778", "980000")])
    [error] = refused.value.errors
    assert error["index"] == 1 and error["field"] == "unit"
    assert "Phường Lâm Viên - Đà Lạt" in error["message"]
    assert "Bạn không có quyền nhập số liệu “Khách qua lưu trú”" in error["message"]
    assert "chưa có số liệu nào được ghi" in refused.value.message
    assert not DataValue.objects.exists()  # not even the commune's own row
    assert not AuditEntry.objects.filter(action=Action.VALUE_RECORDED).exists()


def test_a_unit_out_of_its_time_is_refused(xuanhuong, new_communes, districts):
    # Phường Xuân Hương - Đà Lạt exists from 01/07/2025: not in the first half of 2025.
    with pytest.raises(DomainError) as outside:
        services.record_values(xuanhuong, [row("24781", period="2025S1")])
    [error] = outside.value.errors
    assert error["field"] == "unit" and "Xuân Hương" in error["message"], error
    # Where the code then named another unit (Phường 2 of Thành phố Đà Lạt), that unit is
    # another People's Committee's: refused, naming it.
    AdminUnit.objects.create(
        code="24781",
        name="Phường 2",
        kind=UnitKind.WARD,
        parent=districts[0],
        valid_to=date(2025, 6, 30),
    )
    with pytest.raises(NotAllowed) as refused:
        services.record_values(xuanhuong, [row("24781", period="2025S1")])
    assert "Phường 2" in refused.value.errors[0]["message"]
    assert not DataValue.objects.exists()


def test_a_province_only_indicator_is_not_the_communes(xuanhuong, new_communes):
    with pytest.raises(DomainError):
        services.record_values(
            xuanhuong, [row("24781", value="10", period="2026S1", indicator="THU_NSNN")]
        )
    assert not DataValue.objects.exists()


def test_the_communes_accepted_report_locks_its_figures_for_everyone(
    xuanhuong, commune_people, commune_agencies, people
):
    services.lock_values(people["steering"], commune_agencies["24781"], "2026S1", reason="Đã nhận")
    for who in (xuanhuong, people["outsider"], people["steering"]):
        with pytest.raises(DomainError) as locked:
            services.record_values(who, [row("24781")])
        assert "đã được khóa" in locked.value.errors[0]["message"]
        assert "phường Xuân Hương" in locked.value.errors[0]["message"]
    # Another commune's figures are not its lock's.
    services.record_values(commune_people["lamvien"], [row("24778", "980000")])
    # The lead agency's lock freezes the commune's figure too, as before.
    services.lock_values(people["steering"], people["outsider"].memberships.get().agency, "2026")
    with pytest.raises(DomainError) as locked:
        services.record_values(commune_people["lamvien"], [row("24778", "990000")])
    assert "đã được khóa" in locked.value.errors[0]["message"]
    assert DataValue.objects.count() == 1


@override_settings(SITE_PROVINCE_CODE="68")
def test_the_grid_opens_on_the_communes_own_unit_with_its_rows(
    client, xuanhuong, new_communes, people
):
    client.force_login(xuanhuong)
    page = client.get("/chi-tieu/nhap-lieu/", {"ky": "2026S1"})
    assert page.status_code == 200
    assert page.context["unit"] == new_communes["24781"]
    assert [u.code for u in page.context["units"]] == ["24781"]
    assert [r["ind"].code for r in page.context["rows"]] == ["KHACH_LUU_TRU"]
    saved = client.post(
        "/chi-tieu/nhap-lieu/",
        {
            "dv": "24781",
            "ky": "2026S1",
            "v-KHACH_LUU_TRU": "1.650.000",
            "s-KHACH_LUU_TRU": "estimate",
        },
    )
    assert saved.status_code == 302
    assert DataValue.objects.get().value == 1650000
    # Another commune is not offered: posting it writes nothing.
    other = client.post(
        "/chi-tieu/nhap-lieu/",
        {"dv": "24778", "ky": "2026S1", "v-KHACH_LUU_TRU": "980000", "s-KHACH_LUU_TRU": "estimate"},
    )
    assert other.status_code == 302
    assert DataValue.objects.count() == 1
    # The lead agency's specialist still has every unit, the communes among them.
    client.force_login(people["outsider"])
    lead = client.get("/chi-tieu/nhap-lieu/", {"ky": "2026S1", "dv": "24778"})
    assert lead.context["unit"] == new_communes["24778"]
    assert {u.code for u in lead.context["units"]} == {"68", "24781", "24778"}


def test_the_workbook_of_a_commune_holds_its_own_rows(
    xuanhuong, commune_agencies, people, new_communes
):
    book = entry_workbook(xuanhuong, commune_agencies["24781"], "2026S1")
    assert [(r.indicator.code, r.unit.code) for r in book.rows()] == [("KHACH_LUU_TRU", "24781")]
    with pytest.raises(NotAllowed):
        entry_workbook(xuanhuong, commune_agencies["24778"], "2026S1")
    with pytest.raises(NotAllowed):
        entry_workbook(people["outsider"], commune_agencies["24781"], "2026S1")


def test_the_api_asks_the_same_rule(client, xuanhuong, new_communes):
    _token, raw = ApiToken.objects.issue(xuanhuong)
    headers = {"Authorization": f"Bearer {raw}"}

    def post(unit):
        return client.post(
            "/api/v1/datavalues",
            {
                "values": [
                    {
                        "indicator": "KHACH_LUU_TRU",
                        "unit": unit,
                        "period": "2026S1",
                        "value": "1650000",
                    }
                ]
            },
            content_type="application/json",
            headers=headers,
        )

    assert post("24781").status_code == 201
    refused = post("24778")
    assert refused.status_code == 403
    assert "Phường Lâm Viên - Đà Lạt" in refused.json()["errors"][0]["message"]
    assert DataValue.objects.count() == 1
