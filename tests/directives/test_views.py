"""Directive list, cascade tree and directive page with children, tasks and roll-up."""
from datetime import date

import pytest

from theodoi.core.errors import DomainError
from theodoi.directives.services import save_directive
from theodoi.tasks import services


def test_the_tree_nests_the_cascade(cascade, client_as):
    body = client_as("viewer").get("/van-ban/cay/").content.decode()
    nq, ctr, kh = body.index("Nghị quyết Đại hội"), body.index("10-CTr/TU"), body.index("112/KH-UBND")
    assert nq < ctr < kh and body.count('<ul class="tree"') == 3


def test_the_directive_page_rolls_up_tasks_of_the_directives_below(cascade, people, agencies, client_as, at):
    nq, ctr, kh = cascade
    at(date(2021, 6, 15))
    t1, t2 = services.create_tasks(people["steering"], kh, [
        {"title": "Việc thứ nhất", "lead": agencies["STC"], "deadline": date(2021, 7, 31)},
        {"title": "Việc thứ hai", "lead": agencies["STC"], "deadline": date(2021, 12, 31)}])
    at(date(2021, 7, 1))
    services.report_done(people["specialist"], t1, text="Xong")
    services.confirm_done(people["steering"], t1)
    at(date(2021, 8, 1))
    body = client_as("steering").get(f"/van-ban/{nq.pk}/").content.decode()
    assert "2 nhiệm vụ của văn bản này và các văn bản thực hiện nó" in body and "hoàn thành 50,0%" in body
    assert "10-CTr/TU" in body  # child directive
    body = client_as("steering").get(f"/van-ban/{kh.pk}/").content.decode()
    assert "Việc thứ nhất" in body and "Việc thứ hai" in body
    # The outsider sees the directive but not STC's tasks in it.
    body = client_as("outsider").get(f"/van-ban/{kh.pk}/").content.decode()
    assert "Việc thứ nhất" not in body and "Chưa có nhiệm vụ nào" in body


def test_search_without_diacritics_and_by_kind(cascade, client_as):
    c = client_as("specialist")
    assert "10-CTr/TU" in c.get("/van-ban/", {"q": "chuong trinh hanh dong"}).content.decode()
    body = c.get("/van-ban/", {"kind": "ke_hoach"}).content.decode()
    assert "112/KH-UBND" in body and body.count("<tr><td>") == 1  # only the plan (the programme shows as its parent)


def test_a_directive_cannot_implement_itself(cascade, people):
    nq, ctr, kh = cascade
    with pytest.raises(DomainError) as e:
        save_directive(people["steering"], nq, implements=kh)
    assert e.value.field == "implements"


def test_the_api_lists_directives(cascade, api_as):
    rows = api_as("viewer").get("/api/v1/directives", implements=cascade[0].pk).json()
    assert [r["number"] for r in rows] == ["10-CTr/TU"]
