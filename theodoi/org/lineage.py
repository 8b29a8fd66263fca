"""The rules of administrative units' lineage, on plain values (no database).

A unit is valid from ``valid_from`` to ``valid_to`` (inclusive, None = open). A
succession passes a predecessor's territory to a successor on ``effective``, wholly
(share None) or in part (share, a Decimal in 0–1). A predecessor split between several
successors has shares adding up to 1.
"""

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TypeVar

from django.utils.translation import gettext as _

from theodoi.core.dates import format_date

ONE = Decimal(1)


K = TypeVar("K", bound=Hashable)


def overlaps(a_from: date | None, a_to: date | None, b_from: date | None, b_to: date | None):
    """Whether two validity spans (inclusive, None = open) share at least one day."""
    return (a_from is None or b_to is None or a_from <= b_to) and (
        b_from is None or a_to is None or b_from <= a_to
    )


def check_code_free(
    code: str,
    valid_from: date | None,
    valid_to: date | None,
    others: Iterable[tuple[str, date | None, date | None]],
) -> str:
    """A message when another unit (name, from, to) holds ``code`` on a day of this span."""
    for name, o_from, o_to in others:
        if overlaps(valid_from, valid_to, o_from, o_to):
            return _(
                "Mã %(code)s đang là mã của %(name)s trong cùng thời gian hiệu lực; "
                "một mã chỉ thuộc một đơn vị tại mỗi thời điểm."
            ) % {"code": code, "name": name}
    return ""


@dataclass(frozen=True)
class UnitSpan:
    key: object
    name: str
    valid_from: date | None
    valid_to: date | None


@dataclass(frozen=True)
class Link:
    predecessor: object
    successor: object
    effective: date
    share: Decimal | None = None


def check_successions(units: dict[object, UnitSpan], links: Iterable[Link]) -> list[str]:
    """Every reason the links cannot stand, in Vietnamese (empty when they can).

    Refused: a predecessor still valid on or after the day its successor takes over;
    shares of a split predecessor not adding up to 100% (or mixed with a whole
    transfer); a cycle in the lineage.
    """
    links = list(links)
    errors: list[str] = []
    by_pred: dict[object, list[Link]] = defaultdict(list)
    for link in links:
        by_pred[link.predecessor].append(link)
        pred = units[link.predecessor]
        if pred.valid_to is None or pred.valid_to >= link.effective:
            errors.append(
                _("%(old)s còn hiệu lực đến %(to)s, sau khi %(new)s bắt đầu từ %(day)s.")
                % {
                    "old": pred.name,
                    "to": format_date(pred.valid_to) if pred.valid_to else _("nay"),
                    "new": units[link.successor].name,
                    "day": format_date(link.effective),
                }
            )
    for pred_key, group in by_pred.items():
        if len(group) == 1 and group[0].share is None:
            continue
        shares = [link.share for link in group if link.share is not None]
        if len(shares) < len(group) or any(s <= 0 or s > ONE for s in shares):
            errors.append(
                _("%(old)s được chia cho nhiều đơn vị nhưng thiếu tỷ lệ của một phần.")
                % {"old": units[pred_key].name}
            )
            continue
        total = sum(shares, Decimal(0))
        if abs(total - ONE) > Decimal("0.0001"):
            errors.append(
                _("Tỷ lệ chia của %(old)s cộng lại %(total)s%%, không phải 100%%.")
                % {"old": units[pred_key].name, "total": f"{total * 100:.2f}".replace(".", ",")}
            )
    cycle = find_cycle((link.predecessor, link.successor) for link in links)
    if cycle:
        errors.append(cycle_message([units[k].name for k in cycle]))
    return errors


def cycle_message(names: Iterable[str]) -> str:
    return _("Quan hệ kế thừa tạo thành vòng lặp: %(path)s.") % {"path": " → ".join(names)}


