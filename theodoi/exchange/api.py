"""Bulk imports and DHIS2 exchange over the API: the same services and the same preview
(and errors, with sheet, row and column) as the pages, as JSON.

Every upload is two calls: `.../preview` stores the file and answers the preview with a
token; `.../commit` with that token re-reads the stored file, checks it again and writes
everything or nothing. A large file's preview, and a large file's commit, are jobs: the call
answers 202 with the job (GET /api/v1/jobs/{id}); a done preview job's result names the
preview's token and `preview_url`, GET /api/v1/exchange/{kind}/preview/{token}, which
answers the same JSON as a synchronous preview."""

import json

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile

from theodoi.api.schemas import Schema, model_field
from theodoi.core.errors import DomainError, NotAllowed
from theodoi.core.exporters import FORMATS, download_name, file_response
from theodoi.directives.models import Directive
from theodoi.exchange import dhis2, services
from theodoi.exchange import jobs as import_jobs
from theodoi.exchange.models import ExternalMapping, Upload
from theodoi.exchange.readers import limit
from theodoi.jobs.api import JobOut, job_out
from theodoi.org.models import Agency
from theodoi.permissions.exchange import can_manage_mappings

router = Router(tags=["Trao đổi dữ liệu"])


class IssueOut(Schema):
    message: str
    sheet: str
    row: int | None = None
    column: str | None = None
    cell: str | None = None
    field: str = ""
    index: int | None = None


class QuestionOut(Schema):
    key: str
    text: str
    cells: list[str]
    candidates: list[dict]


class PreviewOut(Schema):
    token: str
    kind: str
    filename: str
    can_commit: bool
    summary: dict
    errors: list[IssueOut]
    notices: list[IssueOut]
    questions: list[QuestionOut]
    rows: list[dict]
    unmapped: list[dict]


class ValuesCommitIn(Schema):
    token: str


class TasksCommitIn(Schema):
    token: str
    directive: int
    choices: dict[str, str] = {}


class Dhis2CommitIn(Schema):
    token: str
    strict: bool = False


class WrittenOut(Schema):
    written: int
    ids: list[int]


class MappingIn(Schema):
    kind: str = model_field(ExternalMapping, "kind")
    external_id: str = model_field(ExternalMapping, "external_id")
    code: str = model_field(ExternalMapping, "code")
    note: str = model_field(ExternalMapping, "note", "")


class MappingOut(Schema):
    id: int
    system: str
    kind: str
    external_id: str
    code: str
    note: str


def _agency(code: str) -> Agency:
    agency = Agency.objects.filter(code=code).first()
    if agency is None:
        raise DomainError(_("Không có cơ quan mã “%(c)s”.") % {"c": code}, field="agency")
    return agency


