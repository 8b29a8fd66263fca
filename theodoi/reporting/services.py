"""State changes of periodic reporting. Pages and the API call these, nothing else writes.

A submission moves draft → signed_off (the agency's leader) → submitted → accepted,
or → returned (with a reason) → edited and signed off again → submitted. Acceptance
locks the agency's figures for the period (targets.ValueLock); reopening an accepted
report is the steering office's, needs a reason and lifts the lock.
"""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from theodoi.audit.actions import Action
from theodoi.audit.trail import record
from theodoi.core.dates import format_date
from theodoi.core.errors import DomainError, NotAllowed
from theodoi.core.numbers import to_plain
from theodoi.core.periods import Period, PeriodError
from theodoi.notices.services import send_notice
from theodoi.permissions import reporting as perms
from theodoi.permissions.roles import Role
from theodoi.reporting import drafting, schedule
from theodoi.reporting.assembly import assemble_sections
from theodoi.reporting.models import (
    OfficeDay,
    ProvinceReport,
    ReportingCycle,
    ReportingRegime,
    Submission,
    TemplateItem,
)
from theodoi.reporting.queries import expected_for, office_calendar, template_rows_for
from theodoi.targets.rows import ValueRow
from theodoi.targets.services import lock_values, record_values, unlock_values

S = Submission.State

FREQUENCY_KINDS = {
    "month": {"month"},
    "quarter": {"quarter"},
    "half": {"half"},
    "nine_months": {"ytd"},
    "year": {"year"},
}


def _require(allowed: bool, message: str):
    if not allowed:
        raise NotAllowed(message)


# -- the office calendar ----------------------------------------------------------
def save_office_day(actor, day: date, kind: str, reason: str) -> OfficeDay:
    _require(perms.can_manage_reporting(actor), _("Chỉ văn phòng theo dõi được sửa lịch làm việc."))
    reason = (reason or "").strip()
    if kind not in OfficeDay.Kind.values:
        raise DomainError(
            _("Loại ngày không hợp lệ: chọn ngày nghỉ hoặc ngày làm việc bù."), field="kind"
        )
    if not reason:
        raise DomainError(
            _("Cần ghi lý do (ví dụ: nghỉ bù theo quyết định của UBND tỉnh)."), field="reason"
        )
    with transaction.atomic():
        obj, created = OfficeDay.objects.update_or_create(
            day=day, defaults={"kind": kind, "reason": reason[:200]}
        )
        record(
            actor,
            Action.OFFICEDAY_SAVED,
            obj,
            reason=reason,
            data={"day": day.isoformat(), "kind": kind, "created": created},
        )
    return obj


def delete_office_day(actor, office_day: OfficeDay) -> None:
    _require(perms.can_manage_reporting(actor), _("Chỉ văn phòng theo dõi được sửa lịch làm việc."))
    with transaction.atomic():
        record(
            actor,
            Action.OFFICEDAY_DELETED,
            office_day,
            data={"day": office_day.day.isoformat(), "kind": office_day.kind},
        )
        office_day.delete()


# -- regimes -----------------------------------------------------------------------
REGIME_FIELDS = [
    "code",
    "name",
    "content",
    "recipient",
    "method",
    "frequency",
    "cutoff_rule",
    "deadline_kind",
    "deadline_day",
    "deadline_month_offset",
    "issuer",
    "symbol",
    "signature_authority",
    "signature_position",
    "signer_name",
    "recipients",
    "active",
]
SAMPLE_PERIOD = {
    "month": "202106",
    "quarter": "2021Q2",
    "half": "2021S1",
    "nine_months": "2021YTD09",
    "year": "2021",
}


