"""Reading a plan's appendix table of tasks (STT, Nội dung nhiệm vụ, Cơ quan chủ trì, Cơ quan
phối hợp, Thời hạn, Sản phẩm) into rows for tasks' create_tasks."""
import re

from django.utils.translation import gettext as _

from theodoi.core.text import fold
from theodoi.exchange.parsers import AgencyMatcher, Deadline, DeadlineParseError, parse_deadline
from theodoi.exchange.preview import Preview, Question
from theodoi.exchange.readers import (
    Book, CellError, Field, FileRejected, cell_date, cell_text, is_blank, locate_header, merged_in, range_label,
)
from theodoi.core.recurrence import ONCE

FIELDS = [
    Field("stt", "STT", aliases=("TT", "Số TT", "Số thứ tự"), required=False),
    Field("content", "Nội dung nhiệm vụ", aliases=("Nội dung", "Nhiệm vụ", "Tên nhiệm vụ", "Nội dung công việc",
                                                    "Nhiệm vụ, giải pháp")),
    Field("lead", "Cơ quan chủ trì", aliases=("Chủ trì", "Đơn vị chủ trì", "Cơ quan, đơn vị chủ trì",
                                              "Cơ quan chủ trì thực hiện", "Cơ quan thực hiện")),
    Field("coordinators", "Cơ quan phối hợp", aliases=("Phối hợp", "Đơn vị phối hợp", "Cơ quan, đơn vị phối hợp"),
          required=False),
    Field("deadline", "Thời hạn", aliases=("Thời hạn hoàn thành", "Thời gian hoàn thành", "Thời gian thực hiện",
                                           "Tiến độ thực hiện", "Tiến độ")),
    Field("product", "Sản phẩm", aliases=("Sản phẩm đầu ra", "Kết quả, sản phẩm", "Hình thức sản phẩm",
                                          "Hình thức văn bản"), required=False),
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


def _deadline(value) -> Deadline:
    if isinstance(value, (int, float)) and not isinstance(value, bool) or (
            isinstance(value, str) and re.fullmatch(r"\d{5}", value.strip())):
        return Deadline(cell_date(value))  # an Excel serial: a date cell formatted as a number (or saved to CSV)
    return parse_deadline(value.date() if hasattr(value, "date") and callable(value.date) else value)


def preview_tasks(book: Book, agencies, choices: dict | None = None, today=None) -> Preview:
    """Read the first sheet that has the task table. Nothing is written.

    Rows come out as dicts: row (Excel row), stt, title, content, lead, coordinators,
    deadline, recurrence, product, status ("ok", "error", "skip"), and _create (the row for
    create_tasks). Ambiguous agency names become questions answered through `choices`."""
    preview = Preview("tasks", book.filename)
    sheet, header = _find_table(book)
    preview.sheet, preview.csv = sheet.name, sheet.csv
    preview.notices += header.notices + sheet.notices
    cols = header.columns
    first = header.row + 1
    for m in merged_in(sheet, first, set(cols.values())):
        if m[2] > m[0] and m[0] >= first:
            preview.errors.append(sheet.issue(
                _("ô gộp %(range)s trải qua nhiều dòng; hãy bỏ gộp ô và ghi đủ nội dung ở từng dòng.")
                % {"range": range_label(m)}, m[0], m[1],
            ))
    matcher = AgencyMatcher(agencies, choices)
    questions: dict[str, Question] = {}
    seen: dict[tuple, int] = {}

    def ask(match, row, col):
        key = fold(match.text)
        q = questions.get(key)
        if q is None:
            q = questions[key] = Question(key, match.text, [(a.code, a.name) for a in match.candidates])
        q.cells.append(sheet.issue("", row, col).where)

    index = 0
    for r in range(first, len(sheet.rows) + 1):
        values = {k: sheet.value(r, c) for k, c in cols.items()}
        if all(is_blank(v) for v in values.values()):
            continue
        texts = {}
        bad = []
        for k, v in values.items():
            if k == "deadline":
                continue
            try:
                texts[k] = cell_text(v)
            except CellError as exc:
                bad.append(sheet.issue(str(exc), r, cols[k], field=k))
                texts[k] = ""
        if all(_COLUMN_NUMBERS.fullmatch(str(v).strip()) for v in values.values() if not is_blank(v)):
            continue  # the "(1) (2) (3)" row under a header
        row = {"row": r, "stt": texts.get("stt", ""), "status": "ok", "issues": []}
        if is_blank(values.get("lead")) and is_blank(values.get("deadline")) and texts.get("content"):
            # "I. LĨNH VỰC KINH TẾ": a heading groups the tasks under it.
            row.update(status="skip", title=texts["content"])
            preview.rows.append(row)
            continue
        content = texts.get("content", "")
        row_issues = list(bad)
        if not content:
            row_issues.append(sheet.issue(_("chưa có nội dung nhiệm vụ."), r, cols["content"], field="content"))
        lead = None
        lead_text = texts.get("lead", "")
        if not lead_text:
            row_issues.append(sheet.issue(_("chưa ghi cơ quan chủ trì."), r, cols["lead"], field="lead"))
        else:
            m = matcher.match(lead_text)
            if m.agency is not None:
                lead = m.agency
                if m.approximate:
                    preview.notices.append(sheet.issue(
                        _("“%(text)s” được hiểu là “%(name)s”.") % {"text": lead_text, "name": lead.name}, r, cols["lead"]))
            elif m.ambiguous:
                ask(m, r, cols["lead"])
            else:
                row_issues.append(sheet.issue(
                    _("không tìm thấy cơ quan “%(text)s” (ghi tên đầy đủ hoặc tên viết tắt của cơ quan).")
                    % {"text": lead_text}, r, cols["lead"], field="lead"))
        coordinators = []
        if "coordinators" in cols:
            for m in matcher.split(texts.get("coordinators", "")):
                if m.agency is not None:
                    if m.agency not in coordinators and m.agency != lead:
                        coordinators.append(m.agency)
                elif m.generic:
                    preview.notices.append(sheet.issue(
                        _("“%(text)s” không phải một cơ quan cụ thể; không ghi vào cơ quan phối hợp.") % {"text": m.text},
                        r, cols["coordinators"]))
                elif m.ambiguous:
                    ask(m, r, cols["coordinators"])
                else:
                    row_issues.append(sheet.issue(
                        _("không tìm thấy cơ quan phối hợp “%(text)s”.") % {"text": m.text},
                        r, cols["coordinators"], field="coordinators"))
        deadline = None
        try:
            deadline = _deadline(values.get("deadline"))
        except (DeadlineParseError, CellError) as exc:
            row_issues.append(sheet.issue(getattr(exc, "message", str(exc)), r, cols["deadline"], field="deadline"))
        if deadline is not None and deadline.date is not None and today is not None and deadline.date < today:
            # Tasks are assigned today: a deadline already past is refused by the tasks area too.
            row_issues.append(sheet.issue(
                _("thời hạn %(d)s đã qua (nhiệm vụ được giao hôm nay, %(t)s).")
                % {"d": deadline.date.strftime("%d/%m/%Y"), "t": today.strftime("%d/%m/%Y")},
                r, cols["deadline"], field="deadline"))
        key = (fold(content), lead.pk if lead else None)
        if content and key in seen:
            preview.notices.append(sheet.issue(
                _("nhiệm vụ trùng với dòng %(other)s (cùng nội dung, cùng cơ quan chủ trì).") % {"other": seen[key]},
                r, cols["content"]))
        seen.setdefault(key, r)
        title = _title(content)
        row.update(
            title=title, content=content if content != title else "",
            lead={"code": lead.code, "name": lead.name} if lead else None,
            lead_text=lead_text,
            coordinators=[{"code": a.code, "name": a.name} for a in coordinators],
            deadline=deadline.date.isoformat() if deadline and deadline.date else None,
            deadline_text=deadline.date.strftime("%d/%m/%Y") if deadline and deadline.date else "",
            recurrence=deadline.recurrence if deadline else None,
            product=texts.get("product", ""),
        )
        for issue in row_issues:
            issue.index = index
        row["issues"] = [str(i) for i in row_issues]
        if row_issues:
            row["status"] = "error"
        elif lead is not None and deadline is not None:
            row["_create"] = {
                "title": title, "content": row["content"], "lead": lead, "coordinators": coordinators,
                "deadline": deadline.date if deadline.recurrence == ONCE else None,
                "recurrence": deadline.recurrence, "recurrence_day": deadline.day, "recurrence_month": deadline.month,
                "product": row["product"],
            }
        preview.errors += row_issues
        preview.rows.append(row)
        index += 1
    preview.questions = list(questions.values())
    tasks = [r for r in preview.rows if r["status"] != "skip"]
    preview.summary = {
        "tasks": len(tasks), "errors": len(preview.errors), "questions": len(preview.questions),
        "headings": len(preview.rows) - len(tasks),
    }
    if not tasks and not preview.errors:
        preview.errors.append(sheet.issue(_("không có nhiệm vụ nào dưới dòng tiêu đề."), header.row))
    return preview


def _find_table(book: Book):
    failures = []
    for sheet in book.sheets:
        try:
            return sheet, locate_header(sheet, FIELDS)
        except FileRejected as exc:
            failures.append(exc)
    raise failures[0]
