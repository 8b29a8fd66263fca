"""Domain errors: raised by services, shown by pages, answered by the API as 400."""


class DomainError(Exception):
    """A rule of the domain refused a change. The message is for the user (Vietnamese)
    and names what is wrong; `field` names the form field; `errors` lists row errors
    for multi-row writes as dicts {"index", "field", "message"} (index counts from 0)."""

    status = 400

    def __init__(self, message: str, field: str | None = None, errors: list[dict] | None = None):
        self.message = message
        self.field = field
        self.errors = errors or []
        super().__init__(message)


class NotAllowed(DomainError):
    """The person may not do this (403 in the API)."""

    status = 403
