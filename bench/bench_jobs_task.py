"""The job bench/bench_jobs.py queues: records which worker ran it, in its transaction."""

import os
import time

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
                data={"bench_run": job_id, "worker": os.getpid()},
            )
            time.sleep(0.005)
    except Skip:
        return
