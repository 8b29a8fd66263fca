"""Task pages: the list with its filters and search, the task page's actions, files."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from theodoi.audit.models import AuditEntry
from theodoi.tasks.models import ProgressFile, ProgressUpdate, State, Task
from theodoi.tasks.services import create_tasks

PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture
def tasks(people, agencies, directive, at):
    at(date(2021, 6, 15))
    made = create_tasks(
        people["steering"],
        directive,
        [
            {
                "title": "Rà soát dự toán ngân sách",
                "lead": agencies["STC"],
                "deadline": date(2021, 7, 31),
            },
            {
                "title": "Kế hoạch kích cầu du lịch",
                "lead": agencies["STC"],
                "deadline": date(2021, 12, 31),
            },
        ],
    )
    at(date(2021, 9, 1))
    return made


def test_search_works_without_diacritics_and_filters_by_status_class(tasks, client_as):
    c = client_as("steering")
    body = c.get("/nhiem-vu/", {"q": "ra soat du toan"}).content.decode()
    assert "Rà soát dự toán ngân sách" in body and "Kế hoạch kích cầu" not in body
    body = c.get("/nhiem-vu/", {"status": "overdue"}).content.decode()
    assert (
        "Rà soát dự toán ngân sách" in body
        and "Kế hoạch kích cầu" not in body
        and "quá hạn" in body
    )
    body = c.get("/nhiem-vu/", {"deadline_from": "01/10/2021"}).content.decode()
    assert "Kế hoạch kích cầu" in body and "Rà soát dự toán" not in body


def test_my_tasks_shows_the_lead_agencys_work_and_what_waits_for_the_assigner(
    tasks, client_as, people
):
    assert (
        "Rà soát dự toán ngân sách"
        in client_as("specialist").get("/nhiem-vu/cua-toi/").content.decode()
    )
    c = client_as("specialist")
    c.post(f"/nhiem-vu/{tasks[0].pk}/thao-tac/report/", {"text": "Xong"})
    body = client_as("steering").get("/nhiem-vu/cua-toi/").content.decode()
    assert "Chờ tôi xác nhận hoàn thành" in body


def test_progress_with_a_file_is_stored_and_served_only_to_those_who_see_the_task(
    tasks, client_as, settings
):
    c = client_as("specialist")
    r = c.post(
        f"/nhiem-vu/{tasks[0].pk}/thao-tac/progress/",
        {
            "text": "Đã dự thảo",
            "percent": "45,5",
            "files": [SimpleUploadedFile("du-thao.pdf", PDF, "application/pdf")],
        },
    )
    assert r.status_code == 302
    f = ProgressFile.objects.get()
    assert (
        str(settings.MEDIA_ROOT) in f.file.path
        and "static" not in f.file.path
        and f.name == "du-thao.pdf"
    )
    assert Task.objects.get(pk=tasks[0].pk).percent == 45.5
    assert c.get(f"/nhiem-vu/tep/{f.pk}/").status_code == 200
    assert client_as("outsider").get(f"/nhiem-vu/tep/{f.pk}/").status_code == 404


def test_a_file_of_the_wrong_type_is_refused_and_nothing_is_saved(tasks, client_as):
    c = client_as("specialist")
    r = c.post(
        f"/nhiem-vu/{tasks[0].pk}/thao-tac/progress/",
        {
            "text": "Đã dự thảo",
            "percent": "50",
            "files": [SimpleUploadedFile("virus.pdf", b"MZ\x90\x00binary", "application/pdf")],
        },
        follow=True,
    )
    assert "không phải là PDF" in r.content.decode()
    assert not ProgressUpdate.objects.exists() and not ProgressFile.objects.exists()
    assert Task.objects.get(pk=tasks[0].pk).state == State.ASSIGNED
    assert not AuditEntry.objects.filter(action="tasks.task.progress").exists()


def test_a_file_too_large_is_refused(tasks, client_as, settings):
    settings.MAX_ATTACHMENT_BYTES = 10
    r = client_as("specialist").post(
        f"/nhiem-vu/{tasks[0].pk}/thao-tac/report/",
        {"text": "Xong", "files": [SimpleUploadedFile("bc.pdf", PDF + b"x" * 20)]},
        follow=True,
    )
    assert (
        "quá lớn" in r.content.decode() and Task.objects.get(pk=tasks[0].pk).state == State.ASSIGNED
    )


def test_the_timeline_shows_every_step_with_its_reason(tasks, client_as):
    client_as("specialist").post(f"/nhiem-vu/{tasks[0].pk}/thao-tac/report/", {"text": "Xong"})
    client_as("steering").post(
        f"/nhiem-vu/{tasks[0].pk}/thao-tac/return/", {"reason": "Thiếu phụ lục"}
    )
    body = client_as("specialist").get(f"/nhiem-vu/{tasks[0].pk}/").content.decode()
    for text in [
        "Giao nhiệm vụ",
        "Báo cáo hoàn thành",
        "Trả lại, yêu cầu thực hiện lại",
        "Thiếu phụ lục",
        "Thực hiện lại",
    ]:
        assert text in body


def test_the_specialist_cannot_confirm_through_the_page(tasks, client_as):
    client_as("specialist").post(f"/nhiem-vu/{tasks[0].pk}/thao-tac/report/", {"text": "Xong"})
    r = client_as("specialist").post(f"/nhiem-vu/{tasks[0].pk}/thao-tac/confirm/", {}, follow=True)
    assert "Chỉ người giao nhiệm vụ được xác nhận hoàn thành" in r.content.decode()
    assert Task.objects.get(pk=tasks[0].pk).state == State.REPORTED


def test_an_extension_is_asked_and_decided_on_the_page(tasks, client_as, at):
    c = client_as("leader")
    c.post(
        f"/nhiem-vu/{tasks[1].pk}/thao-tac/extension/",
        {"proposed_deadline": "2022-01-31", "reason": "Chờ số liệu"},
    )
    req = tasks[1].extensions.get()
    client_as("steering").post(
        f"/nhiem-vu/{tasks[1].pk}/gia-han/{req.pk}/", {"approve": "1", "note": "Đồng ý"}
    )
    t = Task.objects.get(pk=tasks[1].pk)
    assert t.deadline == date(2022, 1, 31) and t.original_deadline == date(2021, 12, 31)
    body = c.get(f"/nhiem-vu/{t.pk}/").content.decode()
    assert "31/01/2022" in body and "31/12/2021" in body and "đã gia hạn" in body


def test_assigning_on_the_page_names_the_bad_field(client_as, agencies, directive, at):
    at(date(2021, 6, 15))
    r = client_as("steering").post(
        "/nhiem-vu/giao/",
        {
            "directive": directive.pk,
            "title": "Việc mới",
            "lead": agencies["STC"].pk,
            "recurrence": "once",
            "deadline": "2021-06-01",
        },
    )
    assert (
        r.status_code == 200
        and "Thời hạn 01/06/2021 trước ngày giao 15/06/2021" in r.content.decode()
    )
    assert not Task.objects.exists()
    r = client_as("steering").post(
        "/nhiem-vu/giao/",
        {
            "directive": directive.pk,
            "title": "Việc mới",
            "lead": agencies["STC"].pk,
            "recurrence": "once",
            "deadline": "2021-07-01",
        },
    )
    assert r.status_code == 302 and Task.objects.get().assigner.username == "vanphong"


@pytest.mark.parametrize(
    "persona,status", [("specialist", 403), ("outsider", 403), ("viewer", 403), ("steering", 200)]
)
def test_only_assigners_open_the_assign_page(client_as, persona, status, agencies):
    assert client_as(persona).get("/nhiem-vu/giao/").status_code == status


def test_the_scoreboard_sorts_and_the_home_panel_counts(tasks, client_as):
    c = client_as("steering")
    r = c.get(
        "/nhiem-vu/bang-xep-hang/",
        {"start": "01/01/2021", "end": "31/12/2021", "sort": "overdue", "dir": "desc"},
    )
    assert r.status_code == 200 and "50,0%" in r.content.decode()
    body = c.get("/").content.decode()
    assert "Chưa hoàn thành, quá hạn" in body


def test_notifications_page_lists_and_marks_read(tasks, client_as, people):
    client_as("specialist").post(f"/nhiem-vu/{tasks[0].pk}/thao-tac/report/", {"text": "Xong"})
    c = client_as("steering")
    assert "Nhiệm vụ chờ xác nhận" in c.get("/nhiem-vu/thong-bao/").content.decode()
    c.post("/nhiem-vu/thong-bao/")
    assert not people["steering"].notifications.filter(read_at__isnull=True).exists()


def test_the_assign_form_offers_plain_choices_and_marks_what_is_required(
    client_as, agencies, directive, at
):
    """Issue 14 item 7: no "---------", checkboxes instead of Ctrl+click lists, required
    fields marked "*" with a legend and aria-required."""
    at(date(2021, 6, 15))
    html = client_as("steering").get("/nhiem-vu/giao/").content.decode()
    assert "---------" not in html
    assert '<option value="" selected>— Chọn cơ quan chủ trì —</option>' in html
    assert '<option value="" selected>— Không gắn với văn bản nào —</option>' in html
    assert "<select" in html and "multiple" not in html
    assert html.count('type="checkbox" name="coordinators"') == len(agencies)
    assert "<legend><strong>Cơ quan phối hợp</strong></legend>" in html
    assert "(*) bắt buộc" in html
    assert '<input type="text" name="title" maxlength="500" aria-required="true" required' in html
    assert '<select name="lead" aria-required="true" required' in html
    assert '<select name="recurrence" aria-required="true"' in html  # always has a value
    assert html.count('<span class="req" aria-hidden="true">*</span>') == 3
    tag = html[html.index('name="product"') - 100 : html.index('name="product"') + 100]
    assert "aria-required" not in tag
    r = client_as("steering").post(
        "/nhiem-vu/giao/",
        {
            "directive": directive.pk,
            "title": "Việc mới",
            "lead": agencies["STC"].pk,
            "coordinators": [agencies["SVH"].pk, agencies["TU"].pk],
            "recurrence": "once",
            "deadline": "01/07/2021",
        },
    )
    assert r.status_code == 302
    assert {a.code for a in Task.objects.get().coordinators.all()} == {"SVHTTDL", "TU"}
