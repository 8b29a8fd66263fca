"""Shared personas and a small province for every test.

The world: province 68 with two districts; agencies VP-UBND (steering office),
STC (Sở Tài chính) and SVH (Sở Văn hóa, Thể thao và Du lịch). People:
admin, steering (vanphong), leader and specialist of STC, viewer, and the
outsider: a specialist of SVH, who must see nothing of STC's unpublished work.
"""

import os
import uuid
from datetime import date

import pytest
import redis
from django.contrib.auth import get_user_model
from django.core.cache import cache

from theodoi.api.models import ApiToken
from theodoi.org.models import AdminUnit, Agency, AgencyKind, Membership, UnitKind
from theodoi.permissions.roles import Role


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: the database is rolled back between tests
    without a change being recorded, so a cached answer of the last test would be current."""
    cache.clear()
    yield


# Tests marked `redis` run the cache against a real Redis: REDIS_URL, else the local one
# (database 15). scripts/run-tests says whether they ran; REQUIRE_REDIS=1 (.ci/run) makes a
# missing Redis an error instead of leaving them out.
REDIS_TEST_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15"


def _redis_answers() -> bool:
    try:
        return bool(redis.Redis.from_url(REDIS_TEST_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


def pytest_collection_modifyitems(config, items):
    marked = [i for i in items if i.get_closest_marker("redis")]
    if not marked or _redis_answers():
        return
    if os.environ.get("REQUIRE_REDIS") == "1":
        raise pytest.UsageError(f"REQUIRE_REDIS=1 but no Redis answers at {REDIS_TEST_URL}")
    config.hook.pytest_deselected(items=marked)
    items[:] = [i for i in items if not i.get_closest_marker("redis")]
    print(f"\nNo Redis at {REDIS_TEST_URL}: {len(marked)} Redis cache tests not run.")


@pytest.fixture(params=["locmem", pytest.param("redis", marks=pytest.mark.redis)])
def shared_cache(request, settings):
    """The cache the app's processes share: Django's local memory cache, then a real Redis
    (under a key prefix of its own, removed afterwards)."""
    if request.param == "locmem":
        yield None
        return
    prefix = f"theodoi-test-{uuid.uuid4().hex[:8]}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_TEST_URL,
            "KEY_PREFIX": prefix,
        }
    }
    yield settings.CACHES["default"]
    client = redis.Redis.from_url(REDIS_TEST_URL)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


@pytest.fixture
def province(db):
    return AdminUnit.objects.create(code="68", name="Lâm Đồng", kind=UnitKind.PROVINCE)


@pytest.fixture
def districts(province):
    return [
        AdminUnit.objects.create(
            code="672",
            name="Thành phố Đà Lạt",
            kind=UnitKind.PROVINCIAL_CITY,
            parent=province,
            valid_to=date(2025, 6, 30),
        ),
        AdminUnit.objects.create(
            code="673",
            name="Thành phố Bảo Lộc",
            kind=UnitKind.PROVINCIAL_CITY,
            parent=province,
            valid_to=date(2025, 6, 30),
        ),
    ]


@pytest.fixture
def agencies(province):
    ubnd = Agency.objects.create(
        code="UBND",
        name="Ủy ban nhân dân tỉnh Lâm Đồng",
        short_name="UBND tỉnh",
        kind=AgencyKind.PEOPLES_COMMITTEE,
        unit=province,
    )
    return {
        "UBND": ubnd,
        "VP": Agency.objects.create(
            code="VP-UBND",
            name="Văn phòng UBND tỉnh",
            short_name="VP UBND",
            kind=AgencyKind.DEPARTMENT,
            unit=province,
            parent=ubnd,
            is_steering_office=True,
        ),
        "STC": Agency.objects.create(
            code="STC",
            name="Sở Tài chính",
            short_name="STC",
            kind=AgencyKind.DEPARTMENT,
            unit=province,
            parent=ubnd,
        ),
        "SVH": Agency.objects.create(
            code="SVHTTDL",
            name="Sở Văn hóa, Thể thao và Du lịch",
            short_name="SVHTTDL",
            kind=AgencyKind.DEPARTMENT,
            unit=province,
            parent=ubnd,
        ),
        "TU": Agency.objects.create(
            code="TU",
            name="Tỉnh ủy Lâm Đồng",
            short_name="Tỉnh ủy",
            kind=AgencyKind.PARTY_COMMITTEE,
            unit=province,
        ),
    }


def _person(username, agency=None, role=None, **extra):
    user = get_user_model().objects.create_user(
        username=username, password="pw-" + username, email=f"{username}@example.vn", **extra
    )
    if agency is not None:
        Membership.objects.create(user=user, agency=agency, role=role)
    return user


@pytest.fixture
def people(agencies):
    return {
        "admin": _person("admin", agencies["VP"], Role.ADMIN, is_staff=True, is_superuser=True),
        "steering": _person("vanphong", agencies["VP"], Role.STEERING),
        "leader": _person("lanhdao.stc", agencies["STC"], Role.LEADER),
        "specialist": _person("chuyenvien.stc", agencies["STC"], Role.SPECIALIST),
        "viewer": _person("xem", agencies["UBND"], Role.VIEWER),
        "outsider": _person("chuyenvien.svh", agencies["SVH"], Role.SPECIALIST),
        "nobody": _person("khach"),
    }


@pytest.fixture
def client_as(client, people):
    """client_as("specialist") logs the test client in as that persona."""

    def login(persona):
        client.force_login(people[persona])
        return client

    return login


@pytest.fixture
def api_as(client, people):
    """api_as("steering").get("/api/v1/units") calls the API with that persona's token."""

    class TokenClient:
        def __init__(self, token):
            self.headers = {"Authorization": f"Bearer {token}"}

        def get(self, path, **params):
            return client.get(path, params, headers=self.headers)

        def post(self, path, payload=None, **kw):
            return client.post(
                path, payload or {}, content_type="application/json", headers=self.headers, **kw
            )

        def put(self, path, payload=None):
            return client.put(
                path, payload or {}, content_type="application/json", headers=self.headers
            )

        def patch(self, path, payload=None):
            return client.patch(
                path, payload or {}, content_type="application/json", headers=self.headers
            )

        def upload(self, path, files, data=None):
            return client.post(path, {**(data or {}), **files}, headers=self.headers)

    def make(persona):
        _token, raw = ApiToken.objects.issue(people[persona])
        return TokenClient(raw)

    return make


