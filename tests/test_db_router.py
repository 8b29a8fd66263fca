"""The optional read replica's routing decisions (theodoi.db_router), without a replica:
analytics reads go to the replica outside a transaction, everything else to the primary."""

from django.contrib.auth import get_user_model
from django.db import connections

from theodoi.db_router import ReplicaRouter
from theodoi.jobs.models import Job
from theodoi.targets.models import DataValue, Indicator, Rollup, TargetValue

router = ReplicaRouter()


def test_analytics_reads_go_to_the_replica_outside_a_transaction(monkeypatch):
    monkeypatch.setattr(connections["default"], "in_atomic_block", False)
    for model in (DataValue, TargetValue, Rollup):
        assert router.db_for_read(model) == "replica"


def test_other_reads_every_write_and_reads_inside_a_transaction_stay_on_the_primary(monkeypatch):
    monkeypatch.setattr(connections["default"], "in_atomic_block", False)
    for model in (Indicator, Job, get_user_model()):
        assert router.db_for_read(model) == "default"
    for model in (DataValue, Rollup, Job):
        assert router.db_for_write(model) == "default"
    monkeypatch.setattr(connections["default"], "in_atomic_block", True)
    assert router.db_for_read(DataValue) == "default"  # a service reading its own writes


def test_migrations_run_on_the_primary_only():
    assert router.allow_migrate("default", "targets")
    assert not router.allow_migrate("replica", "targets", model_name="datavalue")
