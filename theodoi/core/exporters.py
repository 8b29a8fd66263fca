"""One export mechanism for every list page: a class declares its columns, yields its
rows once, and renders both .xlsx and .csv (after pretix's ListExporter).

    class IndicatorExporter(Exporter):
        title = _("Chỉ tiêu")
        columns = [
            Column(_("Mã"), "code"),
            Column(_("Tên chỉ tiêu"), "name", width=60),
            Column(_("Kế hoạch"), lambda i: i.plan, NUMBER),
        ]

    def page(request):
        qs = ...filtered...
        return export_response(
            request, IndicatorExporter(qs), name=_("Chỉ tiêu"), filters={...}
        ) or render(...)

Numbers are written as numbers (Excel sums them) with the format `#,##0` / `#,##0.##`,
which Excel shows with the reader's separators: 6.265,5 on a Vietnamese machine. Dates
are dates shown dd/mm/yyyy. The CSV is UTF-8 with a byte-order mark so that Excel opens
Vietnamese text correctly, with numbers in the Vietnamese notation our readers accept back.
"""

import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from decimal import Decimal
from urllib.parse import quote

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter

from theodoi.core.dates import format_date
from theodoi.core.numbers import NumberParseError, format_number, parse_number
from theodoi.core.text import clean_text, fold

TEXT, NUMBER, PERCENT, DATE = "text", "number", "percent", "date"
TYPES = {TEXT, NUMBER, PERCENT, DATE}

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MIME = "text/csv; charset=utf-8"
FORMATS = ("xlsx", "csv")

NUMBER_FORMAT_INT = "#,##0"
NUMBER_FORMAT_DEC = "#,##0.######"
PERCENT_FORMAT = "0.0%"
DATE_FORMAT = "DD/MM/YYYY"
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="EEF0F3")
LOCKED_FILL = PatternFill("solid", fgColor="F3F4F6")
WRAP = Alignment(wrap_text=True, vertical="top")


def _getter(value: str | Callable) -> Callable:
    """A column's value: a callable, or a dotted attribute / dict key path ("unit.code")."""
    if callable(value):
        return value
    path = value.split(".")

    def get(obj):
        for part in path:
            if obj is None:
                return None
            obj = obj.get(part) if isinstance(obj, dict) else getattr(obj, part, None)
        return obj() if callable(obj) else obj

    return get


class Column:
    """A column of an export: header (what the reader sees), how to get the value, its type.

    `locked=False` marks a cell the reader may fill in a protected workbook (data entry)."""

    def __init__(
        self,
        header,
        value: str | Callable,
        type: str = TEXT,
        *,
        width: int | None = None,
        locked: bool = True,
        key: str | None = None,
    ):
        if type not in TYPES:
            raise ValueError(f"unknown column type {type!r}")
        self.header = header
        self.get = _getter(value)
        self.type = type
        self.width = width
        self.locked = locked
        self.key = key or (value if isinstance(value, str) else None)

    def __repr__(self):
        return f"Column({str(self.header)!r}, {self.type})"


def _as_decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    return _to_decimal(value)


