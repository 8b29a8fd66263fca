"""Read-side lookups of the organisation for pages and the API."""

from datetime import date

from django.conf import settings
from django.db.models import Q

from theodoi.core.periods import Period
from theodoi.org.models import AdminUnit


def province():
    """The province this installation serves (settings.SITE_PROVINCE_CODE, from PROVINCE_CODE)."""
    return AdminUnit.objects.filter(code=settings.SITE_PROVINCE_CODE).first()


def units_for_picker(period_or_date: Period | date, within=None, *, max_level: int = 3):
    """The units a person may choose for a period (or a day): those that existed in it and
    lie inside `within` (default: the installation's province), the unit itself included,
    down to `max_level`; province first, then its districts, then communes, by name.
    The ONE rule every unit picker (entry grid, indicator page, exchange pages) and the
    entry grid's check ("is this unit offered?") use. Each unit's `label` names its kind."""
    within = within if within is not None else province()
    if within is None:
        return AdminUnit.objects.none()
    if isinstance(period_or_date, Period):
        qs = AdminUnit.objects.valid_during(period_or_date.start, period_or_date.end)
    else:
        qs = AdminUnit.objects.valid_on(period_or_date)
    inside = Q(pk=within.pk) | Q(parent_id=within.pk) | Q(parent__parent_id=within.pk)
    return qs.filter(inside, level__lte=max_level).order_by("level", "name", "code")
