"""Reading a narrative report: preview (stores nothing) and commit (writes the ticked
figures through targets.services.record_values, all or nothing, locks respected)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from theodoi.core.errors import DomainError
from theodoi.core.numbers import format_number, round_half_up, to_plain
from theodoi.core.periods import Period, PeriodError
from theodoi.core.text import fold
from theodoi.narratives import claims as claims_mod
from theodoi.narratives.extract import Statement, extract
from theodoi.narratives.match import match, variants
from theodoi.narratives.readers import read_upload
from theodoi.narratives.units import convert
from theodoi.org.models import AdminUnit
from theodoi.org.queries import province
from theodoi.permissions.targets import can_write_for_indicator
from theodoi.targets.models import DataValue, Indicator, TargetValue
from theodoi.targets.rows import ValueRow
from theodoi.targets.services import record_values

STATUS = {"estimate": "estimate", "reported": "preliminary"}
PLAN_KINDS = {"du toan": ["estimate"], "": ["adjusted", "plan", "estimate"]}
MAX_TEXT = 2_000_000


def _indicators() -> list[tuple[Indicator, list[str]]]:
    out = []
    for ind in Indicator.objects.filter(retired=False).select_related("lead_agency"):
        syn = [s for s in ind.synonyms.splitlines() if s.strip()] + [ind.code]
        out.append((ind, variants(ind.name, syn)))
    return out


def _unit_for(st: Statement, units: list[AdminUnit]) -> AdminUnit | None:
    if not st.place_name:
        return None
    name = fold(st.place_name)
    kind = {"thanh pho": "thanh_pho", "thi xa": "thi_xa", "thi tran": "thi_tran"}.get(
        st.place_kind, st.place_kind
    )
    hits = [u for u in units if fold(u.name) in (name, f"{fold(st.place_kind)} {name}")]
    if st.period is not None:
        # A name (like a code) names one unit at one time: keep those existing in the period.
        hits = [u for u in hits if u.is_valid_during(st.period.start, st.period.end)]
    same = [u for u in hits if u.kind == kind]
    return (same or hits or [None])[0]


def read_input(*, text: str = "", name: str = "", data: bytes | None = None):
    if data is not None:
        got = read_upload(name or "tep", data)
        return got.text, got.from_image
    if not (text or "").strip():
        raise DomainError(_("Chưa có nội dung: hãy tải tệp lên hoặc dán văn bản."), field="text")
    if len(text) > MAX_TEXT:
        raise DomainError(_("Văn bản quá dài."), field="text")
    return text, False


def preview(
    actor: Any,
    *,
    text: str = "",
    name: str = "",
    data: bytes | None = None,
    period: str = "",
) -> dict:
    """Read, match and check; nothing is written."""
    default = None
    if period:
        try:
            default = Period.parse(period)
        except PeriodError as exc:
            raise DomainError(exc.message, field="period") from None
    body, from_image = read_input(text=text, name=name, data=data)
    statements = extract(body, default, from_image=from_image)
    if not statements:
        raise DomainError(
            _("Không tìm thấy số liệu nào trong văn bản (câu có chỉ tiêu, con số và đơn vị tính)."),
            field="text",
        )
    indicators = _indicators()
    by_code = {i.code: i for i, _v in indicators}
    pairs = [(i.code, v) for i, v in indicators]
    home = province()
    units = list(AdminUnit.objects.all()) if any(s.place_name for s in statements) else []
    out = [_row(actor, n, st, pairs, by_code, home, units) for n, st in enumerate(statements)]
    return {"filename": name, "from_image": from_image, "statements": out}


def _row(actor, n, st: Statement, pairs, by_code, home, units) -> dict:
    m = match(st.phrase, pairs)
    ind = by_code.get(m.code) if m.code else None
    flags: list[str] = []
    # The province as it stood in the period the sentence speaks of (68 names the old Lâm
    # Đồng until 30/06/2025 and the merged one after).
    unit = province(st.period.end) if st.period is not None else home
    if st.place_name:
        unit = _unit_for(st, units)
        if unit is None:
            flags.append(_("Không tìm thấy đơn vị “%(p)s”.") % {"p": st.place_name})
    value = None
    if ind is not None and st.number is not None:
        value, why = convert(st, ind.unit_of_measure, ind.is_rate)
        if why:
            flags.append(why)
    if st.error:
        flags.append(st.error)
    if m.ambiguous:
        flags.append(
            _("Có nhiều chỉ tiêu khớp (%(c)s): hãy chọn một.") % {"c": ", ".join(m.candidates)}
        )
    if st.period is None:
        flags.append(_("Câu không nêu kỳ và chưa chọn kỳ của báo cáo."))
    checks = _checks(st, ind, unit, value)
    flags += [c["message"] for c in checks if c["ok"] is False]
    can_write = ind is not None and can_write_for_indicator(actor, ind)
    if ind is not None and not can_write:
        flags.append(_("Bạn không có quyền nhập số liệu chỉ tiêu này."))
    committable = bool(
        ind and value is not None and unit and st.period and not st.error and can_write
    )
    return {
        "index": n,
        "sentence": st.sentence,
        "before": st.sentence[: st.start],
        "figure": st.sentence[st.start : st.end],
        "after": st.sentence[st.end :],
        "words": st.phrase,
        "indicator": ind.code if ind else None,
        "indicator_name": ind.name if ind else "",
        "candidates": list(m.candidates),
        "ambiguous": m.ambiguous,
        "unit": unit.code if unit else None,
        "unit_name": unit.name if unit else "",
        "period": st.period.id if st.period else None,
        "period_label": st.period.label if st.period else "",
        "value": to_plain(value),
        "value_display": format_number(value) if value is not None else "",
        "uom": ind.unit_of_measure if ind else st.unit,
        "status": STATUS[st.status],
        "from_image": st.from_image,
        "claims": checks,
        "flags": flags,
        "committable": committable,
    }


def _checks(st: Statement, ind, unit, value) -> list[dict]:
    out = []
    for c in st.claims:
        reference = None
        ref_label = ""
        if ind is not None and unit is not None and st.period is not None and value is not None:
            if c.kind == "plan":
                kinds = PLAN_KINDS["du toan"] if c.ref == "du toan" else PLAN_KINDS[""]
                year = Period.year_(st.period.year).id
                for kind in kinds:
                    t = (
                        TargetValue.objects.filter(
                            indicator=ind, unit=unit, period_id=year, kind=kind
                        )
                        .order_by("-created_at", "-id")
                        .first()
                    )
                    if t is not None:
                        reference, ref_label = t.value, t.get_kind_display()
                        break
            else:
                prev = (
                    DataValue.objects.filter(
                        indicator=ind,
                        unit=unit,
                        period_id=st.period.previous_year().id,
                        is_latest=True,
                    )
                    .values_list("value", flat=True)
                    .first()
                )
                reference = prev
        result = claims_mod.check(
            c.kind, c.number, c.decimals, value, reference, rate=bool(ind and ind.is_rate)
        )
        shown = format_number(c.number, c.decimals) if c.number is not None else ""
        unit_word = (
            _("lần") if c.kind == "times" else (_(" điểm phần trăm") if c.kind == "points" else "%")
        )
        message = ""
        if result.ok is False:
            message = _("báo cáo ghi %(a)s%(u)s, tính từ số liệu được %(b)s%(u)s") % {
                "a": shown,
                "b": format_number(result.computed, c.decimals),
                "u": unit_word,
            }
        elif result.implied is not None:
            what = _("kế hoạch/dự toán năm") if c.kind == "plan" else _("số cùng kỳ năm trước")
            message = _(
                "Chưa có %(what)s trong hệ thống; câu này ngụ ý khoảng %(v)s %(u)s "
                "(chỉ để tham khảo, không lưu)."
            ) % {
                "what": what,
                "v": format_number(round_half_up(result.implied, 0)),
                "u": ind.unit_of_measure if ind else "",
            }
        out.append(
            {
                "kind": c.kind,
                "text": c.text,
                "claimed": to_plain(c.number),
                "computed": to_plain(result.computed),
                "ok": result.ok,
                "implied": to_plain(round_half_up(result.implied, 2)) if result.implied else None,
                "reference": to_plain(reference),
                "reference_label": ref_label,
                "message": message,
            }
        )
    return out


def _plain(raw) -> Decimal | str | None:
    """The API and the form carry values in plain notation ("1.234" is one and a bit)."""
    if isinstance(raw, str):
        try:
            return Decimal(raw.strip())
        except InvalidOperation:
            return raw  # record_values names the bad value
    return raw


def commit(actor: Any, rows: list[dict], *, filename: str = "") -> list[DataValue]:
    """Write the ticked statements: each row {indicator, unit, period, value, status,
    sentence}. All or nothing, through record_values (permissions, locks, audit)."""
    if not rows:
        raise DomainError(_("Chưa chọn số liệu nào để ghi."), field="statements")
    source = (_("Báo cáo: %(f)s") % {"f": filename or _("văn bản dán")})[:60]
    values = []
    for r in rows:
        sentence = re.sub(r"\s+", " ", str(r.get("sentence") or "")).strip()
        note = f"{filename or _('văn bản dán')}: “{sentence}”"[:500]
        raw = r.get("value")
        values.append(
            ValueRow(
                indicator=str(r.get("indicator") or ""),
                unit=str(r.get("unit") or ""),
                period=str(r.get("period") or ""),
                value=_plain(raw),
                status=str(r.get("status") or ""),
                note=note,
            )
        )
    return record_values(actor, values, source=source)
