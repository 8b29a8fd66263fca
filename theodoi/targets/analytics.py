"""The numbers leaders read, as the pages, the API and reporting ask for them: metrics of
indicators at a unit for a period, a chart's values, the metrics of a unit's children.

The rules are metrics.py's plain functions; the values come from scan.py. Quarters, halves
and years at units with child units are read from the rollup table when it has them
(rollups.py: computed by the same rules, kept current by `record_values`); everything else
is resolved from the values.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from theodoi.core.periods import Period
from theodoi.org.lineage import comparable_total, overlaps, weights_from
from theodoi.org.models import AdminUnit
from theodoi.org.queries import succession_links
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


def _resolve_many(
    infos: list[IndicatorInfo],
    wanted: Sequence[tuple[int, int]],
    spans: list[Period],
    tree: UnitTree,
    all_indicators: bool,
) -> dict[tuple[int, int], dict[int, Resolved | None]]:
    """The resolved value of every indicator at several (unit id, span index) pairs:
    {(unit id, span index): {indicator id: Resolved | None}}. Stored rollup rows (quarters,
    halves, years at units with child units; see rollups.py) are read as they are, in one
    query for all such units; whatever has no row is resolved from the values in one scan per
    set of units (`scan.own_values` over the units' subtrees; the spans reading the same
    units share it), then `rollup`: a unit's own values do not depend on which other
    units the scan reads, so the answer is the one a scan per unit would give."""
    spans_of: dict[int, list[int]] = {}
    for u, n in wanted:
        spans_of.setdefault(u, []).append(n)
    stored_wanted = {}
    for u, ns in spans_of.items():
        kinds_stored = sorted({spans[n].id for n in ns if spans[n].kind in rollups.KINDS})
        if kinds_stored and tree.has_children(u):
            stored_wanted[u] = kinds_stored
    stored = rollups.read_many(None if all_indicators else [i.id for i in infos], stored_wanted)
    out: dict[tuple[int, int], dict[int, Resolved | None]] = {}
    todo: dict[int, list[tuple[int, list[IndicatorInfo]]]] = {}  # span -> (unit, missing)
    for u, n in wanted:
        mine = stored.get(u, {})
        res = out[(u, n)] = {}
        missing = []
        for ind in infos:
            key = (ind.id, spans[n].id)
            if key in mine:
                res[ind.id] = mine[key]
            else:
                missing.append(ind)
        if missing:
            todo.setdefault(n, []).append((u, missing))
    if not todo:
        return out
    kids = {n: tree.children(spans[n]) for n in todo}
    # Spans reading the same units share one scan; spans over other units (a unit's own
    # spans and its predecessors' spans) get their own, so no span's aggregates run over
    # rows of units or months it does not need.
    groups: dict[frozenset[int], list[int]] = {}
    for n in sorted(todo):
        units = frozenset(x for u, _m in todo[n] for x in tree.subtree(u, kids[n]))
        groups.setdefault(units, []).append(n)
    with scan.scans():
        for units, ns in groups.items():
            scanned = list({i.id: i for n in ns for _u, m in todo[n] for i in m}.values())
            everything = all_indicators and len(scanned) == len(infos)
            own = scan.own_values(
                scanned,
                [(spans[n], sorted(units)) for n in ns],
                filter_indicators=not everything,
            )
            for k, n in enumerate(ns):
                for u, missing in todo[n]:
                    for ind in missing:
                        out[(u, n)][ind.id] = rollup(ind, u, own[k].get(ind.id, {}), kids[n])
    return out


Flags = dict[int, tuple[bool, tuple[str, ...]]]


def metrics(
    indicators: Iterable[IndicatorArg],
    unit: AdminUnit,
    period: Period,
    tree: UnitTree | None = None,
    all_indicators: bool = False,
    boundaries: str = "auto",
) -> list[Metric]:
    """Metrics of several indicators for one unit and period, in a handful of queries
    (the unit's lineage, its part of the tree, targets, one scan of the values). Without
    ``tree`` only the unit's part of the administrative tree (and its predecessors') is
    read. `all_indicators` skips the indicator filter when the list is every indicator
    (the overview), which lets the database scan by span only.
    `boundaries` (see BOUNDARIES): for a span before the unit existed, "current" (the
    default) answers from its predecessors of that time, "historical" answers nothing."""
    infos = [_info(i) for i in indicators]
    if not infos:
        return []
    spans = _spans_of(period)
    ids = None if all_indicators else [i.id for i in infos]
    resolved, flags = _resolve_spans(infos, unit, spans, tree, all_indicators, boundaries)
    targets = scan.targets_for_unit(ids, unit.pk, [period.id, str(period.year)])
    unit_name = None if unit.parent_id is None else unit.name
    return [
        _metric(
            ind,
            unit.pk,
            unit_name,
            period,
            [resolved[n].get(ind.id) for n in range(len(spans))],
            flags,
            targets.get((ind.id, period.id)),
            targets.get((ind.id, str(period.year))),
        )
        for ind in infos
    ]


def _metric(
    ind: IndicatorInfo,
    unit_id: int,
    unit_name: str | None,
    period: Period,
    res: list[Resolved | None],
    flags: dict[int, Flags],
    target: tuple[str, Decimal] | None,
    year_target: tuple[str, Decimal] | None,
) -> Metric:
    """The Metric of one indicator at one unit from its figures per span (`_spans_of`) and
    the flags of the spans answered on today's boundaries: whether some figure was
    converted, an estimate (shares applied), the predecessors missing a figure."""
    now = flags.get(0, {}).get(ind.id)
    was = flags.get(1, {}).get(ind.id)
    m = build_metric(
        ind,
        unit_id,
        unit_name,
        period,
        res[0],
        res[1],
        res[2] if len(res) > 2 else None,
        target,
        year_target,
        comparable_note=comparable_words(was[0]) if was and res[1] else "",
    )
    for flag in (now, was):
        if flag is not None:
            m.comparable = True
            m.comparable_estimate = m.comparable_estimate or flag[0]
            m.comparable_missing = tuple(dict.fromkeys(m.comparable_missing + flag[1]))
    return m


def _resolve_spans(
    infos: list[IndicatorInfo],
    unit: AdminUnit,
    spans: list[Period],
    tree: UnitTree | None,
    all_indicators: bool,
    boundaries: str,
) -> tuple[list[dict[int, Resolved | None]], dict[int, Flags]]:
    """The figures of the unit for each span ({indicator id: Resolved | None} per span), a
    span before the unit existed answered on today's boundaries unless `boundaries` is
    "historical", and the flags of those spans ({span index: Flags})."""
    return _resolve_units(infos, [unit], spans, tree, all_indicators, boundaries)[unit.pk]


def _resolve_units(
    infos: list[IndicatorInfo],
    units: Sequence[AdminUnit],
    spans: list[Period],
    tree: UnitTree | None,
    all_indicators: bool,
    boundaries: str,
    roots: Iterable[int] = (),
) -> dict[int, tuple[list[dict[int, Resolved | None]], dict[int, Flags]]]:
    """`_resolve_spans` for several units at once ({unit id: (figures per span, flags)}),
    in the queries of one: the lineages of every unit that did not exist in some span in
    one recursive query, the tree read again at most once (over ``roots``, the units and
    their predecessors) and every figure in `_resolve_many`'s scans, however many units
    (the 124 communes of a province's children table)."""
    before = {
        u.pk: [
            n
            for n, s in enumerate(spans)
            if boundaries != "historical" and u.valid_from is not None and u.valid_from > s.end
        ]
        for u in units
    }
    late = [pk for pk, ns in before.items() if ns]
    links = []
    if late:
        links = list(succession_links(late).values_list("predecessor_id", "successor_id", "share"))
    preds = {p for p, _s, _w in links}
    if tree is None or not ({u.pk for u in units} | preds) <= tree.by_id.keys():
        tree = scan.load_tree(set(roots) | {u.pk for u in units} | preds)
    weights = {u.pk: _weights(u, spans, before[u.pk], links, tree) for u in units}
    wanted = list(
        dict.fromkeys(
            [(u.pk, n) for u in units for n in range(len(spans)) if n not in before[u.pk]]
            + [(p, n) for u in units for n in before[u.pk] for p in weights[u.pk][n]]
        )
    )
    got = _resolve_many(infos, wanted, spans, tree, all_indicators)
    out = {}
    for u in units:
        resolved: list[dict[int, Resolved | None]] = [
            got.get((u.pk, n), {}) for n in range(len(spans))
        ]
        flags: dict[int, Flags] = {}
        for n in before[u.pk]:
            resolved[n], flags[n] = _on_todays_boundaries(infos, weights[u.pk][n], n, got, tree)
        out[u.pk] = (resolved, flags)
    return out


def _weights(
    unit: AdminUnit, spans: list[Period], before: list[int], links: list, tree: UnitTree
) -> dict[int, dict[int, Decimal]]:
    """For each span before ``unit`` existed, the units it comes from that were valid in
    the span, each with the part of it now inside ``unit`` (org.lineage.weights_from)."""
    if not before:
        return {}
    every = weights_from(links, unit.pk)
    out = {}
    for n in before:
        s = spans[n]
        out[n] = {
            u: w
            for u, w in every.items()
            if u in tree.by_id
            and overlaps(tree.by_id[u].valid_from, tree.by_id[u].valid_to, s.start, s.end)
        }
    return out


def _on_todays_boundaries(
    infos: list[IndicatorInfo],
    weights: dict[int, Decimal],
    n: int,
    got: dict[tuple[int, int], dict[int, Resolved | None]],
    tree: UnitTree,
) -> tuple[dict[int, Resolved | None], Flags]:
    """The figures of span ``n``, before the unit existed, from its predecessors valid in
    the span (``weights``: the part of each now inside the unit; their figures resolved in
    ``got``): flows and stocks summed, shares applied (then an estimate), rates never
    derived, a missing predecessor figure giving no total. Returns {indicator id:
    Resolved | None} and {indicator id: (estimate, names of the predecessors without a
    figure)}."""
    if not weights:
        return {}, {}
    values: dict[int, Resolved | None] = {}
    flags: Flags = {}
    for ind in infos:
        found = {u: got[(u, n)].get(ind.id) for u in weights}
        total, missing, estimate = comparable_total(
            ind.kind, weights, {u: r.value if r else None for u, r in found.items()}
        )
        if ind.kind == "rate" or all(r is None for r in found.values()):
            values[ind.id] = None
            continue
        names = tuple(tree.by_id[u].name for u in missing)
        flags[ind.id] = (estimate, names)
        if total is None:
            values[ind.id] = None
            continue
        rank = max(STATUS_RANK.get(r.status, 2) for r in found.values() if r is not None)
        status = "estimate" if estimate else RANK_STATUS[rank]
        values[ind.id] = Resolved(total, status, SOURCE_PREDECESSORS)
    return values, flags


def values(
    indicator: IndicatorArg,
    unit: AdminUnit,
    spans: list[Period],
    tree: UnitTree | None = None,
    boundaries: str = "historical",
) -> list[Resolved | None]:
    """The resolved value of one indicator at one unit for several spans, in one scan
    (a chart's points). With `boundaries` "current" or "auto", a span before the unit
    existed is answered from its predecessors, as `metrics` does."""
    if not spans:
        return []
    ind = _info(indicator)
    resolved, _flags = _resolve_spans([ind], unit, spans, tree, False, boundaries)
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
    indicator: IndicatorArg, unit: AdminUnit, period: Period | str, boundaries: str = "auto"
) -> list[tuple[AdminUnit, Metric]]:
    """(child unit, Metric) for every child unit valid in the period — the same answers as
    `metrics([indicator], child, period, boundaries=boundaries)` for each child (a span
    before a child existed answered from its predecessors on today's boundaries, with the
    same flags), but through one `_resolve_units` for all children: a bounded number of
    queries however many children (the 124 communes of the new Lâm Đồng), not a round of
    queries per child."""
    period = _period(period)
    tree = scan.load_tree([unit.pk])
    kids = list(
        AdminUnit.objects.filter(pk__in=tree.children(period).get(unit.pk, [])).order_by("code")
    )
    if not kids:
        return []
    ind = _info(indicator)
    spans = _spans_of(period)
    got = _resolve_units([ind], kids, spans, tree, False, boundaries, roots=[unit.pk])
    targets = scan.targets_for_units(ind.id, [k.pk for k in kids], [period.id, str(period.year)])
    out = []
    for k in kids:
        resolved, flags = got[k.pk]
        res = [resolved[n].get(ind.id) for n in range(len(spans))]
        m = _metric(
            ind,
            k.pk,
            k.name,
            period,
            res,
            flags,
            targets.get((k.pk, period.id)),
            targets.get((k.pk, str(period.year))),
        )
        out.append((k, m))
    return out
