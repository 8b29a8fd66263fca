"""Who may define indicators, set targets and report figures.

Which agencies a person enters figures for is one rule, entry_agency_ids: the steering
office for every agency, otherwise the agencies where they are a leader or specialist.
The data-entry grid, the exchange workbooks (download, preview, import), the API and
targets.services all ask it (directly or through can_enter_for / can_write_for_indicator).

Which figure a person may enter is can_enter_for_unit (issue 11): whoever enters for the
indicator's lead agency, for any unit; and the People's Committee of a commune (of any unit
below the province) for its own unit, for the indicators whose figures are collected at that
unit's level, while the unit exists in the period. Since 01/07/2025 the communes report
straight to the province: their own staff type their own figures.
"""

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db.models import Model, QuerySet

from theodoi.permissions.org import agency_ids, can_use_app, is_steering
from theodoi.permissions.roles import Role

User = AbstractBaseUser | AnonymousUser

ENTRY_ROLES: set[str] = {Role.LEADER, Role.SPECIALIST}
# org.AgencyKind.PEOPLES_COMMITTEE (permissions never import org models): the agency that
# answers for its own unit (địa bàn).
HOME_AGENCY_KIND = "peoples_committee"


def can_view_indicators(user) -> bool:
    return can_use_app(user)


def entry_agency_ids(user: User) -> set[int] | None:
    """The agencies whose figures the user may enter; None means every agency."""
    if is_steering(user):
        return None
    return agency_ids(user, ENTRY_ROLES)


def can_enter_for(user: User, agency: Model | None) -> bool:
    """Enter (type, download or import) the figures of this agency."""
    if agency is None:
        return False
    ids = entry_agency_ids(user)
    return ids is None or agency.pk in ids


def entry_agencies(user: User, qs: "QuerySet[Model]") -> "QuerySet[Model]":
    """An Agency queryset narrowed to the agencies the user enters figures for."""
    ids = entry_agency_ids(user)
    return qs if ids is None else qs.filter(pk__in=ids)


def can_write_for_indicator(user, indicator) -> bool:
    """Report figures and set targets of an indicator: whoever enters figures for its
    lead agency (chủ trì); an indicator without one only the steering office."""
    ids = entry_agency_ids(user)
    lead = indicator.lead_agency_id
    return ids is None or (lead is not None and lead in ids)


def home_units(user) -> dict[int, int]:
    """{unit id: agency id} of the units whose own People's Committee the user enters for
    (a leader or specialist of the UBND of a commune, ward or special zone; of a unit below
    the province in general). Cached on the user object for the request, as memberships."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return {}
    cached = getattr(user, "_theodoi_home_units", None)
    if cached is None:
        cached = dict(
            user.memberships.filter(
                role__in=ENTRY_ROLES, agency__kind=HOME_AGENCY_KIND, agency__unit__level__gt=1
            )
            .order_by("agency_id")
            .values_list("agency__unit_id", "agency_id")
        )
        user._theodoi_home_units = cached
    return cached


def collected_at(indicator, unit, period) -> bool:
    """Figures of the indicator are taken at this unit for this period: the unit exists in
    the period (units are versioned), its level is one the indicator is followed at, and the
    period is a reporting period (Indicator.takes_figures_for)."""
    return unit.is_valid_during(period.start, period.end) and indicator.takes_figures_for(
        unit, period
    )


def is_home_agency(agency, unit) -> bool:
    """The agency is the People's Committee of this unit (below the province)."""
    return (
        agency is not None
        and agency.kind == HOME_AGENCY_KIND
        and agency.unit_id == unit.pk
        and unit.level > 1
    )


def can_enter_for_unit(user: User, indicator, unit, period) -> bool:
    """Enter (type, import, send by API) this indicator's figure for this unit and period:
    whoever enters for the indicator's lead agency (can_write_for_indicator), for any unit;
    and the leaders and specialists of the unit's own People's Committee, for the indicators
    collected at that unit (collected_at). Another commune's staff, a viewer, an outsider:
    no. targets.services.record_values asks it for every row; the grid and the workbooks
    offer exactly these rows."""
    if can_write_for_indicator(user, indicator):
        return True
    return unit.pk in home_units(user) and collected_at(indicator, unit, period)


def entering_agency_id(user: User, indicator, unit) -> int | None:
    """The agency a figure is entered in the name of (DataValue.agency): the lead agency when
    the user enters for it, otherwise the unit's People's Committee the user belongs to."""
    if can_write_for_indicator(user, indicator):
        return indicator.lead_agency_id
    return home_units(user).get(unit.pk)


def can_create_indicator(user, lead_agency=None) -> bool:
    """Define an indicator: the steering office for any agency; a leader or specialist
    for an indicator their own agency leads."""
    if is_steering(user):
        return True
    return lead_agency is not None and lead_agency.pk in agency_ids(
        user, {Role.LEADER, Role.SPECIALIST}
    )


def can_enter_data(user: User) -> bool:
    """Open the data entry page at all: there is an agency they enter figures for (a commune's
    People's Committee included: it enters its own unit's figures)."""
    ids = entry_agency_ids(user)
    return ids is None or bool(ids)


def can_lock_values(user) -> bool:
    """Freeze an agency's figures for a period (on accepting its report): the steering office."""
    return is_steering(user)


def can_unlock_values(user) -> bool:
    """Lift those locks again (on reopening the report): the steering office."""
    return is_steering(user)
