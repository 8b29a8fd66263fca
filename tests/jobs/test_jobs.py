"""Jobs with the immediate backend (run where queued) and the dummy backend (stay queued):
starting, one job for two people, who sees it, failures, dead workers, the daily reminders."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from theodoi.audit.models import AuditEntry
from theodoi.core.errors import DomainError, NotAllowed
from theodoi.jobs import progress
from theodoi.jobs.models import Job
from theodoi.jobs.services import reap_stale, running, start
from theodoi.permissions.jobs import can_view_job
from theodoi.targets.jobs import start_rebuild
from theodoi.tasks.jobs import schedule_reminders

DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
HCM = ZoneInfo("Asia/Ho_Chi_Minh")


@task()
def failing_job(job_id: int) -> None:
    with running(job_id) as job:
        AuditEntry.objects.create(at=timezone.now(), action="jobs.job.started", data={"x": 1})
        raise DomainError("Dòng 7: số liệu “abc” không phải là số.", field="value")
    job.result = {}


def test_rebuild_runs_as_a_job_and_only_the_steering_office_sees_it(people):
    job, created = start_rebuild(people["steering"])
    job.refresh_from_db()
    assert created and job.state == Job.State.DONE
    assert job.result == {"rows": 0}
    assert job.task_id
    for persona, sees in [
        ("steering", True),
        ("admin", True),
        ("leader", False),
        ("specialist", False),
        ("viewer", False),
        ("outsider", False),
        ("nobody", False),
    ]:
        assert can_view_job(people[persona], job) is sees, persona
    with pytest.raises(NotAllowed):
        start_rebuild(people["specialist"])


def test_two_people_starting_the_same_rebuild_get_one_job(people):
    with override_settings(TASKS=DUMMY):
        first, created1 = start_rebuild(people["steering"])
        second, created2 = start_rebuild(people["admin"])
    assert created1 and not created2
    assert first.pk == second.pk
    assert Job.objects.count() == 1
    assert people["admin"].pk in Job.objects.get().watchers


def test_a_failing_job_writes_nothing_and_says_why(people):
    before = AuditEntry.objects.count()
    job, _ = start(people["specialist"], failing_job, kind="test", title="Thử")
    job.refresh_from_db()
    assert job.state == Job.State.FAILED
    assert "Dòng 7" in job.error
    # Only the "job started" entry: the body's write rolled back with it.
    assert AuditEntry.objects.count() == before + 1


def test_a_job_whose_worker_stopped_beating_is_marked_failed(people):
    with override_settings(TASKS=DUMMY):
        job, _ = start_rebuild(people["steering"])
    Job.objects.filter(pk=job.pk).update(state=Job.State.RUNNING)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        progress.beat(job.pk)
        assert reap_stale() == []  # beating: alive
        clock.shift(timedelta(seconds=61))
        assert reap_stale() == [job.pk]
    job.refresh_from_db()
    assert job.state == Job.State.FAILED
    assert "dừng giữa chừng" in job.error
    # The key is free again: the next rebuild is a new job.
    with override_settings(TASKS=DUMMY):
        again, created = start_rebuild(people["steering"])
    assert created and again.pk != job.pk


def test_daily_reminders_are_queued_once_a_day_after_the_hour(people):
    with time_machine.travel(datetime(2026, 3, 2, 6, 30, tzinfo=HCM), tick=False):
        assert schedule_reminders() is None
    with time_machine.travel(datetime(2026, 3, 2, 7, 5, tzinfo=HCM), tick=False):
        job = schedule_reminders()
        assert job is not None and job.state == Job.State.DONE
        assert schedule_reminders() is None
    with time_machine.travel(datetime(2026, 3, 3, 7, 5, tzinfo=HCM), tick=False):
        assert schedule_reminders() is not None
    assert Job.objects.filter(kind="tasks.reminders").count() == 2


def test_job_page_shows_progress_to_its_owner_only(client_as, people):
    with override_settings(TASKS=DUMMY):
        job, _ = start_rebuild(people["steering"])
    Job.objects.filter(pk=job.pk).update(state=Job.State.RUNNING)
    progress.report(job.pk, 4000, 10000, "Đang kiểm tra dòng 4.000/10.000")
    url = reverse("jobs:detail", args=[job.pk])
    page = client_as("steering").get(url).content.decode()
    assert "Đang kiểm tra dòng 4.000/10.000" in page
    assert 'value="40"' in page and 'hx-trigger="every 1s"' in page
    assert (
        "Tính lại bảng tổng hợp"
        in client_as("steering").get(reverse("jobs:index")).content.decode()
    )
    assert client_as("outsider").get(url).status_code == 403


def test_the_api_queues_the_rebuild_and_answers_202(api_as, people):
    with override_settings(TASKS=DUMMY):
        first = api_as("steering").post("/api/v1/rollups/rebuild")
        second = api_as("admin").post("/api/v1/rollups/rebuild")
    assert first.status_code == 202 and second.status_code == 202
    assert first.json()["url"] == second.json()["url"]
    assert first.json()["state"] == "queued"
    assert api_as("steering").get(first.json()["url"]).json()["title"]
    assert api_as("specialist").post("/api/v1/rollups/rebuild").status_code == 403
    assert api_as("specialist").get(first.json()["url"]).status_code == 404
