from django.template.loader import render_to_string

from theodoi.core.cache import cached, request_parts
from theodoi.core.dates import as_of
from theodoi.permissions import org as org_perms
from theodoi.permissions import reporting as perms
from theodoi.reporting import assembly, queries
from theodoi.reporting.models import ReportingCycle

TEMPLATE = "reporting/_home_panel.html"
# Cycles and submissions (reporting), the regimes' agencies and the person's own (org).
SCOPES = ("reporting", "org")


def home_panel(request):
    """The open cycles: the steering office sees who is late or missing; an agency sees its own
    state. Drawn and cached per person (the agencies called "mine" are theirs) and per day
    (lateness)."""
    if not perms.can_view_reporting(request.user):
        return None
    day = as_of(request)
    steering = perms.can_manage_reporting(request.user)

    def drawn() -> str:
        panel = {"items": _items(request.user, day), "steering": steering}
        return render_to_string(TEMPLATE, {"panel": panel})

    html = cached(
        "home.reporting.drawn",
        scopes=SCOPES,
        parts=(*request_parts(request, personal=True), steering),
        compute=drawn,
    )
    return {"template": TEMPLATE, "html": html}


def _items(user, today) -> list[dict]:
    items = []
    open_cycles = queries.cycles_known_on(today).filter(state=ReportingCycle.State.OPEN)
    for cycle in open_cycles.select_related("regime")[:5]:
        rows = assembly.board(cycle, today)
        mine = [r for r in rows if r.agency.pk in org_perms.agency_ids(user)]
        items.append({"cycle": cycle, "counts": assembly.board_counts(rows), "mine": mine})
    return items
