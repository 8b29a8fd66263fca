"""Every role, and the outsider who must see nothing of another agency's drafts."""

import pytest
from django.contrib.auth.models import AnonymousUser

from theodoi.permissions import org as perms

pytestmark = pytest.mark.django_db

# persona: (can_use_app, is_admin, is_steering, can_view STC drafts, can_work_for STC,
#           can_sign_off STC, manage org)
EXPECTED = {
    "admin": (True, True, True, True, True, True, True),
    "steering": (True, False, True, True, True, False, False),
    "leader": (True, False, False, True, True, True, False),
    "specialist": (True, False, False, True, True, False, False),
    "viewer": (True, False, False, False, False, False, False),
    "outsider": (True, False, False, False, False, False, False),
    "nobody": (False, False, False, False, False, False, False),
}


@pytest.mark.parametrize("persona", EXPECTED)
def test_each_role_answers_each_question(persona, people, agencies):
    user, stc = people[persona], agencies["STC"]
    got = (
        perms.can_use_app(user),
        perms.is_admin(user),
        perms.is_steering(user),
        perms.can_view_agency_drafts(user, stc),
        perms.can_work_for(user, stc),
        perms.can_sign_off_for(user, stc),
        perms.can_manage_org(user),
    )
    assert got == EXPECTED[persona]


def test_the_outsider_works_for_their_own_agency_only(people, agencies):
    outsider = people["outsider"]
    assert perms.can_work_for(outsider, agencies["SVH"])
    assert not perms.can_view_agency_drafts(outsider, agencies["STC"])


def test_an_anonymous_or_deactivated_user_has_no_right(people, agencies):
    assert not perms.can_use_app(AnonymousUser())
    leader = people["leader"]
    leader.is_active = False
    perms.forget(leader)
    assert not perms.can_sign_off_for(leader, agencies["STC"])
