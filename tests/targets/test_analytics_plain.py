"""Analytics as plain functions (metrics.py): resolution, rollups, metrics, pace and the
sentence."""

from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st

from theodoi.core.periods import Period
from theodoi.targets import metrics as a

FLOW = a.IndicatorInfo(1, "Thu ngân sách nhà nước", "flow", "sum", unit_of_measure="tỷ đồng")
STOCK = a.IndicatorInfo(2, "Số xã đạt chuẩn", "stock", "sum", unit_of_measure="xã")
RATE = a.IndicatorInfo(3, "Tăng trưởng GRDP", "rate", "none", unit_of_measure="%", decimals=1)
AVG = a.IndicatorInfo(4, "Tỷ lệ che phủ rừng", "flow", "average", unit_of_measure="%")

S1 = Period.parse("2021S1")


def parts(span, *rows):
    return a.parts_from_rows(span, [(Period.parse(p), D(v), s) for p, v, s in rows])


def test_an_exact_value_wins_over_its_parts():
    p = {
        10: parts(
            S1,
            ("2021S1", "6265", "estimate"),
            ("2021Q1", "1", "official"),
            ("2021Q2", "2", "official"),
        )
    }
    assert a.resolve(FLOW, 10, S1, p, {}) == a.Resolved(D("6265"), "estimate", a.SOURCE_REPORTED)


def test_a_flow_is_the_sum_of_a_complete_set_of_subperiods_with_the_worst_status():
    p = {
        10: parts(
            S1, *[(f"20210{m}", "10", "official") for m in range(1, 6)], ("202106", "5", "estimate")
        )
    }
    assert a.resolve(FLOW, 10, S1, p, {}) == a.Resolved(D("55"), "estimate", a.SOURCE_SUBPERIODS)


def test_an_incomplete_set_of_months_is_not_a_value():
    p = {10: parts(S1, *[(f"20210{m}", "10", "official") for m in range(1, 6)])}
    assert a.resolve(FLOW, 10, S1, p, {}) is None


def test_a_stock_is_the_value_at_the_end_of_the_span():
    p = {10: parts(S1, ("2021Q1", "40", "official"), ("2021Q2", "53", "official"))}
    assert a.resolve(STOCK, 10, S1, p, {}).value == D("53")
    p = {10: parts(S1, ("2021Q1", "40", "official"))}
    assert a.resolve(STOCK, 10, S1, p, {}) is None


def test_child_units_are_summed_or_averaged_and_rates_never_derived():
    p = {
        1: parts(S1, ("2021S1", "2", "official")),
        2: parts(S1, ("2021Q1", "1", "official"), ("2021Q2", "3", "estimate")),
    }
    kids = {0: [1, 2]}
    assert a.resolve(FLOW, 0, S1, p, kids) == a.Resolved(D("6"), "estimate", a.SOURCE_CHILDREN)
    assert a.resolve(AVG, 0, S1, p, kids).value == D("3")
    rp = {
        1: parts(S1, ("2021S1", "5", "official")),
        0: parts(S1, ("2021Q1", "4", "official"), ("2021Q2", "6", "official")),
    }
    assert a.resolve(RATE, 0, S1, rp, kids) is None


def test_grandchildren_roll_up_through_districts():
    p = {3: parts(S1, ("2021S1", "2", "official")), 4: parts(S1, ("2021S1", "5", "official"))}
    assert a.resolve(FLOW, 0, S1, p, {0: [1], 1: [3, 4]}).value == D("7")


def test_the_seed_sentence_for_revenue():
    m = a.build_metric(
        FLOW,
        1,
        None,
        S1,
        a.Resolved(D("6265"), "estimate", a.SOURCE_REPORTED),
        a.Resolved(D("4488"), "official", a.SOURCE_REPORTED),
        None,
        None,
        ("estimate", D("9300")),
    )
    assert (m.plan_pct, m.yoy_pct) == (D("67.4"), D("39.6"))
    assert m.sentence == (
        "Thu ngân sách nhà nước 6 tháng đầu năm 2021 ước đạt 6.265 tỷ đồng, bằng 67,4% dự toán, "
        "tăng 39,6% so với cùng kỳ năm 2020."
    )
    assert m.pace == a.AHEAD  # 67,4% of the year's estimate after half the year


