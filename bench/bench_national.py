"""The national benchmark: the country's units in both states and figures for 2024–2026.

    BENCH_DB=sqlite|postgres .venv/bin/python bench/bench_national.py   (make bench runs both)

Its own database (var/bench-national.sqlite3, or the run's PostgreSQL database name with
"_national"), kept between runs: `load_units` (14,152 units, 10,668 successions) and a
deterministic series of figures are written once, then reused while their marker matches.
The series (bench/generate.py's `figure`, no randomness): NATIONAL_INDICATORS (6: 4 flows,
a stock, a rate) monthly at every old commune for 01/2024–06/2025 (10,035 × 18) and at every
new commune for 07/2025–12/2026 (3,321 × 18), and the rate quarterly at every province of
both states: ≈ 1.44 million values. Rows go in with executemany (SQLite) or COPY (PostgreSQL).

Measured (BENCH_RUNS, default 30; medians and p95 in ms, each as a ratio to the floor):
- floor: one indexed read of one value (indicator, month, unit) — the cheapest question;
- one comparable answer: `analytics.metric_for` of a flow for the new Lâm Đồng (from
  01/07/2025) for 2025Q1, its same quarter of 2024 and the year 2024: every span is before
  the province existed, so each is summed from the old Lâm Đồng, Đắk Nông and Bình Thuận
  over their ≈ 300 communes, on today's boundaries;
- the overview of the new Lâm Đồng: `targets.queries.latest_metrics`, what the home page's
  panel computes (its latest period, 2026Q4's months, is compared with 2025, half of
  which is before the province existed), and `analytics.overview` for 2026S1;
Loading the units is measured by bench/bench_units.py (a fresh database each run).
"""

import os
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "theodoi.settings_test")
DB = os.environ.get("BENCH_DB", "sqlite")
if DB == "sqlite":
    (ROOT / "var").mkdir(exist_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{ROOT / 'var' / 'bench-national.sqlite3'}"
elif DB == "postgres":
    import psycopg

    base = os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/theodoi_bench"
    url = base + "_national"
    os.environ["DATABASE_URL"] = url
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.generate import _insert, figure  # noqa: E402
from theodoi.core.periods import Period  # noqa: E402
from theodoi.org.models import AdminUnit  # noqa: E402
from theodoi.targets import analytics  # noqa: E402
from theodoi.targets.models import DataValue, Indicator  # noqa: E402
from theodoi.targets.queries import latest_metrics  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "30"))
N_IND = int(os.environ.get("NATIONAL_INDICATORS", "6"))
KINDS = ["flow", "flow", "flow", "flow", "stock", "rate"]
OLD_MONTHS = [(2024, m) for m in range(1, 13)] + [(2025, m) for m in range(1, 7)]
NEW_MONTHS = [(2025, m) for m in range(7, 13)] + [(2026, m) for m in range(1, 13)]
MARKER = f"national-{N_IND}i-v1"
NEW_START = datetime(2025, 7, 1).date()


def log(msg):
    print(msg, flush=True)


def generated() -> bool:
    return Indicator.objects.filter(code="N-SIZE", description=MARKER).exists()


