"""Reporting API: cycles, transitions, documents; errors in the shared shape."""

import io

from docx import Document

from theodoi.audit.models import AuditEntry
from theodoi.reporting import services
from theodoi.targets.models import DataValue, ValueLock


def test_list_cycles_with_counts(api_as, cycle):
    response = api_as("viewer").get("/api/v1/reporting/cycles")
    assert response.status_code == 200
    [c] = response.json()
    assert c["period"] == "2021S1" and c["period_label"] == "6 tháng đầu năm 2021"
    assert c["deadline"] == "2021-06-17" and c["total"] == 2 and c["accepted"] == 0


def test_cycle_detail_hides_other_agencies_drafts(api_as, submitted):
    outsider = api_as("outsider").get(f"/api/v1/reporting/cycles/{submitted.cycle_id}").json()
    assert [s["agency"] for s in outsider["submissions"]] == ["SVHTTDL"]
    steering = api_as("steering").get(f"/api/v1/reporting/cycles/{submitted.cycle_id}").json()
    assert {s["agency"]: s["state"] for s in steering["submissions"]} == {
        "STC": "submitted",
        "SVHTTDL": None,
    }


def test_accept_through_the_api_locks_values(api_as, submitted):
    url = f"/api/v1/reporting/cycles/{submitted.cycle_id}/submissions/STC/accept"
    assert api_as("leader").post(url).status_code == 403
    response = api_as("steering").post(url)
    assert response.status_code == 200 and response.json()["state"] == "accepted"
    assert ValueLock.objects.filter(agency__code="STC", period_id="2021S1").exists()
    assert AuditEntry.objects.filter(action="reporting.submission.accepted").count() == 1
    again = api_as("steering").post(url)
    assert (
        again.status_code == 400 and "Chỉ tiếp nhận được báo cáo đã gửi" in again.json()["detail"]
    )


def test_return_needs_a_reason(api_as, submitted):
    url = f"/api/v1/reporting/cycles/{submitted.cycle_id}/submissions/STC/return"
    response = api_as("steering").post(url, {"reason": ""})
    assert response.status_code == 400
    assert response.json()["errors"] == [{"field": "reason", "message": response.json()["detail"]}]
    assert api_as("steering").post(url, {"reason": "Thiếu số liệu"}).json()["state"] == "returned"


def test_sign_off_and_submit_through_the_api(api_as, cycle, people, agencies):
    sub = services.start_submission(people["specialist"], cycle, agencies["STC"])
    base = f"/api/v1/reporting/cycles/{cycle.pk}/submissions/STC/"
    missing = api_as("leader").post(base + "sign-off")
    assert missing.status_code == 400 and "Chưa viết các mục bắt buộc" in missing.json()["detail"]
    assert [e["field"] for e in missing.json()["errors"]] == [
        "sections.ket-qua",
        "sections.kho-khan",
    ]
    services.save_submission(people["specialist"], sub, sections={"ket-qua": "A", "kho-khan": "B"})
    assert api_as("outsider").post(base + "sign-off").status_code == 403
    assert api_as("leader").post(base + "sign-off").json()["state"] == "signed_off"
    assert api_as("specialist").post(base + "submit").json()["state"] == "submitted"


def test_documents_download(api_as, submitted, people):
    services.accept(people["steering"], submitted)
    services.draft_province_report(people["steering"], submitted.cycle)
    response = api_as("viewer").get(f"/api/v1/reporting/cycles/{submitted.cycle_id}/report.docx")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('bao-cao-tong-hop-2021S1.docx"')
    doc = Document(io.BytesIO(response.content))
    assert "BÁO CÁO" in [p.text for p in doc.paragraphs]
    xlsx = api_as("viewer").get(f"/api/v1/reporting/cycles/{submitted.cycle_id}/appendix.xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    own = api_as("specialist").get(
        f"/api/v1/reporting/cycles/{submitted.cycle_id}/submissions/STC/report.docx"
    )
    assert own.status_code == 200
    header = Document(io.BytesIO(own.content)).tables[0]
    assert [p.text for p in header.rows[0].cells[0].paragraphs][:2] == [
        "UBND TỈNH LÂM ĐỒNG",
        "SỞ TÀI CHÍNH",
    ]
    assert header.rows[1].cells[0].paragraphs[0].text == "Số:       /BC-STC"
    assert header.rows[1].cells[1].paragraphs[0].text == "Lâm Đồng, ngày 15 tháng 6 năm 2021"


def test_nobody_gets_nothing(api_as, cycle):
    assert api_as("nobody").get("/api/v1/reporting/cycles").status_code == 403


def test_an_agency_saves_its_draft_through_the_api(api_as, cycle):
    url = f"/api/v1/reporting/cycles/{cycle.pk}/submissions/STC"
    bad = api_as("specialist").post(
        url, {"sections": {"ket-qua": "A"}, "values": [{"indicator": "THU_NSNN", "value": "x"}]}
    )
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "value"
    assert api_as("outsider").post(url, {"sections": {"ket-qua": "A"}}).status_code == 403
    ok = api_as("specialist").post(
        url,
        {
            "sections": {"ket-qua": "A", "kho-khan": "B"},
            "values": [{"indicator": "THU_NSNN", "value": "6265"}],
        },
    )
    assert ok.status_code == 200 and ok.json()["state"] == "draft"
    assert (
        DataValue.objects.get(indicator__code="THU_NSNN", period_id="2021S1").source
        == "báo cáo định kỳ"
    )


def test_reopen_through_the_api(api_as, submitted, people):
    services.accept(people["steering"], submitted)
    url = f"/api/v1/reporting/cycles/{submitted.cycle_id}/submissions/STC/reopen"
    assert api_as("leader").post(url, {"reason": "Sửa"}).status_code == 403
    assert api_as("steering").post(url, {"reason": ""}).status_code == 400
    assert api_as("steering").post(url, {"reason": "Số chính thức"}).json()["state"] == "returned"
    assert not ValueLock.objects.exists()