def test_sentence_words_for_official_figures_decreases_equal_and_missing_clauses():
    base = {
        "name": "Khách qua lưu trú",
        "period_label": "Quý II/2021",
        "unit_name": None,
        "decimals": 0,
        "unit_of_measure": "lượt khách",
        "kind": "flow",
        "plan": None,
        "previous_year": 2020,
    }
    s = a.sentence(
        value=D("1900000"),
        status="official",
        plan_pct=D("47"),
        plan_kind_label="kế hoạch",
        yoy_pct=D("-13.04"),
        **base,
    )
    assert (
        s == "Khách qua lưu trú Quý II/2021 đạt 1,9 triệu lượt khách, bằng 47% kế hoạch, giảm 13% "
        "so với cùng kỳ năm 2020."
    )
    s = a.sentence(
        value=D("10"),
        status="preliminary",
        plan_pct=None,
        plan_kind_label=None,
        yoy_pct=D("0.04"),
        **base,
    )
    assert s == "Khách qua lưu trú Quý II/2021 đạt 10 lượt khách, bằng cùng kỳ năm 2020."
    s = a.sentence(
        value=D("10"), status="estimate", plan_pct=None, plan_kind_label=None, yoy_pct=None, **base
    )
    assert s == "Khách qua lưu trú Quý II/2021 ước đạt 10 lượt khách."
    assert (
        a.sentence(
            value=None, status=None, plan_pct=None, plan_kind_label=None, yoy_pct=None, **base
        )
        == ""
    )


def test_pace_uses_last_years_share_when_history_allows_and_is_reversed_for_down():
    # Seasonal: last year 40% of arrivals came in the first half; 47% now is ahead.
    assert a.expected_share_pct(S1, Period.year_(2021), D(40), D(100)) == D(40)
    assert a.expected_share_pct(S1, Period.year_(2021), None, None) == D(50)
    assert a.expected_share_pct(S1, S1, D(1), D(2)) == D(100)
    assert a.pace(D(47), D(40)) == a.AHEAD
    assert a.pace(D(47), D(40), "down") == a.BEHIND
    assert a.pace(D(41), D(40)) == a.ON_TRACK
    assert a.pace(D(30), D(50)) == a.BEHIND
    assert a.pace(D(30), D(50), "down") == a.AHEAD
    assert a.pace(None, D(50)) is None


def test_a_rate_is_judged_against_its_plan_and_gets_no_percentages():
    m = a.build_metric(
        RATE,
        1,
        None,
        S1,
        a.Resolved(D("5"), "estimate", a.SOURCE_REPORTED),
        a.Resolved(D("7"), "official", a.SOURCE_REPORTED),
        None,
        None,
        ("plan", D("6.5")),
    )
    assert m.plan_pct is None and m.yoy_pct is None and m.pace == a.BEHIND
    assert m.sentence == "Tăng trưởng GRDP 6 tháng đầu năm 2021 ước đạt 5%, kế hoạch 6,5%."


def test_the_latest_adjusted_plan_wins():
    t = [
        ("plan", 1, 1, D(10)),
        ("adjusted", 2, 2, D(12)),
        ("adjusted", 3, 3, D(11)),
        ("goal", 9, 9, D(99)),
    ]
    assert a.pick_target(t)[3] == D(11)
    assert a.pick_target([("goal", 1, 1, D(5)), ("estimate", 0, 0, D(7))])[3] == D(7)


@given(st.lists(st.decimals(min_value=0, max_value=10**9, places=2), min_size=12, max_size=12))
def test_months_quarters_and_halves_give_the_same_year(values):
    year = Period.year_(2021)
    months = [(Period.month(2021, m + 1), v, "official") for m, v in enumerate(values)]
    quarters = [
        (Period.quarter(2021, q + 1), sum(values[3 * q : 3 * q + 3]), "official") for q in range(4)
    ]
    by_months = a.resolve(FLOW, 1, year, {1: a.parts_from_rows(year, months)}, {})
    by_quarters = a.resolve(FLOW, 1, year, {1: a.parts_from_rows(year, quarters)}, {})
    assert by_months.value == by_quarters.value == sum(values)


@given(
    st.decimals(min_value=1, max_value=10**6, places=3),
    st.decimals(min_value=1, max_value=10**6, places=3),
)
def test_yoy_and_plan_are_plain_ratios(v, b):
    assert a.ratio_pct(v, b) == v / b * 100
    assert a.jump_pct(v, b) == v / b * 100 - 100
    assert a.ratio_pct(v, D(0)) is None
