"""Template filters for Vietnamese display: {{ value|num }}, {{ pct|pct }}, {{ d|vndate }}."""

import datetime as _dt
from decimal import Decimal

from django import template
from django.utils import timezone

from theodoi.core import dates, numbers

register = template.Library()


@register.filter
def num(value, decimals=None):
    if value is None or value == "":
        return ""
    return numbers.format_shown(Decimal(value), None if decimals in (None, "") else int(decimals))


@register.filter
def pct(value, decimals=1):
    if value is None or value == "":
        return ""
    return numbers.for_language(numbers.format_percent(Decimal(value), int(decimals)))


@register.filter
def scaled(value):
    if value is None or value == "":
        return ""
    return numbers.for_language(numbers.format_scaled(Decimal(value)))


@register.filter
def vndate(value):
    if not value:
        return ""
    if isinstance(value, str):
        return value  # already as typed (a bound form field)
    if isinstance(value, _dt.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return dates.format_date(value)


@register.filter
def vndatetime(value):
    if not value:
        return ""
    value = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{value:%H:%M} {dates.format_date(value)}"


@register.filter
def longdate(value):
    if not value:
        return ""
    return dates.format_long_date(value)


@register.filter
def person(user):
    """A person's name in Vietnamese order: family name first ("Nguyễn Thị Văn Phòng")."""
    if not user:
        return ""
    full = f"{user.last_name} {user.first_name}".strip()
    return full or user.get_username()
