"""The province report's wording (plain functions)."""

from decimal import Decimal

from theodoi.reporting.drafting import (
    TaskCounts,
    group_by_field,
    outline_text,
    parse_outline,
    report_title,
    task_paragraph,
)


def test_task_paragraph_counts_due_tasks_and_rates_done_over_due():
    c = TaskCounts(on_time=25, late=5, overdue=8, in_time=2, no_deadline=3)
    assert c.due == 40 and c.done_pct == Decimal(75)
    assert task_paragraph("6 tháng đầu năm 2021", c, [("Sở Xây dựng", 3), ("STC", 1)]) == (
        "6 tháng đầu năm 2021, các cơ quan, đơn vị có 40 nhiệm vụ đến hạn, đã hoàn thành 30 nhiệm "
        "vụ, đạt 75%; đúng hạn 25, trễ hạn 5, quá hạn chưa hoàn thành 8, đang thực hiện trong hạn "
        "2; ngoài ra có 3 nhiệm vụ thực hiện thường xuyên. Các cơ quan còn nhiệm vụ quá hạn: Sở "
        "Xây dựng (3), STC (1)."
    )


def test_task_paragraph_rounds_half_up_and_handles_nothing_due():
    c = TaskCounts(on_time=1, late=0, overdue=2, in_time=0, no_deadline=0)
    assert "đạt 33,3%" in task_paragraph("Quý II/2021", c, [])
    assert task_paragraph("Quý II/2021", TaskCounts(0, 0, 0, 0, 1), []) == (
        "Quý II/2021, không có nhiệm vụ nào đến hạn; ngoài ra có 1 nhiệm vụ thực hiện thường xuyên."
    )


def test_grouping_keeps_template_order_and_drops_empty_sentences():
    assert group_by_field(
        [("Ngân sách", "A."), ("Du lịch", "B."), ("Ngân sách", "C."), ("Du lịch", "")]
    ) == [("Ngân sách", ["A.", "C."]), ("Du lịch", ["B."])]


def test_report_title():
    assert report_title("Báo cáo tình hình kinh tế - xã hội", "6 tháng đầu năm 2021") == (
        "Tình hình kinh tế - xã hội 6 tháng đầu năm 2021"
    )
    assert (
        report_title("Công tác cải cách hành chính", "Quý II/2021")
        == "Công tác cải cách hành chính Quý II/2021"
    )


def test_outline_is_typed_one_section_a_line():
    outline = parse_outline(
        "* 1. Kết quả thực hiện\n\n2. Đề xuất, kiến nghị\n* 3. Kết quả thực hiện"
    )
    assert outline == [
        {"key": "1-ket-qua-thuc-hien", "heading": "1. Kết quả thực hiện", "required": True},
        {"key": "2-de-xuat-kien-nghi", "heading": "2. Đề xuất, kiến nghị", "required": False},
        {"key": "3-ket-qua-thuc-hien", "heading": "3. Kết quả thực hiện", "required": True},
    ]
    assert (
        outline_text(outline)
        == "* 1. Kết quả thực hiện\n2. Đề xuất, kiến nghị\n* 3. Kết quả thực hiện"
    )
    # Editing a heading in place keeps its key, so the texts already written stay attached.
    edited = parse_outline(
        "* 1. Kết quả nổi bật\n2. Đề xuất, kiến nghị\n3. Kết quả thực hiện", outline
    )
    assert [s["key"] for s in edited] == [
        "1-ket-qua-thuc-hien",
        "2-de-xuat-kien-nghi",
        "3-ket-qua-thuc-hien",
    ]
    assert edited[2]["required"] is False
