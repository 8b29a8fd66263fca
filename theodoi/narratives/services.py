"""Reading a narrative report: preview (stores nothing) and commit (writes the ticked
figures through targets.services.record_values, all or nothing, locks respected)."""

from __future__ import annotations

import hashlib
import re
from decimal import Decimal, InvalidOperation
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from theodoi.audit.actions import Action
from theodoi.audit.trail import record
from theodoi.core.dates import today
from theodoi.core.errors import DomainError, NotAllowed
from theodoi.core.numbers import format_number, round_half_up, to_plain
from theodoi.core.periods import Period, PeriodError
from theodoi.core.text import fold
from theodoi.narratives import claims as claims_mod
from theodoi.narratives.extract import Statement, extract, naming_words, written_uom
from theodoi.narratives.match import match, variants
from theodoi.narratives.models import ReceivedReport
from theodoi.narratives.readers import read_upload
from theodoi.narratives.units import convert
from theodoi.org.models import AdminUnit, Agency
from theodoi.org.queries import province, units_for_picker
from theodoi.permissions.narratives import (
    can_attach_to_agency,
    can_read_reports,
    can_view_received,
)
from theodoi.permissions.targets import can_enter_for_unit, can_write_for_indicator
from theodoi.reporting.models import ReportingCycle
from theodoi.targets.models import DataValue, Indicator, TargetValue
from theodoi.targets.rows import ValueRow
from theodoi.targets.services import add_synonym, create_indicator, record_values

STATUS = {"estimate": "estimate", "reported": "preliminary"}
PLAN_KINDS = {"du toan": ["estimate"], "": ["adjusted", "plan", "estimate"]}
MAX_TEXT = 2_000_000


def _indicators() -> list[tuple[Indicator, list[str]]]:
    out = []
    for ind in Indicator.objects.filter(retired=False).select_related("lead_agency"):
        syn = [s for s in ind.synonyms.splitlines() if s.strip()] + [ind.code]
        out.append((ind, variants(ind.name, syn)))
    return out


def _places(statements: list[Statement]) -> dict[str, list[AdminUnit]]:
    """The units a place named in a sentence may be, for each period the sentences speak
    of ({period id, or "" for none: today}): those the unit pickers offer for it
    (org.queries.units_for_picker: valid in the period, inside the province), one query
    per period named with a place, not the country's 14,000 units of every time."""
    out: dict[str, list[AdminUnit]] = {}
    for st in statements:
        key = st.period.id if st.period is not None else ""
        if st.place_name and key not in out:
            out[key] = list(units_for_picker(st.period if st.period is not None else today()))
    return out


def _unit_for(st: Statement, places: dict[str, list[AdminUnit]]) -> AdminUnit | None:
    if not st.place_name:
        return None
    units = places.get(st.period.id if st.period is not None else "", [])
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


def _period(period: str) -> Period | None:
    if not period:
        return None
    try:
        return Period.parse(period)
    except PeriodError as exc:
        raise DomainError(exc.message, field="period") from None


def preview(
    actor: Any,
    *,
    text: str = "",
    name: str = "",
    data: bytes | None = None,
    period: str = "",
) -> dict:
    """Read, match and check; nothing is written."""
    default = _period(period)
    body, from_image = read_input(text=text, name=name, data=data)
    return analyse(actor, body, default, from_image=from_image, name=name)


def analyse(
    actor: Any,
    body: str,
    default: Period | None,
    *,
    from_image: bool = False,
    name: str = "",
    choices: dict | None = None,
) -> dict:
    """Match and check the figures of a text already read. `choices` {index: indicator
    code}: the indicator a person chose for a statement."""
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
    units = _places(statements)
    chosen = {str(k): v for k, v in (choices or {}).items()}
    out = [
        _row(actor, n, st, pairs, by_code, home, units, chosen.get(str(n)))
        for n, st in enumerate(statements)
    ]
    return {
        "filename": name,
        "from_image": from_image,
        "statements": out,
        "unmatched": sum(1 for r in out if not r["indicator"]),
    }


