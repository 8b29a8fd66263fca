"""The daily reminders as a job the app schedules itself: each worker, on every round,
asks schedule_reminders(); after settings.REMINDERS_HOUR (local time) the first to ask
queues the day's job, the others find it. send_reminders stays idempotent (one notice per
person a day), so even a job run twice would send nothing twice."""

from datetime import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from theodoi.jobs.models import Job
from theodoi.jobs.services import Skip, running, start
from theodoi.tasks.reminders import send_reminders


def reminders_key(day) -> str:
    return f"reminders:{day:%Y-%m-%d}"


def schedule_reminders(now: datetime | None = None) -> Job | None:
    """Queue today's reminders once, after the hour; None when not (yet) due."""
    local = timezone.localtime(now or timezone.now())
    if local.hour < settings.REMINDERS_HOUR:
        return None
    key = reminders_key(local.date())
    if Job.objects.filter(dedupe_key=key).exists():
        return None
    job, created = start(
        None,
        send_daily_reminders,
        kind="tasks.reminders",
        title=_("Gửi thông báo đôn đốc ngày %(d)s") % {"d": f"{local:%d/%m/%Y}"},
        dedupe_key=key,
        audience="steering",
    )
    return job if created else None


@task()
def send_daily_reminders(job_id: int) -> None:
    try:
        with running(job_id) as job:
            job.result = {"people": send_reminders()}
    except Skip:
        return
