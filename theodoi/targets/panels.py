"""The home page panel: every indicator's latest figure, its pace and its sentence."""

from theodoi.core.dates import as_of
from theodoi.targets.models import Indicator
from theodoi.targets.queries import latest_metrics, province_with_figures


def home_panel(request):
    day = as_of(request)
    prov = province_with_figures(day)
    rows = []
    if prov is not None:
        inds = Indicator.objects.filter(retired=False).order_by("order", "code")
        rows = [
            (i, m)
            for i, m in latest_metrics(inds, prov, day)
            if m is not None and m.value is not None
        ]
    return {"template": "targets/_home_panel.html", "rows": rows, "province": prov}
