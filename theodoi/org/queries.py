"""Read-side lookups of the organisation for pages and the API."""

from django.conf import settings

from theodoi.org.models import AdminUnit


def province():
    """The province this installation serves (settings.SITE_PROVINCE_CODE, from PROVINCE_CODE)."""
    return AdminUnit.objects.filter(code=settings.SITE_PROVINCE_CODE).first()
