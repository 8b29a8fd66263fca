"""Reading uploaded tables safely: .xlsx workbooks and CSV files, into plain sheets of cells.

Every problem is reported where the person can find it in Excel: "Trang 'Số liệu',
dòng 7, cột E: ...". A file that cannot be read at all (not an .xlsx, a zip bomb,
too large) is refused before openpyxl sees it.
"""

import csv
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from xml.parsers import expat

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.packaging.manifest import Manifest
from openpyxl.reader.workbook import WorkbookParser
from openpyxl.styles.stylesheet import Stylesheet
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.utils.datetime import from_excel, from_ISO8601
from openpyxl.xml.constants import ARC_CONTENT_TYPES, SHARED_STRINGS
from openpyxl.xml.functions import fromstring

from theodoi.core.archives import zip_problem
from theodoi.core.dates import DateParseError, parse_date
from theodoi.core.errors import DomainError
from theodoi.core.numbers import NumberParseError, format_megabytes, format_number, parse_number
from theodoi.core.text import clean_text, fold


def limit(name: str) -> int:
    defaults = {
        # An upload larger than this is refused before it is read.
        "EXCHANGE_MAX_UPLOAD_BYTES": 10 * 1024 * 1024,
        # The sum of the uncompressed parts of an .xlsx (a 10,000-row workbook is ~3 MB).
        "EXCHANGE_MAX_UNCOMPRESSED_BYTES": 200 * 1024 * 1024,
        # Compression ratio of any part larger than 1 MB; real workbooks stay under ~30.
        "EXCHANGE_MAX_RATIO": 200,
        # Cells read across all sheets (a row counts at least one: an empty line too).
        "EXCHANGE_MAX_CELLS": 2_000_000,
        # Rows of one sheet or CSV file (the largest real workbooks have ~10,000).
        "EXCHANGE_MAX_ROWS": 100_000,
    }
    return int(getattr(settings, name, defaults[name]))


# -- Where a problem is ---------------------------------------------------------------


@dataclass
class Issue:
    """A problem in one place of a table. `row`/`col` are 1-based as Excel shows them."""

    sheet: str
    message: str
    row: int | None = None
    col: int | None = None
    field: str = ""
    csv: bool = False
    index: int | None = None  # the data row's position (0-based), for the API's error shape
    locator: str = ""  # instead of row/column, for JSON: "dataValues[3], value"

    @property
    def column_letter(self) -> str:
        return get_column_letter(self.col) if self.col else ""

    @property
    def cell(self) -> str:
        return f"{self.column_letter}{self.row}" if self.col and self.row else ""

    @property
    def where(self) -> str:
        parts = [
            (_("Tệp “%(name)s”") if self.csv else _("Trang “%(name)s”")) % {"name": self.sheet}
        ]
        if self.locator:
            return ", ".join(parts + [self.locator])
        if self.row:
            parts.append(_("dòng %(row)s") % {"row": self.row})
        if self.col:
            parts.append(_("cột %(col)s") % {"col": self.column_letter})
        return ", ".join(parts)

    def __str__(self):
        return f"{self.where}: {self.message}"

    def as_dict(self) -> dict:
        return {
            "index": self.index,
            "field": self.field,
            "message": str(self),
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column_letter or None,
            "cell": self.cell or None,
        }


class FileRejected(DomainError):
    """The file as a whole cannot be read. `issues` say where when there is a where."""

    def __init__(self, message: str, issues: list[Issue] | None = None):
        self.issues = issues or []
        super().__init__(message, field="file", errors=[i.as_dict() for i in self.issues])


# -- Cells and sheets ---------------------------------------------------------------


class Formula:
    """A formula cell without a computed value: Excel never saved one (a file written by
    another program). We refuse rather than guess, and say which cell."""

    def __init__(self, text: str):
        self.text = text

    def __repr__(self):
        return f"Formula({self.text!r})"