def save_regime(
    actor,
    regime: ReportingRegime | None,
    fields: dict,
    *,
    agencies: list,
    indicators: list,
    outline_text: str,
) -> ReportingRegime:
    """Create or change a reporting regime with the fields Nghị định 09/2019, Điều 7 requires.
    Cycles already open keep the window and deadline they were opened with."""
    _require(
        perms.can_manage_reporting(actor), _("Chỉ văn phòng theo dõi được sửa chế độ báo cáo.")
    )
    errors = []

    def bad(field, message):
        errors.append({"index": len(errors), "field": field, "message": message})

    outline = drafting.parse_outline(outline_text, regime.outline if regime else None)
    if not str(fields.get("name") or "").strip():
        bad("name", _("Cần nhập tên báo cáo."))
    if not str(fields.get("content") or "").strip():
        bad("content", _("Cần nêu nội dung yêu cầu báo cáo."))
    if not agencies:
        bad("agencies", _("Cần chọn ít nhất một cơ quan thực hiện báo cáo."))
    if not outline:
        bad("outline", _("Cần có ít nhất một mục đề cương."))
    retired = [i.name for i in indicators if i.retired]
    if retired:
        bad(
            "template",
            _("Không đưa được vào biểu mẫu chỉ tiêu đã ngừng theo dõi: %(names)s.")
            % {"names": "; ".join(retired)},
        )
    day, offset, kind = (
        fields.get("deadline_day") or 0,
        fields.get("deadline_month_offset") or 0,
        fields.get("deadline_kind"),
    )
    if kind == schedule.DEADLINE_DAY_OF_MONTH and not 1 <= day <= 31:
        bad("deadline_day", _("Ngày trong tháng phải từ 1 đến 31."))
    elif kind == schedule.DEADLINE_WORKING_DAYS and not 1 <= day <= 60:
        bad("deadline_day", _("Số ngày làm việc phải từ 1 đến 60."))
    elif not 0 <= offset <= 3:
        bad("deadline_month_offset", _("Hạn gửi chỉ được lùi tối đa 3 tháng sau kỳ."))
    elif fields.get("frequency") in SAMPLE_PERIOD:
        gap = schedule.check_gap(
            Period.parse(SAMPLE_PERIOD[fields["frequency"]]),
            schedule.DeadlineRule(kind, day, offset),
            office_calendar(),
            fields.get("cutoff_rule") or schedule.CUTOFF_ND09,
        )
        if gap:
            bad("deadline_day", gap)
    if errors:
        raise DomainError(
            errors[0]["message"]
            if len(errors) == 1
            else _("Chưa lưu được chế độ báo cáo: %(n)s lỗi.") % {"n": len(errors)},
            errors=errors,
        )
    with transaction.atomic():
        created = regime is None
        regime = regime or ReportingRegime()
        for name in REGIME_FIELDS:
            if name in fields:
                setattr(regime, name, fields[name])
        regime.outline = outline
        try:
            with transaction.atomic():
                regime.save()
        except IntegrityError:
            raise DomainError(
                _("Mã “%(code)s” đã có chế độ báo cáo khác dùng.") % {"code": regime.code},
                field="code",
            ) from None
        regime.agencies.set(agencies)
        regime.template.all().delete()
        TemplateItem.objects.bulk_create(
            [
                TemplateItem(regime=regime, indicator=ind, order=n)
                for n, ind in enumerate(indicators)
            ]
        )
        record(
            actor,
            Action.REGIME_CREATED if created else Action.REGIME_CHANGED,
            regime,
            data={
                "code": regime.code,
                "frequency": regime.frequency,
                "deadline": regime.deadline_rule.describe(),
                "agencies": sorted(a.code for a in agencies),
                "template": [i.code for i in indicators],
                "outline": [o["key"] for o in outline],
            },
        )
    return regime


