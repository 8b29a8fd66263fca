from django.core.paginator import Page, Paginator
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from theodoi.core.text import search
from theodoi.org.models import AdminUnit, Agency, AgencyKind, UnitKind
from theodoi.org.queries import UNIT_STATES, lineage, provinces_for_state, units_list
from theodoi.permissions.org import require_app_user

UNITS_PER_PAGE = 50


def units(request):
    """The units list: 14k units in both states, 50 a page, filtered and searched."""
    require_app_user(request.user)
    q = request.GET.get("q", "")
    # "show=all" was the old switch between today's units and every unit ever held.
    state = request.GET.get("state") or ("all" if request.GET.get("show") == "all" else "")
    state = state if state in UNIT_STATES else "current"
    kind = request.GET.get("kind", "")
    province = request.GET.get("province", "")
    qs = units_list(state=state, province=province, kind=kind, q=q)
    page: Page = Paginator(qs, UNITS_PER_PAGE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "org/units.html",
        {
            "page": page,
            "units": page.object_list,
            "params": params.urlencode(),
            "q": q,
            "state": state,
            "states": [
                ("current", _("Đang có hiệu lực")),
                ("before", _("Trước 01/07/2025 (63 tỉnh, 3 cấp)")),
                ("after", _("Từ 01/07/2025 (34 tỉnh, 2 cấp)")),
                ("all", _("Cả đơn vị đã giải thể, sáp nhập")),
            ],
            "kind": kind,
            "kinds": UnitKind.choices,
            "province": province,
            "provinces": provinces_for_state(state),
        },
    )


def agencies(request):
    require_app_user(request.user)
    q = request.GET.get("q", "")
    kind = request.GET.get("kind", "")
    qs = Agency.objects.select_related("unit", "parent")
    if kind:
        qs = qs.filter(kind=kind)
    return render(
        request,
        "org/agencies.html",
        {
            "agencies": search(qs, q),
            "q": q,
            "kind": kind,
            "kinds": AgencyKind.choices,
        },
    )


def unit(request, pk):
    """A unit's page: what it is, and its lineage (from what, into what, when, which
    resolution, with the share of a split)."""
    require_app_user(request.user)
    u = get_object_or_404(AdminUnit.objects.select_related("parent"), pk=pk)
    before, after = lineage(u)

    def rows(steps):
        return [(s, None if s.share is None else s.share * 100) for s in steps]

    return render(
        request, "org/unit.html", {"unit": u, "before": rows(before), "after": rows(after)}
    )