@dataclass
class Sheet:
    name: str
    rows: list[list]  # rows[0] is Excel row 1; values as openpyxl gives them, or str for CSV
    merged: list[tuple[int, int, int, int]] = field(
        default_factory=list
    )  # (min_row, min_col, max_row, max_col)
    csv: bool = False
    notices: list[Issue] = field(
        default_factory=list
    )  # things read but worth telling (computed formulas)

    def issue(self, message, row=None, col=None, **kw) -> Issue:
        return Issue(self.name, message, row, col, csv=self.csv, **kw)

    def value(self, row: int, col: int):
        try:
            return self.rows[row - 1][col - 1]
        except IndexError:
            return None


@dataclass
class Book:
    filename: str
    sheets: list[Sheet]
    csv: bool = False

    def sheet(self, name: str) -> Sheet | None:
        return next((s for s in self.sheets if s.name == name), None)


# -- Opening files ---------------------------------------------------------------

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def check_size(data: bytes, filename: str) -> None:
    max_bytes = limit("EXCHANGE_MAX_UPLOAD_BYTES")
    if len(data) > max_bytes:
        raise FileRejected(
            _(
                "Tệp “%(name)s” nặng %(size)s MB, vượt giới hạn %(max)s MB. Hãy chia thành nhiều "
                "tệp nhỏ hơn."
            )
            % {"name": filename, "size": _mb(len(data)), "max": _mb(max_bytes)}
        )
    if not data:
        raise FileRejected(_("Tệp “%(name)s” rỗng.") % {"name": filename})


def too_many(filename: str) -> FileRejected:
    """The one refusal for a table beyond the row or cell limit, .xlsx and .csv alike."""
    return FileRejected(
        _(
            "Bảng tính “%(name)s” có quá nhiều ô để đọc (tối đa %(rows)s dòng và %(cells)s ô). "
            "Hãy chia thành nhiều tệp nhỏ hơn."
        )
        % {
            "name": filename,
            "rows": format_number(limit("EXCHANGE_MAX_ROWS")),
            "cells": format_number(limit("EXCHANGE_MAX_CELLS")),
        }
    )


def _mb(n: int) -> str:
    return format_megabytes(n)


def read_file(data: bytes, filename: str) -> Book:
    """An .xlsx or a .csv, chosen by what the bytes are (not by the name alone)."""
    check_size(data, filename)
    if data[:2] == b"PK" or filename.lower().endswith((".xlsx", ".xlsm")):
        return read_xlsx(data, filename)
    if data[:8] == OLE2_MAGIC:
        raise FileRejected(
            _(
                "Tệp “%(name)s” là bảng tính Excel 97-2003 (.xls). Hãy mở bằng Excel và lưu lại "
                "dưới dạng .xlsx."
            )
            % {"name": filename}
        )
    if filename.lower().endswith((".csv", ".txt")) or not _looks_binary(data):
        return read_csv(data, filename)
    raise FileRejected(
        _("Tệp “%(name)s” không phải bảng tính .xlsx hay tệp .csv.") % {"name": filename}
    )


def _looks_binary(data: bytes) -> bool:
    head = data[:4096]
    return b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff"))


def _open_zip(data: bytes, filename: str) -> zipfile.ZipFile:
    not_xlsx = FileRejected(
        _(
            "Tệp “%(name)s” không phải bảng tính .xlsx (hãy lưu bằng Excel dưới dạng “Sổ làm việc "
            "Excel (.xlsx)”)."
        )
        % {"name": filename}
    )
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError):
        raise not_xlsx from None
    names = set(zf.namelist())
    if "xl/workbook.xml" not in names or "[Content_Types].xml" not in names:
        raise not_xlsx
    # A zip bomb declares gigabytes behind a few kilobytes: refuse it from the directory,
    # before anything is decompressed (core.archives, the one check for every upload).
    problem = zip_problem(
        zf,
        filename,
        limit("EXCHANGE_MAX_RATIO"),
        limit("EXCHANGE_MAX_UNCOMPRESSED_BYTES"),
    )
    if problem:
        raise FileRejected(problem)
    return zf


_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")
_MERGE_CELL = re.compile(rb"<(?:\w+:)?mergeCell\s[^>]*ref=\"([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)\"")


