"""The analytics rollup (rollups.py): rows written by record_values equal the plain rules,
reads use them, and every change the rows cannot follow drops them."""

from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from theodoi.audit.models import AuditEntry
from theodoi.core.errors import DomainError
from theodoi.core.periods import Period
from theodoi.org.models import AdminUnit, UnitKind
from theodoi.targets import analytics, metrics, rollups, scan, services
from theodoi.targets.models import DataValue, Rollup
from theodoi.targets.rows import ValueRow

pytestmark = pytest.mark.django_db

CANDIDATES = [
    "2021S1",
    "2021Q1",
    "2021Q2",
    "202101",
    "202102",
    "202103",
    "202104",
    "202105",
    "202106",
    "2020S1",
    "2020",
    "2020S2",
    "2020Q3",
    "2020Q4",
    "202012",
    "2021YTD05",
    "2021YTD09",
    "2021",
]
ASKED = ["2021S1", "2021Q1", "2021Q2", "2021", "2020", "2020S2", "2020Q4", "2021YTD05", "202106"]
SHAPES = [
    ("flow", "sum"),
    ("flow", "average"),
    ("stock", "sum"),
    ("stock", "none"),
    ("rate", "none"),
]


@pytest.fixture
def tree(province, districts, communes):
    """Province → two districts → communes; one commune ended on 31/03/2021 (merged)."""
    ended = AdminUnit.objects.create(
        code="24790",
        name="Xã Tà Nung",
        kind=UnitKind.COMMUNE,
        parent=districts[0],
        valid_to=date(2021, 3, 31),
    )
    return [province, *districts, communes[0], communes[2], ended]


def _plain(ind, unit, span, _units=None):
    """What the plain rules say, from every latest stored value of every unit."""
    units = list(AdminUnit.objects.all())
    kids = scan.load_tree().children(span)
    latest = list(
        DataValue.objects.filter(is_latest=True, indicator_id=ind.id).values_list(
            "unit_id", "period_id", "value", "status"
        )
    )
    parts = {
        u.pk: metrics.parts_from_rows(
            span, [(Period.parse(p), v, s) for uu, p, v, s in latest if uu == u.pk]
        )
        for u in units
    }
    return metrics.resolve(ind, unit.pk, span, parts, kids)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.lists(
            st.tuples(
                st.integers(0, 5),
                st.sampled_from(CANDIDATES),
                st.integers(0, 10**6).map(lambda x: D(x) / 100),
                st.sampled_from(["estimate", "preliminary", "official"]),
            ),
            min_size=1,
            max_size=25,
            unique_by=lambda r: r[:2],
        ),
        min_size=1,
        max_size=3,
    ),
    st.sampled_from(SHAPES),
)
def test_after_random_writes_the_rollup_answers_what_the_plain_rules_answer(
    tree, revenue, people, batches, shape
):
    DataValue.objects.all().delete()
    revenue.kind, revenue.unit_aggregation, revenue.jump_threshold = shape[0], shape[1], None
    revenue.save()
    assert not Rollup.objects.filter(indicator=revenue).exists()
    for batch in batches:  # later batches revise earlier figures: the latest wins
        rows = [
            ValueRow(indicator=revenue.code, unit=tree[u].code, period=p, value=v, status=s)
            for u, p, v, s in batch
        ]
        _clean, errors = services.validate_values(people["steering"], rows)
        bad = {e["index"] for e in errors}  # e.g. the ended commune after March 2021
        services.record_values(people["steering"], [r for i, r in enumerate(rows) if i not in bad])
    ind = metrics.info(revenue)
    inner = tree[:3]
    # Every quarter, half and year containing a stored value has its province row, so the
    # answers below for those periods really come from the rollup.
    for pid in DataValue.objects.filter(indicator=revenue, is_latest=True).values_list(
        "period_id", flat=True
    ):
        for p in rollups.enclosing(Period.parse(pid)):
            assert (ind.id, p.id) in rollups.read([ind.id], tree[0].pk, [p.id]), (pid, p.id)
    for pid in ASKED:
        span = Period.parse(pid)
        for unit in inner:
            expected = _plain(ind, unit, span, tree)
            [got] = analytics.values(revenue, unit, [span])
            assert got == expected, (pid, unit.code, batches)
            if (ind.id, pid) in rollups.read([ind.id], unit.pk, [pid]):
                assert rollups.read([ind.id], unit.pk, [pid])[(ind.id, pid)] == expected
    # A rebuild from scratch stores exactly what the writes left.
    before = set(
        Rollup.objects.filter(indicator=revenue).values_list(
            "unit_id", "period_id", "value", "status", "source"
        )
    )
    rollups.rebuild()
    after = set(
        Rollup.objects.filter(indicator=revenue).values_list(
            "unit_id", "period_id", "value", "status", "source"
        )
    )
    assert before <= after


