"""What a browser transfers for an indicator page on a first visit (issue 13: under 150 KiB).

Served as `make run` serves it: granian with the production settings (DEBUG off, static
files collected by whitenoise's compressed manifest storage, pages gzip-compressed) over the
test's database. Chromium starts with an empty cache; the bytes are what it received over
the wire for every response of the page (headers and bodies, as Playwright reports them).
Bytes, not timings: the figure is the same on any machine.
"""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from theodoi.demo import org as demo_org
from theodoi.demo import targets as demo_targets

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
BUDGET = 150 * 1024
PAGE = "/chi-tieu/KHACH_LUU_TRU/?ky=2021S1"


def _database_url() -> str:
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{s['NAME']}"
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def production_server(transactional_db, tmp_path):
    """granian with the production settings over the test database; its base URL."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DJANGO_SETTINGS_MODULE", "SECRET_KEY_FILE", "REDIS_URL")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="theodoi.settings",
        # The tests' key: the session made below is signed with it.
        SECRET_KEY=settings.SECRET_KEY,
        DEBUG="0",
        SECURE_COOKIES="0",
        THEODOI_DEMO="1",
        THEODOI_VAR_DIR=str(tmp_path),
        DATABASE_URL=_database_url(),
        PROVINCE_CODE="68",
    )
    bin_dir = Path(sys.executable).parent
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=300,
    )
    port = _free_port()
    server = subprocess.Popen(
        [
            str(bin_dir / "granian"),
            "theodoi.wsgi:application",
            "--interface",
            "wsgi",
            "--port",
            str(port),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):  # the server answers within seconds; a bound wait, no sleep in a test
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("granian did not answer")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_the_indicator_page_weighs_under_150_kib_on_a_first_visit(production_server, browser, shot):
    ctx = {}
    demo_org.load(ctx)
    demo_targets.load(ctx)
    c = Client()
    c.force_login(ctx["users"]["xem"])  # a session in the shared database

    context = browser.new_context(locale="vi-VN", viewport={"width": 1366, "height": 900})
    context.add_cookies(
        [{"name": "sessionid", "value": c.cookies["sessionid"].value, "url": production_server}]
    )
    page = context.new_page()
    finished = []
    page.on("requestfinished", lambda r: finished.append(r))
    page.goto(production_server + PAGE)
    page.wait_for_selector("#chart canvas")
    page.wait_for_load_state("networkidle")
    assert "bằng 47% kế hoạch, tăng 13% so với cùng kỳ năm 2020" in page.inner_text("body")
    shot(page, "page-weight-indicator")

    rows = []
    for req in list(finished):
        sizes = req.sizes()
        resp = req.response()
        rows.append(
            {
                "url": req.url.removeprefix(production_server),
                "status": resp.status,
                "encoding": resp.header_value("content-encoding"),
                "cache_control": resp.header_value("cache-control"),
                "bytes": sizes["responseHeadersSize"] + sizes["responseBodySize"],
            }
        )
    page.set_viewport_size({"width": 390, "height": 844})  # the chart on a phone
    page.reload()
    page.wait_for_selector("#chart canvas")
    shot(page, "page-weight-indicator-phone")
    total = sum(r["bytes"] for r in rows)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "page-weight.json").write_text(
        json.dumps({"page": PAGE, "total_bytes": total, "responses": rows}, indent=2)
    )
    context.close()

    assert all(r["status"] == 200 for r in rows), rows
    html = [r for r in rows if r["url"] == PAGE]
    static = [r for r in rows if r["url"].startswith("/static/")]
    assert html and html[0]["encoding"] == "gzip"
    assert any("uplot" in r["url"] for r in static)
    for r in static:
        if not r["url"].endswith((".svg", ".png", ".ico")):
            assert r["encoding"] == "gzip", r
        assert "immutable" in (r["cache_control"] or ""), r  # hashed names, cached for ever
    assert total < BUDGET, f"{total} bytes: {rows}"
