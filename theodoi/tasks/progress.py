"""A directive's progress: the tasks of the directive and of every directive below it in
the cascade, counted by status class (only those the person may see). The directive page
pulls it as a panel (tasks.views.directive_progress, loaded by htmx)."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils import timezone

from theodoi.tasks import status as st
from theodoi.tasks.models import COUNTED_STATES, Task
from theodoi.tasks.queries import directive_and_descendants


@dataclass
class DirectiveProgress:
    counts: dict = field(default_factory=lambda: dict.fromkeys(st.CLASSES, 0))
    percent_sum: Decimal = Decimal(0)
    tasks: list = field(default_factory=list)  # (task, status) of this directive itself

    @property
    def total(self):
        return sum(self.counts.values())

    @property
    def done(self):
        return self.counts[st.DONE_ON_TIME] + self.counts[st.DONE_LATE]

    @property
    def completion_rate(self):
        return Decimal(self.done) * 100 / self.total if self.total else None

    @property
    def average_percent(self):
        return self.percent_sum / self.total if self.total else None

    @property
    def classes(self):
        return [(c, st.LABELS[c], st.TONES[c], self.counts[c]) for c in st.CLASSES]


def directive_progress(user, directive, today: date | None = None) -> DirectiveProgress:
    """The directive's tasks and those of the directives below it, classified as of `today`
    (the page's as-of date, core.dates.as_of)."""
    today = today or timezone.localdate()
    ids = directive_and_descendants(directive.pk)
    out = DirectiveProgress()
    for t in (
        Task.objects.visible_to(user)
        .with_related()
        .filter(directive_id__in=ids, assigned_on__lte=today)
        .order_by("deadline", "id")
    ):
        s = t.status(today)
        if t.directive_id == directive.pk:
            out.tasks.append((t, s))
        if t.state in COUNTED_STATES:
            out.counts[s.cls] += 1
            out.percent_sum += t.percent
    return out
