"""A meeting's conclusions become a conclusion notice and one task per item that assigns work."""

from datetime import date

import pytest

from theodoi.audit.models import AuditEntry
from theodoi.core.errors import DomainError, NotAllowed
from theodoi.directives.models import Directive, DirectiveKind, Meeting
from theodoi.directives.services import record_meeting
from theodoi.tasks.conclusions import issue_conclusions
from theodoi.tasks.models import Task


@pytest.fixture
def meeting(people, agencies, cascade, at):
    at(date(2021, 6, 15))
    return record_meeting(
        people["steering"],
        title="Thường trực Tỉnh ủy làm việc với Ban cán sự đảng UBND tỉnh",
        held_on=date(2021, 6, 15),
        host=agencies["TU"],
        chair="Bí thư Tỉnh ủy",
        agencies=[agencies["UBND"], agencies["STC"]],
        directive=cascade[1],
        participants="Bí thư Tỉnh ủy\nChủ tịch UBND tỉnh",
        agenda=[
            {"title": "Báo cáo tình hình", "presenter": agencies["UBND"], "report": "GRDP tăng 5%"}
        ],
        conclusions=[
            {
                "number": 1,
                "text": "Rà soát Chương trình hành động",
                "lead": agencies["UBND"],
                "deadline": date(2021, 9, 30),
                "coordinators": [agencies["STC"]],
                "product": "Chương trình sửa đổi",
            },
            {
                "number": 2,
                "text": "Định kỳ báo cáo kết quả",
                "lead": agencies["UBND"],
                "recurrence": "hằng năm trước 15/12",
            },
            {"number": 3, "text": "Ghi nhận kết quả đạt được"},
        ],
    )


def test_issuing_creates_the_notice_and_a_task_per_item_that_assigns_work(
    meeting, people, cascade, at
):
    at(date(2021, 6, 18))
    notice, tasks = issue_conclusions(people["steering"], meeting, number="125-TB/TU")
    assert notice.kind == DirectiveKind.CONCLUSION_NOTICE and notice.implements == cascade[1]
    assert "1. Rà soát Chương trình hành động" in notice.summary
    assert [(t.conclusion.number, t.directive_id, t.lead.code) for t in tasks] == [
        (1, notice.pk, "UBND"),
        (2, notice.pk, "UBND"),
    ]
    assert tasks[1].deadline == date(2021, 12, 15) and tasks[1].recurrence == "yearly"
    assert list(tasks[0].coordinators.values_list("code", flat=True)) == ["STC"]
    assert AuditEntry.objects.filter(action="tasks.task.assigned").count() == 2
    assert (
        AuditEntry.objects.get(action="directives.meeting.conclusions_issued").data["notice"]
        == "125-TB/TU"
    )
    with pytest.raises(DomainError):
        issue_conclusions(
            people["steering"], Meeting.objects.get(pk=meeting.pk), number="126-TB/TU"
        )


def test_issuing_is_all_or_nothing(meeting, people, agencies, at):
    agencies["UBND"].dissolved_on = date(2021, 6, 16)
    agencies["UBND"].save()
    at(date(2021, 6, 18))
    with pytest.raises(DomainError) as e:
        issue_conclusions(people["steering"], meeting, number="125-TB/TU")
    assert e.value.errors[0]["field"] == "lead"
    assert not Task.objects.exists() and not Directive.objects.filter(number="125-TB/TU").exists()
    assert Meeting.objects.get(pk=meeting.pk).notice_id is None


@pytest.mark.parametrize("persona", ["specialist", "leader", "outsider", "viewer"])
def test_only_the_steering_office_issues(meeting, people, persona):
    with pytest.raises(NotAllowed):
        issue_conclusions(people[persona], meeting, number="125-TB/TU")


def test_the_meeting_page_shows_participants_agenda_conclusions_and_issues(meeting, client_as, at):
    at(date(2021, 6, 18))
    c = client_as("steering")
    body = c.get(f"/van-ban/buoi-lam-viec/{meeting.pk}/").content.decode()
    assert (
        "Chủ tịch UBND tỉnh" in body
        and "GRDP tăng 5%" in body
        and "Ghi nhận kết quả đạt được" in body
    )
    assert "không giao việc" in body and "Ban hành thông báo kết luận" in body
    r = c.post(
        f"/nhiem-vu/buoi-lam-viec/{meeting.pk}/ban-hanh-ket-luan/",
        {"number": "125-TB/TU", "issued_on": "18/06/2021"},
        follow=True,
    )
    assert "Đã ban hành 125-TB/TU và giao 2 nhiệm vụ" in r.content.decode()
    assert "Ban hành thông báo kết luận" not in r.content.decode()
    # The outsider sees the meeting but not the UBND's tasks (not shared with SVH).
    body = client_as("outsider").get(f"/van-ban/buoi-lam-viec/{meeting.pk}/").content.decode()
    assert (
        "Rà soát Chương trình hành động" in body
        and "/nhiem-vu/" not in body.split("Kết luận")[-1].split("</table>")[0]
    )
