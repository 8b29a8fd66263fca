from django.shortcuts import render

from theodoi.core.text import search_terms
from theodoi.directives.models import Directive
from theodoi.org.views import require_app_user


def index(request):
    require_app_user(request.user)
    q = request.GET.get("q", "")
    qs = Directive.objects.select_related("issuer", "implements")
    for term in search_terms(q):
        qs = qs.filter(search_key__contains=term)
    return render(request, "directives/index.html", {"directives": qs, "q": q})