def _sheet_facts(zf: zipfile.ZipFile, path: str) -> tuple[bool, list[tuple[int, int, int, int]]]:
    """Whether the sheet holds formulas, and its merged ranges (openpyxl's read-only mode
    gives neither). One pass over the sheet's XML bytes, without building a tree."""
    return _facts(zf.read(path))


def _facts(xml: bytes) -> tuple[bool, list[tuple[int, int, int, int]]]:
    ranges = []
    for ref in _MERGE_CELL.findall(xml):
        min_col, min_row, max_col, max_row = range_boundaries(ref.decode())
        ranges.append((min_row, min_col, max_row, max_col))
    return bool(_FORMULA_TAG.search(xml)), ranges


def read_xlsx(data: bytes, filename: str) -> Book:
    check_size(data, filename)
    zf = _open_zip(data, filename)
    fast = _read_values_only(zf, filename)
    if fast is not None:
        return fast
    return _read_openpyxl(data, filename, zf)


def _read_openpyxl(data: bytes, filename: str, zf: zipfile.ZipFile) -> Book:
    """Any workbook, formulas included, through openpyxl's read-only mode."""
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a broken workbook
        raise FileRejected(
            _("Không đọc được bảng tính “%(name)s”: tệp bị hỏng hoặc không đúng định dạng .xlsx.")
            % {"name": filename}
        ) from None
    formulas_wb = None
    sheets = []
    cells = 0
    try:
        for ws in wb.worksheets:
            path = ws._worksheet_path
            rows = []
            for r in ws.iter_rows(values_only=True):
                rows.append(list(r))
                cells += max(1, len(r))
                if cells > limit("EXCHANGE_MAX_CELLS") or len(rows) > limit("EXCHANGE_MAX_ROWS"):
                    raise too_many(filename)
            has_formulas, merged = _sheet_facts(zf, path)
            sheet = Sheet(ws.title, rows, merged)
            if has_formulas:
                if formulas_wb is None:
                    formulas_wb = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
                _mark_formulas(sheet, formulas_wb[ws.title])
            sheets.append(sheet)
    except FileRejected:
        raise
    except Exception:
        # A sheet's XML that cannot be parsed, including entity expansion ("billion laughs"),
        # which the XML parser refuses by itself.
        raise FileRejected(
            _("Không đọc được bảng tính “%(name)s”: nội dung trang tính bị hỏng hoặc không hợp lệ.")
            % {"name": filename}
        ) from None
    finally:
        wb.close()
        if formulas_wb is not None:
            formulas_wb.close()
    return Book(filename, sheets)


# -- The lean reader: a workbook without formulas, values only ---------------------------
#
# openpyxl's read-only mode builds an element per cell, an object per shared string and, when
# a sheet lacks a <dimension>, reads the whole sheet once more just to size it: about 0,25 ms
# a row for the data-entry workbook. A workbook without any formula (every workbook Theo Dõi
# itself writes, most typed by hand) needs only each cell's value, read here in one expat pass
# over each part, with openpyxl's own rules for types, number formats and dates. Anything
# else (formulas, an unusual layout) goes through openpyxl as before. The parser refuses any
# DOCTYPE, so no entity can be declared, let alone expanded.


class _Unusual(Exception):
    """Something the lean reader leaves to openpyxl."""


class _TooManyCells(Exception):
    pass


def _expat(root: str, start, end, text):
    """An expat parser with the three handlers, refusing any DOCTYPE and any root element
    other than `root` in the SpreadsheetML main namespace."""
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True

    def no_doctype(*_args):
        raise _Unusual("doctype")

    def first(tag, attrs):
        if tag != _MAIN + root:
            raise _Unusual(f"root {tag}")
        parser.StartElementHandler = start
        start(tag, attrs)

    parser.StartDoctypeDeclHandler = no_doctype
    parser.EntityDeclHandler = no_doctype
    parser.StartElementHandler = first
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    return parser


_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main "


