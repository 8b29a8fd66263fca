"""Two job workers over one database: 200 queued jobs, two `manage.py run_worker` processes
started at once; every job must run exactly once (the database backend claims each task with
a row lock: SELECT ... FOR UPDATE SKIP LOCKED on PostgreSQL, an exclusive transaction on
SQLite). Prints the wall time and how the jobs split between the workers.

A scratch database: var/bench-jobs.sqlite3, or <DATABASE_URL>_jobs on PostgreSQL (dropped and
created). Run as scripts/run-bench runs it (BENCH_DB, DATABASE_URL)."""

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
JOBS = int(os.environ.get("BENCH_JOBS", 200))


def main() -> None:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "theodoi.settings",
        "SECRET_KEY": "bench-jobs-" + "k" * 50,
        "DEBUG": "1",
        "PYTHONPATH": str(ROOT),
        "THEODOI_VAR_DIR": str(ROOT / "var" / "bench-jobs"),
    }
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        base, name = url.rsplit("/", 1)
        scratch = f"{name}_jobs"
        admin = subprocess.run(
            [sys.executable, "-c", _PG_RESET % (base + "/postgres", scratch, scratch)], env=env
        )
        admin.check_returncode()
        env["DATABASE_URL"] = f"{base}/{scratch}"
    else:
        env.pop("DATABASE_URL", None)
        db = ROOT / "var" / "bench-jobs" / "theodoi.sqlite3"
        for p in db.parent.glob("theodoi.sqlite3*"):
            p.unlink()
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    shell = [sys.executable, "manage.py", "shell", "-c"]
    subprocess.run(shell + [_QUEUE % JOBS], cwd=ROOT, env=env, check=True)
    t = time.perf_counter()
    workers = [
        subprocess.Popen(
            [sys.executable, "manage.py", "run_worker", "--batch", "--worker-id", f"w{i}"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for i in (1, 2)
    ]
    for w in workers:
        w.wait(timeout=600)
    took = time.perf_counter() - t
    out = (
        subprocess.run(
            shell + [_CHECK], cwd=ROOT, env=env, check=True, capture_output=True, text=True
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    runs, distinct, done, split = out.split(" ", 3)
    print(f"{JOBS} jobs, 2 workers: {took:.1f} s wall (each worker started as a new process)")
    print(f"  runs recorded {runs}, distinct jobs run {distinct}, jobs done {done}")
    print(f"  split between workers: {split}")
    ok = int(runs) == int(distinct) == int(done) == JOBS
    print("  exactly once each:", "yes" if ok else "NO")
    if not ok:
        sys.exit(1)


_PG_RESET = """
import psycopg
with psycopg.connect(%r, autocommit=True) as c:
    c.execute('DROP DATABASE IF EXISTS "%s"')
    c.execute('CREATE DATABASE "%s"')
"""

_QUEUE = """
from django.contrib.auth import get_user_model
from theodoi.jobs.services import start
from bench.bench_jobs_task import count_run
user, _ = get_user_model().objects.get_or_create(username="bench-jobs")
for n in range(%d):
    start(user, count_run, kind="bench", title=f"bench {n}")
"""

_CHECK = """
from collections import Counter
from theodoi.audit.models import AuditEntry
from theodoi.jobs.models import Job
runs = list(AuditEntry.objects.filter(data__bench_run__isnull=False).values_list("data", flat=True))
done = Job.objects.filter(kind="bench", state="done").count()

workers = dict(Counter(r["worker"] for r in runs))
print(len(runs), len({r["bench_run"] for r in runs}), done, workers)
"""

if __name__ == "__main__":
    main()
