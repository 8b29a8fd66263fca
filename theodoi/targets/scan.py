"""The database reads analytics runs on: the administrative tree, the scan of the reported
values (steps 1–2 of resolution for many indicators, units and spans at once) and the
targets that count. The rules themselves are metrics.py's plain functions.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import Decimal
from typing import Any, NamedTuple

from django.db import connection, transaction

from theodoi.core.periods import Period
from theodoi.org.models import AdminUnit
from theodoi.org.queries import with_descendants
from theodoi.targets.metrics import (
    RANK_STATUS,
    SOURCE_REPORTED,
    SOURCE_SUBPERIODS,
    TILING_KINDS,
    IndicatorInfo,
    KindPart,
    Parts,
    Resolved,
    UnitRow,
    UnitTree,
    own_value,
    targets_that_count,
)
from theodoi.targets.models import DataValue, TargetValue

# {indicator id: {unit id: Resolved}}: steps 1–2 of resolution for one span.
OwnValues = dict[int, dict[int, Resolved]]

STOCK_KINDS = TILING_KINDS + ("ytd",)


TREE_COLUMNS = ("id", "parent_id", "valid_from", "valid_to", "code", "name", "level")


def load_tree(roots: Iterable[int] | None = None) -> UnitTree:
    """The administrative tree: every unit, or (``roots``) only those units and everything
    under them (org.queries.with_descendants) — a province's few hundred rows rather than
    the country's 14,000."""
    if roots is None:
        rows = list(AdminUnit.objects.values_list(*TREE_COLUMNS))
    else:
        rows = with_descendants(roots, TREE_COLUMNS)
    return UnitTree([UnitRow(*u) for u in rows])


# The aggregates the scan computes for each span, over the latest values of one indicator,
# unit and period kind lying inside the span: the value reported for exactly the span and
# its status rank (metrics.STATUS_RANK); for the other values inside it, their total, the
# months they cover, their worst status rank and, for stocks, the value ending where the
# span ends. A scan row holds the group's indicator_id, unit_id and period_kind, then these
# six per span, named "<aggregate>_<span index>".
AGGREGATES = ("exact_value", "exact_rank", "inside_total", "inside_months", "inside_rank", "at_end")


class SpanColumns(NamedTuple):
    """Where one span's aggregates are in a scan row, found by their names (rows are read
    as the driver gives them, tuples, without an object per row and span)."""

    exact_value: int
    exact_rank: int
    inside_total: int
    inside_months: int
    inside_rank: int
    at_end: int

    @classmethod
    def find(cls, names: list[str], span: int) -> SpanColumns:
        return cls(*(names.index(f"{aggregate}_{span}") for aggregate in AGGREGATES))


# SQLite keeps decimals as binary floating point, so sums there are taken in exact integer
# millionths (the field's 6 decimal places); PostgreSQL sums its numeric column exactly.
_MICRO = Decimal(1000000)


def _value_sql(vendor: str) -> tuple[str, bool]:
    if vendor == "sqlite":
        return "CAST(ROUND(value * 1000000) AS INTEGER)", True
    return "value", False


