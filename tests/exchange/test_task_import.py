from datetime import date, datetime

import pytest

from tests.exchange.helpers import cp1258, xlsx
from theodoi.audit.models import AuditEntry
from theodoi.core.errors import DomainError, NotAllowed
from theodoi.exchange import services
from theodoi.exchange.models import Upload
from theodoi.exchange.readers import FileRejected
from theodoi.org.models import Agency, AgencyKind
from theodoi.tasks import services as task_services
from theodoi.tasks.models import Recurrence, Task

pytestmark = pytest.mark.usefixtures("june_2021", "media")

HEADER = ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn", "Sản phẩm"]


def plan(*rows, merged=()):
    return xlsx(
        [
            ["PHỤ LỤC: DANH MỤC NHIỆM VỤ"],
            ["(Kèm theo Kế hoạch số 112/KH-UBND)"],
            HEADER,
            ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"],
            *rows,
        ],
        title="Phụ lục",
        merged=merged,
    )


GOOD = plan(
    ["I", "LĨNH VỰC TÀI CHÍNH, NGÂN SÁCH"],
    [
        1,
        "Tăng cường quản lý thu ngân sách, chống thất thu",
        "Sở Tài chính",
        "Tỉnh ủy; Văn phòng UBND tỉnh",
        "Quý III/2021",
        "Báo cáo UBND tỉnh",
    ],
    [
        2,
        "Rà soát các chỉ tiêu du lịch",
        "so van hoa, the thao va du lich",
        "STC, các sở, ngành liên quan",
        "Thường xuyên",
        "",
    ],
    [3, "Tổng kết công tác thu", "STC", "", "Trước 15/12/2021", "Báo cáo"],
    [4, "Báo cáo tình hình thực hiện", "SVHTTDL", "", "Hằng năm, trước ngày 15/12", "Báo cáo"],
)


def test_the_preview_reads_the_plan_and_writes_nothing(people):
    preview = services.preview_task_import(people["steering"], GOOD, "phu-luc.xlsx")
    assert preview.can_commit and not preview.errors and preview.summary["tasks"] == 4
    rows = [r for r in preview.rows if r["status"] != "skip"]
    assert rows[0]["row"] == 6 and rows[0]["lead"]["code"] == "STC"
    assert [c["code"] for c in rows[0]["coordinators"]] == ["TU", "VP-UBND"]
    assert rows[0]["deadline"] == "2021-09-30"
    assert rows[1]["lead"]["code"] == "SVHTTDL" and rows[1]["recurrence"] == Recurrence.CONTINUOUS
    assert [c["code"] for c in rows[1]["coordinators"]] == ["STC"]
    assert any("các sở, ngành liên quan" in str(n) for n in preview.notices)
    assert rows[2]["deadline"] == "2021-12-15"
    assert Task.objects.count() == 0 and Upload.objects.get().kind == "tasks"


def test_confirming_creates_every_task_under_the_directive_in_one_go(people, directive):
    preview = services.preview_task_import(people["steering"], GOOD, "phu-luc.xlsx")
    tasks = services.import_tasks(people["steering"], preview.token, directive)
    assert len(tasks) == 4 and Task.objects.filter(directive=directive).count() == 4
    t = Task.objects.get(title="Tăng cường quản lý thu ngân sách, chống thất thu")
    assert (
        t.lead.code == "STC"
        and t.deadline == date(2021, 9, 30)
        and t.product == "Báo cáo UBND tỉnh"
    )
    assert sorted(a.code for a in t.coordinators.all()) == ["TU", "VP-UBND"]
    yearly = Task.objects.get(title="Báo cáo tình hình thực hiện")
    assert yearly.recurrence == Recurrence.YEARLY and yearly.deadline == date(2021, 12, 15)
    entry = AuditEntry.objects.get(action="exchange.upload.committed")
    assert entry.data == {
        "kind": "tasks",
        "file": "phu-luc.xlsx",
        "tasks": 4,
        "directive": "112/KH-UBND",
    }
    assert AuditEntry.objects.filter(action="tasks.task.assigned").count() == 4
    with pytest.raises(DomainError, match="đã được ghi"):
        services.import_tasks(people["steering"], preview.token, directive)


def test_an_unknown_agency_names_its_cell_and_nothing_is_created(people, directive):
    data = plan(
        [1, "Việc một", "Sở Tài chính", "", "Quý III/2021", ""],
        [2, "Việc hai", "Sở Ngoại vụ", "", "Tháng 13/2021", ""],
    )
    preview = services.preview_task_import(people["steering"], data, "p.xlsx")
    assert not preview.can_commit
    messages = [str(e) for e in preview.errors]
    assert messages == [
        "Trang “Phụ lục”, dòng 6, cột C: không tìm thấy cơ quan “Sở Ngoại vụ” (ghi tên đầy đủ "
        "hoặc tên viết tắt của cơ quan).",
        "Trang “Phụ lục”, dòng 6, cột E: thời hạn “Tháng 13/2021” không có trên lịch.",
    ]
    with pytest.raises(DomainError) as exc:
        services.import_tasks(people["steering"], preview.token, directive)
    assert "dòng 6, cột C" in exc.value.message and exc.value.errors[0]["cell"] == "C6"
    assert (
        Task.objects.count() == 0
        and not AuditEntry.objects.filter(action__startswith="tasks.").exists()
    )