def _to_decimal(value) -> Decimal:
    """A figure that is there (not None, not "") as a Decimal."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        raise TypeError("a boolean is not a figure")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):  # pragma: no cover - figures are Decimal; tolerate computed floats
        return Decimal(repr(value))
    return parse_number(str(value))


def _as_date(value) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return (timezone.localtime(value) if timezone.is_aware(value) else value).date()
    return value


def csv_number(value: Decimal | None) -> str:
    """A figure in the Vietnamese notation that parse_number reads back to the same number.

    "1,234" could mean 1.234 or 1234 and is refused on import; such a figure is written
    "1,2340" (the same number, no longer ambiguous)."""
    if value is None:
        return ""
    text = format_number(value)
    try:
        parse_number(text)
    except NumberParseError:
        text += "0"
    return text


# A cell starting with one of these is a formula to Excel and LibreOffice (OWASP, "CSV
# injection"): "=HYPERLINK(...)" in a task title would become a live link.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value) -> str:
    """Stored text as a document may hold it: control characters dropped (core.text.
    clean_text: what entered before the boundary cleaned it). Every exporter writes text
    through this (xlsx, csv, docx)."""
    return clean_text(str(value))


def csv_text(value) -> str:
    """Text for a CSV cell: cleaned, and a formula-looking start made inert with a leading
    single quote, as OWASP recommends (exchange.readers.cell_text drops it on import)."""
    text = safe_text(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_cell(column: Column, value) -> str:
    if value is None:
        return ""
    if column.type == NUMBER:
        return csv_number(_as_decimal(value))
    if column.type == PERCENT:
        return csv_number(_as_decimal(value)) + "%"
    if column.type == DATE:
        return format_date(_as_date(value))
    return csv_text(value)


def xlsx_value(column: Column, value):
    """(value, number_format) for a cell: numbers stay numbers, dates stay dates."""
    if value is None or value == "":
        return None, None
    if column.type == NUMBER:
        d = _to_decimal(value)
        if d == d.to_integral_value():
            return int(d), NUMBER_FORMAT_INT
        return d, NUMBER_FORMAT_DEC
    if column.type == PERCENT:
        # Our percentages are already multiplied by 100 (67.4 for 67,4%); Excel's are not.
        return _to_decimal(value) / 100, PERCENT_FORMAT
    if column.type == DATE:
        return _as_date(value), DATE_FORMAT
    return safe_text(value), None


def text_cell(ws, value):
    """A cell that holds `value` as text even when it starts with "=" (openpyxl would write
    a formula): the type is set to string, so Excel shows the text and never runs it."""
    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"
    return cell


class Exporter:
    """Declare `columns` (and `title`), pass the rows (any iterable: a queryset is read once).

    Subclasses may override `rows()` to build the rows themselves, or `columns` as a
    property when the columns depend on the data (a period's label in a header)."""

    title = _("Danh sách")
    columns: list[Column] = []
    sheet_name: str | None = None

    def __init__(self, rows: Iterable | None = None, *, title=None, subtitle: str = ""):
        self._rows = rows
        if title is not None:
            self.title = title
        self.subtitle = subtitle

    def rows(self) -> Iterable:
        return self._rows if self._rows is not None else []

    def headers(self) -> list[str]:
        return [str(c.header) for c in self.columns]

    def iter_values(self) -> Iterator[list]:
        """The raw values of each row, once (a queryset is iterated a single time)."""
        getters = [c.get for c in self.columns]
        for obj in self.rows():
            yield [g(obj) for g in getters]

    # -- CSV -----------------------------------------------------------------
    def to_csv(self) -> bytes:
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(self.headers())
        columns = self.columns
        for values in self.iter_values():
            writer.writerow([csv_cell(c, v) for c, v in zip(columns, values, strict=True)])
        # The BOM tells Excel the file is UTF-8; without it Vietnamese letters come out garbled.
        return b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8")

    # -- XLSX ----------------------------------------------------------------
    protect = False  # data-entry workbooks lock everything but the cells to fill

    def to_xlsx(self) -> bytes:
        wb = Workbook(write_only=True)
        ws = wb.create_sheet(safe_text(self.sheet_name or self.title)[:31])
        self.write_sheet(ws)
        self.after_sheets(wb)
        out = io.BytesIO()
        wb.save(out)
        return out.getvalue()

    def write_sheet(self, ws) -> None:
        columns = self.columns
        for i, c in enumerate(columns, start=1):
            ws.column_dimensions[get_column_letter(i)].width = c.width or _default_width(c)
        ws.freeze_panes = "A2"
        if self.protect:
            ws.protection.sheet = True
            ws.protection.formatRows = False
            ws.protection.formatColumns = False
        header = []
        for c in columns:
            cell = text_cell(ws, safe_text(c.header))
            cell.font = HEADER_FONT
            cell.fill = HEADER_FILL
            cell.alignment = WRAP
            header.append(cell)
        ws.append(header)
        unlocked = Protection(locked=False)
        # Cells are created per row but styles are shared objects: openpyxl keeps one
        # style id for each distinct combination, so 10,000 rows stay cheap.
        for values in self.iter_values():
            row = []
            for c, v in zip(columns, values, strict=True):
                value, fmt = xlsx_value(c, v)
                if fmt is None and c.locked and not self.protect:
                    formula = isinstance(value, str) and value.startswith("=")
                    row.append(text_cell(ws, value) if formula else value)
                    continue
                cell = text_cell(ws, value)
                if fmt:
                    cell.number_format = fmt
                if self.protect:
                    if c.locked:
                        cell.fill = LOCKED_FILL
                    else:
                        cell.protection = unlocked
                row.append(cell)
            ws.append(row)

    def after_sheets(self, wb) -> None:
        """Add sheets after the main one (a data-entry workbook's metadata)."""

    def render(self, fmt: str) -> bytes:
        return self.to_xlsx() if fmt == "xlsx" else self.to_csv()


def _default_width(column: Column) -> int:
    if column.type in (NUMBER, PERCENT):
        return 16
    if column.type == DATE:
        return 12
    return max(12, min(50, len(str(column.header)) + 4))


_SLUG = re.compile(r"[^a-z0-9]+")


def file_slug(text) -> str:
    """ "Chỉ tiêu" -> "chi-tieu": a file name part without diacritics or spaces."""
    return _SLUG.sub("-", fold(str(text))).strip("-")


def download_name(name, filters: dict | None, fmt: str) -> str:
    """The page's name followed by the filters that shaped it:
    "chi-tieu_ky-2021q2_don-vi-68.xlsx"."""
    parts = [file_slug(name) or "danh-sach"]
    for key, value in (filters or {}).items():
        if value in (None, "", [], ()):
            continue
        parts.append(f"{file_slug(key)}-{file_slug(value)}".strip("-"))
    return "_".join(p for p in parts if p)[:150] + "." + fmt


def file_response(content: bytes, filename: str, fmt: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_MIME if fmt == "xlsx" else CSV_MIME)
    ascii_name = filename.encode("ascii", "ignore").decode() or "tep." + fmt
    response["Content-Disposition"] = (
        f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def requested_format(request, param: str = "export") -> str | None:
    fmt = request.GET.get(param, "")
    return fmt if fmt in FORMATS else None


def export_response(
    request, exporter, *, name, filters: dict | None = None, param: str = "export"
) -> HttpResponse | None:
    """The download when the page was asked for one (?export=xlsx or ?export=csv), else None.

    `exporter` is an Exporter, or a function returning one when its rows cost more than
    the page itself (every row of a list, where the page shows 50): it is then built only
    when a download is asked for. `filters` are the page's filters as {label: value}; they
    name the file so that a forwarded export says what it holds."""
    fmt = requested_format(request, param)
    if fmt is None:
        return None
    if callable(exporter) and not isinstance(exporter, Exporter):
        exporter = exporter()
    return file_response(exporter.render(fmt), download_name(name, filters, fmt), fmt)


def export_links(request, param: str = "export") -> dict:
    """URLs of the page itself with ?export=xlsx / csv, keeping its filters (for templates)."""
    query = request.GET.copy()
    links = {}
    for fmt in FORMATS:
        query[param] = fmt
        links[fmt] = "?" + query.urlencode()
    return links
