"""The targets area's cached answers (core.cache): what the indicator page and the
analytics API compute. The figures are the province's, readable by every app user
(`permissions.targets.can_view_indicators`, checked before), so an answer is shared by
everyone asking the same thing in the same language on the same day; it is renewed by
any change of targets (values, plans, indicators, rollups) or org (units, successions).
Wrappers only: what is computed stays analytics'."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string

from theodoi.core.cache import cached, request_parts
from theodoi.core.dates import today
from theodoi.core.periods import Period, picker_periods
from theodoi.org.models import AdminUnit
from theodoi.org.queries import units_for_picker
from theodoi.targets import analytics, queries
from theodoi.targets.boundaries import CHOICES, answer_line, row_line
from theodoi.targets.models import Indicator
from theodoi.targets.queries import chart_series, latest_metrics

SCOPES = ("targets", "org")


def province_with_figures(day: date) -> AdminUnit | None:
    """`queries.province_with_figures(day)` (the province the pages speak of without a
    chosen period), kept per (as-of day, today): it reads the province's units (org) and
    whether they hold figures (targets)."""
    return cached(
        "targets.province_with_figures",
        scopes=SCOPES,
        parts=(settings.SITE_PROVINCE_CODE, day.isoformat(), today().isoformat()),
        compute=lambda: queries.province_with_figures(day),
    )


def indicator_figures(
    request,
    ind: Indicator,
    unit: AdminUnit,
    period: Period | None,
    default_year: int,
    day: date,
    boundaries: str,
) -> dict[str, Any]:
    """The indicator page's figures: its period (the latest reported when none is asked),
    metric, child units' metrics and chart series, all on the `boundaries` chosen (part of
    the key)."""

    def compute() -> dict[str, Any]:
        p = period
        if p is None:
            found = latest_metrics([ind], unit, day)
            p = found[0][1].period if found and found[0][1] else Period.year_(default_year)
        return {
            "period": p,
            "metric": analytics.metric_for(ind, unit, p, boundaries=boundaries),
            "children": analytics.child_metrics(ind, unit, p, boundaries=boundaries),
            "chart": chart_series(ind, unit, p, boundaries),
        }

    parts = (*request_parts(request), ind.pk, unit.pk, period.id if period else None, boundaries)
    return cached("targets.indicator", scopes=SCOPES, parts=parts, compute=compute)


def indicator_page(
    request,
    ind: Indicator,
    unit: AdminUnit,
    period: Period | None,
    default_year: int,
    day: date,
    boundaries: str,
) -> dict[str, Any]:
    """The indicator page's figures drawn (templates/targets/_detail_figures.html: the
    period and unit pickers, the sentence, the key figures, the chart and the child units)
    with the period they speak of: {"period", "html"}. Nothing in it depends on the reader
    (the figures are the province's, `can_view_indicators`; whether the reader may enter
    figures is drawn outside it), so it is shared like `indicator_figures`, under the same
    key parts (the request's, so the as-of date and the language, and the indicator, unit,
    period and boundaries)."""

    def compute() -> dict[str, Any]:
        figures = indicator_figures(request, ind, unit, period, default_year, day, boundaries)
        p, metric, children, chart = (
            figures["period"],
            figures["metric"],
            figures["children"],
            figures["chart"],
        )
        units = list(units_for_picker(p))
        if unit not in units:  # a code in the URL still opens its unit (views.detail checks)
            units.insert(0, unit)
        html = render_to_string(
            "targets/_detail_figures.html",
            {
                "ind": ind,
                "unit": unit,
                "period": p,
                "m": metric,
                "children": children,
                # Units with a figure in a table; the others (most of 124 communes) folded.
                "reported": [
                    (u, cm, row_line(boundaries, cm)) for u, cm in children if cm.value is not None
                ],
                "unreported": [(u, cm) for u, cm in children if cm.value is None],
                "chart": chart,
                "periods": picker_periods(p, today_year=default_year),
                "units": units,
                "chart_rows": list(
                    zip(chart["months"], chart["this_year"], chart["last_year"], strict=True)
                ),
                "parent": unit.parent,
                "boundaries": boundaries,
                "boundary_choices": CHOICES,
                "boundary_line": answer_line(
                    boundaries,
                    metric.comparable,
                    metric.comparable_estimate,
                    metric.comparable_missing,
                ),
            },
        )
        return {"period": p, "html": html}

    parts = (*request_parts(request), ind.pk, unit.pk, period.id if period else None, boundaries)
    return cached("targets.indicator_page", scopes=SCOPES, parts=parts, compute=compute)


def answer(request, name: str, compute):
    """An API answer that depends only on the request's query (and language, day)."""
    return cached(f"api.{name}", scopes=SCOPES, parts=request_parts(request), compute=compute)
