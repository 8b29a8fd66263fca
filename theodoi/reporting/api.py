"""Reporting API: cycles and their states; sign off, submit, return, accept; documents.
Every change calls the same service as the pages."""

from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Router

from theodoi.api.schemas import Schema, decimal_field, model_field
from theodoi.core.dates import as_of
from theodoi.org.models import Agency
from theodoi.permissions import org as org_perms
from theodoi.permissions import reporting as perms
from theodoi.reporting import assembly, downloads, queries, services
from theodoi.reporting.models import ProvinceReport, ReportingCycle, Submission
from theodoi.targets.models import DataValue

router = Router(tags=["Báo cáo"])


class SubmissionOut(Schema):
    agency: str
    agency_name: str
    state: str | None
    state_label: str
    timeliness: str
    days_late: int
    first_submitted_at: datetime | None
    return_reason: str


class CycleOut(Schema):
    id: int
    regime: str
    regime_name: str
    period: str
    period_label: str
    cutoff_start: date
    cutoff_end: date
    deadline: date
    state: str
    accepted: int
    total: int
    late: int
    missing: int
    as_of: date  # the date late and missing are judged at (?as_of=)


class CycleDetailOut(CycleOut):
    submissions: list[SubmissionOut]


class ReasonIn(Schema):
    reason: str = ""


class ValueIn(Schema):
    indicator: str
    value: str | None = decimal_field()
    status: str = model_field(DataValue, "status", "estimate")
    note: str = model_field(DataValue, "note", "")


class SubmissionIn(Schema):
    sections: dict[str, str] = {}
    values: list[ValueIn] = []


def _cycle_out(c: ReportingCycle, rows, day: date) -> dict:
    counts = assembly.board_counts(rows)
    return {
        "id": c.pk,
        "regime": c.regime.code,
        "regime_name": c.regime.name,
        "period": c.period_id,
        "period_label": c.period.label,
        "cutoff_start": c.cutoff_start,
        "cutoff_end": c.cutoff_end,
        "deadline": c.deadline,
        "state": c.state,
        "accepted": counts["accepted"],
        "total": counts["total"],
        "late": counts["late"],
        "missing": counts["missing"],
        "as_of": day,
    }


def _visible_rows(user, rows):
    if perms.can_manage_reporting(user):
        return rows
    return [
        r
        for r in rows
        if org_perms.can_view_agency_drafts(user, r.agency)
        or (r.submission and r.submission.state == Submission.State.ACCEPTED)
    ]


def _require_view(user):
    if not perms.can_view_reporting(user):
        raise PermissionDenied


@router.get("/reporting/cycles", response=list[CycleOut], summary="Các kỳ báo cáo và tình hình gửi")
def list_cycles(request, state: str | None = None, regime: str | None = None):
    _require_view(request.user)
    day = as_of(request)
    qs = queries.cycles_known_on(day).select_related("regime")
    if state:
        qs = qs.filter(state=state)
    if regime:
        qs = qs.filter(regime__code=regime)
    return [_cycle_out(c, assembly.board(c, day), day) for c in qs]


@router.get(
    "/reporting/cycles/{cycle_id}",
    response=CycleDetailOut,
    summary="Một kỳ báo cáo: trạng thái từng cơ quan",
)
def get_cycle(request, cycle_id: int):
    _require_view(request.user)
    c = get_object_or_404(ReportingCycle.objects.select_related("regime"), pk=cycle_id)
    day = as_of(request)
    rows = assembly.board(c, day)
    out = _cycle_out(c, rows, day)
    out["submissions"] = [
        {
            "agency": r.agency.code,
            "agency_name": r.agency.name,
            "state": r.submission.state if r.submission else None,
            "state_label": r.state_label,
            "timeliness": r.timeliness.state,
            "days_late": r.timeliness.days_late,
            "first_submitted_at": r.submission.first_submitted_at if r.submission else None,
            "return_reason": r.submission.return_reason if r.submission else "",
        }
        for r in _visible_rows(request.user, rows)
    ]
    return out