def _shared_strings(xml: bytes) -> list[str]:
    """The text of each <si>, as openpyxl's read_string_table gives it (runs joined,
    phonetic runs left out)."""
    strings: list[str] = []
    state = {"t": False, "rph": 0, "parts": None}

    def start(tag, _attrs):
        if tag == _MAIN + "si":
            state["parts"] = []
        elif tag == _MAIN + "rPh":
            state["rph"] += 1
        elif tag == _MAIN + "t" and not state["rph"]:
            state["t"] = True

    def end(tag):
        if tag == _MAIN + "si":
            strings.append("".join(state["parts"]).replace("x005F_", ""))
            state["parts"] = None
        elif tag == _MAIN + "rPh":
            state["rph"] -= 1
        elif tag == _MAIN + "t":
            state["t"] = False

    def text(data):
        if state["t"]:
            state["parts"].append(data)

    _expat("sst", start, end, text).Parse(xml, True)
    return strings


def _sheet_rows(
    xml: bytes, strings: list[str], date_styles: set, timedelta_styles: set, epoch
) -> list[list]:
    """The rows of one sheet's XML, values as openpyxl's read-only mode with data_only gives
    them (rows[0] is row 1; missing rows and cells are None)."""
    rows: list[list] = []
    cur = {
        "row": 0,
        "col": 0,
        "t": "n",
        "s": 0,
        "r": None,
        "v": None,
        "in_v": False,
        "in_is": False,
        "in_t": False,
        "inline": None,
        "cells": 0,
    }
    max_cells = limit("EXCHANGE_MAX_CELLS")
    max_rows = limit("EXCHANGE_MAX_ROWS")

    def start(tag, attrs):
        if tag == _MAIN + "c":
            r = attrs.get("r")
            if r:
                row, col = coordinate_to_tuple(r)
                if row != cur["row"]:
                    raise _Unusual("cell outside its row")
                cur["col"] = col
            else:
                cur["col"] += 1
            cur["t"], cur["s"], cur["r"], cur["v"], cur["inline"] = (
                attrs.get("t", "n"),
                attrs.get("s"),
                r,
                None,
                None,
            )
        elif tag == _MAIN + "v":
            cur["in_v"], cur["v"] = True, []
        elif tag == _MAIN + "row":
            r = attrs.get("r")
            cur["row"] = int(r) if r else cur["row"] + 1
            cur["col"] = 0
        elif tag == _MAIN + "is":
            cur["in_is"], cur["inline"] = True, []
        elif tag == _MAIN + "t" and cur["in_is"]:
            cur["in_t"] = True
        elif tag == _MAIN + "rPh" and cur["in_is"]:
            raise _Unusual("phonetic run")
        elif tag == _MAIN + "f":
            raise _Unusual("formula")

    def text(data):
        if cur["in_v"]:
            cur["v"].append(data)
        elif cur["in_t"]:
            cur["inline"].append(data)

    def end(tag):
        if tag == _MAIN + "v":
            cur["in_v"] = False
        elif tag == _MAIN + "t":
            cur["in_t"] = False
        elif tag == _MAIN + "is":
            cur["in_is"] = False
        elif tag == _MAIN + "c":
            value = _cell_value(cur, strings, date_styles, timedelta_styles, epoch, from_ISO8601)
            if value is None:
                return
            # Cells are counted before they are made, so that a few cells far away (row
            # 1,000,000, column XFD) cannot build a huge table before the limit is checked.
            row, col = cur["row"], cur["col"]
            if row > max_rows:
                raise _TooManyCells
            width = len(rows[row - 1]) if row <= len(rows) else 0
            cur["cells"] += max(0, row - len(rows)) + max(0, col - width)
            if cur["cells"] > max_cells:
                raise _TooManyCells
            while len(rows) < row:
                rows.append([])
            values = rows[row - 1]
            while len(values) < col:
                values.append(None)
            values[cur["col"] - 1] = value

    _expat("worksheet", start, end, text).Parse(xml, True)
    return rows


def _cell_value(cur, strings, date_styles, timedelta_styles, epoch, from_ISO8601):
    kind = cur["t"]
    if kind == "inlineStr":
        return "".join(cur["inline"]) if cur["inline"] is not None else None
    value = "".join(cur["v"]) if cur["v"] else None
    if not value:
        return None
    if kind == "n":
        number = float(value) if ("." in value or "E" in value or "e" in value) else int(value)
        style = int(cur["s"]) if cur["s"] else 0
        if style in date_styles:
            try:
                return from_excel(number, epoch, timedelta=style in timedelta_styles)
            except (OverflowError, ValueError):
                return "#VALUE!"  # openpyxl marks such a cell as an error
        return number
    if kind == "s":
        return strings[int(value)]
    if kind == "b":
        return bool(int(value))
    if kind == "d":
        return from_ISO8601(value)
    if kind in ("str", "e"):
        return value
    raise _Unusual(f"cell type {kind}")