# -- cycles ------------------------------------------------------------------------
def open_cycle(actor, regime: ReportingRegime, period_id: str) -> ReportingCycle:
    """Open the regime's cycle for a period: its cut-off window and deadline are computed
    now, with the office calendar, and kept, with the agencies it expects: the regime's, each
    dissolved on or before the deadline replaced by its successor (schedule.expected_agencies;
    Sở Tài chính for Sở Kế hoạch và Đầu tư from 01/03/2025). A cycle already open keeps the
    list it was opened with."""
    _require(perms.can_manage_reporting(actor), _("Chỉ văn phòng theo dõi được mở kỳ báo cáo."))
    try:
        period = Period.parse(period_id)
    except PeriodError as e:
        raise DomainError(e.message, field="period") from None
    if period.kind not in FREQUENCY_KINDS[regime.frequency] or (
        regime.frequency == "nine_months" and period.last_month != 9
    ):
        raise DomainError(
            _("Kỳ %(p)s không khớp tần suất “%(f)s” của chế độ báo cáo.")
            % {"p": period.label, "f": regime.get_frequency_display().lower()},
            field="period",
        )
    retired = [
        t.indicator.name for t in regime.template.select_related("indicator") if t.indicator.retired
    ]
    if retired:
        raise DomainError(
            _(
                "Biểu mẫu của chế độ báo cáo có chỉ tiêu đã ngừng theo dõi: %(names)s. "
                "Sửa biểu mẫu trước khi mở kỳ."
            )
            % {"names": "; ".join(retired)},
            field="template",
        )
    cal = office_calendar()
    start, end = schedule.cutoff_window(period, regime.cutoff_rule)
    due = schedule.deadline(period, regime.deadline_rule, cal, regime.cutoff_rule)
    gap = schedule.check_gap(period, regime.deadline_rule, cal, regime.cutoff_rule)
    if gap:
        raise DomainError(gap, field="deadline")
    expected = expected_for(regime, due)
    with transaction.atomic():
        try:
            with transaction.atomic():
                cycle = ReportingCycle.objects.create(
                    regime=regime,
                    period_id=period.id,
                    cutoff_start=start,
                    cutoff_end=end,
                    deadline=due,
                    opened_at=timezone.now(),
                )
                cycle.agencies.set([a for a, _preds in expected])
        except IntegrityError:
            raise DomainError(
                _("Kỳ %(p)s của “%(r)s” đã được mở.") % {"p": period.label, "r": regime.name},
                field="period",
            ) from None
        record(
            actor,
            Action.CYCLE_OPENED,
            cycle,
            data={
                "regime": regime.code,
                "period": period.id,
                "cutoff": [start.isoformat(), end.isoformat()],
                "deadline": due.isoformat(),
                "agencies": [a.code for a, _preds in expected],
                "replaced": {a.code: [p.code for p in preds] for a, preds in expected if preds},
            },
        )
    return cycle


def _locked_cycle(cycle: ReportingCycle) -> ReportingCycle:
    """The cycle read again under a row lock (inside the transaction)."""
    return ReportingCycle.objects.select_for_update().get(pk=cycle.pk)


def close_cycle(actor, cycle: ReportingCycle, reason: str = "") -> ReportingCycle:
    _require(
        perms.can_manage_reporting(actor), _("Chỉ văn phòng theo dõi được khóa sổ kỳ báo cáo.")
    )
    with transaction.atomic():
        if not _locked_cycle(cycle).is_open:
            raise DomainError(_("Kỳ báo cáo đã khóa sổ."), field="state")
        cycle.state = ReportingCycle.State.CLOSED
        cycle.save(update_fields=["state"])
        record(actor, Action.CYCLE_CLOSED, cycle, reason=reason)
    return cycle


def reopen_cycle(actor, cycle: ReportingCycle, reason: str) -> ReportingCycle:
    _require(perms.can_manage_reporting(actor), _("Chỉ văn phòng theo dõi được mở lại kỳ báo cáo."))
    if not (reason or "").strip():
        raise DomainError(_("Cần ghi lý do mở lại kỳ báo cáo."), field="reason")
    with transaction.atomic():
        if _locked_cycle(cycle).is_open:
            raise DomainError(_("Kỳ báo cáo đang mở."), field="state")
        cycle.state = ReportingCycle.State.OPEN
        cycle.save(update_fields=["state"])
        record(actor, Action.CYCLE_REOPENED, cycle, reason=reason.strip())
    return cycle


# -- submissions -------------------------------------------------------------------
def _locked(submission: Submission) -> Submission:
    """The submission read again under a row lock (call inside the transaction): the state a
    move checks is the one no other move can change until this transaction ends."""
    return Submission.objects.select_for_update().get(pk=submission.pk)


def _check_agency(cycle: ReportingCycle, agency):
    if not cycle.agencies.filter(pk=agency.pk).exists():
        raise DomainError(
            _("%(agency)s không thuộc đối tượng thực hiện “%(regime)s”.")
            % {"agency": agency.name, "regime": cycle.regime.name},
            field="agency",
        )


