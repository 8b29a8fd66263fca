"""Issue 14 items 2 and 9, in a real Chromium, for every menu page and the main object pages,
as each persona that can open them:

- at 390×844 (a phone) no page scrolls sideways: document.documentElement.scrollWidth is at
  most the window's width (wide tables scroll inside their own box);
- axe-core (vendored, tests/browser/vendor/axe.min.js, MPL-2.0) finds no serious or critical
  WCAG 2.1 A/AA violation, at 1366×768 and at 390×844.

- the headings go down one level at a time from one H1 (no H1 → H3 → H2).

Screenshots: test-artifacts/phone-<persona>-<page>.png and desktop-<persona>-<page>.png;
the axe results per page: test-artifacts/axe-results.json (each violation) and
test-artifacts/axe-summary.csv (page, persona, size, violations by impact, the rules).
"""

import csv
import json
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from theodoi.demo.org import DEMO_PASSWORD
from theodoi.directives.models import Directive, Meeting
from theodoi.reporting.models import ReportingCycle
from theodoi.tasks.models import Task

from .conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
AXE_RUN = """async () => {
  const r = await axe.run(document, {
    runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    resultTypes: ["violations"]
  });
  return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(" "))}));
}"""
PERSONAS = ["vanphong", "chuyenvien.stc", "xem", "lanhdao.vhttdl"]
IMPACTS = ["critical", "serious", "moderate", "minor"]
# The headings a screen reader lists (those drawn: not in a closed <details> or display:none),
# and where a level is skipped or the page does not start with one H1.
HEADING_JUMPS = """() => {
  const hs = [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")]
    .filter(h => h.getClientRects().length > 0);
  const level = h => +h.tagName[1];
  const ones = hs.filter(h => level(h) === 1).length;
  const out = [];
  if (hs.length === 0 || level(hs[0]) !== 1) out.push("first heading not H1");
  if (ones !== 1) out.push("H1 count " + ones);
  for (let i = 1; i < hs.length; i++) {
    if (level(hs[i]) > level(hs[i - 1]) + 1) {
      const text = hs[i].textContent.trim().slice(0, 40);
      out.push(hs[i - 1].tagName + " → " + hs[i].tagName + " “" + text + "”");
    }
  }
  return out;
}"""


def _pages():
    cycle = ReportingCycle.objects.order_by("pk").first()
    directive = Directive.objects.order_by("pk").first()
    meeting = Meeting.objects.order_by("pk").first()
    task = Task.objects.order_by("pk").first()
    return [
        "/",
        "/chi-tieu/",
        "/chi-tieu/nhap-lieu/?dv=68&ky=2021S1",
        "/chi-tieu/THU_NSNN/?ky=2021S1",
        "/chi-tieu/KHACH_LUU_TRU/?ky=2021S1",
        "/nhiem-vu/",
        "/nhiem-vu/cua-toi/",
        "/nhiem-vu/bang-xep-hang/",
        "/nhiem-vu/giao/",
        f"/nhiem-vu/{task.pk}/",
        "/nhiem-vu/thong-bao/",
        "/van-ban/",
        "/van-ban/cay/",
        f"/van-ban/{directive.pk}/",
        "/van-ban/buoi-lam-viec/",
        f"/van-ban/buoi-lam-viec/{meeting.pk}/",
        "/bao-cao/",
        "/bao-cao/che-do/",
        "/bao-cao/lich-lam-viec/",
        f"/bao-cao/ky/{cycle.pk}/",
        f"/bao-cao/ky/{cycle.pk}/tong-hop/",
        f"/bao-cao/ky/{cycle.pk}/STC/",
        "/don-vi/",
        "/don-vi/co-quan/",
        "/trao-doi/",
        "/trao-doi/so-lieu/",
        "/trao-doi/danh-muc/",
        "/trao-doi/dhis2/",
        "/trao-doi/anh-xa/",
    ]


def _slug(path):
    return re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "home"


def _axe(page):
    page.evaluate(AXE)  # through the DevTools protocol: not an inline script, CSP allows it
    return page.evaluate(AXE_RUN)


def test_no_page_scrolls_sideways_on_a_phone_and_axe_finds_no_serious_violation(
    browser, live_server
):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    pages = _pages()
    results, too_wide, serious, opened, jumps, summary = {}, [], [], {}, [], []
    for persona in PERSONAS:
        context = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844})
        pg = context.new_page()
        pg.set_default_timeout(20000)
        pg.goto(live_server.url + "/dang-nhap/")
        pg.fill("#id_username", persona)
        pg.fill("#id_password", DEMO_PASSWORD)
        pg.click("button[type=submit]")
        pg.wait_for_load_state("networkidle")
        opened[persona] = 0
        for path in pages:
            for width, height, name in ((390, 844, "phone"), (1366, 768, "desktop")):
                pg.set_viewport_size({"width": width, "height": height})
                response = pg.goto(live_server.url + path)
                pg.wait_for_load_state("networkidle")
                if response.status != 200:
                    break  # this persona may not open it (403): nothing to measure
                if name == "phone":
                    opened[persona] += 1
                    wide = pg.evaluate("document.documentElement.scrollWidth")
                    inner = pg.evaluate("window.innerWidth")
                    if wide > inner:
                        too_wide.append(f"{persona} {path}: {wide} px > {inner} px")
                violations = _axe(pg)
                results[f"{name} {persona} {path}"] = violations
                by_impact = {i: sum(v["impact"] == i for v in violations) for i in IMPACTS}
                summary.append(
                    {"page": path, "persona": persona, "size": f"{width}x{height}"}
                    | by_impact
                    | {"rules": " ".join(sorted({v["id"] for v in violations}))}
                )
                jumps += [f"{name} {persona} {path}: {j}" for j in pg.evaluate(HEADING_JUMPS)]
                serious += [
                    f"{name} {persona} {path}: {v['id']} ({v['impact']}) {v['help']} {v['nodes']}"
                    for v in violations
                    if v["impact"] in ("serious", "critical")
                ]
                ARTIFACTS.mkdir(exist_ok=True)
                pg.screenshot(
                    path=str(ARTIFACTS / f"{name}-{persona}-{_slug(path)}.png"), full_page=True
                )
        context.close()
    (ARTIFACTS / "axe-results.json").write_text(
        json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    with open(ARTIFACTS / "axe-summary.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, ["page", "persona", "size", *IMPACTS, "rules"])
        writer.writeheader()
        writer.writerows(summary)
    assert opened["vanphong"] == len(pages)  # the office opens every page
    assert all(opened[p] >= 10 for p in PERSONAS), opened
    assert too_wide == [], "\n".join(too_wide)
    assert serious == [], "\n".join(serious)
    assert jumps == [], "\n".join(jumps)