def test_the_overview_reads_the_rollup_without_scanning_values(tree, revenue, people, monkeypatch):
    services.record_values(
        people["steering"],
        [
            ValueRow(
                indicator=revenue.code,
                unit=tree[3].code,
                period="2021S1",
                value="10",
                status="official",
            ),
            ValueRow(
                indicator=revenue.code,
                unit=tree[4].code,
                period="2021Q1",
                value="3",
                status="estimate",
            ),
            ValueRow(
                indicator=revenue.code,
                unit=tree[4].code,
                period="2021Q2",
                value="4",
                status="official",
            ),
            ValueRow(
                indicator=revenue.code,
                unit=tree[3].code,
                period="2020S1",
                value="8",
                status="official",
            ),
            ValueRow(
                indicator=revenue.code,
                unit=tree[3].code,
                period="2020",
                value="20",
                status="official",
            ),
        ],
    )
    row = Rollup.objects.get(indicator=revenue, unit=tree[0], period_id="2021S1")
    assert (D(row.value), row.status, row.source) == (D(17), "estimate", metrics.SOURCE_CHILDREN)

    def no_scan(*a, **k):
        raise AssertionError("the overview scanned the values")

    monkeypatch.setattr(scan, "own_values", no_scan)
    [m] = analytics.overview("2021S1", tree[0])
    assert (m.value, m.previous, m.yoy_pct, m.status) == (D(17), D(8), D("112.5"), "estimate")


def test_a_revision_updates_the_rollup_and_a_refused_write_leaves_it(
    tree, revenue, people, agencies
):
    write = ValueRow(
        indicator=revenue.code, unit=tree[3].code, period="202103", value="5", status="official"
    )
    services.record_values(people["specialist"], [write])
    services.record_values(
        people["specialist"], [replace(write, value="7", note="Số liệu điều chỉnh")]
    )
    assert (
        Rollup.objects.get(indicator=revenue, unit=tree[1], period_id="2021Q1").value is None
    )  # Jan, Feb missing
    assert Rollup.objects.get(indicator=revenue, unit=tree[0], period_id="2021").value is None
    services.record_values(people["specialist"], [replace(write, period="2021Q1", value="30")])
    assert D(Rollup.objects.get(indicator=revenue, unit=tree[0], period_id="2021Q1").value) == D(30)
    assert (
        Rollup.objects.get(indicator=revenue, unit=tree[0], period_id="2021S1").value is None
    )  # Q2 missing
    services.lock_values(people["steering"], agencies["STC"], "2021Q1", reason="Đã chấp nhận")
    with pytest.raises(DomainError):
        services.record_values(people["specialist"], [replace(write, period="2021Q1", value="99")])
    assert D(Rollup.objects.get(indicator=revenue, unit=tree[0], period_id="2021Q1").value) == D(30)
    assert AuditEntry.objects.filter(action="targets.datavalue.revised").count() == 1


def test_changes_the_rollup_cannot_follow_drop_its_rows_and_a_rebuild_restores_them(
    tree, revenue, people, capsys
):
    services.record_values(
        people["steering"],
        [
            ValueRow(
                indicator=revenue.code,
                unit=tree[5].code,
                period="2021Q1",
                value="2",
                status="official",
            ),
            ValueRow(
                indicator=revenue.code,
                unit=tree[3].code,
                period="2021Q1",
                value="5",
                status="official",
            ),
        ],
    )
    assert D(Rollup.objects.get(indicator=revenue, unit=tree[1], period_id="2021Q1").value) == D(7)
    # A value deleted other than through the service: its periods' rows go, reads fall back.
    DataValue.objects.filter(unit=tree[5]).delete()
    assert not Rollup.objects.filter(indicator=revenue, period_id="2021Q1").exists()
    assert analytics.values(revenue, tree[1], [Period.parse("2021Q1")])[0].value == D(5)
    call_command("rebuild_rollups")
    assert "rollup:" in capsys.readouterr().out
    assert D(Rollup.objects.get(indicator=revenue, unit=tree[1], period_id="2021Q1").value) == D(5)
    # The commune ends before the quarter: the tree changed, every row goes until a rebuild.
    tree[3].valid_to = date(2020, 12, 31)
    tree[3].save()
    assert not Rollup.objects.exists()
    assert analytics.values(revenue, tree[1], [Period.parse("2021Q1")])[0] is None
    rollups.rebuild()
    assert Rollup.objects.get(indicator=revenue, unit=tree[1], period_id="2021Q1").value is None
    # An indicator's rule changes (sum → none): its rows go.
    revenue.unit_aggregation = "none"
    revenue.save()
    assert not Rollup.objects.filter(indicator=revenue).exists()


def test_an_average_keeps_every_digit(tree, revenue, people):
    revenue.unit_aggregation = "average"
    revenue.save()
    services.record_values(
        people["steering"],
        [
            ValueRow(indicator=revenue.code, unit=code, period="2021Q1", value=v, status="official")
            for code, v in (("24778", "1"), ("24781", "0"), ("24790", "0"), ("24820", "1"))
        ],
    )
    # Đà Lạt averages three communes to 1/3 (Tà Nung, ended on 31/03/2021, is still there at
    # the end of the first quarter), Bảo Lộc has 1.
    expected = (D(1) / 3 + D(1)) / 2
    assert _plain(metrics.info(revenue), tree[0], Period.parse("2021Q1"), tree) == metrics.Resolved(
        expected, "official", metrics.SOURCE_CHILDREN
    )
    assert (
        D(Rollup.objects.get(indicator=revenue, unit=tree[0], period_id="2021Q1").value) == expected
    )  # not cut to 6 places
    assert analytics.values(revenue, tree[0], [Period.parse("2021Q1")])[0].value == expected
