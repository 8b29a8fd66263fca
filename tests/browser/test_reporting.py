"""One agency's report from draft to accepted in a real browser, then the province's report
downloaded: vanphong opens the cycle; chuyenvien.stc drafts; lanhdao.stc signs off and
sends; vanphong accepts and drafts the province's report. Screenshots under
test-artifacts/reporting-*.png."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from docx import Document
from playwright.sync_api import expect

from theodoi.audit.trail import entries_for
from theodoi.demo.org import DEMO_PASSWORD
from theodoi.reporting.models import ReportingRegime, Submission
from theodoi.targets.models import DataValue, ValueLock

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def logout(page):
    page.click("button:has-text('Đăng xuất')")
    page.wait_for_load_state("networkidle")


def test_draft_sign_off_submit_accept_and_download(page, login, shot):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    # Next year's first half: its deadline lies ahead whenever the test runs.
    year = timezone.localdate().year + 1
    period_label = f"6 tháng đầu năm {year}"

    # 1. The steering office opens the cycle.
    login("vanphong", DEMO_PASSWORD)
    page.goto(page.base + "/bao-cao/che-do/")
    regime = ReportingRegime.objects.get(code="ktxh-6-thang")  # the province's, not the communes'
    page.click(f"a[href='{reverse('reporting:regime_edit', args=[regime.pk])}']")
    assert page.input_value("#id_deadline_day") == "3"
    shot(page, "reporting-0-regime-form")
    page.goto(page.base + "/bao-cao/")
    page.select_option("#id_regime", label="Báo cáo tình hình kinh tế - xã hội (6 tháng)")
    page.select_option("select[name=period]", label=period_label)  # a choice, not a code
    page.click("button:has-text('Mở kỳ')")
    page.wait_for_load_state("networkidle")
    expect(page.locator(".messages")).to_contain_text("Đã mở kỳ báo cáo.")
    expect(page.locator("h1")).to_contain_text(period_label)
    cycle_url = page.url
    shot(page, "reporting-1-cycle-opened")
    logout(page)

    # 2. The STC specialist drafts: the outline's sections and the template's figure.
    login("chuyenvien.stc", DEMO_PASSWORD)
    page.goto(cycle_url)
    page.click("#board a:has-text('Sở Tài chính')")
    page.click("button:has-text('Lập báo cáo')")
    page.wait_for_load_state("networkidle")
    page.fill(
        "#section-ket-qua", "Thu ngân sách đạt tiến độ dự toán; chi ngân sách chặt chẽ, tiết kiệm."
    )
    page.fill("#section-han-che", "Một số khoản thu từ đất chưa đạt.")
    page.fill("#section-nhiem-vu", "Đôn đốc thu nợ đọng thuế.")
    # Close to the same half of last year (the demo's 2026 figure), so no note is needed.
    page.fill("input[name=value-THU_NSNN]", "17.500")
    page.click("#save")
    page.wait_for_load_state("networkidle")
    expect(page.locator(".messages")).to_contain_text("Đã lưu dự thảo.")
    assert page.input_value("input[name=value-THU_NSNN]") == "17.500"
    assert page.locator("#sign-off").count() == 0  # a specialist does not sign off
    shot(page, "reporting-2-draft")
    submission_url = page.url
    logout(page)

    # 3. The STC leader signs off and sends.
    login("lanhdao.stc", DEMO_PASSWORD)
    page.goto(submission_url)
    page.click("#sign-off")
    page.wait_for_load_state("networkidle")
    expect(page.locator(".messages")).to_contain_text("Đã duyệt báo cáo.")
    page.click("#submit")
    page.wait_for_load_state("networkidle")
    expect(page.locator(".messages")).to_contain_text("Đã gửi báo cáo tới Văn phòng UBND tỉnh.")
    expect(page.locator("#state")).to_have_text("Đã gửi")
    shot(page, "reporting-3-submitted")
    logout(page)

    # 4. The steering office sees it on the board, accepts it, and the figures lock.
    login("vanphong", DEMO_PASSWORD)
    page.goto(cycle_url)
    row = page.locator("#board tr[data-agency=STC]")
    expect(row).to_contain_text("Đã gửi")
    expect(row).to_contain_text("Đúng hạn")
    shot(page, "reporting-4-board")
    row.locator("a").click()
    page.click("#accept")
    page.wait_for_load_state("networkidle")
    expect(page.locator("#state")).to_have_text("Đã tiếp nhận")
    history = page.inner_text(".history")
    for step in [
        "lập dự thảo",
        "lưu dự thảo",
        "lãnh đạo duyệt",
        "gửi báo cáo",
        "tiếp nhận, khóa số liệu",
    ]:
        assert step in history
    shot(page, "reporting-5-accepted")
    sub = Submission.objects.get(cycle__period_id=f"{year}S1", agency__code="STC")
    assert sub.state == "accepted" and sub.signed_off_by.username == "lanhdao.stc"
    assert ValueLock.objects.filter(agency__code="STC", period_id=f"{year}S1").exists()
    assert (
        DataValue.objects.get(
            indicator__code="THU_NSNN", period_id=f"{year}S1", is_latest=True
        ).value
        == 17500
    )
    assert [(e.action, e.actor.username) for e in entries_for(sub)] == [
        ("reporting.submission.created", "chuyenvien.stc"),
        ("reporting.submission.saved", "chuyenvien.stc"),
        ("reporting.submission.signed_off", "lanhdao.stc"),
        ("reporting.submission.submitted", "lanhdao.stc"),
        ("reporting.submission.accepted", "vanphong"),
    ]

    # 5. The province's report: drafted from the accepted report, shown as a page, downloaded.
    page.goto(cycle_url + "tong-hop/")
    page.click("#redraft")
    page.wait_for_load_state("networkidle")
    sentence = f"Thu ngân sách nhà nước {period_label} ước đạt 17.500 tỷ đồng"
    expect(page.locator("#official")).to_contain_text(sentence)
    shot(page, "reporting-6-province-report")
    page.emulate_media(media="print")
    shot(page, "reporting-7-print")
    page.emulate_media(media="screen")
    with page.expect_download() as info:
        page.click("#download-docx")
    download = info.value
    assert download.suggested_filename == f"bao-cao-tong-hop-{year}S1.docx"
    doc = Document(io.BytesIO(open(download.path(), "rb").read()))
    header = doc.tables[0]
    assert [p.text for p in header.rows[0].cells[1].paragraphs][:2] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    assert header.rows[1].cells[0].paragraphs[0].text == "Số:       /BC-UBND"
    assert any(sentence in p.text for p in doc.paragraphs)