def _check_open(cycle: ReportingCycle):
    if not cycle.is_open:
        raise DomainError(
            _(
                "Kỳ báo cáo %(c)s đã khóa sổ: không nhận hay sửa báo cáo nữa. Liên hệ văn phòng "
                "theo dõi nếu cần mở lại."
            )
            % {"c": cycle.period.label},
            field="cycle",
        )


def start_submission(actor, cycle: ReportingCycle, agency) -> Submission:
    """The agency's report for the cycle, created as a draft the first time."""
    _require(
        perms.can_draft_submission(actor, agency),
        _("Bạn không lập báo cáo thay cho %(agency)s được.") % {"agency": agency.name},
    )
    _check_agency(cycle, agency)
    existing = Submission.objects.filter(cycle=cycle, agency=agency).first()
    if existing:
        return existing
    _check_open(cycle)
    now = timezone.now()
    with transaction.atomic():
        sub = Submission.objects.create(
            cycle=cycle, agency=agency, created_by=actor, created_at=now, updated_at=now
        )
        record(
            actor, Action.SUBMISSION_CREATED, sub, data={"cycle": cycle.pk, "agency": agency.code}
        )
    return sub


def _value_rows(submission: Submission, values: list[dict]) -> list[ValueRow]:
    """Rows for targets.record_values from the form's {indicator, value, status, note}."""
    allowed = {t.indicator.code for t in template_rows_for(submission)}
    rows = []
    for i, v in enumerate(values):
        code = str(v.get("indicator") or "")
        if code not in allowed:
            raise DomainError(
                _("Chỉ tiêu “%(code)s” không có trong biểu mẫu của %(agency)s.")
                % {"code": code, "agency": submission.agency.name},
                errors=[
                    {"index": i, "field": "indicator", "message": _("Không có trong biểu mẫu.")}
                ],
            )
        raw = v.get("value")
        if raw is None or str(raw).strip() == "":
            continue
        rows.append(
            ValueRow(
                indicator=code,
                unit=submission.agency.unit.code,
                period=submission.cycle.period_id,
                value=raw,
                status=v.get("status") or "estimate",
                note=v.get("note") or "",
            )
        )
    return rows


def save_submission(
    actor, submission: Submission, *, sections: dict | None = None, values: list[dict] | None = None
) -> Submission:
    """Save the narrative sections and the template's figures together, all or nothing.
    Figures go through targets.record_values: the same rules as data entry."""
    _require(
        perms.can_draft_submission(actor, submission.agency),
        _("Bạn không sửa được báo cáo của %(agency)s.") % {"agency": submission.agency.name},
    )
    with transaction.atomic():
        sub = _locked(submission)
        _check_open(sub.cycle)
        if not sub.is_editable:
            raise DomainError(
                _(
                    "Báo cáo đang ở trạng thái “%(s)s”: chỉ sửa được dự thảo hoặc báo cáo bị trả "
                    "lại."
                )
                % {"s": sub.get_state_display()},
                field="state",
            )
        keys = {s["key"] for s in sub.cycle.regime.outline_sections()}
        clean = dict(sub.sections or {})
        for key, text in (sections or {}).items():
            if key not in keys:
                raise DomainError(
                    _("Mục “%(k)s” không có trong đề cương.") % {"k": key},
                    field=f"sections.{key}",
                )
            clean[key] = str(text or "").strip()
        rows = _value_rows(sub, values or [])
        recorded = record_values(actor, rows, source="báo cáo định kỳ") if rows else []
        submission.sections = clean
        submission.updated_at = timezone.now()
        submission.save(update_fields=["sections", "updated_at"])
        record(
            actor,
            Action.SUBMISSION_SAVED,
            submission,
            data={
                "sections": sorted(k for k in (sections or {})),
                "values": {dv.indicator.code: to_plain(dv.value) for dv in recorded},
            },
        )
    return submission


def missing_sections(submission: Submission) -> list[dict]:
    return [
        s
        for s in submission.cycle.regime.outline_sections()
        if s["required"] and not (submission.sections or {}).get(s["key"], "").strip()
    ]


