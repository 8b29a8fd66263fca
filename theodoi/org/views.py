from django.db.models import Count
from django.shortcuts import get_object_or_404, render

from theodoi.core.text import search
from theodoi.org.models import AdminUnit, Agency, AgencyKind, UnitKind
from theodoi.org.queries import lineage
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
