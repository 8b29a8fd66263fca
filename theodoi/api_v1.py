"""The REST API at /api/v1/: one router per area, token authentication, OpenAPI.

It composes every area (top layer, beside urls and views); theodoi.api holds only the
plumbing it uses (ApiToken, BearerToken, ApiError)."""

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from theodoi.api.auth import BearerToken
from theodoi.api.docs import login_or_token_required
from theodoi.api.errors import ApiError, document_errors
from theodoi.api.schemas import LoneSurrogate, Parser
from theodoi.core.errors import DomainError
from theodoi.directives.api import router as directives_router
from theodoi.exchange.api import router as exchange_router
from theodoi.jobs.api import router as jobs_router
from theodoi.narratives.api import router as narratives_router
from theodoi.org.api import router as org_router
from theodoi.reporting.api import router as reporting_router
from theodoi.targets.api import router as targets_router
from theodoi.tasks.api import router as tasks_router

log = logging.getLogger(__name__)


class TheoDoiAPI(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        """ninja's schema with the error answers every operation may give (api.errors)."""
        return document_errors(super().get_openapi_schema(*args, **kwargs))


api = TheoDoiAPI(
    title="Theo Dõi API",
    version="1",
    description=(
        "API theo dõi thực hiện nghị quyết: đơn vị, cơ quan, chỉ tiêu, nhiệm vụ, báo cáo.\n\n"
        "Việc dài chạy nền: xem trước hoặc ghi một tệp lớn (exchange/.../preview, .../commit), "
        "dựng lại bảng tổng hợp (rollups/rebuild), đọc một bản quét (narratives/preview) có "
        "thể trả 202 với một việc {id, url, state, progress}. Hỏi GET url (/api/v1/jobs/{id}) "
        "khoảng mỗi giây đến khi state là done (result; với bản xem trước: result.preview_url "
        "trả cùng JSON như trả lời 200, result.preview là token để commit) hoặc failed (error, "
        "không có gì được ghi). Việc của người khác: 404. Tệp đã quá 24 giờ: 410."
    ),
    auth=BearerToken(),
    urls_namespace="api",
    docs_url="/docs",
    docs_decorator=login_or_token_required,
    parser=Parser(),
)

# Each area keeps its endpoints in <app>/api.py with a `router`; order sets the docs.
AREAS = [
    org_router,
    directives_router,
    targets_router,
    tasks_router,
    reporting_router,
    exchange_router,
    narratives_router,
    jobs_router,
]
for router in AREAS:
    api.add_router("/", router)


def _error(request, status, detail, errors=None):
    body = {"detail": detail}
    if errors:
        body["errors"] = [e.as_dict() if hasattr(e, "as_dict") else e for e in errors]
    return api.create_response(request, body, status=status)


@api.exception_handler(AuthenticationError)
def on_auth_error(request, exc):
    return _error(
        request, 401, _("Cần mã truy cập hợp lệ: gửi tiêu đề Authorization: Bearer <mã>.")
    )


@api.exception_handler(PermissionDenied)
def on_permission_denied(request, exc):
    return _error(request, 403, str(exc) or _("Bạn không có quyền thực hiện thao tác này."))


@api.exception_handler(ApiError)
def on_api_error(request, exc):
    return _error(request, exc.status, exc.detail, exc.errors)


@api.exception_handler(DomainError)
def on_domain_error(request, exc):
    errors = list(exc.errors)
    if exc.field and not errors:
        errors = [{"field": exc.field, "message": exc.message}]
    return _error(request, exc.status, exc.message, errors)


def _pydantic_message(err: dict) -> str:
    """The schema's complaint in Vietnamese (pydantic writes English)."""
    kind = err.get("type", "")
    if kind == "missing":
        return _("Thiếu trường bắt buộc.")
    if kind.startswith(("int_", "float_", "decimal_")):
        return _("Phải là số.")
    if kind.startswith(("date_", "datetime_")):
        return _("Phải là ngày dạng YYYY-MM-DD.")
    if kind.startswith("string_"):
        return _("Phải là chuỗi ký tự.")
    if kind.startswith("bool_"):
        return _("Phải là true hoặc false.")
    if kind.startswith(("list_", "dict_", "model_")):
        return _("Sai cấu trúc dữ liệu.")
    return _("Giá trị không hợp lệ.")


@api.exception_handler(NinjaValidationError)
def on_validation_error(request, exc):
    errors = []
    for err in exc.errors:
        loc = [str(p) for p in err.get("loc", []) if p not in ("body", "query", "path", "payload")]
        index = next((int(p) for p in loc if p.isdigit()), None)
        field = next((p for p in reversed(loc) if not p.isdigit()), "")
        errors.append(
            {
                "field": field,
                "message": _pydantic_message(err),
                **({"index": index} if index is not None else {}),
            }
        )
    return _error(request, 400, _("Dữ liệu gửi lên không hợp lệ."), errors)


@api.exception_handler(OverflowError)
def on_overflow(request, exc):
    """An id beyond 64 bits: SQLite cannot compare it with a column; no such row exists."""
    return _error(request, 404, _("Không tìm thấy."))


@api.exception_handler(HttpError)
def on_http_error(request, exc):
    """ninja's own refusals (a body that is not JSON) in Vietnamese."""
    if exc.status_code == 400:
        if isinstance(exc.__cause__, LoneSurrogate):
            detail = _(
                "Dữ liệu gửi lên chứa ký tự không hợp lệ (nửa cặp UTF-16, ví dụ \\ud800): "
                "hãy gửi văn bản UTF-8 đúng."
            )
        else:
            detail = _("Không đọc được dữ liệu gửi lên: nội dung phải là JSON hợp lệ (UTF-8).")
        return _error(request, 400, detail)
    return _error(request, exc.status_code, str(exc))


@api.exception_handler(ValidationError)
def on_django_validation_error(request, exc):
    return _error(request, 400, "; ".join(exc.messages))
