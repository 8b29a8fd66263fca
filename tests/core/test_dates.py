from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from theodoi.core.dates import DateParseError, format_date, format_long_date, parse_date


def test_dates_in_tables_are_dd_mm_yyyy():
    assert format_date(date(2021, 6, 15)) == "15/06/2021"
    assert format_date(None) == ""


def test_the_nghi_dinh_30_date_line_pads_days_below_10_and_months_1_and_2():
    assert format_long_date(date(2026, 1, 5)) == "ngày 05 tháng 01 năm 2026"
    assert format_long_date(date(2021, 6, 15)) == "ngày 15 tháng 6 năm 2021"
    assert format_long_date(date(2021, 2, 28)) == "ngày 28 tháng 02 năm 2021"
    assert format_long_date(date(2021, 12, 1)) == "ngày 01 tháng 12 năm 2021"


@pytest.mark.parametrize(
    "text, value",
    [
        ("15/06/2021", date(2021, 6, 15)),
        ("15/6/2021", date(2021, 6, 15)),
        ("2021-06-15", date(2021, 6, 15)),
        ("5-1-2026", date(2026, 1, 5)),
        ("2021-6-5", date(2021, 6, 5)),
    ],
)
def test_it_reads_dates(text, value):
    assert parse_date(text) == value


@pytest.mark.parametrize("text", ["", "31/02/2021", "15/13/2021", "tomorrow", "2021/06/15"])
def test_it_refuses_bad_dates(text):
    with pytest.raises(DateParseError):
        parse_date(text)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
def test_a_formatted_date_reads_back(d):
    assert parse_date(format_date(d)) == d
