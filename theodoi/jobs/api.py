"""A job over the API: GET /api/v1/jobs/{id} reports its state, its progress and, when done,
its result. Endpoints that queue a job answer 202 with this same shape and its `url`."""

from django.utils.translation import gettext as _
from ninja import Router

from theodoi.api.errors import ApiError
from theodoi.api.schemas import Schema
from theodoi.jobs.models import Job
from theodoi.jobs.services import progress_of
from theodoi.permissions.jobs import can_view_job

router = Router(tags=["Việc chạy nền"])


class ProgressOut(Schema):
    done: int
    total: int
    percent: int
    message: str


class JobOut(Schema):
    id: int
    url: str
    kind: str
    title: str
    state: str
    progress: ProgressOut
    result: dict | None
    error: str


def job_out(job: Job) -> dict:
    return {
        "id": job.pk,
        "url": f"/api/v1/jobs/{job.pk}",
        "kind": job.kind,
        "title": job.title,
        "state": job.state,
        "progress": progress_of(job),
        "result": job.result if job.state != Job.State.QUEUED else None,
        "error": job.error,
    }


@router.get(
    "/jobs/{job_id}",
    response=JobOut,
    summary="Trạng thái, tiến độ và kết quả một việc",
    description=(
        "state: queued, running, done hoặc failed. Hỏi lại (ví dụ mỗi giây) đến khi done "
        "(result: kết quả; result.preview_url cho một bản xem trước) hoặc failed (error: lý do "
        "bằng tiếng Việt; không có gì được ghi). Việc của người khác trả 404 như việc không có."
    ),
)
def get_job(request, job_id: int):
    job = Job.objects.filter(pk=job_id).first()
    if job is None or not can_view_job(request.user, job):
        # Another person's job is answered as one that does not exist: its existence says
        # that someone imports a file.
        raise ApiError(404, _("Không tìm thấy việc %(id)s.") % {"id": job_id})
    return job_out(job)
