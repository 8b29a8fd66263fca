"""Who sees which task: the outsider sees no task of another agency not shared with them."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model

from theodoi.permissions import tasks as perms
from theodoi.tasks.models import Task
from theodoi.tasks.queries import assigning_agency_for
from theodoi.tasks.services import create_tasks


@pytest.fixture
def three(people, agencies, directive, at):
    at(date(2021, 6, 15))
    stc, svh_alone, svh_shared = create_tasks(
        people["steering"],
        directive,
        [
            {
                "title": "Việc của Sở Tài chính",
                "lead": agencies["STC"],
                "deadline": date(2021, 9, 30),
            },
            {
                "title": "Việc riêng của Sở Văn hóa",
                "lead": agencies["SVH"],
                "deadline": date(2021, 9, 30),
            },
            {
                "title": "Việc Sở Văn hóa chủ trì, Sở Tài chính phối hợp",
                "lead": agencies["SVH"],
                "coordinators": [agencies["STC"]],
                "deadline": date(2021, 9, 30),
            },
        ],
    )
    return {"stc": stc, "svh_alone": svh_alone, "svh_shared": svh_shared}


SEES = {
    "admin": {"stc", "svh_alone", "svh_shared"},
    "steering": {"stc", "svh_alone", "svh_shared"},
    "viewer": {"stc", "svh_alone", "svh_shared"},
    "leader": {"stc", "svh_shared"},
    "specialist": {"stc", "svh_shared"},
    "outsider": {"svh_alone", "svh_shared"},
    "nobody": set(),
}


@pytest.mark.parametrize("persona", sorted(SEES))
def test_each_persona_sees_exactly_its_tasks_in_the_list_the_page_and_the_api(
    persona, three, people, client_as, api_as
):
    names = {v.pk: k for k, v in three.items()}
    assert {names[t.pk] for t in Task.objects.visible_to(people[persona])} == SEES[persona]
    if persona == "nobody":
        assert client_as(persona).get("/nhiem-vu/").status_code == 403
        return
    client = client_as(persona)
    body = client.get("/nhiem-vu/").content.decode()
    for key, task in three.items():
        assert (task.title in body) == (key in SEES[persona])
        assert client.get(f"/nhiem-vu/{task.pk}/").status_code == (
            200 if key in SEES[persona] else 404
        )
    api = api_as(persona)
    assert {names[t["id"]] for t in api.get("/api/v1/tasks").json()} == SEES[persona]
    for key, task in three.items():
        assert api.get(f"/api/v1/tasks/{task.pk}").status_code == (
            200 if key in SEES[persona] else 404
        )


def test_a_coordinating_agency_sees_but_cannot_report_for_the_lead(three, api_as):
    r = api_as("specialist").post(
        f"/api/v1/tasks/{three['svh_shared'].pk}/progress", {"text": "x", "percent": "10"}
    )
    assert r.status_code == 403 and "Sở Văn hóa" in r.json()["detail"]


def test_the_outsider_scoreboard_counts_only_what_they_may_see(three, client_as):
    body = (
        client_as("outsider")
        .get("/nhiem-vu/bang-xep-hang/?start=2021-01-01&end=2021-12-31")
        .content.decode()
    )
    assert "Sở Văn hóa" in body and "Sở Tài chính" not in body


def test_can_assign_from_memberships_agrees_with_the_agency_assigned_for(people, agencies):
    """permissions.tasks.can_assign reads memberships only; tasks.queries.assigning_agency_for
    finds the agency. They answer alike for every persona and issuer, superuser without
    membership included (is_steering, but no office to assign for)."""
    bare_superuser = get_user_model().objects.create_user(username="root", is_superuser=True)
    users = {**people, "bare_superuser": bare_superuser}
    expected = {
        "admin": "VP-UBND",
        "steering": "VP-UBND",
        "bare_superuser": None,
        "viewer": None,
        "specialist": None,
        "outsider": None,
        "nobody": None,
    }
    for name, user in users.items():
        for issuer in [None, *agencies.values()]:
            agency = assigning_agency_for(user, issuer)
            assert perms.can_assign(user, issuer) == (agency is not None), (name, issuer)
        if name in expected:
            found = assigning_agency_for(user, None)
            assert (found.code if found else None) == expected[name], name
    assert assigning_agency_for(people["leader"], agencies["STC"]) == agencies["STC"]
    assert assigning_agency_for(people["leader"], agencies["SVH"]) is None
