from django.template.loader import render_to_string
from django.utils.translation import get_language

from theodoi.core.cache import cached
from theodoi.directives.models import Directive

TEMPLATE = "directives/_home_panel.html"


def home_panel(request):
    """The five first top-level directives, drawn: the same for every app user, so kept in
    the cache per language until a directive changes (the directives generation)."""
    html = cached(
        "home.directives", scopes=("directives",), parts=(get_language(),), compute=_drawn
    )
    return {"template": TEMPLATE, "html": html}


def _drawn() -> str:
    panel = {
        "directives": Directive.objects.filter(implements__isnull=True).select_related("issuer")[
            :5
        ],
    }
    return render_to_string(TEMPLATE, {"panel": panel})
