"""Figures comparable across boundaries: a province created on 01/07/2025 from three old
ones compares its first half of 2026 with the three old provinces' first half of 2025."""

from datetime import date
from decimal import Decimal as D

import pytest

from theodoi.core.periods import Period
from theodoi.org.models import AdminUnit, UnitKind, UnitSuccession
from theodoi.targets import analytics
from theodoi.targets.queries import chart_series
from theodoi.targets.rows import ValueRow
from theodoi.targets.services import record_values

END, START = date(2025, 6, 30), date(2025, 7, 1)


@pytest.fixture
def merged(db):
    olds = [
        AdminUnit.objects.create(code=c, name=n, kind=UnitKind.PROVINCE, valid_to=END)
        for c, n in [("901", "Tỉnh Cũ A"), ("902", "Tỉnh Cũ B"), ("903", "Tỉnh Cũ C")]
    ]
    new = AdminUnit.objects.create(
        code="901", name="Tỉnh Mới", kind=UnitKind.PROVINCE, valid_from=START
    )
    for old in olds:
        UnitSuccession.objects.create(predecessor=old, successor=new, effective=START)
    return olds, new


def values(people, rows):
    record_values(
        people["admin"],
        [ValueRow(indicator="THU_NSNN", unit=u, period=p, value=v) for u, p, v in rows],
        source="test",
    )


def test_last_year_is_summed_from_the_old_provinces_and_the_sentence_says_so(
    people, revenue, merged
):
    values(
        people,
        [("901", "2025S1", "100"), ("902", "2025S1", "50"), ("903", "2025S1", "50")],
    )
    values(people, [("901", "2026S1", "250")])
    _olds, new = merged
    m = analytics.metric_for(revenue, new, "2026S1")
    assert m.value == D("250") and m.previous == D("200") and m.yoy_pct == D("25.0")
    assert m.comparable and not m.comparable_estimate and m.comparable_missing == ()
    assert m.sentence.endswith(
        "tăng 25% so với cùng kỳ năm 2025 (số liệu quy đổi theo địa giới hiện nay)."
    )
    # On the boundaries of the time, the new province had no first half of 2025.
    h = analytics.metric_for(revenue, new, "2026S1", boundaries="historical")
    assert h.previous is None and not h.comparable and "cùng kỳ" not in h.sentence


def test_a_missing_old_province_gives_no_comparison_and_is_named(people, revenue, merged):
    values(people, [("901", "2025S1", "100"), ("902", "2025S1", "50")])
    values(people, [("901", "2026S1", "250")])
    m = analytics.metric_for(revenue, merged[1], "2026S1")
    assert m.previous is None and m.yoy_pct is None
    assert m.comparable_missing == ("Tỉnh Cũ C",)


def test_a_split_applies_its_share_and_flags_an_estimate(people, revenue, merged):
    olds, new = merged
    other = AdminUnit.objects.create(
        code="904", name="Tỉnh Khác", kind=UnitKind.PROVINCE, valid_from=START
    )
    link = UnitSuccession.objects.get(predecessor=olds[2])
    link.share, link.kind = D("0.5"), "split"
    link.save()
    UnitSuccession.objects.create(
        predecessor=olds[2], successor=other, effective=START, share=D("0.5"), kind="split"
    )
    values(
        people,
        [("901", "2025S1", "100"), ("902", "2025S1", "50"), ("903", "2025S1", "50")],
    )
    values(people, [("901", "2026S1", "175")])
    m = analytics.metric_for(revenue, new, "2026S1")
    assert m.previous == D("175") and m.comparable_estimate
    assert "có ước tính" in m.sentence


def test_the_api_chooses_the_boundaries(people, revenue, merged, api_as):
    values(
        people,
        [("901", "2025S1", "100"), ("902", "2025S1", "50"), ("903", "2025S1", "50")],
    )
    values(people, [("901", "2026S1", "250")])
    q = {"indicator": "THU_NSNN", "unit": "901", "period": "2026S1"}
    body = api_as("viewer").get("/api/v1/analytics", **q).json()
    assert body["previous"] == "200" and body["boundaries"] == "current"
    body = api_as("viewer").get("/api/v1/analytics", boundaries="historical", **q).json()
    assert body["previous"] is None and body["boundaries"] == "historical"
    r = api_as("viewer").get("/api/v1/analytics", boundaries="x", **q)
    assert r.status_code == 400 and "boundaries" in r.json()["detail"]


def test_the_chart_draws_last_year_on_the_boundaries_the_page_uses(people, revenue, merged):
    # The indicator page's "Cùng kỳ năm trước" line for the new province: on today's
    # boundaries the three old provinces' half-year; on the boundaries of the time, nothing.
    values(
        people,
        [("901", "2025S1", "100"), ("902", "2025S1", "50"), ("903", "2025S1", "50")],
    )
    values(people, [("901", "2026S1", "250")])
    _olds, new = merged
    current = chart_series(revenue, new, Period.parse("2026S1"), "current")
    historical = chart_series(revenue, new, Period.parse("2026S1"), "historical")
    assert current["this_year"][5] == "250" and current["last_year"][5] == "200"
    assert historical["this_year"][5] == "250" and historical["last_year"][5] is None
