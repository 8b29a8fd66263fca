"""core.cache: answers under generations, renewed by every change (audit.changes)."""

from unittest import mock

import pytest
from django.core.cache import cache, caches
from django.test import RequestFactory
from django.utils import translation

from theodoi.audit.changes import changed
from theodoi.core import cache as answers

# Every test here runs on Django's local memory cache and on a real Redis.
pytestmark = pytest.mark.usefixtures("shared_cache")


def test_an_answer_is_computed_once_until_its_scope_changes():
    calls = []

    def compute():
        calls.append(1)
        return {"n": len(calls)}

    first = answers.cached("t", scopes=["targets", "org"], parts=[1], compute=compute)
    again = answers.cached("t", scopes=["targets", "org"], parts=[1], compute=compute)
    assert first == again == {"n": 1} and len(calls) == 1
    answers.bump("tasks")  # another area: nothing to renew
    assert answers.cached("t", scopes=["targets", "org"], parts=[1], compute=compute) == {"n": 1}
    answers.bump("org")
    assert answers.cached("t", scopes=["targets", "org"], parts=[1], compute=compute) == {"n": 2}
    # Other parts are another answer.
    assert answers.cached("t", scopes=["targets", "org"], parts=[2], compute=compute) == {"n": 3}


def test_none_is_an_answer_and_an_exception_is_not_kept():
    calls = []

    def nothing():
        calls.append(1)

    answers.cached("none", scopes=["reporting"], parts=[], compute=nothing)
    answers.cached("none", scopes=["reporting"], parts=[], compute=nothing)
    assert len(calls) == 1

    def boom():
        raise ValueError("x")

    for _ in range(2):
        with pytest.raises(ValueError):
            answers.cached("boom", scopes=["reporting"], parts=[], compute=boom)


def test_a_lost_generation_makes_every_answer_of_the_scope_stale():
    n = iter(range(10))
    answers.cached("t", scopes=["reporting"], parts=[], compute=lambda: next(n))
    cache.delete("theodoi:gen:reporting")  # evicted (Redis LRU, file cache culling)
    assert answers.cached("t", scopes=["reporting"], parts=[], compute=lambda: next(n)) == 1


def test_another_process_sees_a_change_at_once(shared_cache):
    """Two app machines: each its own client of the one Redis."""
    if shared_cache is None:
        return  # local memory is one process's own: nothing to share
    other = caches.create_connection("default")
    answers.cached("t", scopes=["reporting"], parts=[], compute=lambda: "old")
    with mock.patch.object(answers, "cache", other):
        assert answers.cached("t", scopes=["reporting"], parts=[], compute=lambda: "new") == "old"
        answers.bump("reporting")  # a write served by the other machine
    assert answers.cached("t", scopes=["reporting"], parts=[], compute=lambda: "new") == "new"


def test_an_answer_names_only_areas_whose_changes_are_followed():
    with pytest.raises(ValueError, match="AREAS"):
        answers.cached("t", scopes=["notices"], parts=[], compute=lambda: 1)
    [before] = answers.generations(["tasks"])
    changed("notices", "jobs")  # nothing cached reads them: nothing renewed
    assert answers.generations(["tasks"]) == [before]


def test_the_cache_down_costs_speed_not_answers():
    with (
        mock.patch.object(answers.cache, "get_many", side_effect=ConnectionError),
        mock.patch.object(answers.cache, "set_many", side_effect=ConnectionError),
    ):
        assert answers.cached("t", scopes=["reporting"], parts=[], compute=lambda: 7) == 7
        answers.bump("reporting")  # logged, not raised


def test_request_parts_hold_path_query_language_day_and_the_person_only_when_asked():
    rf = RequestFactory()
    r1 = rf.get("/chi-tieu/X/", {"ky": "2021S1", "ngay": "30/06/2021"})
    r2 = rf.get("/chi-tieu/X/", {"ngay": "30/06/2021", "ky": "2021S1"})
    r3 = rf.get("/chi-tieu/X/", {"ky": "2021S1", "ngay": "31/12/2021"})
    for r, pk in ((r1, 1), (r2, 2), (r3, 1)):
        r.user = mock.Mock(pk=pk)
    assert answers.request_parts(r1) == answers.request_parts(r2)  # order does not matter
    assert answers.request_parts(r1) != answers.request_parts(r3)  # an as-of date does
    assert answers.request_parts(r1, personal=True) != answers.request_parts(r2, personal=True)
    with translation.override("en"):
        english = answers.request_parts(r1)
    with translation.override("vi"):
        assert answers.request_parts(r1) != english


@pytest.mark.django_db
def test_a_change_renews_the_generation_now_and_again_at_commit(
    django_capture_on_commit_callbacks,
):
    [before] = answers.generations(["targets"])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        changed("targets")
        [now] = answers.generations(["targets"])
    assert now != before  # the writer's own transaction reads its change fresh
    # A reader of the old rows may have stored under `now` meanwhile: the commit retires it.
    assert len(callbacks) == 1
    callbacks[0]()
    assert answers.generations(["targets"]) != [now]
