"""The analytics rollup: resolved values of units that have child units, stored.

A province overview resolves 300 indicators over three spans; from the reported values
that means scanning every commune's months (three-quarters of a million rows at province
scale). `Rollup` keeps, for every indicator, every unit that has child units and every
quarter, half and year, the value analytics' rules resolve (`metrics.rollup` over
`scan.own_values`, the very functions the scanning path uses), so the overview
reads three rows per indicator.

Consistency: a row is either current or absent. `refresh` recomputes the rows a write
can change — the written unit and its ancestors × the quarters, halves and years that
contain the written period — and `record_values` calls it in its own transaction, after
locking the batch's indicators so concurrent writers of one indicator recompute one after
the other. A change of the administrative tree (a unit created, ended, moved), of an
indicator (its kind or aggregation), or a value saved or deleted other than through
`record_values` deletes the rows it could affect (signals below);
analytics then reads the values themselves until `manage.py rebuild_rollups` runs.
Months, year-to-date spans and terms are not stored: they are resolved from the values.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max, Min
from django.db.models.signals import post_delete, post_save

from theodoi.audit.changes import changed
from theodoi.core.periods import Period
from theodoi.org.models import AdminUnit
from theodoi.targets.metrics import IndicatorInfo, Resolved, UnitTree, info, rollup
from theodoi.targets.models import DataValue, Indicator, Rollup
from theodoi.targets.scan import load_tree, own_values

KINDS = ("quarter", "half", "year")

# {(indicator id, unit id, period id): Resolved | None}
Results = dict[tuple[int, int, str], Resolved | None]


def year_periods(year: int) -> list[Period]:
    return [
        *(Period.quarter(year, q) for q in range(1, 5)),
        Period.half(year, 1),
        Period.half(year, 2),
        Period.year_(year),
    ]


def enclosing(period: Period) -> list[Period]:
    """The stored periods (quarters, halves, years) that contain `period`, itself included."""
    return [
        p
        for y in range(period.year, period.end_year + 1)
        for p in year_periods(y)
        if p.contains(period)
    ]


def inner_units(tree: UnitTree) -> set[int]:
    """Units that have (or had) child units: the ones whose values the rollup stores."""
    return {u.parent_id for u in tree.units if u.parent_id is not None}


def with_ancestors(tree: UnitTree, unit_id: int) -> list[int]:
    out: list[int] = []
    seen: set[int] = set()
    u: int | None = unit_id
    while u is not None and u not in seen:
        seen.add(u)
        out.append(u)
        row = tree.by_id.get(u)
        u = row.parent_id if row else None
    return out


def compute(
    infos: list[IndicatorInfo], unit_ids: list[int], spans: list[Period], tree: UnitTree
) -> Results:
    """Resolve every indicator in `infos` at every unit in `unit_ids` for every span, with
    one scan of the values (the scanning path of analytics). Returns
    {(indicator id, unit id, period id): Resolved | None}."""
    if not infos or not unit_ids or not spans:
        return {}
    kids = {s: tree.children(s) for s in spans}
    scope = []
    for s in spans:
        units: set[int] = set()
        for u in unit_ids:
            units.update(tree.subtree(u, kids[s]))
        scope.append((s, sorted(units)))
    own = own_values(infos, scope, filter_indicators=True)
    out: Results = {}
    for n, s in enumerate(spans):
        for ind in infos:
            got = own[n].get(ind.id, {})
            for u in unit_ids:
                out[(ind.id, u, s.id)] = rollup(ind, u, got, kids[s])
    return out


def _rows(results: Results) -> list[Rollup]:
    return [
        Rollup(
            indicator_id=ind_id,
            unit_id=unit_id,
            period_id=pid,
            value=None if r is None else str(r.value),
            status="" if r is None else r.status,
            source="" if r is None else r.source,
        )
        for (ind_id, unit_id, pid), r in results.items()
    ]


def store(results: Results) -> None:
    """Replace the rows of the given keys (inside the caller's transaction)."""
    by_cell: dict[tuple[int, str], list[int]] = {}
    for ind_id, unit_id, pid in results:
        by_cell.setdefault((unit_id, pid), []).append(ind_id)
    for (unit_id, pid), ind_ids in by_cell.items():
        Rollup.objects.filter(unit_id=unit_id, period_id=pid, indicator_id__in=ind_ids).delete()
    Rollup.objects.bulk_create(_rows(results), batch_size=2000)


def refresh(written: Iterable[tuple[Indicator, int, Period]]) -> int:
    """Recompute the rows that values written for `written` — (Indicator, unit id, Period)
    triples — can change. Call inside the writing transaction. Returns the rows written."""
    written = list(written)
    if not written:
        return 0
    tree = load_tree()
    inner = inner_units(tree)
    # Group by year: one scan per year covers every affected indicator, unit and period.
    by_year: dict[int, tuple[dict[int, IndicatorInfo], set[int], set[Period]]] = {}
    # A batch repeats the same few units and periods: work each out once.
    units_of: dict[int, list[int]] = {}
    periods_of: dict[str, list[Period]] = {}
    for ind, unit_id, period in written:
        if unit_id not in units_of:
            units_of[unit_id] = [u for u in with_ancestors(tree, unit_id) if u in inner]
        units = units_of[unit_id]
        if not units:
            continue
        if period.id not in periods_of:
            periods_of[period.id] = list(enclosing(period))
        for p in periods_of[period.id]:
            infos, us, ps = by_year.setdefault(p.year, ({}, set(), set()))
            infos.setdefault(ind.pk, info(ind))
            us.update(units)
            ps.add(p)
    n = 0
    for year in sorted(by_year):
        infos, us, ps = by_year[year]
        results = compute(list(infos.values()), sorted(us), sorted(ps), tree)
        store(results)
        n += len(results)
    return n


def rebuild(log: Callable[[str], Any] | None = None) -> int:
    """Rebuild the whole table from the values: every indicator, every unit that has
    child units, every quarter, half and year from the first to the last reported. One
    transaction: what it reads (units, indicators, the values' span) is what it writes from."""
    with transaction.atomic():
        tree = load_tree()
        units = sorted(inner_units(tree))
        infos = [info(i) for i in Indicator.objects.all()]
        span = DataValue.objects.filter(is_latest=True).aggregate(
            lo=Min("start_month"), hi=Max("end_month")
        )
        n = 0
        Rollup.objects.all().delete()
        if span["lo"] is None or not units or not infos:
            return 0
        for year in range(span["lo"] // 12, span["hi"] // 12 + 1):
            results = compute(infos, units, year_periods(year), tree)
            Rollup.objects.bulk_create(_rows(results), batch_size=5000)
            n += len(results)
            if log:
                log(f"  {year}: {len(results):,} rows")
        # Usually after raw writes (the bench generator) the answers read from values that
        # bypassed every signal: make them stale.
        changed("targets")
    return n


def read(
    indicator_ids: list[int] | None, unit_id: int, period_ids: list[str]
) -> dict[tuple[int, str], Resolved | None]:
    """Stored rows for one unit: {(indicator id, period id): Resolved | None}; a key that is
    missing has no row (the caller resolves it from the values)."""
    return read_many(indicator_ids, {unit_id: period_ids}).get(unit_id, {})


def read_many(
    indicator_ids: list[int] | None, wanted: dict[int, list[str]]
) -> dict[int, dict[tuple[int, str], Resolved | None]]:
    """`read` for several units ({unit id: period ids}) in one query: {unit id: {(indicator
    id, period id): Resolved | None}}, only the periods asked for each unit."""
    if not wanted:
        return {}
    qs = Rollup.objects.filter(
        unit_id__in=list(wanted), period_id__in=sorted({p for ps in wanted.values() for p in ps})
    )
    if indicator_ids is not None:
        qs = qs.filter(indicator_id__in=indicator_ids)
    out: dict[int, dict[tuple[int, str], Resolved | None]] = {u: {} for u in wanted}
    for u, i, p, v, s, src in qs.values_list(
        "unit_id", "indicator_id", "period_id", "value", "status", "source"
    ):
        if p in wanted[u]:
            out[u][(i, p)] = None if v is None else Resolved(Decimal(v), s, src)
    return out


# ---------------------------------------------------------------------------
# Invalidation: changes the rows cannot follow cheaply drop them (reads fall back).
# ---------------------------------------------------------------------------


def _unit_changed(sender: type[AdminUnit], instance: AdminUnit, **kwargs: Any) -> None:
    Rollup.objects.all().delete()


def _indicator_saved(
    sender: type[Indicator], instance: Indicator, created: bool, **kwargs: Any
) -> None:
    if not created:
        Rollup.objects.filter(indicator_id=instance.pk).delete()


def _value_changed(sender: type[DataValue], instance: DataValue, **kwargs: Any) -> None:
    """A value saved or deleted outside `record_values` (which refreshes its own rows):
    drop the indicator's rows of the periods that contain it."""
    if getattr(instance, "rollup_refreshed", False):
        return
    try:
        periods = enclosing(Period.parse(instance.period_id))
    except ValueError:
        Rollup.objects.filter(indicator_id=instance.indicator_id).delete()
        return
    Rollup.objects.filter(
        indicator_id=instance.indicator_id, period_id__in=[p.id for p in periods]
    ).delete()


def connect() -> None:
    post_save.connect(_unit_changed, sender=AdminUnit, dispatch_uid="rollup-unit-saved")
    post_delete.connect(_unit_changed, sender=AdminUnit, dispatch_uid="rollup-unit-deleted")
    post_save.connect(_indicator_saved, sender=Indicator, dispatch_uid="rollup-indicator-saved")
    post_save.connect(_value_changed, sender=DataValue, dispatch_uid="rollup-value-saved")
    post_delete.connect(_value_changed, sender=DataValue, dispatch_uid="rollup-value-deleted")
