"""Issue 14, item 1: objects created with only their required fields (through the API where it
has a POST endpoint, through the service otherwise) never take a page down. Every menu page and
each object's page answers every persona with 200, or with the 403/404 this test names."""

from datetime import date

import pytest
import time_machine

from theodoi.directives import services as directive_services
from theodoi.reporting import services as reporting_services
from theodoi.targets.models import Indicator

PERSONAS = ["admin", "steering", "leader", "specialist", "viewer", "outsider", "nobody"]

MENU = [
    "/",
    "/chi-tieu/",
    "/chi-tieu/nhap-lieu/",
    "/nhiem-vu/",
    "/nhiem-vu/cua-toi/",
    "/nhiem-vu/bang-xep-hang/",
    "/nhiem-vu/giao/",
    "/nhiem-vu/thong-bao/",
    "/van-ban/",
    "/van-ban/cay/",
    "/van-ban/them/",
    "/van-ban/buoi-lam-viec/",
    "/van-ban/buoi-lam-viec/them/",
    "/bao-cao/",
    "/bao-cao/che-do/",
    "/bao-cao/che-do/them/",
    "/bao-cao/lich-lam-viec/",
    "/don-vi/",
    "/don-vi/co-quan/",
    "/trao-doi/",
    "/trao-doi/so-lieu/",
    "/trao-doi/danh-muc/",
    "/trao-doi/dhis2/",
    "/trao-doi/anh-xa/",
]

# Pages only some people may open; everyone else gets 403 (the outsider, viewer, ...).
OFFICE = {"admin", "steering"}
WRITERS = {"admin", "steering", "leader", "specialist", "outsider"}
ONLY = {
    "/chi-tieu/nhap-lieu/": WRITERS,
    "/nhiem-vu/giao/": OFFICE,
    "/van-ban/them/": OFFICE,
    "/van-ban/buoi-lam-viec/them/": OFFICE,
    "/bao-cao/che-do/them/": OFFICE,
    "/trao-doi/so-lieu/": WRITERS,
    "/trao-doi/danh-muc/": OFFICE,
    "/trao-doi/dhis2/": OFFICE,
    "/trao-doi/anh-xa/": OFFICE,
}


@pytest.fixture
def minimal(api_as, people, agencies, province):
    """One of each object with only what is required."""
    steering = api_as("steering")
    r = api_as("admin").post(
        "/api/v1/agencies",
        {"code": "SXD", "name": "Sở Xây dựng", "kind": "department", "unit": "68"},
    )
    assert r.status_code == 201, r.content
    r = steering.post(
        "/api/v1/indicators",
        {
            "code": "MIN",
            "name": "Chỉ tiêu tối thiểu",
            "unit_of_measure": "ha",
            "lead_agency": "STC",
        },
    )
    assert r.status_code == 201, r.content
    r = steering.post(
        "/api/v1/datavalues",
        {"values": [{"indicator": "MIN", "unit": "68", "period": "202105", "value": "12"}]},
    )
    assert r.status_code == 201, r.content
    r = steering.post(
        "/api/v1/targets",
        {
            "targets": [
                {"indicator": "MIN", "unit": "68", "period": "2021", "kind": "plan", "value": "100"}
            ]
        },
    )
    assert r.status_code == 201, r.content
    r = steering.post("/api/v1/tasks", [{"title": "Việc tối thiểu", "lead": "STC"}])
    assert r.status_code == 201, r.content
    task_id = r.json()[0]["id"]
    directive = directive_services.save_directive(
        people["steering"], title="Văn bản tối thiểu", issuer=agencies["UBND"], kind="ke_hoach"
    )
    meeting = directive_services.record_meeting(
        people["steering"],
        title="Buổi làm việc tối thiểu",
        held_on=date(2021, 6, 10),
        host=agencies["UBND"],
        chair="Chủ tịch",
    )
    regime = reporting_services.save_regime(
        people["steering"],
        None,
        {
            "code": "min",
            "name": "Báo cáo tối thiểu",
            "content": "Nội dung",
            "frequency": "half",
            "deadline_kind": "working_days",
            "deadline_day": 3,
            "recipient": agencies["VP"],
            "issuer": agencies["UBND"],
        },
        agencies=[agencies["STC"]],
        indicators=[Indicator.objects.get(code="MIN")],
        outline_text="Kết quả",
    )
    with time_machine.travel(date(2021, 6, 1), tick=False):
        cycle = reporting_services.open_cycle(people["steering"], regime, "2021S1")
    return {"task": task_id, "directive": directive.pk, "meeting": meeting.pk, "cycle": cycle.pk}


