"""Template filters for Vietnamese display: {{ value|num }}, {{ pct|pct }}, {{ d|vndate }}."""

import datetime as _dt
from decimal import Decimal

from django import template
from django.utils import timezone, translation

from theodoi.core import dates, numbers

register = template.Library()

_SWAP = str.maketrans({".": ",", ",": "."})


def _for_language(text: str) -> str:
    """Vietnamese notation ("6.265,5") as the page's language writes it: English mode shows
    "6,265.5". What people type on a page is read in the same notation
    (core.numbers.parse_typed), so a figure shown in an input can be saved unchanged."""
    if (translation.get_language() or "vi").startswith("en"):
        return text.translate(_SWAP)
    return text


@register.filter
def num(value, decimals=None):
    if value is None or value == "":
        return ""
    return _for_language(
        numbers.format_number(Decimal(value), None if decimals in (None, "") else int(decimals))
    )


@register.filter
def pct(value, decimals=1):
    if value is None or value == "":
        return ""
    return _for_language(numbers.format_percent(Decimal(value), int(decimals)))


@register.filter
def scaled(value):
    if value is None or value == "":
        return ""
    return _for_language(numbers.format_scaled(Decimal(value)))


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
