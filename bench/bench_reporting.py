"""Reporting benchmark: the cycle board, drafting the province's report, and the documents.

    BENCH_DB=sqlite|postgres .venv/bin/python bench/bench_reporting.py   (make bench runs both)

Data: the demo (load_demo), plus BENCH_AGENCIES (150) reporting agencies added to the demo's
2021S1 cycle (a province after 2025 has ~30 departments and 124 communes) with submissions in
every state, and BENCH_ROWS (300) appendix rows in 10 fields for the documents. Floor: saving
an empty python-docx / openpyxl document, measured in the same run.
"""

import io
import os
import statistics
import sys
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[1]


def _fresh_database() -> str:
    """A new, empty database for this run: the demo is loaded into it every time."""
    if os.environ.get("BENCH_DB", "sqlite") != "postgres":
        target = ROOT / "var" / "bench-reporting.sqlite3"
        target.parent.mkdir(exist_ok=True)
        target.unlink(missing_ok=True)
        return f"sqlite:///{target}"
    server = (
        os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/theodoi_bench"
    ).rsplit("/", 1)
    name = server[1] + "_reporting"
    with psycopg.connect(server[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{server[0]}/{name}"


sys.path.insert(0, str(ROOT))
os.environ["DATABASE_URL"] = _fresh_database()
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "theodoi.settings_test")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import override_settings  # noqa: E402
from django.utils import timezone  # noqa: E402
from docx import Document  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from theodoi.org.models import Agency, AgencyKind  # noqa: E402
from theodoi.reporting import assembly, services  # noqa: E402
from theodoi.reporting.documents.docx import build_docx  # noqa: E402
from theodoi.reporting.documents.model import FigureRow, FigureTable  # noqa: E402
from theodoi.reporting.documents.xlsx import build_xlsx  # noqa: E402
from theodoi.reporting.models import ProvinceReport, ReportingCycle, Submission  # noqa: E402

AGENCIES = int(os.environ.get("BENCH_AGENCIES", 150))
ROWS = int(os.environ.get("BENCH_ROWS", 300))


def timed(fn, runs):
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return statistics.median(out), sorted(out)[max(0, int(len(out) * 0.95) - 1)]


def setup():
    call_command("migrate", verbosity=0)
    with override_settings(DEMO=True):
        call_command("load_demo", stdout=io.StringIO())
    cycle = ReportingCycle.objects.get(regime__code="ktxh-6-thang", period_id="2021S1")
    province = cycle.regime.issuer.unit
    now = timezone.now()
    admin = cycle.regime.issuer.memberships.first()
    user = (
        admin.user
        if admin
        else __import__("django.contrib.auth", fromlist=["get_user_model"])
        .get_user_model()
        .objects.get(username="admin")
    )
    extra = [
        Agency.objects.create(
            code=f"B{i:03d}",
            name=f"Cơ quan thử {i:03d}",
            kind=AgencyKind.PEOPLES_COMMITTEE,
            unit=province,
        )
        for i in range(AGENCIES)
    ]
    cycle.regime.agencies.add(*extra)
    states = [s for s, _l in Submission.State.choices]
    Submission.objects.bulk_create(
        [
            Submission(
                cycle=cycle,
                agency=a,
                state=states[i % len(states)],
                sections={"ket-qua": "Nội dung " * 40},
                created_by=user,
                created_at=now,
                updated_at=now,
                first_submitted_at=now if states[i % len(states)] != "draft" else None,
            )
            for i, a in enumerate(extra)
            if i % 7
        ]
    )
    return cycle, user


def main():
    cycle, user = setup()
    rows = [
        FigureRow(
            f"Chỉ tiêu số {i}",
            "tỷ đồng",
            Decimal(9300 + i),
            Decimal("6265.4") + i,
            Decimal("67.4"),
            Decimal(4488),
            Decimal("139.6"),
            1,
        )
        for i in range(ROWS)
    ]
    tables = [FigureTable(f"Lĩnh vực {k}", rows[k::10]) for k in range(10)]
    report = ProvinceReport.objects.get(cycle=cycle)
    doc = assembly.province_document(report)
    doc.tables = tables

    def empty_docx():
        Document().save(io.BytesIO())

    def empty_xlsx():
        Workbook().save(io.BytesIO())

    results = [
        (
            f"cycle board ({cycle.regime.agencies.count()} agencies)",
            timed(lambda: assembly.board(cycle, date(2021, 6, 25)), 20),
        ),
        (
            "draft the province report (demo figures + tasks)",
            timed(
                lambda: services.draft_province_report(
                    cycle.regime.recipient.memberships.first().user, cycle
                ),
                10,
            ),
        ),
        ("floor: empty .docx saved", timed(empty_docx, 20)),
        (f".docx with {ROWS} appendix rows", timed(lambda: build_docx(doc), 5)),
        ("floor: empty .xlsx saved", timed(empty_xlsx, 20)),
        (
            f".xlsx with {ROWS} rows in 10 sheets",
            timed(lambda: build_xlsx("Số liệu", "6 tháng đầu năm 2021", tables), 5),
        ),
    ]
    print(f"{'case':<52} {'median ms':>10} {'p95 ms':>8}")
    for name, (med, p95) in results:
        print(f"{name:<52} {med:>10.1f} {p95:>8.1f}")


if __name__ == "__main__":
    main()
