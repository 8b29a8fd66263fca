"""A person's jobs: the "Việc đang chạy" list, one job's page (progress bar polled by htmx
every second while it runs; the result or the error when it ends)."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from theodoi.core.numbers import format_number
from theodoi.jobs.models import Job
from theodoi.jobs.services import progress_of
from theodoi.permissions.jobs import can_view_job
from theodoi.permissions.org import require_app_user


def visible_job(user, pk: int) -> Job:
    job = get_object_or_404(Job, pk=pk)
    if not can_view_job(user, job):
        raise PermissionDenied
    return job


def index(request):
    require_app_user(request.user)
    recent = Job.objects.filter(
        Q(state__in=Job.ACTIVE) | Q(created_at__gte=timezone.now() - timedelta(days=7))
    ).order_by("-created_at")[:500]
    jobs = [j for j in recent if can_view_job(request.user, j)][:50]
    return render(
        request,
        "jobs/index.html",
        {
            "active": [(j, progress_of(j)) for j in jobs if j.is_active],
            "finished": [j for j in jobs if not j.is_active],
        },
    )


def detail(request, pk: int):
    require_app_user(request.user)
    job = visible_job(request.user, pk)
    template = "jobs/_status.html" if request.headers.get("HX-Request") else "jobs/detail.html"
    return render(request, template, {"job": job, "p": progress_of(job), "summary": summary(job)})


def summary(job: Job) -> list[str]:
    """What a finished job did, in words."""
    result = job.result if job.state == Job.State.DONE and isinstance(job.result, dict) else {}
    says = {
        "values": _("Đã ghi %(n)s giá trị."),
        "tasks": _("Đã giao %(n)s nhiệm vụ."),
        "rows": _("Bảng tổng hợp có %(n)s dòng."),
        "people": _("Đã nhắc %(n)s người."),
        "checked": _("Đã kiểm tra %(n)s dòng."),
        "cell_errors": _("%(n)s lỗi trong tệp: xem trong bản xem trước."),
        "questions": _("%(n)s tên cơ quan cần chọn: xem trong bản xem trước."),
    }
    return [text % {"n": format_number(result[k])} for k, text in says.items() if k in result]


def download(request, pk: int):
    """A job's file (a report document), to those who may see the job."""
    require_app_user(request.user)
    job = visible_job(request.user, pk)
    if job.state != Job.State.DONE or not (job.result or {}).get("file"):
        raise Http404
    return FileResponse(
        default_storage.open(job.result["file"], "rb"),
        as_attachment=True,
        filename=job.result["name"],
    )
