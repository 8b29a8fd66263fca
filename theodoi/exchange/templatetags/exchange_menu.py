"""{% may_exchange user as flag %}: whether the main menu shows "Trao đổi dữ liệu"."""

from django import template

from theodoi.permissions.exchange import can_use_exchange

register = template.Library()


@register.simple_tag
def may_exchange(user) -> bool:
    return can_use_exchange(user)
