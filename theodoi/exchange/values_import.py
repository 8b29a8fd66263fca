"""The data-entry workbook: an agency's indicators for one period, downloaded pre-filled,
filled in Excel, uploaded, previewed cell by cell and written through targets.record_values.

The same columns serve the .xlsx and the .csv. The .xlsx is protected (only the value,
status and note cells can be typed in) and carries a very hidden sheet naming the agency
and period it was made for, so that a workbook for another agency or period is refused.
"""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl.worksheet.datavalidation import DataValidation

from theodoi.core.exporters import NUMBER, TEXT, Column, Exporter, safe_text
from theodoi.core.numbers import format_number, to_plain
from theodoi.core.periods import Period
from theodoi.exchange.preview import Preview
from theodoi.exchange.readers import (
    Book,
    CellError,
    Field,
    FileRejected,
    Issue,
    cell_number,
    cell_text,
    is_blank,
    locate_header,
    merged_in,
    range_label,
)
from theodoi.permissions import targets as target_perms
from theodoi.targets.analytics import metrics
from theodoi.targets.models import DataValue, Indicator
from theodoi.targets.rows import ValueRow
from theodoi.targets.services import validate_values

SHEET = "Số liệu"
META_SHEET = "_theodoi"
META_MARK = "Theo Dõi: mẫu nhập số liệu"
STATUS_LABELS = {"estimate": "ước", "preliminary": "sơ bộ", "official": "chính thức"}

FIELDS = [
    Field("indicator", "Mã chỉ tiêu", aliases=("Mã",)),
    Field("name", "Tên chỉ tiêu", required=False),
    Field("uom", "Đơn vị tính", aliases=("ĐVT",), required=False),
    Field("unit", "Mã đơn vị hành chính", aliases=("Mã ĐVHC", "Mã đơn vị")),
    Field("unit_name", "Đơn vị hành chính", required=False),
    Field("period", "Mã kỳ", aliases=("Kỳ",)),
    Field("plan", "Kế hoạch", required=False),
    Field("previous", "Cùng kỳ năm trước", required=False),
    Field("value", "Giá trị kỳ này", aliases=("Giá trị", "Số thực hiện")),
    Field("status", "Tình trạng số liệu", aliases=("Tình trạng",), required=False),
    Field("note", "Ghi chú", required=False),
]


@dataclass
class EntryRow:
    indicator: object
    unit: object
    period: Period
    plan: object = None
    previous: object = None
    value: object = None
    status: str = ""
    note: str = ""


class ValuesWorkbook(Exporter):
    """The data-entry workbook (and its CSV twin) for one agency and period."""

    sheet_name = SHEET
    protect = True
    # A file format, not page text: the same Vietnamese headers in every language, so a
    # workbook downloaded by someone using the English pages still uploads for everyone.
    columns = [
        Column("Mã chỉ tiêu", lambda r: r.indicator.code, width=16),
        Column("Tên chỉ tiêu", lambda r: r.indicator.name, width=50),
        Column("Đơn vị tính", lambda r: r.indicator.unit_of_measure, width=12),
        Column("Mã đơn vị hành chính", lambda r: r.unit.code, width=12),
        Column("Đơn vị hành chính", lambda r: r.unit.name, width=22),
        Column("Mã kỳ", lambda r: r.period.id, width=10),
        Column("Kế hoạch", "plan", NUMBER),
        Column("Cùng kỳ năm trước", "previous", NUMBER),
        Column("Giá trị kỳ này", "value", NUMBER, locked=False),
        Column(
            "Tình trạng số liệu",
            lambda r: STATUS_LABELS.get(r.status, ""),
            TEXT,
            locked=False,
            width=14,
        ),
        Column("Ghi chú", "note", TEXT, locked=False, width=40),
    ]

    def __init__(self, rows, *, agency, period: Period):
        super().__init__(rows, title=_("Số liệu"))
        self.agency = agency
        self.period = period

    def write_sheet(self, ws) -> None:
        validation = DataValidation(
            type="list", formula1='"ước,sơ bộ,chính thức"', allow_blank=True
        )
        validation.error = _("Chọn ước, sơ bộ hoặc chính thức.")
        validation.add("J2:J1048576")
        ws.data_validations.append(validation)  # write-only sheets lack add_data_validation
        super().write_sheet(ws)

    def after_sheets(self, wb) -> None:
        meta = wb.create_sheet(META_SHEET)
        meta.sheet_state = "veryHidden"  # not even listed under Unhide: the file's identity
        meta.protection.sheet = True
        meta.append([META_MARK, "1"])
        meta.append([_("Cơ quan"), safe_text(self.agency.code), safe_text(self.agency.name)])
        meta.append([_("Kỳ"), self.period.id, safe_text(self.period.label)])
        meta.append([_("Tạo lúc"), timezone.localtime().strftime("%H:%M %d/%m/%Y")])


