"""Every transition of the task workflow, with frozen time and the audit trail."""

from datetime import date

import pytest
from django.core import mail

from theodoi.audit.models import AuditEntry
from theodoi.core.errors import DomainError, NotAllowed
from theodoi.tasks import services
from theodoi.tasks import status as st
from theodoi.tasks.models import ExtensionRequest, Occurrence, State, Task

from .conftest import DEADLINE


def actions(task):
    return list(
        AuditEntry.objects.filter(object_id=str(task.pk), action__startswith="tasks.")
        .order_by("at", "id")
        .values_list("action", flat=True)
    )


def test_assigning_records_who_and_keeps_the_original_deadline(task, people):
    assert task.state == State.ASSIGNED and task.assigner == people["steering"]
    assert task.assigning_agency.code == "VP-UBND" and task.original_deadline == DEADLINE
    assert task.status(date(2021, 7, 1)).cls == st.IN_TIME
    assert actions(task) == ["tasks.task.assigned"]
    assert AuditEntry.objects.get(action="tasks.task.assigned").data["lead"] == "STC"


def test_the_whole_loop_reported_on_the_deadline_and_confirmed_later_is_on_time(
    task, people, at, django_capture_on_commit_callbacks
):
    at(date(2021, 7, 1))
    services.post_progress(people["specialist"], task, text="Đã dự thảo kế hoạch", percent="40,5")
    task.refresh_from_db()
    assert task.state == State.IN_PROGRESS and str(task.percent) == "40.50"
    at(DEADLINE)
    with django_capture_on_commit_callbacks(execute=True):  # mail leaves on commit
        services.report_done(people["specialist"], task, text="Đã trình UBND tỉnh")
    at(date(2021, 10, 12))
    with django_capture_on_commit_callbacks(execute=True):
        services.confirm_done(people["steering"], task, note="Đạt yêu cầu")
    task.refresh_from_db()
    assert (
        task.state == State.DONE
        and task.confirmed_on == date(2021, 10, 12)
        and task.reported_on == DEADLINE
    )
    assert task.status(date(2022, 1, 1)).cls == st.DONE_ON_TIME
    assert actions(task) == [
        "tasks.task.assigned",
        "tasks.task.progress",
        "tasks.task.reported_done",
        "tasks.task.confirmed",
    ]
    assert AuditEntry.objects.get(action="tasks.task.confirmed").data["status"] == st.DONE_ON_TIME
    # The assigner was told the task waits for confirmation; the lead's people that it is confirmed.
    assert any("chờ xác nhận" in m.subject for m in mail.outbox)
    assert any(
        "xác nhận hoàn thành" in m.subject and "chuyenvien.stc@example.vn" in m.to
        for m in mail.outbox
    )


def test_a_returned_task_is_redone_and_the_reason_is_kept(task, people, at):
    at(date(2021, 9, 1))
    services.report_done(people["leader"], task, text="Xong")
    services.return_task(people["steering"], task, reason="Thiếu phụ lục số liệu")
    task.refresh_from_db()
    assert task.state == State.RETURNED and task.reported_on is None
    assert AuditEntry.objects.get(action="tasks.task.returned").reason == "Thiếu phụ lục số liệu"
    services.start_task(people["specialist"], task)
    assert Task.objects.get(pk=task.pk).state == State.IN_PROGRESS


def test_returning_needs_a_reason(task, people, at):
    services.report_done(people["leader"], task, text="Xong")
    with pytest.raises(DomainError) as e:
        services.return_task(people["steering"], task, reason=" ")
    assert e.value.field == "reason"
    assert Task.objects.get(pk=task.pk).state == State.REPORTED


def test_pause_resume_and_cancel_need_the_assigner_and_a_reason(task, people):
    with pytest.raises(NotAllowed):
        services.pause_task(people["specialist"], task, reason="x")
    with pytest.raises(DomainError):
        services.pause_task(people["steering"], task, reason="")
    services.pause_task(people["steering"], task, reason="Chờ chủ trương của Tỉnh ủy")
    assert Task.objects.get(pk=task.pk).state == State.PAUSED
    services.resume_task(people["steering"], task)
    assert Task.objects.get(pk=task.pk).state == State.ASSIGNED
    services.cancel_task(people["steering"], task, reason="Không còn phù hợp")
    assert Task.objects.get(pk=task.pk).state == State.CANCELLED
    assert actions(task)[-3:] == ["tasks.task.paused", "tasks.task.resumed", "tasks.task.cancelled"]


