"""Write cost: `record_values` of one 10,000-row batch (commune months), on a small tree.

    BENCH_DB=sqlite|postgres .venv/bin/python bench/bench_writes.py   (make bench runs both)

The tree: 1 province, 4 districts, 40 communes; 25 flow/stock indicators; the batch is
10 months of 2021 for every commune and indicator (10,000 rows), written into an empty
database, then written again with every figure changed (10,000 revisions). Measures the
whole service call (validation, history, audit and, where present, the analytics rollup).
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
if DB == "sqlite":
    (ROOT / "var").mkdir(exist_ok=True)
    path = ROOT / "var" / "bench-writes.sqlite3"
    path.unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
elif DB == "postgres":
    import psycopg

    url = (
        os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/theodoi_bench"
    ) + "_writes"
    os.environ["DATABASE_URL"] = url
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from theodoi.org.models import AdminUnit, UnitKind  # noqa: E402
from theodoi.targets import rollups  # noqa: E402
from theodoi.targets.models import Indicator  # noqa: E402
from theodoi.targets.rows import ValueRow  # noqa: E402
from theodoi.targets.services import record_values  # noqa: E402


def main():
    call_command("migrate", verbosity=0)
    admin = get_user_model().objects.create_superuser("bench-admin", "bench@example.invalid", "x")
    province = AdminUnit.objects.create(code="W68", name="Tỉnh ghi thử", kind=UnitKind.PROVINCE)
    districts = [
        AdminUnit.objects.create(
            code=f"W{600 + d}", name=f"Huyện ghi thử {d}", kind=UnitKind.DISTRICT, parent=province
        )
        for d in range(4)
    ]
    communes = [
        AdminUnit.objects.create(
            code=f"W{30000 + c}",
            name=f"Xã ghi thử {c}",
            kind=UnitKind.COMMUNE,
            parent=districts[c % 4],
        )
        for c in range(40)
    ]
    kinds = ["flow"] * 4 + ["stock"]
    inds = [
        Indicator.objects.create(
            code=f"W-{i:02d}",
            name=f"Chỉ tiêu ghi thử {i}",
            unit_of_measure="tỷ đồng",
            kind=kinds[i % 5],
            finest_period="month",
            jump_threshold=None,
        )
        for i in range(25)
    ]

    def batch(shift):
        return [
            ValueRow(
                indicator=ind.code,
                unit=c.code,
                period=f"2021{m:02d}",
                value=str(100 + i + m + shift),
                status="official",
            )
            for i, ind in enumerate(inds)
            for c in communes
            for m in range(1, 11)
        ]

    # The share of the analytics rollup's refresh.
    refresh_ms = []
    inner = rollups.refresh

    def timed_refresh(written):
        t = time.perf_counter()
        try:
            return inner(written)
        finally:
            refresh_ms.append((time.perf_counter() - t) * 1000)

    rollups.refresh = timed_refresh
    times = []
    for label, shift in (("first write", 0), ("revision of every row", 7)):
        rows = batch(shift)
        t = time.perf_counter()
        record_values(admin, rows, source="bench")
        times.append((label, len(rows), (time.perf_counter() - t) * 1000, sum(refresh_ms)))
        refresh_ms.clear()
    print(f"database: {connection.vendor}; {len(communes)} communes, {len(inds)} indicators")
    print(f"{'record_values batch':<32}{'rows':>8}{'ms':>12}{'ms/row':>10}{'rollup ms':>12}")
    for label, n, ms, r in times:
        print(f"{label:<32}{n:>8}{ms:>12.0f}{ms / n:>10.2f}{r:>12.0f}")
    assert statistics.mean(t[2] for t in times) > 0


if __name__ == "__main__":
    main()
