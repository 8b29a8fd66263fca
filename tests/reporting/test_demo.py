"""The demo's half-year report: most agencies accepted, one late, one missing, and the
province's report whose budget and tourism sentences are the seed's."""

import io
from datetime import date

import pytest
from django.core.management import call_command
from docx import Document

from theodoi.reporting import assembly, drafting
from theodoi.reporting.documents.docx import build_docx
from theodoi.reporting.models import ProvinceReport, ReportingCycle
from theodoi.targets.models import ValueLock

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo", stdout=io.StringIO())
    return ReportingCycle.objects.get(regime__code="ktxh-6-thang", period_id="2021S1")


def test_the_half_year_cycle(demo):
    assert (demo.cutoff_start, demo.cutoff_end, demo.deadline) == (
        date(2020, 12, 15),
        date(2021, 6, 14),
        date(2021, 6, 17),
    )
    rows = assembly.board(demo, today=date(2021, 6, 25))
    states = {
        r.agency.code: (r.submission.state if r.submission else None, r.timeliness.state)
        for r in rows
    }
    assert rows[0].agency.code == "SXD" and states["SXD"] == (None, "missing")
    assert rows[1].agency.code == "SNN" and states["SNN"] == ("accepted", "late")
    assert rows[1].timeliness.days_late == 4
    assert states["SYT"] == ("submitted", "on_time")
    assert sum(1 for s, _t in states.values() if s == "accepted") == 10
    assert ValueLock.objects.filter(agency__code="STC", period_id="2021S1").exists()


def test_the_province_report_says_what_the_seed_says(demo):
    report = ProvinceReport.objects.get(cycle=demo)
    assert report.title == "Tình hình kinh tế - xã hội 6 tháng đầu năm 2021"
    text = " ".join(s["text"] for s in report.sections)
    assert (
        "Thu ngân sách nhà nước 6 tháng đầu năm 2021 ước đạt 6.265 tỷ đồng, bằng 67,4% dự toán, "
        "tăng 39,6% so với cùng kỳ năm 2020."
    ) in text
    assert (
        "Khách qua lưu trú 6 tháng đầu năm 2021 ước đạt 1,9 triệu lượt khách, bằng 47% kế hoạch, "
        "tăng 13% so với cùng kỳ năm 2020."
    ) in text
    assert "Chi ngân sách địa phương 6 tháng đầu năm 2021 ước đạt 7.663 tỷ đồng" in text
    assert "13 xã" in text
    headings = [s["heading"] for s in report.sections]
    assert headings[0] == "I. TÌNH HÌNH THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU"
    assert any(h.endswith("Tài chính - ngân sách") for h in headings) and any(
        h.endswith("Du lịch") for h in headings
    )
    assert any("KẾT QUẢ THỰC HIỆN NHIỆM VỤ ĐƯỢC GIAO" in h for h in headings)
    tasks = next(s["text"] for s in report.sections if "NHIỆM VỤ ĐƯỢC GIAO" in s["heading"])
    counts, laggards = assembly.task_counts(demo)
    assert (
        tasks == drafting.task_paragraph("6 tháng đầu năm 2021", counts, laggards)
        and "đến hạn" in tasks
    )
    doc = Document(io.BytesIO(build_docx(assembly.province_document(report))))
    assert doc.tables[0].rows[0].cells[0].paragraphs[0].text == "ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG"
    assert doc.tables[0].rows[1].cells[0].paragraphs[0].text == "Số:       /BC-UBND"