def _read_values_only(zf: zipfile.ZipFile, filename: str) -> Book | None:
    """The workbook read by the lean reader, or None when openpyxl must read it."""
    try:
        parts = set(zf.namelist())
        book = WorkbookParser(zf, "xl/workbook.xml")
        book.parse()
        epoch = book.wb.epoch
        # The shared strings are found as openpyxl finds them: through [Content_Types].xml.
        found = Manifest.from_tree(fromstring(zf.read(ARC_CONTENT_TYPES))).find(SHARED_STRINGS)
        strings = _shared_strings(zf.read(found.PartName[1:])) if found is not None else []
        date_styles, timedelta_styles = set(), set()
        if "xl/styles.xml" in parts:
            stylesheet = Stylesheet.from_tree(fromstring(zf.read("xl/styles.xml")))
            if stylesheet.cell_styles:
                date_styles, timedelta_styles = (
                    stylesheet.date_formats,
                    stylesheet.timedelta_formats,
                )
        sheets = []
        cells = 0
        for sheet, rel in book.find_sheets():
            if rel.target not in parts or "chartsheet" in rel.Type:
                continue
            xml = zf.read(rel.target)
            has_formulas, merged = _facts(xml)
            if has_formulas:
                return None
            rows = _sheet_rows(xml, strings, date_styles, timedelta_styles, epoch)
            cells += sum(len(r) for r in rows)
            if cells > limit("EXCHANGE_MAX_CELLS"):
                raise _TooManyCells
            sheets.append(Sheet(sheet.name, rows, merged))
    except _TooManyCells:
        raise too_many(filename) from None
    except Exception:  # _Unusual, or anything openpyxl would judge better: let it read the file
        return None
    if not sheets:
        return None
    return Book(filename, sheets)


def _mark_formulas(sheet: Sheet, ws) -> None:
    """Formula cells keep the value Excel computed and saved; without one they become Formula."""
    for r, row in enumerate(ws.iter_rows(), start=1):
        for cell in row:
            if getattr(cell, "data_type", None) != "f":
                continue
            c = cell.column
            text = str(cell.value)
            while len(sheet.rows) < r:
                sheet.rows.append([])
            values = sheet.rows[r - 1]
            while len(values) < c:
                values.append(None)
            if values[c - 1] is None:
                values[c - 1] = Formula(text)
            else:
                sheet.notices.append(
                    sheet.issue(
                        _("ô có công thức “%(f)s”: đã đọc giá trị Excel tính sẵn (%(v)s).")
                        % {"f": text, "v": values[c - 1]},
                        r,
                        c,
                    )
                )


# -- CSV ---------------------------------------------------------------


