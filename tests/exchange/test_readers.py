from datetime import date, datetime
from decimal import Decimal

import pytest

from tests.exchange.helpers import billion_laughs, cp1258, with_cached_value, xlsx, zip_bomb
from theodoi.exchange.readers import (
    CellError,
    Field,
    FileRejected,
    Formula,
    cell_date,
    cell_number,
    cell_text,
    locate_header,
    read_csv,
    read_file,
    read_xlsx,
)

FIELDS = [
    Field("code", "Mã chỉ tiêu"),
    Field("name", "Tên chỉ tiêu", required=False),
    Field("value", "Giá trị kỳ này"),
]


def test_a_file_that_is_not_xlsx_is_refused_by_name():
    with pytest.raises(FileRejected, match="“so-lieu.xlsx” không phải bảng tính .xlsx"):
        read_xlsx(b"PK\x03\x04 this is not a zip", "so-lieu.xlsx")
    with pytest.raises(FileRejected, match="Excel 97-2003"):
        read_file(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "so-lieu.xls")
    with pytest.raises(FileRejected, match="không phải bảng tính"):
        read_file(b"\x89PNG\r\n\x1a\n\0\0\0", "anh.png")


def test_a_zip_bomb_is_refused_before_it_is_decompressed():
    with pytest.raises(FileRejected, match="nén bất thường"):
        read_xlsx(zip_bomb(), "bom.xlsx")


def test_a_file_over_the_limit_is_refused(settings):
    settings.EXCHANGE_MAX_UPLOAD_BYTES = 1000
    with pytest.raises(FileRejected, match="vượt giới hạn"):
        read_file(
            xlsx([["Mã chỉ tiêu", "Giá trị kỳ này"]] + [["X", i] for i in range(200)]), "lon.xlsx"
        )


def test_the_uncompressed_total_is_limited(settings):
    settings.EXCHANGE_MAX_UNCOMPRESSED_BYTES = 2000
    with pytest.raises(FileRejected, match="khi giải nén"):
        read_xlsx(xlsx([["a"]]), "a.xlsx")


def test_merged_cells_are_reported_with_their_range():
    book = read_xlsx(
        xlsx([["Mã chỉ tiêu", "Giá trị kỳ này"], ["A", 1], ["B", None]], merged=["B2:B3"]), "m.xlsx"
    )
    assert book.sheets[0].merged == [(2, 2, 3, 2)]


def test_a_formula_keeps_the_value_excel_computed_and_says_so():
    data = with_cached_value(xlsx([["Mã chỉ tiêu", "Giá trị kỳ này"], ["A", "=1+41"]]), "B2", 42)
    sheet = read_xlsx(data, "f.xlsx").sheets[0]
    assert sheet.value(2, 2) == 42
    assert "Trang “Số liệu”, dòng 2, cột B" in str(sheet.notices[0]) and "=1+41" in str(
        sheet.notices[0]
    )


def test_a_formula_without_a_computed_value_is_refused_naming_it():
    sheet = read_xlsx(
        xlsx([["Mã chỉ tiêu", "Giá trị kỳ này"], ["A", "=SUM(B3:B9)"]]), "f.xlsx"
    ).sheets[0]
    value = sheet.value(2, 2)
    assert isinstance(value, Formula)
    with pytest.raises(CellError, match="=SUM"):
        cell_number(value)


def test_headers_are_found_below_a_title_and_read_by_name_when_reordered():
    sheet = read_xlsx(
        xlsx([["Số liệu quý II/2021"], [], ["Giá trị kỳ này", "Tên chỉ tiêu", "Mã chỉ tiêu (*)"]]),
        "h.xlsx",
    ).sheets[0]
    header = locate_header(sheet, FIELDS)
    assert header.row == 3 and header.columns == {"value": 1, "name": 2, "code": 3}
    assert "dòng 3" in str(header.notices[0]) and "thứ tự" in str(header.notices[0])


def test_a_renamed_header_is_refused_naming_its_cell():
    sheet = read_xlsx(xlsx([["Mã chỉ tiêu", "Tên chỉ tiêu", "Số mới"]]), "h.xlsx").sheets[0]
    with pytest.raises(FileRejected) as exc:
        locate_header(sheet, FIELDS)
    assert "Trang “Số liệu”, dòng 1, cột C" in exc.value.message
    assert "“Số mới”" in exc.value.message and "“Giá trị kỳ này”" in exc.value.message
    assert exc.value.errors[0]["cell"] == "C1"


def test_a_sheet_without_a_header_is_refused():
    sheet = read_xlsx(xlsx([["x", "y"], [1, 2]]), "h.xlsx").sheets[0]
    with pytest.raises(FileRejected, match="không thấy dòng tiêu đề"):
        locate_header(sheet, FIELDS)