def _row(actor, n, st: Statement, pairs, by_code, home, units, chosen=None) -> dict:
    m = match(st.phrase, pairs)
    code = chosen if chosen in by_code else m.code
    ind = by_code.get(code) if code else None
    ambiguous = m.ambiguous and ind is None
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
    if ambiguous:
        flags.append(
            _("Có nhiều chỉ tiêu khớp (%(c)s): hãy chọn một.") % {"c": ", ".join(m.candidates)}
        )
    if st.period is None:
        flags.append(_("Câu không nêu kỳ và chưa chọn kỳ của báo cáo."))
    checks = _checks(st, ind, unit, value)
    # The claims' own messages are shown with each claim; `notes` are the other flags.
    notes = list(flags)
    flags += [c["message"] for c in checks if c["ok"] is False]
    # The figure of a unit and period: the rule record_values applies when it is committed (a
    # commune's People's Committee reads its own report too); without them, the lead agency's.
    can_write = ind is not None and (
        can_enter_for_unit(actor, ind, unit, st.period)
        if unit is not None and st.period is not None
        else can_write_for_indicator(actor, ind)
    )
    if ind is not None and not can_write:
        flags.append(_("Bạn không có quyền nhập số liệu chỉ tiêu này."))
        notes.append(flags[-1])
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
        "name_words": naming_words(st),
        "indicator": ind.code if ind else None,
        "indicator_name": ind.name if ind else "",
        "candidates": list(m.candidates),
        "ambiguous": ambiguous,
        "chosen": bool(chosen and ind is not None),
        "unit": unit.code if unit else None,
        "unit_name": unit.name if unit else "",
        "period": st.period.id if st.period else None,
        "period_label": st.period.label if st.period else "",
        "value": to_plain(value),
        "value_display": format_number(value) if value is not None else "",
        "uom": ind.unit_of_measure if ind else "",
        "figure_uom": written_uom(st),
        "status": STATUS[st.status],
        "from_image": st.from_image,
        "claims": checks,
        "flags": flags,
        "notes": notes,
        "committable": committable,
    }


def same_period_before(period: Period, claim_text: str) -> Period:
    """The period a growth claim compares with: the same span (same kind and months) one
    year earlier, or in the year the claim names ("so với cùng kỳ năm 2019"). Never a
    neighbour: 6 months compare with 6 months, Q2 with Q2, 9 months with 9 months."""
    named = re.search(r"(?<!\d)(\d{4})(?!\d)", claim_text or "")
    back = 1
    if named and 0 < period.year - int(named.group(1)) <= 10:
        back = period.year - int(named.group(1))
    for _n in range(back):
        period = period.previous_year()
    return period


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
                        period_id=same_period_before(st.period, c.text).id,
                        is_latest=True,
                    )
                    .values_list("value", flat=True)
                    .first()
                )
                reference = prev
        result = claims_mod.check(
            c.kind, c.number, c.decimals, value, reference, rate=bool(ind and ind.is_rate)
        )
        message = claims_mod.message(result, c.decimals, ind.unit_of_measure if ind else "")
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


def commit(
    actor: Any, rows: list[dict], *, filename: str = "", report: ReceivedReport | None = None
) -> list[DataValue]:
    """Write the ticked statements: each row {indicator, unit, period, value, status,
    sentence}. All or nothing, through record_values (permissions, locks, audit). With a
    received report, its file name is the source and the report is marked committed."""
    if report is None:
        return _commit(actor, rows, filename=filename)
    with transaction.atomic():
        held = _held(actor, report.pk)
        written = _commit(actor, rows, filename=held.name)
        held.status = ReceivedReport.Status.COMMITTED
        held.save(update_fields=["status"])
        record(actor, Action.NARRATIVE_COMMITTED, held, data={"values": len(written)})
    report.status = held.status
    return written


def _commit(actor: Any, rows: list[dict], *, filename: str = "") -> list[DataValue]:
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


# Received reports: the upload kept, read now (a .docx, text) or by a job (a scan).


def job_bytes() -> int:
    """Above this size any file is read by a background job."""
    return settings.NARRATIVE_JOB_BYTES


def _held(actor, pk: int) -> ReceivedReport:
    """The report, locked for the change, if the person may see it."""
    report = ReceivedReport.objects.select_for_update().filter(pk=pk).first()
    if report is None or not can_view_received(actor, report):
        raise NotAllowed(_("Bạn không xem được báo cáo này."), field="report")
    return report


def receive(
    actor: Any,
    *,
    name: str,
    data: bytes,
    cycle: str | int | None = None,
    agency: str = "",
    period: str = "",
) -> ReceivedReport:
    """Store an uploaded report (even one that will not read: the upload is evidence) with
    what it is attached to. Reading comes after (read_received)."""
    if not can_read_reports(actor):
        raise NotAllowed(_("Bạn không có quyền nhập số liệu."), field="file")
    cycle_obj = None
    if cycle not in (None, ""):
        cycle_obj = (
            ReportingCycle.objects.filter(pk=int(cycle)).first() if str(cycle).isdigit() else None
        )
        if cycle_obj is None:
            raise DomainError(_("Không có kỳ báo cáo đã chọn."), field="cycle")
    agency_obj = None
    if agency:
        agency_obj = Agency.objects.filter(code=agency).first()
        if agency_obj is None:
            raise DomainError(_("Không có cơ quan mã “%(c)s”.") % {"c": agency}, field="agency")
        if not can_attach_to_agency(actor, agency_obj):
            raise NotAllowed(
                _("Bạn không nhập số liệu cho “%(a)s”.") % {"a": agency_obj.name}, field="agency"
            )
    if period:
        _period(period)
    elif cycle_obj is not None:
        period = cycle_obj.period_id
    name = (PurePath(name.replace("\\", "/")).name or _("tep"))[:200]
    with transaction.atomic():
        report = ReceivedReport(
            name=name,
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
            uploaded_by=actor,
            uploaded_at=timezone.now(),
            cycle=cycle_obj,
            agency=agency_obj,
            period_id=period,
        )
        if data:
            report.file.save(name, ContentFile(data), save=False)
        report.save()
        record(
            actor,
            Action.NARRATIVE_RECEIVED,
            report,
            data={"name": name, "size": len(data), "sha256": report.sha256},
        )
    return report


