"""Roles and the questions about agencies and the organisation itself."""

from django.core.exceptions import PermissionDenied

from theodoi.permissions.roles import Role


def _memberships(user) -> list[tuple[int, str]]:
    """(agency_id, role) pairs, cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, "_theodoi_memberships", None)
    if cached is None:
        cached = list(user.memberships.values_list("agency_id", "role"))
        user._theodoi_memberships = cached
    return cached


def forget(user) -> None:
    """Drop the cached memberships (after a membership change in the same request)."""
    for cached in ("_theodoi_memberships", "_theodoi_home_units"):
        if hasattr(user, cached):
            delattr(user, cached)


def is_admin(user) -> bool:
    return bool(getattr(user, "is_superuser", False) and user.is_active) or any(
        role == Role.ADMIN for _a, role in _memberships(user)
    )


def is_steering(user) -> bool:
    """The steering office assigns and follows up across the whole province."""
    return is_admin(user) or any(role == Role.STEERING for _a, role in _memberships(user))


def agency_ids(user, roles: set[str] | None = None) -> set[int]:
    """The agencies the user belongs to, optionally only in the given roles."""
    return {a for a, role in _memberships(user) if roles is None or role in roles}


def can_use_app(user) -> bool:
    """Anyone with an active account and at least one role reads the province picture."""
    return is_admin(user) or bool(_memberships(user))


def require_app_user(user) -> None:
    """Pages' first check: raise PermissionDenied (403) for anyone who may not use the app."""
    if not can_use_app(user):
        raise PermissionDenied


def can_manage_org(user) -> bool:
    """Edit units, agencies and people."""
    return is_admin(user)


def is_member(user, agency) -> bool:
    return agency is not None and agency.pk in agency_ids(user)


def can_view_agency_drafts(user, agency) -> bool:
    """Unpublished work of an agency (draft figures, draft reports, progress not yet
    reported) is seen by its own members and the steering office, nobody else."""
    return is_steering(user) or is_member(user, agency)


def can_work_for(user, agency) -> bool:
    """Write progress and report drafts on behalf of the agency (figures:
    permissions.targets.can_enter_for)."""
    return is_steering(user) or agency.pk in agency_ids(user, {Role.LEADER, Role.SPECIALIST})


def can_sign_off_for(user, agency) -> bool:
    """Approve in the agency's name (a leader's signature)."""
    return is_admin(user) or agency.pk in agency_ids(user, {Role.LEADER})