def entry_rows(agency, period: Period, units=None) -> list[EntryRow]:
    """The agency's indicators for its units, with the plan, the same period last year and
    the latest reported value of exactly this period: those it leads (still followed), and,
    for a commune's People's Committee on its own unit, those collected there
    (permissions.targets.is_home_agency / collected_at, the rule of can_enter_for_unit)."""
    indicators = list(Indicator.objects.filter(retired=False).order_by("order", "code"))
    units = units or [agency.unit]
    current = {
        (v.indicator_id, v.unit_id): v
        for v in DataValue.objects.filter(
            indicator__in=indicators, unit__in=units, period_id=period.id, is_latest=True
        )
    }
    rows = []
    for unit in units:
        home = target_perms.is_home_agency(agency, unit)
        fitting = [
            i
            for i in indicators
            if (i.lead_agency_id == agency.pk and i.takes_figures_for(unit, period))
            or (home and target_perms.collected_at(i, unit, period))
        ]
        by_id = {m.indicator.id: m for m in metrics(fitting, unit, period)} if fitting else {}
        for ind in fitting:
            m = by_id.get(ind.pk)
            v = current.get((ind.pk, unit.pk))
            rows.append(
                EntryRow(
                    ind,
                    unit,
                    period,
                    plan=m.plan if m else None,
                    previous=m.previous if m else None,
                    value=v.value if v else None,
                    status=v.status if v else "",
                    note=v.note if v else "",
                )
            )
    return rows


# -- Reading it back ---------------------------------------------------------------


def _meta(book: Book) -> dict:
    sheet = book.sheet(META_SHEET)
    if sheet is None:
        return {}
    return {
        "sheet": sheet,
        "agency": cell_text(sheet.value(2, 2)),
        "period": cell_text(sheet.value(3, 2)),
        "agency_name": cell_text(sheet.value(2, 3)),
        "period_label": cell_text(sheet.value(3, 3)),
    }


def _check_identity(book: Book, agency, period: Period) -> list[Issue]:
    """A workbook made for another agency or period is refused, naming the hidden cell."""
    if book.csv:
        return []
    meta = _meta(book)
    if not meta:
        return [
            Issue(
                book.sheets[0].name,
                _(
                    "tệp không phải mẫu nhập số liệu do Theo Dõi tạo (thiếu trang “%(meta)s”). "
                    "Hãy tải mẫu của %(agency)s, %(period)s rồi nhập vào mẫu đó."
                )
                % {"meta": META_SHEET, "agency": agency.name, "period": period.label},
            )
        ]
    issues = []
    if meta["agency"] != agency.code:
        issues.append(
            meta["sheet"].issue(
                _("tệp là mẫu của %(other)s, không phải của %(agency)s.")
                % {"other": meta["agency_name"] or meta["agency"], "agency": agency.name},
                2,
                2,
                field="agency",
            )
        )
    if meta["period"] != period.id:
        issues.append(
            meta["sheet"].issue(
                _("tệp là mẫu %(other)s, không phải %(period)s.")
                % {"other": meta["period_label"] or meta["period"], "period": period.label},
                3,
                2,
                field="period",
            )
        )
    return issues


