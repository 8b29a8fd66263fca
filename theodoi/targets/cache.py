"""The targets area's cached answers (core.cache): what the indicator page and the
analytics API compute. The figures are the province's, readable by every app user
(`permissions.targets.can_view_indicators`, checked before), so an answer is shared by
everyone asking the same thing in the same language on the same day; it is renewed by
any change of targets (values, plans, indicators, rollups) or org (units, successions).
Wrappers only: what is computed stays analytics'."""

from __future__ import annotations

from datetime import date
from typing import Any

from theodoi.core.cache import cached, request_parts
from theodoi.core.periods import Period
from theodoi.org.models import AdminUnit
from theodoi.targets import analytics
from theodoi.targets.models import Indicator
from theodoi.targets.queries import chart_series, latest_metrics

SCOPES = ("targets", "org")


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


def answer(request, name: str, compute):
    """An API answer that depends only on the request's query (and language, day)."""
    return cached(f"api.{name}", scopes=SCOPES, parts=request_parts(request), compute=compute)
