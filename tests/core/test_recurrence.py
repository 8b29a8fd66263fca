"""One reading of recurrence phrases (core.recurrence) for the assign page, the API,
meeting conclusions and a plan's deadline cell (exchange.parsers.parse_deadline)."""

from datetime import date

import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from theodoi.core import recurrence as rec
from theodoi.core.recurrence import (
    CONTINUOUS,
    MONTHLY,
    ONCE,
    QUARTERLY,
    YEARLY,
    RecurrenceError,
    Rule,
)
from theodoi.core.text import fold
from theodoi.exchange.parsers import REGULAR, Deadline, DeadlineParseError, parse_deadline
from theodoi.tasks.status import due_dates


@pytest.fixture(autouse=True)
def vietnamese():
    """The phrases are Vietnamese (the English view shows English ones, not read back)."""
    with translation.override("vi"):
        yield


# From tests/tasks/test_create_tasks.py (tasks.services.parse_recurrence, now core.recurrence).
@pytest.mark.parametrize(
    "text,expected",
    [
        ("", ("once", None, None)),
        ("thường xuyên", ("continuous", None, None)),
        ("Hằng năm trước 15/12", ("yearly", 15, 12)),
        ("hang quy", ("quarterly", None, None)),
        ("hằng tháng trước ngày 25", ("monthly", 25, None)),
    ],
)
def test_recurrence_is_read_from_vietnamese_words(text, expected):
    assert rec.parse(text) == expected


# From tests/exchange/test_parsers.py (the recurring rows of a plan's deadline cell).
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Thường xuyên", Deadline(None, REGULAR)),
        ("thuong xuyen", Deadline(None, REGULAR)),
        ("Hằng năm", Deadline(None, YEARLY)),
        ("Hàng năm", Deadline(None, YEARLY)),
        ("Hằng quý", Deadline(None, QUARTERLY)),
        ("Hằng tháng", Deadline(None, MONTHLY)),
        ("Hằng năm, trước ngày 15/12", Deadline(None, YEARLY, 15, 12)),
        ("Hằng tháng, trước ngày 25", Deadline(None, MONTHLY, 25)),
    ],
)
def test_deadlines_in_the_forms_plans_use(text, expected):
    assert parse_deadline(text) == expected


# One vocabulary: every word reads the same in both readers, with or without diacritics.
@pytest.mark.parametrize("word", sorted(rec.WORDS))
def test_every_word_reads_the_same_everywhere(word):
    kind = rec.WORDS[word]
    assert rec.parse(word) == rec.parse(fold(word)) == rec.parse(word.upper()) == Rule(kind)
    if kind == ONCE:
        with pytest.raises(DeadlineParseError):  # a plan's deadline cell needs a date for that
            parse_deadline(word)
    else:
        assert parse_deadline(word) == Deadline(None, kind)
        assert rec.match(word + ", trước ngày 10") == rec.parse(word + " trước ngày 10")


@pytest.mark.parametrize("text", ["Hằng ngày", "Liên tục", "hàng ngày", "Thường xuyên, hằng năm"])
def test_what_one_reader_knew_the_other_knows_now(text):
    assert rec.parse(text) == Rule(CONTINUOUS)
    assert parse_deadline(text) == Deadline(None, CONTINUOUS)


@pytest.mark.parametrize("text", ["Hằng quý năm 2021", "Hằng tháng trong năm 2021"])
def test_a_year_is_not_a_day(text):
    assert rec.parse(text).day is None
    assert parse_deadline(text).day is None


@pytest.mark.parametrize(
    "text",
    [
        "Hằng năm trước 15/13",
        "hằng năm trước 32/12",
        "Hằng tháng, trước ngày 45",
        "hằng quý ngày 99",
    ],
)
def test_a_day_off_the_calendar_is_refused_the_same_way_by_both(text):
    with pytest.raises(RecurrenceError) as e:
        rec.parse(text)
    assert e.value.message == "Ngày, tháng của nhiệm vụ định kỳ không hợp lệ."
    with pytest.raises(DeadlineParseError) as d:
        parse_deadline(text)
    assert d.value.message == e.value.message


@pytest.mark.parametrize("text", ["thỉnh thoảng", "mỗi khi cần", "hằng"])
def test_unknown_words_are_refused_in_vietnamese(text):
    with pytest.raises(RecurrenceError, match="không hợp lệ") as e:
        rec.parse(text)
    assert text in e.value.message and "hằng năm trước dd/mm" in e.value.message
    assert rec.match(text) is None


def test_check_refuses_what_due_dates_cannot_place():
    assert rec.check(YEARLY, 15, 12) == Rule(YEARLY, 15, 12)
    assert rec.check(MONTHLY, 31, None) == Rule(MONTHLY, 31)
    bad = [(YEARLY, 15, 13), (YEARLY, 40, 1), (MONTHLY, 32, None), (QUARTERLY, -1, None)]
    for kind, day, month in bad:
        with pytest.raises(RecurrenceError):
            rec.check(kind, day, month)


RULES = st.one_of(
    st.just(Rule(CONTINUOUS)),
    st.just(Rule(QUARTERLY)),
    st.builds(lambda d, m: Rule(YEARLY, d, m), st.integers(1, 31), st.integers(1, 12)),
    st.builds(lambda d: Rule(MONTHLY, d), st.integers(1, 31)),
)


@given(RULES)
def test_the_phrase_a_task_shows_reads_back_to_its_rule(rule):
    text = rec.phrase(*rule)
    assert rec.parse(text) == rule
    assert rec.parse(fold(text)) == rule
    assert parse_deadline(text) == Deadline(None, rule.kind, rule.day, rule.month)


@given(st.sampled_from([YEARLY, QUARTERLY, MONTHLY]), st.integers(2021, 2030))
def test_a_rule_without_a_day_means_the_period_s_last_day(kind, year):
    start, end = date(year, 1, 1), date(year, 12, 31)
    shown = rec.parse(rec.phrase(kind))  # "Hằng năm trước 31/12", "Hằng tháng, trước ngày 31"
    implicit = due_dates(kind, day=None, month=None, start=start, end=end)
    assert due_dates(kind, day=shown.day, month=shown.month, start=start, end=end) == implicit


@settings(max_examples=300)
@given(st.text(max_size=40))
def test_any_text_reads_as_a_rule_or_is_refused_cleanly(text):
    try:
        rule = rec.parse(text)
    except RecurrenceError as exc:
        assert exc.message
    else:
        assert rule.kind in (ONCE, CONTINUOUS, YEARLY, QUARTERLY, MONTHLY)
