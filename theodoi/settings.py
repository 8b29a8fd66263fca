"""Theo Dõi settings: one module, driven by the environment.

Zero configuration for a local start (SQLite under var/), but never an insecure
default in production: with DEBUG off the app refuses to start without a real
SECRET_KEY.
"""

import os
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

from theodoi.core.env import env_bool, env_list, env_secret

BASE_DIR = Path(__file__).resolve().parent.parent
# Where the SQLite file, the generated secret key and stored files live (`make run`: var/).
VAR_DIR = Path(os.environ.get("THEODOI_VAR_DIR") or BASE_DIR / "var")

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_secret("SECRET_KEY")
if not SECRET_KEY and (VAR_DIR / "secret_key").is_file():
    # The key `make run` generated: so that every command the README shows (createtoken,
    # backup, ...) works in a fresh shell after `make run`, as printed.
    SECRET_KEY = (VAR_DIR / "secret_key").read_text(encoding="utf-8").strip()
if not SECRET_KEY:
    if DEBUG:
        SECRET_KEY = "insecure-development-key-only-used-with-DEBUG-on"
    else:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Theo Dõi will not start in production mode without a "
            "secret key: set SECRET_KEY (or SECRET_KEY_FILE pointing to a file holding one), "
            "or set DEBUG=1 for development. `make run` generates one into var/secret_key."
        )
