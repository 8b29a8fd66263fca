"""An optional read replica for analytics (DATABASE_REPLICA_URL, docs/deployment.md "Scaling").

Reads of the models named in settings.REPLICA_READ_MODELS (the figures, targets and rollups
the analytics answers and the overview read) go to the "replica" database; everything else,
every write and every migration goes to "default". A read inside a transaction on "default"
stays there: a service that re-reads under select_for_update, or reads what it has just
written, must see its own rows, not a replica that lags behind. Cached answers are renewed
by the write on the primary: run the replica as a synchronous standby with
synchronous_commit = remote_apply, or an answer computed in the lag could stay cached stale
(docs/deployment.md "Scaling")."""

from django.conf import settings
from django.db import connections

REPLICA = "replica"
PRIMARY = "default"


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if model._meta.label_lower not in settings.REPLICA_READ_MODELS:
            return PRIMARY
        if connections[PRIMARY].in_atomic_block:
            return PRIMARY
        return REPLICA

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica is a copy of the primary: the same rows on both

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY
