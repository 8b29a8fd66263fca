"""`make run`'s demo opens the June 2021 scenario as of 15/06/2021 (issue 14 item 8): a person
of 2021 logging in starts the session on that day; a commune's specialist of the present
scenario starts today; without THEODOI_DEMO_START everyone starts today."""

import io
import re
from datetime import date

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from theodoi.demo.org import DEMO_PASSWORD

pytestmark = pytest.mark.django_db

SHOWN = "Đang xem kịch bản mẫu tháng 6/2021"


@pytest.fixture
def demo():
    call_command("load_demo", stdout=io.StringIO())


def _login(client, username):
    r = client.post(reverse("login"), {"username": username, "password": DEMO_PASSWORD})
    assert r.status_code == 302, r.content.decode()[:500]
    return client.get("/")


@override_settings(DEMO_START_DAY=date(2021, 6, 15))
def test_a_person_of_2021_opens_the_seeds_scenario(demo, client):
    page = _login(client, "vanphong").content.decode()
    assert SHOWN in page
    assert "15/06/2021" in page
    # The 2021 tasks are on time then: nothing is years overdue on the first page.
    assert not re.search(r"quá hạn \d{1,3}\.\d{3} ngày", page)
    # "Về hôm nay" goes to today and stays there.
    client.get("/?ngay=hom-nay")
    assert SHOWN not in client.get("/").content.decode()


@override_settings(DEMO_START_DAY=date(2021, 6, 15))
def test_a_commune_specialist_of_the_present_starts_today(demo, client):
    page = _login(client, "chuyenvien.xuanhuong").content.decode()
    assert SHOWN not in page


@override_settings(DEMO_START_DAY=None)
def test_without_a_start_day_everyone_starts_today(demo, client):
    page = _login(client, "vanphong").content.decode()
    assert SHOWN not in page
