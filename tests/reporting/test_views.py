"""Reporting pages, as each persona sees them."""

import io
import re
from datetime import datetime

import time_machine
from docx import Document
from openpyxl import load_workbook

from theodoi.audit.models import AuditEntry
from theodoi.reporting import services
from theodoi.reporting.models import OfficeDay, ProvinceReport, Submission

from .conftest import at


def test_index_lists_cycles_and_offers_opening_to_the_office(client_as, cycle):
    page = client_as("steering").get("/bao-cao/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "6 tháng đầu năm 2021" in text and "17/06/2021" in text and "Mở kỳ" in text
    assert "Mở kỳ" not in client_as("specialist").get("/bao-cao/").content.decode()


def test_nobody_without_a_role_is_refused(client_as, cycle):
    assert client_as("nobody").get("/bao-cao/").status_code == 403
    assert client_as("nobody").get(f"/bao-cao/ky/{cycle.pk}/").status_code == 403


def test_opening_a_cycle_from_the_page(client_as, regime):
    c = client_as("steering")
    response = c.post("/bao-cao/mo-ky/", {"regime": regime.pk, "period": "2021S1"}, follow=True)
    assert "Đã mở kỳ báo cáo." in response.content.decode()
    response = c.post("/bao-cao/mo-ky/", {"regime": regime.pk, "period": "2021Q7"}, follow=True)
    assert "không hợp lệ" in response.content.decode()


def test_the_specialist_drafts_through_the_page(client_as, cycle):
    c = client_as("specialist")
    url = f"/bao-cao/ky/{cycle.pk}/STC/"
    assert "Lập báo cáo" in c.get(url).content.decode()
    c.post(url + "thao-tac/start/")
    response = c.post(
        url + "thao-tac/save/",
        {
            "section-ket-qua": "Đạt khá",
            "section-kho-khan": "Covid",
            "value-THU_NSNN": "6.265",
            "status-THU_NSNN": "estimate",
        },
        follow=True,
    )
    text = response.content.decode()
    assert "Đã lưu dự thảo." in text and 'value="6.265"' in text
    sub = Submission.objects.get()
    assert sub.sections["ket-qua"] == "Đạt khá"
    # A bad figure: the message names it and nothing is saved.
    response = c.post(
        url + "thao-tac/save/", {"section-ket-qua": "Khác", "value-THU_NSNN": "abc"}, follow=True
    )
    assert "không phải là số" in response.content.decode()
    sub.refresh_from_db()
    assert sub.sections["ket-qua"] == "Đạt khá"
    # The specialist sees no sign-off button and cannot sign off by posting.
    assert 'id="sign-off"' not in c.get(url).content.decode()
    response = c.post(url + "thao-tac/sign_off/", follow=True)
    assert "Chỉ lãnh đạo" in response.content.decode()


def test_the_outsider_sees_nothing_of_stcs_draft(client_as, cycle, people, agencies):
    services.start_submission(people["specialist"], cycle, agencies["STC"])
    c = client_as("outsider")
    assert c.get(f"/bao-cao/ky/{cycle.pk}/STC/").status_code == 403
    assert c.get(f"/bao-cao/ky/{cycle.pk}/STC/bao-cao.docx").status_code == 403
    assert (
        c.post(f"/bao-cao/ky/{cycle.pk}/STC/thao-tac/save/", {"section-ket-qua": "x"}).status_code
        == 403
    )
    board = c.get(f"/bao-cao/ky/{cycle.pk}/").content.decode()
    assert 'data-agency="STC"' not in board and 'data-agency="SVHTTDL"' in board


def test_the_office_accepts_and_the_board_and_history_show_it(client_as, submitted):
    c = client_as("steering")
    url = f"/bao-cao/ky/{submitted.cycle_id}/STC/"
    assert 'id="accept"' in c.get(url).content.decode()
    text = c.post(url + "thao-tac/accept/", follow=True).content.decode()
    assert (
        "Đã tiếp nhận báo cáo" in text
        and "tiếp nhận, khóa số liệu" in text
        and "lãnh đạo duyệt" in text
    )
    board = c.get(f"/bao-cao/ky/{submitted.cycle_id}/").content.decode()
    assert "Đã tiếp nhận" in board


def test_returning_needs_a_reason_on_the_page(client_as, submitted):
    c = client_as("steering")
    url = f"/bao-cao/ky/{submitted.cycle_id}/STC/thao-tac/return/"
    assert "Cần ghi lý do" in c.post(url, {"reason": ""}, follow=True).content.decode()
    c.post(url, {"reason": "Thiếu số liệu chi"})
    submitted.refresh_from_db()
    assert submitted.state == "returned"
    assert (
        "Thiếu số liệu chi"
        in client_as("specialist").get(f"/bao-cao/ky/{submitted.cycle_id}/STC/").content.decode()
    )


def test_reminder_button(client_as, cycle):
    c = client_as("steering")
    board = c.get(f"/bao-cao/ky/{cycle.pk}/").content.decode()
    assert "Nhắc gửi" in board
    text = c.post(
        f"/bao-cao/ky/{cycle.pk}/thao-tac/remind/", {"agency": "STC"}, follow=True
    ).content.decode()
    assert "Đã gửi nhắc nhở tới 2 người" in text
    text = c.post(
        f"/bao-cao/ky/{cycle.pk}/thao-tac/remind/", {"agency": "STC"}, follow=True
    ).content.decode()
    assert "không gửi lại" in text
    assert (
        client_as("leader")
        .post(f"/bao-cao/ky/{cycle.pk}/thao-tac/remind/", {"agency": "SVHTTDL"}, follow=True)
        .content.decode()
        .count("Chỉ văn phòng")
        == 1
    )


def test_province_report_draft_edit_issue_and_download(client_as, submitted, people, figures):
    services.accept(people["steering"], submitted)
    c = client_as("steering")
    base = f"/bao-cao/ky/{submitted.cycle_id}/tong-hop/"
    c.post(base + "thao-tac/draft/")
    rep = ProvinceReport.objects.get()
    page = c.get(base).content.decode()
    sentence = (
        "Thu ngân sách nhà nước 6 tháng đầu năm 2021 ước đạt 6.265 tỷ đồng, bằng 67,4% dự toán, "
        "tăng 39,6% so với cùng kỳ năm 2020."
    )
    assert sentence in page and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in page
    # The office edits the text before issuing.
    sections = rep.sections
    headings = [s["heading"] for s in sections] + [""]
    texts = [s["text"] for s in sections] + [""]
    texts[1] = texts[1] + " Chi ngân sách địa phương khoảng 7.663 tỷ đồng."
    c.post(base + "thao-tac/edit/", {"title": rep.title, "heading": headings, "text": texts})
    c.post(base + "thao-tac/issue/", {"number": "105", "issued_on": "15/06/2021"})
    rep.refresh_from_db()
    assert rep.state == "issued" and rep.number == "105"
    doc = Document(io.BytesIO(c.get(base + "bao-cao.docx").content))
    body = [p.text for p in doc.paragraphs]
    assert any(sentence in t and "7.663 tỷ đồng" in t for t in body)
    assert doc.tables[0].rows[1].cells[0].paragraphs[0].text == "Số: 105/BC-UBND"
    assert doc.tables[0].rows[1].cells[1].paragraphs[0].text == "Lâm Đồng, ngày 15 tháng 6 năm 2021"
    wb = load_workbook(io.BytesIO(c.get(base + "phu-luc.xlsx").content))
    assert wb.sheetnames == ["Ngân sách"]
    # Rounded half-up to the indicator's 0 decimals (4.487,8 → 4.488); percentages to one.
    assert [cell.value for cell in wb["Ngân sách"][5]][3:] == [9295, 6265, 67.4, 4488, 139.6]
    assert [
        e.action
        for e in AuditEntry.objects.filter(action__startswith="reporting.report.").order_by("id")
    ] == ["reporting.report.drafted", "reporting.report.edited", "reporting.report.issued"]
    # Issued: no more edits, by page or otherwise.
    text = c.post(
        base + "thao-tac/edit/", {"title": "X", "heading": ["A"], "text": ["B"]}, follow=True
    ).content.decode()
    assert "đã ban hành" in text


def test_only_the_office_drafts_the_province_report(client_as, cycle):
    response = client_as("leader").post(
        f"/bao-cao/ky/{cycle.pk}/tong-hop/thao-tac/draft/", follow=True
    )
    assert "Chỉ văn phòng theo dõi" in response.content.decode()
    assert not ProvinceReport.objects.exists()


def test_office_calendar_page(client_as):
    c = client_as("steering")
    text = c.get("/bao-cao/lich-lam-viec/?nam=2021").content.decode()
    assert "12/02/2021" in text and "Tết" in text
    c.post("/bao-cao/lich-lam-viec/", {"day": "16/06/2021", "kind": "day_off", "reason": "Nghỉ bù"})
    assert OfficeDay.objects.get().reason == "Nghỉ bù"
    client_as("leader").post(
        "/bao-cao/lich-lam-viec/", {"day": "17/06/2021", "kind": "day_off", "reason": "x"}
    )
    assert OfficeDay.objects.count() == 1


def test_regimes_page_shows_the_nd09_fields(client_as, regime):
    text = client_as("viewer").get("/bao-cao/che-do/").content.decode()
    for words in [
        "Nội dung yêu cầu",
        "Đối tượng thực hiện",
        "Cơ quan nhận",
        "Phương thức",
        "Tần suất",
        "Thời gian chốt số liệu",
        "3 ngày làm việc sau ngày chốt số liệu",
        "Khó khăn, vướng mắc",
        "Thu ngân sách nhà nước",
    ]:
        assert words in text


def test_home_panel(client_as, cycle):
    with time_machine.travel(at(2021, 6, 20), tick=False):
        text = client_as("steering").get("/").content.decode()
    assert "0/2 đã tiếp nhận" in text and "2 chưa gửi" in text


def test_the_office_calendar_lists_its_days_in_date_order(client_as):
    """Issue 14, item 7: holidays and make-up Saturdays in one list sorted by date."""
    html = client_as("viewer").get("/bao-cao/lich-lam-viec/?nam=2024").content.decode()
    section = html[html.index("Ngày lễ, Tết năm") :]
    days = [
        datetime.strptime(d, "%d/%m/%Y") for d in re.findall(r"<td>(\d\d/\d\d/\d{4})</td>", section)
    ]
    assert len(days) > 5 and days == sorted(days)
    assert "04/05/2024" in section  # the make-up Saturday, between 30/4-1/5 and 2/9
