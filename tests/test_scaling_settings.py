"""Settings for more than one machine (docs/deployment.md "Scaling"): CACHE=database puts the
cache in the shared database; DATABASE_REPLICA_URL adds the replica and its router; without
them, one database and no router."""

import json

from tests.test_settings import run

SHOW = (
    "import json; from django.conf import settings as s; print(json.dumps({'cache': "
    "s.CACHES['default'], 'dbs': {k: v.get('NAME') for k, v in s.DATABASES.items()}, "
    "'routers': s.DATABASE_ROUTERS}))"
)


def _settings(**env):
    r = run(["shell", "-c", SHOW], DEBUG="1", **env)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout.strip().splitlines()[-1])


def test_without_either_one_database_and_no_router():
    got = _settings(CACHE="", DATABASE_REPLICA_URL="", REDIS_URL="")
    assert list(got["dbs"]) == ["default"] and got["routers"] == []
    assert got["cache"]["BACKEND"].endswith("FileBasedCache")


def test_the_cache_in_the_database_and_a_read_replica_when_configured():
    got = _settings(
        CACHE="database",
        REDIS_URL="",
        DATABASE_REPLICA_URL="postgres://reader@10.0.0.7:5432/theodoi",
    )
    assert got["cache"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    assert got["cache"]["LOCATION"] == "theodoi_cache"
    assert got["dbs"]["replica"] == "theodoi"
    assert got["routers"] == ["theodoi.db_router.ReplicaRouter"]
