"""Every list page exports what it shows, with its filters, through the one exporter."""

import csv
import io
from datetime import date, datetime

import pytest
import time_machine
from django.utils import timezone
from openpyxl import load_workbook

from theodoi.exchange import services
from theodoi.reporting import services as reporting
from theodoi.reporting.models import ReportingRegime
from theodoi.tasks.services import create_tasks

pytestmark = pytest.mark.usefixtures("media", "june_2021")


def rows_of(response):
    if response["Content-Type"].startswith("text/csv"):
        return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    ws = load_workbook(io.BytesIO(response.content)).active
    return [[c.value for c in r] for r in ws.iter_rows()]


@pytest.mark.usefixtures("stc_figures")
def test_the_indicator_list_exports_with_its_filters(client_as, tourism):
    client = client_as("viewer")
    r = client.get("/chi-tieu/?agency=STC&ky=2021Q2&export=xlsx")
    assert "filename*=UTF-8''chi-tieu_agency-stc_ky-2021q2.xlsx" in r["Content-Disposition"]
    rows = rows_of(r)
    assert rows[0][:4] == ["Mã chỉ tiêu", "Chỉ tiêu", "Đơn vị tính", "Lĩnh vực"]
    assert [row[0] for row in rows[1:]] == [
        "THU_NSNN",
        "CHI_NSDP",
    ]  # tourism (SVH) filtered out, as on the page
    assert rows[1][6] == 2100.5 and rows[1][8] == 9300
    csv_rows = rows_of(client.get("/chi-tieu/?agency=STC&ky=2021Q2&export=csv"))
    assert csv_rows[1][6] == "2.100,5" and csv_rows[1][9] == "22,6%"
    assert "Xuất Excel" in client.get("/chi-tieu/?agency=STC").content.decode()


@pytest.mark.usefixtures("stc_figures")
def test_an_indicator_page_exports_its_values_by_unit(client_as):
    r = client_as("viewer").get("/chi-tieu/THU_NSNN/?ky=2021Q2&export=csv")
    rows = rows_of(r)
    assert rows[1][:6] == [
        "THU_NSNN",
        "Thu ngân sách nhà nước",
        "Quý II/2021",
        "68",
        "Lâm Đồng",
        "2.100,5",
    ]


def test_the_task_list_exports_all_filtered_tasks_with_import_headers(
    client_as, people, agencies, directive
):
    create_tasks(
        people["steering"],
        directive,
        [
            {
                "title": f"Việc {i}",
                "lead": agencies["STC"] if i % 2 else agencies["SVH"],
                "coordinators": [agencies["TU"]],
                "deadline": date(2021, 9, 30),
                "recurrence": "",
                "product": "Báo cáo",
            }
            for i in range(60)
        ],
    )
    r = client_as("steering").get("/nhiem-vu/?lead=STC&export=xlsx")
    rows = rows_of(r)
    assert rows[0][:6] == [
        "STT",
        "Nội dung nhiệm vụ",
        "Cơ quan chủ trì",
        "Cơ quan phối hợp",
        "Thời hạn",
        "Sản phẩm",
    ]
    assert len(rows) == 31 and {row[2] for row in rows[1:]} == {
        "Sở Tài chính"
    }  # every page, not the first 50
    assert (
        rows[1][3] == "Tỉnh ủy Lâm Đồng"
        and rows[1][4] == "30/09/2021"
        and rows[1][8].date() == date(2021, 9, 30)
    )
    assert "lead-stc" in r["Content-Disposition"]
    # The outsider's export holds only what the outsider's page shows.
    outsider = rows_of(client_as("outsider").get("/nhiem-vu/?export=csv"))
    assert {row[2] for row in outsider[1:]} <= {"Sở Văn hóa, Thể thao và Du lịch"}


def test_an_exported_task_list_imports_back_as_a_plan(client_as, people, agencies, directive):
    create_tasks(
        people["steering"],
        directive,
        [
            {
                "title": "Việc định kỳ",
                "lead": agencies["STC"],
                "recurrence": "hằng năm trước 15/12",
                "product": "Báo cáo",
            },
            {
                "title": "Việc có hạn",
                "lead": agencies["SVH"],
                "deadline": date(2021, 12, 31),
                "recurrence": "",
                "coordinators": [agencies["STC"]],
            },
        ],
    )
    data = client_as("steering").get("/nhiem-vu/?export=xlsx").content
    preview = services.preview_task_import(people["steering"], data, "xuat.xlsx")
    assert preview.can_commit, preview.errors
    rows = [r for r in preview.rows if r["status"] != "skip"]
    assert {(r["title"], r["lead"]["code"], r["deadline"], r["recurrence"]) for r in rows} == {
        ("Việc định kỳ", "STC", None, "yearly"),
        ("Việc có hạn", "SVHTTDL", "2021-12-31", "once"),
    }


def test_the_scoreboard_exports_with_its_span_and_total(client_as, people, agencies, directive):
    create_tasks(
        people["steering"],
        directive,
        [
            {
                "title": "Việc",
                "lead": agencies["STC"],
                "deadline": date(2021, 9, 30),
                "recurrence": "",
            }
        ],
    )
    r = client_as("steering").get(
        "/nhiem-vu/bang-xep-hang/?start=2021-01-01&end=2021-12-31&export=xlsx"
    )
    rows = rows_of(r)
    assert rows[0][:2] == ["Cơ quan chủ trì", "Tổng số"] and rows[1][:2] == ["Sở Tài chính", 1]
    assert rows[-1][:2] == ["Cộng", 1]
    assert "bang-xep-hang_tu-01-01-2021_den-31-12-2021.xlsx" in r["Content-Disposition"]


def test_the_cycle_board_exports_what_each_person_may_see(
    client_as, people, agencies, revenue, tourism
):
    regime = ReportingRegime.objects.create(
        code="ktxh",
        name="Báo cáo kinh tế - xã hội",
        content="Tình hình.",
        recipient=agencies["VP"],
        frequency="half",
        deadline_kind="working_days",
        deadline_day=3,
        outline=[{"key": "a", "heading": "1. Kết quả", "required": False}],
        issuer=agencies["UBND"],
    )
    regime.agencies.set([agencies["STC"], agencies["SVH"]])
    with time_machine.travel(timezone.make_aware(datetime(2021, 6, 1, 9)), tick=False):
        cycle = reporting.open_cycle(people["steering"], regime, "2021S1")
    with time_machine.travel(timezone.make_aware(datetime(2021, 7, 20, 9)), tick=False):
        r = client_as("steering").get(f"/bao-cao/ky/{cycle.pk}/?export=xlsx")
        rows = rows_of(r)
        assert rows[0] == [
            "Mã cơ quan",
            "Cơ quan",
            "Trạng thái",
            "Thời hạn",
            "Số ngày trễ",
            "Ngày gửi lần đầu",
        ]
        assert {row[0] for row in rows[1:]} == {"STC", "SVHTTDL"} and rows[1][2] == "Chưa lập"
        assert "bao-cao-kinh-te-xa-hoi_ky-2021s1.xlsx" in r["Content-Disposition"]
        # The outsider sees (and exports) only its own agency's row.
        outsider = rows_of(client_as("outsider").get(f"/bao-cao/ky/{cycle.pk}/?export=csv"))
        assert [row[0] for row in outsider[1:]] == ["SVHTTDL"]
