from theodoi.core.dates import as_of
from theodoi.notices.queries import unread_count
from theodoi.tasks import status as st
from theodoi.tasks.queries import Filters, filtered_statuses, needing_me


def home_panel(request):
    """Counts of the tasks the person may see, by status class, and what waits for them.
    Each tile counts exactly the rows of the list it links to (the same query)."""
    user = request.user
    counts = dict.fromkeys(st.ALL_CLASSES, 0)
    for _pk, s in filtered_statuses(user, Filters(), today=as_of(request)):
        counts[s.cls] += 1
    return {
        "template": "tasks/_home_panel.html",
        "total": sum(counts[c] for c in st.CLASSES),
        "counts": [(c, st.LABELS[c], st.TONES[c], counts[c]) for c in st.CLASSES],
        "mine": needing_me(user) if user.is_authenticated else 0,
        "unread": unread_count(user),
    }
