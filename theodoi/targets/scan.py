"""The database reads analytics runs on: the administrative tree, the scan of the reported
values (steps 1–2 of resolution for many indicators, units and spans at once) and the
targets that count. The rules themselves are metrics.py's plain functions.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal
from typing import Any, NamedTuple

from django.db import connection, transaction

from theodoi.core.periods import Period
from theodoi.org.models import AdminUnit
from theodoi.targets.metrics import (
    RANK_STATUS, SOURCE_REPORTED, SOURCE_SUBPERIODS, TILING_KINDS, IndicatorInfo, KindPart, Parts,
    Resolved, UnitRow, UnitTree, own_value, targets_that_count,
)
from theodoi.targets.models import DataValue, TargetValue

# {indicator id: {unit id: Resolved}}: steps 1–2 of resolution for one span.
OwnValues = dict[int, dict[int, Resolved]]

STOCK_KINDS = TILING_KINDS + ("ytd",)


def load_tree() -> UnitTree:
    return UnitTree([UnitRow(*u) for u in AdminUnit.objects.values_list(
        "id", "parent_id", "valid_from", "valid_to", "code", "name", "level")])


class ScanRow(NamedTuple):
    """The latest values of one indicator, unit and period kind lying inside one span."""

    indicator_id: int
    unit_id: int
    period_kind: str
    span: int  # the span's index in the list asked for
    exact_value: Decimal | int | None  # the value reported for exactly the span
    exact_rank: int | None  # its status rank (metrics.STATUS_RANK)
    inside_total: Decimal | int | None  # the other values inside the span: their total,
    inside_months: int | None  # the months they cover,
    inside_rank: int | None  # their worst status rank
    at_end: Decimal | int | None  # and, for stocks, the value ending where the span ends


# SQLite keeps decimals as binary floating point, so sums there are taken in exact integer
# millionths (the field's 6 decimal places); PostgreSQL sums its numeric column exactly.
_MICRO = Decimal(1000000)


def _value_sql(vendor: str) -> tuple[str, bool]:
    if vendor == "sqlite":
        return "CAST(ROUND(value * 1000000) AS INTEGER)", True
    return "value", False


def _placeholders(n: int) -> str:
    return ",".join(["%s"] * n)


def _scan_sql(value: str, n_spans: int, n_units: int, n_stocks: int,
              n_indicators: int | None) -> str:
    """The scan: the latest values lying in any span, each joined to the spans that contain
    it and grouped by indicator, unit, period kind and span, with conditional aggregates
    for the value of exactly the span and for the others inside it. Parameters, in order:
    the stock indicators, the lowest and highest month, the units, the indicators (when
    filtered), (first, last month) of every span."""
    spans = " UNION ALL ".join(
        f"SELECT {n} AS n, %s AS lo, %s AS hi" for n in range(n_spans))
    indicators = "" if n_indicators is None else \
        f" AND indicator_id IN ({_placeholders(n_indicators)})"
    exact = "d.start_month = s.lo AND d.end_month = s.hi"
    inside = f"NOT ({exact})"
    at_end = "NULL"
    if n_stocks:
        at_end = (f"SUM(CASE WHEN {inside} AND d.end_month = s.hi "
                  f"AND d.indicator_id IN ({_placeholders(n_stocks)}) THEN d.v END)")
    return (
        f"SELECT d.indicator_id, d.unit_id, d.period_kind, s.n, "
        f"SUM(CASE WHEN {exact} THEN d.v END) AS exact_value, "
        f"MAX(CASE WHEN {exact} THEN d.r END) AS exact_rank, "
        f"SUM(CASE WHEN {inside} THEN d.v END) AS inside_total, "
        f"SUM(CASE WHEN {inside} THEN d.end_month - d.start_month + 1 END) AS inside_months, "
        f"MAX(CASE WHEN {inside} THEN d.r END) AS inside_rank, "
        f"{at_end} AS at_end "
        f"FROM (SELECT indicator_id, unit_id, period_kind, start_month, end_month, "
        f"{value} AS v, "
        f"CASE status WHEN 'estimate' THEN 2 WHEN 'preliminary' THEN 1 ELSE 0 END AS r "
        f"FROM {DataValue._meta.db_table} WHERE is_latest AND start_month >= %s "
        f"AND end_month <= %s AND unit_id IN ({_placeholders(n_units)}){indicators}) AS d "
        f"JOIN ({spans}) AS s ON d.start_month >= s.lo AND d.end_month <= s.hi "
        f"GROUP BY d.indicator_id, d.unit_id, d.period_kind, s.n "
        f"ORDER BY d.indicator_id, d.unit_id, s.n"
    )


@contextmanager
def _without_jit() -> Iterator[None]:
    """On PostgreSQL, JIT compilation costs more than it saves on this one-off aggregate:
    turn it off with SET LOCAL, which ends with the transaction, so the scan runs in one
    (its own, or the caller's: no savepoint, no extra statement). The connection, pooled
    for later requests, keeps its setting."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(savepoint=False), connection.cursor() as cur:
        cur.execute("SET LOCAL jit = off")
        yield


def own_values(infos: Sequence[IndicatorInfo], spans: Sequence[tuple[Period, Sequence[int]]],
               *, filter_indicators: bool) -> list[OwnValues]:
    """Steps 1–2 of resolution for every (indicator, unit, span), in one SQL statement that
    scans the values once (`_scan_sql`); Python then applies `own_value`, the same rule as the
    plain functions. `spans` pairs each span with the units to resolve in it; without
    `filter_indicators` every indicator's values are read (the caller asks for all of them).
    Returns one {indicator id: {unit id: Resolved}} per span."""
    val, micro = _value_sql(connection.vendor)
    bounds = [(sp.year * 12 + sp.first_month - 1, sp.end_year * 12 + sp.last_month - 1)
              for sp, _u in spans]
    stock_ids = [i.id for i in infos if i.kind == "stock"]
    units = sorted({u for _sp, us in spans for u in us})
    params: list[Any] = [*stock_ids, min(b[0] for b in bounds), max(b[1] for b in bounds), *units]
    if filter_indicators:
        params += [i.id for i in infos]
    params += [m for b in bounds for m in b]
    sql = _scan_sql(val, len(bounds), len(units), len(stock_ids),
                    len(infos) if filter_indicators else None)
    with _without_jit(), connection.cursor() as cur:
        cur.execute(sql, params)
        rows = [ScanRow._make(r) for r in cur.fetchall()]

    def dec(x: Decimal | int | None) -> Decimal | None:
        if x is None or not micro:
            return x  # type: ignore[return-value]  # PostgreSQL gives Decimal
        return Decimal(x) / _MICRO

    by_id = {i.id: i for i in infos}
    out: list[OwnValues] = [{} for _s in spans]
    periods = [sp for sp, _u in spans]
    # Rows come sorted by indicator, unit and span; a group of one row (one kind of values,
    # the usual case) is decided inline, the same way as own_value; others go through
    # own_value itself.
    n_rows, i = len(rows), 0
    while i < n_rows:
        first = rows[i]
        j = i + 1
        while j < n_rows and rows[j].span == first.span and rows[j].unit_id == first.unit_id \
                and rows[j].indicator_id == first.indicator_id:
            j += 1
        ind = by_id.get(first.indicator_id)
        got = None
        if ind is not None:
            got = _one_row(ind, periods[first.span], first, dec) if j == i + 1 \
                else _many_rows(ind, periods[first.span], rows[i:j], dec)
        if got is not None:
            out[first.span].setdefault(first.indicator_id, {})[first.unit_id] = got
        i = j
    return out


def _one_row(ind: IndicatorInfo, span: Period, row: ScanRow, dec: Any) -> Resolved | None:
    """own_value over the values of one period kind, read from their aggregates."""
    if row.exact_rank is not None:
        return Resolved(dec(row.exact_value), RANK_STATUS[row.exact_rank], SOURCE_REPORTED)
    if row.inside_months is None or row.inside_rank is None or ind.kind == "rate":
        return None
    if ind.kind == "flow":
        if row.period_kind not in TILING_KINDS or row.inside_months != span.month_count:
            return None
        return Resolved(dec(row.inside_total), RANK_STATUS[row.inside_rank], SOURCE_SUBPERIODS)
    if row.period_kind not in STOCK_KINDS or row.at_end is None:
        return None
    return Resolved(dec(row.at_end), RANK_STATUS[row.inside_rank], SOURCE_SUBPERIODS)


def _many_rows(ind: IndicatorInfo, span: Period, rows: Sequence[ScanRow],
               dec: Any) -> Resolved | None:
    parts = Parts()
    for row in rows:
        if row.exact_rank is not None:
            parts.exact = (dec(row.exact_value), RANK_STATUS[row.exact_rank])
        if row.inside_months is not None and row.inside_rank is not None:
            parts.kinds[row.period_kind] = KindPart(
                total=dec(row.inside_total), months=int(row.inside_months),
                at_end=dec(row.at_end), status_rank=int(row.inside_rank))
    return own_value(ind, span, parts)


def targets_for_unit(indicator_ids: list[int] | None, unit_id: int,
                     period_ids: list[str]) -> dict[tuple[int, str], tuple[str, Decimal]]:
    """{(indicator id, period id): (kind, value)} of the target that counts, at one unit."""
    qs = TargetValue.objects.filter(unit_id=unit_id, period_id__in=period_ids)
    if indicator_ids is not None:
        qs = qs.filter(indicator_id__in=indicator_ids)
    return targets_that_count(qs.values_list(
        "indicator_id", "period_id", "kind", "created_at", "id", "value"))


def targets_for_units(indicator_id: int, unit_ids: list[int],
                      period_ids: list[str]) -> dict[tuple[int, str], tuple[str, Decimal]]:
    """{(unit id, period id): (kind, value)} of the target that counts, for one indicator."""
    rows = TargetValue.objects.filter(indicator_id=indicator_id, unit_id__in=unit_ids,
                                      period_id__in=period_ids)
    return targets_that_count(rows.values_list(
        "unit_id", "period_id", "kind", "created_at", "id", "value"))
