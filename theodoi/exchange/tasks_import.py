"""Reading a plan's appendix table of tasks (STT, Nội dung nhiệm vụ, Cơ quan chủ trì, Cơ quan
phối hợp, Thời hạn, Sản phẩm) into rows for tasks' create_tasks."""

import re
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import Any, cast

from django.utils.translation import gettext as _

from theodoi.core.recurrence import ONCE
from theodoi.core.text import fold
from theodoi.exchange.parsers import (
    AgencyMatcher,
    Deadline,
    DeadlineParseError,
    Match,
    parse_deadline,
)
from theodoi.exchange.preview import Preview, Question
from theodoi.exchange.readers import (
    Book,
    CellError,
    Field,
    FileRejected,
    Header,
    Issue,
    Sheet,
    cell_date,
    cell_text,
    is_blank,
    locate_header,
    merged_in,
    range_label,
)
from theodoi.org.models import Agency

FIELDS = [
    Field("stt", "STT", aliases=("TT", "Số TT", "Số thứ tự"), required=False),
    Field(
        "content",
        "Nội dung nhiệm vụ",
        aliases=(
            "Nội dung",
            "Nhiệm vụ",
            "Tên nhiệm vụ",
            "Nội dung công việc",
            "Nhiệm vụ, giải pháp",
        ),
    ),
    Field(
        "lead",
        "Cơ quan chủ trì",
        aliases=(
            "Chủ trì",
            "Đơn vị chủ trì",
            "Cơ quan, đơn vị chủ trì",
            "Cơ quan chủ trì thực hiện",
            "Cơ quan thực hiện",
        ),
    ),
    Field(
        "coordinators",
        "Cơ quan phối hợp",
        aliases=("Phối hợp", "Đơn vị phối hợp", "Cơ quan, đơn vị phối hợp"),
        required=False,
    ),
    Field(
        "deadline",
        "Thời hạn",
        aliases=(
            "Thời hạn hoàn thành",
            "Thời gian hoàn thành",
            "Thời gian thực hiện",
            "Tiến độ thực hiện",
            "Tiến độ",
        ),
    ),
    Field(
        "product",
        "Sản phẩm",
        aliases=("Sản phẩm đầu ra", "Kết quả, sản phẩm", "Hình thức sản phẩm", "Hình thức văn bản"),
        required=False,
    ),
]
HEADERS = [f.header for f in FIELDS]
TITLE_MAX = 300
_COLUMN_NUMBERS = re.compile(r"\(?\d{1,2}\)?")
_ROMAN = re.compile(r"[ivxlc]+", re.I)


def _title(content: str) -> str:
    """The task's name: the content's first line, cut on a word when long."""
    first = content.split("\n", 1)[0].strip(" -–+•")
    if len(first) <= TITLE_MAX:
        return first
    return first[:TITLE_MAX].rsplit(" ", 1)[0] + "…"


def _deadline(value: Any) -> Deadline:
    if (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        or (isinstance(value, str) and re.fullmatch(r"\d{5}", value.strip()))
    ):
        return Deadline(
            cell_date(value)
        )  # an Excel serial: a date cell formatted as a number (or saved to CSV)
    return parse_deadline(
        value.date() if hasattr(value, "date") and callable(value.date) else value
    )


