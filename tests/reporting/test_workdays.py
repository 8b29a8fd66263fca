"""Working days: weekends, public holidays with Tết, swapped days, the office's own days."""

from datetime import date

from theodoi.reporting.workdays import WorkCalendar


def test_tet_2021_is_not_worked():
    cal = WorkCalendar()
    # Tết Tân Sửu: 10/02 to 16/02/2021 (29 Tết to mùng 5).
    for day in range(10, 17):
        assert not cal.is_working_day(date(2021, 2, day)), day
    assert cal.is_working_day(date(2021, 2, 9))
    assert cal.is_working_day(date(2021, 2, 17))
    assert "Tết" in cal.holiday_name(date(2021, 2, 12))


def test_weekends_and_national_days():
    cal = WorkCalendar()
    assert not cal.is_working_day(date(2021, 6, 12))  # Saturday
    assert not cal.is_working_day(date(2021, 6, 13))  # Sunday
    assert cal.is_working_day(date(2021, 6, 14))
    assert not cal.is_working_day(date(2021, 9, 2))
    assert not cal.is_working_day(date(2021, 9, 3))
    assert not cal.is_working_day(date(2022, 1, 3))  # Tết Dương lịch observed on Monday


def test_a_swapped_saturday_is_a_working_day():
    # 2024: Monday 29/04 off in exchange for Saturday 04/05.
    cal = WorkCalendar()
    assert not cal.is_working_day(date(2024, 4, 29))
    assert cal.is_working_day(date(2024, 5, 4))


def test_office_days_override_the_public_calendar():
    cal = WorkCalendar(
        days_off={date(2021, 6, 15): "Nghỉ bù bầu cử"}, working_days={date(2021, 6, 19): "Làm bù"}
    )
    assert not cal.is_working_day(date(2021, 6, 15))
    assert cal.holiday_name(date(2021, 6, 15)) == "Nghỉ bù bầu cử"
    assert cal.is_working_day(date(2021, 6, 19))
    # 14/06 + 2 working days: 16/06 (15 off), 17/06
    assert cal.add_working_days(date(2021, 6, 14), 2) == date(2021, 6, 17)


def test_counting_working_days_across_tet():
    cal = WorkCalendar()
    # Tuesday 09/02/2021 + 1 working day skips all of Tết: Wednesday 17/02.
    assert cal.add_working_days(date(2021, 2, 9), 1) == date(2021, 2, 17)
    assert cal.working_days_between(date(2021, 2, 5), date(2021, 2, 18)) == 3  # 8, 9, 17
    assert cal.next_working_day(date(2021, 2, 13)) == date(2021, 2, 17)
    assert cal.next_working_day(date(2021, 2, 17)) == date(2021, 2, 17)


def test_counting_across_the_year_end():
    cal = WorkCalendar()
    # Thursday 30/12/2021 + 2: Friday 31/12, then 01/01 (Saturday) is observed on Monday 03/01:
    # Tuesday 04/01/2022
    assert cal.add_working_days(date(2021, 12, 30), 2) == date(2022, 1, 4)
    # 2022/2023: Saturday 31/12/2022, Monday 02/01/2023 observed holiday.
    assert cal.add_working_days(date(2022, 12, 30), 1) == date(2023, 1, 3)
