"""Unit pickers offer only units valid in the chosen period and inside the installation's
province (issue 11 section 5), through one rule, org.queries.units_for_picker: the
indicator page, the entry grid (tests/targets/test_entry_choices.py), the data-entry
workbook and the units a received report's sentences may name."""

from datetime import date

import pytest
from django.test import override_settings

from theodoi.core.errors import DomainError
from theodoi.core.periods import Period
from theodoi.exchange import services as exchange
from theodoi.narratives import services as narratives
from theodoi.org.models import AdminUnit, UnitKind, UnitSuccession
from theodoi.org.queries import in_province, units_for_picker

END, START = date(2025, 6, 30), date(2025, 7, 1)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_68")]


@pytest.fixture
def site_68():
    with override_settings(SITE_PROVINCE_CODE="68"):
        yield


@pytest.fixture
def maps(province, districts, communes):
    """The old Lâm Đồng until 30/06/2025 and the new one after, each with a commune of its
    own; another province with a ward named like one of Bảo Lộc's."""
    province.valid_to = END
    province.save()
    new = AdminUnit.objects.create(
        code="68", name="Lâm Đồng", kind=UnitKind.PROVINCE, valid_from=START
    )
    lam_vien = AdminUnit.objects.create(
        code="26001", name="Lâm Viên - Đà Lạt", kind=UnitKind.WARD, parent=new, valid_from=START
    )
    other = AdminUnit.objects.create(code="79", name="Hồ Chí Minh", kind=UnitKind.CENTRAL_CITY)
    district = AdminUnit.objects.create(
        code="760", name="Quận 1", kind=UnitKind.URBAN_DISTRICT, parent=other, valid_to=END
    )
    elsewhere = AdminUnit.objects.create(
        code="20001", name="Phường Lộc Phát", kind=UnitKind.WARD, parent=district, valid_to=END
    )
    return {"new": new, "lam_vien": lam_vien, "other": other, "elsewhere": elsewhere}


def test_a_unit_is_inside_the_province_as_it_stood_on_the_units_last_day(
    province, districts, communes, maps
):
    assert in_province(communes[0])  # Phường 1 of Đà Lạt, until 30/06/2025
    assert in_province(districts[1]) and in_province(province)
    assert in_province(maps["lam_vien"]) and in_province(maps["new"])
    assert not in_province(maps["elsewhere"]) and not in_province(maps["other"])


def picker(html):
    start = html.index('<select name="dv">')
    return html[start : html.index("</select>", start)]


def test_the_indicator_page_offers_the_periods_units_of_the_province(
    client_as, revenue, communes, maps
):
    client = client_as("viewer")
    html = picker(client.get("/chi-tieu/THU_NSNN/", {"ky": "2026S1"}).content.decode())
    assert "Lâm Viên - Đà Lạt" in html and "Thành phố Đà Lạt" not in html
    assert "Phường 1" not in html and "Hồ Chí Minh" not in html
    html = picker(client.get("/chi-tieu/THU_NSNN/", {"ky": "2021S1"}).content.decode())
    assert "Thành phố Đà Lạt" in html and "Phường 1" in html
    assert "Lâm Viên" not in html and "Hồ Chí Minh" not in html


def test_the_indicator_page_refuses_another_provinces_unit_named_in_the_url(
    client_as, revenue, maps
):
    client = client_as("viewer")
    r = client.get("/chi-tieu/THU_NSNN/", {"ky": "2021S1", "dv": "20001"})
    html = r.content.decode()
    assert r.status_code == 200
    assert "Phường Lộc Phát không thuộc Tỉnh Lâm Đồng" in html
    assert "Hồ Chí Minh" not in picker(html)
    assert 'value="68" selected' in picker(html)
    # A unit of the province at another time still opens from a link.
    html = client.get("/chi-tieu/THU_NSNN/", {"ky": "2021S1", "dv": "24778"}).content.decode()
    assert 'value="24778" selected' in picker(html) and "không thuộc" not in html


def test_the_workbook_is_for_the_agencys_unit_as_it_stands_in_the_period(
    people, agencies, revenue, province, districts, maps
):
    admin, stc = people["admin"], agencies["STC"]  # STC's unit is the old Lâm Đồng
    assert stc.unit == province
    units = exchange.workbook_units(stc, Period.parse("2026S1"), with_children=True)
    assert units == [maps["new"], maps["lam_vien"]]
    units = exchange.workbook_units(stc, Period.parse("2021S1"), with_children=True)
    assert units == [province, *sorted(districts, key=lambda u: u.code)]
    book = exchange.entry_workbook(admin, stc, "2026S1", with_children=True)
    assert {r.unit.code for r in book.rows()} == {"68", "26001"}


def test_a_district_agency_gets_no_workbook_after_its_district_ended(agencies, districts, maps):
    stc = agencies["STC"]
    stc.unit = districts[0]
    with pytest.raises(DomainError, match="Thành phố Đà Lạt không có trong"):
        exchange.workbook_units(stc, Period.parse("2026S1"))


def test_a_place_in_a_sentence_is_a_unit_of_the_province_in_the_sentences_period(
    people, revenue, communes, maps
):
    text = "Trên địa bàn phường Lộc Phát, thu ngân sách nhà nước năm 2021 ước đạt 100 tỷ đồng."
    row = narratives.analyse(people["admin"], text, None)["statements"][0]
    assert row["unit"] == "24820"  # Bảo Lộc's Phường Lộc Phát, not Hồ Chí Minh's (20001)
    text = text.replace("2021", "2026")
    row = narratives.analyse(people["admin"], text, None)["statements"][0]
    assert row["unit"] is None  # in 2026 Lâm Đồng has no Phường Lộc Phát
    assert "Không tìm thấy đơn vị “Lộc Phát”." in row["flags"]


def test_before_the_merger_the_pickers_offer_the_province_as_it_stood_then(
    client_as, revenue, communes, maps
):
    # A decision (docs/architecture.md, "Pickers and the provinces merged in 2025"): a
    # period before 01/07/2025 offers the old Lâm Đồng, not Đắk Nông or Bình Thuận, though
    # both are part of today's province; their history is read through today's boundaries.
    dak_nong = AdminUnit.objects.create(
        code="67", name="Tỉnh Đắk Nông", kind=UnitKind.PROVINCE, valid_to=END
    )
    gia_nghia = AdminUnit.objects.create(
        code="660",
        name="Thành phố Gia Nghĩa",
        kind=UnitKind.PROVINCIAL_CITY,
        parent=dak_nong,
        valid_to=END,
    )
    UnitSuccession.objects.create(predecessor=dak_nong, successor=maps["new"], effective=START)
    in_2024 = list(units_for_picker(Period.parse("2024")))
    assert in_2024[0].code == "68" and in_2024[0].valid_to == END
    assert dak_nong not in in_2024 and gia_nghia not in in_2024
    html = picker(client_as("viewer").get("/chi-tieu/THU_NSNN/", {"ky": "2024"}).content.decode())
    assert "Thành phố Đà Lạt" in html and "Đắk Nông" not in html and "Gia Nghĩa" not in html
    assert dak_nong not in units_for_picker(Period.parse("2026S1"))
