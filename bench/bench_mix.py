"""The load test's mix, one request at a time in this process: each request's own cost.

    scripts/run-bench mix         (BENCH_DB=sqlite|postgres; BENCH_RUNS=15; BENCH_PROFILE=1)

Uses bench_load's scratch site (the same database, settings as `make run` serves: DEBUG off,
the file cache) and Django's test client as the user "vanphong" (the load test's user), so
the figures are the view's CPU and database time without the network or the server. Every
request is asked once first (the warm cache the load test runs against), then BENCH_RUNS
times; prints the median and p95 of each (wall clock) and its median CPU time (this
process's: on SQLite the database's work too; less moved by neighbours than the wall clock),
and the mix (the mean of the four CPU medians: what a request of the load test costs).
BENCH_PROFILE=1 prints a cProfile of each request instead.
"""

import cProfile
import io
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import bench_load  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", 15))
PROFILE = os.environ.get("BENCH_PROFILE") == "1"

env = bench_load.site_env()
bench_load.prepare(env)
for k in ("DJANGO_SETTINGS_MODULE", "THEODOI_VAR_DIR", "SECRET_KEY", "THEODOI_DEMO", "DEBUG"):
    os.environ[k] = env[k]
os.environ["SECURE_COOKIES"] = "0"
if "DATABASE_URL" in env:
    os.environ["DATABASE_URL"] = env["DATABASE_URL"]
else:
    os.environ.pop("DATABASE_URL", None)

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.test import Client  # noqa: E402

from theodoi.api.models import ApiToken  # noqa: E402
from theodoi.targets.models import DataValue  # noqa: E402


def p95(xs):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(0.95 * (len(xs) - 1)))]


def main():
    user = get_user_model().objects.get(username="vanphong")
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    _t, raw = ApiToken.objects.issue(user, name="bench-mix")
    v = (
        DataValue.objects.filter(
            indicator__code="THU_NSNN", unit__code="68", period_id__contains="S"
        )
        .select_related("indicator", "unit")
        .order_by("-end_month")
        .first()
    )
    q = f"indicator={v.indicator.code}&unit={v.unit.code}&period={v.period_id}"
    mix = [
        ("home", "/", {}),
        ("indicator page", f"/chi-tieu/{v.indicator.code}/", {}),
        ("analytics API", f"/api/v1/analytics?{q}", {"HTTP_AUTHORIZATION": f"Bearer {raw}"}),
        ("task list", "/nhiem-vu/", {}),
    ]
    api = Client(HTTP_HOST="127.0.0.1")
    medians = []
    print(f"| request ({bench_load.DB}) | median ms | p95 ms | CPU median ms | runs |")
    print("|---|---:|---:|---:|---:|")
    for name, path, headers in mix:
        c = api if headers else client
        r = c.get(path, **headers)
        assert r.status_code == 200, (path, r.status_code)
        if PROFILE:
            prof = cProfile.Profile()
            prof.enable()
            for _ in range(RUNS):
                c.get(path, **headers)
            prof.disable()
            out = io.StringIO()
            pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(45)
            print(f"== {name}\n{out.getvalue()}")
            continue
        times, cpu = [], []
        for _ in range(RUNS):
            t, u = time.perf_counter(), time.process_time()
            c.get(path, **headers)
            times.append((time.perf_counter() - t) * 1000)
            cpu.append((time.process_time() - u) * 1000)
        medians.append(statistics.median(cpu))
        print(
            f"| {name} | {statistics.median(times):.1f} | {p95(times):.1f} "
            f"| {medians[-1]:.1f} | {RUNS} |"
        )
    if medians:
        print(f"| the mix (mean of the CPU medians) | | | {statistics.mean(medians):.1f} | |")
    print(f"load average: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
