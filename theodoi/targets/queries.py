"""What the pages and the API read: the indicator filter the list page, the API and exports
share; each indicator's latest figure; a chart's series; the rows of the entry grid."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from django.db.models import QuerySet

from theodoi.core.numbers import to_plain
from theodoi.core.periods import Period, month_names
from theodoi.core.text import search
from theodoi.org.models import AdminUnit
from theodoi.org.queries import province, province_units
from theodoi.targets import analytics
from theodoi.targets.metrics import Metric
from theodoi.targets.models import DataValue, Indicator


def filter_indicators(
    *, q: str = "", field: str = "", agency: str = "", breakthrough: str = "", retired: bool = False
) -> QuerySet[Indicator]:
    qs = Indicator.objects.select_related("lead_agency").order_by("order", "code")
    if not retired:
        qs = qs.filter(retired=False)
    qs = search(qs, q)
    if field:
        qs = qs.filter(field=field)
    if agency:
        qs = qs.filter(lead_agency__code=agency)
    if breakthrough:
        qs = qs.filter(breakthroughs__code=breakthrough)
    return qs.distinct()


def latest_periods(
    indicators: Iterable[Indicator], unit: AdminUnit, on: date | None = None
) -> dict[int, Period]:
    """For each indicator, the latest period reported for the unit itself: the one that
    ends last, and of those the longest (a half-year over its second quarter). With `on`
    (the page's as-of date), only periods begun by that day."""
    best: dict[int, tuple[tuple[int, int], str]] = {}
    qs = DataValue.objects.filter(
        unit=unit, is_latest=True, indicator__in=[i.pk for i in indicators]
    )
    if on is not None:
        qs = qs.filter(start_month__lte=on.year * 12 + on.month - 1)
    rows = qs.values_list("indicator_id", "end_month", "start_month", "period_id")
    for ind_id, end, start, pid in rows:
        key = (end, -start)
        if ind_id not in best or key > best[ind_id][0]:
            best[ind_id] = (key, pid)
    return {k: Period.parse(v[1]) for k, v in best.items()}


def province_with_figures(on: date | None = None) -> AdminUnit | None:
    """The installation's province as it stood when its latest figures were reported: the
    newest unit holding the province's code that has figures (today's province when none
    has). Pages without a chosen period show that one. With `on` (the page's as-of date),
    only a unit that existed on that day (the old Lâm Đồng on 15/06/2021)."""
    held = province_units()
    if on is not None:
        held = [u for u in held if u.valid_from is None or u.valid_from <= on]
        if not held:
            return province()
    for unit in held:
        if DataValue.objects.filter(unit=unit, is_latest=True).exists():
            return unit
    return province()


def latest_metrics(
    indicators: Iterable[Indicator], unit: AdminUnit, on: date | None = None
) -> list[tuple[Indicator, Metric | None]]:
    """(indicator, Metric of its latest period — begun by `on` when given —, or None when
    nothing was reported)."""
    indicators = list(indicators)
    periods = latest_periods(indicators, unit, on)
    by_period: dict[Period, list[Indicator]] = {}
    for ind in indicators:
        if ind.pk in periods:
            by_period.setdefault(periods[ind.pk], []).append(ind)
    found = {}
    for period, group in by_period.items():
        for ind, m in zip(group, analytics.metrics(group, unit, period), strict=True):
            found[ind.pk] = m
    return [(ind, found.get(ind.pk)) for ind in indicators]


def chart_series(
    indicator: Indicator, unit: AdminUnit, period: Period, boundaries: str = "auto"
) -> dict[str, Any]:
    """Cumulative figures at each month's end of the period's year and of the year before,
    and the year's plan as a line. Months without a figure are null (the chart skips them).
    Months before the unit existed follow `boundaries`, as the figures above the chart do
    (on today's boundaries: from the units it came from)."""
    year = period.year
    spans = [Period.ytd(year, m) for m in range(1, 13)] + [
        Period.ytd(year - 1, m) for m in range(1, 13)
    ]
    got = analytics.values(indicator, unit, spans, boundaries=boundaries)
    this_year = [to_plain(v.value) if v else None for v in got[:12]]
    last_year = [to_plain(v.value) if v else None for v in got[12:]]
    plan = analytics.metrics([indicator], unit, Period.year_(year))[0].plan
    return {
        "months": month_names(),
        "this_year": this_year,
        "last_year": last_year,
        "plan": to_plain(plan),
        "year": year,
        "unit_of_measure": indicator.unit_of_measure,
        # Nothing to draw: the page says "Chưa có số liệu" instead of an empty frame.
        "empty": plan is None and not any(this_year) and not any(last_year),
    }


def entry_rows(
    indicators: Sequence[Indicator],
    unit: AdminUnit,
    period: Period,
    posted: Mapping[str, Mapping[str, str]],
    errors: Mapping[str, list[dict[str, Any]]],
    boundaries: str = "auto",
) -> list[dict[str, Any]]:
    """One row per indicator of the entry grid, with its plan, last year (on the chosen
    boundaries) and last value."""
    ms = analytics.metrics(indicators, unit, period, boundaries=boundaries) if indicators else []
    stored = {
        dv.indicator_id: dv
        for dv in DataValue.objects.filter(
            indicator__in=indicators, unit=unit, period_id=period.id, is_latest=True
        )
    }
    rows = []
    for ind, m in zip(indicators, ms, strict=True):
        last = stored.get(ind.pk)
        p = posted.get(ind.code, {})
        errs = errors.get(ind.code, [])
        rows.append(
            {
                "ind": ind,
                "metric": m,
                "last": last,
                "value": p.get("value", ""),
                "status": p.get("status", last.status if last else "estimate"),
                "note": p.get("note", ""),
                "errors": errs,
                "error_fields": {e["field"] for e in errs},
                "previous_plain": to_plain(m.previous),
                "threshold": to_plain(ind.jump_threshold),
            }
        )
    return rows
