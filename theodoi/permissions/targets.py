"""Who may define indicators, set targets and report figures.

Which agencies a person enters figures for is one rule, entry_agency_ids: the steering
office for every agency, otherwise the agencies where they are a leader or specialist.
The data-entry grid, the exchange workbooks (download, preview, import), the API and
targets.services all ask it (directly or through can_enter_for / can_write_for_indicator).
"""

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db.models import Model, QuerySet

from theodoi.permissions.org import agency_ids, can_use_app, is_steering
from theodoi.permissions.roles import Role

User = AbstractBaseUser | AnonymousUser

ENTRY_ROLES: set[str] = {Role.LEADER, Role.SPECIALIST}


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


def can_create_indicator(user, lead_agency=None) -> bool:
    """Define an indicator: the steering office for any agency; a leader or specialist
    for an indicator their own agency leads."""
    if is_steering(user):
        return True
    return lead_agency is not None and lead_agency.pk in agency_ids(
        user, {Role.LEADER, Role.SPECIALIST}
    )


def can_enter_data(user: User) -> bool:
    """Open the data entry page at all: there is an agency they enter figures for."""
    ids = entry_agency_ids(user)
    return ids is None or bool(ids)


def can_lock_values(user) -> bool:
    """Freeze an agency's figures for a period (on accepting its report): the steering office."""
    return is_steering(user)


def can_unlock_values(user) -> bool:
    """Lift those locks again (on reopening the report): the steering office."""
    return is_steering(user)
