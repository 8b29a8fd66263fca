"""Rollups across the 01/07/2025 unit change (Nghị quyết 202/2025/QH15): a province's total
for the first half of 2025 comes from its old units, the first half of 2026 from the new ones,
and no period counts a merged unit together with the units it came from.

Units (codes of their own, beside the suite's province 68):
- the old province 968 (until 30/06/2025) → district 9672 → wards 91 and 92 (until 30/06/2025);
- the old province 967 (until 30/06/2025) → commune 93;
- the new province 968 (from 01/07/2025) → ward 91 (a new unit taking ward 91's code: 91 and
  92 merged) and commune 94 (from 93);
- the province 901 that kept its boundaries: its old wards 95 and 96 (until 30/06/2025)
  merged into ward 97 (from 01/07/2025) under the same province row.
"""

from datetime import date
from decimal import Decimal as D

import pytest

from theodoi.core.periods import Period
from theodoi.org.models import AdminUnit, UnitKind, UnitSuccession
from theodoi.targets import analytics, rollups
from theodoi.targets.models import Rollup
from theodoi.targets.rows import ValueRow
from theodoi.targets.services import record_values

pytestmark = pytest.mark.django_db

END, START = date(2025, 6, 30), date(2025, 7, 1)


def unit(code, name, kind, parent=None, *, until=None, since=None):
    return AdminUnit.objects.create(
        code=code, name=name, kind=kind, parent=parent, valid_to=until, valid_from=since
    )


@pytest.fixture
def change(db):
    old = unit("968", "Tỉnh Cũ", UnitKind.PROVINCE, until=END)
    other = unit("967", "Tỉnh Cũ Khác", UnitKind.PROVINCE, until=END)
    district = unit("9672", "Thành phố Cũ", UnitKind.PROVINCIAL_CITY, old, until=END)
    w91 = unit("91", "Phường 1", UnitKind.WARD, district, until=END)
    w92 = unit("92", "Phường 2", UnitKind.WARD, district, until=END)
    c93 = unit("93", "Xã Cũ", UnitKind.COMMUNE, other, until=END)
    new = unit("968", "Tỉnh Mới", UnitKind.PROVINCE, since=START)
    n91 = unit("91", "Phường Mới", UnitKind.WARD, new, since=START)
    c94 = unit("94", "Xã Mới", UnitKind.COMMUNE, new, since=START)
    kept = unit("901", "Tỉnh Giữ Nguyên", UnitKind.PROVINCE)
    w95 = unit("95", "Phường 5", UnitKind.WARD, kept, until=END)
    w96 = unit("96", "Phường 6", UnitKind.WARD, kept, until=END)
    w97 = unit("97", "Phường 7", UnitKind.WARD, kept, since=START)
    for pred, succ in [
        (old, new),
        (other, new),
        (w91, n91),
        (w92, n91),
        (c93, c94),
        (w95, w97),
        (w96, w97),
    ]:
        UnitSuccession.objects.create(predecessor=pred, successor=succ, effective=START)
    return {"old": old, "other": other, "district": district, "new": new, "kept": kept}


def write(people, indicator, rows):
    record_values(
        people["admin"],
        [ValueRow(indicator=indicator, unit=u, period=p, value=v) for u, p, v in rows],
        source="test",
    )


def quarters(year, *qs):
    return [f"{year}Q{q}" for q in qs]


@pytest.fixture
def flows(people, revenue, change):
    """Revenue by quarter: the old wards and commune in 2025 H1, the new ones from 2025 H2."""
    rows = []
    for q in quarters(2025, 1, 2):
        rows += [("91", q, "10"), ("92", q, "20"), ("93", q, "5"), ("95", q, "1"), ("96", q, "2")]
    for q in quarters(2025, 3, 4) + quarters(2026, 1, 2):
        rows += [("91", q, "40"), ("94", q, "7"), ("97", q, "4")]
    write(people, "THU_NSNN", rows)
    return change


