"""The Excel (.xlsx) appendix of a report: one sheet per field, the province's 8 columns.

Figures are stored as numbers (Decimal → an Excel number, never text) with a number
format: "#,##0" / "#,##0.0" put the thousands and decimal separators of the reader's
Excel, which on a Vietnamese system shows 6.265 and 67,4. Percentages are stored as
the figure printed in the column headed "(%)": 67,4 not 0,674.
"""

from __future__ import annotations

import io
import re
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from theodoi.core.exporters import safe_text
from theodoi.core.numbers import round_half_up
from theodoi.reporting.documents.model import FigureRow, FigureTable

COLUMNS = [
    ("STT", 6),
    ("Chỉ tiêu", 48),
    ("Đơn vị tính", 14),
    ("Kế hoạch năm", 16),
    ("Thực hiện kỳ báo cáo", 16),
    ("So với kế hoạch (%)", 14),
    ("Cùng kỳ năm trước", 16),
    ("So với cùng kỳ (%)", 14),
]
FONT = "Times New Roman"
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
PCT_FORMAT = "#,##0.0"


def number_format(decimals: int) -> str:
    return "#,##0" if decimals <= 0 else "#,##0." + "0" * decimals


def _decimals(value: Decimal, wanted: int | None) -> int:
    if wanted is not None:
        return wanted
    exponent = value.normalize().as_tuple().exponent
    return min(max(-exponent, 0), 2) if isinstance(exponent, int) else 0


def _sheet_title(name: str, used: set[str]) -> str:
    """Excel sheet names: at most 31 characters, none of []:*?/\\, unique."""
    base = re.sub(r"[\[\]:*?/\\]", "-", safe_text(name)).strip()[:31] or "Sheet"
    title, n = base, 2
    while title.lower() in used:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(title.lower())
    return title


def _put(ws, row, col, value, fmt=None, *, bold=False, align="left"):
    if isinstance(value, str):
        # Cleaned of control characters, and kept as text even when it starts with "=".
        value = safe_text(value)
    cell = ws.cell(row=row, column=col, value=value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"
    cell.font = Font(name=FONT, size=12, bold=bold)
    cell.border = BOX
    cell.alignment = Alignment(horizontal=align, vertical="center", wrap_text=True)
    if fmt:
        cell.number_format = fmt
    return cell


def _figure(ws, row, col, value: Decimal | None, decimals: int | None):
    if value is None:
        return _put(ws, row, col, None, align="right")
    places = _decimals(value, decimals)
    return _put(
        ws,
        row,
        col,
        round_half_up(value, places) if decimals is not None else value,
        number_format(places),
        align="right",
    )


def _percent(ws, row, col, value: Decimal | None):
    return _put(
        ws, row, col, None if value is None else round_half_up(value, 1), PCT_FORMAT, align="right"
    )


def _write_rows(ws, first_row: int, rows: list[FigureRow]):
    for i, r in enumerate(rows, start=1):
        n = first_row + i - 1
        _put(ws, n, 1, i, "0", align="center")
        _put(ws, n, 2, r.name)
        _put(ws, n, 3, r.unit, align="center")
        _figure(ws, n, 4, r.plan, r.decimals)
        _figure(ws, n, 5, r.actual, r.decimals)
        _percent(ws, n, 6, r.plan_pct)
        _figure(ws, n, 7, r.previous, r.decimals)
        _percent(ws, n, 8, r.yoy_pct)


def build_xlsx(title: str, subtitle: str, tables: list[FigureTable]) -> bytes:
    """`title` over every sheet ("SỐ LIỆU CÁC CHỈ TIÊU CHỦ YẾU"), `subtitle` under it
    (the period and the report it belongs to)."""
    wb = Workbook()
    wb.remove(wb.active)
    used: set[str] = set()
    for table in tables or [FigureTable("Số liệu")]:
        ws = wb.create_sheet(_sheet_title(table.field, used))
        last = get_column_letter(len(COLUMNS))
        ws.merge_cells(f"A1:{last}1")
        ws.merge_cells(f"A2:{last}2")
        ws["A1"] = safe_text(title.upper())
        ws["A1"].data_type = "s"
        ws["A1"].font = Font(name=FONT, size=14, bold=True)
        ws["A1"].alignment = Alignment(horizontal="center")
        ws["A2"] = safe_text(f"{table.field} — {subtitle}" if subtitle else table.field)
        ws["A2"].data_type = "s"
        ws["A2"].font = Font(name=FONT, size=12, italic=True)
        ws["A2"].alignment = Alignment(horizontal="center")
        for col, (label, width) in enumerate(COLUMNS, start=1):
            _put(ws, 4, col, label, bold=True, align="center")
            ws.column_dimensions[get_column_letter(col)].width = width
        ws.row_dimensions[4].height = 33
        _write_rows(ws, 5, table.rows)
        ws.freeze_panes = "C5"
        ws.print_title_rows = "4:4"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