def read_rows(book: Book, agency, period: Period, progress=None):
    """Check the file's shape and each cell. Returns the preview so far, the rows (each with
    "_row", the Excel row, and "_problems"), the sheet and its header. `progress(done,
    total)` is told about twenty times, at most every 500 rows (a job's progress bar)."""
    preview = Preview("values", book.filename)
    issues = _check_identity(book, agency, period)
    if issues:
        raise FileRejected("; ".join(str(i) for i in issues), issues)
    sheet = book.sheet(SHEET) or book.sheets[0]
    preview.sheet, preview.csv = sheet.name, sheet.csv
    header = locate_header(sheet, FIELDS)
    preview.notices += header.notices + sheet.notices
    cols = header.columns
    first = header.row + 1
    for m in merged_in(sheet, first):
        preview.errors.append(
            sheet.issue(
                _("ô gộp %(range)s; hãy bỏ gộp ô (Merge) trong vùng số liệu.")
                % {"range": range_label(m)},
                m[0],
                m[1],
            )
        )
    rows = []
    seen = {}
    last = len(sheet.rows)
    every = max(1, (last - first + 1) // 20, min(500, (last - first + 1) // 100))
    for r in range(first, last + 1):
        if progress is not None and (r - first) % every == 0:
            progress(r - first, last - first + 1)
        raw = {k: sheet.value(r, c) for k, c in cols.items()}
        if all(is_blank(v) for k, v in raw.items() if k in ("indicator", "unit", "value")):
            continue
        problems = []

        # Bound as defaults: text() is called only within this row's iteration (B023).
        def text(key, raw=raw, problems=problems, r=r):
            try:
                return cell_text(raw.get(key))
            except CellError as exc:
                problems.append(sheet.issue(str(exc), r, cols[key], field=key))
                return ""

        code, unit, pid, status, note = (
            text("indicator"),
            text("unit"),
            text("period"),
            text("status"),
            text("note"),
        )
        try:
            value = cell_number(raw.get("value"))
        except CellError as exc:
            problems.append(sheet.issue(str(exc), r, cols["value"], field="value"))
            value = None
        row = {
            "_row": r,
            "indicator": code,
            "unit": unit,
            "period": pid,
            "value": value,
            "status": status or "estimate",
            "note": note,
            "name": text("name") if "name" in cols else "",
        }
        if value is None and not problems:
            continue  # a blank value cell: nothing to record for this indicator
        if pid and pid != period.id:
            problems.append(
                sheet.issue(
                    _("kỳ “%(got)s” khác kỳ đang nhập (%(want)s).")
                    % {"got": pid, "want": period.id},
                    r,
                    cols["period"],
                    field="period",
                )
            )
        key = (code.upper(), unit, pid)
        if key in seen and not problems:
            problems.append(
                sheet.issue(
                    _(
                        "trùng với dòng %(other)s (cùng chỉ tiêu, đơn vị và kỳ); mỗi ô số liệu "
                        "chỉ ghi một lần."
                    )
                    % {"other": seen[key]},
                    r,
                    cols["indicator"],
                    field="indicator",
                )
            )
        seen.setdefault(key, r)
        row["_problems"] = problems
        rows.append(row)
    return preview, rows, sheet, header


def preview_values(actor, book: Book, agency, period: Period, progress=None) -> Preview:
    """The whole check, nothing written: the file's cells, then targets' own rules (unknown
    codes, locked periods, permissions, jumps needing a note) placed back on their cells.
    `progress(done, total)` as read_rows; told (total, total) when the rows are read and
    targets' rules start."""
    preview, rows, sheet, header = read_rows(book, agency, period, progress=progress)
    if progress is not None:
        progress(len(rows), len(rows))
    cols = header.columns
    good = [r for r in rows if not r["_problems"]]
    clean, errors = validate_values(
        actor, [ValueRow.from_mapping(r) for r in good], source=book.filename
    )
    for e in errors:
        r = good[e["index"]]
        r["_problems"].append(
            sheet.issue(
                e["message"],
                r["_row"],
                cols.get(e.get("field")) or cols["indicator"],
                field=e.get("field", ""),
            )
        )
    by_index = {c["index"]: c for c in clean}
    good_ids = {id(r): i for i, r in enumerate(good)}
    counts = {"new": 0, "changed": 0, "same": 0, "error": 0}
    for index, r in enumerate(rows):
        c = by_index.get(good_ids.get(id(r)))
        for issue in r["_problems"]:
            issue.index = index
        preview.errors += r["_problems"]
        if r["_problems"] or c is None:
            status = "error"
            old = None
        else:
            prev = c["previous"]
            old = prev.value if prev else None
            if prev is None:
                status = "new"
            elif prev.value == c["value"] and prev.status == c["status"] and prev.note == c["note"]:
                status = "same"
            else:
                status = "changed"
        counts[status] += 1
        preview.rows.append(
            {
                "row": r["_row"],
                "indicator": r["indicator"],
                "name": c["indicator"].name if c else r["name"],
                "unit": r["unit"],
                "unit_name": c["unit"].name if c else "",
                "period": r["period"],
                "old": to_plain(old),
                "new": to_plain(r["value"]),
                "old_text": format_number(old),
                "new_text": format_number(r["value"]),
                "status_value": c["status"] if c else r["status"],
                "status": status,
                "issues": [str(i) for i in r["_problems"]],
            }
        )
    preview.summary = {"rows": len(rows), **counts}
    if not rows and not preview.errors:
        preview.errors.append(
            sheet.issue(_("không có giá trị nào để ghi (cột “Giá trị kỳ này” trống)."), header.row)
        )
    return preview