@pytest.mark.parametrize(
    "value, expected",
    [
        (1234, Decimal(1234)),
        (0.1, Decimal("0.1")),
        (6265.5, Decimal("6265.5")),
        ("1.234", Decimal(1234)),
        ("1.234,5", Decimal("1234.5")),
        ("67,4", Decimal("67.4")),
        (" 6 265 ", Decimal(6265)),
        (None, None),
        ("  ", None),
    ],
)
def test_numbers_read_the_vietnamese_way(value, expected):
    assert cell_number(value) == expected


@pytest.mark.parametrize(
    "value, reason",
    [
        ("1,234", "không rõ nghĩa"),
        ("mười", "không phải là số"),
        (True, "đúng/sai"),
        (datetime(2021, 6, 1), "ngày tháng"),
    ],
)
def test_text_in_a_number_cell_is_refused_with_the_reason(value, reason):
    with pytest.raises(CellError, match=reason):
        cell_number(value)


@pytest.mark.parametrize(
    "value, expected",
    [
        (44561, date(2021, 12, 31)),
        (44561.0, date(2021, 12, 31)),
        ("44561", date(2021, 12, 31)),
        ("31/12/2021", date(2021, 12, 31)),
        ("2021-12-31", date(2021, 12, 31)),
        (datetime(2021, 12, 31), date(2021, 12, 31)),
    ],
)
def test_dates_are_read_as_excel_serials_and_as_text(value, expected):
    assert cell_date(value) == expected


def test_impossible_dates_are_refused():
    for value in ["31/02/2021", 0, 44561.5, "hôm qua"]:
        with pytest.raises(CellError):
            cell_date(value)


def test_cell_text_is_trimmed_and_normalised():
    assert cell_text("  Sở Tài chính ") == "Sở Tài chính"
    assert cell_text(12.0) == "12"
    assert cell_text(date(2021, 6, 1)) == "01/06/2021"


TABLE = 'Mã chỉ tiêu,Tên chỉ tiêu,Giá trị kỳ này\r\nTHU_NS,Thu ngân sách Sở Tài chính,"6.265,5"\r\n'


@pytest.mark.parametrize(
    "encoded",
    [
        TABLE.encode("utf-8"),
        b"\xef\xbb\xbf" + TABLE.encode("utf-8"),
        cp1258(TABLE),
        TABLE.encode("utf-16"),
    ],
    ids=["utf8", "utf8-bom", "windows-1258", "utf16"],
)
def test_csv_is_read_in_every_encoding_excel_writes(encoded):
    sheet = read_csv(encoded, "so-lieu.csv").sheets[0]
    assert sheet.rows[1] == ["THU_NS", "Thu ngân sách Sở Tài chính", "6.265,5"]


def test_windows_1258_really_writes_combining_tone_marks():
    raw = cp1258("Sở Tài chính")
    assert raw.decode("cp1258") != "Sở Tài chính"  # decomposed: base letter + tone mark
    assert read_csv(raw + b",x\r\n", "a.csv").sheets[0].rows[0][0] == "Sở Tài chính"


def test_a_semicolon_csv_from_a_vietnamese_excel_is_read():
    sheet = read_csv("Mã chỉ tiêu;Giá trị kỳ này\nA;6.265,5\n".encode(), "a.csv").sheets[0]
    assert sheet.rows[1] == ["A", "6.265,5"]


def test_an_unreadable_csv_names_the_line():
    with pytest.raises(FileRejected, match="dòng 2"):
        read_csv(b"a,b\nx,\x81\n", "a.csv")


def test_read_file_picks_the_reader_from_the_bytes():
    assert not read_file(xlsx([["Mã chỉ tiêu"]]), "tai-len").csv
    assert read_file(TABLE.encode(), "so-lieu.csv").csv


def test_an_xml_entity_bomb_is_refused():
    with pytest.raises(FileRejected, match="nội dung trang tính bị hỏng"):
        read_xlsx(billion_laughs(xlsx([["Mã chỉ tiêu", "Giá trị kỳ này"], ["A", 1]])), "lol.xlsx")


def test_a_csv_cell_over_the_csv_limit_is_refused_in_vietnamese_naming_the_row():
    # An unclosed quote swallows the rest of the file into one cell; the csv module's
    # own message is English ("field larger than field limit (131072)").
    data = ('Mã chỉ tiêu,Giá trị\nA,1\nB,"' + "x" * 140_000 + "\nC,3\n").encode()
    with pytest.raises(FileRejected) as e:
        read_csv(data, "so-lieu.csv")
    message = str(e.value.message)
    assert "field" not in message and "131072" not in message
    assert message.startswith("Tệp “so-lieu.csv”, dòng 3:") and "131.072 ký tự" in message
    assert e.value.issues[0].row == 3
