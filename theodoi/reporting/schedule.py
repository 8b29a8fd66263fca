"""Cut-off windows and deadlines of a reporting cycle (plain functions).

Nghị định 09/2019/NĐ-CP, Điều 12: data of a monthly report run from the 15th of
the previous month to the 14th of the month; a quarter from the 15th of the
month before it to the 14th of its last month; the first half from 15/12 of the
previous year to 14/6; the second half 15/6–14/12; the year 15/12–14/12. The
province's 9-month report follows the same rule (15/12–14/9). One formula
covers them all: from the 15th of the month before the period's first month to
the 14th of its last month — the first half and the 9-month report start at
15/12 because their first month is January.

Điều 8: at least one working day between the end of data collection and the
deadline. A deadline that falls on a day off moves to the next working day
(Bộ luật Dân sự 2015, Điều 148).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from theodoi.core.dates import format_date
from theodoi.core.numbers import format_shown
from theodoi.reporting.workdays import WorkCalendar

CUTOFF_ND09 = "nd09"
CUTOFF_CALENDAR = "calendar"

DEADLINE_DAY_OF_MONTH = "day_of_month"
DEADLINE_WORKING_DAYS = "working_days"


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + by
    return index // 12, index % 12 + 1


def cutoff_window(period, rule: str = CUTOFF_ND09) -> tuple[date, date]:
    """(first day, last day) of the data a report for `period` covers."""
    if rule == CUTOFF_CALENDAR or period.kind == "term":
        return period.start, period.end
    if rule != CUTOFF_ND09:
        raise ValueError(f"unknown cut-off rule {rule!r}")
    y, m = _shift_month(period.year, period.first_month, -1)
    return date(y, m, 15), date(period.end_year, period.last_month, 14)


@dataclass(frozen=True)
class DeadlineRule:
    """When a report is due.

    kind "day_of_month": day `day` of the month `month_offset` months after the
    period's last month (0: the same month, as "ngày 20 tháng cuối kỳ"); a day
    off moves it to the next working day.
    kind "working_days": the `day`-th working day after the cut-off ends.
    """

    kind: str
    day: int
    month_offset: int = 0

    def describe(self) -> str:
        if self.kind == DEADLINE_WORKING_DAYS:
            return _("%(n)s ngày làm việc sau ngày chốt số liệu") % {"n": self.day}
        if self.month_offset == 0:
            return _("ngày %(d)s của tháng cuối kỳ") % {"d": self.day}
        return _("ngày %(d)s của tháng thứ %(m)s sau kỳ") % {"d": self.day, "m": self.month_offset}


def deadline(period, rule: DeadlineRule, cal: WorkCalendar, cutoff: str = CUTOFF_ND09) -> date:
    _start, end = cutoff_window(period, cutoff)
    if rule.kind == DEADLINE_WORKING_DAYS:
        return cal.add_working_days(end, rule.day)
    if rule.kind != DEADLINE_DAY_OF_MONTH:
        raise ValueError(f"unknown deadline rule {rule.kind!r}")
    y, m = _shift_month(period.end_year, period.last_month, rule.month_offset)
    day = min(rule.day, calendar.monthrange(y, m)[1])
    return cal.next_working_day(date(y, m, day))


def check_gap(period, rule: DeadlineRule, cal: WorkCalendar, cutoff: str = CUTOFF_ND09) -> str:
    """ "" if the rule leaves at least one working day between cut-off and deadline
    (Nghị định 09/2019, Điều 8), otherwise the Vietnamese reason it does not."""
    _start, end = cutoff_window(period, cutoff)
    due = deadline(period, rule, cal, cutoff)
    if due < cal.add_working_days(end, 1):
        return _(
            "Hạn gửi %(due)s không để ít nhất 01 ngày làm việc sau ngày chốt số liệu %(end)s "
            "(Nghị định 09/2019/NĐ-CP, Điều 8)."
        ) % {"due": format_date(due), "end": format_date(end)}
    return ""


# -- who is expected to report ----------------------------------------------------
def expected_agencies(agencies: list, day: date, heirs: dict) -> list[tuple]:
    """The agencies a cycle due on `day` expects, each with the regime's agencies it stands
    for: [(agency, [predecessors it replaces])], in the regime's order.

    `heirs` maps a dissolved agency to [(dissolution day, successor)] — the successors that
    took over its open work (Nghị định 45/2025/NĐ-CP: Sở Kế hoạch và Đầu tư → Sở Tài chính
    from 01/03/2025). An agency dissolved on or before `day` is replaced by its successors,
    followed on through later merges; one dissolved after `day` still reports itself. A
    successor that already reports is listed once.
    """

    def heirs_of(agency, seen: frozenset) -> list:
        links = [succ for since, succ in heirs.get(agency, []) if since <= day]
        if not links or agency in seen:
            return [agency]
        return [h for succ in links for h in heirs_of(succ, seen | {agency})]

    out: dict = {}
    for agency in agencies:
        for heir in heirs_of(agency, frozenset()):
            stands_for = out.setdefault(heir, [])
            if heir != agency:
                stands_for.append(agency)
    return list(out.items())


# -- timeliness --------------------------------------------------------------
ON_TIME = "on_time"
LATE = "late"
MISSING = "missing"
PENDING = "pending"


@dataclass(frozen=True)
class Timeliness:
    state: str  # on_time | late | missing | pending
    days_late: int = 0

    @property
    def label(self) -> str:
        if self.state == ON_TIME:
            return _("Đúng hạn")
        if self.state == LATE:
            return _("Trễ %(n)s ngày") % {"n": format_shown(self.days_late)}
        if self.state == MISSING:
            return _("Chưa gửi, quá hạn %(n)s ngày") % {"n": format_shown(self.days_late)}
        return _("Chưa đến hạn")


def timeliness(due: date, submitted_on: date | None, today: date) -> Timeliness:
    """On time if first submitted by the deadline; late by the calendar days after it;
    missing once the deadline has passed without a submission. Judged as of `today` (the
    page's as-of date): a report first sent after it had not been sent yet."""
    if submitted_on is not None and submitted_on > today:
        submitted_on = None
    if submitted_on is not None:
        late = (submitted_on - due).days
        return Timeliness(LATE, late) if late > 0 else Timeliness(ON_TIME)
    if today > due:
        return Timeliness(MISSING, (today - due).days)
    return Timeliness(PENDING)
