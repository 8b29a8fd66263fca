"""The generated .docx and .xlsx, opened with python-docx and openpyxl as a reader's software
would."""

import io
from datetime import date
from decimal import Decimal as D

import pytest
from docx import Document
from docx.shared import Pt
from openpyxl import load_workbook

from theodoi.reporting.documents.docx import build_docx
from theodoi.reporting.documents.model import (
    FigureRow,
    FigureTable,
    OfficialDocument,
    Section,
    Signature,
)
from theodoi.reporting.documents.xlsx import build_xlsx

BUDGET = FigureRow(
    "Thu ngân sách nhà nước trên địa bàn",
    "tỷ đồng",
    D("9295"),
    D("6265"),
    D("67.4"),
    D("4487.8"),
    D("139.6"),
)
TOURISM = FigureRow(
    "Khách du lịch qua lưu trú", "lượt", D("4042553"), D("1900000"), D("47"), D("1681416"), D("113")
)


def state_doc(**kw):
    fields = {
        "issuer": "Ủy ban nhân dân\ntỉnh Lâm Đồng",
        "number": "105",
        "symbol": "BC-UBND",
        "place": "Lâm Đồng",
        "date": date(2021, 6, 5),
        "title": "Tình hình kinh tế - xã hội 6 tháng đầu năm 2021",
        "sections": [
            Section(
                "I. TÌNH HÌNH KINH TẾ",
                ["Thu ngân sách nhà nước ước đạt 6.265 tỷ đồng, bằng 67,4% dự toán."],
            )
        ],
        "tables": [FigureTable("Ngân sách", [BUDGET]), FigureTable("Du lịch", [TOURISM])],
        "signature": Signature("TM. Ủy ban nhân dân", "Chủ tịch", "Trần Văn Hiệp"),
        "recipients": ["Văn phòng Chính phủ", "TT Tỉnh ủy, TT HĐND tỉnh", "Lưu: VT, TH"],
    }
    return OfficialDocument(**{**fields, **kw})


def open_docx(d):
    return Document(io.BytesIO(build_docx(d)))


def all_text(doc):
    out = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        for row in t.rows:
            for cell in row.cells:
                out += [p.text for p in cell.paragraphs]
    return out


def runs_of(doc, text):
    for t in doc.tables:
        for row in t.rows:
            for cell in row.cells:
                for p in cell.paragraphs:
                    if p.text == text:
                        return p.runs
    for p in doc.paragraphs:
        if p.text == text:
            return p.runs
    raise AssertionError(f"{text!r} not found")


