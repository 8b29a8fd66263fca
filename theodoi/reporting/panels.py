from theodoi.core.dates import as_of
from theodoi.permissions import org as org_perms
from theodoi.permissions import reporting as perms
from theodoi.reporting import assembly
from theodoi.reporting.models import ReportingCycle


def home_panel(request):
    """The open cycles: the steering office sees who is late or missing; an agency sees its own
    state."""
    if not perms.can_view_reporting(request.user):
        return None
    today = as_of(request)
    items = []
    for cycle in ReportingCycle.objects.filter(state=ReportingCycle.State.OPEN).select_related(
        "regime"
    )[:5]:
        rows = assembly.board(cycle, today)
        mine = [r for r in rows if r.agency.pk in org_perms.agency_ids(request.user)]
        items.append({"cycle": cycle, "counts": assembly.board_counts(rows), "mine": mine})
    return {
        "template": "reporting/_home_panel.html",
        "items": items,
        "steering": perms.can_manage_reporting(request.user),
    }
