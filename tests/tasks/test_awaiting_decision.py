"""One rule for "waiting for my decision": permissions.tasks.can_decide, its filter
decidable_filter, and tasks.queries.awaiting_my_decision behind the home badge,
"Của tôi" and the API, which must agree for every persona."""

import re
from datetime import date

import pytest

from theodoi.directives.models import Directive, DirectiveKind
from theodoi.permissions import tasks as perms
from theodoi.tasks import services
from theodoi.tasks.models import Task
from theodoi.tasks.queries import awaiting_my_decision, needing_me, to_work_on

PERSONAS = ["admin", "steering", "leader", "specialist", "viewer", "outsider", "nobody"]


@pytest.fixture
def world(people, agencies, directive, at):
    """t1: VP → STC, reported; t2: VP → SVH, a pending extension; t3: STC's leader → SVH,
    reported; t4: VP → STC, open; t5: VP → STC, done; t6: VP → UBND (the viewer's agency),
    open."""
    at(date(2021, 6, 15))
    stc_plan = Directive.objects.create(
        kind=DirectiveKind.PLAN,
        number="15/KH-STC",
        title="Kế hoạch của Sở Tài chính",
        issuer=agencies["STC"],
        issued_on=date(2021, 3, 1),
    )
    due = date(2021, 9, 30)
    t1, t2, t4, t5, t6 = services.create_tasks(
        people["steering"],
        directive,
        [
            {"title": "Một: chờ xác nhận", "lead": agencies["STC"], "deadline": due},
            {"title": "Hai: xin gia hạn", "lead": agencies["SVH"], "deadline": due},
            {"title": "Bốn: đang làm", "lead": agencies["STC"], "deadline": due},
            {"title": "Năm: đã xong", "lead": agencies["STC"], "deadline": due},
            {"title": "Sáu: UBND tỉnh chủ trì", "lead": agencies["UBND"], "deadline": due},
        ],
    )
    [t3] = services.create_tasks(
        people["leader"],
        stc_plan,
        [
            {"title": "Ba: sở giao, chờ xác nhận", "lead": agencies["SVH"], "deadline": due},
        ],
    )
    at(date(2021, 7, 1))
    services.report_done(people["specialist"], t1, text="Xong")
    services.request_extension(
        people["outsider"], t2, proposed_deadline=date(2021, 10, 31), reason="Chờ số liệu"
    )
    services.report_done(people["outsider"], t3, text="Xong")
    services.report_done(people["specialist"], t5, text="Xong")
    services.confirm_done(people["steering"], t5)
    return {"t1": t1, "t2": t2, "t3": t3, "t4": t4, "t5": t5, "t6": t6}


TO_CONFIRM = {"admin": {"t1", "t3"}, "steering": {"t1"}, "leader": {"t3"}}
EXTENSIONS = {"admin": {"t2"}, "steering": {"t2"}}
WORK = {"leader": {"t4"}, "specialist": {"t4"}, "outsider": {"t2"}}


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_filters_agree_with_the_predicates_for_every_persona(persona, world, people):
    user = people[persona]
    decidable = set(Task.objects.filter(perms.decidable_filter(user)).values_list("pk", flat=True))
    workable = set(Task.objects.filter(perms.workable_filter(user)).values_list("pk", flat=True))
    for task in Task.objects.all():
        assert (task.pk in decidable) == perms.can_decide(user, task), (persona, task.title)
        assert (task.pk in workable) == perms.can_work_on(user, task), (persona, task.title)


@pytest.mark.parametrize("persona", PERSONAS)
def test_home_badge_my_tasks_and_the_api_say_the_same(persona, world, people, client_as, api_as):
    names = {t.pk: k for k, t in world.items()}
    user = people[persona]
    waiting = awaiting_my_decision(user)
    assert {names[t.pk] for t in waiting.to_confirm} == TO_CONFIRM.get(persona, set())
    assert {names[e.task_id] for e in waiting.extensions} == EXTENSIONS.get(persona, set())
    assert {names[t.pk] for t in to_work_on(user)} == WORK.get(persona, set())
    expected = len(TO_CONFIRM.get(persona, ())) + len(EXTENSIONS.get(persona, ()))
    assert waiting.count == expected
    assert needing_me(user) == expected + len(WORK.get(persona, ()))
    if persona == "nobody":
        assert client_as(persona).get("/").status_code == 403
        return
    home = client_as(persona).get("/").content.decode()
    badge = re.search(r"(\d+) việc cần tôi xử lý", home)
    assert (int(badge.group(1)) if badge else 0) == needing_me(user)
    mine = client_as(persona).get("/nhiem-vu/cua-toi/")
    assert {names[t.pk] for t, _s in mine.context["to_confirm"]} == TO_CONFIRM.get(persona, set())
    assert {names[e.task_id] for e in mine.context["extensions"]} == EXTENSIONS.get(persona, set())
    body = mine.content.decode()
    for key in TO_CONFIRM.get(persona, ()):
        assert world[key].title in body
    api = api_as(persona).get("/api/v1/tasks/awaiting-my-decision").json()
    assert {names[t["id"]] for t in api["to_confirm"]} == TO_CONFIRM.get(persona, set())
    assert {names[e["task"]] for e in api["extensions"]} == EXTENSIONS.get(persona, set())
    assert api["count"] == expected


def test_an_admin_decides_what_waits_even_when_someone_else_assigned_it(world, people):
    # Admins may decide (can_decide), so the home badge and "Của tôi" list it for them.
    assert perms.can_decide(people["admin"], world["t3"])
    assert world["t3"].pk in {t.pk for t in awaiting_my_decision(people["admin"]).to_confirm}


def test_a_viewer_has_nothing_to_do(world, people, client_as):
    assert needing_me(people["viewer"]) == 0
    assert "việc cần tôi xử lý" not in client_as("viewer").get("/").content.decode()
