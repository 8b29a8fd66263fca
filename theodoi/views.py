"""Project-level pages: the home page (Tổng quan) and the error pages."""

import logging
from datetime import date

from django.conf import settings
from django.db.models import Count
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from theodoi.core.cache import cached
from theodoi.core.dates import as_of, format_date, today
from theodoi.directives import panels as directives_panels
from theodoi.org.models import AdminUnit, Agency
from theodoi.org.queries import unit_groups
from theodoi.permissions.org import require_app_user
from theodoi.reporting import panels as reporting_panels
from theodoi.targets import panels as targets_panels
from theodoi.targets.cache import province_with_figures
from theodoi.tasks import panels as tasks_panels

log = logging.getLogger(__name__)

# Each area contributes one panel to the home page through <app>/panels.py:home_panel().
HOME_PANELS = [targets_panels, tasks_panels, directives_panels, reporting_panels]
# The day the demo's 2021 scenario is told from (the link "Xem kịch bản tháng 6/2021").
DEMO_2021 = date(2021, 6, 15)


def home(request):
    require_app_user(request.user)
    day = as_of(request)
    prov = province_with_figures(day)
    panels = []
    for module in HOME_PANELS:
        panel = module.home_panel(request)
        if panel:
            panels.append(panel)
    return render(
        request,
        "home.html",
        {
            "province": prov,
            "units_html": _units_html(prov, day) if prov else "",
            "panels": panels,
            # The demo's 2021 scenario (demo/reporting.py: the half-year report of 2021) is
            # seen as of 15/06/2021, the day after its cut-off, not as of today.
            "demo_2021": format_date(DEMO_2021) if settings.DEMO else "",
            "demo_2021_shown": day == DEMO_2021,
        },
    )


def _units_html(prov: AdminUnit, day: date) -> str:
    """The province's units (valid on the as-of date) and agencies (active on it), drawn:
    org data only, the same for everyone who may use the app, so kept in the cache per
    (province, day, language) under the org generation (a unit, succession or agency saved
    draws a new one)."""

    def compute() -> SafeString:
        units = prov.children.valid_on(day).annotate(n_children=Count("children")).order_by("code")
        if not units.exists():
            # No current units under the province: show those of the latest layout.
            units = prov.children.annotate(n_children=Count("children")).order_by("code")
        units = list(units)
        return render_to_string(
            "_home_units.html",
            {
                "province": prov,
                "units": units,
                "unit_groups": unit_groups(units),
                # The province's agencies active on the day, whichever version of the
                # province (code 68 before and after 01/07/2025) they were registered under.
                "agencies": Agency.objects.filter(unit__code=prov.code)
                .active_on(day)
                .select_related("parent"),
            },
        )

    parts = ("home.units", prov.pk, day.isoformat(), today().isoformat(), get_language())
    return cached("home.units", scopes=("org",), parts=parts, compute=compute)


def health(request):
    return JsonResponse({"status": "ok"})


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


# Shown when the 500 page itself cannot be drawn (the database is down, a template is broken):
# plain HTML with the mobile viewport, no menu since drawing the menu may be what fails.
_BARE_500 = (
    '<!doctype html><html lang="vi"><head><meta charset="utf-8">'
    '<meta name="viewport" content="width=device-width, initial-scale=1">'
    "<title>Lỗi hệ thống — Theo Dõi</title>"
    '<link rel="stylesheet" href="/static/theodoi/app.css"></head><body>'
    '<header class="topbar"><a class="brand" href="/">Theo Dõi</a></header>'
    '<main id="main"><h1>Lỗi hệ thống</h1><p>Đã có lỗi xảy ra khi xử lý yêu cầu. Lỗi đã '
    "được ghi lại để quản trị hệ thống xử lý. Vui lòng thử lại sau ít phút.</p>"
    '<p><a href="/">Về trang Tổng quan</a></p></main></body></html>'
)


def server_error(request):
    """The error page with the menu; if drawing it fails too, a bare page (never a traceback)."""
    try:
        return render(request, "500.html", status=500)
    except Exception:
        log.exception("the 500 page could not be drawn with the layout")
        return HttpResponseServerError(_BARE_500)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)