def decode_text(data: bytes, filename: str) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1258 (old Vietnamese Excel).

    Windows-1258 writes many letters as a base letter plus a combining tone mark; the text
    is normalised to NFC so that "Tài chính" typed either way is the same string."""
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="strict")
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1258")
            except UnicodeDecodeError as exc:
                line = data[: exc.start].count(b"\n") + 1
                raise FileRejected(
                    _(
                        "Tệp “%(name)s”, dòng %(line)s: không đọc được bảng mã. Hãy lưu tệp dưới "
                        "dạng “CSV UTF-8”."
                    )
                    % {"name": filename, "line": line},
                    [Issue(filename, _("không đọc được bảng mã."), line, csv=True)],
                ) from None
    return unicodedata.normalize("NFC", text)


def read_csv(data: bytes, filename: str) -> Book:
    """A CSV file read row by row, within the same row and cell limits as a workbook,
    checked while reading: a file of ten million empty lines is refused after the limit,
    not after it has been turned into ten million lists."""
    check_size(data, filename)
    text = decode_text(data, filename)
    first_line = text[: text.find("\n") if "\n" in text else len(text)]
    # Excel on a machine set to Vietnamese separates with ";" (the comma is the decimal mark).
    delimiter = max([",", ";", "\t"], key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    del text
    max_rows, max_cells = limit("EXCHANGE_MAX_ROWS"), limit("EXCHANGE_MAX_CELLS")
    rows: list[list] = []
    cells, start = 0, 1  # start: the line where the row being read begins
    try:
        for r in reader:
            cells += max(1, len(r))
            if len(rows) >= max_rows or cells > max_cells:
                raise too_many(filename)
            rows.append([clean_text(v).strip() or None for v in r])
            start = reader.line_num + 1
    except csv.Error as exc:
        # The csv module's own words are English ("field larger than field limit (131072)").
        if "field larger than field limit" in str(exc):
            message = _("một ô dài quá %(n)s ký tự (thường do thiếu dấu ngoặc kép đóng).") % {
                "n": format_number(csv.field_size_limit())
            }
        else:
            message = _("không đọc được dòng này (dấu ngoặc kép đặt sai hoặc ký tự lạ).")
        issue = Issue(filename, message, start, csv=True)
        raise FileRejected(str(issue), [issue]) from None
    return Book(filename, [Sheet(filename, rows, csv=True)], csv=True)


# -- Columns and headers -----------------------------------------------------------


@dataclass
class Field:
    """A column the importer reads: its key, the header it expects, other names it accepts."""

    key: str
    header: str
    aliases: tuple = ()
    required: bool = True

    def names(self) -> set[str]:
        return {_header_key(self.header)} | {_header_key(a) for a in self.aliases}


_HEADER_NOISE = re.compile(r"\(\*\)|\*|[:.]+$")


def _header_key(text) -> str:
    return fold(_HEADER_NOISE.sub("", str(text or ""))).strip()


@dataclass
class Header:
    row: int
    columns: dict[str, int]  # field key -> 1-based column
    notices: list[Issue] = field(default_factory=list)


def locate_header(sheet: Sheet, fields: list[Field], scan: int = 20) -> Header:
    """Find the header row among the first rows and map each field to its column by name.

    Reordered columns are read by their headers (and said so); a renamed or missing required
    column is refused, naming the header cell that did not match."""
    wanted = {f.key: f.names() for f in fields}
    best = None
    for r in range(1, min(scan, len(sheet.rows)) + 1):
        found = {}
        for c, value in enumerate(sheet.rows[r - 1], start=1):
            key = _header_key(value)
            for fkey, names in wanted.items():
                if key and key in names:
                    found.setdefault(fkey, []).append(c)
        if best is None or len(found) > len(best[1]):
            best = (r, found)
    required = [f for f in fields if f.required]
    if best is None or len(best[1]) < min(2, len(required)):
        raise FileRejected(
            _("%(where)s: không thấy dòng tiêu đề trong %(n)s dòng đầu; cần các cột: %(cols)s.")
            % {
                "where": sheet.issue("").where,
                "n": scan,
                "cols": ", ".join(f"“{f.header}”" for f in required),
            },
            [sheet.issue(_("không thấy dòng tiêu đề."), 1)],
        )
    row, found = best
    issues = []
    for fkey, cols in found.items():
        if len(cols) > 1:
            f = next(f for f in fields if f.key == fkey)
            issues.append(
                sheet.issue(_("cột “%(h)s” xuất hiện hai lần.") % {"h": f.header}, row, cols[1])
            )
    columns = {k: v[0] for k, v in found.items()}
    missing = [f for f in required if f.key not in columns]
    if missing:
        used = set(columns.values())
        strangers = [
            (c, v)
            for c, v in enumerate(sheet.rows[row - 1], start=1)
            if c not in used and str(v or "").strip()
        ]
        for i, f in enumerate(missing):
            if i < len(strangers):
                c, v = strangers[i]
                issues.append(
                    sheet.issue(
                        _(
                            "tiêu đề “%(got)s” không khớp cột nào của mẫu; cần cột “%(want)s” "
                            "(đừng đổi tên tiêu đề)."
                        )
                        % {"got": v, "want": f.header},
                        row,
                        c,
                        field=f.key,
                    )
                )
            else:
                issues.append(
                    sheet.issue(_("thiếu cột “%(want)s”.") % {"want": f.header}, row, field=f.key)
                )
    if issues:
        raise FileRejected("; ".join(str(i) for i in issues), issues)
    notices = []
    order = [columns[f.key] for f in fields if f.key in columns]
    if order != sorted(order):
        notices.append(
            sheet.issue(_("các cột không theo thứ tự của mẫu; đã đọc từng cột theo tiêu đề."), row)
        )
    return Header(row, columns, notices)


def merged_in(
    sheet: Sheet, first_row: int, columns: set[int] | None = None
) -> list[tuple[int, int, int, int]]:
    """Merged ranges below the header that touch the columns we read."""
    return [
        m
        for m in sheet.merged
        if m[2] >= first_row and (columns is None or any(m[1] <= c <= m[3] for c in columns))
    ]


def range_label(m: tuple[int, int, int, int]) -> str:
    return f"{get_column_letter(m[1])}{m[0]}:{get_column_letter(m[3])}{m[2]}"


# -- Cell values ---------------------------------------------------------------


class CellError(ValueError):
    """A cell's content is not what the column needs; the message is the reason alone."""


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _formula(value) -> None:
    if isinstance(value, Formula):
        raise CellError(
            _(
                "ô có công thức “%(f)s” nhưng tệp không lưu giá trị đã tính; hãy mở tệp bằng "
                "Excel rồi lưu lại, hoặc nhập thẳng giá trị."
            )
            % {"f": value.text}
        )


