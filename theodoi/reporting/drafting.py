"""The province report drafted in official wording (plain functions over plain values).

Figure paragraphs reuse the analytics sentences ("Thu ngân sách nhà nước 6 tháng đầu
năm 2021 ước đạt 6.265 tỷ đồng, bằng 67,4% dự toán, tăng 39,6% so với cùng kỳ năm
2020."), grouped by field in the order the data template lists them. The task
paragraph states what the scoreboard counts, as the Government Office's reports do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from theodoi.core.numbers import format_number, round_half_up
from theodoi.core.text import fold

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


def roman(n: int) -> str:
    return ROMAN[n - 1] if 1 <= n <= len(ROMAN) else str(n)


def group_by_field(items: list[tuple[str, str]]) -> list[tuple[str, list[str]]]:
    """[(field, sentence)] → [(field, [sentences])], fields in first-seen order, empty sentences
    dropped."""
    out: dict[str, list[str]] = {}
    for field, text in items:
        if text:
            out.setdefault(field or _("Chỉ tiêu khác"), []).append(text)
    return list(out.items())


@dataclass
class TaskCounts:
    """A span's tasks by class (tasks.status), as the scoreboard counts them."""

    on_time: int
    late: int
    overdue: int
    in_time: int
    no_deadline: int

    @property
    def due(self) -> int:
        """Tasks whose deadline falls in the span; "thường xuyên" tasks have none."""
        return self.on_time + self.late + self.overdue + self.in_time

    @property
    def done(self) -> int:
        return self.on_time + self.late

    @property
    def done_pct(self) -> Decimal | None:
        return Decimal(self.done) * 100 / Decimal(self.due) if self.due else None


def task_paragraph(period_label: str, c: TaskCounts, laggards: list[tuple[str, int]]) -> str:
    """ "6 tháng đầu năm 2021, các cơ quan, đơn vị có 40 nhiệm vụ đến hạn, đã hoàn thành 30 nhiệm
    vụ, đạt 75%; đúng hạn 25, trễ hạn 5, quá hạn chưa hoàn thành 8." — the rate is done ÷ due;
    tasks without a deadline are counted apart — then who still has overdue tasks."""
    if c.due == 0:
        text = _("%(p)s, không có nhiệm vụ nào đến hạn") % {"p": period_label}
    else:
        text = _(
            "%(p)s, các cơ quan, đơn vị có %(due)s nhiệm vụ đến hạn, đã hoàn thành %(done)s nhiệm "
            "vụ, đạt %(rate)s%%; đúng hạn %(on_time)s, trễ hạn %(late)s, quá hạn chưa hoàn thành "
            "%(overdue)s"
        ) % {
            "p": period_label,
            "due": c.due,
            "done": c.done,
            "rate": format_number(round_half_up(c.done_pct, 1)),
            "on_time": c.on_time,
            "late": c.late,
            "overdue": c.overdue,
        }
        if c.in_time:
            text += _(", đang thực hiện trong hạn %(n)s") % {"n": c.in_time}
    if c.no_deadline:
        text += _("; ngoài ra có %(n)s nhiệm vụ thực hiện thường xuyên") % {"n": c.no_deadline}
    text += "."
    if laggards:
        names = ", ".join(f"{name} ({n})" for name, n in laggards)
        text += " " + _("Các cơ quan còn nhiệm vụ quá hạn: %(names)s.") % {"names": names}
    return text


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def report_title(regime_name: str, period_label: str) -> str:
    """ "Báo cáo tình hình kinh tế - xã hội" for "6 tháng đầu năm 2021" → the summary line
    "Tình hình kinh tế - xã hội 6 tháng đầu năm 2021" (the kind "BÁO CÁO" is printed above it)."""
    name = regime_name.strip()
    if name.lower().startswith("báo cáo "):
        name = name[len("báo cáo ") :]
    return f"{capitalise(name)} {period_label}"


def parse_outline(text: str, previous: list[dict] | None = None) -> list[dict]:
    """The outline as the office types it, one section a line, "*" in front of a required one:
        * 1. Kết quả thực hiện nhiệm vụ
        2. Đề xuất, kiến nghị
    Keys are made from the heading; a heading edited in place keeps the key it had, so the
    texts agencies already wrote under it stay attached."""
    previous = previous or []
    out, keys = [], set()
    lines = [ln.strip() for ln in (text or "").splitlines() if ln.strip()]
    for n, line in enumerate(lines):
        required = line.startswith("*")
        heading = line.lstrip("*").strip()
        if not heading:
            continue
        same = next((p for p in previous if p["heading"] == heading), None)
        if same is None and n < len(previous) and len(lines) == len(previous):
            same = previous[n]
        key = (
            same["key"]
            if same
            else (re.sub(r"[^a-z0-9]+", "-", fold(heading)).strip("-")[:40] or f"muc-{n + 1}")
        )
        base, k = key, 2
        while key in keys:
            key, k = f"{base}-{k}", k + 1
        keys.add(key)
        out.append({"key": key, "heading": heading, "required": required})
    return out


def outline_text(outline: list[dict]) -> str:
    return "\n".join(("* " if s.get("required") else "") + s["heading"] for s in outline or [])
