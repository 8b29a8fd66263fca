"""Project-level pages: the home page (Tổng quan) and the error pages."""

import logging

from django.db.models import Count
from django.http import JsonResponse
from django.shortcuts import render

from theodoi.core.dates import today
from theodoi.directives import panels as directives_panels
from theodoi.org.models import AdminUnit, Agency
from theodoi.permissions.org import require_app_user
from theodoi.reporting import panels as reporting_panels
from theodoi.targets import panels as targets_panels
from theodoi.targets.queries import province_with_figures
from theodoi.tasks import panels as tasks_panels

log = logging.getLogger(__name__)

# Each area contributes one panel to the home page through <app>/panels.py:home_panel().
HOME_PANELS = [targets_panels, tasks_panels, directives_panels, reporting_panels]


def home(request):
    require_app_user(request.user)
    prov = province_with_figures()
    day = today()
    panels = []
    for module in HOME_PANELS:
        panel = module.home_panel(request)
        if panel:
            panels.append(panel)
    units = AdminUnit.objects.none()
    if prov:
        units = prov.children.valid_on(day).annotate(n_children=Count("children")).order_by("code")
        if not units.exists():
            # No current units under the province: show those of the latest layout.
            units = prov.children.annotate(n_children=Count("children")).order_by("code")
    return render(
        request,
        "home.html",
        {
            "province": prov,
            "units": units,
            "agencies": Agency.objects.filter(unit=prov).select_related("parent")
            if prov
            else Agency.objects.none(),
            "panels": panels,
        },
    )


def health(request):
    return JsonResponse({"status": "ok"})


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)
