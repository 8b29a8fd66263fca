"""The home page panel: every indicator's latest figure, its pace and its sentence."""

from django.template.loader import render_to_string

from theodoi.core.cache import cached, request_parts
from theodoi.core.dates import as_of
from theodoi.targets.cache import SCOPES
from theodoi.targets.models import Indicator
from theodoi.targets.queries import latest_metrics, province_with_figures

TEMPLATE = "targets/_home_panel.html"
# The figures are the province's, the same for every app user (require_app_user runs
# first): one drawn panel per language, query and day, until a change in targets or org.


def home_panel(request):
    day = as_of(request)
    html = cached(
        "home.targets", scopes=SCOPES, parts=request_parts(request), compute=lambda: _drawn(day)
    )
    return {"template": TEMPLATE, "html": html}


def _drawn(day) -> str:
    return render_to_string(TEMPLATE, {"panel": _panel(day)})


def _panel(day) -> dict:
    prov = province_with_figures(day)
    rows = []
    if prov is not None:
        inds = Indicator.objects.filter(retired=False).order_by("order", "code")
        rows = [
            (i, m)
            for i, m in latest_metrics(inds, prov, day)
            if m is not None and m.value is not None
        ]
    return {"rows": rows, "province": prov}
