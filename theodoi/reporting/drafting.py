"""The province report drafted in official wording (plain functions over plain values).

Figure paragraphs reuse the analytics sentences ("Thu ngân sách nhà nước 6 tháng đầu
năm 2021 ước đạt 6.265 tỷ đồng, bằng 67,4% dự toán, tăng 39,6% so với cùng kỳ năm
2020."), grouped by field in the order the data template lists them. The task
paragraph states what the scoreboard counts, as the Government Office's reports do.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from theodoi.core.numbers import format_number, round_half_up

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


def roman(n: int) -> str:
    return ROMAN[n - 1] if 1 <= n <= len(ROMAN) else str(n)


def group_by_field(items: list[tuple[str, str]]) -> list[tuple[str, list[str]]]:
    """[(field, sentence)] → [(field, [sentences])], fields in first-seen order, empty sentences dropped."""
    out: dict[str, list[str]] = {}
    for field, text in items:
        if text:
            out.setdefault(field or _("Chỉ tiêu khác"), []).append(text)
    return list(out.items())


@dataclass
class TaskCounts:
    total: int
    done: int
    on_time: int
    late: int
    overdue: int
    in_time: int
    no_deadline: int
    completion_rate: Decimal | None


def task_paragraph(period_label: str, c: TaskCounts, laggards: list[tuple[str, int]]) -> str:
    """"6 tháng đầu năm 2021, các cơ quan, đơn vị có 40 nhiệm vụ đến hạn, đã hoàn thành 30
    nhiệm vụ, đạt 75%; đúng hạn 25, trễ hạn 5, quá hạn chưa hoàn thành 4." and who is overdue."""
    if c.total == 0:
        return _("%(p)s, không có nhiệm vụ nào đến hạn.") % {"p": period_label}
    rate = format_number(round_half_up(c.completion_rate or Decimal(0), 1))
    text = _("%(p)s, các cơ quan, đơn vị có %(total)s nhiệm vụ đến hạn, đã hoàn thành %(done)s nhiệm vụ, đạt %(rate)s%%; "
             "đúng hạn %(on_time)s, trễ hạn %(late)s, quá hạn chưa hoàn thành %(overdue)s") % {
        "p": period_label, "total": c.total, "done": c.done, "rate": rate, "on_time": c.on_time, "late": c.late,
        "overdue": c.overdue}
    rest = []
    if c.in_time:
        rest.append(_("%(n)s nhiệm vụ đang thực hiện trong hạn") % {"n": c.in_time})
    if c.no_deadline:
        rest.append(_("%(n)s nhiệm vụ thường xuyên") % {"n": c.no_deadline})
    text += ("; " + ", ".join(rest) if rest else "") + "."
    if laggards:
        names = ", ".join(f"{name} ({n})" for name, n in laggards)
        text += " " + _("Các cơ quan còn nhiệm vụ quá hạn: %(names)s.") % {"names": names}
    return text


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def report_title(regime_name: str, period_label: str) -> str:
    """"Báo cáo tình hình kinh tế - xã hội" for "6 tháng đầu năm 2021" → the summary line
    "Tình hình kinh tế - xã hội 6 tháng đầu năm 2021" (the kind "BÁO CÁO" is printed above it)."""
    name = regime_name.strip()
    if name.lower().startswith("báo cáo "):
        name = name[len("báo cáo "):]
    return f"{capitalise(name)} {period_label}"
