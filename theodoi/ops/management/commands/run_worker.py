"""The job worker `make run` starts beside the web server (scripts/serve): each round it marks
the jobs of dead workers failed (jobs.services.reap_stale), queues the daily reminders
when due (tasks.jobs.schedule_reminders), then runs every waiting task through
django-tasks-db's worker, which claims each task with a row lock, so any number of
workers on any number of machines run each task once."""

import logging
import signal
import sys
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker

from theodoi.jobs.services import reap_stale
from theodoi.tasks.jobs import schedule_reminders

logger = logging.getLogger(__name__)
# Tasks run between two housekeeping rounds (dead workers, the daily reminders).
BATCH = 50


class Command(BaseCommand):
    help = "Chạy các việc nền (nhập tệp lớn, tính lại bảng tổng hợp, thông báo đôn đốc hằng ngày)."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=1.0)
        parser.add_argument("--batch", action="store_true", help="run what waits, then exit")
        parser.add_argument("--worker-id", default="")

    def handle(self, *, interval: float, batch: bool, worker_id: str, **options):
        worker_id = worker_id or get_random_string(24)
        self.stopping = False
        self.worker: Worker | None = None
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, self._stop)
        while not self.stopping:
            close_old_connections()
            try:
                reap_stale()
                schedule_reminders()
            except Exception:
                logger.exception("worker housekeeping")
            self.worker = Worker(
                queue_names=["*"],
                interval=0,
                batch=True,
                backend_name="default",
                startup_delay=False,
                max_tasks=BATCH,
                worker_id=worker_id,
                excluded_queue_names=[],
            )
            self.worker.run()
            if batch and self.worker._run_tasks < BATCH:
                return  # nothing left waiting
            time.sleep(interval)

    def _stop(self, signum, frame):
        """First signal: finish the running task, then stop; a second one stops at once."""
        if self.stopping or self.worker is None or not self.worker.running_task:
            sys.exit(0)
        self.stopping = True
        self.worker.running = False
