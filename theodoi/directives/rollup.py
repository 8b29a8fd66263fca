"""A directive's progress roll-up: the tasks of the directive and of every directive
below it in the cascade, counted by status class (only those the person may see)."""
from dataclasses import dataclass, field
from decimal import Decimal

from django.apps import apps
from django.utils import timezone

from theodoi.tasks import status as st


@dataclass
class Rollup:
    counts: dict = field(default_factory=lambda: {c: 0 for c in st.CLASSES})
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


def rollup(user, directive) -> Rollup:
    from theodoi.tasks.models import COUNTED_STATES, Task
    from theodoi.tasks.queries import directive_and_descendants

    today = timezone.localdate()
    ids = directive_and_descendants(directive.pk)
    out = Rollup()
    for t in Task.objects.visible_to(user).with_related().filter(directive_id__in=ids).order_by("deadline", "id"):
        s = t.status(today)
        if t.directive_id == directive.pk:
            out.tasks.append((t, s))
        if t.state in COUNTED_STATES:
            out.counts[s.cls] += 1
            out.percent_sum += t.percent
    return out


def targets_for(directive):
    """Indicators the directive promises, when the targets area links them to directives
    (a `directive` foreign key on targets.Indicator); an empty list until it does."""
    try:
        Indicator = apps.get_model("targets", "Indicator")
    except LookupError:
        return []
    if "directive" not in {f.name for f in Indicator._meta.get_fields()}:
        return []
    return list(Indicator.objects.filter(directive=directive))
