"""The main menu's links. `{% may_exchange user as flag %}`: whether the menu shows "Trao đổi
dữ liệu"; `{% exchange_tabs user as tabs %}`: which of the exchange pages' tabs the person may
open. `{% main_menu user request.path %}`: the menu's links, the page's own marked
`aria-current` (the home page's when the path is "/", another's when the path lies under it):
drawn in Python, not by ~20 template nodes on every page, and kept in this process per
(language, the links marked, whether "Trao đổi dữ liệu" is shown) — the links' addresses
never change while the process runs. The same HTML the template drew (tests/test_menu.py)."""

import threading

from django import template
from django.urls import get_script_prefix, reverse
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from theodoi.permissions import exchange as perms

register = template.Library()

# (URL name, label); the first is marked on its own address only, the others on any below.
ITEMS = [
    ("home", _("Tổng quan")),
    ("targets:index", _("Chỉ tiêu")),
    ("tasks:index", _("Nhiệm vụ")),
    ("directives:index", _("Văn bản chỉ đạo")),
    ("reporting:index", _("Báo cáo")),
    ("narratives:index", _("Đọc báo cáo")),
    ("org:units", _("Đơn vị")),
]
EXCHANGE = ("exchange:index", _("Trao đổi dữ liệu"))
_URLS: dict[str, tuple[str, ...]] = {}
_DRAWN: dict[tuple, str] = {}
_DRAWN_MAX = 512
_lock = threading.Lock()


@register.simple_tag
def may_exchange(user) -> bool:
    return perms.can_use_exchange(user)


def _link(url: str, label, current: bool) -> str:
    mark = 'aria-current="page"' if current else ""
    return f'<a href="{conditional_escape(url)}" {mark}>{conditional_escape(label)}</a>'


def _urls() -> tuple[str, ...]:
    """The links' addresses (the exchange's last), reversed once per script prefix."""
    prefix = get_script_prefix()
    urls = _URLS.get(prefix)
    if urls is None:
        urls = _URLS[prefix] = tuple(reverse(n) for n, _label in [*ITEMS, EXCHANGE])
    return urls


@register.simple_tag
def main_menu(user, path: str) -> SafeString:
    *urls, ex_url = _urls()
    marked = (path == urls[0], *(u in path for u in urls[1:]))
    shown = perms.can_use_exchange(user)
    key = (get_script_prefix(), get_language(), marked, shown, shown and ex_url in path)
    html = _DRAWN.get(key)
    if html is None:
        lines = ["    "]
        for u, (_name, label), m in zip(urls, ITEMS, marked, strict=True):
            lines.append("    " + _link(u, label, m))
        lines.append("    " + (_link(ex_url, EXCHANGE[1], key[4]) if shown else ""))
        html = "\n".join(lines)
        with _lock:
            if len(_DRAWN) >= _DRAWN_MAX:
                _DRAWN.clear()
            _DRAWN[key] = html
    return mark_safe(html)  # noqa: S308 every text above is escaped


@register.simple_tag
def exchange_tabs(user) -> dict[str, bool]:
    return perms.exchange_tabs(user)