if not DEBUG and (
    len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith("django-insecure")
):
    raise ImproperlyConfigured(
        "SECRET_KEY is too weak for production: use at least 50 random characters "
        "(python -c 'import secrets; print(secrets.token_urlsafe(64))')."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    # django-ninja's own templates and static files: the API docs load Swagger UI from
    # here, not from a CDN.
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "theodoi.core",
    "theodoi.audit",
    "theodoi.notices",
    "theodoi.jobs",
    "theodoi.org",
    "theodoi.directives",
    "theodoi.targets",
    "theodoi.tasks",
    "theodoi.reporting",
    "theodoi.exchange",
    "theodoi.narratives",
    "theodoi.api",
    "theodoi.demo",
    "theodoi.ops",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages and API answers compressed (static files are served pre-compressed by whitenoise
    # above, which answers before this runs). Below the middleware that only add headers,
    # above everything that writes the body. BREACH: see docs/architecture.md, "Caching".
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "theodoi.core.middleware.SlidingSessionMiddleware",
    "theodoi.core.middleware.CleanInputMiddleware",
    "theodoi.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "theodoi.core.middleware.AsOfMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "theodoi.core.middleware.LoginRequiredMiddleware",
    # Axes last: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "theodoi.urls"
WSGI_APPLICATION = "theodoi.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "theodoi" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "theodoi.core.context_processors.site",
                "theodoi.core.context_processors.as_of",
            ],
            "builtins": ["theodoi.core.templatetags.vn"],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        env_secret("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'theodoi.sqlite3'}",
        # Each server thread keeps its connection for a minute (no connect per request);
        # a connection the server closed meanwhile is noticed and replaced, not an error.
        conn_max_age=60,
        conn_health_checks=True,
    )
}
# A PostgreSQL read replica (streaming replication) for analytics reads, when configured:
# theodoi.db_router sends reads of these models there, outside transactions.
REPLICA_URL = env_secret("DATABASE_REPLICA_URL")
if REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        REPLICA_URL, conn_max_age=60, conn_health_checks=True
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["theodoi.db_router.ReplicaRouter"]
REPLICA_READ_MODELS = {"targets.datavalue", "targets.targetvalue", "targets.rollup"}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and the one writer work at once; the timeout waits for the lock
    # instead of failing at once under the server's worker processes.
    # theodoi.sqlite: Django's backend, without taking the write lock to probe JSON.
    DATABASES["default"]["ENGINE"] = "theodoi.sqlite"
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# A session ends after SESSION_IDLE_HOURS without a request (default 8: a working day);
# requests move the end further, so a person at work is never logged out. The session is
# written at most once every SESSION_RENEW_SECONDS for that (core.middleware.
# SlidingSessionMiddleware), not on every request (SESSION_SAVE_EVERY_REQUEST: one database
# write per page view, measured in docs/benchmarks.md "Load").
SESSION_COOKIE_AGE = int(Decimal(env_secret("SESSION_IDLE_HOURS") or "8") * 3600)
SESSION_RENEW_SECONDS = 300
# Sessions live in the database, so any app machine serves any request of a person.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login lockout: 5 failures for one username from one address locks it for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# Behind the reverse proxy the address is the one the proxy puts in X-Forwarded-For (not
# the proxy's own): core/client_ip.py. PROXY_COUNT proxies in a chain (default 1).
AXES_CLIENT_IP_CALLABLE = "theodoi.core.client_ip.client_ip"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["theodoi.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "theodoi" / "static"]
# Static files: whitenoise writes a gzip and a Brotli copy of each next to it at collectstatic,
# names each by its hash and serves it with a far-future Cache-Control (`make run`).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Uploaded files (directive attachments, imported workbooks, job results) live outside the
# web root and are only served through views that check permissions: under MEDIA_ROOT (a
# folder every app machine mounts, when there are several), or in an S3-compatible bucket
# when AWS_STORAGE_BUCKET_NAME is set (django-storages; the bucket stays private and the app
# streams each file after its permission check, never a public or signed link).
MEDIA_ROOT = Path(env_secret("MEDIA_ROOT") or VAR_DIR / "files")
AWS_STORAGE_BUCKET_NAME = env_secret("AWS_STORAGE_BUCKET_NAME")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    # Keys from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (or their *_FILE) or, without
    # them, boto3's own chain (instance role, ~/.aws).
    AWS_ACCESS_KEY_ID = env_secret("AWS_ACCESS_KEY_ID") or None
    AWS_SECRET_ACCESS_KEY = env_secret("AWS_SECRET_ACCESS_KEY") or None
    AWS_S3_ENDPOINT_URL = env_secret("AWS_S3_ENDPOINT_URL") or None  # MinIO, Ceph, a cloud's S3
    AWS_S3_REGION_NAME = env_secret("AWS_S3_REGION_NAME") or None
    AWS_LOCATION = env_secret("AWS_LOCATION") or ""  # a folder inside the bucket
    AWS_DEFAULT_ACL = None  # the bucket's own policy: private
    AWS_S3_FILE_OVERWRITE = False  # never replace a stored file: a new name instead
    AWS_QUERYSTRING_AUTH = True  # should a URL ever be made, it is signed and expires
MEDIA_URL = "/tep-khong-phuc-vu/"  # never routed: files go through permission-checking views
# manage.py backup writes here unless told otherwise (docs/deployment.md, "Backups").
BACKUP_DIR = Path(env_secret("BACKUP_DIR") or VAR_DIR / "backups")
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
# Stored files and their folders are readable by the app's own user only.
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700

# The demo (`make run`) without a mail server writes each message as a file under var/mail/
# instead of failing to reach an SMTP server that is not there.
EMAIL_BACKEND = env_secret("EMAIL_BACKEND") or (
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.filebased.EmailBackend"
    if env_bool("THEODOI_DEMO", False) and not env_secret("EMAIL_HOST")
    else "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_FILE_PATH = VAR_DIR / "mail"
EMAIL_HOST = env_secret("EMAIL_HOST") or "localhost"
DEFAULT_FROM_EMAIL = env_secret("DEFAULT_FROM_EMAIL") or "theodoi@localhost"

# Production hardening; `manage.py check --deploy` passes with DEBUG off.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = int(env_secret("SECURE_HSTS_SECONDS") or (0 if DEBUG else 31536000))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = False
SECURE_CONTENT_TYPE_NOSNIFF = True
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
PROXY_COUNT = int(env_secret("PROXY_COUNT") or 1)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp): scripts, styles, images and fonts come from this site
# only (vendored htmx, uPlot and Swagger UI), no inline script and no inline <style>.
# Style *attributes* stay allowed (style-src-attr): the charts' and Swagger UI's scripts
# write some, and templates use a few for layout; an attribute cannot load anything but
# what img-src allows, whereas an injected <style> element could read the page with
# selectors, which style-src-elem keeps out. style-src is the fallback of browsers older than
# CSP 3 (Chrome 75, Firefox 108, Safari 15.4), which would otherwise show unstyled pages.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "style-src-elem": [SELF],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
SILENCED_SYSTEM_CHECKS = [
    # SSL is terminated by the reverse proxy in a province's deployment (docs/deployment.md);
    # `make run` serves plain HTTP on localhost.
    "security.W008",
    # HSTS preload is a commitment of the province's whole domain, taken by its network
    # administrators, not by one application.
    "security.W021",
]

SITE_PROVINCE_CODE = env_secret("PROVINCE_CODE") or "68"
# The address people use to reach the app, for links in e-mails (reminders).
SITE_URL = (env_secret("SITE_URL") or "http://127.0.0.1:8000").rstrip("/")

# Background jobs (theodoi.jobs): Django's tasks API through the django-tasks backport, with
# the database backend, so the queue lives in the app's own database (SQLite or PostgreSQL)
# and any worker on any machine claims a task with a row lock. `make run` starts one worker
# beside the web server (scripts/serve).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A running job's worker beats every JOB_HEARTBEAT_SECONDS; one silent for JOB_STALE_SECONDS
# is taken for dead and its job marked failed (jobs.services.reap_stale).
JOB_HEARTBEAT_SECONDS = 5
JOB_STALE_SECONDS = int(env_secret("JOB_STALE_SECONDS") or 60)
# Imports with more rows than this are written by a job (docs/benchmarks.md: ~1 s).
IMPORT_JOB_ROWS = int(env_secret("IMPORT_JOB_ROWS") or 2000)
# A values workbook larger than this many bytes is checked (previewed) by a job: 256 KB is
# about 5.800 rows of .xlsx, ~0,5 s quiet and over a second under load (docs/benchmarks.md).
IMPORT_PREVIEW_JOB_BYTES = int(env_secret("IMPORT_PREVIEW_JOB_BYTES") or 256 * 1024)
# A task table larger than this is previewed by a job: its rows cost more to check (agency
# names matched, deadlines read) and to draw; 48 KB is ~1.400 rows of a plan's appendix in
# .xlsx, ~0,45 s quiet on SQLite, ~0,75 s on PostgreSQL (docs/benchmarks.md).
IMPORT_TASK_PREVIEW_JOB_BYTES = int(env_secret("IMPORT_TASK_PREVIEW_JOB_BYTES") or 48 * 1024)
# The province report's Word document is built by a job above this many indicators.
REPORT_JOB_INDICATORS = int(env_secret("REPORT_JOB_INDICATORS") or 300)
# A report to read ("Đọc báo cáo") goes to a job when it is a scan (OCR) or above this size.
NARRATIVE_JOB_BYTES = int(env_secret("NARRATIVE_JOB_BYTES") or 2_000_000)
# The daily reminders are queued by the worker itself once a day after this hour (local time).
REMINDERS_HOUR = int(env_secret("REMINDERS_HOUR") or 7)

# The cache (job progress and heartbeats, the overview and analytics answers: core.cache):
# Redis, shared by every app machine, when REDIS_URL is set (redis://host:6379/0); else a file
# cache under var/ (THEODOI_CACHE_DIR), shared by the app's processes on one machine.
CACHES: dict[str, dict[str, Any]]
if env_secret("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env_secret("REDIS_URL"),
            "KEY_PREFIX": "theodoi",
        }
    }
elif env_secret("CACHE") == "database":
    # Several app machines without Redis: the cache in the app's database (table
    # theodoi_cache, made by `manage.py createcachetable`, which scripts/serve runs).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "theodoi_cache",
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(Path(env_secret("THEODOI_CACHE_DIR") or VAR_DIR / "cache")),
            # Per-person panels need more than Django's 300 entries before culling.
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    }

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "axes": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        # The jobs worker polls every second; its "starting / no more tasks" lines are noise.
        "django_tasks_db": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}

# The demo database (make run) holds demo accounts with a published password; a
# province's real database never does: load_demo refuses without THEODOI_DEMO=1 and
# the demo accounts cannot log in without it.
DEMO = env_bool("THEODOI_DEMO", False)
# The day a demo session of someone who worked in 2021 starts as of (theodoi/demo/start_day.py):
# `make run` sets 2021-06-15 so that a newcomer opens the seed's scenario; unset: today.
_demo_start = env_secret("THEODOI_DEMO_START")
DEMO_START_DAY = date.fromisoformat(_demo_start) if _demo_start else None