def _check_complete(submission: Submission):
    missing = missing_sections(submission)
    if missing:
        raise DomainError(
            _("Chưa viết các mục bắt buộc của đề cương: %(list)s.")
            % {"list": "; ".join(s["heading"] for s in missing)},
            errors=[
                {
                    "index": n,
                    "field": f"sections.{s['key']}",
                    "message": _("Mục bắt buộc chưa có nội dung."),
                }
                for n, s in enumerate(missing)
            ],
        )


def _move(actor, submission, sub, to_state, action: Action, *, reason="", data=None, **fields):
    """Save the move on `sub` (the locked row) with only the fields it changes, record it, and
    copy the changed fields to the caller's `submission`, which is returned."""
    sub.state = to_state
    for k, v in fields.items():
        setattr(sub, k, v)
    sub.updated_at = timezone.now()
    changed = ["state", "updated_at", *fields]
    sub.save(update_fields=changed)
    record(
        actor,
        action,
        sub,
        reason=reason,
        data={
            "agency": sub.agency.code,
            "cycle": sub.cycle_id,
            "state": to_state,
            **(data or {}),
        },
    )
    for name in changed:
        setattr(submission, name, getattr(sub, name))
    return submission


def sign_off(actor, submission: Submission) -> Submission:
    with transaction.atomic():
        sub = _locked(submission)
        _require(
            perms.can_sign_off_submission(actor, sub),
            _("Chỉ lãnh đạo %(agency)s được duyệt báo cáo của cơ quan.")
            % {"agency": sub.agency.name},
        )
        _check_open(sub.cycle)
        if not sub.is_editable:
            raise DomainError(
                _("Chỉ duyệt được dự thảo hoặc báo cáo bị trả lại (đang: “%(s)s”).")
                % {"s": sub.get_state_display()},
                field="state",
            )
        _check_complete(sub)
        return _move(
            actor,
            submission,
            sub,
            S.SIGNED_OFF,
            Action.SUBMISSION_SIGNED_OFF,
            signed_off_by=actor,
            signed_off_at=timezone.now(),
        )


def submit(actor, submission: Submission) -> Submission:
    with transaction.atomic():
        sub = _locked(submission)
        _require(
            perms.can_submit_submission(actor, sub),
            _("Bạn không gửi báo cáo thay cho %(agency)s được.") % {"agency": sub.agency.name},
        )
        _check_open(sub.cycle)
        if sub.state != S.SIGNED_OFF:
            raise DomainError(
                _("Báo cáo cần được lãnh đạo cơ quan duyệt trước khi gửi (đang: “%(s)s”).")
                % {"s": sub.get_state_display()},
                field="state",
            )
        _check_complete(sub)
        now = timezone.now()
        first = sub.first_submitted_at or now
        due = sub.cycle.deadline
        late = (timezone.localdate(first) - due).days
        return _move(
            actor,
            submission,
            sub,
            S.SUBMITTED,
            Action.SUBMISSION_RESUBMITTED
            if sub.first_submitted_at
            else Action.SUBMISSION_SUBMITTED,
            data={"deadline": due.isoformat(), "days_late": max(late, 0)},
            submitted_by=actor,
            submitted_at=now,
            first_submitted_at=first,
        )


def _check_review(actor, submission):
    if not perms.can_manage_reporting(actor):
        raise NotAllowed(_("Chỉ văn phòng theo dõi được tiếp nhận hoặc trả lại báo cáo."))
    if not perms.can_review_submission(actor, submission):
        raise NotAllowed(
            _(
                "Bạn không tự tiếp nhận hay trả lại báo cáo do chính mình hoặc cơ quan mình lập, "
                "duyệt hay gửi."
            )
        )


def accept(actor, submission: Submission) -> Submission:
    """Accept the report and lock the agency's figures for the period."""
    with transaction.atomic():
        sub = _locked(submission)
        _check_review(actor, sub)
        if sub.state != S.SUBMITTED:
            raise DomainError(
                _("Chỉ tiếp nhận được báo cáo đã gửi (đang: “%(s)s”).")
                % {"s": sub.get_state_display()},
                field="state",
            )
        lock = lock_values(
            actor,
            sub.agency,
            sub.cycle.period_id,
            reason=_("đã tiếp nhận “%(c)s”") % {"c": sub.cycle},
        )
        return _move(
            actor,
            submission,
            sub,
            S.ACCEPTED,
            Action.SUBMISSION_ACCEPTED,
            data={"lock": lock.pk},
            reviewed_by=actor,
            reviewed_at=timezone.now(),
            return_reason="",
        )


