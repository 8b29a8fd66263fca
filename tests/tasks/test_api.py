"""The task API calls the same services as the pages."""

from datetime import date

import pytest

from theodoi.audit.models import AuditEntry
from theodoi.tasks.models import State, Task


@pytest.fixture
def assigned(api_as, directive, agencies, at):
    at(date(2021, 6, 15))
    r = api_as("steering").post(
        "/api/v1/tasks",
        [
            {
                "directive_id": directive.pk,
                "title": "Báo cáo thu ngân sách 6 tháng",
                "lead": "STC",
                "coordinators": ["SVHTTDL"],
                "deadline": "2021-07-15",
                "product": "Báo cáo trình UBND tỉnh",
            }
        ],
    )
    assert r.status_code == 201, r.content
    return r.json()[0]


def test_create_returns_the_task_and_writes_the_audit_trail(assigned):
    assert (
        assigned["lead"] == "STC"
        and assigned["coordinators"] == ["SVHTTDL"]
        and assigned["status"] == "in_time"
    )
    assert assigned["percent"] == "0" and assigned["directive"] == "112/KH-UBND"
    assert AuditEntry.objects.get(action="tasks.task.assigned").actor.username == "vanphong"


def test_bad_rows_answer_400_with_each_row_and_field(api_as, directive, at):
    at(date(2021, 6, 15))
    r = api_as("steering").post(
        "/api/v1/tasks",
        [
            {"title": "Đúng", "lead": "STC", "deadline": "2021-09-30"},
            {"title": "Hạn sai", "lead": "STC", "deadline": "2021-01-01"},
        ],
    )
    assert r.status_code == 400
    assert r.json()["errors"] == [
        {
            "index": 1,
            "field": "deadline",
            "message": "Thời hạn 01/01/2021 trước ngày giao 15/06/2021.",
        }
    ]
    assert not Task.objects.exists()
    r = api_as("steering").post("/api/v1/tasks", [{"title": "Cơ quan lạ", "lead": "KHONGCO"}])
    assert r.status_code == 400 and r.json()["errors"][0]["field"] == "lead"


def test_a_specialist_cannot_assign(api_as, at):
    r = api_as("specialist").post("/api/v1/tasks", [{"title": "x", "lead": "STC"}])
    assert r.status_code == 403 and not Task.objects.exists()


def test_progress_report_and_confirm_through_the_api(assigned, api_as, at):
    pk = assigned["id"]
    at(date(2021, 7, 1))
    r = api_as("specialist").post(
        f"/api/v1/tasks/{pk}/progress", {"text": "Đã tổng hợp", "percent": "60"}
    )
    assert (
        r.status_code == 201 and r.json()["percent"] == "60" and r.json()["state"] == "in_progress"
    )
    r = api_as("specialist").post(f"/api/v1/tasks/{pk}/progress", {"text": "Quá", "percent": "120"})
    assert r.status_code == 400 and r.json()["errors"][0]["field"] == "percent"
    at(date(2021, 7, 15))
    assert (
        api_as("specialist")
        .post(f"/api/v1/tasks/{pk}/actions/report-done", {"text": "Xong"})
        .json()["state"]
        == "reported"
    )
    assert api_as("leader").post(f"/api/v1/tasks/{pk}/actions/confirm", {}).status_code == 403
    at(date(2021, 7, 30))
    body = api_as("steering").post(f"/api/v1/tasks/{pk}/actions/confirm", {"note": "Đạt"}).json()
    assert (
        body["state"] == "done"
        and body["status"] == "done_on_time"
        and body["reported_on"] == "2021-07-15"
    )
    listed = api_as("steering").get("/api/v1/tasks", status="done_on_time").json()
    assert [t["id"] for t in listed] == [pk]


def test_extensions_through_the_api(assigned, api_as, at):
    pk = assigned["id"]
    at(date(2021, 7, 10))
    r = api_as("leader").post(
        f"/api/v1/tasks/{pk}/extensions",
        {"proposed_deadline": "2021-07-31", "reason": "Chờ số liệu"},
    )
    assert r.status_code == 201
    ext = r.json()["id"]
    assert (
        api_as("outsider").post(f"/api/v1/extensions/{ext}/decision", {"approve": True}).status_code
        == 403
    )
    r = api_as("steering").post(f"/api/v1/extensions/{ext}/decision", {"approve": True})
    assert r.json()["decision"] == "approved"
    task = api_as("steering").get(f"/api/v1/tasks/{pk}").json()
    assert task["deadline"] == "2021-07-31" and task["original_deadline"] == "2021-07-15"
    at(date(2021, 8, 1))
    r = api_as("leader").post(
        f"/api/v1/tasks/{pk}/extensions", {"proposed_deadline": "2021-08-31", "reason": "Muộn"}
    )
    assert r.status_code == 400 and r.json()["errors"][0]["field"] == "proposed_deadline"


def test_patch_edits_and_refuses_a_deadline_change(assigned, api_as):
    pk = assigned["id"]
    r = api_as("steering").patch(
        f"/api/v1/tasks/{pk}", {"title": "Báo cáo thu, chi ngân sách 6 tháng", "coordinators": []}
    )
    assert (
        r.status_code == 200
        and r.json()["coordinators"] == []
        and r.json()["title"].startswith("Báo cáo thu, chi")
    )
    assert api_as("specialist").patch(f"/api/v1/tasks/{pk}", {"title": "x"}).status_code == 403
    assert Task.objects.get(pk=pk).state == State.ASSIGNED


def test_scoreboard_api_uses_plain_decimal_strings(assigned, api_as, at):
    at(date(2021, 8, 1))
    rows = api_as("steering").get("/api/v1/scoreboard", start="2021-01-01", end="2021-12-31").json()
    assert rows == [
        {
            "agency": "STC",
            "agency_name": "Sở Tài chính",
            "done_on_time": 0,
            "done_late": 0,
            "in_time": 0,
            "overdue": 1,
            "no_deadline": 0,
            "total": 1,
            "done": 0,
            "completion_rate": "0",
            "overdue_rate": "100",
            "days_overdue": 17,
            "as_of": "2021-08-01",
        }
    ]
