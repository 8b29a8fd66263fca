"""The scan of the values (scan.py) leaves the database connection as it found it."""

from decimal import Decimal as D

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from theodoi.core.periods import Period
from theodoi.targets import analytics
from theodoi.targets.models import DataValue


def _store(indicator, unit, pid, value):
    dv = DataValue(
        indicator=indicator, unit=unit, value=value, status="official", created_at=timezone.now()
    )
    dv.set_period(Period.parse(pid))
    dv.save()


def _show_jit():
    with connection.cursor() as cur:
        cur.execute("SHOW jit")
        return cur.fetchone()[0]


def _sets(queries):
    return [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith("SET")]


@pytest.mark.django_db(transaction=True)
def test_an_analytics_call_leaves_the_connections_settings_unchanged(province, districts, revenue):
    _store(revenue, districts[0], "2021Q1", D(3))
    _store(revenue, districts[1], "2021Q1", D(4))
    # The connection is pooled (CONN_MAX_AGE): a setting left behind would reach every later
    # request it serves. Its session setting is made explicit so a leak shows.
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("SET jit = on")
    with CaptureQueriesContext(connection) as ctx:
        [got] = analytics.values(revenue, province, [Period.parse("2021Q1")])
    assert got.value == D(7)
    assert any("targets_datavalue" in q["sql"] for q in ctx.captured_queries)  # it did scan
    if connection.vendor == "postgresql":
        assert _sets(ctx.captured_queries) == ["SET LOCAL jit = off"]
        assert _show_jit() == "on"
        # Inside a caller's transaction the setting ends with that transaction.
        with transaction.atomic():
            analytics.values(revenue, province, [Period.parse("2021Q1")])
        assert _show_jit() == "on"
        with connection.cursor() as cur:
            cur.execute("RESET jit")
    else:
        assert _sets(ctx.captured_queries) == []
