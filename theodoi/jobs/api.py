"""A job over the API: GET /api/v1/jobs/{id} reports its state, its progress and, when done,
its result. Endpoints that queue a job answer 202 with this same shape and its `url`."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Router

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


@router.get("/jobs/{job_id}", response=JobOut, summary="Trạng thái, tiến độ và kết quả một việc")
def get_job(request, job_id: int):
    job = get_object_or_404(Job, pk=job_id)
    if not can_view_job(request.user, job):
        raise PermissionDenied
    return job_out(job)
