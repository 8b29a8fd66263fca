"""A person's jobs: the "Việc đang chạy" list, one job's page (progress bar polled by htmx
every second while it runs; the result or the error when it ends)."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

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
    return render(request, template, {"job": job, "p": progress_of(job)})
