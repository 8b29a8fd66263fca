"""{% may_exchange user as flag %}: whether the main menu shows "Trao đổi dữ liệu";
{% exchange_tabs user as tabs %}: which of the exchange pages' tabs the person may open."""

from django import template

from theodoi.permissions import exchange as perms

register = template.Library()


@register.simple_tag
def may_exchange(user) -> bool:
    return perms.can_use_exchange(user)


@register.simple_tag
def exchange_tabs(user) -> dict[str, bool]:
    return perms.exchange_tabs(user)
