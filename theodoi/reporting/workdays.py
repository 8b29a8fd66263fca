"""Working days of a Vietnamese state office.

Public holidays (Tết Nguyên Đán included, and the days the Government swaps
each year) come from the pinned `holidays` package; the office adds its own
one-off days off and make-up working days (OfficeDay rows, read by
reporting.queries.office_calendar and passed in). Saturdays and Sundays are days
off unless the calendar makes them working days. No database here.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _public(year: int) -> tuple[dict[date, str], frozenset[date]]:
    vn = holidays.country_holidays("VN", years=year, language="vi")
    return dict(vn.items()), frozenset(
        d for d in getattr(vn, "weekend_workdays", ()) if d.year == year
    )


class WorkCalendar:
    """Working days: Monday to Friday, minus public holidays and the office's days off,
    plus make-up working days (from the package or the office)."""

    def __init__(
        self, days_off: dict[date, str] | None = None, working_days: dict[date, str] | None = None
    ):
        self.days_off = dict(days_off or {})
        self.working_days = dict(working_days or {})

    def holiday_name(self, day: date) -> str:
        """The reason a weekday is not worked ("Tết Nguyên Đán", an office day off), or ""."""
        if day in self.days_off:
            return self.days_off[day]
        return _public(day.year)[0].get(day, "")

    def is_working_day(self, day: date) -> bool:
        if day in self.working_days:
            return True
        if day in self.days_off:
            return False
        names, makeups = _public(day.year)
        if day in makeups:
            return True
        return day.weekday() < 5 and day not in names

    def add_working_days(self, day: date, n: int) -> date:
        """The n-th working day after `day` (n >= 1); `day` itself is not counted."""
        if n < 1:
            raise ValueError("n must be at least 1")
        while n:
            day += timedelta(days=1)
            if self.is_working_day(day):
                n -= 1
        return day

    def next_working_day(self, day: date) -> date:
        """`day` if it is a working day, otherwise the first working day after it."""
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days strictly after `start` and strictly before `end`."""
        n, day = 0, start + timedelta(days=1)
        while day < end:
            n += self.is_working_day(day)
            day += timedelta(days=1)
        return n


def public_holidays(year: int) -> list[tuple[date, str]]:
    """The year's public holidays with their Vietnamese names, in date order."""
    return sorted(_public(year)[0].items())


def makeup_days(year: int) -> list[date]:
    """Weekend days the Government made working days that year (in exchange for a bridge day
    off)."""
    return sorted(_public(year)[1])
