"""Read-side lookups of the organisation for pages and the API."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

from theodoi.core.dates import today
from theodoi.core.periods import Period
from theodoi.core.text import search
from theodoi.org.lineage import UnitSpan, outside_message, pick_for_span
from theodoi.org.models import AdminUnit, UnitKind, UnitSuccession


def unit_at(code: str, day: date) -> AdminUnit | None:
    """The unit holding GSO ``code`` on ``day`` (a code names one unit at one date)."""
    return AdminUnit.objects.filter(code=str(code or "").strip()).valid_on(day).first()


def units_by_code(codes) -> dict[str, list[AdminUnit]]:
    """Every unit that ever held each code (one query)."""
    out: dict[str, list[AdminUnit]] = {}
    for u in AdminUnit.objects.filter(code__in={str(c or "").strip() for c in codes}):
        out.setdefault(u.code, []).append(u)
    return out


def _span(u: AdminUnit) -> UnitSpan:
    return UnitSpan(u, u.name, u.valid_from, u.valid_to)


def pick_unit(candidates, start: date, end: date) -> tuple[AdminUnit | None, str]:
    """Among the units holding one code, the one valid in [start, end]; else (None, why)."""
    found, nearest = pick_for_span([_span(u) for u in candidates], start, end)
    if found is not None:
        unit: AdminUnit = found.key  # type: ignore[assignment]
        return unit, ""
    if nearest is not None:
        return None, outside_message(nearest, start)
    return None, ""


def unit_for_span(code: str, start: date, end: date) -> tuple[AdminUnit | None, str]:
    """The unit holding ``code`` in the span (the one valid at its end first), or (None, a
    Vietnamese reason when the code belonged to a unit at another time, else "")."""
    return pick_unit(AdminUnit.objects.filter(code=str(code or "").strip()), start, end)


def province(day: date | None = None) -> AdminUnit | None:
    """The province this installation serves (settings.SITE_PROVINCE_CODE) as it stands on
    ``day`` (today by default); when no unit holds the code that day, the latest one."""
    code = settings.SITE_PROVINCE_CODE
    found = unit_at(code, day or today())
    if found is None:
        found = AdminUnit.objects.filter(code=code).order_by("-valid_to", "-valid_from").first()
    return found


def province_units() -> list[AdminUnit]:
    """Every unit that held the installation's code (SITE_PROVINCE_CODE), newest first:
    for Lâm Đồng, the merged province of 01/07/2025, then the old one."""
    units = list(AdminUnit.objects.filter(code=settings.SITE_PROVINCE_CODE))
    return sorted(units, key=lambda u: u.valid_from or date.min, reverse=True)


@dataclass(frozen=True)
class LineageStep:
    """One succession seen from a unit: the other unit, the day, the kind, the part of the
    predecessor that went into the successor (None: whole), the legal basis, and how many
    steps away it is (1: direct)."""

    unit: AdminUnit
    effective: date
    kind: str
    share: Decimal | None
    estimate: bool
    legal_basis: str
    depth: int


# How far a lineage is followed (generations of successions); real chains have 1–2.
MAX_GENERATIONS = 10


def _ids(values) -> list[int]:
    return sorted({int(v) for v in values})


def succession_links(unit_ids, *, upward: bool = True) -> QuerySet[UnitSuccession]:
    """Every succession above (``upward``: the units' predecessors, theirs, ...) or below the
    units, transitively, in one recursive query (a WITH RECURSIVE subquery, on SQLite and
    PostgreSQL alike), not one query per generation."""
    ids = _ids(unit_ids)
    if not ids:
        return UnitSuccession.objects.none()
    table = UnitSuccession._meta.db_table
    near, far = ("successor_id", "predecessor_id") if upward else ("predecessor_id", "successor_id")
    marks = ",".join(["%s"] * len(ids))
    sql = (
        f"WITH RECURSIVE walk(id, far, depth) AS ("
        f"SELECT id, {far}, 1 FROM {table} WHERE {near} IN ({marks}) "
        f"UNION SELECT s.id, s.{far}, walk.depth + 1 FROM {table} s "
        f"JOIN walk ON s.{near} = walk.far WHERE walk.depth < {MAX_GENERATIONS}"
        f") SELECT id FROM walk"
    )
    return UnitSuccession.objects.filter(pk__in=RawSQL(sql, ids))


def with_descendants(unit_ids, fields: Sequence[str]) -> list[tuple]:
    """``fields`` of the units and of every unit under them (children and grandchildren, at
    any time: the tree has three levels, UNIT_LEVELS) in one query, a UNION of three
    indexed reads (by id, by parent, by the parent's parent). A recursive query made
    PostgreSQL scan the whole table at each step."""
    ids = _ids(unit_ids)
    if not ids:
        return []
    units = AdminUnit.objects.order_by()  # no ORDER BY inside a UNION (SQLite refuses it)
    rows = units.filter(pk__in=ids).values_list(*fields)
    kids = units.filter(parent_id__in=ids).values_list(*fields)
    grandkids = units.filter(parent__parent_id__in=ids).values_list(*fields)
    return list(rows.union(kids, grandkids))


def lineage(unit: AdminUnit) -> tuple[list[LineageStep], list[LineageStep]]:
    """The units ``unit`` comes from and the ones it went into, transitively (one query
    each way), nearest first."""
    return _walk(unit, upward=True), _walk(unit, upward=False)


def _walk(unit: AdminUnit, *, upward: bool) -> list[LineageStep]:
    """Breadth first over the links `succession_links` read at once: each unit once, at
    its nearest generation, through the first link (by day, then id) that reaches it."""
    links = succession_links([unit.pk], upward=upward).select_related("predecessor", "successor")
    step: dict[int, list[UnitSuccession]] = {}
    for link in links.order_by("effective", "pk"):
        step.setdefault(link.successor_id if upward else link.predecessor_id, []).append(link)
    out: list[LineageStep] = []
    seen = {unit.pk}
    frontier = [unit.pk]
    depth = 0
    while frontier and depth < MAX_GENERATIONS:
        depth += 1
        reached = sorted(
            (link for u in frontier for link in step.get(u, [])),
            key=lambda link: (link.effective, link.pk),
        )
        frontier = []
        for link in reached:
            other = link.predecessor if upward else link.successor
            if other.pk in seen:
                continue
            seen.add(other.pk)
            frontier.append(other.pk)
            out.append(
                LineageStep(
                    other,
                    link.effective,
                    link.kind,
                    link.share,
                    link.share_is_estimate,
                    link.legal_basis,
                    depth,
                )
            )
    return out


def units_for_picker(period_or_date: Period | date, within=None, *, max_level: int = 3):
    """The units a person may choose for a period (or a day): those that existed in it and
    lie inside `within` (default: the installation's province), the unit itself included,
    down to `max_level`; province first, then its districts, then communes, by name.
    The ONE rule every unit picker (entry grid, indicator page, exchange pages) and the
    entry grid's check ("is this unit offered?") use. Each unit's `label` names its kind."""
    day = period_or_date.end if isinstance(period_or_date, Period) else period_or_date
    within = within if within is not None else province(day)
    if within is None:
        return AdminUnit.objects.none()
    if isinstance(period_or_date, Period):
        qs = AdminUnit.objects.valid_during(period_or_date.start, period_or_date.end)
    else:
        qs = AdminUnit.objects.valid_on(period_or_date)
    inside = Q(pk=within.pk) | Q(parent_id=within.pk) | Q(parent__parent_id=within.pk)
    return qs.filter(inside, level__lte=max_level).order_by("level", "name", "code")


def in_province(unit: AdminUnit) -> bool:
    """Whether `units_for_picker` offers the unit on its last day (today for a unit still
    valid): it lay inside the installation's province then. A unit named in a URL that
    is not offered for the page's period is shown only if it passes this (an old link to
    a ward of 2021 still opens it; another province's unit does not)."""
    day = unit.valid_to or today()
    if unit.valid_from is not None and unit.valid_from > day:
        day = unit.valid_from
    return units_for_picker(day).filter(pk=unit.pk).exists()


# The units list's states: the map before and after the 2025 reorganisation (the last day of
# the old map and the first of the new one), what stands today, or every unit ever held.
UNITS_BEFORE_DAY = date(2025, 6, 30)
UNITS_AFTER_DAY = date(2025, 7, 1)
UNIT_STATES = ("current", "before", "after", "all")


def units_list(*, state: str = "current", province: str = "", kind: str = "", q: str = ""):
    """The units list (/don-vi/): filtered by state (one of UNIT_STATES), by province (a
    level-1 unit's pk: it, its districts and communes) and kind, searched with or without
    diacritics; by level then code. A queryset: the page pages it."""
    qs = _in_state(AdminUnit.objects.select_related("parent"), state)
    if str(province).isdigit():
        p = int(province)
        qs = qs.filter(Q(pk=p) | Q(parent_id=p) | Q(parent__parent_id=p))
    if kind:
        qs = qs.filter(kind=kind)
    return search(qs, q).order_by("level", "code", "valid_from")


def provinces_for_state(state: str = "current"):
    """The level-1 units the units list offers as a province filter for a state."""
    return _in_state(AdminUnit.objects.filter(level=1), state).order_by("name", "valid_from")


def _in_state(qs, state: str):
    """The units of `qs` in one of UNIT_STATES (anything else: today's)."""
    if state == "all":
        return qs
    day = {"before": UNITS_BEFORE_DAY, "after": UNITS_AFTER_DAY}.get(state) or today()
    return qs.valid_on(day)


def unit_groups(units) -> list[dict]:
    """Units grouped by kind for a list (the home page): [{"label": "Phường", "list": [...]}],
    kinds in the order of their codes, units by name inside. The label is read once per
    group, not once per unit (get_kind_display rebuilds the choices on every call)."""
    groups: dict[str, list] = {}
    for u in sorted(units, key=lambda u: (u.kind, u.name)):
        groups.setdefault(u.kind, []).append(u)
    labels = dict(UnitKind.choices)
    return [{"label": labels.get(kind, kind), "list": members} for kind, members in groups.items()]
