"""The real worker (manage.py run_worker) in subprocesses over a scratch database: a queued
job runs to the end; a worker killed with SIGKILL mid-job leaves nothing written and its job
is marked failed (not "running" for ever) by the next worker's housekeeping."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable

SNIPPET_START = """
from django.contrib.auth import get_user_model
from theodoi.jobs.services import start
from tests.jobs.slow import write_then_wait
user, _ = get_user_model().objects.get_or_create(username="worker-test")
job, _ = start(user, write_then_wait, kind="test", title="Thử", params={"wait": %s})
print(job.pk)
"""

SNIPPET_STATE = """
from theodoi.audit.models import AuditEntry
from theodoi.jobs.models import Job
j = Job.objects.get(pk=%s)
print(j.state, AuditEntry.objects.filter(data__slow__isnull=False).count(), j.error)
"""


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    var = tmp_path_factory.mktemp("worker")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "theodoi.settings",
        "THEODOI_VAR_DIR": str(var),
        "SECRET_KEY": "worker-test-" + "k" * 50,
        "DEBUG": "1",
        "PYTHONPATH": str(ROOT),
        "JOB_STALE_SECONDS": "2",
        "SLOW_JOB_MARKER": str(var / "marker"),
    }
    env.pop("DATABASE_URL", None)  # a scratch SQLite file; PostgreSQL: tests/jobs/test_two_apps
    subprocess.run([PY, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    return env, var


def _shell(env, code: str) -> str:
    out = subprocess.run(
        [PY, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout.strip().splitlines()[-1]  # the shell may print a banner first


def test_the_real_worker_runs_a_queued_job(scratch):
    env, _var = scratch
    job_id = _shell(env, SNIPPET_START % 0)
    subprocess.run(
        [PY, "manage.py", "run_worker", "--batch"], cwd=ROOT, env=env, check=True, timeout=120
    )
    assert _shell(env, SNIPPET_STATE % job_id).split()[:2] == ["done", "5"]


def test_a_worker_killed_mid_job_writes_nothing_and_the_job_is_marked_failed(scratch):
    env, var = scratch
    marker = var / "marker"
    marker.unlink(missing_ok=True)
    before = int(_shell(env, SNIPPET_STATE % _shell(env, SNIPPET_START % 0)).split()[1])
    subprocess.run([PY, "manage.py", "run_worker", "--batch"], cwd=ROOT, env=env, check=True)
    after_first = int(
        _shell(
            env,
            "from theodoi.audit.models import AuditEntry; "
            "print(AuditEntry.objects.filter(data__slow__isnull=False).count())",
        )
    )
    assert after_first == before + 5
    marker.unlink(missing_ok=True)
    job_id = _shell(env, SNIPPET_START % 600)
    worker = subprocess.Popen([PY, "manage.py", "run_worker"], cwd=ROOT, env=env)
    try:
        deadline = time.monotonic() + 120
        while not marker.exists():
            assert time.monotonic() < deadline, "the worker never started the job"
            assert worker.poll() is None
            time.sleep(0.2)
        state = _shell(env, SNIPPET_STATE % job_id).split()
        assert state[0] == "running"
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)
    finally:
        if worker.poll() is None:
            worker.kill()
    time.sleep(2.5)  # JOB_STALE_SECONDS=2: the heartbeat is now stale
    subprocess.run([PY, "manage.py", "run_worker", "--batch"], cwd=ROOT, env=env, check=True)
    state, written, *error = _shell(env, SNIPPET_STATE % job_id).split()
    assert state == "failed"
    assert int(written) == after_first  # the killed job's five entries are not there
    assert "dừng giữa chừng" in " ".join(error)
