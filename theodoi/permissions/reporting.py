"""Who may see and move periodic reports."""

from theodoi.permissions.org import (
    agency_ids,
    can_sign_off_for,
    can_use_app,
    can_view_agency_drafts,
    can_work_for,
    is_steering,
)


def can_view_reporting(user) -> bool:
    """Regimes, cycles and the province's report are read by every user of the app."""
    return can_use_app(user)


def can_manage_reporting(user) -> bool:
    """Open and close cycles, keep the office calendar, edit and issue the province's report."""
    return is_steering(user)


def can_view_submission(user, submission) -> bool:
    """An agency's report before acceptance is its own business and the steering office's;
    once accepted it is part of the province's picture."""
    if submission.state == submission.State.ACCEPTED:
        return can_use_app(user)
    return can_view_agency_drafts(user, submission.agency)


def can_draft_submission(user, agency) -> bool:
    """Write the agency's report and its figures."""
    return can_work_for(user, agency)


def can_sign_off_submission(user, submission) -> bool:
    """The agency's leader approves the report in the agency's name."""
    return can_sign_off_for(user, submission.agency)


def can_submit_submission(user, submission) -> bool:
    """Send the signed-off report: whoever may write it (the agency's people, or the
    steering office on its behalf — which then may not accept it)."""
    return can_work_for(user, submission.agency)


def can_review_submission(user, submission) -> bool:
    """Accept, return or reopen: the steering office, but never for a report its reviewer
    wrote, signed or sent, nor for the reviewer's own agency."""
    if not is_steering(user):
        return False
    own = {submission.created_by_id, submission.signed_off_by_id, submission.submitted_by_id}
    return user.pk not in own and submission.agency_id not in agency_ids(user)


def can_remind(user) -> bool:
    return is_steering(user)
