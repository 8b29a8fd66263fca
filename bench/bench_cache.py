"""Cached answers: the home page, an indicator page and the analytics API, computed (the cache
emptied before each request) against served from the cache, on the demo province.

    BENCH_DB=sqlite|postgres .venv/bin/python bench/bench_cache.py   (make bench runs both)

The cache is the production default (a file cache, here in a temporary folder), or Redis
with BENCH_REDIS_URL. Requests go through Django's test client in this process (no server):
the figures are the view's own time, not the network's.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "theodoi.settings_test")
DB = os.environ.get("BENCH_DB", "sqlite")
if DB == "sqlite":
    (ROOT / "var").mkdir(exist_ok=True)
    db_file = ROOT / "var" / "bench-cache.sqlite3"
    db_file.unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{db_file}"
elif DB == "postgres":
    import psycopg

    url = os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/theodoi_bench"
    name = url.rsplit("/", 1)[1] + "_cache"
    url = url.rsplit("/", 1)[0] + "/" + name
    os.environ["DATABASE_URL"] = url
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')

import django  # noqa: E402

django.setup()
if os.environ.get("BENCH_REDIS_URL"):
    CACHE = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["BENCH_REDIS_URL"],
        "KEY_PREFIX": "theodoi-bench",
    }
else:
    CACHE = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": tempfile.mkdtemp(prefix="theodoi-bench-cache-"),
        "OPTIONS": {"MAX_ENTRIES": 20000},
    }

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client, override_settings  # noqa: E402

from theodoi.api.models import ApiToken  # noqa: E402
from theodoi.audit.changes import changed  # noqa: E402
from theodoi.demo import org as demo_org  # noqa: E402
from theodoi.demo import targets as demo_targets  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", 30))


def timed(fn, runs, before=None):
    out = []
    for _ in range(runs):
        if before:
            before()
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def p95(xs):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(0.95 * (len(xs) - 1)))]


def main():
    call_command("migrate", verbosity=0)
    ctx = {}
    demo_org.load(ctx)
    demo_targets.load(ctx)
    user = ctx["users"]["xem"]
    c = Client()
    c.force_login(user)
    _t, raw = ApiToken.objects.issue(user, "bench")
    api = {"Authorization": f"Bearer {raw}"}
    requests = [
        ("home /", lambda: c.get("/")),
        ("indicator page", lambda: c.get("/chi-tieu/KHACH_LUU_TRU/", {"ky": "2021S1"})),
        (
            "GET /api/v1/analytics",
            lambda: c.get(
                "/api/v1/analytics",
                {"indicator": "THU_NSNN", "unit": "68", "period": "2021S1"},
                headers=api,
            ),
        ),
    ]
    print(f"database {DB}, cache {CACHE['BACKEND'].rsplit('.', 1)[1]}, {RUNS} runs each,")
    print(f"load average {os.getloadavg()[0]:.2f} at start")
    print(f"{'request':24} {'computed p50':>13} {'p95':>8} {'cached p50':>11} {'p95':>8}")
    for label, send in requests:
        assert send().status_code == 200
        cold = timed(send, RUNS, before=cache.clear)
        send()
        warm = timed(send, RUNS)
        print(
            f"{label:24} {statistics.median(cold):10.1f} ms {p95(cold):5.1f} ms "
            f"{statistics.median(warm):8.1f} ms {p95(warm):5.1f} ms"
        )
    bump = timed(lambda: changed("targets"), RUNS * 10)
    print(f"renewing a generation (a write's cost): p50 {statistics.median(bump):.2f} ms")
    print(f"load average {os.getloadavg()[0]:.2f} at end")


if __name__ == "__main__":
    with override_settings(
        CACHES={"default": CACHE}, SITE_PROVINCE_CODE="68", ALLOWED_HOSTS=["testserver"]
    ):
        main()
