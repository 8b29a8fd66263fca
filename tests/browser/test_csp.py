"""The main pages under the Content-Security-Policy in a real Chromium: no console error,
no uncaught exception, no CSP violation (the chart and its tooltip included); the API docs
load Swagger UI from this site's static files."""

import pytest
from django.core.management import call_command

from theodoi.demo.org import DEMO_PASSWORD
from theodoi.directives.models import Directive
from theodoi.reporting.models import ReportingCycle

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Chromium reports a violation as a console error too; the event gives its directive.
WATCH_CSP = """
document.addEventListener("securitypolicyviolation", function (e) {
  console.error("CSP violation: " + e.violatedDirective + " " + e.blockedURI);
});
"""


@pytest.fixture
def problems(page):
    seen = []
    page.add_init_script(WATCH_CSP)
    page.on("console", lambda m: seen.append(f"{m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: seen.append(f"pageerror: {e}"))
    return seen


def _visit(page, path):
    response = page.goto(page.base + path)
    page.wait_for_load_state("networkidle")
    assert response.status == 200, path
    assert "default-src 'self'" in response.headers["content-security-policy"]


def test_the_main_pages_run_without_errors_or_csp_violations(page, login, problems, shot):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    _visit(page, "/dang-nhap/")
    login("vanphong", DEMO_PASSWORD)
    cycle = ReportingCycle.objects.order_by("pk").first()
    directive = Directive.objects.order_by("pk").first()
    pages = [
        "/",
        "/nhiem-vu/",
        "/nhiem-vu/giao/",
        "/nhiem-vu/bang-xep-hang/",
        "/chi-tieu/KHACH_LUU_TRU/?ky=2021S1",
        f"/bao-cao/ky/{cycle.pk}/",
        f"/bao-cao/ky/{cycle.pk}/tong-hop/",
        f"/bao-cao/che-do/{cycle.regime_id}/sua/",
        "/van-ban/cay/",
        f"/van-ban/{directive.pk}/",
        f"/van-ban/{directive.pk}/sua/",
    ]
    for path in pages:
        _visit(page, path)
        if path.startswith("/chi-tieu/"):
            # The chart, and its legend's values under the cursor (styles set by uPlot).
            page.wait_for_selector("#chart canvas")
            box = page.locator("#chart").bounding_box()
            page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
            page.wait_for_timeout(300)
            shot(page, "csp-indicator-tooltip")
    assert problems == []
    # htmx's indicator styles come from app.css, not from a <style> it would inject.
    assert page.evaluate("window.htmx.config.includeIndicatorStyles") is False


def test_the_api_docs_load_swagger_ui_from_static_files(page, login, people, problems, shot):
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    login("xem", "pw-xem")
    _visit(page, "/api/v1/docs")
    page.wait_for_selector(".swagger-ui .info")
    assert "Theo Dõi API" in page.inner_text(".swagger-ui .info")
    assert all(url.startswith(page.base) for url in requests), requests
    assert any("/static/ninja/swagger-ui-bundle" in url for url in requests)
    shot(page, "csp-api-docs")
    assert problems == []
