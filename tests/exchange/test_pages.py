import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from tests.exchange.helpers import edit_xlsx
from tests.exchange.test_task_import import GOOD
from theodoi.exchange.models import ExternalMapping
from theodoi.targets.models import DataValue
from theodoi.targets.rows import ValueRow
from theodoi.targets.services import record_values
from theodoi.tasks.models import Task

pytestmark = pytest.mark.usefixtures("media", "june_2021")


def test_the_hub_page_offers_what_the_person_may_do(client_as):
    body = client_as("specialist").get("/trao-doi/").content.decode()
    assert "Nhập số liệu" in body and "Dành cho văn phòng theo dõi" in body


@pytest.mark.usefixtures("stc_figures")
def test_a_specialist_downloads_fills_previews_and_confirms(client_as):
    client = client_as("specialist")
    r = client.get("/trao-doi/so-lieu/?agency=STC&period=2021Q2&format=xlsx")
    assert r.status_code == 200 and "so-lieu_stc_ky-2021q2.xlsx" in r["Content-Disposition"]
    data = edit_xlsx(r.content, lambda wb: wb["Số liệu"].__setitem__("I2", 2300))
    r = client.post(
        "/trao-doi/so-lieu/",
        {"agency": "STC", "period": "2021Q2", "file": _file(data, "stc-q2.xlsx")},
    )
    body = r.content.decode()
    assert "2.100,5 →" in body and "2.300" in body and "thay đổi" in body
    token = r.context["preview"].token
    r = client.post(
        "/trao-doi/so-lieu/", {"agency": "STC", "period": "2021Q2", "token": token}, follow=True
    )
    assert "Đã ghi 1 giá trị của Sở Tài chính, Quý II/2021." in r.content.decode()
    assert (
        DataValue.objects.get(period_id="2021Q2", is_latest=True, indicator__code="THU_NSNN").source
        == "stc-q2.xlsx"
    )


@pytest.mark.usefixtures("stc_figures")
def test_a_bad_upload_shows_the_cells_and_writes_nothing(client_as):
    client = client_as("specialist")
    data = client.get("/trao-doi/so-lieu/?agency=STC&period=2021Q2&format=xlsx").content
    data = edit_xlsx(data, lambda wb: wb["Số liệu"].__setitem__("I3", "1,234"))
    before = DataValue.objects.count()
    r = client.post(
        "/trao-doi/so-lieu/", {"agency": "STC", "period": "2021Q2", "file": _file(data, "x.xlsx")}
    )
    body = r.content.decode()
    assert "Trang “Số liệu”, dòng 3, cột I" in body and 'id="confirm"' not in body
    r = client.post(
        "/trao-doi/so-lieu/",
        {"agency": "STC", "period": "2021Q2", "file": _file(b"not a file", "x.xlsx")},
    )
    assert "không phải bảng tính .xlsx" in r.content.decode()
    assert DataValue.objects.count() == before


def test_the_csv_template_downloads_with_a_bom(client_as, revenue):
    r = client_as("specialist").get("/trao-doi/so-lieu/?agency=STC&period=2021Q2&format=csv")
    assert r.content.startswith(b"\xef\xbb\xbfM\xc3\xa3 ch\xe1\xbb\x89 ti\xc3\xaau")


@pytest.mark.parametrize("persona", ["viewer", "nobody"])
def test_people_who_enter_no_figures_cannot_open_the_values_page(client_as, persona):
    assert client_as(persona).get("/trao-doi/so-lieu/").status_code == 403


def test_the_outsider_cannot_get_stc_s_workbook(client_as, revenue):
    r = client_as("outsider").get("/trao-doi/so-lieu/?agency=STC&period=2021Q2&format=xlsx")
    # The outsider's own agency is offered instead; STC's workbook is never built for them.
    assert r.status_code == 200 and "so-lieu_svhttdl" in r["Content-Disposition"]
    assert load_workbook(io.BytesIO(r.content))["Số liệu"].max_row == 1


def test_task_import_pages_ask_then_create(client_as, directive, agencies):
    client = client_as("steering")
    r = client.post("/trao-doi/danh-muc/", {"file": _file(GOOD, "phu-luc.xlsx")})
    body = r.content.decode()
    assert "Tăng cường quản lý thu ngân sách" in body and "Giao 4 nhiệm vụ" in body
    token = r.context["preview"].token
    r = client.post(
        "/trao-doi/danh-muc/",
        {"token": token, "action": "commit", "directive": directive.pk},
        follow=True,
    )
    assert "Đã giao 4 nhiệm vụ theo" in r.content.decode() and Task.objects.count() == 4