def test_an_ambiguous_agency_is_asked_and_the_answer_is_used(people, directive, agencies, province):
    Agency.objects.create(
        code="STC-2",
        name="Sở Tài chính (cũ)",
        short_name="STC",
        kind=AgencyKind.DEPARTMENT,
        unit=province,
    )
    data = plan(
        [1, "Việc một", "STC", "", "Quý III/2021", ""],
        [2, "Việc hai", "stc", "", "Quý IV/2021", ""],
    )
    preview = services.preview_task_import(people["steering"], data, "p.xlsx")
    [question] = preview.questions
    assert question.key == "stc" and {c for c, _n in question.candidates} == {"STC", "STC-2"}
    assert question.cells == ["Trang “Phụ lục”, dòng 5, cột C", "Trang “Phụ lục”, dòng 6, cột C"]
    with pytest.raises(DomainError, match="cần chọn"):
        services.import_tasks(people["steering"], preview.token, directive)
    tasks = services.import_tasks(
        people["steering"], preview.token, directive, choices={"stc": "STC"}
    )
    assert {t.lead.code for t in tasks} == {"STC"}


def test_cells_merged_down_several_rows_are_refused(people):
    data = plan(
        [1, "Việc một", "Sở Tài chính", "", "Quý III/2021", ""],
        [2, "Việc hai", None, "", "Quý IV/2021", ""],
        merged=["C5:C6"],
    )
    preview = services.preview_task_import(people["steering"], data, "p.xlsx")
    assert "Trang “Phụ lục”, dòng 5, cột C: ô gộp C5:C6 trải qua nhiều dòng" in str(
        preview.errors[0]
    )


def test_a_renamed_header_is_refused_naming_the_cell(people):
    data = xlsx(
        [["STT", "Nội dung nhiệm vụ", "Đơn vị làm", "Cơ quan phối hợp", "Thời hạn", "Sản phẩm"]],
        title="Phụ lục",
    )
    with pytest.raises(FileRejected, match="Trang “Phụ lục”, dòng 1, cột C: tiêu đề “Đơn vị làm”"):
        services.preview_task_import(people["steering"], data, "p.xlsx")
    assert Upload.objects.count() == 0


def test_a_deadline_already_past_is_refused_in_the_preview(people):
    data = plan(
        [1, "Việc", "Sở Tài chính", "", "15/06/2021", ""],
        [2, "Việc cũ", "STC", "", "01/06/2021", ""],
    )
    preview = services.preview_task_import(people["steering"], data, "p.xlsx")
    assert [str(e) for e in preview.errors] == [
        "Trang “Phụ lục”, dòng 6, cột E: thời hạn 01/06/2021 đã qua (nhiệm vụ được giao hôm nay, "
        "15/06/2021)."
    ]


def test_errors_found_by_the_tasks_service_are_placed_in_the_file(people, directive, monkeypatch):
    preview = services.preview_task_import(people["steering"], GOOD, "p.xlsx")
    real = task_services._clean_row

    def refuse_third(index, row, today, errors):  # a rule only the tasks area knows
        if index == 2:
            errors.append(
                {"index": index, "field": "lead", "message": "Cơ quan chủ trì đang tạm ngừng."}
            )
            return None
        return real(index, row, today, errors)

    monkeypatch.setattr(task_services, "_clean_row", refuse_third)
    with pytest.raises(DomainError) as exc:
        services.import_tasks(people["steering"], preview.token, directive)
    assert (
        exc.value.message == "Chưa ghi gì: Trang “Phụ lục”, dòng 8: Cơ quan chủ trì đang tạm ngừng."
    )
    assert exc.value.errors[0]["row"] == 8
    assert Task.objects.count() == 0


@pytest.mark.parametrize("persona", ["specialist", "viewer", "outsider", "nobody"])
def test_only_those_who_assign_tasks_may_import_them(people, persona):
    with pytest.raises(NotAllowed):
        services.preview_task_import(people[persona], GOOD, "p.xlsx")


def test_another_person_cannot_confirm_my_upload(people, directive):
    preview = services.preview_task_import(people["steering"], GOOD, "p.xlsx")
    with pytest.raises(NotAllowed):
        services.import_tasks(people["admin"], preview.token, directive)
    assert Task.objects.count() == 0


def test_deadlines_as_excel_dates_serials_and_text_are_read(people):
    data = plan(
        [1, "Việc một", "STC", "", datetime(2021, 12, 31), ""],
        [2, "Việc hai", "STC", "", 44561, ""],
        [3, "Việc ba", "STC", "", "31/12/2021", ""],
        [4, "Việc bốn", "STC", "", "44561", ""],
    )
    preview = services.preview_task_import(people["steering"], data, "p.xlsx")
    assert preview.can_commit, preview.errors
    assert {r["deadline"] for r in preview.rows if r["status"] == "ok"} == {"2021-12-31"}


def test_a_windows_1258_csv_plan_is_read(people):
    text = (
        "STT,Nội dung nhiệm vụ,Cơ quan chủ trì,Cơ quan phối hợp,Thời hạn,Sản phẩm\r\n"
        '1,Rà soát thu ngân sách,Sở Tài chính,"Sở Văn hóa, Thể thao và Du lịch",'
        "Quý IV/2021,Báo cáo\r\n"
    )
    preview = services.preview_task_import(people["steering"], cp1258(text), "ke-hoach.csv")
    [row] = preview.rows
    assert row["title"] == "Rà soát thu ngân sách" and row["lead"]["code"] == "STC"
    assert row["coordinators"] == [{"code": "SVHTTDL", "name": "Sở Văn hóa, Thể thao và Du lịch"}]
    bad = services.preview_task_import(
        people["steering"], cp1258(text.replace("Quý IV/2021", "sớm")), "ke-hoach.csv"
    )
    assert str(bad.errors[0]).startswith(
        "Tệp “ke-hoach.csv”, dòng 2, cột E: không hiểu thời hạn “sớm”"
    )
