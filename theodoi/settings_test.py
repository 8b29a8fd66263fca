"""Settings for the test suite: the production settings with test speed-ups."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-" + "k3y" * 20)
os.environ.setdefault("THEODOI_DEMO", "1")

from theodoi.settings import *  # noqa: E402,F403
from theodoi.settings import VAR_DIR  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "test-files"
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
# Tests travel days in time with one login; tests/test_security.py sets the idle time itself.
SESSION_COOKIE_AGE = 366 * 24 * 3600
if DATABASES["default"]["ENGINE"] == "theodoi.sqlite":  # noqa: F405
    # The production options (WAL, IMMEDIATE transactions, a busy timeout), and a database
    # file rather than Django's shared-cache memory database: there a second connection's
    # write fails at once with "database table is locked" (shared-cache locks ignore the busy
    # timeout), so the tests that race threads (tests/reporting/test_races.py) could not show
    # how SQLite serialises writers in production. One file per run, deleted at the end.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(VAR_DIR / f"test-db-{os.getpid()}.sqlite3")
    }
LOGGING["root"]["level"] = "WARNING"  # type: ignore[index]  # noqa: F405
STATIC_ROOT = VAR_DIR / "test-static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Jobs run where they are queued, inside the test's transaction (tests/jobs/test_worker.py
# runs the real worker in a subprocess).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
