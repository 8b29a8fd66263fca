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
