from django.conf import settings

from theodoi.core import dates


def site(request):
    return {"PROVINCE_CODE": settings.SITE_PROVINCE_CODE}


def as_of(request):
    """The header's "Tính đến ngày": the date (core.dates.as_of) and whether it is today."""
    day = dates.as_of(request)
    # The header's form submits only the date: the page's other parameters ride along as
    # hidden fields (not the page number: another date may have fewer pages).
    keep = [
        (k, v)
        for k, values in request.GET.lists()
        for v in values
        if k not in (dates.PAGE_PARAM, "page")
    ]
    back = request.GET.copy()
    back.pop("page", None)
    back[dates.PAGE_PARAM] = dates.TODAY_WORD
    return {
        "AS_OF": day,
        "AS_OF_IS_TODAY": day == dates.today(),
        "AS_OF_KEEP": keep,
        "AS_OF_TODAY_URL": f"{request.path}?{back.urlencode()}",
    }