def stored_bytes(report: ReceivedReport) -> bytes:
    if not report.file:
        return b""
    with report.file.open("rb") as fh:
        return fh.read()


def read_received(actor: Any, report: ReceivedReport, say=None) -> dict:
    """Read a stored report and keep the text and the preview on it. Raises the
    DomainError that says why it cannot be read (the caller marks it failed)."""
    data = stored_bytes(report)
    stored_name = PurePath(report.file.name).name if report.file else report.name
    got = read_upload(stored_name, data, say)
    result = analyse(
        actor,
        got.text,
        _period(report.period_id),
        from_image=got.from_image,
        name=report.name,
        choices=report.choices,
    )
    with transaction.atomic():
        row = ReceivedReport.objects.select_for_update().get(pk=report.pk)
        row.status = ReceivedReport.Status.READ
        row.text, row.from_image, row.pages = got.text, got.from_image, got.pages
        row.result, row.error = result, ""
        row.save(update_fields=["status", "text", "from_image", "pages", "result", "error"])
    report.status, report.text, report.result = row.status, row.text, row.result
    return result


def mark_failed(report: ReceivedReport, message: str) -> None:
    with transaction.atomic():
        row = ReceivedReport.objects.select_for_update().get(pk=report.pk)
        row.status, row.error = ReceivedReport.Status.FAILED, message
        row.save(update_fields=["status", "error"])
    report.status, report.error = row.status, row.error


def current_preview(actor: Any, report: ReceivedReport) -> dict | None:
    """A read report's preview as it stands now for this person (synonyms added since,
    indicators chosen, plans and last year's figures stored since); nothing written."""
    if report.status not in (ReceivedReport.Status.READ, ReceivedReport.Status.COMMITTED):
        return None
    return analyse(
        actor,
        report.text,
        _period(report.period_id),
        from_image=report.from_image,
        name=report.name,
        choices=report.choices,
    )


def choose_indicator(
    actor: Any, report: ReceivedReport, index: int, code: str, words: str = ""
) -> Indicator:
    """The person names the indicator of a statement the reader did not match; with
    `words`, those words become a synonym of it (targets.services.add_synonym) in the same
    step, so the next report matches by itself."""
    if not can_read_reports(actor):
        raise NotAllowed(_("Bạn không có quyền nhập số liệu."), field="indicator")
    with transaction.atomic():
        held = _held(actor, report.pk)
        count = len((held.result or {}).get("statements", []))
        if not 0 <= index < count:
            raise DomainError(_("Không có số liệu đã chọn trong báo cáo."), field="index")
        indicator = Indicator.objects.filter(code=code, retired=False).first()
        if indicator is None:
            raise DomainError(_("Chưa chọn chỉ tiêu."), field="indicator")
        held.choices = {**held.choices, str(index): indicator.code}
        held.save(update_fields=["choices"])
        record(
            actor,
            Action.NARRATIVE_MATCHED,
            held,
            data={"index": index, "indicator": indicator.code, "synonym": words},
        )
        if words.strip():
            add_synonym(actor, indicator.code, words)
    report.choices = held.choices
    return indicator


def create_and_choose(actor: Any, report: ReceivedReport, index: int, data: dict) -> Indicator:
    """The person defines the indicator an unmatched statement names (with the rules and
    rights of targets.services.create_indicator) and it becomes that statement's indicator:
    one step, all or nothing."""
    with transaction.atomic():
        indicator = create_indicator(actor, data)
        choose_indicator(actor, report, index, indicator.code)
    return indicator


def commit_received(actor: Any, report: ReceivedReport, picks: list[int]) -> list[DataValue]:
    """Write the ticked statements of a received report. The rows are those of its preview
    recomputed now, never what the browser sends back: only the indices are taken."""
    fresh = current_preview(actor, report)
    if fresh is None:
        raise DomainError(_("Báo cáo chưa đọc xong hoặc không đọc được."), field="report")
    wanted = set(picks)
    rows = [r for r in fresh["statements"] if r["index"] in wanted and r["committable"]]
    if len(rows) != len(wanted):
        raise DomainError(
            _("Có số liệu đã chọn không ghi được (chưa đủ chỉ tiêu, giá trị, kỳ hoặc quyền)."),
            field="statements",
        )
    return commit(actor, rows, report=report)