def _scan_sql(
    value: str,
    bounds: list[tuple[int, int]],
    stock_ids: list[int],
    n_units: int,
    n_indicators: int | None,
) -> str:
    """The scan: the latest values lying in any span, grouped by indicator, unit and period
    kind, with conditional aggregates per span (AGGREGATES). Month bounds and indicator ids
    are integers written into the text (int() makes sure); the units and, when filtered,
    the indicators are parameters, in that order."""
    stocks = ",".join(str(int(i)) for i in stock_ids)
    columns = []
    for t, (lo, hi) in enumerate((int(lo), int(hi)) for lo, hi in bounds):
        exact = f"start_month = {lo} AND end_month = {hi}"
        inside = f"start_month >= {lo} AND end_month <= {hi} AND NOT ({exact})"
        at_end = "NULL"
        if stocks:
            at_end = (
                f"SUM(CASE WHEN {inside} AND end_month = {hi} "
                f"AND indicator_id IN ({stocks}) THEN v END)"
            )
        columns += [
            f"SUM(CASE WHEN {exact} THEN v END) AS exact_value_{t}",
            f"MAX(CASE WHEN {exact} THEN r END) AS exact_rank_{t}",
            f"SUM(CASE WHEN {inside} THEN v END) AS inside_total_{t}",
            f"SUM(CASE WHEN {inside} THEN end_month - start_month + 1 END) AS inside_months_{t}",
            f"MAX(CASE WHEN {inside} THEN r END) AS inside_rank_{t}",
            f"{at_end} AS at_end_{t}",
        ]
    indicators = (
        "" if n_indicators is None else f" AND indicator_id IN ({','.join(['%s'] * n_indicators)})"
    )
    return (
        f"SELECT indicator_id, unit_id, period_kind, {', '.join(columns)} FROM ("
        f"SELECT indicator_id, unit_id, period_kind, start_month, end_month, {value} AS v, "
        f"CASE status WHEN 'estimate' THEN 2 WHEN 'preliminary' THEN 1 ELSE 0 END AS r "
        f"FROM {DataValue._meta.db_table} WHERE is_latest "
        f"AND start_month >= {min(int(b[0]) for b in bounds)} "
        f"AND end_month <= {max(int(b[1]) for b in bounds)} "
        f"AND unit_id IN ({','.join(['%s'] * n_units)}){indicators}) AS inside "
        f"GROUP BY indicator_id, unit_id, period_kind ORDER BY indicator_id, unit_id"
    )


# Set while `scans()` holds a transaction with JIT off: the scans inside it add no statement.
_IN_SCANS: ContextVar[bool] = ContextVar("in_scans", default=False)


@contextmanager
def _without_jit() -> Iterator[None]:
    """On PostgreSQL, JIT compilation costs more than it saves on this one-off aggregate:
    turn it off with SET LOCAL, which ends with the transaction, so the scan runs in one
    (its own, or the caller's: no savepoint, no extra statement). The connection, pooled
    for later requests, keeps its setting."""
    if connection.vendor != "postgresql" or _IN_SCANS.get():
        yield
        return
    with transaction.atomic(savepoint=False), connection.cursor() as cur:
        cur.execute("SET LOCAL jit = off")
        yield


@contextmanager
def scans() -> Iterator[None]:
    """Several scans in a row (`own_values`): on PostgreSQL one transaction and one
    SET LOCAL for all of them rather than four round trips each; nothing on SQLite."""
    with _without_jit():
        token = _IN_SCANS.set(connection.vendor == "postgresql")
        try:
            yield
        finally:
            _IN_SCANS.reset(token)


def own_values(
    infos: Sequence[IndicatorInfo],
    spans: Sequence[tuple[Period, Sequence[int]]],
    *,
    filter_indicators: bool,
) -> list[OwnValues]:
    """Steps 1–2 of resolution for every (indicator, unit, span), in one SQL statement that
    scans the values once (`_scan_sql`); Python then applies `own_value`, the same rule as the
    plain functions. `spans` pairs each span with the units to resolve in it; without
    `filter_indicators` every indicator's values are read (the caller asks for all of them).
    Returns one {indicator id: {unit id: Resolved}} per span."""
    val, micro = _value_sql(connection.vendor)
    bounds = [
        (sp.year * 12 + sp.first_month - 1, sp.end_year * 12 + sp.last_month - 1)
        for sp, _u in spans
    ]
    units = sorted({u for _sp, us in spans for u in us})
    params: list[Any] = list(units)
    if filter_indicators:
        params += [i.id for i in infos]
    sql = _scan_sql(
        val,
        bounds,
        [i.id for i in infos if i.kind == "stock"],
        len(units),
        len(infos) if filter_indicators else None,
    )
    with _without_jit(), connection.cursor() as cur:
        cur.execute(sql, params)
        names = [d[0] for d in cur.description]
        rows = cur.fetchall()
    ind_at, unit_at, kind_at = (names.index(n) for n in ("indicator_id", "unit_id", "period_kind"))
    columns = [SpanColumns.find(names, t) for t in range(len(spans))]

    def dec(x: Decimal | int | None) -> Decimal | None:
        if x is None or not micro:
            return x  # type: ignore[return-value]  # PostgreSQL gives Decimal
        return Decimal(x) / _MICRO

    by_id = {i.id: i for i in infos}
    out: list[OwnValues] = [{} for _s in spans]
    periods = [sp for sp, _u in spans]
    # Rows come sorted by indicator and unit; a unit with one kind of rows (the usual case)
    # is decided inline, the same way as own_value; others go through own_value itself.
    n_rows, i = len(rows), 0
    while i < n_rows:
        j = i + 1
        ind_id, unit_id = rows[i][ind_at], rows[i][unit_at]
        while j < n_rows and rows[j][ind_at] == ind_id and rows[j][unit_at] == unit_id:
            j += 1
        ind = by_id.get(ind_id)
        if ind is None:
            i = j
            continue
        for t, (span, col) in enumerate(zip(periods, columns, strict=True)):
            if j == i + 1:
                got = _one_kind(ind, span, rows[i][kind_at], rows[i], col, dec)
            else:
                got = _many_kinds(ind, span, kind_at, rows[i:j], col, dec)
            if got is not None:
                by_unit = out[t].get(ind_id)
                if by_unit is None:
                    by_unit = out[t][ind_id] = {}
                by_unit[unit_id] = got
        i = j
    return out


