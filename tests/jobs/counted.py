"""A job for tests/jobs/test_two_apps.py: records, in its transaction, which worker ran it."""

import os

from django.utils import timezone
from django_tasks import task

from theodoi.audit.models import AuditEntry
from theodoi.jobs.services import Skip, running


@task()
def count_run(job_id: int) -> None:
    try:
        with running(job_id):
            AuditEntry.objects.create(
                at=timezone.now(),
                action="jobs.job.started",
                data={"counted_run": job_id, "worker": os.getpid()},
            )
    except Skip:
        return
