"""The bulk path of figures on today's boundaries (predecessors read in one recursive
query, their figures in one scan) gives the answers of the one-by-one path it replaced:
walk the lineage generation by generation, resolve each predecessor on its own, weight
and add (org.lineage.comparable_total). Fixed cases and random two-generation lineages
of merges and splits (hypothesis)."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from theodoi.core.periods import Period
from theodoi.org.lineage import comparable_total, overlaps, weights_from
from theodoi.org.models import AdminUnit, UnitKind, UnitSuccession
from theodoi.org.queries import lineage, succession_links
from theodoi.targets import analytics, scan
from theodoi.targets.metrics import RANK_STATUS, STATUS_RANK, UnitRow, UnitTree
from theodoi.targets.models import DataValue, Indicator

G0_END, G1_START, G1_END, G2_START = (
    date(2024, 9, 30),
    date(2024, 10, 1),
    date(2025, 6, 30),
    date(2025, 7, 1),
)


def one_by_one(indicator, unit, period):
    """The old path: the lineage walked generation by generation (org.queries.lineage),
    every predecessor valid in the period resolved on its own."""
    before, _after = lineage(unit)
    ids = {unit.pk} | {s.unit.pk for s in before}
    links = UnitSuccession.objects.filter(successor_id__in=ids).values_list(
        "predecessor_id", "successor_id", "share"
    )
    valid = {
        s.unit.pk: s.unit
        for s in before
        if overlaps(s.unit.valid_from, s.unit.valid_to, period.start, period.end)
    }
    weights = {u: w for u, w in weights_from(list(links), unit.pk).items() if u in valid}
    got = {
        u: analytics.values(indicator, valid[u], [period], tree=scan.load_tree())[0]
        for u in weights
    }
    if indicator.kind == "rate" or not weights or all(r is None for r in got.values()):
        return None, None, False, ()
    total, missing, estimate = comparable_total(
        indicator.kind, weights, {u: r.value if r else None for u, r in got.items()}
    )
    if total is None:
        return None, None, False, tuple(valid[u].name for u in missing)
    rank = max(STATUS_RANK[r.status] for r in got.values() if r is not None)
    return total, "estimate" if estimate else RANK_STATUS[rank], estimate, ()


def unit(code, name, valid_from=None, valid_to=None, parent=None, kind=UnitKind.COMMUNE):
    return AdminUnit.objects.create(
        code=code,
        name=name,
        kind=kind,
        parent=parent,
        valid_from=valid_from,
        valid_to=valid_to,
    )


def value(indicator, u, pid, v, status="official"):
    dv = DataValue(
        indicator=indicator, unit=u, value=D(v), status=status, created_at=timezone.now()
    )
    dv.set_period(Period.parse(pid))
    dv.save()


def same(indicator, u, pid):
    m = analytics.metric_for(indicator, u, pid)
    total, status, estimate, missing = one_by_one(indicator, u, Period.parse(pid))
    assert (m.value, m.comparable_missing) == (total, missing)
    if total is not None:
        assert m.status == status and m.comparable_estimate == estimate
    return m


@pytest.fixture
def flow(db):
    return Indicator.objects.create(
        code="BULK", name="Chỉ tiêu", unit_of_measure="tỷ đồng", kind="flow"
    )


def test_a_province_from_three_old_ones_over_their_districts_and_communes(flow):
    new = unit("91", "Tỉnh Mới", valid_from=G2_START, kind=UnitKind.PROVINCE)
    for p in range(3):
        old = unit(f"9{p + 2}", f"Tỉnh Cũ {p}", valid_to=G1_END, kind=UnitKind.PROVINCE)
        UnitSuccession.objects.create(predecessor=old, successor=new, effective=G2_START)
        district = unit(f"9{p}0", f"Huyện {p}", valid_to=G1_END, parent=old, kind="huyen")
        for c in range(4):
            commune = unit(f"9{p}{c}00", f"Xã {p}.{c}", valid_to=G1_END, parent=district)
            value(flow, commune, "2025Q1", 10 * p + c, "preliminary" if c == 3 else "official")
            value(flow, commune, "2024Q1", p + c)
    m = same(flow, new, "2025Q1")
    assert m.value == D(sum(10 * p + c for p in range(3) for c in range(4)))
    assert m.previous == D(sum(p + c for p in range(3) for c in range(4)))
    assert m.status == "preliminary" and m.comparable and not m.comparable_estimate
    # One old province without a figure: no total, the province named, never a partial sum.
    DataValue.objects.filter(unit__parent__code="900").delete()
    m = same(flow, new, "2025Q1")
    assert m.value is None and m.comparable_missing == ("Tỉnh Cũ 0",)


def test_split_shares_over_two_generations_multiply_and_are_an_estimate(flow):
    a = unit("801", "Xã A", valid_to=G0_END)
    b = unit("802", "Xã B", valid_from=G1_START, valid_to=G1_END)
    x = unit("803", "Xã X", valid_from=G2_START)
    y = unit("804", "Xã Y", valid_from=G2_START)
    UnitSuccession.objects.create(predecessor=a, successor=b, effective=G1_START)
    for succ, share in ((x, "0.25"), (y, "0.75")):
        UnitSuccession.objects.create(
            predecessor=b, successor=succ, effective=G2_START, share=D(share), kind="split"
        )
    value(flow, a, "2024Q3", "80")
    value(flow, b, "2025Q1", "40")
    assert same(flow, x, "2024Q3").value == D("20") and same(flow, y, "2025Q1").value == D("30")
    assert analytics.metric_for(flow, x, "2024Q3").comparable_estimate


def test_lineage_walked_in_one_query_matches_generation_by_generation(
    flow, django_assert_max_num_queries
):
    a = unit("701", "Xã A", valid_to=G0_END)
    b = unit("702", "Xã B", valid_from=G1_START, valid_to=G1_END)
    c = unit("703", "Xã C", valid_from=G2_START)
    UnitSuccession.objects.create(predecessor=a, successor=b, effective=G1_START)
    UnitSuccession.objects.create(predecessor=b, successor=c, effective=G2_START)
    with django_assert_max_num_queries(2):
        before, after = lineage(c)
    assert [(s.unit.name, s.depth) for s in before] == [("Xã B", 1), ("Xã A", 2)]
    assert after == []
    assert {(s.predecessor_id, s.successor_id) for s in succession_links([a.pk], upward=False)} == {
        (a.pk, b.pk),
        (b.pk, c.pk),
    }


# A random lineage: generation-0 units (until 30/09/2024) pass into generation-1 units
# (01/10/2024–30/06/2025), which pass into generation-2 units (from 01/07/2025); each old
# unit goes wholly into one or is split between two (shares 30/70%). Figures, some
# missing, for the third quarter of 2024 (generation 0) and the second of 2025 (1).
def _layer(n_old, n_new):
    return st.lists(
        st.tuples(st.integers(0, n_new - 1), st.integers(0, n_new - 1), st.booleans()),
        min_size=n_old,
        max_size=n_old,
    )


lineages = st.integers(1, 3).flatmap(
    lambda n2: st.integers(1, 4).flatmap(
        lambda n1: st.tuples(
            st.just(n2),
            st.just(n1),
            _layer(st_n0 := n1 + 1, n1),
            _layer(n1, n2),
            st.lists(st.one_of(st.none(), st.integers(0, 500)), min_size=st_n0, max_size=st_n0),
            st.lists(st.one_of(st.none(), st.integers(0, 500)), min_size=n1, max_size=n1),
        )
    )
)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(lineages)
def test_random_lineages_give_the_same_answers_both_ways(flow, case):
    n2, n1, layer0, layer1, fig0, fig1 = case
    with transaction.atomic():
        g0 = [unit(f"60{i}", f"Xã G0-{i}", valid_to=G0_END) for i in range(len(layer0))]
        g1 = [unit(f"61{i}", f"Xã G1-{i}", G1_START, G1_END) for i in range(n1)]
        g2 = [unit(f"62{i}", f"Xã G2-{i}", valid_from=G2_START) for i in range(n2)]
        for olds, news, layer, day in ((g0, g1, layer0, G1_START), (g1, g2, layer1, G2_START)):
            for old, (first, second, split) in zip(olds, layer, strict=True):
                if split and first != second:
                    for succ, share in ((news[first], "0.3"), (news[second], "0.7")):
                        UnitSuccession.objects.create(
                            predecessor=old, successor=succ, effective=day, share=D(share)
                        )
                else:
                    UnitSuccession.objects.create(
                        predecessor=old, successor=news[first], effective=day
                    )
        for units, figs, pid in ((g0, fig0, "2024Q3"), (g1, fig1, "2025Q2")):
            for u, f in zip(units, figs, strict=True):
                if f is not None:
                    value(flow, u, pid, f)
        for u in g1 + g2:
            same(flow, u, "2024Q3")
        for u in g2:
            same(flow, u, "2025Q2")
        transaction.set_rollback(True)


def test_a_commune_whose_district_was_created_later_counts_under_the_province():
    """The communes of Huyện Đạ Huoai (created 01/12/2024 from three districts; the dataset
    does not say which old district each commune was in) count under the province for a
    span of 2024, not nowhere; in 2025 under the new district, never twice."""
    old_province = UnitRow(1, None, None, date(2025, 6, 30), "68", "Tỉnh Lâm Đồng", 1)
    olds = [
        UnitRow(2, 1, None, date(2024, 11, 30), "681", "Huyện Đạ Huoai", 2),
        UnitRow(3, 1, None, date(2024, 11, 30), "682", "Huyện Đạ Tẻh", 2),
    ]
    new = UnitRow(4, 1, date(2024, 12, 1), date(2025, 6, 30), "682", "Huyện Đạ Huoai", 2)
    commune = UnitRow(5, 4, None, date(2025, 6, 30), "24000", "Xã Đạ Oai", 3)
    tree = UnitTree([old_province, *olds, new, commune])
    in_2024 = tree.children(Period.parse("2024Q1"))
    assert sorted(in_2024[1]) == [2, 3, 5] and 4 not in in_2024
    in_2025 = tree.children(Period.parse("2025Q1"))
    assert in_2025 == {1: [4], 4: [5]}
    assert sorted(tree.subtree(1, in_2024)) == [1, 2, 3, 5]
