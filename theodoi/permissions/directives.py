"""Who may see and change directives, their files, and meetings."""

from theodoi.permissions import org


def can_view_directives(user) -> bool:
    """Directives are the province's published documents: every app user reads them."""
    return org.can_use_app(user)


def can_edit_directive(user, issuer=None) -> bool:
    """Record directives and attach files: the steering office, or a leader of the issuer."""
    return org.is_steering(user) or (issuer is not None and org.can_sign_off_for(user, issuer))


def can_view_meeting(user, meeting) -> bool:
    return org.can_use_app(user)


def can_manage_meeting(user, meeting=None) -> bool:
    """Record a meeting, its agenda and conclusions, and issue them: the steering office."""
    return org.is_steering(user) or (
        meeting is not None and org.can_sign_off_for(user, meeting.host)
    )
