"""The numbers leaders read, as the pages, the API and reporting ask for them: metrics of
indicators at a unit for a period, a chart's values, the metrics of a unit's children.

The rules are metrics.py's plain functions; the values come from scan.py. Quarters, halves
and years at units with child units are read from the rollup table when it has them
(rollups.py: computed by the same rules, kept current by `record_values`); everything else
is resolved from the values.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from theodoi.core.periods import Period
from theodoi.org.lineage import comparable_total, overlaps, weights_from
from theodoi.org.models import AdminUnit, UnitSuccession
from theodoi.org.queries import lineage
from theodoi.targets import rollups, scan
from theodoi.targets.metrics import (
    RANK_STATUS,
    SOURCE_PREDECESSORS,
    STATUS_RANK,
    IndicatorInfo,
    Metric,
    Resolved,
    UnitTree,
    build_metric,
    comparable_words,
    info,
    rollup,
)
from theodoi.targets.models import Indicator

# "historical": every figure on the boundaries of its time (a unit has no figure for a
# span before it existed). "current": a span before the unit existed is answered from its
# predecessors valid then, merged on today's boundaries. "auto" (the default) is "current".
BOUNDARIES = ("current", "historical", "auto")

IndicatorArg = Indicator | IndicatorInfo


def _info(indicator: IndicatorArg) -> IndicatorInfo:
    return indicator if isinstance(indicator, IndicatorInfo) else info(indicator)


def _period(period: Period | str) -> Period:
    return period if isinstance(period, Period) else Period.parse(period)


def _spans_of(period: Period) -> list[Period]:
    """The period, the same period last year and, below a year, last year as a whole."""
    prev = period.previous_year()
    spans = [period, prev]
    if period.kind not in ("year", "term"):
        spans.append(Period.year_(prev.year))
    return spans


def _resolve(
    infos: list[IndicatorInfo],
    unit_id: int,
    spans: list[Period],
    tree: UnitTree,
    all_indicators: bool,
) -> list[dict[int, Resolved | None]]:
    """The resolved value of every indicator at one unit for each span: {indicator id:
    Resolved | None} per span. Stored rollup rows (quarters, halves, years at units with
    child units; see rollups.py) are read as they are; whatever has no row is resolved from
    the values in one scan, by the same rules (`scan.own_values`, then `rollup`)."""
    stored: dict[tuple[int, str], Resolved | None] = {}
    kinds_stored = [s.id for s in spans if s.kind in rollups.KINDS]
    if kinds_stored and tree.has_children(unit_id):
        stored = rollups.read(
            None if all_indicators else [i.id for i in infos], unit_id, kinds_stored
        )
    out: list[dict[int, Resolved | None]] = [{} for _s in spans]
    todo = []  # (span index, indicators without a stored row)
    for n, s in enumerate(spans):
        missing = []
        for ind in infos:
            key = (ind.id, s.id)
            if key in stored:
                out[n][ind.id] = stored[key]
            else:
                missing.append(ind)
        if missing:
            todo.append((n, missing))
    if todo:
        scanned = list({ind.id: ind for _n, miss in todo for ind in miss}.values())
        kids = {spans[n]: tree.children(spans[n]) for n, _m in todo}
        everything = all_indicators and len(scanned) == len(infos)
        own = scan.own_values(
            scanned,
            [(spans[n], tree.subtree(unit_id, kids[spans[n]])) for n, _m in todo],
            filter_indicators=not everything,
        )
        for k, (n, missing) in enumerate(todo):
            for ind in missing:
                out[n][ind.id] = rollup(ind, unit_id, own[k].get(ind.id, {}), kids[spans[n]])
    return out


def metrics(
    indicators: Iterable[IndicatorArg],
    unit: AdminUnit,
    period: Period,
    tree: UnitTree | None = None,
    all_indicators: bool = False,
    boundaries: str = "auto",
) -> list[Metric]:
    """Metrics of several indicators for one unit and period, in three queries
    (units, values, targets). `all_indicators` skips the indicator filter when the
    list is every indicator (the overview), which lets the database scan by span only.
    `boundaries` (see BOUNDARIES): for a span before the unit existed, "current" (the
    default) answers from its predecessors of that time, "historical" answers nothing."""
    tree = tree or scan.load_tree()
    infos = [_info(i) for i in indicators]
    if not infos:
        return []
    spans = _spans_of(period)
    ids = None if all_indicators else [i.id for i in infos]
    resolved = _resolve(infos, unit.pk, spans, tree, all_indicators)
    flags: dict[int, dict[int, tuple[bool, tuple[str, ...]]]] = {}
    if boundaries != "historical" and unit.valid_from is not None:
        for n, s in enumerate(spans):
            if unit.valid_from > s.end:
                resolved[n], flags[n] = _on_todays_boundaries(infos, unit, s, tree)
    targets = scan.targets_for_unit(ids, unit.pk, [period.id, str(period.year)])
    unit_name = None if unit.parent_id is None else unit.name
    out = []
    for ind in infos:
        res = [resolved[n].get(ind.id) for n in range(len(spans))]
        now = flags.get(0, {}).get(ind.id)
        before = flags.get(1, {}).get(ind.id)
        m = build_metric(
            ind,
            unit.pk,
            unit_name,
            period,
            res[0],
            res[1],
            res[2] if len(res) > 2 else None,
            targets.get((ind.id, period.id)),
            targets.get((ind.id, str(period.year))),
            comparable_note=comparable_words(before[0]) if before and res[1] else "",
        )
        for flag in (now, before):
            if flag is not None:
                m.comparable = True
                m.comparable_estimate = m.comparable_estimate or flag[0]
                m.comparable_missing = tuple(dict.fromkeys(m.comparable_missing + flag[1]))
        out.append(m)
    return out


def _on_todays_boundaries(
    infos: list[IndicatorInfo], unit: AdminUnit, span: Period, tree: UnitTree
) -> tuple[dict[int, Resolved | None], dict[int, tuple[bool, tuple[str, ...]]]]:
    """The figures of a span before ``unit`` existed, from its predecessors valid in the
    span, each weighted by the part of it now inside ``unit`` (org.lineage): flows and
    stocks summed, shares applied (then an estimate), rates never derived, a missing
    predecessor figure giving no total. Returns {indicator id: Resolved | None} and
    {indicator id: (estimate, names of the predecessors without a figure)}."""
    before, _after = lineage(unit)
    if not before:
        return {}, {}
    ids = {unit.pk} | {s.unit.pk for s in before}
    links = UnitSuccession.objects.filter(successor_id__in=ids).values_list(
        "predecessor_id", "successor_id", "share"
    )
    valid = {
        s.unit.pk: s.unit
        for s in before
        if overlaps(s.unit.valid_from, s.unit.valid_to, span.start, span.end)
    }
    weights = {u: w for u, w in weights_from(list(links), unit.pk).items() if u in valid}
    if not weights:
        return {}, {}
    per_pred = {u: _resolve(infos, u, [span], tree, False)[0] for u in weights}
    values: dict[int, Resolved | None] = {}
    flags: dict[int, tuple[bool, tuple[str, ...]]] = {}
    for ind in infos:
        got = {u: per_pred[u].get(ind.id) for u in weights}
        total, missing, estimate = comparable_total(
            ind.kind, weights, {u: r.value if r else None for u, r in got.items()}
        )
        if ind.kind == "rate" or all(r is None for r in got.values()):
            values[ind.id] = None
            continue
        names = tuple(valid[u].name for u in missing)
        flags[ind.id] = (estimate, names)
        if total is None:
            values[ind.id] = None
            continue
        rank = max(STATUS_RANK.get(r.status, 2) for r in got.values() if r is not None)
        status = "estimate" if estimate else RANK_STATUS[rank]
        values[ind.id] = Resolved(total, status, SOURCE_PREDECESSORS)
    return values, flags


def values(
    indicator: IndicatorArg, unit: AdminUnit, spans: list[Period], tree: UnitTree | None = None
) -> list[Resolved | None]:
    """The resolved value of one indicator at one unit for several spans, in one query
    (a chart's points)."""
    tree = tree or scan.load_tree()
    ind = _info(indicator)
    if not spans:
        return []
    resolved = _resolve([ind], unit.pk, spans, tree, False)
    return [resolved[n].get(ind.id) for n in range(len(spans))]


def metric_for(
    indicator: IndicatorArg, unit: AdminUnit, period: Period | str, boundaries: str = "auto"
) -> Metric:
    """The metric of one indicator for one unit and period (`period` is a Period or an id)."""
    return metrics([indicator], unit, _period(period), boundaries=boundaries)[0]


def overview(
    period: Period | str, unit: AdminUnit, indicators: Sequence[IndicatorArg] | None = None
) -> list[Metric]:
    """Every indicator still followed (not retired), for one unit and period."""
    period = _period(period)
    if indicators is None:
        qs = Indicator.objects.filter(retired=False).order_by("order", "code")
        everything = not Indicator.objects.filter(retired=True).exists()
        return metrics(list(qs), unit, period, all_indicators=everything)
    return metrics(indicators, unit, period)


def child_metrics(
    indicator: IndicatorArg, unit: AdminUnit, period: Period | str
) -> list[tuple[AdminUnit, Metric]]:
    """(child unit, Metric) for every child unit valid in the period — the same answers as
    `metrics([indicator], child, period)` for each child, but in one scan of the values and
    one read of the targets for all children, not a round of queries per child."""
    period = _period(period)
    tree = scan.load_tree()
    kids = list(
        AdminUnit.objects.filter(pk__in=tree.children(period).get(unit.pk, [])).order_by("code")
    )
    if not kids:
        return []
    ind = _info(indicator)
    spans = _spans_of(period)
    kid_maps = [tree.children(s) for s in spans]
    subtrees = [
        sorted({u for k in kids for u in tree.subtree(k.pk, kid_maps[n])})
        for n in range(len(spans))
    ]
    own = scan.own_values([ind], list(zip(spans, subtrees, strict=True)), filter_indicators=True)
    targets = scan.targets_for_units(ind.id, [k.pk for k in kids], [period.id, str(period.year)])
    out = []
    for k in kids:
        res = [rollup(ind, k.pk, own[n].get(ind.id, {}), kid_maps[n]) for n in range(len(spans))]
        out.append(
            (
                k,
                build_metric(
                    ind,
                    k.pk,
                    k.name,
                    period,
                    res[0],
                    res[1],
                    res[2] if len(res) > 2 else None,
                    targets.get((k.pk, period.id)),
                    targets.get((k.pk, str(period.year))),
                ),
            )
        )
    return out
