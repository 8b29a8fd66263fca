"""Check a report's claimed ratios against what the figures give. Pure, Decimal only.

A claim is shown with some digits ("67,4%"): the computed ratio is rounded half-up to the
same digits (core.numbers.round_half_up) and must equal it. Where the plan or last year's
figure is missing, the claim implies it; that implied figure is information, never stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from theodoi.core.numbers import format_number, round_half_up

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Check:
    kind: str
    claimed: Decimal | None
    computed: Decimal | None  # rounded to the claim's digits
    ok: bool | None  # None: nothing to compare with
    implied: Decimal | None  # the plan or previous figure the claim implies


def check(
    kind: str,
    claimed: Decimal | None,
    decimals: int,
    value: Decimal | None,
    reference: Decimal | None,
    *,
    rate: bool = False,
) -> Check:
    """kind: plan (value / plan), growth (value / previous − 1, or for a rate indicator
    the value itself), points (value − previous), times (value / previous)."""
    if claimed is None or value is None:
        return Check(kind, claimed, None, None, None)
    if kind == "growth" and rate:
        computed = round_half_up(value, decimals)
        return Check(kind, claimed, computed, computed == claimed, None)
    implied = None
    computed = None
    if reference is not None and reference != 0:
        if kind == "plan":
            computed = value / reference * HUNDRED
        elif kind == "growth":
            computed = (value / reference - 1) * HUNDRED
        elif kind == "points":
            computed = value - reference
        elif kind == "times":
            computed = value / reference
    elif reference is None:
        if kind == "plan" and claimed != 0:
            implied = value / (claimed / HUNDRED)
        elif kind == "growth" and claimed != -HUNDRED:
            implied = value / (1 + claimed / HUNDRED)
        elif kind == "points":
            implied = value - claimed
        elif kind == "times" and claimed != 0:
            implied = value / claimed
    if computed is None:
        return Check(kind, claimed, None, None, implied)
    computed = round_half_up(computed, decimals)
    return Check(kind, claimed, computed, computed == claimed, None)


def message(result: Check, decimals: int, uom: str) -> str:
    """What the preview says of a claim: both numbers when it does not add up ("báo cáo ghi
    67,4%, tính từ số liệu được 65,1%"), the implied plan or previous figure (information,
    never stored) when there was nothing to compare with, else nothing."""
    if result.ok is False and result.claimed is not None and result.computed is not None:
        unit = {"times": _(" lần"), "points": _(" điểm phần trăm")}.get(result.kind, "%")
        return _("báo cáo ghi %(a)s%(u)s, tính từ số liệu được %(b)s%(u)s") % {
            "a": format_number(result.claimed, decimals),
            "b": format_number(result.computed, decimals),
            "u": unit,
        }
    if result.ok is None and result.implied is not None:
        what = _("kế hoạch/dự toán năm") if result.kind == "plan" else _("số cùng kỳ năm trước")
        return _(
            "Chưa có %(what)s trong hệ thống; câu này ngụ ý khoảng %(v)s %(u)s "
            "(chỉ để tham khảo, không lưu)."
        ) % {"what": what, "v": format_number(round_half_up(result.implied, 0)), "u": uom}
    return ""