def _read(file: UploadedFile) -> bytes:
    if file.size > limit("EXCHANGE_MAX_UPLOAD_BYTES"):
        raise DomainError(
            _("Tệp “%(name)s” vượt giới hạn %(max)s MB.")
            % {"name": file.name, "max": limit("EXCHANGE_MAX_UPLOAD_BYTES") // (1024 * 1024)},
            field="file",
        )
    return file.read()


# -- Values ---------------------------------------------------------------


@router.get(
    "/exchange/values/workbook",
    summary="Tải mẫu nhập số liệu (xlsx hoặc csv) của một cơ quan, một kỳ",
    response={200: None},
)
def values_workbook(
    request, agency: str, period: str, format: str = "xlsx", children: bool = False
):
    if format not in FORMATS:
        raise DomainError(_("Định dạng phải là xlsx hoặc csv."), field="format")
    ag = _agency(agency)
    book = services.entry_workbook(request.user, ag, period, with_children=children)
    return file_response(
        book.render(format),
        download_name("so-lieu", {"": ag.code, "ky": book.period.id}, format),
        format,
    )


AS_JOB = (
    "Tệp lớn hơn {limit} byte được kiểm tra bằng một việc chạy nền: trả 202 với việc (id, url, "
    "state); theo dõi GET url (state, progress) đến khi state là done, rồi lấy bản xem trước ở "
    "result.preview_url (cùng dạng như trả lời 200; result.preview là token để commit). Việc "
    "không đọc được tệp kết thúc failed với error bằng tiếng Việt; không có gì được ghi."
)


@router.post(
    "/exchange/values/preview",
    response={200: PreviewOut, 202: JobOut},
    summary="Xem trước tệp số liệu (xlsx/csv): lỗi từng ô, giá trị cũ → mới; chưa ghi gì",
    description=AS_JOB.format(limit="IMPORT_PREVIEW_JOB_BYTES (256 KB)"),
)
def values_preview(request, agency: Form[str], period: Form[str], file: File[UploadedFile]):
    data, ag = _read(file), _agency(agency)
    if import_jobs.preview_is_large(len(data), Upload.Kind.VALUES):
        job, _created = import_jobs.start_value_preview(request.user, data, file.name, ag, period)
        return Status(202, job_out(job))
    return services.preview_value_import(request.user, data, file.name, ag, period).as_dict()


@router.post(
    "/exchange/values/commit",
    response={200: WrittenOut, 202: JobOut},
    summary="Ghi tệp số liệu đã xem trước (tất cả hoặc không)",
)
def values_commit(request, payload: ValuesCommitIn):
    if import_jobs.should_queue(payload.token, Upload.Kind.VALUES):
        job, _created = import_jobs.start_import(request.user, Upload.Kind.VALUES, payload.token)
        return Status(202, job_out(job))
    values = services.import_values(request.user, payload.token)
    return {"written": len(values), "ids": [v.pk for v in values]}


# -- Tasks ---------------------------------------------------------------


@router.post(
    "/exchange/tasks/preview",
    response={200: PreviewOut, 202: JobOut},
    summary="Xem trước bảng danh mục nhiệm vụ; tên cơ quan chưa rõ được hỏi lại trong questions",
    description=(
        '`choices`: JSON {"tên cơ quan không dấu": "MÃ_CƠ_QUAN"} trả lời các câu hỏi trước. '
        + AS_JOB.format(limit="IMPORT_TASK_PREVIEW_JOB_BYTES (48 KB)")
    ),
)
def tasks_preview(request, file: File[UploadedFile], choices: Form[str] = ""):
    answers, data = _choices(choices), _read(file)
    if import_jobs.preview_is_large(len(data), Upload.Kind.TASKS):
        job, _created = import_jobs.start_task_preview(
            request.user, data, file.name, choices=answers
        )
        return Status(202, job_out(job))
    return services.preview_task_import(request.user, data, file.name, choices=answers).as_dict()


def _choices(text: str) -> dict:
    if not text:
        return {}
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        raise DomainError(
            _('choices phải là JSON dạng {"tên": "mã cơ quan"}.'), field="choices"
        ) from None
    if not isinstance(value, dict):
        raise DomainError(_('choices phải là JSON dạng {"tên": "mã cơ quan"}.'), field="choices")
    return {str(k): str(v) for k, v in value.items()}


@router.post(
    "/exchange/tasks/commit",
    response={200: WrittenOut, 202: JobOut},
    summary="Giao tất cả nhiệm vụ của bảng đã xem trước theo một văn bản (tất cả hoặc không)",
)
def tasks_commit(request, payload: TasksCommitIn):
    directive = get_object_or_404(Directive, pk=payload.directive)
    if import_jobs.should_queue(payload.token, Upload.Kind.TASKS):
        job, _created = import_jobs.start_import(
            request.user,
            Upload.Kind.TASKS,
            payload.token,
            directive=directive.pk,
            choices=payload.choices,
        )
        return Status(202, job_out(job))
    tasks = services.import_tasks(request.user, payload.token, directive, choices=payload.choices)
    return {"written": len(tasks), "ids": [t.pk for t in tasks]}


# -- DHIS2 ---------------------------------------------------------------


@router.post(
    "/exchange/dhis2/preview",
    response={200: PreviewOut, 202: JobOut},
    summary=(
        "Xem trước dataValueSet của DHIS2 (JSON hoặc CSV); mã chưa ánh xạ được liệt kê trong "
        "unmapped"
    ),
    description=AS_JOB.format(limit="IMPORT_PREVIEW_JOB_BYTES (256 KB)"),
)
def dhis2_preview(request, file: File[UploadedFile], status: Form[str] = "official"):
    data = _read(file)
    if import_jobs.preview_is_large(len(data), Upload.Kind.DHIS2):
        job, _created = import_jobs.start_dhis2_preview(
            request.user, data, file.name, status=status
        )
        return Status(202, job_out(job))
    return services.preview_dhis2_import(request.user, data, file.name, status=status).as_dict()


@router.get(
    "/exchange/{kind}/preview/{token}",
    response=PreviewOut,
    summary="Bản xem trước do một việc chạy nền kiểm tra (kind: values, tasks hoặc dhis2)",
    description=(
        "Cùng dạng như trả lời 200 của POST .../preview; chỉ người tải tệp lên xem được. "
        "Tệp đã quá 24 giờ hoặc không còn lưu: 410. Việc chưa xong hoặc đã dừng vì lỗi: 400."
    ),
)
def kept_preview(request, kind: str, token: str):
    if kind not in Upload.Kind.values:
        raise DomainError(_("Loại tệp phải là values, tasks hoặc dhis2."), field="kind")
    _upload_row, kept = services.stored_preview(request.user, token, kind)
    return kept


@router.post(
    "/exchange/dhis2/commit",
    response={200: WrittenOut, 202: JobOut},
    summary=(
        "Ghi các giá trị đã ánh xạ của dataValueSet; strict từ chối cả tệp nếu còn mã chưa ánh xạ"
    ),
)
def dhis2_commit(request, payload: Dhis2CommitIn):
    if import_jobs.should_queue(payload.token, Upload.Kind.DHIS2):
        job, _created = import_jobs.start_import(
            request.user, Upload.Kind.DHIS2, payload.token, strict=payload.strict
        )
        return Status(202, job_out(job))
    values = services.import_dhis2(request.user, payload.token, strict=payload.strict)
    return {"written": len(values), "ids": [v.pk for v in values]}


@router.get(
    "/exchange/dhis2/dataValueSets",
    summary="Xuất dataValueSet cho DHIS2 (JSON hoặc CSV) của các kỳ",
    response={200: None},
)
def dhis2_export(request, periods: str, format: str = "json"):
    """`periods`: ids separated by commas ("2021Q2,202106"). The header X-Unmapped-Count says
    how many values could not be exported because their indicator or unit has no mapping;
    GET .../dataValueSets/unmapped lists them."""
    if format not in ("json", "csv"):
        raise DomainError(_("Định dạng phải là json hoặc csv."), field="format")
    values, skipped = services.export_dhis2(
        request.user, [p.strip() for p in periods.split(",") if p.strip()]
    )
    body = dhis2.to_json(values) if format == "json" else dhis2.to_csv(values)
    response = HttpResponse(
        body,
        content_type="application/json; charset=utf-8"
        if format == "json"
        else "text/csv; charset=utf-8",
    )
    response["X-Unmapped-Count"] = str(sum(s["count"] for s in skipped))
    return response


@router.get(
    "/exchange/dhis2/dataValueSets/unmapped",
    response=list[dict],
    summary="Những giá trị không xuất được sang DHIS2 vì chưa ánh xạ",
)
def dhis2_unmapped(request, periods: str):
    _values, skipped = services.export_dhis2(
        request.user, [p.strip() for p in periods.split(",") if p.strip()]
    )
    return skipped


@router.get(
    "/exchange/mappings", response=list[MappingOut], summary="Bảng ánh xạ mã DHIS2 ↔ Theo Dõi"
)
def list_mappings(request):
    if not can_manage_mappings(request.user):
        raise NotAllowed(_("Chỉ văn phòng theo dõi được xem bảng ánh xạ."))
    return list(ExternalMapping.objects.all())


@router.post("/exchange/mappings", response=MappingOut, summary="Thêm hoặc sửa một ánh xạ mã")
def save_mapping(request, payload: MappingIn):
    return services.save_mapping(
        request.user,
        kind=payload.kind,
        external_id=payload.external_id,
        code=payload.code,
        note=payload.note,
    )


@router.delete("/exchange/mappings/{mapping_id}", response={204: None}, summary="Xóa một ánh xạ mã")
def delete_mapping(request, mapping_id: int):
    services.delete_mapping(request.user, get_object_or_404(ExternalMapping, pk=mapping_id))
    return 204, None
