"""Reading tasks with the list page's filters: one place for the page, the API and
the Excel export (exchange wires its exporter to filtered_tasks)."""

from dataclasses import dataclass
from datetime import date

from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from theodoi.core.dates import DateParseError, parse_date
from theodoi.core.text import search
from theodoi.directives.models import Directive
from theodoi.org.models import Agency
from theodoi.permissions import tasks as perms
from theodoi.tasks import status as st
from theodoi.tasks.models import (
    OPEN_STATES,
    STATUS_FIELDS,
    ExtensionRequest,
    LeadHandover,
    State,
    Task,
    status_of,
)


@dataclass
class Filters:
    q: str = ""
    lead: str = ""  # agency code
    status: str = ""  # a status class (tasks.status.ALL_CLASSES)
    state: str = ""  # a workflow state
    directive: str = ""  # directive id (its cascade below it is included)
    breakthrough: str = ""  # breakthrough code
    deadline_from: date | None = None
    deadline_to: date | None = None

    @classmethod
    def from_params(cls, params) -> "Filters":
        def day(name):
            try:
                return parse_date(params.get(name, "")) if params.get(name) else None
            except DateParseError:
                return None

        return cls(
            q=params.get("q", "").strip(),
            lead=params.get("lead", ""),
            status=params.get("status", ""),
            state=params.get("state", ""),
            directive=params.get("directive", ""),
            breakthrough=params.get("breakthrough", ""),
            deadline_from=day("deadline_from"),
            deadline_to=day("deadline_to"),
        )


def directive_and_descendants(directive_id) -> list[int]:
    ids, frontier = {int(directive_id)}, {int(directive_id)}
    while frontier:
        frontier = (
            set(Directive.objects.filter(implements_id__in=frontier).values_list("id", flat=True))
            - ids
        )
        ids |= frontier
    return sorted(ids)


def led_by(qs, code: str):
    """The tasks `code` led on their deadline (its current tasks without one), as the
    scoreboard attributes them (tasks.leads.lead_on in SQL: the agency handed over from by
    the first handover after the deadline, else the current lead), so the list a scoreboard
    row links to holds the tasks that row counts."""
    first_after = (
        LeadHandover.objects.filter(task=OuterRef("pk"), on__gt=OuterRef("deadline"))
        .order_by("on", "id")
        .values("from_agency__code")[:1]
    )
    return qs.annotate(lead_then=Coalesce(Subquery(first_after), F("lead__code"))).filter(
        lead_then=code
    )


def filtered_statuses(
    user, f: Filters, *, today: date | None = None
) -> list[tuple[int, st.Status]]:
    """(task id, status class as of `today`) of the tasks the user may see, filtered, in
    list order. Classifies from four stored values per row, without loading objects. A task
    assigned after `today` (the page's as-of date) did not exist yet and is left out."""
    today = today or timezone.localdate()
    qs = Task.objects.visible_to(user).filter(assigned_on__lte=today)
    qs = search(qs, f.q)
    if f.lead:
        qs = led_by(qs, f.lead)
    if f.state:
        qs = qs.filter(state=f.state)
    if f.directive.isdigit():
        qs = qs.filter(directive_id__in=directive_and_descendants(f.directive))
    if f.breakthrough:
        qs = qs.filter(
            Q(breakthroughs__code=f.breakthrough) | Q(directive__breakthroughs__code=f.breakthrough)
        ).distinct()
    if f.deadline_from:
        qs = qs.filter(deadline__gte=f.deadline_from)
    if f.deadline_to:
        qs = qs.filter(deadline__lte=f.deadline_to)
    out = [
        (pk, status_of(deadline, recurrence, reported_on, state, today))
        for pk, deadline, recurrence, reported_on, state in qs.values_list("pk", *STATUS_FIELDS)
    ]
    if f.status in st.ALL_CLASSES:
        out = [(pk, s) for pk, s in out if s.cls == f.status]
    return out


def load(
    pairs: list[tuple[int, st.Status]], *, rows_only: bool = False
) -> list[tuple[Task, st.Status]]:
    """The Task objects (with their related rows) for (id, status) pairs, same order.
    `rows_only`: with only what a list's rows draw (templates/tasks/_rows.html: the lead
    and the directive), not the coordinators and handovers the API and exports need."""
    qs = (
        Task.objects.select_related("lead", "directive")
        if rows_only
        else Task.objects.with_related()
    )
    objects = qs.in_bulk([pk for pk, _s in pairs])
    return [(objects[pk], s) for pk, s in pairs]


def filtered_tasks(user, f: Filters, *, today: date | None = None) -> list[tuple[Task, st.Status]]:
    """Tasks the user may see, filtered, each with its status class now (API, export)."""
    return load(filtered_statuses(user, f, today=today))


def assigning_agency_for(user, issuer=None):
    """The agency in whose name the user assigns tasks: the issuer when they lead it,
    otherwise their steering office; None if they may not assign (permissions.tasks.can_assign
    answers the same question from memberships alone)."""
    if perms.assigns_for_issuer(user, issuer):
        return issuer
    ids = perms.office_agency_ids(user)
    if not ids:
        return None
    return Agency.objects.filter(pk__in=ids).order_by("-is_steering_office", "pk").first()


@dataclass
class Awaiting:
    """What waits for one person's decision: reported tasks to confirm (or return) and
    pending extension requests, on tasks permissions.tasks.can_decide lets them decide."""

    to_confirm: "QuerySet[Task]"
    extensions: "QuerySet[ExtensionRequest]"

    @property
    def count(self) -> int:
        return self.to_confirm.count() + self.extensions.count()


def awaiting_my_decision(user: perms.User) -> Awaiting:
    """The one query behind the home badge, "Của tôi" and the API."""
    decidable = Task.objects.filter(perms.decidable_filter(user))
    return Awaiting(
        to_confirm=decidable.filter(state=State.REPORTED).with_related(),
        extensions=ExtensionRequest.objects.filter(
            decision=ExtensionRequest.Decision.PENDING,
            task__in=decidable,
        ).select_related("task", "requested_by"),
    )


def to_work_on(user: perms.User) -> "QuerySet[Task]":
    """Open tasks (not yet reported) that the person's agencies lead and they may work on."""
    return Task.objects.filter(perms.workable_filter(user), state__in=OPEN_STATES)


def needing_me(user: perms.User) -> int:
    """ "N việc cần tôi xử lý" on the home page: work to do plus decisions waiting."""
    return to_work_on(user).count() + awaiting_my_decision(user).count
