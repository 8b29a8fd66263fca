"""Analytics benchmark: one metric cell, the province overview, and a hand-written SQL floor.

    BENCH_DB=sqlite|postgres .venv/bin/python bench/bench_analytics.py   (make bench runs both)

Size: BENCH_COMMUNES (140), BENCH_INDICATORS (300), BENCH_YEARS (10), BENCH_DISTRICTS (12):
the defaults are the issue's ~5 million values. The data set is generated once per database
(bench/generate.py, deterministic) and reused while its size is unchanged.
"""

import os
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "theodoi.settings_test")
DB = os.environ.get("BENCH_DB", "sqlite")
if DB == "sqlite":
    (ROOT / "var").mkdir(exist_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{ROOT / 'var' / 'bench-analytics.sqlite3'}"
elif DB == "postgres":
    import psycopg

    url = os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/theodoi_bench"
    os.environ["DATABASE_URL"] = url
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from bench.generate import Size, build, generated_size  # noqa: E402
from theodoi.core.periods import Period  # noqa: E402
from theodoi.org.models import AdminUnit  # noqa: E402
from theodoi.targets import analytics, metrics, rollups, scan  # noqa: E402
from theodoi.targets.models import Indicator, Rollup  # noqa: E402


def env_int(name, default):
    return int(os.environ.get(name, default))


SIZE = Size(
    districts=env_int("BENCH_DISTRICTS", 12),
    communes=env_int("BENCH_COMMUNES", 140),
    indicators=env_int("BENCH_INDICATORS", 300),
    years=env_int("BENCH_YEARS", 10),
)


def timed(fn, runs):
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def p95(xs):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(0.95 * (len(xs) - 1)))]


def floor_sql(period: Period, commune_ids):
    """The same overview's figures written by hand: every indicator's value for the span,
    the same span last year and last year's total, summed from communes' months."""
    prev, prev_year = period.previous_year(), Period.year_(period.year - 1)

    def span(p):
        return p.year * 12 + p.first_month - 1, p.end_year * 12 + p.last_month - 1

    (s, e), (ps, pe), (ys, ye) = span(period), span(prev), span(prev_year)
    units = ",".join(str(u) for u in commune_ids)
    sql = f"""
        SELECT indicator_id,
               SUM(CASE WHEN start_month >= {s} AND end_month <= {e} THEN value END),
               SUM(CASE WHEN start_month >= {ps} AND end_month <= {pe} THEN value END),
               SUM(CASE WHEN start_month >= {ys} AND end_month <= {ye} THEN value END)
        FROM targets_datavalue
        WHERE is_latest AND period_kind = 'month'
          AND start_month >= {min(ys, ps)} AND end_month <= {e}
          AND unit_id IN ({units})
        GROUP BY indicator_id"""
    with connection.cursor() as cur:
        cur.execute(sql)
        return {r[0]: r[1:] for r in cur.fetchall()}


def floor_rollup_sql(period: Period, province_id):
    """The overview's three figures per indicator read by hand from the rollup rows."""
    ids = [period.id, period.previous_year().id, str(period.year - 1)]
    sql = f"""
        SELECT indicator_id,
               MAX(CASE WHEN period_id = '{ids[0]}' THEN value END),
               MAX(CASE WHEN period_id = '{ids[1]}' THEN value END),
               MAX(CASE WHEN period_id = '{ids[2]}' THEN value END)
        FROM targets_rollup
        WHERE unit_id = {int(province_id)} AND period_id IN ('{ids[0]}', '{ids[1]}', '{ids[2]}')
        GROUP BY indicator_id"""
    with connection.cursor() as cur:
        cur.execute(sql)
        return {r[0]: r[1:] for r in cur.fetchall()}


def scanning(fn):
    """Run fn with the rollup out of the way (analytics resolves from the values)."""
    saved = rollups.read
    rollups.read = lambda *a, **k: {}
    try:
        return fn()
    finally:
        rollups.read = saved


