"""The cached answers of the overview, the indicator page and the analytics API (issue 13):
a write through a service is read at once (page and API), the language is part of the key,
and the cache does serve a second request."""

import json
from datetime import date
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from theodoi.api.models import ApiToken
from theodoi.demo import org as demo_org
from theodoi.demo import targets as demo_targets
from theodoi.org.models import AdminUnit, Agency, AgencyKind, UnitKind
from theodoi.targets import cache as target_cache
from theodoi.targets import services
from theodoi.targets.queries import province_with_figures
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


def test_the_home_units_follow_units_agencies_the_date_and_the_language(client, demo):
    """The home page's units and agencies are drawn once per province, day and language
    (views._units_html, org generation): a unit or an agency saved, another as-of date or
    another language is a new drawing, never the kept one."""
    client.force_login(demo["users"]["xem"])
    prov = province_with_figures(timezone.localdate())
    before = client.get("/").content.decode()
    assert "Đơn vị hành chính trực thuộc" in before and "Xã Thử Nghiệm" not in before
    kept = client.get("/").content.decode()
    assert "Xã Thử Nghiệm" not in kept
    # drawn HTML, not escaped text, when it comes from the cache
    assert '<details class="unitgroup"' in kept and "&lt;details" not in kept
    AdminUnit.objects.create(
        code="99999",
        name="Xã Thử Nghiệm",
        kind=UnitKind.COMMUNE,
        parent=prov,
        level=prov.level + 1,
        valid_from=date(2022, 1, 1),
    )
    Agency.objects.create(code="STN", name="Sở Thử Nghiệm", kind=AgencyKind.DEPARTMENT, unit=prov)
    now = client.get("/").content.decode()
    assert "Xã Thử Nghiệm" in now and "Sở Thử Nghiệm" in now
    # The 2021 scenario: the commune did not exist yet.
    client.get("/", {"ngay": "15/06/2021"})
    old = client.get("/").content.decode()
    assert "Sở Thử Nghiệm" in old and "Xã Thử Nghiệm" not in old
    client.get("/", {"ngay": "hom-nay"})
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    en = client.get("/").content.decode()
    assert "Xã Thử Nghiệm" in en and "Đơn vị hành chính trực thuộc" not in en
    assert "Subordinate administrative units" in en


def test_the_indicator_page_marks_the_chosen_period_and_unit(client, demo):
    client.force_login(demo["users"]["xem"])
    district = AdminUnit.objects.filter(parent__code="68", level=2).order_by("code").first()
    for ky, dv in (("2021Q2", district.code), ("2021S1", "68"), ("2021Q2", "68")):
        page = client.get("/chi-tieu/THU_NSNN/", {"ky": ky, "dv": dv}).content.decode()
        periods = page.split('<select name="ky">')[1].split("</select>")[0]
        units = page.split('<select name="dv">')[1].split("</select>")[0]
        assert periods.count(" selected") == 1 and f'<option value="{ky}" selected>' in periods
        assert units.count(" selected") == 1 and f'<option value="{dv}" selected>' in units


def test_the_indicator_page_draws_its_figures_once_for_every_reader(
    client, demo, monkeypatch, django_capture_on_commit_callbacks
):
    """The figures' part (pickers, sentence, key figures, chart, child units) is drawn once
    and shared (targets.cache.indicator_page); what is the reader's own (may they enter
    figures?) and the history of the figures are drawn for each request."""
    drawn = []
    real = target_cache.render_to_string
    monkeypatch.setattr(
        target_cache, "render_to_string", lambda *a, **kw: drawn.append(1) or real(*a, **kw)
    )
    entry = "/chi-tieu/nhap-lieu/?dv=68&ky=2021S1"
    q = {"ky": "2021S1"}
    client.force_login(demo["users"]["xem"])
    page = client.get("/chi-tieu/THU_NSNN/", q).content.decode()
    assert OLD in page and entry not in page
    client.force_login(demo["users"]["vanphong"])
    page = client.get("/chi-tieu/THU_NSNN/", q).content.decode()
    assert OLD in page and entry in page and len(drawn) == 1
    client.force_login(demo["users"]["xem"])
    assert entry not in client.get("/chi-tieu/THU_NSNN/", q).content.decode()
    assert len(drawn) == 1
    _revise(demo, django_capture_on_commit_callbacks)
    page = client.get("/chi-tieu/THU_NSNN/", q).content.decode()
    history = page.split('id="history"')[1].split("</table>")[0]
    assert NEW in page and "6.300" in history and "Sửa theo Sở Tài chính" in history
    assert len(drawn) == 2


def test_the_as_of_date_and_the_language_are_part_of_the_indicator_pages_key(
    client, demo, monkeypatch
):
    """A drawing is kept per as-of date (`?ngay=`, kept in the session) and language: each
    is drawn once, and asking again for one already drawn does not draw it again."""
    drawn = []
    real = target_cache.render_to_string
    monkeypatch.setattr(
        target_cache, "render_to_string", lambda *a, **kw: drawn.append(1) or real(*a, **kw)
    )
    client.force_login(demo["users"]["xem"])
    path = "/chi-tieu/THU_NSNN/"
    assert OLD in client.get(path).content.decode()
    client.get(path, {"ngay": "15/01/2021"})
    assert OLD in client.get(path).content.decode()
    assert len(drawn) == 2
    client.get(path, {"ngay": "hom-nay"})
    client.get(path)
    assert len(drawn) == 2
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get(path).content.decode()
    assert "6,265" in page and OLD not in page and len(drawn) == 3
