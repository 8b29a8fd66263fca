"""Read-side lookups of reporting for pages, the API and the services: the office's
calendar (its OfficeDay rows on top of the public holidays) and a submission's template."""

from __future__ import annotations

from theodoi.reporting.models import OfficeDay, Submission, TemplateItem
from theodoi.reporting.workdays import WorkCalendar


def office_calendar() -> WorkCalendar:
    """The calendar with the office's own days (OfficeDay rows) added."""
    off, work = {}, {}
    for d in OfficeDay.objects.all():
        (work if d.kind == OfficeDay.Kind.WORKING_DAY else off)[d.day] = d.reason
    return WorkCalendar(off, work)


def template_rows_for(submission: Submission) -> list[TemplateItem]:
    """The template rows this agency reports: the indicators it leads."""
    return list(
        submission.cycle.regime.template.select_related("indicator")
        .filter(indicator__lead_agency=submission.agency)
        .order_by("order", "id")
    )
