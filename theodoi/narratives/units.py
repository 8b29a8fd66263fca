"""Converting a statement's figure into an indicator's unit of measure. Pure."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from theodoi.core.text import fold
from theodoi.narratives.extract import SCALES, UNITS, Statement


def uom_scale(uom: str) -> tuple[Decimal, str]:
    """An indicator's unit of measure as (factor, family): "tỷ đồng" → (10⁹, "dong")."""
    f = fold(uom)
    factor = Decimal(1)
    for word in sorted(SCALES, key=len, reverse=True):
        if f == word or f.startswith(word + " "):
            factor, f = SCALES[word], f[len(word) :].strip()
            break
    return factor, UNITS.get(f, f)


def convert(st: Statement, uom: str, is_rate: bool) -> tuple[Decimal | None, str]:
    """(value in the indicator's unit, or None with the reason)."""
    if st.number is None:
        return None, ""
    factor, family = uom_scale(uom)
    if st.growth_only and not is_rate:
        return None, _("Câu chỉ nêu tốc độ tăng, không nêu số liệu của chỉ tiêu.")
    if family != st.family:
        return None, _("Đơn vị tính “%(u)s” không đổi được sang “%(v)s”.") % {
            "u": st.unit,
            "v": uom,
        }
    return (st.number * st.scale) / factor, ""
