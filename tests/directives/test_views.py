"""Directive list, cascade tree and directive page with children, tasks and roll-up."""

from datetime import date

import pytest

from theodoi.audit.models import AuditEntry
from theodoi.core.errors import DomainError
from theodoi.directives.models import Directive, Meeting
from theodoi.directives.services import save_directive
from theodoi.tasks import services


def test_the_tree_nests_the_cascade(cascade, client_as):
    body = client_as("viewer").get("/van-ban/cay/").content.decode()
    nq, ctr, kh = (
        body.index("Nghị quyết Đại hội"),
        body.index("10-CTr/TU"),
        body.index("112/KH-UBND"),
    )
    assert nq < ctr < kh and body.count('<ul class="tree"') == 3


def test_the_directive_page_rolls_up_tasks_of_the_directives_below(
    cascade, people, agencies, client_as, at
):
    nq, ctr, kh = cascade
    at(date(2021, 6, 15))
    t1, t2 = services.create_tasks(
        people["steering"],
        kh,
        [
            {"title": "Việc thứ nhất", "lead": agencies["STC"], "deadline": date(2021, 7, 31)},
            {"title": "Việc thứ hai", "lead": agencies["STC"], "deadline": date(2021, 12, 31)},
        ],
    )
    at(date(2021, 7, 1))
    services.report_done(people["specialist"], t1, text="Xong")
    services.confirm_done(people["steering"], t1)
    at(date(2021, 8, 1))
    body = client_as("steering").get(f"/van-ban/{nq.pk}/").content.decode()
    assert "10-CTr/TU" in body  # child directive
    # The roll-up and the directive's tasks are panels of the tasks area, loaded by htmx.
    assert f'hx-get="/nhiem-vu/van-ban/{nq.pk}/tien-do/"' in body
    assert f'hx-get="/nhiem-vu/van-ban/{nq.pk}/nhiem-vu/"' in body
    assert f'hx-get="/chi-tieu/van-ban/{nq.pk}/"' in body
    panel = client_as("steering").get(f"/nhiem-vu/van-ban/{nq.pk}/tien-do/").content.decode()
    assert "2 nhiệm vụ của văn bản này và các văn bản thực hiện nó" in panel
    assert "hoàn thành 50,0%" in panel
    body = client_as("steering").get(f"/nhiem-vu/van-ban/{kh.pk}/nhiem-vu/").content.decode()
    assert "Việc thứ nhất" in body and "Việc thứ hai" in body
    # The outsider sees the directive but not STC's tasks in it.
    body = client_as("outsider").get(f"/nhiem-vu/van-ban/{kh.pk}/nhiem-vu/").content.decode()
    panel = client_as("outsider").get(f"/nhiem-vu/van-ban/{kh.pk}/tien-do/").content.decode()
    assert "Việc thứ nhất" not in body and "Chưa có nhiệm vụ nào" in panel
    assert client_as("nobody").get(f"/nhiem-vu/van-ban/{kh.pk}/tien-do/").status_code == 403


def test_search_without_diacritics_and_by_kind(cascade, client_as):
    c = client_as("specialist")
    assert "10-CTr/TU" in c.get("/van-ban/", {"q": "chuong trinh hanh dong"}).content.decode()
    body = c.get("/van-ban/", {"kind": "ke_hoach"}).content.decode()
    assert (
        "112/KH-UBND" in body and body.count("<tr><td>") == 1
    )  # only the plan (the programme shows as its parent)


def test_a_directive_cannot_implement_itself(cascade, people):
    nq, ctr, kh = cascade
    with pytest.raises(DomainError) as e:
        save_directive(people["steering"], nq, implements=kh)
    assert e.value.field == "implements"


def test_the_api_lists_directives(cascade, api_as):
    rows = api_as("viewer").get("/api/v1/directives", implements=cascade[0].pk).json()
    assert [r["number"] for r in rows] == ["10-CTr/TU"]


