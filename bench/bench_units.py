"""Loading the national administrative units (both states, successions), SQLite.

    .venv/bin/python bench/bench_units.py

Its own database (var/bench-units.sqlite3), rebuilt at each run. Measures, BENCH_RUNS (3)
times each: reading the dataset (org.dataset.read), the first load into an empty database
(14,152 units, 10,668 successions), and a repeat load (nothing to change). Medians and the
slowest run are printed.
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "theodoi.settings_test")
(ROOT / "var").mkdir(exist_ok=True)
PATH = ROOT / "var" / "bench-units.sqlite3"
os.environ["DATABASE_URL"] = f"sqlite:///{PATH}"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from theodoi.org import dataset, loading  # noqa: E402
from theodoi.org.models import AdminUnit, UnitSuccession  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "3"))


def timed(fn):
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def main():
    reads, firsts, repeats = [], [], []
    for _ in range(RUNS):
        for suffix in ("", "-wal", "-shm"):
            Path(str(PATH) + suffix).unlink(missing_ok=True)
        call_command("migrate", verbosity=0)
        t, data = timed(dataset.read)
        reads.append(t)
        t, _r = timed(lambda data=data: loading.load(data))
        firsts.append(t)
        t, _r = timed(lambda data=data: loading.load(data))
        repeats.append(t)
    print(f"units {AdminUnit.objects.count()}, successions {UnitSuccession.objects.count()}")
    for name, xs in (("read", reads), ("first load", firsts), ("repeat load", repeats)):
        print(f"{name:<12} median {statistics.median(xs):6.2f} s   slowest {max(xs):6.2f} s")


if __name__ == "__main__":
    main()
