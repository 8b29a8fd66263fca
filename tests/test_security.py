"""Trustworthy under pressure (issue 9): the lockout behind a reverse proxy, idle sessions,
files readable by the app's user only."""

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import override_settings

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[1]
PROXY = "10.0.0.2"  # the reverse proxy: every request reaches the app from here


def _login(client, password, forwarded_for):
    return client.post(
        "/dang-nhap/",
        {"username": "chuyenvien.stc", "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


@override_settings(BEHIND_PROXY=True, PROXY_COUNT=1)
def test_behind_the_proxy_failures_from_one_address_do_not_lock_out_another(
    client, people, province
):
    # A forged left-most entry must not help the attacker: the proxy's own (right-most) counts.
    for n in range(5):
        _login(client, "sai", f"1.2.3.{n}, 203.0.113.5")
    assert _login(client, "pw-chuyenvien.stc", "203.0.113.5").status_code == 429
    response = _login(client, "pw-chuyenvien.stc", "198.51.100.7")
    assert response.status_code == 302 and response["Location"] == "/"


def test_without_the_proxy_setting_the_header_is_ignored(client, people):
    # Without BEHIND_PROXY anybody could write the header: the socket's address counts.
    for n in range(5):
        _login(client, "sai", f"203.0.113.{n}")
    assert _login(client, "pw-chuyenvien.stc", "198.51.100.7").status_code == 429


def test_a_session_ends_after_the_idle_hours_but_not_while_in_use(
    client, people, province, time_machine, settings
):
    settings.SESSION_COOKIE_AGE = 8 * 3600  # the default (the test settings lengthen it)
    time_machine.move_to("2026-01-05 08:00 +07:00", tick=False)
    client.post("/dang-nhap/", {"username": "chuyenvien.stc", "password": "pw-chuyenvien.stc"})
    time_machine.move_to("2026-01-05 15:30 +07:00", tick=False)  # 7 h 30 after logging in
    assert client.get("/").status_code == 200
    time_machine.move_to("2026-01-05 23:00 +07:00", tick=False)  # 15 h after, 7 h 30 idle
    assert client.get("/").status_code == 200
    time_machine.move_to("2026-01-06 07:01 +07:00", tick=False)  # 8 h 01 idle
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/")


@pytest.mark.parametrize("hours, seconds", [(None, "28800"), ("2.5", "9000")])
def test_the_province_sets_the_idle_hours(hours, seconds):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DJANGO_SETTINGS_MODULE", "SESSION_IDLE_HOURS")
    }
    env.update(DEBUG="1", **({"SESSION_IDLE_HOURS": hours} if hours else {}))
    code = "from django.conf import settings; print(settings.SESSION_COOKIE_AGE)"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.strip() == seconds, result.stderr


def test_stored_files_and_their_folders_are_readable_by_the_owner_only(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"
    name = default_storage.save("directives/2026/01/a.pdf", ContentFile(b"%PDF-1.4 x"))
    path = Path(default_storage.path(name))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.parent.parent.stat().st_mode) == 0o700


def test_a_session_is_written_at_most_once_every_few_minutes_while_in_use(
    client, people, province, time_machine, settings
):
    # The end still slides (test above); reading pages does not write the session each time.
    settings.SESSION_COOKIE_AGE = 8 * 3600
    time_machine.move_to("2026-01-05 08:00 +07:00", tick=False)
    client.post("/dang-nhap/", {"username": "chuyenvien.stc", "password": "pw-chuyenvien.stc"})
    assert client.get("/").status_code == 200
    key = client.cookies["sessionid"].value
    ends = lambda: Session.objects.get(session_key=key).expire_date  # noqa: E731
    first = ends()
    time_machine.move_to("2026-01-05 08:04 +07:00", tick=False)
    assert client.get("/").status_code == 200
    assert ends() == first  # 4 minutes later: not written again
    time_machine.move_to("2026-01-05 08:06 +07:00", tick=False)
    assert client.get("/").status_code == 200
    assert ends() > first  # 6 minutes later: renewed, the end moved by 6 minutes
