"""The rows `services.validate_values` and `services.record_values` take and give back.

A `ValueRow` is a reported value as a person or a file gives it: codes and text, checked by
the service (which reports a bad row as {"index", "field", "message"}). The data-entry grid,
the API, the values workbook, the DHIS2 import, periodic reports and the demo build it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypedDict

from theodoi.core.periods import Period
from theodoi.org.models import AdminUnit
from theodoi.targets.models import DataValue, Indicator

# What a value may be given as: text as typed ("6.265,5"), or a number already read.
RawValue = Decimal | str | int | None


@dataclass(frozen=True)
class ValueRow:
    """One reported value: indicator code, unit code, period id, the figure, its status
    (estimate, preliminary, official or their Vietnamese words; empty means estimate)
    and a note."""

    indicator: str
    unit: str
    period: str
    value: RawValue
    status: str = ""
    note: str = ""

    @classmethod
    def from_mapping(cls, row: Mapping[str, Any]) -> ValueRow:
        """From a row read from a file, which holds these six keys (and others)."""
        return cls(
            indicator=row["indicator"],
            unit=row["unit"],
            period=row["period"],
            value=row["value"],
            status=row["status"],
            note=row["note"],
        )


class CleanValue(TypedDict):
    """A row that passed every check: the objects it names and the parsed figure, with the
    latest stored value of its cell (None for a new one)."""

    index: int
    indicator: Indicator
    unit: AdminUnit
    period: Period
    value: Decimal
    status: str
    note: str
    previous: DataValue | None
    source: str
