"""Reading indicators: the one filter the list page, the API and exports share."""
from theodoi.core.text import search
from theodoi.targets.models import Indicator


def filter_indicators(*, q="", field="", agency="", breakthrough="", retired=False):
    qs = Indicator.objects.select_related("lead_agency").order_by("order", "code")
    if not retired:
        qs = qs.filter(retired=False)
    qs = search(qs, q)
    if field:
        qs = qs.filter(field=field)
    if agency:
        qs = qs.filter(lead_agency__code=agency)
    if breakthrough:
        qs = qs.filter(breakthroughs__code=breakthrough)
    return qs.distinct()
