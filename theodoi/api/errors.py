"""The API's error shape: {"detail": "...", "errors": [{"index", "field", "message"}]}."""

from dataclasses import dataclass


@dataclass
class RowError:
    field: str
    message: str
    index: int | None = None

    def as_dict(self):
        d: dict[str, str | int | None] = {"field": self.field, "message": self.message}
        if self.index is not None:
            d["index"] = self.index
        return d


class ApiError(Exception):
    """Raise from an endpoint to answer with a status and Vietnamese message."""

    def __init__(self, status: int, detail: str, errors: list | None = None):
        self.status = status
        self.detail = detail
        self.errors = errors or []
        super().__init__(detail)


# The error shape as OpenAPI documents it (components/schemas/Error), and the answers every
# operation may give: a generated client then knows the body of a 400, 401, 403 or 404.
ERROR_SCHEMA = {
    "title": "Error",
    "type": "object",
    "required": ["detail"],
    "properties": {
        "detail": {"type": "string", "description": "Thông báo lỗi bằng tiếng Việt."},
        "errors": {
            "type": "array",
            "description": "Lỗi từng trường hoặc từng dòng (index đếm từ 0).",
            "items": {
                "type": "object",
                "required": ["field", "message"],
                "properties": {
                    "index": {"type": ["integer", "null"]},
                    "field": {"type": "string"},
                    "message": {"type": "string"},
                },
                "additionalProperties": True,
            },
        },
    },
}
ERROR_ANSWERS = {
    400: "Dữ liệu gửi lên không hợp lệ (thông báo nêu trường và lý do); không gì được ghi.",
    401: "Thiếu mã truy cập hoặc mã không hợp lệ (Authorization: Bearer <mã>).",
    403: "Có mã truy cập nhưng không có quyền thực hiện thao tác này.",
    404: "Không tìm thấy (hoặc người gọi không được xem).",
}


def document_errors(schema: dict) -> dict:
    """Add the Error schema and the 400/401/403/404 answers to every operation of an
    OpenAPI schema (those an operation already documents are kept)."""
    schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    ref = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            responses = operation["responses"]
            for status, description in ERROR_ANSWERS.items():
                if status not in responses and str(status) not in responses:
                    responses[status] = {"description": description, "content": ref}
    return schema
