"""The cached answers of the overview, the indicator page and the analytics API (issue 13):
a write through a service is read at once (page and API), the language is part of the key,
and the cache does serve a second request."""

import json
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from theodoi.api.models import ApiToken
from theodoi.demo import org as demo_org
from theodoi.demo import targets as demo_targets
from theodoi.targets import services
from theodoi.targets.rows import ValueRow

# On Django's local memory cache and on a real Redis.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("settings68", "shared_cache")]

OLD = "Thu ngân sách nhà nước 6 tháng đầu năm 2021 ước đạt 6.265 tỷ đồng"
NEW = "Thu ngân sách nhà nước 6 tháng đầu năm 2021 ước đạt 6.300 tỷ đồng"


@pytest.fixture
def settings68():
    with override_settings(SITE_PROVINCE_CODE="68"):
        yield


@pytest.fixture
def demo(db):
    ctx = {}
    demo_org.load(ctx)
    demo_targets.load(ctx)
    return ctx


def _revise(demo, commit):
    """The steering office revises the province's 2021S1 revenue through the service."""
    with commit(execute=True):
        services.record_values(
            demo["users"]["vanphong"],
            [ValueRow("THU_NSNN", "68", "2021S1", D("6300"), "estimate", "Sửa theo Sở Tài chính")],
            source="test",
        )


def _queries(client, path, params=None, **kw):
    with CaptureQueriesContext(connection) as q:
        r = client.get(path, params or {}, **kw)
    assert r.status_code == 200
    return r.content.decode(), len(q)


def test_the_overview_and_the_indicator_page_are_served_from_the_cache_until_a_write(
    client, demo, django_capture_on_commit_callbacks
):
    client.force_login(demo["users"]["xem"])
    for path, params in (("/", {}), ("/chi-tieu/THU_NSNN/", {"ky": "2021S1"})):
        html, first = _queries(client, path, params)
        assert OLD in html
        html, second = _queries(client, path, params)
        assert OLD in html and second < first  # the figures were not computed again
    _revise(demo, django_capture_on_commit_callbacks)
    for path, params in (("/", {}), ("/chi-tieu/THU_NSNN/", {"ky": "2021S1"})):
        html = client.get(path, params).content.decode()
        assert NEW in html and OLD not in html


def test_the_analytics_api_answer_is_renewed_by_a_write(
    client, demo, django_capture_on_commit_callbacks
):
    _token, raw = ApiToken.objects.issue(demo["users"]["xem"], "test")
    auth = {"Authorization": f"Bearer {raw}"}
    q = {"indicator": "THU_NSNN", "unit": "68", "period": "2021S1"}
    body, n_first = _queries(client, "/api/v1/analytics", q, headers=auth)
    first = json.loads(body)
    assert first["value"] == "6265"
    body, n_again = _queries(client, "/api/v1/analytics", q, headers=auth)
    assert json.loads(body) == first and n_again < n_first
    _revise(demo, django_capture_on_commit_callbacks)
    after = client.get("/api/v1/analytics", q, headers=auth).json()
    assert after["value"] == "6300" and after["sentence"].startswith(NEW)
    # Another query is another answer.
    other = client.get("/api/v1/analytics", {**q, "period": "2020S1"}, headers=auth).json()
    assert other["period"] == "2020S1"


def test_a_write_inside_the_writers_transaction_is_read_fresh(client, demo):
    """Without the commit callbacks running (a test's transaction, or a page that writes
    and reads in one transaction) the write is still seen: the generation moved at once."""
    client.force_login(demo["users"]["xem"])
    assert OLD in client.get("/").content.decode()
    services.record_values(
        demo["users"]["vanphong"],
        [ValueRow("THU_NSNN", "68", "2021S1", D("6300"), "estimate", "Sửa")],
        source="test",
    )
    assert NEW in client.get("/").content.decode()


def test_the_language_is_part_of_the_key(client, demo):
    client.force_login(demo["users"]["xem"])
    vi = client.get("/").content.decode()
    assert "Chỉ tiêu chủ yếu" in vi and "6 tháng đầu năm 2021</td>" in vi
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    en = client.get("/").content.decode()
    assert "Chỉ tiêu chủ yếu" not in en and "First half of 2021</td>" in en
    page = client.get("/chi-tieu/THU_NSNN/", {"ky": "2021S1"}).content.decode()
    assert "6,265" in page
