"""Read-side lookups of the organisation for pages and the API."""

from datetime import date

from django.conf import settings

from theodoi.core.dates import today
from theodoi.org.lineage import UnitSpan, outside_message, pick_for_span
from theodoi.org.models import AdminUnit


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
