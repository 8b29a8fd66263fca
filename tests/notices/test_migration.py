"""Notification moved from tasks to notices without losing a row: a database migrated
before the move keeps its notices, now read through notices.Notification."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from theodoi.notices.models import Notification

BEFORE = [("tasks", "0002_defaults_at_call_time"), ("notices", None)]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


@pytest.mark.django_db(transaction=True)
def test_an_existing_database_keeps_its_notifications_through_the_move():
    user = get_user_model().objects.create_user(username="nguoi.nhan")
    executor = _migrate(BEFORE)
    old = executor.loader.project_state([BEFORE[0]]).apps.get_model("tasks", "Notification")
    old.objects.create(
        user_id=user.pk,
        subject="Việc sắp đến hạn",
        body="Nội dung",
        dedupe_key="k",
        day=date(2021, 6, 15),
        emailed=True,
    )
    ContentType.objects.get_or_create(app_label="tasks", model="notification")
    ContentType.objects.filter(app_label="notices", model="notification").delete()

    executor = _migrate(executor.loader.graph.leaf_nodes())

    note = Notification.objects.get()
    assert (note.user_id, note.subject, note.body, note.day, note.emailed) == (
        user.pk,
        "Việc sắp đến hạn",
        "Nội dung",
        date(2021, 6, 15),
        True,
    )
    assert Notification._meta.db_table == "tasks_notification"
    assert ContentType.objects.get_for_model(Notification).app_label == "notices"
    assert not ContentType.objects.filter(app_label="tasks", model="notification").exists()
