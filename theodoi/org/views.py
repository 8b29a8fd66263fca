from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import render
from django.utils import timezone

from theodoi.core.text import search
from theodoi.org.models import AdminUnit, Agency, AgencyKind, UnitKind
from theodoi.permissions import org as perms


def require_app_user(user):
    if not perms.can_use_app(user):
        raise PermissionDenied


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
    return render(request, "org/units.html", {
        "units": search(qs, q), "q": q, "show": show, "kind": kind, "kinds": UnitKind.choices,
    })


def agencies(request):
    require_app_user(request.user)
    q = request.GET.get("q", "")
    kind = request.GET.get("kind", "")
    qs = Agency.objects.select_related("unit", "parent")
    if kind:
        qs = qs.filter(kind=kind)
    return render(request, "org/agencies.html", {
        "agencies": search(qs, q), "q": q, "kind": kind, "kinds": AgencyKind.choices,
    })


def province():
    """The province this installation serves (settings.SITE_PROVINCE_CODE, from PROVINCE_CODE)."""
    from django.conf import settings

    return AdminUnit.objects.filter(code=settings.SITE_PROVINCE_CODE).first()


def today():
    return timezone.localdate()
