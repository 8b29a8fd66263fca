"""Who led a task on a given day (plain functions, tested without a database).

A task's lead changes when its agency is merged into another (Nghị định 45/2025/NĐ-CP:
tasks.services.transfer_open_tasks writes a LeadHandover with the merge date). Every count
per lead agency (the scoreboard and what reads it: its page, export, API, the province
report's task paragraph) attributes a counted status to the agency that led the task on the
status's date, through lead_on and nothing else: a task transferred on 01/03/2025 counts
for the old agency with a deadline before that day and for its successor from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Generic, TypeVar

from django.utils.translation import gettext as _

from theodoi.core.dates import format_date

A = TypeVar("A")


@dataclass(frozen=True)
class Handover(Generic[A]):
    """The lead passed from `from_agency` to `to_agency` on `on` (led by the new one that day)."""

    on: date
    from_agency: A
    to_agency: A


@dataclass(frozen=True)
class Spell(Generic[A]):
    """An agency leading a task from `since` to `until` (None: open on that side)."""

    agency: A
    since: date | None
    until: date | None


def lead_on(current: A, handovers: list[Handover[A]], day: date) -> A:
    """The agency that led the task on `day`: the one handed over from by the first handover
    after `day`, or the current lead when none comes after it."""
    for h in sorted(handovers, key=lambda h: h.on):
        if day < h.on:
            return h.from_agency
    return current


def spells(current: A, handovers: list[Handover[A]]) -> list[Spell[A]]:
    """The task's leads in order, each with its dates (one open spell without handovers)."""
    ordered = sorted(handovers, key=lambda h: h.on)
    out: list[Spell[A]] = []
    since: date | None = None
    for h in ordered:
        out.append(Spell(h.from_agency, since, h.on - timedelta(days=1)))
        since = h.on
    out.append(Spell(current, since, None))
    return out


def describe(spells: list[Spell]) -> str:
    """ "Sở Kế hoạch và Đầu tư đến 28/02/2025; Sở Tài chính từ 01/03/2025" (agencies by name)."""
    parts = []
    for s in spells:
        name = getattr(s.agency, "name", s.agency)
        if s.since is None and s.until is None:
            parts.append(str(name))
        elif s.since is None:
            parts.append(_("%(a)s đến %(u)s") % {"a": name, "u": format_date(s.until)})
        elif s.until is None:
            parts.append(_("%(a)s từ %(s)s") % {"a": name, "s": format_date(s.since)})
        else:
            parts.append(
                _("%(a)s từ %(s)s đến %(u)s")
                % {"a": name, "s": format_date(s.since), "u": format_date(s.until)}
            )
    return "; ".join(parts)
