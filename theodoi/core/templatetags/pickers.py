"""The <option>s of the period and unit pickers, drawn in Python rather than by a template
loop: the indicator page offers ~400 periods and ~150 units, and drawing them node by node
was a third of the page's time (docs/benchmarks.md, "The mix, one request at a time").

`{% period_options periods selected %}`: grouped by year (`<optgroup label="Năm 2021">`),
labelled by `Period.label`, `selected` a period id (or anything else: then nothing is
selected). A period's label depends only on the period and the language, so the options of a
list of periods are kept in this process per (ids, language) and only the `selected` mark is
added per request. `{% unit_options units selected %}`: one option per unit (`code`,
`label`), the unit whose pk is `selected` marked."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import Any

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

register = template.Library()

# (period ids, language) -> the options without a selection. Bounded: the lists differ only
# by the years around today and around a chosen period.
_PERIOD_HTML: dict[tuple[tuple[str, ...], str | None], str] = {}
_PERIOD_HTML_MAX = 256
_lock = threading.Lock()


def _period_html(periods: list[Any]) -> str:
    parts: list[str] = []
    year = None
    for p in periods:
        if p.year != year:
            if year is not None:
                parts.append("</optgroup>")
            year = p.year
            parts.append(f'<optgroup label="{escape(_("Năm %(y)s") % {"y": p.year})}">')
        parts.append(f'<option value="{escape(p.id)}">{escape(p.label)}</option>')
    if year is not None:
        parts.append("</optgroup>")
    return "".join(parts)


@register.simple_tag
def period_options(periods: Iterable[Any], selected: Any = None) -> SafeString:
    periods = list(periods)
    key = (tuple(p.id for p in periods), get_language())
    html = _PERIOD_HTML.get(key)
    if html is None:
        html = _period_html(periods)
        with _lock:
            if len(_PERIOD_HTML) >= _PERIOD_HTML_MAX:
                _PERIOD_HTML.clear()
            _PERIOD_HTML[key] = html
    if isinstance(selected, str) and selected in key[0]:
        mark = f'<option value="{escape(selected)}">'
        html = html.replace(mark, f'<option value="{escape(selected)}" selected>', 1)
    return mark_safe(html)  # noqa: S308 every text above is escaped


@register.simple_tag
def unit_options(units: Iterable[Any], selected: Any = None) -> SafeString:
    out = []
    for u in units:
        sel = " selected" if u.pk == selected else ""
        out.append(f'<option value="{escape(u.code)}"{sel}>{escape(u.label)}</option>')
    return mark_safe("".join(out))  # noqa: S308 every text above is escaped
