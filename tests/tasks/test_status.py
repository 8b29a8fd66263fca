"""The one function that decides a task's status class, with plain dates."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as sts

from theodoi.tasks import status as st

D = date(2021, 9, 30)


def test_reported_on_the_deadline_and_confirmed_later_counts_on_time():
    s = st.classify(deadline=D, reported_on=D, confirmed=True, today=date(2021, 10, 20))
    assert s.cls == st.DONE_ON_TIME and s.days_overdue == 0


def test_reported_a_day_late_is_done_late_by_one_day():
    s = st.classify(
        deadline=D, reported_on=date(2021, 10, 1), confirmed=True, today=date(2022, 1, 1)
    )
    assert (s.cls, s.days_overdue) == (st.DONE_LATE, 1)


def test_not_done_before_the_deadline_is_within_deadline():
    assert st.classify(deadline=D, reported_on=None, confirmed=False, today=D).cls == st.IN_TIME


def test_not_done_after_the_deadline_is_overdue_with_its_days():
    s = st.classify(deadline=D, reported_on=None, confirmed=False, today=date(2021, 10, 10))
    assert (s.cls, s.days_overdue) == (st.OVERDUE, 10)


def test_waiting_for_confirmation_after_an_on_time_report_is_not_overdue():
    s = st.classify(
        deadline=D, reported_on=date(2021, 9, 29), confirmed=False, today=date(2021, 12, 1)
    )
    assert s.cls == st.IN_TIME


def test_a_late_report_waiting_for_confirmation_is_overdue_by_the_report_date():
    s = st.classify(
        deadline=D, reported_on=date(2021, 10, 5), confirmed=False, today=date(2021, 12, 1)
    )
    assert (s.cls, s.days_overdue) == (st.OVERDUE, 5)


def test_no_deadline_is_its_own_class_until_done():
    assert (
        st.classify(deadline=None, reported_on=None, confirmed=False, today=D).cls == st.NO_DEADLINE
    )
    assert st.classify(deadline=None, reported_on=D, confirmed=True, today=D).cls == st.DONE_ON_TIME


def test_yearly_due_dates_before_15_12():
    dues = st.due_dates(
        st.YEARLY, day=15, month=12, start=date(2021, 6, 15), end=date(2023, 12, 31)
    )
    assert dues == [date(2021, 12, 15), date(2022, 12, 15), date(2023, 12, 15)]


def test_quarterly_and_monthly_due_dates_clamp_to_the_month():
    assert st.due_dates(
        st.QUARTERLY, day=None, month=None, start=date(2021, 1, 1), end=date(2021, 12, 31)
    ) == [date(2021, 3, 31), date(2021, 6, 30), date(2021, 9, 30), date(2021, 12, 31)]
    assert st.due_dates(
        st.MONTHLY, day=31, month=None, start=date(2021, 2, 1), end=date(2021, 2, 28)
    ) == [date(2021, 2, 28)]


def test_each_occurrence_of_a_recurring_task_is_counted_on_its_own():
    dues = [date(2021, 12, 15), date(2022, 12, 15), date(2023, 12, 15)]
    completions = [
        st.Completion(date(2021, 12, 15), date(2021, 12, 15), True),
        st.Completion(date(2022, 12, 15), date(2022, 12, 20), True),
    ]
    got = st.classify_occurrences(dues, completions, today=date(2023, 12, 25))
    assert [s.cls for s in got] == [st.DONE_ON_TIME, st.DONE_LATE, st.OVERDUE]
    assert [s.days_overdue for s in got] == [0, 5, 10]


@given(deadline=sts.dates(), report=sts.dates(), today=sts.dates())
def test_a_confirmed_task_is_late_exactly_when_reported_after_the_deadline(deadline, report, today):
    s = st.classify(deadline=deadline, reported_on=report, confirmed=True, today=today)
    if report > today:
        # Seen as of a day before the report (the as-of date): the task was still open.
        assert s == st.classify(deadline=deadline, reported_on=None, confirmed=False, today=today)
        return
    assert s.is_done
    assert (s.cls == st.DONE_LATE) == (report > deadline)
    assert s.days_overdue == max(0, (report - deadline).days)


def test_as_of_a_day_before_the_report_a_done_task_is_still_open():
    deadline, report = date(2021, 6, 30), date(2021, 6, 20)
    kw = {"deadline": deadline, "reported_on": report, "confirmed": True}
    assert st.classify(**kw, today=date(2021, 6, 19)).cls == st.IN_TIME
    assert st.classify(**kw, today=date(2021, 6, 20)).cls == st.DONE_ON_TIME
    late = {"deadline": date(2021, 6, 14), "reported_on": date(2021, 6, 20), "confirmed": True}
    assert st.classify(**late, today=date(2021, 6, 19)) == st.Status(
        st.OVERDUE, date(2021, 6, 14), 5
    )
    assert st.classify(**late, today=date(2021, 6, 20)) == st.Status(
        st.DONE_LATE, date(2021, 6, 14), 6
    )


@pytest.mark.parametrize("cls", st.CLASSES)
def test_every_class_has_a_vietnamese_label(cls):
    assert str(st.LABELS[cls]) and cls in st.TONES
