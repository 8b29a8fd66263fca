from decimal import Decimal as D

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from theodoi.core.numbers import (
    NumberParseError,
    format_megabytes,
    format_number,
    format_percent,
    format_scaled,
    format_typed,
    parse_number,
    parse_typed,
    round_half_up,
    to_plain,
    typed_notation,
)


@pytest.mark.parametrize(
    "text, value",
    [
        ("6.265", D("6265")),
        ("6.265,5", D("6265.5")),
        ("67,4", D("67.4")),
        ("1.234.567", D("1234567")),
        ("1.5", D("1.5")),
        ("1234.5", D("1234.5")),
        ("1,234.5", D("1234.5")),
        ("1,234,567", D("1234567")),
        ("0,125", D("0.125")),
        ("-12,5", D("-12.5")),
        ("6 265", D("6265")),
        ("6\u00a0265,5", D("6265.5")),
        ("  42 ", D("42")),
        ("+7", D("7")),
        ("1.234,5", D("1234.5")),
    ],
)
def test_it_reads_vietnamese_and_plain_numbers(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize(
    "text", ["", "abc", "1.23.4", "1..2", "1,2,3", "12a", ",5", "5,", "1.234,5,6", "--1", "1 23"]
)
def test_it_refuses_what_is_not_a_number(text):
    with pytest.raises(NumberParseError) as exc:
        parse_number(text)
    assert exc.value.message


def test_it_refuses_a_string_that_could_mean_two_numbers():
    with pytest.raises(NumberParseError) as exc:
        parse_number("1,234")
    assert "không rõ nghĩa" in exc.value.message and "1234" in exc.value.message


def test_it_formats_the_way_reports_write():
    assert format_number(D("6265")) == "6.265"
    assert format_number(D("6265.5")) == "6.265,5"
    assert format_number(D("1234567.891"), 2) == "1.234.567,89"
    assert format_number(D("-0.04"), 1) == "0,0"
    assert format_number(D("-1234")) == "-1.234"
    assert format_percent(D("67.35")) == "67,4%"
    assert format_percent(D("39.6")) == "39,6%"
    assert format_scaled(D("1900000")) == "1,9 triệu"
    assert format_scaled(D("6265000000000")) == "6.265 tỷ"
    assert format_number(None) == ""


def test_rounding_is_half_up_not_bankers():
    assert round_half_up(D("0.125"), 2) == D("0.13")
    assert round_half_up(D("67.45"), 1) == D("67.5")
    assert round_half_up(D("-67.45"), 1) == D("-67.5")


def test_plain_notation_for_json():
    assert to_plain(D("6.265E+3")) == "6265"
    assert to_plain(D("67.400")) == "67.4"
    assert to_plain(None) is None


decimals = st.decimals(
    min_value=D("-1e12"), max_value=D("1e12"), places=3, allow_nan=False, allow_infinity=False
)


@given(decimals)
def test_formatting_then_parsing_gives_the_number_back(value):
    text = format_number(value)
    try:
        assert parse_number(text) == value
    except NumberParseError as exc:
        # Only the one ambiguous shape may be refused: a single comma and exactly three decimals.
        assert "không rõ nghĩa" in exc.message


@given(st.text(max_size=20))
def test_parsing_any_text_either_gives_a_decimal_or_a_clear_error(text):
    try:
        assert isinstance(parse_number(text), D)
    except NumberParseError as exc:
        assert exc.message


@pytest.mark.parametrize(
    "size, text",
    [
        (50 * 1024 * 1024, "50"),
        (1536 * 1024, "1,5"),
        (10 * 1024 * 1024 + 1, "10"),
        (100 * 1024, "0,1"),
        (1234 * 1024 * 1024, "1.234"),
    ],
)
def test_megabytes_the_vietnamese_way(size, text):
    assert format_megabytes(size) == text


# Issue 14: what a person types on a page is read in the page's language's notation.


@pytest.mark.parametrize(
    "text,value",
    [
        ("6,265.5", D("6265.5")),
        ("1,234", D("1234")),
        ("1,234,567", D("1234567")),
        ("6.265,5", D("6265.5")),  # both separators: the last one is the decimal one
        ("67.4", D("67.4")),
        ("-1,234.5", D("-1234.5")),
        ("6 265.5", D("6265.5")),
    ],
)
def test_english_notation_reads_english_numbers(text, value):
    assert parse_number(text, notation="en") == value


def test_english_notation_keeps_the_ambiguity_rule_and_quotes_what_was_typed():
    # "1.234": 1.234 in English, 1234 in Vietnamese: refused, never guessed.
    with pytest.raises(NumberParseError) as exc:
        parse_number("1.234", notation="en")
    assert exc.value.text == "1.234"
    assert "“1.234” không rõ nghĩa" in exc.value.message and "1234" in exc.value.message
    with pytest.raises(NumberParseError) as exc:
        parse_number("1.2.3,4.5", notation="en")
    assert "“1.2.3,4.5”" in exc.value.message
    # Vietnamese stays as it was: "1,234" refused, "1.234" is 1234.
    with pytest.raises(NumberParseError):
        parse_number("1,234")
    assert parse_number("1.234") == D("1234")


def test_parse_typed_follows_the_language_in_one_place():
    with translation.override("en"):
        assert typed_notation() == "en"
        assert parse_typed("6,265.5") == D("6265.5")
        assert format_typed(D("6265.5")) == "6,265.5"
    with translation.override("vi"):
        assert typed_notation() == "vi"
        assert parse_typed("6.265,5") == D("6265.5")
        assert format_typed(D("6265.5")) == "6.265,5"
    translation.deactivate()
    assert parse_typed("6.265") == D("6265")  # outside a request: Vietnamese
