"""Import benchmark: a 10,000-row values workbook and a 500-row task table, preview and commit.

    BENCH_DB=sqlite|postgres .venv/bin/python bench/bench_import.py   (make bench runs both)

The database is its own (var/bench-import.sqlite3, or <DATABASE_URL>_import on PostgreSQL),
rebuilt at each run: 100 indicators led by one agency, reported for the province and 99 of
its units = 10,000 cells. Each measure is taken BENCH_RUNS (3) times on a new period, so every
commit writes 10,000 new values; the median is reported, with the slowest run.
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
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "theodoi.settings_test")
DB = os.environ.get("BENCH_DB", "sqlite")
if DB == "sqlite":
    (ROOT / "var").mkdir(exist_ok=True)
    path = ROOT / "var" / "bench-import.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
elif DB == "postgres":
    import psycopg

    base = os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/theodoi_bench"
    url = base + "_import"
    os.environ["DATABASE_URL"] = url
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from theodoi.core.periods import Period  # noqa: E402
from theodoi.directives.models import Directive, DirectiveKind  # noqa: E402
from theodoi.exchange import services  # noqa: E402
from theodoi.exchange.readers import read_file  # noqa: E402
from theodoi.exchange.values_import import ValuesWorkbook, entry_rows  # noqa: E402
from theodoi.org.models import AdminUnit, Agency, AgencyKind, Membership, UnitKind  # noqa: E402
from theodoi.permissions.roles import Role  # noqa: E402
from theodoi.targets.models import DataValue, Indicator  # noqa: E402
from theodoi.tasks.models import Task  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", 3))
INDICATORS, UNITS, TASKS = 100, 100, 500
settings.MEDIA_ROOT = ROOT / "var" / "bench-media"


def world():
    call_command("migrate", verbosity=0)
    province = AdminUnit.objects.create(code="68", name="Lâm Đồng", kind=UnitKind.PROVINCE)
    for i in range(UNITS - 1):
        AdminUnit.objects.create(
            code=f"{24000 + i}", name=f"Xã Thử {i + 1}", kind=UnitKind.COMMUNE, parent=province
        )
    ubnd = Agency.objects.create(
        code="UBND",
        name="Ủy ban nhân dân tỉnh",
        short_name="UBND tỉnh",
        kind=AgencyKind.PEOPLES_COMMITTEE,
        unit=province,
    )
    vp = Agency.objects.create(
        code="VP-UBND",
        name="Văn phòng UBND tỉnh",
        short_name="VP UBND",
        kind=AgencyKind.DEPARTMENT,
        unit=province,
        parent=ubnd,
        is_steering_office=True,
    )
    stc = Agency.objects.create(
        code="STC",
        name="Sở Tài chính",
        short_name="STC",
        kind=AgencyKind.DEPARTMENT,
        unit=province,
        parent=ubnd,
    )
    for n in range(30):
        Agency.objects.create(
            code=f"SO{n}",
            name=f"Sở Thử Nghiệm Số {n}",
            short_name=f"STN{n}",
            kind=AgencyKind.DEPARTMENT,
            unit=province,
            parent=ubnd,
        )
    user = get_user_model().objects.create_user("vanphong", password="x")
    Membership.objects.create(user=user, agency=vp, role=Role.STEERING)
    Indicator.objects.bulk_create(
        [
            Indicator(
                code=f"CT{i:03d}",
                name=f"Chỉ tiêu thử nghiệm số {i}",
                unit_of_measure="tỷ đồng",
                decimals=1,  # the workbook has integers and values like 1244.5
                kind="flow",
                lead_agency=stc,
                finest_period="month",
                order=i,
                search_key=f"chi tieu {i}",
            )
            for i in range(INDICATORS)
        ]
    )
    directive = Directive.objects.create(
        kind=DirectiveKind.PLAN, number="01/KH-UBND", title="Kế hoạch thử", issuer=ubnd
    )
    return user, stc, directive


def values_workbook(stc, period: Period) -> bytes:
    units = [stc.unit] + list(stc.unit.children.order_by("code"))
    rows = entry_rows(stc, period, units)
    for n, r in enumerate(rows):
        r.value = n * 10 + 1234.5 if n % 2 else n  # integers and decimals, as people type them
    return ValuesWorkbook(rows, agency=stc, period=period).to_xlsx(), len(rows)


def task_table(rows: int = TASKS) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Phụ lục"
    ws.append(["PHỤ LỤC: DANH MỤC NHIỆM VỤ"])
    ws.append(
        ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn", "Sản phẩm"]
    )
    forms = [
        "Quý IV/2099",
        "Tháng 12/2099",
        "Trước 15/12/2099",
        "Thường xuyên",
        "Hằng năm",
        "Năm 2099",
    ]
    for i in range(rows):
        ws.append(
            [
                i + 1,
                f"Nhiệm vụ thử nghiệm số {i + 1}: rà soát, tham mưu, tổ chức thực hiện",
                f"Sở Thử Nghiệm Số {i % 30}",
                f"STN{(i + 1) % 30}; Sở Tài chính",
                forms[i % len(forms)],
                "Báo cáo",
            ]
        )
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def timed(fn):
    profile = None
    if os.environ.get("BENCH_PROFILE"):  # BENCH_PROFILE=1 prints where the time goes
        profile = cProfile.Profile()
        profile.enable()
    t = time.perf_counter()
    result = fn()
    elapsed = time.perf_counter() - t
    if profile is not None:
        profile.disable()
        pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
    return elapsed, result


def report(name, seconds):
    print(
        f"{name:<46} median {statistics.median(seconds):7.2f} s   slowest {max(seconds):7.2f} s   "
        f"(n={len(seconds)})"
    )


def main():
    user, stc, directive = world()
    results = {k: [] for k in ["download", "read", "preview", "commit", "t_preview", "t_commit"]}
    size = 0
    for run in range(RUNS):
        period = Period.quarter(2021, run + 1)
        t, (data, n) = timed(lambda period=period: values_workbook(stc, period))
        results["download"].append(t)
        size = len(data)
        results["read"].append(timed(lambda data=data: read_file(data, "bench.xlsx"))[0])
        t, preview = timed(
            lambda data=data, period=period: services.preview_value_import(
                user, data, "bench.xlsx", stc, period.id
            )
        )
        assert preview.can_commit and preview.summary["new"] == n == INDICATORS * UNITS, (
            preview.errors[:3]
        )
        results["preview"].append(t)
        t, written = timed(lambda preview=preview: services.import_values(user, preview.token))
        assert len(written) == n
        results["commit"].append(t)

        table = task_table()
        before = Task.objects.count()
        t, tp = timed(lambda table=table: services.preview_task_import(user, table, "tasks.xlsx"))
        assert tp.can_commit and tp.summary["tasks"] == TASKS, (tp.errors[:3], tp.questions[:3])
        results["t_preview"].append(t)
        t, _created = timed(lambda tp=tp: services.import_tasks(user, tp.token, directive))
        assert Task.objects.count() == before + TASKS
        results["t_commit"].append(t)
    print(
        f"database: {DB}; values workbook {INDICATORS * UNITS} rows ({size // 1024} KB); "
        f"task table {TASKS} rows; {DataValue.objects.count()} values stored at the end"
    )
    report("values: build the pre-filled workbook", results["download"])
    report("values: read the .xlsx (reading.read_file)", results["read"])
    report("values: preview (read + every check, no write)", results["preview"])
    report("values: commit (read again + record_values)", results["commit"])
    report(
        "values: preview + commit",
        [a + b for a, b in zip(results["preview"], results["commit"], strict=True)],
    )
    report("tasks: preview 500 rows", results["t_preview"])
    report("tasks: commit 500 rows (create_tasks)", results["t_commit"])


if __name__ == "__main__":
    main()
