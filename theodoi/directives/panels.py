from theodoi.directives.models import Directive


def home_panel(request):
    return {
        "template": "directives/_home_panel.html",
        "directives": Directive.objects.filter(implements__isnull=True).select_related("issuer")[
            :5
        ],
        "count": Directive.objects.count(),
    }
