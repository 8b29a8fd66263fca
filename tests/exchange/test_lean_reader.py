"""The lean .xlsx reader (workbooks without formulas) reads exactly what openpyxl reads, and
leaves to openpyxl what it does not handle."""

import io
from datetime import date, datetime, time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from theodoi.core.periods import Period
from theodoi.exchange import readers
from theodoi.exchange.readers import FileRejected, read_xlsx
from theodoi.exchange.values_import import ValuesWorkbook, entry_rows

from .helpers import xlsx


def trimmed(rows):
    """Rows without trailing empty cells and rows: openpyxl pads to the sheet's dimension."""
    out = []
    for r in rows:
        r = list(r)
        while r and r[-1] is None:
            r.pop()
        out.append(r)
    while out and not out[-1]:
        out.pop()
    return out


def both(data: bytes):
    zf = readers._open_zip(data, "t.xlsx")
    lean = readers._read_values_only(zf, "t.xlsx")
    slow = readers._read_openpyxl(data, "t.xlsx", zf)
    return lean, slow


def assert_same(data: bytes):
    lean, slow = both(data)
    assert lean is not None, "the lean reader should read this workbook"
    assert [s.name for s in lean.sheets] == [s.name for s in slow.sheets]
    for a, b in zip(lean.sheets, slow.sheets, strict=True):
        assert trimmed(a.rows) == trimmed(b.rows)
        assert [type(v) for r in trimmed(a.rows) for v in r] == [
            type(v) for r in trimmed(b.rows) for v in r
        ]
        assert a.merged == b.merged
    return lean


def test_every_kind_of_cell_reads_the_same(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Số liệu"
    ws.append(["Mã chỉ tiêu", "Giá trị", "Ngày", "Giờ", "Đúng/sai", "Ghi chú"])
    ws.append(["THU_NSNN", 6265, datetime(2021, 6, 30), time(8, 30), True, "  có khoảng trắng  "])
    ws.append(
        [
            "A&B <c>",
            1234.5,
            date(2021, 12, 31),
            None,
            False,
            "Tiếng Việt: Sở Văn hóa, Thể thao và Du lịch",
        ]
    )
    ws.append([None, "1.234,5", 44561, 0.25, None, "ghi chú"])
    ws["B6"] = -0.1
    ws["H9"] = "xa"
    ws["C7"].number_format = "dd/mm/yyyy"
    ws["C7"] = 44561
    ws.merge_cells("A10:C10")
    hidden = wb.create_sheet("_theodoi")
    hidden.sheet_state = "veryHidden"
    hidden.append(["Theo Dõi: mẫu nhập số liệu", "1"])
    out = io.BytesIO()
    wb.save(out)
    lean = assert_same(out.getvalue())
    sheet = lean.sheet("Số liệu")
    assert (
        sheet.value(2, 2) == 6265
        and sheet.value(3, 2) == 1234.5
        and sheet.value(7, 3) == datetime(2021, 12, 31)
    )
    assert (
        sheet.value(4, 1) is None and sheet.value(9, 8) == "xa" and sheet.merged == [(10, 1, 10, 3)]
    )


@pytest.mark.django_db
def test_the_data_entry_workbook_reads_the_same(people, agencies, province, stc_figures):
    period = Period.parse("2021Q2")
    rows = entry_rows(agencies["STC"], period)
    for n, r in enumerate(rows):
        r.value = n + 0.5
    assert rows
    assert_same(ValuesWorkbook(rows, agency=agencies["STC"], period=period).to_xlsx())


cell = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**15), 10**15),
    st.floats(allow_nan=False, allow_infinity=False, width=64).filter(lambda f: abs(f) < 1e300),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=20).filter(
        lambda t: not t.startswith("=")
    ),
    st.dates(date(1900, 3, 1), date(9999, 12, 31)),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(cell, max_size=6), max_size=6))
def test_any_grid_of_values_reads_the_same(grid):
    assert_same(xlsx(grid or [[None]]))


def test_formulas_go_through_openpyxl():
    data = xlsx([["Mã", "Giá trị"], ["A", "=1+1"]])
    zf = readers._open_zip(data, "t.xlsx")
    assert readers._read_values_only(zf, "t.xlsx") is None
    assert isinstance(read_xlsx(data, "t.xlsx").sheets[0].value(2, 2), readers.Formula)


def test_a_doctype_is_never_parsed_by_the_lean_reader():
    bomb = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><sst xmlns="x">&a;</sst>'
    with pytest.raises(readers._Unusual):
        readers._shared_strings(bomb)


def test_too_many_cells_are_refused_before_the_table_is_built(settings):
    settings.EXCHANGE_MAX_CELLS = 50
    data = xlsx([["a"] * 10 for _ in range(3)] + [[None] * 30 + ["far"]])
    with pytest.raises(FileRejected) as exc:
        read_xlsx(data, "t.xlsx")
    assert "quá nhiều ô" in exc.value.message
