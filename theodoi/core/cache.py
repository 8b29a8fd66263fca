"""Answers worth keeping (the overview's panels, the analytics figures) in Django's cache.

Each answer is stored under a key made of what it depends on: the *generation* of every area
it reads ("targets", "org", "tasks", "reporting"...), and what the request varies by (its
path and query, the language, today's date, the person when the answer is personal). A
change in an area draws a new random generation for it (`bump`: `audit.changes.changed`,
called by every audited change and by a signal for any other save), so every answer that
read the area is never looked up again and simply expires: nothing has to know which keys to
delete, and two app processes sharing the cache (Redis, or one file cache) agree at once.

A random generation rather than a counter: two bumps racing never write the same value, so a
reader that computed between them cannot store an answer under the generation that stays.
The cache being down costs speed, never an answer: every call falls back to computing.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.core.cache import cache
from django.utils.translation import get_language

from theodoi.core.dates import as_of, today

log = logging.getLogger(__name__)

PREFIX = "theodoi:"
# The areas whose generations cached answers read. A change of any other area renews
# nothing (and registers nothing at commit); an answer naming an area not listed here is a
# programming error (`cached` refuses it), so a new one is added here first.
AREAS = frozenset({"targets", "org", "tasks", "reporting", "directives"})
# An answer lives at most this long even if nothing changes (a write outside the services
# that bypassed every signal, such as raw SQL, is seen after this at the latest).
TIMEOUT = 600
_MISSING = object()
T = TypeVar("T")


def _gen_key(scope: str) -> str:
    return f"{PREFIX}gen:{scope}"


def generations(scopes: Iterable[str]) -> list[str]:
    """The current generation of each scope (a new one is drawn for a scope without one)."""
    keys = [_gen_key(s) for s in scopes]
    found = cache.get_many(keys)
    out = []
    for k in keys:
        g = found.get(k)
        if g is None:
            g = secrets.token_hex(8)
            if not cache.add(k, g, None):  # another process drew one first: use it
                g = cache.get(k) or g
        out.append(g)
    return out


def bump(*scopes: str) -> None:
    """A new generation for each scope: every answer that read one of them is stale."""
    if not scopes:
        return
    try:
        cache.set_many({_gen_key(s): secrets.token_hex(8) for s in scopes}, None)
    except Exception:
        log.warning("cache unreachable: generations of %s not renewed", scopes, exc_info=True)


def answer_key(name: str, scopes: Iterable[str], parts: Iterable[Any]) -> str:
    scopes = tuple(scopes)
    raw = repr((name, scopes, tuple(generations(scopes)), tuple(parts)))
    return f"{PREFIX}answer:{name}:{hashlib.sha256(raw.encode()).hexdigest()}"


def cached(
    name: str,
    *,
    scopes: Iterable[str],
    parts: Iterable[Any],
    compute: Callable[[], T],
    timeout: int = TIMEOUT,
) -> T:
    """`compute()`'s answer, from the cache when an answer with the same name, the same
    generations of `scopes` and the same `parts` is there. `parts` must hold everything the
    answer varies by (see `request_parts`); an exception in `compute` is not cached."""
    scopes = tuple(scopes)
    if not AREAS.issuperset(scopes):
        raise ValueError(f"{name}: add {set(scopes) - AREAS} to core.cache.AREAS")
    try:
        key = answer_key(name, scopes, parts)
        hit = cache.get(key, _MISSING)
    except Exception:
        log.warning("cache unreachable: %s computed", name, exc_info=True)
        return compute()
    if hit is not _MISSING:
        return hit  # stored by the line below under the same name
    value = compute()
    try:
        cache.set(key, value, timeout)
    except Exception:
        log.warning("cache unreachable: %s not stored", name, exc_info=True)
    return value


def request_parts(request, *, personal: bool = False) -> tuple[Any, ...]:
    """What an answer drawn for a request varies by: the path and every query parameter
    (the period, the unit, an as-of date...), the language, today's date (overdue counts,
    units valid today) and, for a `personal` answer (what a person may see), the person."""
    query = tuple(sorted((k, tuple(v)) for k, v in request.GET.lists()))
    person = request.user.pk if personal else None
    day = as_of(request)  # the date the figures speak of (kept in the session, not the query)
    return (request.path, query, get_language(), today().isoformat(), day.isoformat(), person)
