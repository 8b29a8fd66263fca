from django.template.loader import render_to_string

from theodoi.core.cache import cached, request_parts
from theodoi.core.dates import as_of
from theodoi.notices.queries import unread_count
from theodoi.tasks import status as st
from theodoi.tasks.queries import Filters, filtered_statuses, needing_me

TEMPLATE = "tasks/_home_panel.html"
# What a person may see depends on their memberships (org); counts on today (in the key).
SCOPES = ("tasks", "org")


def home_panel(request):
    """Counts of the tasks the person may see, by status class, and what waits for them.
    Each tile counts exactly the rows of the list it links to (the same query). The counts
    are the person's own (cached per person); unread notices are read each time and are
    part of the key of the drawn panel (cached per person too)."""
    user = request.user
    day = as_of(request)
    parts = request_parts(request, personal=True)
    counts, mine = cached(
        "home.tasks", scopes=SCOPES, parts=parts, compute=lambda: _counts(user, day)
    )
    panel = {
        "template": TEMPLATE,
        "total": sum(counts[c] for c in st.CLASSES),
        "counts": [(c, st.LABELS[c], st.TONES[c], counts[c]) for c in st.CLASSES],
        "mine": mine,
        "unread": unread_count(user),
    }
    panel["html"] = cached(
        "home.tasks.drawn",
        scopes=SCOPES,
        parts=(*parts, panel["unread"]),
        compute=lambda: render_to_string(TEMPLATE, {"panel": panel}),
    )
    return panel


def _counts(user, day) -> tuple[dict[str, int], int]:
    counts = dict.fromkeys(st.ALL_CLASSES, 0)
    for _pk, s in filtered_statuses(user, Filters(), today=day):
        counts[s.cls] += 1
    return counts, needing_me(user) if user.is_authenticated else 0
