"""Loading the national administrative units (both states, successions), on SQLite and
PostgreSQL.

    BENCH_DB=sqlite|postgres .venv/bin/python bench/bench_units.py   (make bench runs both)

Its own database, emptied at each run (var/bench-units.sqlite3, or the run's PostgreSQL
database name with "_units", dropped and created again). Measures, BENCH_RUNS (3) times
each: reading the dataset (org.dataset.read), the first load into an empty database
(14,152 units, 10,668 successions), and a repeat load (nothing to change). Medians and the
slowest run are printed, with a floor measured in the same run (one indexed read of a unit
by its code) and the load average: the machine is shared.
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "theodoi.settings_test")
DB = os.environ.get("BENCH_DB", "sqlite")
PATH = ROOT / "var" / "bench-units.sqlite3"
ADMIN_URL = ""
if DB == "postgres":
    import psycopg

    base = os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/theodoi_bench"
    os.environ["DATABASE_URL"] = base + "_units"
    ADMIN_URL = base.rsplit("/", 1)[0] + "/postgres"
else:
    (ROOT / "var").mkdir(exist_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{PATH}"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from theodoi.org import dataset, loading  # noqa: E402
from theodoi.org.models import AdminUnit, UnitSuccession  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "3"))


def fresh_database():
    connection.close()
    if DB == "postgres":
        name = os.environ["DATABASE_URL"].rsplit("/", 1)[1]
        with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
    else:
        for suffix in ("", "-wal", "-shm"):
            Path(str(PATH) + suffix).unlink(missing_ok=True)
    call_command("migrate", verbosity=0)


def timed(fn):
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def floor():
    t = time.perf_counter()
    for _ in range(100):
        AdminUnit.objects.filter(code="68").values_list("id", flat=True).first()
    return (time.perf_counter() - t) / 100


def main():
    reads, firsts, repeats, floors = [], [], [], []
    for _ in range(RUNS):
        fresh_database()
        t, data = timed(dataset.read)
        reads.append(t)
        t, _r = timed(lambda data=data: loading.load(data))
        firsts.append(t)
        t, _r = timed(lambda data=data: loading.load(data))
        repeats.append(t)
        floors.append(floor())
    fl = statistics.median(floors)
    print(
        f"{connection.vendor}: units {AdminUnit.objects.count()}, successions "
        f"{UnitSuccession.objects.count()}; load average "
        f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )
    print(f"floor (one unit by code) {fl * 1000:.2f} ms")
    for name, xs in (("read", reads), ("first load", firsts), ("repeat load", repeats)):
        med = statistics.median(xs)
        print(f"{name:<12} median {med:6.2f} s   slowest {max(xs):6.2f} s   {med / fl:8.0f}× floor")


if __name__ == "__main__":
    main()
