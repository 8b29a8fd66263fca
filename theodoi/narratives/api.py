"""POST /api/v1/narratives/preview and /commit: the page's services as JSON."""

from ninja import File, Form, Router
from ninja.files import UploadedFile

from theodoi.api.schemas import Schema
from theodoi.core.numbers import to_plain
from theodoi.narratives import services
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
    statements: list[CommitRow]


@router.post("/narratives/preview")
def preview(
    request,
    text: Form[str] = "",
    period: Form[str] = "",
    file: File[UploadedFile] | None = None,
):
    """Read a report (file or text); nothing is written."""
    require_app_user(request.user)
    return services.preview(
        request.user,
        text=text,
        name=file.name if file else "",
        data=file.read() if file else None,
        period=period,
    )


@router.post("/narratives/commit")
def commit(request, body: CommitIn):
    """Write the chosen statements, all or nothing."""
    require_app_user(request.user)
    written = services.commit(
        request.user, [r.dict() for r in body.statements], filename=body.filename
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
