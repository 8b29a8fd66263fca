"""Django's SQLite backend, as settings.py configures it (WAL, IMMEDIATE transactions), with
one difference: whether SQLite has JSON is answered from its version, not probed.

Django probes JSON support inside `transaction.atomic()`, which with `transaction_mode =
IMMEDIATE` takes the database's write lock. While another process holds that lock longer than
the timeout (a rollup rebuild, load_demo of a second `make run`), every command's system
checks (`migrate`, `createtoken`, `backup`) then fail with "SQLite does not support
JSONFields" — about the wrong thing. JSON is built into SQLite since 3.38; only older builds
are probed."""

import sqlite3

from django.db.backends.sqlite3 import base, features
from django.utils.functional import cached_property

JSON_BUILT_IN = (3, 38)


class DatabaseFeatures(features.DatabaseFeatures):
    @cached_property
    def supports_json_field(self) -> bool:  # type: ignore[override]
        if sqlite3.sqlite_version_info >= JSON_BUILT_IN:
            return True
        return super().supports_json_field


class DatabaseWrapper(base.DatabaseWrapper):
    features_class = DatabaseFeatures
