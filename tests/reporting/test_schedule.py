"""Cut-off windows (Nghị định 09/2019, Điều 12), deadlines and timeliness."""

from datetime import date

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from theodoi.core.periods import Period
from theodoi.reporting.schedule import (
    CUTOFF_CALENDAR,
    LATE,
    MISSING,
    ON_TIME,
    PENDING,
    DeadlineRule,
    check_gap,
    cutoff_window,
    deadline,
    timeliness,
)
from theodoi.reporting.schedule import (
    DEADLINE_DAY_OF_MONTH as DOM,
)
from theodoi.reporting.schedule import (
    DEADLINE_WORKING_DAYS as WD,
)
from theodoi.reporting.workdays import WorkCalendar

CAL = WorkCalendar()


@pytest.mark.parametrize(
    "pid, start, end",
    [
        ("202106", date(2021, 5, 15), date(2021, 6, 14)),
        ("202101", date(2020, 12, 15), date(2021, 1, 14)),  # across the year end
        ("2021Q1", date(2020, 12, 15), date(2021, 3, 14)),
        ("2021Q2", date(2021, 3, 15), date(2021, 6, 14)),
        ("2021Q4", date(2021, 9, 15), date(2021, 12, 14)),
        ("2021S1", date(2020, 12, 15), date(2021, 6, 14)),
        ("2021S2", date(2021, 6, 15), date(2021, 12, 14)),
        ("2021YTD09", date(2020, 12, 15), date(2021, 9, 14)),
        ("2021", date(2020, 12, 15), date(2021, 12, 14)),
    ],
)
def test_nd09_windows(pid, start, end):
    assert cutoff_window(Period.parse(pid)) == (start, end)


def test_a_regime_may_use_the_calendar_period():
    assert cutoff_window(Period.parse("2021S1"), CUTOFF_CALENDAR) == (
        date(2021, 1, 1),
        date(2021, 6, 30),
    )


@given(st.integers(2000, 2100), st.integers(1, 12))
def test_monthly_windows_tile_the_year(year, month):
    """Consecutive monthly windows touch without gap or overlap."""
    p = Period.month(year, month)
    nxt = Period.month(year + (month == 12), month % 12 + 1)
    assert (cutoff_window(nxt)[0] - cutoff_window(p)[1]).days == 1


def test_working_day_deadline_skips_tet():
    # February 2021: cut-off Sunday 14/02 in the middle of Tết; 3 working days after: 17, 18, 19/02.
    rule = DeadlineRule(WD, 3)
    assert deadline(Period.month(2021, 2), rule, CAL) == date(2021, 2, 19)
    # January 2021: cut-off Thursday 14/01: 15, 18, 19/01.
    assert deadline(Period.month(2021, 1), rule, CAL) == date(2021, 1, 19)


def test_calendar_day_deadline_moves_off_a_day_off():
    # Day 20 of the period's last month: Sunday 20/06/2021 moves to Monday 21/06.
    rule = DeadlineRule(DOM, 20)
    assert deadline(Period.half(2021, 1), rule, CAL) == date(2021, 6, 21)
    # Day 22 of the month after December 2022 falls in Tết Quý Mão (20–26/01/2023): Friday 27/01.
    assert deadline(Period.year_(2022), DeadlineRule(DOM, 22, 1), CAL) == date(2023, 1, 27)
    # Day 31 of a 30-day month is its last day.
    assert deadline(Period.month(2021, 6), DeadlineRule(DOM, 31), CAL) == date(2021, 6, 30)


def test_year_end_deadline_in_working_days_crosses_into_the_new_year():
    # Year 2021: cut-off 14/12/2021; 15 working days later.
    assert deadline(Period.year_(2021), DeadlineRule(WD, 15), CAL) == date(2022, 1, 5)


def test_office_day_off_moves_the_deadline():
    cal = WorkCalendar(days_off={date(2021, 6, 17): "Nghỉ đột xuất"})
    assert deadline(Period.half(2021, 1), DeadlineRule(WD, 3), CAL) == date(2021, 6, 17)
    assert deadline(Period.half(2021, 1), DeadlineRule(WD, 3), cal) == date(2021, 6, 18)


def test_a_deadline_must_leave_one_working_day_after_the_cutoff():
    assert check_gap(Period.month(2021, 6), DeadlineRule(DOM, 15), CAL) == ""
    message = check_gap(Period.month(2021, 6), DeadlineRule(DOM, 14), CAL)
    assert "Điều 8" in message and "14/06/2021" in message


def test_rule_descriptions_are_vietnamese():
    assert DeadlineRule(WD, 3).describe() == "3 ngày làm việc sau ngày chốt số liệu"
    assert DeadlineRule(DOM, 20).describe() == "ngày 20 của tháng cuối kỳ"


def test_timeliness():
    due = date(2021, 6, 18)
    assert timeliness(due, date(2021, 6, 18), date(2021, 7, 1)).state == ON_TIME
    late = timeliness(due, date(2021, 6, 21), date(2021, 7, 1))
    assert (late.state, late.days_late, late.label) == (LATE, 3, "Trễ 3 ngày")
    missing = timeliness(due, None, date(2021, 6, 25))
    assert (missing.state, missing.days_late) == (MISSING, 7)
    assert timeliness(due, None, date(2021, 6, 18)).state == PENDING


def test_days_late_are_written_as_numbers_are():
    """Issue 14: "quá hạn 1993 ngày" on the cycle board, where every other number is 1.993."""
    missing = timeliness(date(2021, 6, 17), None, date(2026, 12, 1))
    assert missing.label == "Chưa gửi, quá hạn 1.993 ngày"
    late = timeliness(date(2021, 6, 17), date(2026, 12, 1), date(2026, 12, 2))
    assert late.label == "Trễ 1.993 ngày"
    with translation.override("en"):
        assert "1,993" in str(missing.label)