def find_cycle(edges: Iterable[tuple[object, object]]) -> list[object]:
    """One cycle of the directed graph as a path (first node repeated at the end), or []."""
    graph: dict[object, list[object]] = defaultdict(list)
    for a, b in edges:
        graph[a].append(b)
    state: dict[object, int] = {}
    for root in list(graph):
        if state.get(root):
            continue
        stack: list[tuple[object, int]] = [(root, 0)]
        path: list[object] = []
        while stack:
            node, i = stack.pop()
            if i == 0:
                if state.get(node) == 1:
                    return path[path.index(node) :] + [node]
                if state.get(node) == 2:
                    continue
                state[node] = 1
                path.append(node)
            nexts = graph.get(node, [])
            if i < len(nexts):
                stack.append((node, i + 1))
                stack.append((nexts[i], 0))
            else:
                state[node] = 2
                path.pop()
    return []


def pick_for_span(
    candidates: Iterable[UnitSpan], start: date, end: date
) -> tuple[UnitSpan | None, UnitSpan | None]:
    """Among the units holding one code, the one valid in [start, end] (the one valid on
    ``end`` first), else (None, the one that held the code nearest to the span)."""
    cands = list(candidates)
    inside = [c for c in cands if overlaps(c.valid_from, c.valid_to, start, end)]
    if inside:
        inside.sort(key=lambda c: c.valid_from or date.min, reverse=True)
        return inside[0], None
    if not cands:
        return None, None
    before = [c for c in cands if c.valid_to is not None and c.valid_to < start]
    if before:
        return None, max(before, key=lambda c: c.valid_to or date.min)
    return None, min(cands, key=lambda c: c.valid_from or date.min)


def outside_message(unit: UnitSpan, start: date) -> str:
    """Why ``unit`` takes no value for a span starting on ``start`` (it ended, or was
    not yet created)."""
    if unit.valid_to is not None and unit.valid_to < start:
        return _("%(unit)s không còn tồn tại từ %(day)s.") % {
            "unit": unit.name,
            "day": format_date(date.fromordinal(unit.valid_to.toordinal() + 1)),
        }
    return _("%(unit)s chỉ tồn tại từ %(day)s.") % {
        "unit": unit.name,
        "day": format_date(unit.valid_from) if unit.valid_from else "",
    }


def weights_from(
    links: Iterable[tuple[object, object, Decimal | None]], unit: object, *, upward: bool = True
) -> dict[object, Decimal]:
    """Every unit ``unit`` comes from (``upward``) or went into, transitively, with the part
    of it that is in ``unit``: shares multiply along a chain and add up over paths (a whole
    transfer counts 1). ``links``: (predecessor, successor, share or None)."""
    step: dict[object, list[tuple[object, Decimal]]] = defaultdict(list)
    for pred, succ, share in links:
        w = ONE if share is None else share
        if upward:
            step[succ].append((pred, w))
        else:
            step[pred].append((succ, w))
    out: dict[object, Decimal] = defaultdict(Decimal)
    frontier: list[tuple[object, Decimal, frozenset]] = [(unit, ONE, frozenset([unit]))]
    while frontier:
        node, weight, seen = frontier.pop()
        for nxt, w in step.get(node, []):
            if nxt in seen:
                continue
            out[nxt] += weight * w
            frontier.append((nxt, weight * w, seen | {nxt}))
    return dict(out)


def comparable_total(
    kind: str, weights: Mapping[K, Decimal], values: Mapping[K, Decimal | None]
) -> tuple[Decimal | None, list[K], bool]:
    """A figure on today's boundaries from the figures of the units it comes from, each
    weighted by the part of it inside today's unit: (total, the units whose figure is
    missing, whether a share < 1 was applied, i.e. the total is an estimate).

    Flows and stocks add up; a rate is never derived (None). A missing figure gives no
    total: never a silent partial sum."""
    if kind == "rate":
        return None, [], False
    missing = [u for u in weights if values.get(u) is None]
    if missing:
        return None, missing, False
    total = sum((values[u] * w for u, w in weights.items()), Decimal(0))  # type: ignore[operator]
    return total, [], any(w != ONE for w in weights.values())