def build():
    t = time.perf_counter()
    call_command("load_units", verbosity=0)
    log(f"  load_units {time.perf_counter() - t:.1f} s")
    with transaction.atomic():
        with connection.cursor() as cur:
            ids = "SELECT id FROM targets_indicator WHERE code LIKE 'N-%%'"
            cur.execute(f"DELETE FROM targets_datavalue WHERE indicator_id IN ({ids})")
        Indicator.objects.filter(code__startswith="N-").delete()
        indicators = Indicator.objects.bulk_create(
            [
                Indicator(
                    code=f"N-{i:03d}",
                    name=f"Chỉ tiêu quốc gia thử nghiệm {i + 1}",
                    unit_of_measure="%" if KINDS[i % 6] == "rate" else "tỷ đồng",
                    kind=KINDS[i % 6],
                    unit_aggregation="none" if KINDS[i % 6] == "rate" else "sum",
                    finest_period="month",
                    order=20000 + i,
                    search_key=f"n-{i:03d} chi tieu quoc gia thu nghiem {i + 1}",
                )
                for i in range(N_IND)
            ]
        )
    units = list(AdminUnit.objects.values_list("id", "level", "valid_from", "valid_to"))
    old = [u for u, lv, vf, vt in units if lv == 3 and vt is not None and vt < NEW_START]
    new = [u for u, lv, vf, vt in units if lv == 3 and vf == NEW_START]
    provinces = [(u, vf == NEW_START) for u, lv, vf, vt in units if lv == 1]
    stamp = datetime(2027, 1, 1, tzinfo=UTC)
    stamp = stamp if connection.vendor == "postgresql" else "2027-01-01 00:00:00"
    cols = [
        "indicator_id",
        "unit_id",
        "period_id",
        "period_kind",
        "start_month",
        "end_month",
        "value",
        "status",
        "created_at",
        "note",
        "source",
        "is_latest",
    ]

    def rows():
        for ind in indicators:
            for group, months in ((old, OLD_MONTHS), (new, NEW_MONTHS)):
                if ind.kind == "rate":
                    continue
                for n, u in enumerate(group):
                    for y, m in months:
                        mi = y * 12 + m - 1
                        v = figure(ind.pk, n, mi - 2024 * 12)
                        yield (ind.pk, u, f"{y}{m:02d}", "month", mi, mi, v, "official", stamp,
                               "", "bench", True)  # fmt: skip
            if ind.kind != "rate":
                continue
            for u, is_new in provinces:
                months = NEW_MONTHS if is_new else OLD_MONTHS
                for y, m in months[2::3]:
                    mi = y * 12 + m - 1
                    yield (ind.pk, u, f"{y}Q{m // 3}", "quarter", mi - 2, mi,
                           5 + (u + mi) % 7, "official", stamp, "", "bench", True)  # fmt: skip

    t = time.perf_counter()
    _insert("targets_datavalue", cols, rows(), log)
    with connection.cursor() as cur:
        cur.execute("ANALYZE")  # the units too: PostgreSQL plans by their statistics
    Indicator.objects.create(
        code="N-SIZE",
        name="(bộ số liệu quốc gia thử nghiệm)",
        unit_of_measure="-",
        description=MARKER,
        retired=True,
        order=99998,
    )
    log(f"  values written in {time.perf_counter() - t:.1f} s")


def timed(fn, runs):
    """Wall-clock and this process's CPU times (ms) of ``runs`` calls. On the shared machine
    the wall clock waits for the CPU; the CPU time (SQLite works inside this process,
    PostgreSQL in its own) depends much less on what the others run."""
    wall, cpu = [], []
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        fn()
        cpu.append((time.process_time() - c) * 1000)
        wall.append((time.perf_counter() - t) * 1000)
    return wall, cpu


def p95(xs):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(0.95 * (len(xs) - 1)))]


def main():
    call_command("migrate", verbosity=0)
    if not generated():
        log(f"generating the national series ({MARKER})")
        build()
    n_values = DataValue.objects.filter(source="bench", indicator__code__startswith="N-").count()
    new_ld = AdminUnit.objects.get(code="68", valid_from=NEW_START)
    flow = Indicator.objects.get(code="N-000")
    inds = list(Indicator.objects.filter(code__startswith="N-", retired=False).order_by("code"))
    some = DataValue.objects.filter(indicator=flow, is_latest=True).values_list(
        "unit_id", "start_month"
    )[:1][0]

    def floor():
        with connection.cursor() as cur:
            cur.execute(
                "SELECT value FROM targets_datavalue WHERE indicator_id = %s AND start_month = %s"
                " AND unit_id = %s AND is_latest",
                [flow.pk, some[1], some[0]],
            )
            cur.fetchall()

    m = analytics.metric_for(flow, new_ld, "2025Q1")
    log(
        f"check: 2025Q1 {m.value} ({m.source}), last year {m.previous}, comparable {m.comparable}"
        f", missing {m.comparable_missing}"
    )
    ov = analytics.overview(Period.parse("2026S1"), new_ld, inds)
    log("check: " + ov[0].sentence)
    s1, q1 = Period.parse("2026S1"), Period.parse("2025Q1")
    cases = [
        ("floor: one indexed value read", floor),
        ("comparable answer, new Lâm Đồng, 2025Q1", lambda: analytics.metric_for(flow, new_ld, q1)),
        ("overview 2026S1 (analytics.overview)", lambda: analytics.overview(s1, new_ld, inds)),
        ("home panel (latest_metrics)", lambda: latest_metrics(inds, new_ld)),
    ]  # fmt: skip
    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM org_adminunit")
        n_units = cur.fetchone()[0]
    log(
        f"{connection.vendor}: {n_units:,} units, {n_values:,} national values; "
        f"load average {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f}"
    )
    floor_ms = None
    print(f"| {'measure':<44} | median | p95 | × floor | CPU median | queries | runs |")
    for label, fn in cases:
        fn()  # warm
        with CaptureQueriesContext(connection) as queries:
            fn()
        xs, cpu = timed(fn, RUNS)
        med = statistics.median(xs)
        if floor_ms is None:
            floor_ms = med
        print(
            f"| {label:<44} | {med:8.2f} ms | {p95(xs):8.2f} ms | {med / floor_ms:7.0f}× "
            f"| {statistics.median(cpu):7.2f} ms | {len(queries)} | {RUNS} |"
        )
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