def test_directives_are_recorded_and_edited_on_their_page_with_the_number_style_checked(
    cascade, agencies, client_as
):
    nq, ctr, kh = cascade
    c = client_as("steering")
    r = c.post(
        "/van-ban/them/",
        {
            "kind": "ke_hoach",
            "number": "KH 5 UBND",
            "title": "Kế hoạch du lịch",
            "issuer": agencies["UBND"].pk,
            "issued_on": "2021-07-01",
            "implements": ctr.pk,
        },
    )
    assert r.status_code == 200 and "không đúng kiểu văn bản nhà nước" in r.content.decode()
    r = c.post(
        "/van-ban/them/",
        {
            "kind": "ke_hoach",
            "number": "5-KH/UBND",
            "title": "Kế hoạch du lịch",
            "issuer": agencies["UBND"].pk,
            "issued_on": "2021-07-01",
            "implements": ctr.pk,
        },
    )
    assert "không đúng kiểu văn bản nhà nước" in r.content.decode()
    r = c.post(
        "/van-ban/them/",
        {
            "kind": "ke_hoach",
            "number": "150/KH-UBND",
            "title": "Kế hoạch du lịch",
            "issuer": agencies["UBND"].pk,
            "issued_on": "01/07/2021",
            "implements": ctr.pk,
        },
    )
    assert r.status_code == 302

    d = Directive.objects.get(number="150/KH-UBND")
    assert (
        d.implements == ctr
        and AuditEntry.objects.filter(
            action="directives.directive.created", object_id=str(d.pk)
        ).exists()
    )
    r = c.post(
        f"/van-ban/{ctr.pk}/sua/",
        {
            "kind": "chuong_trinh",
            "number": "10/CTr-TU",
            "title": "Chương trình hành động",
            "issuer": agencies["TU"].pk,
            "implements": nq.pk,
        },
    )
    assert "không đúng kiểu văn bản của Đảng" in r.content.decode()
    assert client_as("specialist").get("/van-ban/them/").status_code == 403


def test_a_meeting_is_recorded_on_its_page_then_issued(agencies, client_as, at):
    at(date(2021, 6, 15))
    c = client_as("steering")
    data = {
        "title": "Làm việc với Sở Tài chính",
        "held_on": "2021-06-15",
        "host": agencies["UBND"].pk,
        "chair": "Chủ tịch UBND tỉnh",
        "agencies": [agencies["STC"].pk],
        "agenda": "Báo cáo thu ngân sách\nÝ kiến",
        "kl-TOTAL_FORMS": "3",
        "kl-INITIAL_FORMS": "0",
        "kl-0-text": "Tăng cường quản lý thu",
        "kl-0-lead": agencies["STC"].pk,
        "kl-0-deadline": "2021-09-30",
        "kl-1-text": "Ghi nhận kết quả",
        "kl-2-text": "",
    }
    r = c.post("/van-ban/buoi-lam-viec/them/", data)
    assert r.status_code == 302, r.content.decode()[:2000]

    m = Meeting.objects.get()
    assert [a.title for a in m.agenda.all()] == ["Báo cáo thu ngân sách", "Ý kiến"]
    assert [(k.number, k.lead_id) for k in m.conclusions.all()] == [
        (1, agencies["STC"].pk),
        (2, None),
    ]
    at(date(2021, 6, 20))
    r = c.post(
        f"/nhiem-vu/buoi-lam-viec/{m.pk}/ban-hanh-ket-luan/", {"number": "30/TB-UBND"}, follow=True
    )
    assert "Đã ban hành 30/TB-UBND và giao 1 nhiệm vụ" in r.content.decode()
    assert client_as("specialist").get("/van-ban/buoi-lam-viec/them/").status_code == 403


def test_the_directive_and_meeting_forms_offer_plain_choices(agencies, client_as):
    """Issue 14 item 7, as on the task form: no "---------", checkboxes instead of Ctrl+click
    lists, required fields marked "*" with aria-required."""
    c = client_as("steering")
    for url, group, empty in (
        ("/van-ban/them/", "id_breakthroughs-group", "— Chọn cơ quan ban hành —"),
        ("/van-ban/buoi-lam-viec/them/", "id_agencies-group", "— Chọn cơ quan chủ trì —"),
    ):
        html = c.get(url).content.decode()
        assert "---------" not in html and "multiple" not in html, url
        assert f'<option value="" selected>{empty}</option>' in html, url
        assert "(*) bắt buộc" in html and 'aria-required="true"' in html, url
        assert '<span class="req" aria-hidden="true">*</span>' in html, url
        assert f'<fieldset class="choices" id="{group}"' in html, url
    html = c.get("/van-ban/buoi-lam-viec/them/").content.decode()
    assert html.count('type="checkbox" name="agencies"') == len(agencies)
