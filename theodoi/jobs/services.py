"""Starting a job, running it, finishing it, and finding the jobs of dead workers.

start() writes the job row and enqueues its task in one transaction (the database backend
stores the task row in the same database), so a job is queued exactly when its row exists.
A worker claims the task with a row lock (SELECT ... FOR UPDATE SKIP LOCKED on PostgreSQL,
an IMMEDIATE transaction on SQLite), then running() marks the job running and beats a
heartbeat while the work runs. A worker killed mid-way stops beating: reap_stale() marks
its job failed (its writes were one transaction, so nothing of it is in the database)."""

import logging
import os
import socket
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks_db.models import DBTaskResult

from theodoi.audit.actions import Action
from theodoi.audit.trail import record
from theodoi.core.errors import DomainError
from theodoi.jobs import progress
from theodoi.jobs.models import Job

logger = logging.getLogger(__name__)


def heartbeat_seconds() -> float:
    return float(getattr(settings, "JOB_HEARTBEAT_SECONDS", 5))


def stale_after() -> timedelta:
    return timedelta(seconds=float(getattr(settings, "JOB_STALE_SECONDS", 60)))


def start(
    actor,
    task,
    *,
    kind: str,
    title: str,
    params: dict | None = None,
    dedupe_key: str = "",
    audience: str = "",
) -> tuple[Job, bool]:
    """Queue `task` (a django-tasks Task taking the job id) as a job. Returns (job, created):
    while a job with the same dedupe_key waits or runs, the caller gets that job instead
    of a second one (and may then see it: they are added to its watchers)."""
    with transaction.atomic():
        if dedupe_key:
            existing = (
                Job.objects.select_for_update()
                .filter(dedupe_key=dedupe_key, state__in=Job.ACTIVE)
                .first()
            )
            if existing is not None:
                return _watch(existing, actor), False
        try:
            with transaction.atomic():
                job = Job.objects.create(
                    kind=kind,
                    title=title[:255],
                    owner=actor,
                    params=params or {},
                    dedupe_key=dedupe_key,
                    audience=audience,
                    created_at=timezone.now(),
                )
        except IntegrityError:
            # Another request created it between our read and our insert.
            existing = Job.objects.select_for_update().get(
                dedupe_key=dedupe_key, state__in=Job.ACTIVE
            )
            return _watch(existing, actor), False
        record(actor, Action.JOB_STARTED, job, data={"kind": kind, "title": job.title})
        # The immediate backend (tests) runs the job right here; the database backend
        # stores the task row in this transaction.
        result = task.enqueue(job.pk)
        Job.objects.filter(pk=job.pk).update(task_id=str(result.id))
        job.refresh_from_db()
    return job, True


def _watch(job: Job, actor) -> Job:
    if actor is not None and actor.pk != job.owner_id and actor.pk not in job.watchers:
        job.watchers = [*job.watchers, actor.pk]
        job.save(update_fields=["watchers"])
    return job


class _Heartbeat(threading.Thread):
    def __init__(self, job_id: int):
        super().__init__(daemon=True, name=f"job-{job_id}-heartbeat")
        self.job_id = job_id
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(heartbeat_seconds()):
            try:
                progress.beat(self.job_id)
            except Exception:  # the cache is down: the job itself goes on
                logger.exception("heartbeat of job %s", self.job_id)


class Skip(Exception):
    """The job is no longer waiting (already run, or marked failed): nothing to do."""


@contextmanager
def running(job_id: int, *, atomic: bool = True) -> Iterator[Job]:
    """Run the body of a job. The body sets job.result (JSON) and job.result_url. A
    DomainError fails the job with its Vietnamese message; any other error fails it with a
    general message (the details go to the log). The body runs in one transaction, so
    nothing of a failed body is written. atomic=False runs the body outside a transaction,
    for a long body that only reads and writes its result at the end (reading a scan by
    OCR: on SQLite a transaction holds the database's write lock from its BEGIN)."""
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.state != Job.State.QUEUED:
            raise Skip(job_id)
        job.state = Job.State.RUNNING
        job.started_at = timezone.now()
        job.attempts += 1
        job.worker = f"{socket.gethostname()}:{os.getpid()}"[:120]
        job.save(update_fields=["state", "started_at", "attempts", "worker"])
    progress.report(job.pk, 0, 0, _("Đang bắt đầu…"))
    beat = _Heartbeat(job.pk)
    beat.start()
    try:
        # The body's writes are one transaction: a failure (or a killed worker) leaves none.
        with transaction.atomic() if atomic else nullcontext():
            yield job
    except DomainError as exc:
        _finish(job, Job.State.FAILED, error=exc.message, result={"errors": exc.errors[:50]})
    except Exception:
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        _finish(
            job,
            Job.State.FAILED,
            error=_("Việc gặp lỗi hệ thống và đã dừng; không có gì được ghi. Hãy báo quản trị."),
        )
    else:
        _finish(job, Job.State.DONE, result=job.result, result_url=job.result_url)
    finally:
        beat.stopped.set()


def _finish(job: Job, state: str, *, error: str = "", result=None, result_url: str = "") -> None:
    with transaction.atomic():
        row = Job.objects.select_for_update().get(pk=job.pk)
        row.state = state
        row.error = error
        row.result = result
        row.result_url = result_url
        row.finished_at = timezone.now()
        row.save(update_fields=["state", "error", "result", "result_url", "finished_at"])
    job.state, job.error, job.finished_at = row.state, row.error, row.finished_at
    progress.forget(job.pk)


def reap_stale(now=None) -> list[int]:
    """Mark failed every running job whose worker stopped beating (killed, machine lost),
    and the queue's task row with it, so that no job stays "running" for ever. Returns
    the ids marked."""
    now = now or timezone.now()
    limit = (now - stale_after()).timestamp()
    reaped = []
    for job_id in Job.objects.filter(state=Job.State.RUNNING).values_list("pk", flat=True):
        beat = progress.last_beat(job_id)
        if beat is not None and beat >= limit:
            continue
        with transaction.atomic():
            job = Job.objects.select_for_update().get(pk=job_id)
            if job.state != Job.State.RUNNING:
                continue
            job.state = Job.State.FAILED
            job.error = _(
                "Việc bị dừng giữa chừng (máy chạy việc đã tắt); không có gì được ghi. "
                "Hãy chạy lại."
            )
            job.finished_at = now
            job.save(update_fields=["state", "error", "finished_at"])
            record(None, Action.JOB_ABANDONED, job, data={"kind": job.kind, "worker": job.worker})
            _fail_task_row(job.task_id)
        progress.forget(job_id)
        reaped.append(job_id)
    return reaped


def _fail_task_row(task_id: str) -> None:
    try:
        task_uuid = uuid.UUID(task_id)
    except ValueError:  # another backend's id (tests' immediate and dummy backends)
        return
    # The queue's own row: a task left RUNNING by a dead worker is never claimed again,
    # so only its status is corrected here.
    DBTaskResult.objects.filter(pk=task_uuid, status="RUNNING").update(
        status="FAILED", finished_at=timezone.now()
    )


def progress_of(job: Job) -> dict:
    p = progress.read(job.pk) if job.is_active else None
    return {
        "done": (p or {}).get("done", 0),
        "total": (p or {}).get("total", 0),
        "message": (p or {}).get("message", ""),
        "percent": 100 if job.state == Job.State.DONE else progress.percent(p),
    }