def cell_number(value) -> Decimal | None:
    """A figure from a cell: numbers as they are, text read the Vietnamese way."""
    _formula(value)
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise CellError(_("ô chứa giá trị đúng/sai, cần một số."))
    try:
        if isinstance(value, int):
            return parse_number(value)
        if isinstance(value, float):
            # repr gives the shortest text that is the same float: 0.1 stays 0.1, not
            # 0.1000000000000000055. parse_number refuses more than 6 decimals.
            try:
                return parse_number(Decimal(repr(value)))
            except InvalidOperation:  # pragma: no cover - xlsx cannot hold nan/inf
                raise CellError(_("ô không chứa số hợp lệ.")) from None
        if isinstance(value, Decimal):
            return parse_number(value)
    except NumberParseError as exc:
        raise CellError(exc.message) from None
    if isinstance(value, (datetime, date, time, timedelta)):
        raise CellError(_("ô chứa ngày tháng, cần một số (kiểm tra định dạng ô)."))
    try:
        return parse_number(str(value))
    except NumberParseError as exc:
        raise CellError(exc.message) from None


EXCEL_SERIAL_MIN, EXCEL_SERIAL_MAX = 1, 2958465  # 01/01/1900 .. 31/12/9999
_SERIAL_TEXT = re.compile(r"\d{5}")


def cell_date(value) -> date | None:
    """A date from a cell: an Excel date, an Excel serial number (44561) or text "31/12/2021"."""
    _formula(value)
    if is_blank(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _serial(value)
    text = str(value).strip()
    if _SERIAL_TEXT.fullmatch(text):
        return _serial(int(text))
    try:
        return parse_date(text)
    except DateParseError as exc:
        raise CellError(exc.message) from None


def _serial(value) -> date:
    if not (EXCEL_SERIAL_MIN <= value <= EXCEL_SERIAL_MAX) or value != int(value):
        raise CellError(_("số %(v)s không phải ngày hợp lệ.") % {"v": value})
    return from_excel(int(value)).date()


def cell_text(value) -> str:
    _formula(value)
    if is_blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return unquote_formula(clean_text(str(value))).strip()


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def unquote_formula(text: str) -> str:
    """The text a cell meant: our CSV export writes "=..." / "-5 ..." as "'=..." / "'-5 ..."
    so that Excel does not run it (core.exporters.csv_text); the quote goes on import."""
    if text.startswith("'") and text[1:].startswith(_FORMULA_START):
        return text[1:]
    return text
