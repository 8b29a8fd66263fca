"""Issue 14 items 3 and 4: the entry grid offers choices, not codes (periods with Vietnamese
labels, only the units of the user's province valid in the period) and shows locked cells
read-only, with the reason and who can reopen, before anyone types."""

import re
from datetime import date

import pytest
from django.test import override_settings

from theodoi.core.periods import Period, period_choices, picker_periods, years_around
from theodoi.demo import org as demo_org
from theodoi.demo import targets as demo_targets
from theodoi.org.models import AdminUnit, UnitKind
from theodoi.org.queries import unit_at, units_for_picker
from theodoi.targets import services
from theodoi.targets.models import DataValue, Indicator

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    ctx = {}
    demo_org.load(ctx)
    demo_targets.load(ctx)
    return ctx


def test_period_choices_carry_vietnamese_labels_most_recent_year_first():
    labels = [p.label for p in period_choices([2020, 2021])]
    assert labels[0] == "Năm 2021"
    for want in ["Tháng 5/2021", "6 tháng đầu năm 2021", "9 tháng đầu năm 2021", "Quý II/2021"]:
        assert want in labels
    assert labels.index("Năm 2020") > labels.index("Tháng 12/2021")
    ids = [p.id for p in period_choices([2021])]
    assert len(ids) == len(set(ids)) == 1 + 2 + 8 + 4 + 12  # YTD03/06/12 are the quarter/half/year
    assert [p.kind for p in period_choices([2021], kinds=["quarter"])] == ["quarter"] * 4
    assert years_around(Period.parse("2021S1"), 2026) == [2020, 2021, 2022, 2025, 2026, 2027]
    assert years_around(2026, back=2, ahead=0) == [2024, 2025, 2026]
    offered = {p.year for p in picker_periods(Period.parse("2014Q1"), today_year=2026)}
    assert offered == {2013, 2014, 2015} | set(range(2021, 2028))


def test_unit_labels_name_the_kind(province, districts):
    assert province.label == "Tỉnh Lâm Đồng"
    assert districts[0].label == "Thành phố Đà Lạt"  # the name already says it
    commune = AdminUnit(code="1", name="Lát", kind=UnitKind.COMMUNE)
    assert commune.label == "Xã Lát"


def test_units_for_picker_keeps_the_province_its_units_valid_in_the_period(province, districts):
    other = AdminUnit.objects.create(code="60", name="Bình Thuận", kind=UnitKind.PROVINCE)
    new = AdminUnit.objects.create(
        code="99999", name="Lâm Viên", kind=UnitKind.WARD, parent=province,
        valid_from=date(2025, 7, 1),
    )  # fmt: skip
    with override_settings(SITE_PROVINCE_CODE="68"):
        in_2021 = list(units_for_picker(Period.parse("2021S1")))
        in_2026 = list(units_for_picker(date(2026, 1, 1)))
        districts_only = list(units_for_picker(Period.parse("2021"), max_level=2))
    assert in_2021 == [province, *sorted(districts, key=lambda u: u.name)]
    assert other not in in_2021 and new not in in_2021
    assert in_2026 == [province, new]  # the cities ended on 30/06/2025
    assert new not in districts_only
    assert list(units_for_picker(Period.parse("2021"), within=other)) == [other]


@override_settings(SITE_PROVINCE_CODE="68")
def test_the_grid_offers_only_lam_dong_units_and_refuses_another_province(client, demo):
    client.force_login(demo["users"]["chuyenvien.stc"])
    html = client.get("/chi-tieu/nhap-lieu/", {"dv": "68", "ky": "2021Q3"}).content.decode()
    assert "Bình Thuận" not in html and "Đắk Nông" not in html
    assert ">Tỉnh Lâm Đồng</option>" in html and ">Thành phố Đà Lạt</option>" in html
    assert '<option value="2021Q3" selected>Quý III/2021</option>' in html
    assert 'name="ky" value="2021Q3" size' not in html  # no code typed by hand
    # The code still works in the URL; another province's code is refused, not opened.
    html = client.get("/chi-tieu/nhap-lieu/", {"dv": "60", "ky": "2021Q3"}).content.decode()
    assert "không thuộc Tỉnh Lâm Đồng" in html
    assert 'name="dv" value="68"' in html  # the grid fell back to the province
    r = client.post(
        "/chi-tieu/nhap-lieu/",
        {"dv": "60", "ky": "2021Q3", "v-THU_NSNN": "1.000", "s-THU_NSNN": "estimate"},
    )
    assert r.status_code == 302
    assert not DataValue.objects.filter(unit__code="60", period_id="2021Q3").exists()


@override_settings(SITE_PROVINCE_CODE="68")
def test_locked_cells_show_read_only_with_reason_and_who_reopens_before_typing(client, demo):
    stc = demo["agencies"]["STC"]
    steering = demo["users"]["vanphong"]
    services.lock_values(steering, stc, "2021Q3", reason="Đã tiếp nhận báo cáo")
    client.force_login(demo["users"]["chuyenvien.stc"])
    html = client.get("/chi-tieu/nhap-lieu/", {"dv": "68", "ky": "2021Q3"}).content.decode()
    assert 'name="v-THU_NSNN"' not in html  # no open input for a locked figure
    assert "Đã tiếp nhận báo cáo" in html and "Chỉ Văn phòng theo dõi mở lại được" in html
    assert "Lưu tất cả" not in html  # nothing left to type
    # A month inside the locked quarter is locked too (the same rule the service refuses by).
    html = client.get("/chi-tieu/nhap-lieu/", {"dv": "68", "ky": "202108"}).content.decode()
    assert 'name="v-THU_NSNN"' not in html
    html = client.get("/chi-tieu/nhap-lieu/", {"dv": "68", "ky": "2021Q4"}).content.decode()
    assert 'name="v-THU_NSNN"' in html and "Chỉ Văn phòng theo dõi" not in html


def test_covering_lock_is_the_rule_record_values_refuses_by(demo):
    steering = demo["users"]["vanphong"]
    ind = Indicator.objects.get(code="THU_NSNN")
    province = unit_at("68", Period.parse("2021Q3").end)
    lock = services.lock_values(steering, ind.lead_agency, "2021Q3", reason="x")
    found = services.indicator_locks([ind], province.pk, Period.parse("202108"))
    assert found == {ind.pk: lock}
    assert services.indicator_locks([ind], province.pk, Period.parse("202110")) == {}


@override_settings(SITE_PROVINCE_CODE="68")
def test_every_grid_field_is_labelled_with_its_indicator(client, demo):
    """Issue 14, item 9: the status lists had no label and every note was labelled just
    "Ghi chú"; a screen reader now hears which indicator each field is for."""
    client.force_login(demo["users"]["chuyenvien.stc"])
    html = client.get("/chi-tieu/nhap-lieu/", {"dv": "68", "ky": "2021Q3"}).content.decode()
    grid = html[html.index('id="grid"') : html.index("</table>")]
    fields = re.findall(r'<(?:input|select) [^>]*name="([vsn])-([A-Z_0-9]+)"[^>]*>', grid)
    assert len(fields) >= 6
    labels = re.findall(
        r'<(?:input|select) [^>]*name="[vsn]-[A-Z_0-9]+"[^>]*aria-label="([^"]+)"', grid
    )
    assert len(labels) == len(fields) and len(set(labels)) == len(labels)
    assert "Ghi chú: Thu ngân sách nhà nước" in labels
    assert "Tình trạng số liệu: Thu ngân sách nhà nước" in labels