def test_confirming_a_task_one_did_not_assign_is_refused(task, people):
    services.report_done(people["specialist"], task, text="Xong")
    for persona in ("leader", "specialist", "outsider", "viewer"):
        with pytest.raises(NotAllowed):
            services.confirm_done(people[persona], task)
    assert Task.objects.get(pk=task.pk).state == State.REPORTED
    assert "tasks.task.confirmed" not in actions(task)


@pytest.mark.parametrize(
    "value,ok", [("100", True), ("0", True), ("100,5", False), ("-1", False), ("abc", False)]
)
def test_progress_must_be_between_0_and_100(task, people, value, ok):
    if ok:
        services.post_progress(people["specialist"], task, text="Tiến độ", percent=value)
    else:
        with pytest.raises(DomainError) as e:
            services.post_progress(people["specialist"], task, text="Tiến độ", percent=value)
        assert e.value.field == "percent" and "Tiến độ" in e.value.message
        assert not task.updates.exists()


def test_progress_from_an_agency_that_does_not_lead_the_task_is_refused(task, people):
    for persona in ("outsider", "viewer", "steering"):
        with pytest.raises(NotAllowed) as e:
            services.post_progress(people[persona], task, text="x", percent="10")
        assert "Sở Tài chính" in e.value.message
    assert not task.updates.exists()


def test_an_extension_asked_in_time_and_approved_moves_the_deadline_in_force(task, people, at):
    at(date(2021, 9, 20))
    req = services.request_extension(
        people["leader"], task, proposed_deadline=date(2021, 10, 31), reason="Chờ số liệu quý III"
    )
    services.decide_extension(people["steering"], req, approve=True, note="Đồng ý")
    task.refresh_from_db()
    assert (
        task.deadline == date(2021, 10, 31) and task.original_deadline == DEADLINE and task.extended
    )
    at(date(2021, 10, 20))
    services.report_done(people["specialist"], task, text="Xong")
    services.confirm_done(people["steering"], task)
    task.refresh_from_db()
    # Reported after the original deadline, before the extended one: on time.
    assert task.status().cls == st.DONE_ON_TIME
    assert actions(task)[1:3] == ["tasks.extension.requested", "tasks.extension.approved"]


def test_a_refused_extension_keeps_the_deadline_and_needs_a_reason(task, people, at):
    at(date(2021, 9, 20))
    req = services.request_extension(
        people["leader"], task, proposed_deadline=date(2021, 10, 31), reason="Chờ số liệu"
    )
    with pytest.raises(DomainError):
        services.decide_extension(people["steering"], req, approve=False)
    with pytest.raises(NotAllowed):
        services.decide_extension(people["leader"], req, approve=True)
    services.decide_extension(people["steering"], req, approve=False, note="Không có căn cứ")
    task.refresh_from_db()
    assert task.deadline == DEADLINE and ExtensionRequest.objects.get().decision == "refused"


def test_an_extension_asked_after_the_deadline_is_refused(task, people, at):
    at(date(2021, 10, 1))
    with pytest.raises(DomainError) as e:
        services.request_extension(
            people["leader"], task, proposed_deadline=date(2021, 10, 31), reason="Muộn"
        )
    assert e.value.field == "proposed_deadline" and "30/09/2021" in e.value.message
    assert not ExtensionRequest.objects.exists()


def test_a_recurring_task_counts_each_occurrence(people, agencies, directive, at):
    at(date(2021, 6, 15))
    [t] = services.create_tasks(
        people["steering"],
        directive,
        [
            {
                "title": "Báo cáo kết quả thực hiện nhiệm vụ được giao",
                "lead": agencies["STC"],
                "recurrence": "hằng năm trước 15/12",
                "deadline": None,
            }
        ],
    )
    assert (t.recurrence, t.recurrence_day, t.recurrence_month, t.deadline) == (
        "yearly",
        15,
        12,
        date(2021, 12, 15),
    )
    at(date(2021, 12, 15))
    services.report_done(people["specialist"], t, text="Báo cáo năm 2021")
    at(date(2021, 12, 20))
    services.confirm_done(people["steering"], t)
    t.refresh_from_db()
    assert t.state == State.ASSIGNED and t.deadline == date(2022, 12, 15)
    assert list(Occurrence.objects.values_list("due", "reported_on")) == [
        (date(2021, 12, 15), date(2021, 12, 15))
    ]
