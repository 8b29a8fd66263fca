"""Who may define indicators, set targets and report figures."""
from theodoi.permissions.org import agency_ids, can_use_app, is_steering
from theodoi.permissions.roles import Role


def can_view_indicators(user) -> bool:
    return can_use_app(user)


def can_write_for_indicator(user, indicator) -> bool:
    """Report figures and set targets of an indicator: the steering office, or a leader
    or specialist of the indicator's lead agency (chủ trì)."""
    if is_steering(user):
        return True
    lead = indicator.lead_agency_id
    return lead is not None and lead in agency_ids(user, {Role.LEADER, Role.SPECIALIST})


def can_create_indicator(user, lead_agency=None) -> bool:
    """Define an indicator: the steering office for any agency; a leader or specialist
    for an indicator their own agency leads."""
    if is_steering(user):
        return True
    return lead_agency is not None and lead_agency.pk in agency_ids(user, {Role.LEADER, Role.SPECIALIST})


def can_enter_data(user) -> bool:
    """Open the data entry page at all."""
    return is_steering(user) or bool(agency_ids(user, {Role.LEADER, Role.SPECIALIST}))


def can_lock_values(user) -> bool:
    """Freeze an agency's figures for a period (on accepting its report): the steering office."""
    return is_steering(user)


def can_unlock_values(user) -> bool:
    """Lift those locks again (on reopening the report): the steering office."""
    return is_steering(user)


def writable_agency_ids(user) -> set[int] | None:
    """The lead agencies whose indicators the user may write; None means every agency."""
    if is_steering(user):
        return None
    return agency_ids(user, {Role.LEADER, Role.SPECIALIST})
