from datetime import date, timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from theodoi.core.exporters import csv_number
from theodoi.core.numbers import NumberParseError, format_number, parse_number
from theodoi.exchange.parsers import AgencyMatcher, Deadline, DeadlineParseError, parse_deadline
from theodoi.exchange.readers import CellError, cell_date, cell_number


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Quý III/2021", Deadline(date(2021, 9, 30))),
        ("Quý 4 năm 2021", Deadline(date(2021, 12, 31))),
        ("Tháng 12/2021", Deadline(date(2021, 12, 31))),
        ("Tháng 2/2024", Deadline(date(2024, 2, 29))),
        ("Trước 15/12/2021", Deadline(date(2021, 12, 15))),
        ("Trước ngày 15/12/2021", Deadline(date(2021, 12, 15))),
        ("Chậm nhất ngày 30/6/2021", Deadline(date(2021, 6, 30))),
        ("Hoàn thành trước ngày 15/12/2021", Deadline(date(2021, 12, 15))),
        ("15/12/2021", Deadline(date(2021, 12, 15))),
        ("Năm 2021", Deadline(date(2021, 12, 31))),
        ("Trong năm 2021", Deadline(date(2021, 12, 31))),
        ("6 tháng đầu năm 2021", Deadline(date(2021, 6, 30))),
        ("9 tháng đầu năm 2021", Deadline(date(2021, 9, 30))),
        ("Giai đoạn 2021 - 2025", Deadline(date(2025, 12, 31))),
        ("Quý III - Quý IV/2021", Deadline(date(2021, 12, 31))),
        (date(2021, 7, 1), Deadline(date(2021, 7, 1))),
    ],
)
def test_deadlines_in_the_forms_plans_use(text, expected):
    assert parse_deadline(text) == expected


@pytest.mark.parametrize(
    "text, reason",
    [
        ("", "chưa ghi thời hạn"),
        ("sớm", "không hiểu thời hạn"),
        ("31/02/2021", "không có trên lịch"),
        ("Quý V/2021", "không có trên lịch"),
        ("Tháng 13/2021", "không có trên lịch"),
        ("2025-2021", "không có trên lịch"),
    ],
)
def test_bad_deadlines_are_refused_with_a_reason(text, reason):
    with pytest.raises(DeadlineParseError, match=reason):
        parse_deadline(text)


@settings(max_examples=300)
@given(st.text(max_size=40))
def test_any_text_either_reads_as_a_deadline_or_is_refused_cleanly(text):
    try:
        result = parse_deadline(text)
    except DeadlineParseError as exc:
        assert exc.message
    else:
        assert result.date is not None or result.recurrence


DAYS = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))


@given(
    DAYS,
    st.sampled_from(
        [
            "{d:02d}/{m:02d}/{y}",
            "{d}/{m}/{y}",
            "Trước {d}/{m}/{y}",
            "trước ngày {d:02d}-{m:02d}-{y}",
            "Chậm nhất ngày {d}.{m}.{y}",
        ]
    ),
)
def test_any_written_day_reads_back(day, form):
    assert parse_deadline(form.format(d=day.day, m=day.month, y=day.year)) == Deadline(day)


@given(st.integers(1990, 2100), st.integers(1, 4), st.booleans())
def test_any_quarter_ends_on_its_last_day(year, q, roman):
    label = ["I", "II", "III", "IV"][q - 1] if roman else str(q)
    end = parse_deadline(f"Quý {label}/{year}").date
    assert end.month == q * 3 and (end + timedelta(days=1)).day == 1


@given(st.integers(1990, 2100), st.integers(1, 12))
def test_any_month_ends_on_its_last_day(year, month):
    end = parse_deadline(f"Tháng {month}/{year}").date
    assert (end.year, end.month) == (year, month) and (end + timedelta(days=1)).day == 1


FIGURES = st.decimals(
    min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=6, allow_nan=False
)


@given(FIGURES)
def test_every_figure_we_write_reads_back_to_itself(value):
    assert parse_number(csv_number(value)) == value


@given(FIGURES)
def test_a_vietnamese_figure_reads_back_or_is_refused_as_ambiguous(value):
    text = format_number(value)
    try:
        assert parse_number(text) == value
    except NumberParseError as exc:
        assert "không rõ nghĩa" in exc.message


@settings(max_examples=300)
@given(st.text(alphabet="0123456789.,- %a", max_size=16))
def test_any_text_in_a_number_cell_reads_or_is_refused_cleanly(text):
    try:
        value = cell_number(text)
    except CellError as exc:
        assert str(exc)
    else:
        assert value is None or isinstance(value, Decimal)


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15))
def test_excel_floats_become_the_decimal_they_display(value):
    """Exactly the figure, or a refusal (more than 6 decimals, more than 14 integer
    digits: the database would round or refuse it); never a changed figure."""
    try:
        number = cell_number(value)
    except CellError as exc:
        assert "chữ số" in str(exc)
    else:
        assert float(number) == value


@given(st.integers(1, 2958465))
def test_every_excel_serial_is_a_date(serial):
    assert isinstance(cell_date(serial), date)


def _agency(pk, code, name, short):
    return SimpleNamespace(pk=pk, code=code, name=name, short_name=short)


AGENCIES = [
    _agency(1, "STC", "Sở Tài chính", "STC"),
    _agency(2, "SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL"),
    _agency(3, "SKHDT", "Sở Kế hoạch và Đầu tư", "SKHĐT"),
    _agency(4, "UBND-672", "UBND thành phố Đà Lạt", "UBND Đà Lạt"),
    _agency(5, "UBND-673", "UBND thành phố Bảo Lộc", "UBND Bảo Lộc"),
    _agency(6, "SNN", "Sở Nông nghiệp và Phát triển nông thôn", "SNN&PTNT"),
]


def test_agencies_match_by_name_or_short_name_without_diacritics():
    m = AgencyMatcher(AGENCIES)
    assert m.match("Sở Tài chính").agency.code == "STC"
    assert m.match("so tai chinh").agency.code == "STC"
    assert m.match("SKHDT").agency.code == "SKHDT"
    assert m.match("Sở KH&ĐT").agency is None  # not a name anyone gave it
    assert m.match("SNN & PTNT").agency.code == "SNN"
    approx = m.match("Văn hóa, Thể thao và Du lịch")
    assert approx.agency.code == "SVHTTDL" and approx.approximate


def test_an_ambiguous_name_is_a_question_with_candidates():
    match = AgencyMatcher(AGENCIES).match("UBND thành phố")
    assert match.ambiguous and {a.code for a in match.candidates} == {"UBND-672", "UBND-673"}
    answered = AgencyMatcher(AGENCIES, choices={"UBND thanh pho": AGENCIES[3]}).match(
        "UBND thành phố"
    )
    assert answered.agency.code == "UBND-672"


def test_an_unknown_name_has_no_candidates():
    match = AgencyMatcher(AGENCIES).match("Sở Ngoại vụ")
    assert match.agency is None and not match.candidates and not match.ambiguous


def test_a_coordinators_cell_is_split_even_when_names_hold_commas():
    matches = AgencyMatcher(AGENCIES).split(
        "Sở Văn hóa, Thể thao và Du lịch, Sở Tài chính; UBND Đà Lạt\n- các sở, ngành liên quan"
    )
    assert [m.agency.code if m.agency else ("chung" if m.generic else None) for m in matches] == [
        "SVHTTDL",
        "STC",
        "UBND-672",
        "chung",
    ]
