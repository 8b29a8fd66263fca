"""Where the state several app machines share lives (issue 13): the cache in Redis when
REDIS_URL is set, else a file cache; files in an S3-compatible bucket when
AWS_STORAGE_BUCKET_NAME is set, else under MEDIA_ROOT; sessions in the database."""

import json

from tests.test_settings import run

SHOW = (
    "import json; from django.conf import settings as s; from django.core.files.storage import "
    "storages; d = storages['default']; print(json.dumps({'cache': s.CACHES['default'], "
    "'sessions': s.SESSION_ENGINE, 'storage': type(d).__module__ + '.' + type(d).__name__, "
    "'bucket': getattr(d, 'bucket_name', None), 'endpoint': getattr(d, 'endpoint_url', None), "
    "'media': str(s.MEDIA_ROOT)}))"
)


def _settings(**env):
    r = run(["shell", "-c", SHOW], DEBUG="1", **env)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout.strip().splitlines()[-1])


def test_by_default_a_file_cache_files_on_disk_and_sessions_in_the_database(tmp_path):
    got = _settings(REDIS_URL="", AWS_STORAGE_BUCKET_NAME="", MEDIA_ROOT=str(tmp_path))
    assert got["cache"]["BACKEND"].endswith("FileBasedCache")
    assert got["storage"] == "django.core.files.storage.filesystem.FileSystemStorage"
    assert got["media"] == str(tmp_path)
    assert got["sessions"] == "django.contrib.sessions.backends.db"


def test_redis_and_an_s3_bucket_when_configured():
    got = _settings(
        REDIS_URL="redis://10.0.0.5:6379/2",
        AWS_STORAGE_BUCKET_NAME="theodoi-files",
        AWS_S3_ENDPOINT_URL="https://s3.example.test",
        AWS_ACCESS_KEY_ID="k",
        AWS_SECRET_ACCESS_KEY="s",
    )
    assert got["cache"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert got["cache"]["LOCATION"] == "redis://10.0.0.5:6379/2"
    assert got["storage"] == "storages.backends.s3.S3Storage"
    assert got["bucket"] == "theodoi-files" and got["endpoint"] == "https://s3.example.test"
