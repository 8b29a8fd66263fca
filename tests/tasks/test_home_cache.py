"""The home page's task counts are cached per person: one person's counts are never shown to
another who may not see the same tasks, and a change of a task renews them."""

from datetime import date

import pytest
from django.utils import timezone

from theodoi.notices.models import Notification
from theodoi.tasks import services

# On Django's local memory cache and on a real Redis.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_cache")]

EMPTY = "Chưa có nhiệm vụ nào được giao."


def _tiles(client):
    return client.get("/").content.decode()


def test_people_do_not_share_their_counts(task, client_as):
    steering = _tiles(client_as("steering"))
    assert EMPTY not in steering and "?status=" in steering
    # The outsider (SVH) sees none of STC's tasks, whatever was cached for the office.
    assert EMPTY in _tiles(client_as("outsider"))
    assert EMPTY not in _tiles(client_as("specialist"))


def test_a_task_change_renews_the_counts(
    task, client_as, people, django_capture_on_commit_callbacks
):
    assert EMPTY not in _tiles(client_as("specialist"))
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_task(people["steering"], task, reason="Không còn phù hợp")
    # A cancelled task is counted nowhere.
    assert EMPTY in _tiles(client_as("specialist"))


def test_the_drawn_panel_follows_the_unread_notices(task, client_as, people):
    """The panel is drawn once per person and kept; an unread notice (read live) is part of
    its key, so a new notice shows at once and reading it takes it away."""
    client = client_as("specialist")
    assert "thông báo chưa đọc" not in _tiles(client)
    assert "thông báo chưa đọc" not in _tiles(client)
    n = Notification.objects.create(
        user=people["specialist"], subject="Nhắc hạn", dedupe_key="t-1", day=date(2021, 6, 15)
    )
    assert "1 thông báo chưa đọc" in _tiles(client)
    assert "thông báo chưa đọc" not in _tiles(client_as("leader"))  # the specialist's own
    n.read_at = timezone.now()
    n.save()
    assert "thông báo chưa đọc" not in _tiles(client_as("specialist"))