# Lâm Đồng today (issue 11): two communes of the new province (valid from 01/07/2025, no
# district above them), their People's Committees and one specialist each.
NEW_COMMUNES = [
    ("24781", "Phường Xuân Hương - Đà Lạt", "chuyenvien.xuanhuong"),
    ("24778", "Phường Lâm Viên - Đà Lạt", "chuyenvien.lamvien"),
]


@pytest.fixture
def new_communes(province):
    return {
        code: AdminUnit.objects.create(
            code=code, name=name, kind=UnitKind.WARD, parent=province, valid_from=date(2025, 7, 1)
        )
        for code, name, _u in NEW_COMMUNES
    }


@pytest.fixture
def commune_agencies(agencies, new_communes):
    return {
        code: Agency.objects.create(
            code=f"UBND-{code}",
            name=f"Ủy ban nhân dân {unit.name[0].lower()}{unit.name[1:]}",
            kind=AgencyKind.PEOPLES_COMMITTEE,
            unit=unit,
            parent=agencies["UBND"],
            established_on=date(2025, 7, 1),
        )
        for code, unit in new_communes.items()
    }


@pytest.fixture
def commune_people(commune_agencies):
    """{"xuanhuong": specialist of UBND phường Xuân Hương, "lamvien": of Lâm Viên}."""
    return {
        username.split(".")[1]: _person(username, commune_agencies[code], Role.SPECIALIST)
        for code, _name, username in NEW_COMMUNES
    }
