"""Read-side lookups of reporting for pages, the API and the services: the office's
calendar (its OfficeDay rows on top of the public holidays) and a submission's template."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from theodoi.org.models import AgencySuccession
from theodoi.permissions import targets as target_perms
from theodoi.reporting import schedule
from theodoi.reporting.models import OfficeDay, ReportingCycle, Submission, TemplateItem
from theodoi.reporting.workdays import WorkCalendar


def office_calendar() -> WorkCalendar:
    """The calendar with the office's own days (OfficeDay rows) added."""
    off, work = {}, {}
    for d in OfficeDay.objects.all():
        (work if d.kind == OfficeDay.Kind.WORKING_DAY else off)[d.day] = d.reason
    return WorkCalendar(off, work)


def cycles_known_on(day) -> QuerySet[ReportingCycle]:
    """The cycles a list shows as of `day` (the as-of date, core.dates.as_of): those opened by
    then or whose cut-off had begun by then. Viewed as of 15/06/2021, the first half of 2026
    (opened in 2026) is not there yet; as of today every opened cycle is."""
    return ReportingCycle.objects.filter(Q(cutoff_start__lte=day) | Q(opened_at__date__lte=day))


def agency_heirs() -> dict:
    """{dissolved agency: [(its dissolution day, successor)]} over the successions whose
    successor took over the open work (AgencySuccession.takes_open_tasks): what
    schedule.expected_agencies reads."""
    out: dict = {}
    links = AgencySuccession.objects.filter(
        takes_open_tasks=True, predecessor__dissolved_on__isnull=False
    ).select_related("predecessor", "successor")
    for link in links:
        pred = link.predecessor
        out.setdefault(pred, []).append((pred.dissolved_on, link.successor))
    return out


def expected_for(regime, due) -> list[tuple]:
    """[(agency, [regime agencies it stands for])] a cycle of `regime` due on `due` expects."""
    return schedule.expected_agencies(list(regime.agencies.order_by("name")), due, agency_heirs())


def stands_for(cycle: ReportingCycle) -> dict[int, list]:
    """{agency id: [regime agencies it reports for]} among the agencies the cycle expects
    (empty lists for agencies that report for themselves only)."""
    expected = set(cycle.agencies.values_list("pk", flat=True))
    return {
        a.pk: preds for a, preds in expected_for(cycle.regime, cycle.deadline) if a.pk in expected
    }


def template_rows_for(submission: Submission) -> list[TemplateItem]:
    """The template rows this agency reports: the indicators it leads, those led by the
    dissolved agencies it reports for in this cycle, and, for a commune's People's
    Committee, those collected at its own unit (the rule of
    permissions.targets.can_enter_for_unit: its figures are its own to enter)."""
    agency, cycle = submission.agency, submission.cycle
    leads = {agency.pk} | {a.pk for a in stands_for(cycle).get(submission.agency_id, [])}
    home = target_perms.is_home_agency(agency, agency.unit)
    period = cycle.period
    return [
        item
        for item in cycle.regime.template.select_related("indicator").order_by("order", "id")
        if item.indicator.lead_agency_id in leads
        or (home and target_perms.collected_at(item.indicator, agency.unit, period))
    ]
