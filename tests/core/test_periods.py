"""Periods: ids, Vietnamese labels, spans, the same span a year earlier, containment."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from theodoi.core.periods import Period, PeriodError

years = st.integers(min_value=1950, max_value=2150)


@st.composite
def periods(draw):
    y = draw(years)
    kind = draw(st.sampled_from(["year", "half", "quarter", "month", "ytd", "term"]))
    if kind == "year":
        return Period.year_(y)
    if kind == "half":
        return Period.half(y, draw(st.integers(1, 2)))
    if kind == "quarter":
        return Period.quarter(y, draw(st.integers(1, 4)))
    if kind == "month":
        return Period.month(y, draw(st.integers(1, 12)))
    if kind == "ytd":
        return Period.ytd(y, draw(st.integers(1, 12)))
    return Period.term(y, y + draw(st.integers(1, 10)))


@pytest.mark.parametrize(
    "pid,kind,label,start,end",
    [
        ("2021", "year", "Năm 2021", date(2021, 1, 1), date(2021, 12, 31)),
        ("2021S1", "half", "6 tháng đầu năm 2021", date(2021, 1, 1), date(2021, 6, 30)),
        ("2021S2", "half", "6 tháng cuối năm 2021", date(2021, 7, 1), date(2021, 12, 31)),
        ("2021Q2", "quarter", "Quý II/2021", date(2021, 4, 1), date(2021, 6, 30)),
        ("2021Q4", "quarter", "Quý IV/2021", date(2021, 10, 1), date(2021, 12, 31)),
        ("202106", "month", "Tháng 6/2021", date(2021, 6, 1), date(2021, 6, 30)),
        ("202002", "month", "Tháng 2/2020", date(2020, 2, 1), date(2020, 2, 29)),
        ("2021YTD09", "ytd", "9 tháng đầu năm 2021", date(2021, 1, 1), date(2021, 9, 30)),
        ("2020-2025", "term", "Nhiệm kỳ 2020-2025", date(2020, 1, 1), date(2025, 12, 31)),
    ],
)
def test_it_reads_ids_into_spans_and_labels(pid, kind, label, start, end):
    p = Period.parse(pid)
    assert (p.id, p.kind, p.label, p.start, p.end) == (pid, kind, label, start, end)


@pytest.mark.parametrize(
    "pid,canonical",
    [
        ("2021YTD06", "2021S1"),
        ("2021YTD03", "2021Q1"),
        ("2021YTD12", "2021"),
        ("2021YTD01", "202101"),
    ],
)
def test_a_year_to_date_span_that_is_a_standard_period_is_that_period(pid, canonical):
    assert Period.parse(pid) == Period.parse(canonical)
    assert Period.parse(pid).id == canonical


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "21",
        "2021S3",
        "2021Q0",
        "2021Q5",
        "202113",
        "202100",
        "2021YTD13",
        "2021YTD00",
        "2025-2020",
        "2021-2021",
        "2021 S1",
        "s1 2021",
        "2021s1",
        "20211",
        "2021-06",
        "abc",
        "1800",
        "2021H1",
    ],
)
def test_a_malformed_id_is_a_clear_error(bad):
    with pytest.raises(PeriodError) as exc:
        Period.parse(bad)
    assert (
        "không hợp lệ" in exc.value.message
        or "Chưa nhập" in exc.value.message
        or "ngoài khoảng" in exc.value.message
    )


def test_same_period_last_year_and_previous_term():
    assert Period.parse("2021S1").previous_year().id == "2020S1"
    assert Period.parse("2021YTD09").previous_year().label == "9 tháng đầu năm 2020"
    assert Period.parse("2020-2025").previous_year().id == "2015-2020"


def test_containment_and_months():
    year = Period.parse("2021")
    assert year.contains(Period.parse("2021Q3"))
    assert not Period.parse("2021S1").contains(Period.parse("2021Q3"))
    assert Period.parse("2021YTD09").contains(Period.parse("2021Q3"))
    assert not year.contains(Period.parse("202201"))
    assert [m.id for m in Period.parse("2021Q2").months()] == ["202104", "202105", "202106"]
    assert len(Period.parse("2020-2025").months()) == 72


def test_alignment_to_the_finest_reporting_period():
    assert Period.parse("2021YTD09").is_aligned_to("quarter")
    assert not Period.parse("2021YTD09").is_aligned_to("half")
    assert not Period.parse("202106").is_aligned_to("quarter")
    assert Period.parse("2021").is_aligned_to("year")
    assert not Period.parse("2021S1").is_aligned_to("year")


@given(periods())
def test_id_round_trips(p):
    assert Period.parse(p.id) == p
    assert Period.parse(p.id).label == p.label


@given(periods())
def test_previous_year_is_the_same_span_shifted(p):
    q = p.previous_year()
    assert q.kind == p.kind and q.month_count == p.month_count
    if p.kind != "term":
        assert (q.year, q.first_month, q.last_month) == (p.year - 1, p.first_month, p.last_month)
        assert q.end < p.start


@given(periods())
def test_months_tile_the_span(p):
    ms = p.months()
    assert ms[0].start == p.start and ms[-1].end == p.end
    assert len(ms) == p.month_count
    assert all(p.contains(m) for m in ms)
    assert all(a < b for a, b in zip(ms, ms[1:], strict=False))


@given(periods(), periods())
def test_containment_agrees_with_months(a, b):
    assert a.contains(b) == set(b.months()).issubset(set(a.months()))


@given(periods(), periods())
def test_order_is_total_and_consistent(a, b):
    assert (a < b) + (b < a) + (a == b) == 1
    if a.start < b.start:
        assert a < b


@given(periods().filter(lambda p: p.kind != "term"))
def test_subperiods_are_strictly_inside(p):
    subs = p.subperiods()
    assert all(p.contains(s) and s != p for s in subs)
    assert set(p.months()).issubset(set(subs)) or p.kind == "month"


def test_a_label_inside_a_sentence_keeps_its_roman_numerals():
    assert Period.parse("2021Q3").phrase == "quý III/2021"
    assert Period.parse("2021").phrase == "năm 2021"