def _submission(request, cycle_id, agency):
    c = get_object_or_404(ReportingCycle, pk=cycle_id)
    sub = get_object_or_404(
        Submission.objects.select_related("agency", "cycle__regime"),
        cycle=c,
        agency=get_object_or_404(Agency, code=agency),
    )
    if not perms.can_view_submission(request.user, sub):
        raise PermissionDenied
    return sub


class StateOut(Schema):
    agency: str
    state: str
    state_label: str


def _state(sub):
    return {"agency": sub.agency.code, "state": sub.state, "state_label": sub.get_state_display()}


@router.post(
    "/reporting/cycles/{cycle_id}/submissions/{agency}",
    response=StateOut,
    summary="Lập hoặc sửa dự thảo: nội dung theo đề cương và số liệu của biểu mẫu (tất cả hoặc "
    "không)",
)
def save(request, cycle_id: int, agency: str, payload: SubmissionIn):
    c = get_object_or_404(ReportingCycle, pk=cycle_id)
    sub = services.start_submission(request.user, c, get_object_or_404(Agency, code=agency))
    values = [v.dict() for v in payload.values]
    return _state(
        services.save_submission(request.user, sub, sections=payload.sections, values=values)
    )


@router.post(
    "/reporting/cycles/{cycle_id}/submissions/{agency}/sign-off",
    response=StateOut,
    summary="Lãnh đạo cơ quan duyệt báo cáo",
)
def sign_off(request, cycle_id: int, agency: str):
    return _state(services.sign_off(request.user, _submission(request, cycle_id, agency)))


@router.post(
    "/reporting/cycles/{cycle_id}/submissions/{agency}/submit",
    response=StateOut,
    summary="Gửi báo cáo",
)
def submit(request, cycle_id: int, agency: str):
    return _state(services.submit(request.user, _submission(request, cycle_id, agency)))


@router.post(
    "/reporting/cycles/{cycle_id}/submissions/{agency}/accept",
    response=StateOut,
    summary="Tiếp nhận báo cáo (khóa số liệu của kỳ)",
)
def accept(request, cycle_id: int, agency: str):
    return _state(services.accept(request.user, _submission(request, cycle_id, agency)))


@router.post(
    "/reporting/cycles/{cycle_id}/submissions/{agency}/return",
    response=StateOut,
    summary="Trả lại báo cáo (kèm lý do)",
)
def return_(request, cycle_id: int, agency: str, payload: ReasonIn):
    return _state(
        services.return_submission(
            request.user, _submission(request, cycle_id, agency), payload.reason
        )
    )


@router.post(
    "/reporting/cycles/{cycle_id}/submissions/{agency}/reopen",
    response=StateOut,
    summary="Mở lại báo cáo đã tiếp nhận (kèm lý do; mở khóa số liệu)",
)
def reopen(request, cycle_id: int, agency: str, payload: ReasonIn):
    return _state(
        services.reopen_submission(
            request.user, _submission(request, cycle_id, agency), payload.reason
        )
    )


@router.get(
    "/reporting/cycles/{cycle_id}/report.docx", summary="Báo cáo tổng hợp (Word, Nghị định 30/2020)"
)
def report_docx(request, cycle_id: int):
    _require_view(request.user)
    return downloads.province_docx(
        get_object_or_404(
            ProvinceReport.objects.select_related("cycle__regime__issuer"), cycle_id=cycle_id
        )
    )


@router.get("/reporting/cycles/{cycle_id}/appendix.xlsx", summary="Phụ lục số liệu (Excel)")
def report_xlsx(request, cycle_id: int):
    _require_view(request.user)
    return downloads.province_xlsx(get_object_or_404(ReportingCycle, pk=cycle_id))


@router.get(
    "/reporting/cycles/{cycle_id}/submissions/{agency}/report.docx",
    summary="Báo cáo của cơ quan (Word)",
)
def submission_docx(request, cycle_id: int, agency: str):
    return downloads.submission_docx(_submission(request, cycle_id, agency))