def test_task_import_needs_the_right_to_assign(client_as):
    assert client_as("specialist").get("/trao-doi/danh-muc/").status_code == 403
    assert client_as("outsider").get("/trao-doi/danh-muc/").status_code == 403


def test_the_blank_task_table_has_the_headers(client_as):
    r = client_as("steering").get("/trao-doi/danh-muc/mau/")
    ws = load_workbook(io.BytesIO(r.content)).active
    assert [c.value for c in ws[1]] == [
        "STT",
        "Nội dung nhiệm vụ",
        "Cơ quan chủ trì",
        "Cơ quan phối hợp",
        "Thời hạn",
        "Sản phẩm",
    ]


def test_the_mapping_page_adds_and_deletes(client_as, province):
    client = client_as("steering")
    r = client.post(
        "/trao-doi/anh-xa/",
        {"kind": "unit", "external_id": "ImspTQPwCqd", "code": "68"},
        follow=True,
    )
    assert "Đã lưu ánh xạ." in r.content.decode()
    m = ExternalMapping.objects.get()
    r = client.post("/trao-doi/anh-xa/", {"kind": "unit", "external_id": "x", "code": "99"})
    assert "Không có đơn vị hành chính mã “99”" in r.content.decode()
    client.post(f"/trao-doi/anh-xa/{m.pk}/xoa/")
    assert not ExternalMapping.objects.exists()
    assert client_as("outsider").get("/trao-doi/anh-xa/").status_code == 403


def test_the_dhis2_page_exports_and_reports_unmapped(client_as, revenue, province, people):
    record_values(
        people["steering"], [ValueRow(indicator="THU_NSNN", unit="68", period="2021Q2", value="5")]
    )
    client = client_as("steering")
    body = client.get("/trao-doi/dhis2/?periods=2021Q2").content.decode()
    assert "0 giá trị sẽ được xuất" in body and "THU_NSNN: 1 giá trị" in body
    r = client.get("/trao-doi/dhis2/?periods=2021Q2&format=json")
    assert r["Content-Type"].startswith("application/json") and r["X-Unmapped-Count"] == "1"
    assert client_as("specialist").get("/trao-doi/dhis2/").status_code == 403


def _file(data, name):
    return SimpleUploadedFile(name, data)


def test_the_dhis2_page_offers_periods_by_name_and_still_reads_codes(client_as, june_2021):
    """Issue 14 item 3: a period picker with Vietnamese labels (core.periods.period_choices)
    instead of typing "2021Q2"; codes in the URL still work, several of them too."""
    client = client_as("steering")
    html = client.get("/trao-doi/dhis2/").content.decode()
    assert '<select name="periods">' in html and 'placeholder="2021Q2' not in html
    assert '<option value="2021Q2" selected>Quý II/2021</option>' in html  # today's quarter
    assert '<option value="2021S1">6 tháng đầu năm 2021</option>' in html
    assert '<option value="202105">Tháng 5/2021</option>' in html
    html = client.get("/trao-doi/dhis2/?periods=2021Q2,202106").content.decode()
    assert '<option value="2021Q2,202106" selected>Quý II/2021, Tháng 6/2021</option>' in html
    assert "giá trị sẽ được xuất" in html
    html = client.get("/trao-doi/dhis2/?periods=202105").content.decode()
    assert '<option value="202105" selected>Tháng 5/2021</option>' in html
    picker = html[html.index('<select name="periods">') :]
    assert picker[: picker.index("</select>")].count(" selected>") == 1


EXCHANGE_PAGES = ["/trao-doi/", "/trao-doi/so-lieu/", "/trao-doi/danh-muc/", "/trao-doi/dhis2/"]


@pytest.mark.parametrize("persona", ["steering", "leader", "specialist", "outsider", "viewer"])
def test_no_link_on_the_exchange_pages_leads_to_403(client_as, persona):
    """Issue 14, item 7: for a viewer every tab of Trao đổi dữ liệu answered 403 (and DHIS2
    and the mapping table for a specialist). Every link an exchange page shows opens."""
    client = client_as(persona)
    refused = []
    for url in EXCHANGE_PAGES:
        r = client.get(url)
        if r.status_code != 200:
            continue
        html = r.content.decode()
        main = html[html.index('<main id="main"') : html.index("</main>")]
        for href in set(re.findall(r'href="(/trao-doi/[^"#]*)"', main)):
            status = client.get(href.replace("&amp;", "&")).status_code
            if status != 200:
                refused.append(f"{url} -> {href}: {status}")
    assert refused == []


def test_a_viewer_sees_no_exchange_tab(client_as):
    html = client_as("viewer").get("/trao-doi/").content.decode()
    assert 'class="tabs"' not in html and "Bạn không nhập số liệu cho cơ quan nào." in html
