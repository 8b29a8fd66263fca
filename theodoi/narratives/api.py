"""POST /api/v1/narratives/preview and /commit: the page's services as JSON. A file is
stored as a received report; a scan (or a large file) is read by a job: 202 with the job's
URL (GET /api/v1/jobs/{id}; its result is the preview)."""

from django.utils.translation import gettext as _
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile

from theodoi.api.schemas import Schema
from theodoi.core.errors import NotAllowed
from theodoi.core.numbers import to_plain
from theodoi.jobs.api import JobOut, job_out
from theodoi.narratives import services
from theodoi.narratives.intake import bring_in
from theodoi.narratives.models import ReceivedReport
from theodoi.permissions.narratives import can_view_received
from theodoi.permissions.org import require_app_user

router = Router(tags=["Đọc báo cáo"])


class CommitRow(Schema):
    indicator: str
    unit: str
    period: str
    value: str
    status: str = ""
    sentence: str = ""


class CommitIn(Schema):
    filename: str = ""
    report: int | None = None
    statements: list[CommitRow]


class ReadingOut(JobOut):
    report: int


@router.post("/narratives/preview", response={200: dict, 202: ReadingOut})
def preview(
    request,
    text: Form[str] = "",
    period: Form[str] = "",
    cycle: Form[str] = "",
    agency: Form[str] = "",
    file: File[UploadedFile] = None,
):
    """Read a report (file or text); no figure is written. A file is kept as a received
    report (`report` in the answer), attached to a reporting cycle (id) and an agency
    (code) when given; a scan answers 202 with the job reading it."""
    require_app_user(request.user)
    if file is None:
        return services.preview(request.user, text=text, period=period)
    report, job = bring_in(
        request.user,
        name=file.name or "",
        data=file.read(),
        cycle=cycle,
        agency=agency,
        period=period,
    )
    if job is not None:
        return Status(202, {**job_out(job), "report": report.pk})
    result = services.current_preview(request.user, report) or {}
    return {**result, "report": report.pk}


@router.post("/narratives/commit")
def commit(request, body: CommitIn):
    """Write the chosen statements, all or nothing."""
    require_app_user(request.user)
    report = None
    if body.report is not None:
        report = ReceivedReport.objects.filter(pk=body.report).first()
        if report is None or not can_view_received(request.user, report):
            raise NotAllowed(_("Bạn không xem được báo cáo này."), field="report")
    written = services.commit(
        request.user, [r.dict() for r in body.statements], filename=body.filename, report=report
    )
    return {
        "written": [
            {
                "indicator": v.indicator.code,
                "unit": v.unit.code,
                "period": v.period_id,
                "value": to_plain(v.value),
            }
            for v in written
        ]
    }