def return_submission(actor, submission: Submission, reason: str) -> Submission:
    reason = (reason or "").strip()
    with transaction.atomic():
        sub = _locked(submission)
        _check_review(actor, sub)
        if not reason:
            raise DomainError(
                _("Cần ghi lý do trả lại để cơ quan biết phải sửa gì."), field="reason"
            )
        if sub.state != S.SUBMITTED:
            raise DomainError(
                _("Chỉ trả lại được báo cáo đã gửi (đang: “%(s)s”).")
                % {"s": sub.get_state_display()},
                field="state",
            )
        return _move(
            actor,
            submission,
            sub,
            S.RETURNED,
            Action.SUBMISSION_RETURNED,
            reason=reason,
            return_reason=reason,
            reviewed_by=actor,
            reviewed_at=timezone.now(),
            signed_off_by=None,
            signed_off_at=None,
        )


def reopen_submission(actor, submission: Submission, reason: str) -> Submission:
    """Reopen an accepted report: it goes back to the agency as returned and its figures
    unlock. The same separation of duties as accepting: never one's own or one's agency's."""
    reason = (reason or "").strip()
    with transaction.atomic():
        sub = _locked(submission)
        _require(
            perms.can_manage_reporting(actor),
            _("Chỉ văn phòng theo dõi được mở lại báo cáo đã tiếp nhận."),
        )
        _require(
            perms.can_review_submission(actor, sub),
            _("Bạn không tự mở lại báo cáo do chính mình hoặc cơ quan mình lập, duyệt hay gửi."),
        )
        if not reason:
            raise DomainError(_("Cần ghi lý do mở lại báo cáo."), field="reason")
        if sub.state != S.ACCEPTED:
            raise DomainError(_("Chỉ mở lại được báo cáo đã tiếp nhận."), field="state")
        lifted = unlock_values(actor, sub.agency, sub.cycle.period_id, reason=reason)
        return _move(
            actor,
            submission,
            sub,
            S.RETURNED,
            Action.SUBMISSION_REOPENED,
            reason=reason,
            data={"locks_lifted": lifted},
            return_reason=reason,
            reviewed_by=actor,
            reviewed_at=timezone.now(),
            signed_off_by=None,
            signed_off_at=None,
        )


# -- reminders ---------------------------------------------------------------------
def remind(actor, cycle: ReportingCycle, agency) -> int:
    """Remind the agency's leaders and specialists to send their report, through the task
    app's notice channel (in-app and email, at most once a day). Returns how many were sent."""
    _require(perms.can_remind(actor), _("Chỉ văn phòng theo dõi được đôn đốc báo cáo."))
    _check_agency(cycle, agency)
    sub = Submission.objects.filter(cycle=cycle, agency=agency).first()
    if sub and sub.state in (S.SUBMITTED, S.ACCEPTED):
        raise DomainError(
            _("%(agency)s đã gửi báo cáo kỳ này.") % {"agency": agency.name}, field="agency"
        )
    people = [
        m.user
        for m in agency.memberships.select_related("user").filter(
            role__in=[Role.LEADER, Role.SPECIALIST]
        )
    ]
    subject = _("Đôn đốc báo cáo: %(c)s") % {"c": cycle}
    body = _("%(agency)s chưa gửi %(r)s %(p)s. Hạn gửi: %(due)s.") % {
        "agency": agency.name,
        "r": cycle.regime.name.lower(),
        "p": cycle.period.label.lower(),
        "due": format_date(cycle.deadline),
    }
    url = reverse("reporting:submission", args=[cycle.pk, agency.code])
    sent = 0
    with transaction.atomic():
        for user in people:
            sent += send_notice(
                user,
                subject=subject,
                body=body,
                url=url,
                dedupe_key=f"reporting.remind.{cycle.pk}.{agency.pk}",
            )
        record(actor, Action.CYCLE_REMINDED, cycle, data={"agency": agency.code, "sent": sent})
    return sent


