"""Which rows the entry grid and the workbook template offer: one rule on the indicator
(Indicator.takes_figures_for), checked without a database."""

from types import SimpleNamespace

import pytest

from theodoi.core.periods import Period
from theodoi.targets.models import Indicator

PROVINCE = SimpleNamespace(level=1)
COMMUNE = SimpleNamespace(level=3)


@pytest.mark.parametrize(
    ("finest", "levels", "unit", "period", "expected"),
    [
        ("month", [], PROVINCE, "202106", True),
        ("year", [], PROVINCE, "2021Q3", False),  # a yearly indicator has no quarter figure
        ("year", [], PROVINCE, "2021", True),
        ("quarter", [], PROVINCE, "2021S1", True),
        ("quarter", [], PROVINCE, "202105", False),
        ("month", [1, 2], COMMUNE, "202106", False),  # not followed at commune level
        ("month", [1, 2, 3], COMMUNE, "202106", True),
        ("month", [], PROVINCE, "2021-2025", False),  # a term is for targets, not figures
    ],
)
def test_an_indicator_takes_figures_for_its_levels_and_periods(
    finest, levels, unit, period, expected
):
    ind = Indicator(code="X", name="X", finest_period=finest, levels=levels)
    assert ind.takes_figures_for(unit, Period.parse(period)) is expected
