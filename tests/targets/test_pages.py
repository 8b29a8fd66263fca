"""The targets pages: list with filters, indicator page, data entry grid, home panel."""

from decimal import Decimal as D

import pytest
from django.test import override_settings

from theodoi.audit.models import AuditEntry
from theodoi.demo import org as demo_org
from theodoi.demo import targets as demo_targets
from theodoi.targets.models import DataValue

pytestmark = pytest.mark.django_db

SEED_REVENUE = (
    "Thu ngân sách nhà nước 6 tháng đầu năm 2021 ước đạt 6.265 tỷ đồng, bằng 67,4% dự toán, "
    "tăng 39,6% so với cùng kỳ năm 2020."
)
SEED_TOURISM = (
    "Khách qua lưu trú 6 tháng đầu năm 2021 ước đạt 1,9 triệu lượt khách, bằng 47% kế hoạch, "
    "tăng 13% so với cùng kỳ năm 2020."
)


@pytest.fixture
def demo(db, client):
    ctx = {}
    demo_org.load(ctx)
    demo_targets.load(ctx)
    return ctx


@pytest.fixture
def as_user(client, demo):
    def login(username):
        client.force_login(demo["users"][username])
        return client

    return login


@override_settings(SITE_PROVINCE_CODE="68")
def test_the_home_page_shows_the_seed_sentences(as_user):
    html = as_user("xem").get("/").content.decode()
    assert SEED_REVENUE in html and SEED_TOURISM in html
    assert 'data-pace="ahead"' in html


@override_settings(SITE_PROVINCE_CODE="68")
def test_the_list_filters_by_field_agency_and_pace(as_user):
    c = as_user("xem")
    html = c.get("/chi-tieu/", {"q": "khach luu tru"}).content.decode()
    assert "Khách qua lưu trú" in html and "Thu ngân sách" not in html
    html = c.get("/chi-tieu/", {"agency": "STC"}).content.decode()
    assert "Thu ngân sách nhà nước" in html and "Khách qua lưu trú" not in html
    html = c.get("/chi-tieu/", {"pace": "ahead"}).content.decode()
    assert "Thu ngân sách nhà nước" in html and "Khách qua lưu trú" not in html
    html = c.get("/chi-tieu/", {"field": "Du lịch", "ky": "2021S1"}).content.decode()
    assert "47,0%" in html and "+13,0%" in html


@override_settings(SITE_PROVINCE_CODE="68")
def test_the_indicator_page_has_sentence_chart_children_and_history(as_user):
    html = as_user("xem").get("/chi-tieu/KHACH_LUU_TRU/", {"ky": "2021S1"}).content.decode()
    assert SEED_TOURISM in html
    assert 'id="chart-data"' in html and "uplot.min.js" in html
    assert "Thành phố Đà Lạt" in html and "1.330.000" in html
    assert 'id="history"' in html and "đang dùng" in html


@override_settings(SITE_PROVINCE_CODE="68")
def test_a_specialist_saves_the_grid_and_a_bad_cell_saves_nothing(as_user):
    c = as_user("chuyenvien.stc")
    page = c.get("/chi-tieu/nhap-lieu/", {"dv": "68", "ky": "2021Q3"}).content.decode()
    assert (
        "Thu ngân sách nhà nước" in page and "Khách qua lưu trú" not in page
    )  # only STC's indicators
    r = c.post(
        "/chi-tieu/nhap-lieu/",
        {
            "dv": "68",
            "ky": "2021Q3",
            "v-THU_NSNN": "3.100",
            "s-THU_NSNN": "estimate",
            "v-CHI_NSDP": "nhiều lắm",
            "s-CHI_NSDP": "estimate",
        },
    )
    html = r.content.decode()
    assert r.status_code == 200 and "cell-error" in html and "không phải là số" in html
    assert not DataValue.objects.filter(period_id="2021Q3").exists()
    r = c.post(
        "/chi-tieu/nhap-lieu/",
        {
            "dv": "68",
            "ky": "2021Q3",
            "v-THU_NSNN": "3.100",
            "s-THU_NSNN": "estimate",
            "v-CHI_NSDP": "3.700",
            "s-CHI_NSDP": "official",
        },
    )
    assert r.status_code == 302
    assert DataValue.objects.get(period_id="2021Q3", indicator__code="THU_NSNN").value == D("3100")
    assert (
        AuditEntry.objects.filter(
            action="targets.datavalue.recorded", actor__username="chuyenvien.stc"
        ).count()
        == 2
    )


@override_settings(SITE_PROVINCE_CODE="68")
def test_the_grid_asks_for_a_note_on_a_jump(as_user):
    c = as_user("chuyenvien.stc")
    r = c.post(
        "/chi-tieu/nhap-lieu/",
        {"dv": "68", "ky": "2021S1", "v-THU_NSNN": "9.500", "s-THU_NSNN": "estimate"},
    )
    assert "cần ghi chú giải trình" in r.content.decode()
    assert DataValue.objects.get(
        period_id="2021S1", indicator__code="THU_NSNN", is_latest=True
    ).value == D(6265)


@override_settings(SITE_PROVINCE_CODE="68")
def test_who_may_open_data_entry(as_user, client, demo):
    assert as_user("xem").get("/chi-tieu/nhap-lieu/").status_code == 403
    html = (
        as_user("chuyenvien.vhttdl")
        .get("/chi-tieu/nhap-lieu/", {"dv": "68", "ky": "2021S1"})
        .content.decode()
    )
    assert "Khách qua lưu trú" in html and "Thu ngân sách" not in html
    client.logout()
    assert client.get("/chi-tieu/").status_code in (302, 403)


@override_settings(SITE_PROVINCE_CODE="68")
def test_a_chart_with_nothing_to_draw_says_so(as_user):
    """Issue 14 item 7: a year without any figure or plan showed an empty frame."""
    c = as_user("xem")
    html = c.get("/chi-tieu/THU_NSNN/", {"ky": "2012"}).content.decode()
    assert '<p class="chart-empty" id="chart-empty">Chưa có số liệu</p>' in html
    assert 'id="chart"' not in html  # no empty ECharts frame
    table = html[html.index('<div class="sr-only"><table>') :]
    table = table[: table.index("</table>")]
    assert '<td colspan="3">Chưa có số liệu</td>' in table and '<th scope="row">T1' not in table
    html = c.get("/chi-tieu/THU_NSNN/", {"ky": "2021S1"}).content.decode()
    assert 'id="chart"' in html and "chart-empty" not in html
