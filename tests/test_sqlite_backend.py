"""theodoi.sqlite: commands keep working while another process holds SQLite's write lock.

Django's own backend probes JSON support inside an IMMEDIATE transaction: with the write lock
held elsewhere past the busy timeout, the probe fails and every system check reports
"SQLite does not support JSONFields" (seen: `make run` beside a running one's load_demo)."""

import sqlite3

from django.core import checks
from django.db import connections
from django.db.utils import ConnectionHandler

from theodoi.sqlite.base import JSON_BUILT_IN


def test_json_support_is_known_while_another_process_holds_the_write_lock(tmp_path, settings):
    path = tmp_path / "locked.sqlite3"
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("PRAGMA journal_mode=WAL")
    other.execute("BEGIN IMMEDIATE")
    other.execute("CREATE TABLE held(x)")  # the write lock, held until the end of the test
    handler = ConnectionHandler(
        {
            "default": {
                **settings.DATABASES["default"],
                # This backend on a scratch file, whichever database the suite runs on.
                "ENGINE": "theodoi.sqlite",
                "NAME": str(path),
                "HOST": "",
                "PORT": "",
                "USER": "",
                "PASSWORD": "",
                # As production (IMMEDIATE transactions), with a short busy timeout so that
                # the old probe would fail in a second rather than twenty.
                "OPTIONS": {"timeout": 1, "transaction_mode": "IMMEDIATE"},
            }
        }
    )
    conn = handler["default"]
    try:
        assert conn.vendor == "sqlite"
        assert sqlite3.sqlite_version_info >= JSON_BUILT_IN  # this machine's SQLite
        assert conn.features.supports_json_field is True
    finally:
        conn.close()
        other.execute("ROLLBACK")
        other.close()


def test_the_system_checks_find_no_json_problem_on_the_configured_database():
    assert connections["default"].vendor != "sqlite" or (
        connections["default"].features.supports_json_field is True
    )
    errors = [e for e in checks.run_checks(databases=["default"]) if e.id == "fields.E180"]
    assert errors == []