def _one_kind(
    ind: IndicatorInfo, span: Period, kind: str, row: Sequence[Any], col: SpanColumns, dec: Any
) -> Resolved | None:
    """own_value over the values of one period kind, read from their aggregates."""
    rank = row[col.exact_rank]
    if rank is not None:
        return Resolved(dec(row[col.exact_value]), RANK_STATUS[rank], SOURCE_REPORTED)
    months = row[col.inside_months]
    if months is None or ind.kind == "rate":
        return None
    if ind.kind == "flow":
        if kind not in TILING_KINDS or months != span.month_count:
            return None
        return Resolved(
            dec(row[col.inside_total]), RANK_STATUS[row[col.inside_rank]], SOURCE_SUBPERIODS
        )
    at_end = row[col.at_end]
    if kind not in STOCK_KINDS or at_end is None:
        return None
    return Resolved(dec(at_end), RANK_STATUS[row[col.inside_rank]], SOURCE_SUBPERIODS)


def _many_kinds(
    ind: IndicatorInfo,
    span: Period,
    kind_at: int,
    rows: Sequence[Sequence[Any]],
    col: SpanColumns,
    dec: Any,
) -> Resolved | None:
    """own_value over the values of several period kinds (one row each)."""
    parts = Parts()
    for row in rows:
        if row[col.exact_rank] is not None:
            parts.exact = (dec(row[col.exact_value]), RANK_STATUS[row[col.exact_rank]])
        if row[col.inside_months] is not None:
            parts.kinds[row[kind_at]] = KindPart(
                total=dec(row[col.inside_total]),
                months=int(row[col.inside_months]),
                at_end=dec(row[col.at_end]),
                status_rank=int(row[col.inside_rank]),
            )
    return own_value(ind, span, parts)


def targets_for_unit(
    indicator_ids: list[int] | None, unit_id: int, period_ids: list[str]
) -> dict[tuple[int, str], tuple[str, Decimal]]:
    """{(indicator id, period id): (kind, value)} of the target that counts, at one unit."""
    qs = TargetValue.objects.filter(unit_id=unit_id, period_id__in=period_ids)
    if indicator_ids is not None:
        qs = qs.filter(indicator_id__in=indicator_ids)
    return targets_that_count(
        qs.values_list("indicator_id", "period_id", "kind", "created_at", "id", "value")
    )


def targets_for_units(
    indicator_id: int, unit_ids: list[int], period_ids: list[str]
) -> dict[tuple[int, str], tuple[str, Decimal]]:
    """{(unit id, period id): (kind, value)} of the target that counts, for one indicator."""
    rows = TargetValue.objects.filter(
        indicator_id=indicator_id, unit_id__in=unit_ids, period_id__in=period_ids
    )
    return targets_that_count(
        rows.values_list("unit_id", "period_id", "kind", "created_at", "id", "value")
    )
