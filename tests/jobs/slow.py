"""A job for tests/jobs/test_worker.py: writes audit entries in its transaction, says so
through a marker file, then waits to be killed."""

import os
import time
from pathlib import Path

from django.utils import timezone
from django_tasks import task

from theodoi.audit.models import AuditEntry
from theodoi.jobs.services import Skip, running


@task()
def write_then_wait(job_id: int) -> None:
    try:
        with running(job_id) as job:
            for n in range(5):
                AuditEntry.objects.create(
                    at=timezone.now(), action="jobs.job.started", data={"slow": n}
                )
            Path(os.environ["SLOW_JOB_MARKER"]).write_text(str(os.getpid()))
            time.sleep(float(job.params.get("wait", 0)))
            job.result = {"written": 5}
    except Skip:
        return
