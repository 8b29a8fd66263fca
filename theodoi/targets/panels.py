"""The home page panel: every indicator's latest figure, its pace and its sentence."""

from django.template.loader import render_to_string

from theodoi.core.cache import cached, request_parts
from theodoi.targets.cache import SCOPES
from theodoi.targets.models import Indicator
from theodoi.targets.queries import latest_metrics, province_with_figures

TEMPLATE = "targets/_home_panel.html"
# The figures are the province's, the same for every app user (require_app_user runs
# first): one drawn panel per language, query and day, until a change in targets or org.


def home_panel(request):
    html = cached("home.targets", scopes=SCOPES, parts=request_parts(request), compute=_drawn)
    return {"template": TEMPLATE, "html": html}


def _drawn() -> str:
    return render_to_string(TEMPLATE, {"panel": _panel()})


def _panel() -> dict:
    prov = province_with_figures()
    rows = []
    if prov is not None:
        inds = Indicator.objects.filter(retired=False).order_by("order", "code")
        rows = [
            (i, m) for i, m in latest_metrics(inds, prov) if m is not None and m.value is not None
        ]
    return {"rows": rows, "province": prov}
