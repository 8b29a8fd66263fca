"""Reading indicators: the one filter the list page, the API and exports share."""
from theodoi.core.text import search_terms
from theodoi.targets.models import Indicator


def filter_indicators(*, q="", field="", agency="", breakthrough="", retired=False):
    qs = Indicator.objects.select_related("lead_agency").order_by("order", "code")
    if not retired:
        qs = qs.filter(retired=False)
    for term in search_terms(q):
        qs = qs.filter(search_key__contains=term)
    if field:
        qs = qs.filter(field=field)
    if agency:
        qs = qs.filter(lead_agency__code=agency)
    if breakthrough:
        qs = qs.filter(breakthroughs__code=breakthrough)
    return qs.distinct()
