"""A deterministic province-scale data set for the analytics benchmark.

Full size (the issue's): 1 province, 12 districts, 140 communes, 300 indicators, 10 years
of monthly values at every commune = 140 × 300 × 120 = 5.04 million values, plus a
half-year estimate at the province for every tenth indicator and an annual plan per
indicator and year. Every figure is a function of its position (no randomness), so two
runs build the same set. Units get codes prefixed "B" so they never meet real GSO codes.

Rows are written with raw SQL (executemany on SQLite, COPY on PostgreSQL): the ORM
would take hours for five million rows.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from django.db import connection, transaction

from theodoi.org.models import AdminUnit, UnitKind
from theodoi.targets.models import Indicator

FIRST_YEAR = 2016


@dataclass(frozen=True)
class Size:
    districts: int = 12
    communes: int = 140
    indicators: int = 300
    years: int = 10

    @property
    def values(self) -> int:
        return (
            self.communes * self.indicators * self.years * 12 + (self.indicators // 10) * self.years
        )

    @property
    def label(self) -> str:
        return f"{self.districts}d-{self.communes}c-{self.indicators}i-{self.years}y"


def figure(ind: int, unit: int, month_index: int) -> int:
    """A plausible positive figure with a seasonal shape and yearly growth."""
    base = 50 + (ind * 37 + unit * 11) % 400
    season = (month_index % 12) * ((ind % 5) + 1)
    growth = (month_index // 12) * ((ind % 7) + 2)
    return base + season + growth + (ind * unit + month_index) % 13


def generated_size():
    """The Size already in the database, or None."""
    marker = Indicator.objects.filter(code="B-SIZE").values_list("description", flat=True).first()
    return marker


def build(size: Size, log=print):
    log(f"generating {size.label}: {size.values:,} values")
    with transaction.atomic():
        with connection.cursor() as cur:
            # Raw deletes: the ORM's cascade collector chokes on millions of rows.
            ids = "SELECT id FROM targets_indicator WHERE code LIKE 'B-%%'"
            cur.execute(f"DELETE FROM targets_datavalue WHERE indicator_id IN ({ids})")
            cur.execute(f"DELETE FROM targets_targetvalue WHERE indicator_id IN ({ids})")
        Indicator.objects.filter(code__startswith="B-").delete()
        AdminUnit.objects.filter(code__startswith="B", level=3).delete()
        AdminUnit.objects.filter(code__startswith="B", level=2).delete()
        AdminUnit.objects.filter(code__startswith="B", level=1).delete()
        province = AdminUnit.objects.create(
            code="B68", name="Tỉnh thử nghiệm", kind=UnitKind.PROVINCE
        )
        districts = [
            AdminUnit.objects.create(
                code=f"B{600 + d}",
                name=f"Huyện thử nghiệm {d + 1}",
                kind=UnitKind.DISTRICT,
                parent=province,
            )
            for d in range(size.districts)
        ]
        communes = AdminUnit.objects.bulk_create(
            [
                AdminUnit(
                    code=f"B{30000 + c}",
                    name=f"Xã thử nghiệm {c + 1}",
                    kind=UnitKind.COMMUNE,
                    level=3,
                    parent=districts[c % size.districts],
                    search_key=f"xa thu nghiem {c + 1}",
                )
                for c in range(size.communes)
            ]
        )
        kinds = ["flow"] * 7 + ["stock"] * 2 + ["rate"]
        indicators = Indicator.objects.bulk_create(
            [
                Indicator(
                    code=f"B-{i:03d}",
                    name=f"Chỉ tiêu thử nghiệm {i + 1}",
                    unit_of_measure="tỷ đồng",
                    kind=kinds[i % 10],
                    unit_aggregation="none" if kinds[i % 10] == "rate" else "sum",
                    finest_period="month",
                    order=10000 + i,
                    search_key=f"b-{i:03d} chi tieu thu nghiem {i + 1}",
                )
                for i in range(size.indicators)
            ]
        )
        Indicator.objects.create(
            code="B-SIZE",
            name="(kích thước bộ dữ liệu thử nghiệm)",
            unit_of_measure="-",
            description=size.label,
            retired=True,
            order=99999,
        )
    now = datetime(2026, 1, 1, tzinfo=UTC)
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
    months = [(FIRST_YEAR + y, m) for y in range(size.years) for m in range(1, 13)]

    stamp = now if connection.vendor == "postgresql" else "2026-01-01 00:00:00"

    def rows():
        for k, ind in enumerate(indicators):
            for n, c in enumerate(communes):
                for y, m in months:
                    mi = y * 12 + m - 1
                    yield (
                        ind.pk,
                        c.pk,
                        f"{y}{m:02d}",
                        "month",
                        mi,
                        mi,
                        figure(ind.pk, n, mi - FIRST_YEAR * 12),
                        "official",
                        stamp,
                        "",
                        "bench",
                        True,
                    )
            if k % 10 == 0:
                for y in range(FIRST_YEAR, FIRST_YEAR + size.years):
                    yield (
                        ind.pk,
                        province.pk,
                        f"{y}S1",
                        "half",
                        y * 12,
                        y * 12 + 5,
                        1000 + ind.pk % 97 + y % 7,
                        "estimate",
                        stamp,
                        "",
                        "bench",
                        True,
                    )

    _insert("targets_datavalue", cols, rows(), log)
    tcols = [
        "indicator_id",
        "unit_id",
        "period_id",
        "period_kind",
        "start_month",
        "end_month",
        "kind",
        "value",
        "note",
        "created_at",
    ]
    _insert(
        "targets_targetvalue",
        tcols,
        (
            (
                ind.pk,
                province.pk,
                str(y),
                "year",
                y * 12,
                y * 12 + 11,
                "plan",
                12 * size.communes * 300,
                "",
                stamp,
            )
            for ind in indicators
            for y in range(FIRST_YEAR, FIRST_YEAR + size.years)
        ),
        log,
    )
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("ANALYZE targets_datavalue")
        else:
            cur.execute("ANALYZE")
    return province


def _insert(table, cols, rows, log, chunk=200_000):
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            with cur.cursor.copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as copy:
                for n, row in enumerate(rows, 1):
                    copy.write_row(row)
                    if n % 1_000_000 == 0:
                        log(f"  {n:,} rows")
        return
    sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join(['%s'] * len(cols))})"
    batch, total = [], 0
    with connection.cursor() as cur:
        for row in rows:
            batch.append(row)
            if len(batch) >= chunk:
                with transaction.atomic():
                    cur.executemany(sql, batch)
                total += len(batch)
                batch = []
                if total % 1_000_000 == 0:
                    log(f"  {total:,} rows")
        if batch:
            with transaction.atomic():
                cur.executemany(sql, batch)
