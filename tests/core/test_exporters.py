import csv
import io
from datetime import date, datetime
from decimal import Decimal

from django.test import RequestFactory
from openpyxl import load_workbook

from theodoi.core.exporters import (
    DATE,
    NUMBER,
    PERCENT,
    Column,
    Exporter,
    csv_number,
    download_name,
    export_links,
    export_response,
)
from theodoi.core.numbers import parse_number


class Figures(Exporter):
    title = "Chỉ tiêu"
    columns = [
        Column("Mã", "code"),
        Column("Tên chỉ tiêu", "name", width=40),
        Column("Giá trị", "value", NUMBER),
        Column("Đạt (%)", "pct", PERCENT),
        Column("Ngày cập nhật", "day", DATE),
        Column("Đơn vị", lambda r: r["unit"]["name"]),
    ]


ROWS = [
    {
        "code": "THU_NS",
        "name": "Tổng thu ngân sách",
        "value": Decimal("6265"),
        "pct": Decimal("67.4"),
        "day": date(2021, 6, 15),
        "unit": {"name": "Lâm Đồng"},
    },
    {
        "code": "KHACH",
        "name": "Khách du lịch",
        "value": Decimal("1234.5"),
        "pct": None,
        "day": datetime(2021, 6, 30, 10, 0),
        "unit": {"name": "Thành phố Đà Lạt"},
    },
    {
        "code": "TY_LE",
        "name": "Tỷ lệ",
        "value": Decimal("1.234"),
        "pct": Decimal("100"),
        "day": None,
        "unit": {"name": "Bảo Lộc"},
    },
]


def test_the_workbook_has_a_bold_frozen_header_and_real_numbers_and_dates():
    wb = load_workbook(io.BytesIO(Figures(ROWS).to_xlsx()))
    ws = wb["Chỉ tiêu"]
    assert [c.value for c in ws[1]] == [
        "Mã",
        "Tên chỉ tiêu",
        "Giá trị",
        "Đạt (%)",
        "Ngày cập nhật",
        "Đơn vị",
    ]
    assert all(c.font.bold for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert ws["C2"].value == 6265 and ws["C2"].number_format == "#,##0"
    assert ws["C3"].value == 1234.5 and ws["C3"].number_format.startswith("#,##0.")
    assert ws["D2"].value == 0.674 and ws["D2"].number_format == "0.0%"
    assert ws["E2"].value == datetime(2021, 6, 15) and ws["E2"].number_format == "DD/MM/YYYY"
    assert ws["E3"].value == datetime(2021, 6, 30)
    assert ws["F3"].value == "Thành phố Đà Lạt"
    assert ws.column_dimensions["B"].width == 40


def test_the_csv_is_utf8_with_a_bom_and_vietnamese_numbers_that_read_back():
    data = Figures(ROWS).to_csv()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][1] == "Tên chỉ tiêu"
    assert rows[1] == ["THU_NS", "Tổng thu ngân sách", "6.265", "67,4%", "15/06/2021", "Lâm Đồng"]
    assert rows[2][2] == "1.234,5" and rows[2][3] == ""
    # 1,234 could be read as 1234: the exporter writes an unambiguous "1,2340".
    assert rows[3][2] == "1,2340" and parse_number(rows[3][2]) == Decimal("1.234")


def test_the_rows_are_read_once():
    calls = []

    def once():
        calls.append(1)
        yield from ROWS

    exporter = Figures(once())
    exporter.to_csv()
    assert calls == [1]


def test_csv_number_reads_back_to_the_same_figure():
    for text in ["0", "-12,5", "1234567,891", "0,001", "999,999"]:
        d = Decimal(text.replace(",", "."))
        assert parse_number(csv_number(d)) == d


def test_the_download_is_named_after_the_page_and_its_filters():
    assert (
        download_name("Chỉ tiêu", {"Kỳ": "2021Q2", "Đơn vị": "Lâm Đồng", "Tìm": ""}, "csv")
        == "chi-tieu_ky-2021q2_don-vi-lam-dong.csv"
    )


def test_the_view_helper_answers_only_when_asked():
    rf = RequestFactory()
    assert export_response(rf.get("/chi-tieu/"), Figures(ROWS), name="Chỉ tiêu") is None
    response = export_response(
        rf.get("/chi-tieu/?ky=2021Q2&export=xlsx"),
        Figures(ROWS),
        name="Chỉ tiêu",
        filters={"Kỳ": "2021Q2"},
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "filename*=UTF-8''chi-tieu_ky-2021q2.xlsx" in response["Content-Disposition"]
    assert load_workbook(io.BytesIO(response.content))["Chỉ tiêu"]["A2"].value == "THU_NS"
    response = export_response(rf.get("/?export=csv"), Figures(ROWS), name="Chỉ tiêu")
    assert response["Content-Type"].startswith("text/csv") and response.content.startswith(
        b"\xef\xbb\xbf"
    )


def test_export_links_keep_the_page_filters():
    links = export_links(RequestFactory().get("/chi-tieu/?ky=2021Q2&q=thu"))
    assert links["xlsx"] == "?ky=2021Q2&q=thu&export=xlsx" and links["csv"].endswith("export=csv")