def stored(unit, period_id, indicator):
    row = Rollup.objects.filter(unit=unit, period_id=period_id, indicator=indicator).first()
    return None if row is None or row.value is None else D(row.value)


def test_a_province_total_comes_from_the_units_of_its_time(flows, revenue):
    old, new, other = flows["old"], flows["new"], flows["other"]
    assert stored(old, "2025S1", revenue) == D(60)  # wards 91 and 92, two quarters
    assert stored(flows["district"], "2025Q1", revenue) == D(30)
    assert stored(other, "2025S1", revenue) == D(10)
    assert stored(new, "2025S2", revenue) == D(94)
    assert stored(new, "2026S1", revenue) == D(94)
    # The new province did not exist in the first half of 2025, the old one not after it;
    # neither has a whole year 2025 (never a silent half-year sum).
    assert stored(new, "2025S1", revenue) is None
    assert stored(old, "2025S2", revenue) is None
    assert stored(new, "2025", revenue) is None and stored(old, "2025", revenue) is None


def test_a_province_that_kept_its_boundaries_counts_each_half_once(flows, revenue):
    kept = flows["kept"]
    assert stored(kept, "2025S1", revenue) == D(6)  # wards 95 and 96
    assert stored(kept, "2025S2", revenue) == D(8)  # ward 97 only
    assert stored(kept, "2026S1", revenue) == D(8)


def _values(indicator):
    return {
        (r.unit_id, r.period_id): r.value
        for r in Rollup.objects.filter(indicator=indicator, value__isnull=False)
    }


def test_the_rebuild_stores_what_the_writes_stored(flows, revenue):
    before = _values(revenue)
    rollups.rebuild()
    assert _values(revenue) == before and len(before) > 10


def test_a_stock_at_the_end_of_a_span_counts_the_units_of_that_day(people, communes_ntm, change):
    """A stock over 2025 is the state on 31/12/2025: ward 97 alone, not 97 plus the June
    figures of the wards it replaced."""
    communes_ntm.unit_aggregation = "sum"
    communes_ntm.save()
    write(
        people,
        "XA_NTM",
        [("95", "2025Q2", "3"), ("96", "2025Q2", "4"), ("97", "2025Q4", "6")],
    )
    kept = change["kept"]
    assert stored(kept, "2025S1", communes_ntm) == D(7)
    assert stored(kept, "2025S2", communes_ntm) == D(6)
    assert stored(kept, "2025", communes_ntm) == D(6)
    rollups.rebuild()
    assert stored(kept, "2025", communes_ntm) == D(6)
    m = analytics.metric_for(communes_ntm, kept, "2025", boundaries="historical")
    assert m.value == D(6)


def test_a_whole_year_reported_by_a_new_ward_is_not_added_to_its_predecessors(
    people, revenue, change
):
    """Ward 97 reports the whole year 2025 (its territory's, as successors do); the old wards
    also reported a 2025 figure before they ended. The province's year counts ward 97 only."""
    write(people, "THU_NSNN", [("95", "2025", "3"), ("96", "2025", "4"), ("97", "2025", "15")])
    assert stored(change["kept"], "2025", revenue) == D(15)


def test_the_new_province_compares_with_its_predecessors_once(flows, revenue):
    """Today's boundaries: the new province's 2025 H1 is the two old provinces' (60 + 10), not
    those plus the old wards and commune that the new wards came from."""
    m = analytics.metric_for(revenue, flows["new"], "2026S1")
    assert m.value == D(94) and m.previous == D(70)
    assert m.comparable and m.comparable_missing == ()
    h = analytics.metric_for(revenue, flows["new"], "2026S1", boundaries="historical")
    assert h.previous is None


def test_rollup_rows_cover_every_inner_unit_on_both_sides(flows, revenue):
    periods = {p.id for p in rollups.year_periods(2025)}
    units = set(
        Rollup.objects.filter(indicator=revenue, period_id__in=periods).values_list(
            "unit__code", flat=True
        )
    )
    assert {"968", "967", "9672", "901"} <= units
    assert Period.parse("2025S1").end == END
