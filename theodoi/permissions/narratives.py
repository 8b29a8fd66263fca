"""Who reads reports and who sees a received report. Reading a report proposes figures, so
it is the data-entry rule (permissions.targets); a received report is the agency's
unpublished material: its uploader, the agency's members and the steering office see it
(org.can_view_agency_drafts)."""

from django.db.models import Q

from theodoi.permissions import org
from theodoi.permissions.targets import can_enter_data, can_enter_for


def can_read_reports(user) -> bool:
    """Upload or paste a report to read: whoever may enter figures at all (the rule of the
    data-entry grid, permissions.targets.can_enter_data)."""
    return can_enter_data(user)


def can_attach_to_agency(user, agency) -> bool:
    """Attach a received report to an agency: an agency whose figures the user enters."""
    return can_enter_for(user, agency)


def can_view_received(user, report) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if report.uploaded_by_id == user.pk or org.is_steering(user):
        return True
    return report.agency_id is not None and org.can_view_agency_drafts(user, report.agency)


def received_filter(user) -> Q:
    """can_view_received as a filter on ReceivedReport."""
    if org.is_steering(user):
        return Q()
    return Q(uploaded_by_id=user.pk) | Q(agency_id__in=org.agency_ids(user))