def test_state_header_number_and_date_line():
    doc = open_docx(state_doc())
    header = doc.tables[0]
    left, right = header.rows[0].cells
    assert [p.text for p in left.paragraphs][:1] == ["ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG"]
    texts = [p.text for p in right.paragraphs]
    assert texts[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    # The line under the motto: a paragraph with a bottom border right after it.
    rule = right.paragraphs[2]._p
    assert rule.find(".//{*}pBdr/{*}bottom") is not None
    assert header.rows[1].cells[0].paragraphs[0].text == "Số: 105/BC-UBND"
    date_line = header.rows[1].cells[1].paragraphs[0]
    assert date_line.text == "Lâm Đồng, ngày 05 tháng 6 năm 2021"
    assert all(r.font.italic for r in date_line.runs)
    assert all(r.font.bold for r in runs_of(doc, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
    assert runs_of(doc, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")[0].font.size == Pt(12)
    assert runs_of(doc, "Độc lập - Tự do - Hạnh phúc")[0].font.size == Pt(13)


def test_page_margins_and_font():
    doc = open_docx(state_doc())
    s = doc.sections[0]
    mm = lambda length: round(length.mm)  # noqa: E731 - Word stores twips; compare in whole millimetres
    assert (mm(s.page_width), mm(s.page_height)) == (210, 297)
    assert (mm(s.top_margin), mm(s.bottom_margin), mm(s.left_margin), mm(s.right_margin)) == (
        20,
        20,
        30,
        15,
    )
    assert doc.styles["Normal"].font.name == "Times New Roman"
    body = [p for p in doc.paragraphs if p.text.startswith("Thu ngân sách")][0]
    assert body.runs[0].font.size == Pt(14) and body.runs[0].font.name == "Times New Roman"
    assert body.paragraph_format.first_line_indent is not None
    # Every run of the document is in Times New Roman, including the east-Asian slot Word uses
    # for some glyphs.
    fonts = {
        r.element.rPr.rFonts.get(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia"
        )
        for p in doc.paragraphs
        for r in p.runs
        if r.text
    }
    assert fonts == {"Times New Roman"}
    # The appendix is landscape A4 with the same margins.
    appendix = doc.sections[1]
    assert (mm(appendix.page_width), mm(appendix.page_height)) == (297, 210)
    assert mm(appendix.left_margin) == 30


def test_title_signature_and_recipients():
    doc = open_docx(state_doc())
    texts = all_text(doc)
    i = texts.index("BÁO CÁO")
    assert texts[i + 1] == "Tình hình kinh tế - xã hội 6 tháng đầu năm 2021"
    assert "TM. ỦY BAN NHÂN DÂN" in texts and "CHỦ TỊCH" in texts and "Trần Văn Hiệp" in texts
    n = texts.index("Nơi nhận:")
    assert texts[n + 1 : n + 4] == [
        "- Văn phòng Chính phủ;",
        "- TT Tỉnh ủy, TT HĐND tỉnh;",
        "- Lưu: VT, TH.",
    ]
    assert all(r.font.bold and r.font.italic for r in runs_of(doc, "Nơi nhận:"))


def test_unissued_number_leaves_a_blank():
    doc = open_docx(state_doc(number=""))
    assert doc.tables[0].rows[1].cells[0].paragraphs[0].text.startswith("Số:  ")
    assert doc.tables[0].rows[1].cells[0].paragraphs[0].text.endswith("/BC-UBND")


def test_appendix_tables_carry_vietnamese_figures():
    doc = open_docx(state_doc())
    budget = doc.tables[2]  # header, closing, then one table per field
    assert [c.text for c in budget.rows[0].cells] == [
        "STT",
        "Chỉ tiêu",
        "Đơn vị tính",
        "Kế hoạch năm",
        "Thực hiện kỳ báo cáo",
        "So với kế hoạch (%)",
        "Cùng kỳ năm trước",
        "So với cùng kỳ (%)",
    ]
    assert [c.text for c in budget.rows[1].cells] == [
        "1",
        "Thu ngân sách nhà nước trên địa bàn",
        "tỷ đồng",
        "9.295",
        "6.265",
        "67,4",
        "4.487,8",
        "139,6",
    ]
    tourism = doc.tables[3]
    assert tourism.rows[1].cells[4].text == "1.900.000"
    texts = all_text(doc)
    assert "I. NGÂN SÁCH" in texts and "II. DU LỊCH" in texts
    assert (
        "(Kèm theo Báo cáo số 105/BC-UBND ngày 05 tháng 6 năm 2021 của Ủy ban nhân dân tỉnh Lâm "
        "Đồng)" in texts
    )


def test_party_format():
    d = state_doc(
        party=True,
        issuer="Tỉnh ủy",
        issuer_parent="Đảng bộ tỉnh Lâm Đồng",
        number="36",
        symbol="BC/TU",
        signature=Signature("T/M Ban Thường vụ", "Bí thư", "Trần Đức Quận"),
    )
    doc = open_docx(d)
    left, right = doc.tables[0].rows[0].cells
    assert [p.text for p in left.paragraphs] == ["ĐẢNG BỘ TỈNH LÂM ĐỒNG", "TỈNH ỦY", "*"]
    assert right.paragraphs[0].text == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert runs_of(doc, "ĐẢNG CỘNG SẢN VIỆT NAM")[0].font.size == Pt(15)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in all_text(doc)
    assert doc.tables[0].rows[1].cells[0].paragraphs[0].text == "Số 36-BC/TU"
    assert "T/M BAN THƯỜNG VỤ" in all_text(doc)
    assert runs_of(doc, "Nơi nhận:")[0].font.underline


def test_leading_zero_in_january_dates():
    doc = open_docx(state_doc(date=date(2026, 1, 5)))
    assert (
        doc.tables[0].rows[1].cells[1].paragraphs[0].text == "Lâm Đồng, ngày 05 tháng 01 năm 2026"
    )


def open_xlsx(tables):
    return load_workbook(
        io.BytesIO(build_xlsx("Số liệu các chỉ tiêu chủ yếu", "6 tháng đầu năm 2021", tables))
    )


def test_xlsx_one_sheet_per_field_with_the_eight_columns():
    wb = open_xlsx([FigureTable("Ngân sách", [BUDGET]), FigureTable("Du lịch", [TOURISM])])
    assert wb.sheetnames == ["Ngân sách", "Du lịch"]
    ws = wb["Ngân sách"]
    assert ws["A1"].value == "SỐ LIỆU CÁC CHỈ TIÊU CHỦ YẾU"
    assert [c.value for c in ws[4]] == [
        "STT",
        "Chỉ tiêu",
        "Đơn vị tính",
        "Kế hoạch năm",
        "Thực hiện kỳ báo cáo",
        "So với kế hoạch (%)",
        "Cùng kỳ năm trước",
        "So với cùng kỳ (%)",
    ]
    row = [c.value for c in ws[5]]
    assert row[:3] == [1, "Thu ngân sách nhà nước trên địa bàn", "tỷ đồng"]
    # Numbers are numbers, not text, and read back exactly.
    assert all(isinstance(v, (int, float)) for v in row[3:])
    assert row[3:] == [9295, 6265, 67.4, 4487.8, 139.6]
    formats = [c.number_format for c in ws[5]][3:]
    assert formats == ["#,##0", "#,##0", "#,##0.0", "#,##0.0", "#,##0.0"]
    assert ws["B5"].font.name == "Times New Roman"


def test_xlsx_missing_figures_stay_empty_and_sheet_names_are_valid():
    row = FigureRow(
        "Số xã đạt chuẩn nông thôn mới nâng cao", "xã", None, D("13"), None, None, None, decimals=0
    )
    wb = open_xlsx(
        [
            FigureTable("Nông thôn mới: xây dựng/nâng cao [2021] có tên rất dài vượt quá", [row]),
            FigureTable("Nông thôn mới: xây dựng/nâng cao [2021] có tên rất dài vượt quá", []),
        ]
    )
    assert all(len(n) <= 31 and "/" not in n and ":" not in n for n in wb.sheetnames)
    assert len(set(wb.sheetnames)) == 2
    ws = wb.worksheets[0]
    assert [c.value for c in ws[5]][3:] == [None, 13, None, None, None]


@pytest.mark.parametrize(
    "value, decimals, expected", [(D("6265.44"), 1, 6265.4), (D("6265.45"), 1, 6265.5)]
)
def test_xlsx_rounds_half_up_when_the_indicator_says_how(value, decimals, expected):
    row = FigureRow("X", "tỷ đồng", None, value, None, None, None, decimals=decimals)
    ws = open_xlsx([FigureTable("A", [row])]).worksheets[0]
    assert ws["E5"].value == expected and ws["E5"].number_format == "#,##0.0"