# -- the province's report ---------------------------------------------------------
def draft_province_report(actor, cycle: ReportingCycle) -> ProvinceReport:
    """(Re)draft the province's report from the accepted submissions, the analytics
    sentences and the task scoreboard. Replaces the office's edits of a draft; an
    issued report is never redrafted."""
    _require(
        perms.can_manage_reporting(actor), _("Chỉ văn phòng theo dõi được soạn báo cáo tổng hợp.")
    )
    sections = assemble_sections(cycle)
    title = drafting.report_title(cycle.regime.name, cycle.period.label)
    with transaction.atomic():
        existing = ProvinceReport.objects.select_for_update().filter(cycle=cycle).first()
        if existing and existing.state == ProvinceReport.State.ISSUED:
            raise DomainError(
                _("Báo cáo tổng hợp đã ban hành, không soạn lại được."), field="state"
            )
        report, created = ProvinceReport.objects.update_or_create(
            cycle=cycle,
            defaults={
                "title": title,
                "sections": sections,
                "updated_by": actor,
                "updated_at": timezone.now(),
            },
        )
        record(
            actor,
            Action.REPORT_DRAFTED,
            report,
            data={"sections": len(sections), "redraft": not created},
        )
    return report


def _locked_report(report: ProvinceReport) -> ProvinceReport:
    """The province's report read again under a row lock (inside the transaction)."""
    return ProvinceReport.objects.select_for_update().get(pk=report.pk)


def update_province_report(
    actor, report: ProvinceReport, *, title: str, sections: list[dict]
) -> ProvinceReport:
    _require(
        perms.can_manage_reporting(actor), _("Chỉ văn phòng theo dõi được sửa báo cáo tổng hợp.")
    )
    title = (title or "").strip()
    if not title:
        raise DomainError(_("Cần nhập trích yếu của báo cáo."), field="title")
    clean = []
    for i, s in enumerate(sections):
        heading, text = str(s.get("heading") or "").strip(), str(s.get("text") or "").strip()
        if not heading and not text:
            continue
        if not heading:
            raise DomainError(
                _("Mục %(n)s chưa có tiêu đề.") % {"n": i + 1},
                errors=[{"index": i, "field": "heading", "message": _("Chưa có tiêu đề.")}],
            )
        clean.append({"heading": heading, "text": text})
    with transaction.atomic():
        if _locked_report(report).state == ProvinceReport.State.ISSUED:
            raise DomainError(_("Báo cáo tổng hợp đã ban hành, không sửa được."), field="state")
        report.title, report.sections = title[:300], clean
        report.updated_by, report.updated_at = actor, timezone.now()
        report.save(update_fields=["title", "sections", "updated_by", "updated_at"])
        record(actor, Action.REPORT_EDITED, report, data={"sections": len(clean)})
    return report


def issue_province_report(
    actor, report: ProvinceReport, *, number: str, issued_on: date
) -> ProvinceReport:
    _require(
        perms.can_manage_reporting(actor),
        _("Chỉ văn phòng theo dõi được ban hành báo cáo tổng hợp."),
    )
    number = (number or "").strip()
    if not number or not number.isdigit():
        raise DomainError(_("Số văn bản phải là số, ví dụ 105."), field="number")
    if issued_on is None:
        raise DomainError(_("Cần nhập ngày ban hành."), field="issued_on")
    with transaction.atomic():
        if _locked_report(report).state == ProvinceReport.State.ISSUED:
            raise DomainError(_("Báo cáo tổng hợp đã ban hành."), field="state")
        report.number, report.issued_on, report.state = (
            number,
            issued_on,
            ProvinceReport.State.ISSUED,
        )
        report.updated_by, report.updated_at = actor, timezone.now()
        report.save(update_fields=["number", "issued_on", "state", "updated_by", "updated_at"])
        record(
            actor,
            Action.REPORT_ISSUED,
            report,
            data={"number": number, "date": issued_on.isoformat()},
        )
    return report