def preview_tasks(
    book: Book,
    agencies: Iterable[Agency],
    choices: dict[str, str] | None = None,
    today: date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Preview:
    """Read the first sheet that has the task table. Nothing is written.

    Rows come out as dicts: row (Excel row), stt, title, content, lead, coordinators,
    deadline, recurrence, product, status ("ok", "error", "skip"), and _create (the row for
    create_tasks). Ambiguous agency names become questions answered through `choices`.
    `progress(done, total)` is told about twenty times (a job's progress bar)."""
    preview = Preview("tasks", book.filename)
    sheet, header = _find_table(book)
    preview.sheet, preview.csv = sheet.name, sheet.csv
    preview.notices += header.notices + sheet.notices
    table = _TaskTable(preview, sheet, header.columns, AgencyMatcher(agencies, choices), today)
    first = header.row + 1
    table.refuse_merged_rows(first)
    index = 0
    total = max(0, len(sheet.rows) - first + 1)
    every = max(1, total // 20)
    for r, values in _table_rows(sheet, header.columns, first):
        if progress is not None and (r - first) % every == 0:
            progress(r - first, total)
        row = table.read_row(r, values, index)
        if row is None:
            continue
        preview.rows.append(row)
        if row["status"] != "skip":
            index += 1
    preview.questions = list(table.questions.values())
    _summarise(preview, sheet, header.row)
    return preview


def _table_rows(
    sheet: Sheet, cols: dict[str, int], first: int
) -> Iterator[tuple[int, dict[str, Any]]]:
    """Step 1: the cells of every row under the header that is not blank, by field."""
    for r in range(first, len(sheet.rows) + 1):
        values = {k: sheet.value(r, c) for k, c in cols.items()}
        if not all(is_blank(v) for v in values.values()):
            yield r, values


class _TaskTable:
    """The steps from a row's cells to a preview row: texts, agencies, deadline, duplicates.
    Keeps what rows share: the questions asked so far and the tasks already seen."""

    def __init__(
        self,
        preview: Preview,
        sheet: Sheet,
        cols: dict[str, int],
        matcher: AgencyMatcher,
        today: date | None,
    ):
        self.preview, self.sheet, self.cols = preview, sheet, cols
        self.matcher, self.today = matcher, today
        self.questions: dict[str, Question] = {}
        self.seen: dict[tuple[str, int | None], int] = {}

    def refuse_merged_rows(self, first: int) -> None:
        for m in merged_in(self.sheet, first, set(self.cols.values())):
            if m[2] > m[0] and m[0] >= first:
                self.preview.errors.append(
                    self.sheet.issue(
                        _(
                            "ô gộp %(range)s trải qua nhiều dòng; hãy bỏ gộp ô và ghi đủ nội dung "
                            "ở từng dòng."
                        )
                        % {"range": range_label(m)},
                        m[0],
                        m[1],
                    )
                )

    def read_row(self, r: int, values: dict[str, Any], index: int) -> dict[str, Any] | None:
        """The preview row of sheet row r (None for the "(1) (2) (3)" row under a header);
        its issues count as row `index` of the tasks."""
        texts, issues = self.texts(r, values)
        filled = [v for v in values.values() if not is_blank(v)]
        if all(_COLUMN_NUMBERS.fullmatch(str(v).strip()) for v in filled):
            return None  # the "(1) (2) (3)" row under a header
        row: dict[str, Any] = {"row": r, "stt": texts.get("stt", ""), "status": "ok", "issues": []}
        if (
            is_blank(values.get("lead"))
            and is_blank(values.get("deadline"))
            and texts.get("content")
        ):
            # "I. LĨNH VỰC KINH TẾ": a heading groups the tasks under it.
            row.update(status="skip", title=texts["content"])
            return row
        content = texts.get("content", "")
        if not content:
            issues.append(
                self.sheet.issue(
                    _("chưa có nội dung nhiệm vụ."), r, self.cols["content"], field="content"
                )
            )
        lead_text = texts.get("lead", "")
        lead = self.lead(r, lead_text, issues)
        coordinators = self.coordinators(r, texts.get("coordinators", ""), lead, issues)
        deadline = self.deadline(r, values.get("deadline"), issues)
        self.note_duplicate(r, content, lead)
        title = _title(content)
        row.update(
            title=title,
            content=content if content != title else "",
            lead={"code": lead.code, "name": lead.name} if lead else None,
            lead_text=lead_text,
            coordinators=[{"code": a.code, "name": a.name} for a in coordinators],
            deadline=deadline.date.isoformat() if deadline and deadline.date else None,
            deadline_text=deadline.date.strftime("%d/%m/%Y") if deadline and deadline.date else "",
            recurrence=deadline.recurrence if deadline else None,
            product=texts.get("product", ""),
        )
        for issue in issues:
            issue.index = index
        row["issues"] = [str(i) for i in issues]
        if issues:
            row["status"] = "error"
        elif lead is not None and deadline is not None:
            row["_create"] = _create_row(row, lead, coordinators, deadline)
        self.preview.errors += issues
        return row

    def texts(self, r: int, values: dict[str, Any]) -> tuple[dict[str, str], list[Issue]]:
        """Step 2: every cell but the deadline as text; a cell that is not text is an issue."""
        texts: dict[str, str] = {}
        bad = []
        for k, v in values.items():
            if k == "deadline":
                continue
            try:
                texts[k] = cell_text(v)
            except CellError as exc:
                bad.append(self.sheet.issue(str(exc), r, self.cols[k], field=k))
                texts[k] = ""
        return texts, bad

    def ask(self, match: Match, row: int, col: int) -> None:
        """A name that fits several agencies: one question per name, listing its cells."""
        key = fold(match.text)
        q = self.questions.get(key)
        if q is None:
            q = self.questions[key] = Question(
                key, match.text, [(a.code, a.name) for a in match.candidates]
            )
        q.cells.append(self.sheet.issue("", row, col).where)

    def lead(self, r: int, text: str, issues: list[Issue]) -> Agency | None:
        """Step 3: the lead agency the name means (an approximate match is told as a notice)."""
        col = self.cols["lead"]
        if not text:
            issues.append(self.sheet.issue(_("chưa ghi cơ quan chủ trì."), r, col, field="lead"))
            return None
        m = self.matcher.match(text)
        if m.agency is not None:
            agency = cast(Agency, m.agency)
            if m.approximate:
                self.preview.notices.append(
                    self.sheet.issue(
                        _("“%(text)s” được hiểu là “%(name)s”.")
                        % {"text": text, "name": agency.name},
                        r,
                        col,
                    )
                )
            return agency
        if m.ambiguous:
            self.ask(m, r, col)
        else:
            issues.append(
                self.sheet.issue(
                    _(
                        "không tìm thấy cơ quan “%(text)s” (ghi tên đầy đủ hoặc tên viết tắt của "
                        "cơ quan)."
                    )
                    % {"text": text},
                    r,
                    col,
                    field="lead",
                )
            )
        return None

    def coordinators(
        self, r: int, text: str, lead: Agency | None, issues: list[Issue]
    ) -> list[Agency]:
        """Step 3: the coordinating agencies, each once and never the lead; a generic name
        ("các sở, ngành") is left out with a notice."""
        out: list[Agency] = []
        if "coordinators" not in self.cols:
            return out
        col = self.cols["coordinators"]
        for m in self.matcher.split(text):
            if m.agency is not None:
                if m.agency not in out and m.agency != lead:
                    out.append(cast(Agency, m.agency))
            elif m.generic:
                self.preview.notices.append(
                    self.sheet.issue(
                        _(
                            "“%(text)s” không phải một cơ quan cụ thể; không ghi vào cơ quan phối "
                            "hợp."
                        )
                        % {"text": m.text},
                        r,
                        col,
                    )
                )
            elif m.ambiguous:
                self.ask(m, r, col)
            else:
                issues.append(
                    self.sheet.issue(
                        _("không tìm thấy cơ quan phối hợp “%(text)s”.") % {"text": m.text},
                        r,
                        col,
                        field="coordinators",
                    )
                )
        return out

    def deadline(self, r: int, value: Any, issues: list[Issue]) -> Deadline | None:
        """Step 4: the deadline and recurrence the cell says; a date already past is refused."""
        col = self.cols["deadline"]
        deadline = None
        try:
            deadline = _deadline(value)
        except (DeadlineParseError, CellError) as exc:
            issues.append(
                self.sheet.issue(getattr(exc, "message", str(exc)), r, col, field="deadline")
            )
        today = self.today
        if (
            deadline is not None
            and deadline.date is not None
            and today is not None
            and deadline.date < today
        ):
            # Tasks are assigned today: a deadline already past is refused by the tasks area too.
            issues.append(
                self.sheet.issue(
                    _("thời hạn %(d)s đã qua (nhiệm vụ được giao hôm nay, %(t)s).")
                    % {"d": deadline.date.strftime("%d/%m/%Y"), "t": today.strftime("%d/%m/%Y")},
                    r,
                    col,
                    field="deadline",
                )
            )
        return deadline

    def note_duplicate(self, r: int, content: str, lead: Agency | None) -> None:
        """Step 5: the same content for the same lead twice is told (not refused)."""
        key = (fold(content), lead.pk if lead else None)
        if content and key in self.seen:
            self.preview.notices.append(
                self.sheet.issue(
                    _("nhiệm vụ trùng với dòng %(other)s (cùng nội dung, cùng cơ quan chủ trì).")
                    % {"other": self.seen[key]},
                    r,
                    self.cols["content"],
                )
            )
        self.seen.setdefault(key, r)


def _create_row(
    row: dict[str, Any], lead: Agency, coordinators: list[Agency], deadline: Deadline
) -> dict[str, Any]:
    """Step 6: the row as tasks' create_tasks takes it."""
    return {
        "title": row["title"],
        "content": row["content"],
        "lead": lead,
        "coordinators": coordinators,
        "deadline": deadline.date if deadline.recurrence == ONCE else None,
        "recurrence": deadline.recurrence,
        "recurrence_day": deadline.day,
        "recurrence_month": deadline.month,
        "product": row["product"],
    }


def _summarise(preview: Preview, sheet: Sheet, header_row: int) -> None:
    tasks = [r for r in preview.rows if r["status"] != "skip"]
    preview.summary = {
        "tasks": len(tasks),
        "errors": len(preview.errors),
        "questions": len(preview.questions),
        "headings": len(preview.rows) - len(tasks),
    }
    if not tasks and not preview.errors:
        preview.errors.append(
            sheet.issue(_("không có nhiệm vụ nào dưới dòng tiêu đề."), header_row)
        )


def _find_table(book: Book) -> tuple[Sheet, Header]:
    failures = []
    for sheet in book.sheets:
        try:
            return sheet, locate_header(sheet, FIELDS)
        except FileRejected as exc:
            failures.append(exc)
    raise failures[0]
