from django.db.models import Count
from django.shortcuts import render

from theodoi.core.text import search
from theodoi.org.models import AdminUnit, Agency, AgencyKind, UnitKind
from theodoi.permissions.org import require_app_user


def units(request):
    require_app_user(request.user)
    q = request.GET.get("q", "")
    show = request.GET.get("show", "current")
    qs = AdminUnit.objects.select_related("parent").annotate(n_children=Count("children"))
    if show == "current":
        qs = qs.filter(valid_to__isnull=True)
    kind = request.GET.get("kind", "")
    if kind:
        qs = qs.filter(kind=kind)
    return render(
        request,
        "org/units.html",
        {
            "units": search(qs, q),
            "q": q,
            "show": show,
            "kind": kind,
            "kinds": UnitKind.choices,
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
