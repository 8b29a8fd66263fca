from django.db.models import Q
from django.utils import timezone

from theodoi.notices.queries import unread_count
from theodoi.permissions import org as org_perms
from theodoi.tasks import status as st
from theodoi.tasks.models import COUNTED_STATES, State, Task


def home_panel(request):
    """Counts of the tasks the person may see, by status class, and what waits for them."""
    user, today = request.user, timezone.localdate()
    tasks = Task.objects.visible_to(user).filter(state__in=COUNTED_STATES)
    counts = {c: 0 for c in st.CLASSES}
    for t in tasks.only("deadline", "reported_on", "state", "recurrence"):
        counts[t.status(today).cls] += 1
    ids = org_perms.agency_ids(user)
    mine = Task.objects.filter(
        Q(lead_id__in=ids, state__in=[State.ASSIGNED, State.IN_PROGRESS, State.RETURNED])
        | Q(assigner=user, state=State.REPORTED)
    ).count() if user.is_authenticated else 0
    return {
        "template": "tasks/_home_panel.html",
        "total": sum(counts.values()),
        "counts": [(c, st.LABELS[c], st.TONES[c], counts[c]) for c in st.CLASSES],
        "mine": mine,
        "unread": unread_count(user),
    }