def main():
    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    if generated_size() != SIZE.label:
        build(SIZE)
        print(f"generated in {time.perf_counter() - t0:.0f} s")
    if not Rollup.objects.filter(indicator__code__startswith="B-").exists():
        t = time.perf_counter()
        n = rollups.rebuild()
        print(f"rollup rebuilt: {n:,} rows in {time.perf_counter() - t:.0f} s")
    province = AdminUnit.objects.get(code="B68")
    communes = list(AdminUnit.objects.filter(code__startswith="B3").values_list("id", flat=True))
    n_values = None
    with connection.cursor() as cur:
        cur.execute("SELECT COUNT(*) FROM targets_datavalue WHERE source = 'bench'")
        n_values = cur.fetchone()[0]
    last = 2016 + SIZE.years - 1
    period = Period.half(last, 1)
    inds = list(Indicator.objects.filter(code__startswith="B-", retired=False).order_by("code"))
    bench_inds = [metrics.info(i) for i in inds]
    district = AdminUnit.objects.filter(code__startswith="B6").order_by("code").first()

    # Correctness first: the overview agrees with the floor where both mean the same thing.
    tree = scan.load_tree()
    ov = analytics.metrics(bench_inds, province, period, tree=tree)
    fl = floor_sql(period, communes)
    checked = 0
    # The rollup-backed overview equals the overview resolved from the values, on every indicator.
    scanned = scanning(lambda: analytics.metrics(bench_inds, province, period, tree=tree))
    for a, b in zip(ov, scanned, strict=True):
        assert (a.value, a.status, a.source, a.previous, a.pace, a.sentence) == (
            b.value,
            b.status,
            b.source,
            b.previous,
            b.pace,
            b.sentence,
        ), (a.indicator, a.value, b.value)
    fr = floor_rollup_sql(period, province.pk)
    assert all(
        Decimal(fr[i.id][0]) == m.value
        for i, m in zip(bench_inds, ov, strict=True)
        if m.value is not None
    )
    for ind, m in zip(bench_inds, ov, strict=True):
        if ind.kind == "flow" and m.source == metrics.SOURCE_CHILDREN:
            assert m.value == fl[ind.id][0], (ind, m.value, fl[ind.id][0])
            assert m.previous == fl[ind.id][1], (ind, m.previous, fl[ind.id][1])
            checked += 1

    cells = [
        (inds[(k * 37) % len(inds)], unit, p)
        for k, (unit, p) in enumerate(
            [
                (u, pp)
                for pp in (
                    period,
                    Period.quarter(last, 2),
                    Period.ytd(last, 9),
                    Period.month(last, 6),
                    Period.year_(last - 1),
                )
                for u in (province, district)
            ]
            * 10
        )
    ]
    cell_times = []
    for ind, unit, p in cells:
        t = time.perf_counter()
        analytics.metric_for(ind, unit, p)
        cell_times.append((time.perf_counter() - t) * 1000)
    runs = env_int("BENCH_RUNS", 7)
    overview_times = timed(lambda: analytics.metrics(bench_inds, province, period), runs)
    floor_times = timed(lambda: floor_sql(period, communes), runs)
    rollup_floor_times = timed(lambda: floor_rollup_sql(period, province.pk), runs)
    scan_times = timed(lambda: scanning(lambda: analytics.metrics(bench_inds, province, period)), 3)

    print(
        f"database: {connection.vendor}; data set {SIZE.label}: {n_values:,} values "
        f"({len(inds)} indicators, {len(communes)} communes); overview period {period.id}"
    )
    print(
        f"overview agrees with the SQL floor on {checked} flow indicators rolled up from communes"
    )
    print(f"{'measure':<44}{'runs':>6}{'median ms':>12}{'p95 ms':>10}")
    rows = [
        ("one cell (metric_for, province/district)", cell_times),
        (f"overview, {len(inds)} indicators (analytics)", overview_times),
        ("overview floor (one hand-written SQL)", floor_times),
        ("rollup floor (hand-written read of rollup)", rollup_floor_times),
        ("overview without the rollup (scan)", scan_times),
    ]
    for label, xs in rows:
        print(f"{label:<44}{len(xs):>6}{statistics.median(xs):>12.1f}{p95(xs):>10.1f}")
    print(
        "overview / floor (medians): "
        f"{statistics.median(overview_times) / statistics.median(floor_times):.2f}×; "
        "overview / rollup floor: "
        f"{statistics.median(overview_times) / statistics.median(rollup_floor_times):.1f}×"
    )


if __name__ == "__main__":
    main()
