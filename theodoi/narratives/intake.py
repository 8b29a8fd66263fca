"""Bringing a report in, for the page and the API alike: store the upload, then read it on
the request (a .docx, a PDF with a text layer, text) or start a job (a scan, a large file)."""

from theodoi.core.errors import DomainError, NotAllowed
from theodoi.jobs.models import Job
from theodoi.narratives import services
from theodoi.narratives.jobs import start_reading
from theodoi.narratives.models import ReceivedReport
from theodoi.narratives.readers import needs_job


def bring_in(actor, *, name: str, data: bytes, **attach) -> tuple[ReceivedReport, Job | None]:
    """attach: cycle, agency, period. A file that cannot be read is kept, marked failed
    with the reason, and the DomainError is raised for the caller to show."""
    report = services.receive(actor, name=name, data=data, **attach)
    if needs_job(name, data, threshold=services.job_bytes()):
        return report, start_reading(actor, report)
    try:
        services.read_received(actor, report)
    except NotAllowed:
        raise
    except DomainError as exc:
        services.mark_failed(report, exc.message)
        raise
    return report, None