def test_an_indicator_without_a_lead_agency_is_refused_by_the_api(api_as, agencies):
    r = api_as("steering").post(
        "/api/v1/indicators", {"code": "X", "name": "X", "unit_of_measure": "ha"}
    )
    assert r.status_code == 400
    assert r.json()["errors"][0]["field"] == "lead_agency"
    assert not Indicator.objects.filter(code="X").exists()


def test_an_indicator_stored_without_a_lead_agency_does_not_break_the_pages(client_as, agencies):
    # Stored before the rule, or by an import: the pages still draw.
    Indicator.objects.create(code="OLD", name="Chỉ tiêu cũ", unit_of_measure="ha")
    for url in ["/chi-tieu/", "/chi-tieu/OLD/", "/", "/chi-tieu/nhap-lieu/"]:
        r = client_as("steering").get(url)
        assert r.status_code == 200, url
    assert "Chưa có cơ quan chủ trì" in client_as("viewer").get("/chi-tieu/").content.decode()


def expected(url, persona):
    if persona == "nobody":
        return 403
    return 200 if persona in ONLY.get(url, set(PERSONAS)) else 403


def test_every_menu_and_object_page_answers_every_persona(client, people, minimal):
    objects = {
        f"/nhiem-vu/{minimal['task']}/": {"nobody": 403, "viewer": 200, "outsider": 404},
        "/chi-tieu/MIN/": {"nobody": 403},
        f"/van-ban/{minimal['directive']}/": {"nobody": 403},
        f"/van-ban/buoi-lam-viec/{minimal['meeting']}/": {"nobody": 403},
        f"/bao-cao/ky/{minimal['cycle']}/": {"nobody": 403},
        f"/bao-cao/ky/{minimal['cycle']}/tong-hop/": {"nobody": 403},
        f"/bao-cao/ky/{minimal['cycle']}/STC/": {"nobody": 403, "outsider": 403, "viewer": 403},
    }
    got, want = {}, {}
    for persona in PERSONAS:
        client.force_login(people[persona])
        for url in MENU:
            got[url, persona] = client.get(url).status_code
            want[url, persona] = expected(url, persona)
        for url, special in objects.items():
            got[url, persona] = client.get(url).status_code
            want[url, persona] = special.get(persona, 200)
    diff = {k: (got[k], want[k]) for k in got if got[k] != want[k]}
    assert diff == {}


def test_error_pages_have_the_menu_and_the_phone_viewport(client_as):
    client = client_as("viewer")
    for url, status in [("/khong-co-trang-nay/", 404), ("/trao-doi/anh-xa/", 403)]:
        r = client.get(url)
        assert r.status_code == status
        html = r.content.decode()
        assert 'name="viewport"' in html
        assert 'class="mainnav"' in html


@pytest.mark.parametrize(
    "persona,shown",
    [
        ("admin", True),
        ("steering", True),
        ("leader", True),
        ("specialist", True),
        ("outsider", True),
        ("viewer", False),
    ],
)
def test_the_exchange_hub_is_in_the_menu_for_those_who_may_use_it(client_as, persona, shown):
    html = client_as(persona).get("/").content.decode()
    assert ('href="/trao-doi/"' in html) is shown


def test_cancelling_a_task_asks_for_confirmation(client_as, minimal):
    """Issue 14, item 7: the cancel button sits behind a <details> step (no inline script)."""
    html = client_as("steering").get(f"/nhiem-vu/{minimal['task']}/").content.decode()
    at = html.index("Xác nhận hủy nhiệm vụ")
    assert html.rfind("<details", 0, at) > html.rfind("</details>", 0, at)
    assert "onclick" not in html
