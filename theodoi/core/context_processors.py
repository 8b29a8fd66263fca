from django.conf import settings


def site(request):
    return {"PROVINCE_CODE": settings.SITE_PROVINCE_CODE}
