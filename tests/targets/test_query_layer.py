"""The SQL query layer computes what the plain functions compute, on mixed data."""

from decimal import Decimal as D

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from theodoi.core.periods import Period
from theodoi.targets import analytics, metrics, scan
from theodoi.targets.models import DataValue, TargetValue

pytestmark = pytest.mark.django_db

CANDIDATES = [
    "2021S1",
    "2021Q1",
    "2021Q2",
    "202101",
    "202102",
    "202103",
    "202104",
    "202105",
    "202106",
    "2020S1",
    "2020",
    "2020S2",
    "2020Q3",
    "2020Q4",
    "202012",
    "2021YTD05",
]


def _store(indicator, unit, pid, value, status):
    dv = DataValue(
        indicator=indicator, unit=unit, value=value, status=status, created_at=timezone.now()
    )
    dv.set_period(Period.parse(pid))
    dv.save()


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 3),
            st.sampled_from(CANDIDATES),
            st.integers(0, 10**6).map(lambda x: D(x) / 100),
            st.sampled_from(["estimate", "preliminary", "official"]),
        ),
        max_size=40,
        unique_by=lambda r: r[:2],
    ),
    st.sampled_from(["flow", "stock"]),
)
def test_the_sql_layer_agrees_with_the_plain_rules(
    province, districts, communes, revenue, rows, kind
):
    DataValue.objects.all().delete()
    revenue.kind = kind
    revenue.save()
    units = [province, *districts, communes[0]]
    for u, pid, value, status in rows:
        _store(revenue, units[u], pid, value, status)
    tree = scan.load_tree()
    ind = metrics.info(revenue)
    for pid in ("2021S1", "2020", "2021Q2", "2021YTD05"):
        span = Period.parse(pid)
        kids = tree.children(span)
        parts = {}
        for u in units:
            stored = [(Period.parse(p), v, s) for uu, p, v, s in rows if units[uu] == u]
            parts[u.pk] = metrics.parts_from_rows(span, stored)
        expected = metrics.resolve(ind, province.pk, span, parts, kids)
        [got] = analytics.values(revenue, province, [span], tree=tree)
        assert got == expected, (pid, rows)


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 3),
            st.sampled_from(CANDIDATES),
            st.integers(0, 10**6).map(lambda x: D(x) / 100),
            st.sampled_from(["estimate", "preliminary", "official"]),
        ),
        max_size=30,
        unique_by=lambda r: r[:2],
    ),
    st.sampled_from(["flow", "stock"]),
    st.sampled_from(["2021S1", "2021Q2", "2020", "2021YTD05"]),
)
def test_child_metrics_in_one_scan_equal_the_metrics_of_each_child(
    province, districts, communes, revenue, rows, kind, pid
):
    DataValue.objects.all().delete()
    TargetValue.objects.all().delete()
    revenue.kind = kind
    revenue.save()
    units = [province, *districts, communes[0]]
    for u, p, value, status in rows:
        _store(revenue, units[u], p, value, status)
    target = TargetValue(
        indicator=revenue,
        unit=districts[0],
        kind="plan",
        value=D("1000"),
        created_at=timezone.now(),
    )
    target.set_period(Period.parse("2021"))
    target.save()
    batched = analytics.child_metrics(revenue, province, pid)
    assert [k.code for k, _m in batched] == [d.code for d in districts]
    for kid, got in batched:
        want = analytics.metrics([revenue], kid, Period.parse(pid))[0]
        assert (
            got.value,
            got.status,
            got.source,
            got.plan,
            got.plan_pct,
            got.previous,
            got.yoy_pct,
            got.sentence,
        ) == (
            want.value,
            want.status,
            want.source,
            want.plan,
            want.plan_pct,
            want.previous,
            want.yoy_pct,
            want.sentence,
        )
