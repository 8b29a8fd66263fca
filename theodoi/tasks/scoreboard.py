"""The agency scoreboard: tasks in each status class per lead agency for a span.

What counts in a span [start, end]:
- a task with a deadline counts when its deadline in force falls in the span;
- a task without a deadline ("thường xuyên") counts when it was assigned by the end;
- a recurring task counts once per occurrence whose due date falls in the span (from
  its assignment date on), each occurrence classified on its own;
- paused and cancelled tasks are left out.
Each counted status is attributed to the agency that led the task on its date (the
deadline or occurrence's due date; the span's last day for a task without a deadline):
tasks.leads.lead_on over the task's LeadHandover rows, so a task passed to a merged
agency's successor on 01/03/2025 counts for the old agency before that day and for the
successor from it.
Classes are judged as of today (tasks.status.classify). Completion rate = done (on
time + late) ÷ counted; overdue rate = not done and overdue ÷ counted (as the
Government Office computes it).
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils import timezone

from theodoi.core.numbers import to_plain
from theodoi.org.models import Agency
from theodoi.tasks import status as st
from theodoi.tasks.leads import Handover, lead_on
from theodoi.tasks.models import COUNTED_STATES, RECURRING, LeadHandover, Occurrence, State

FIELDS = (
    "lead",
    "deadline",
    "recurrence",
    "recurrence_day",
    "recurrence_month",
    "reported_on",
    "state",
    "assigned_on",
)


def tasks_for_scoreboard(qs):
    """The queryset narrowed to what the scoreboard reads (lead agency, dates, state)."""
    return qs.select_related("lead").only(*FIELDS, "lead__name", "lead__code")


def task_statuses(
    task, start: date, end: date, today: date, completions: list | None = None
) -> list[st.Status]:
    """The statuses one task contributes to the span (zero, one, or one per occurrence).
    `completions` are the recurring task's confirmed occurrences (read from the task if None)."""
    if task.state not in COUNTED_STATES:
        return []
    if task.is_recurring:
        dues = st.due_dates(
            task.recurrence,
            day=task.recurrence_day,
            month=task.recurrence_month,
            start=max(start, task.assigned_on),
            end=end,
        )
        completions = list(task.completions() if completions is None else completions)
        if task.state == State.REPORTED and task.deadline:
            completions.append(st.Completion(task.deadline, task.reported_on, False))
        return st.classify_occurrences(dues, completions, today)
    s = task.status(today)
    if task.deadline is None or task.recurrence == "continuous":
        return [s] if task.assigned_on <= end else []
    return [s] if start <= task.deadline <= end else []


def handovers_of(tasks) -> dict[int, list[Handover]]:
    """{task id: its lead handovers (with the agencies)} for the tasks, in two queries.
    Handovers are few (one per task an agency merge moved): all are read as plain values and
    kept for these tasks rather than sending every task id; the agencies are read once each."""
    ids = {t.pk for t in tasks}
    rows = (
        [
            r
            for r in LeadHandover.objects.values_list(
                "task_id", "on", "from_agency_id", "to_agency_id"
            )
            if r[0] in ids
        ]
        if ids
        else []
    )
    if not rows:
        return {}
    agencies = Agency.objects.in_bulk({a for r in rows for a in r[2:]})
    out: dict[int, list[Handover]] = {}
    for task_id, on, from_id, to_id in rows:
        out.setdefault(task_id, []).append(Handover(on, agencies[from_id], agencies[to_id]))
    return out


@dataclass
class Row:
    agency: Agency | None  # None for the totals row
    counts: dict = field(default_factory=lambda: dict.fromkeys(st.CLASSES, 0))
    days_overdue: int = 0

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def done(self) -> int:
        return self.counts[st.DONE_ON_TIME] + self.counts[st.DONE_LATE]

    def _rate(self, n) -> Decimal | None:
        return (Decimal(n) * 100 / Decimal(self.total)) if self.total else None

    @property
    def completion_rate(self) -> Decimal | None:
        return self._rate(self.done)

    @property
    def on_time_rate(self) -> Decimal | None:
        return self._rate(self.counts[st.DONE_ON_TIME])

    @property
    def overdue_rate(self) -> Decimal | None:
        return self._rate(self.counts[st.OVERDUE])

    def as_dict(self) -> dict:
        return {
            "agency": self.agency.code if self.agency else None,
            "agency_name": self.agency.name if self.agency else None,
            **self.counts,
            "total": self.total,
            "done": self.done,
            "completion_rate": to_plain(self.completion_rate),
            "overdue_rate": to_plain(self.overdue_rate),
            "days_overdue": self.days_overdue,
        }


SORT_KEYS = {
    "agency": lambda r: r.agency.name,
    "total": lambda r: r.total,
    "completion": lambda r: r.completion_rate if r.completion_rate is not None else Decimal(-1),
    "overdue": lambda r: r.overdue_rate if r.overdue_rate is not None else Decimal(-1),
    **{c: (lambda cls: lambda r: r.counts[cls])(c) for c in st.CLASSES},
}


def scoreboard(
    tasks,
    start: date,
    end: date,
    *,
    today: date | None = None,
    sort: str = "agency",
    descending: bool = False,
) -> list[Row]:
    """One Row per lead agency that has something counted in the span, plus a total row
    last (agency None is never returned: use totals() for the province line)."""
    today = today or timezone.localdate()
    tasks = list(tasks)
    # Occurrences of the recurring tasks in one query (prefetching them for every task costs more).
    done: dict[int, list] = {}
    recurring = [t.pk for t in tasks if t.recurrence in RECURRING]
    for o in Occurrence.objects.filter(task_id__in=recurring) if recurring else []:
        done.setdefault(o.task_id, []).append(
            st.Completion(o.due, o.reported_on, o.confirmed_on is not None)
        )
    handovers = handovers_of(tasks)
    rows: dict[int, Row] = {}
    for task in tasks:
        passed = handovers.get(task.pk, [])
        for s in task_statuses(task, start, end, today, done.get(task.pk, [])):
            lead = lead_on(task.lead, passed, s.due or end) if passed else task.lead
            row = rows.setdefault(lead.pk, Row(lead))
            row.counts[s.cls] += 1
            row.days_overdue += s.days_overdue if s.cls == st.OVERDUE else 0
    key = SORT_KEYS.get(sort, SORT_KEYS["agency"])
    out = sorted(rows.values(), key=lambda r: r.agency.name if r.agency else "")
    return sorted(out, key=key, reverse=descending)


def totals(rows: list[Row]) -> Row:
    total = Row(None)
    for r in rows:
        for c in st.CLASSES:
            total.counts[c] += r.counts[c]
        total.days_overdue += r.days_overdue
    return total
