"""Every action the audit trail records: one list, with the Vietnamese name people read.

`Action` is a `StrEnum`, so a member is also the dotted string stored in `AuditEntry.action`
("tasks.task.confirmed") and entries written before this list existed still compare equal.
`audit.trail.record()` refuses a name that is not here: a new state change adds its action
to this list (and its label below) in the same commit.
"""

from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Action(StrEnum):
    ORG_AGENCY_CREATED = "org.agency.created"
    ORG_UNITS_LOADED = "org.units.loaded"
    ORG_AGENCY_SUCCEEDED = "org.agency.succeeded"

    DIRECTIVE_CREATED = "directives.directive.created"
    DIRECTIVE_UPDATED = "directives.directive.updated"
    DIRECTIVE_FILE_ATTACHED = "directives.file.attached"
    MEETING_RECORDED = "directives.meeting.recorded"
    MEETING_CONCLUSIONS_ISSUED = "directives.meeting.conclusions_issued"

    INDICATOR_CREATED = "targets.indicator.created"
    INDICATOR_SYNONYM_ADDED = "targets.indicator.synonym_added"
    TARGET_SET = "targets.target.set"
    VALUE_RECORDED = "targets.datavalue.recorded"
    VALUE_REVISED = "targets.datavalue.revised"
    VALUES_LOCKED = "targets.values.locked"
    VALUES_UNLOCKED = "targets.values.unlocked"

    TASK_ASSIGNED = "tasks.task.assigned"
    TASK_UPDATED = "tasks.task.updated"
    TASK_STARTED = "tasks.task.started"
    TASK_PROGRESS = "tasks.task.progress"
    TASK_REPORTED_DONE = "tasks.task.reported_done"
    TASK_CONFIRMED = "tasks.task.confirmed"
    TASK_RETURNED = "tasks.task.returned"
    TASK_PAUSED = "tasks.task.paused"
    TASK_RESUMED = "tasks.task.resumed"
    TASK_CANCELLED = "tasks.task.cancelled"
    TASK_TRANSFERRED = "tasks.task.transferred"
    EXTENSION_REQUESTED = "tasks.extension.requested"
    EXTENSION_APPROVED = "tasks.extension.approved"
    EXTENSION_REFUSED = "tasks.extension.refused"

    REGIME_CREATED = "reporting.regime.created"
    REGIME_CHANGED = "reporting.regime.changed"
    OFFICEDAY_SAVED = "reporting.officeday.saved"
    OFFICEDAY_DELETED = "reporting.officeday.deleted"
    CYCLE_OPENED = "reporting.cycle.opened"
    CYCLE_CLOSED = "reporting.cycle.closed"
    CYCLE_REOPENED = "reporting.cycle.reopened"
    CYCLE_REMINDED = "reporting.cycle.reminded"
    SUBMISSION_CREATED = "reporting.submission.created"
    SUBMISSION_SAVED = "reporting.submission.saved"
    SUBMISSION_SIGNED_OFF = "reporting.submission.signed_off"
    SUBMISSION_SUBMITTED = "reporting.submission.submitted"
    SUBMISSION_RESUBMITTED = "reporting.submission.resubmitted"
    SUBMISSION_ACCEPTED = "reporting.submission.accepted"
    SUBMISSION_RETURNED = "reporting.submission.returned"
    SUBMISSION_REOPENED = "reporting.submission.reopened"
    REPORT_DRAFTED = "reporting.report.drafted"
    REPORT_EDITED = "reporting.report.edited"
    REPORT_ISSUED = "reporting.report.issued"

    UPLOAD_COMMITTED = "exchange.upload.committed"
    MAPPING_SAVED = "exchange.mapping.saved"
    MAPPING_DELETED = "exchange.mapping.deleted"

    NARRATIVE_RECEIVED = "narratives.report.received"
    NARRATIVE_COMMITTED = "narratives.report.committed"
    NARRATIVE_MATCHED = "narratives.statement.matched"

    JOB_STARTED = "jobs.job.started"
    JOB_ABANDONED = "jobs.job.abandoned"


_LABELS: dict[Action, Promise] = {
    Action.ORG_AGENCY_CREATED: _("Tạo cơ quan"),
    Action.ORG_UNITS_LOADED: _("Nạp danh mục đơn vị hành chính"),
    Action.ORG_AGENCY_SUCCEEDED: _("Ghi nhận cơ quan hợp nhất, chia tách, đổi tên"),
    Action.DIRECTIVE_CREATED: _("Tạo văn bản"),
    Action.DIRECTIVE_UPDATED: _("Sửa văn bản"),
    Action.DIRECTIVE_FILE_ATTACHED: _("Đính kèm tệp"),
    Action.MEETING_RECORDED: _("Ghi nhận cuộc họp"),
    Action.MEETING_CONCLUSIONS_ISSUED: _("Ban hành kết luận"),
    Action.INDICATOR_CREATED: _("Tạo chỉ tiêu"),
    Action.INDICATOR_SYNONYM_ADDED: _("Thêm tên gọi khác của chỉ tiêu"),
    Action.TARGET_SET: _("Đặt kế hoạch chỉ tiêu"),
    Action.VALUE_RECORDED: _("Nhập số liệu"),
    Action.VALUE_REVISED: _("Sửa số liệu"),
    Action.VALUES_LOCKED: _("Khóa số liệu"),
    Action.VALUES_UNLOCKED: _("Mở khóa số liệu"),
    Action.TASK_ASSIGNED: _("Giao nhiệm vụ"),
    Action.TASK_UPDATED: _("Sửa nhiệm vụ"),
    Action.TASK_STARTED: _("Bắt đầu thực hiện"),
    Action.TASK_PROGRESS: _("Cập nhật tiến độ"),
    Action.TASK_REPORTED_DONE: _("Báo cáo hoàn thành"),
    Action.TASK_CONFIRMED: _("Xác nhận hoàn thành"),
    Action.TASK_RETURNED: _("Trả lại, yêu cầu thực hiện lại"),
    Action.TASK_PAUSED: _("Tạm hoãn"),
    Action.TASK_RESUMED: _("Tiếp tục thực hiện"),
    Action.TASK_CANCELLED: _("Hủy nhiệm vụ"),
    Action.TASK_TRANSFERRED: _("Chuyển nhiệm vụ cho cơ quan kế thừa"),
    Action.EXTENSION_REQUESTED: _("Đề nghị gia hạn"),
    Action.EXTENSION_APPROVED: _("Đồng ý gia hạn"),
    Action.EXTENSION_REFUSED: _("Không đồng ý gia hạn"),
    Action.REGIME_CREATED: _("Tạo chế độ báo cáo"),
    Action.REGIME_CHANGED: _("Sửa chế độ báo cáo"),
    Action.OFFICEDAY_SAVED: _("Lưu ngày nghỉ, ngày làm bù"),
    Action.OFFICEDAY_DELETED: _("Xóa ngày nghỉ, ngày làm bù"),
    Action.CYCLE_OPENED: _("mở kỳ báo cáo"),
    Action.CYCLE_CLOSED: _("khóa sổ kỳ báo cáo"),
    Action.CYCLE_REOPENED: _("mở lại kỳ báo cáo"),
    Action.CYCLE_REMINDED: _("nhắc gửi báo cáo"),
    Action.SUBMISSION_CREATED: _("lập dự thảo"),
    Action.SUBMISSION_SAVED: _("lưu dự thảo"),
    Action.SUBMISSION_SIGNED_OFF: _("lãnh đạo duyệt"),
    Action.SUBMISSION_SUBMITTED: _("gửi báo cáo"),
    Action.SUBMISSION_RESUBMITTED: _("gửi lại báo cáo"),
    Action.SUBMISSION_ACCEPTED: _("tiếp nhận, khóa số liệu"),
    Action.SUBMISSION_RETURNED: _("trả lại"),
    Action.SUBMISSION_REOPENED: _("mở lại báo cáo đã tiếp nhận"),
    Action.REPORT_DRAFTED: _("soạn dự thảo tổng hợp"),
    Action.REPORT_EDITED: _("sửa nội dung"),
    Action.REPORT_ISSUED: _("ban hành"),
    Action.UPLOAD_COMMITTED: _("Nhập dữ liệu từ tệp"),
    Action.MAPPING_SAVED: _("Lưu ánh xạ mã DHIS2"),
    Action.MAPPING_DELETED: _("Xóa ánh xạ mã DHIS2"),
    Action.NARRATIVE_RECEIVED: _("Nhận báo cáo để đọc số liệu"),
    Action.NARRATIVE_COMMITTED: _("Ghi số liệu đọc từ báo cáo"),
    Action.NARRATIVE_MATCHED: _("Chọn chỉ tiêu cho số liệu đọc từ báo cáo"),
    Action.JOB_STARTED: _("Bắt đầu việc chạy nền"),
    Action.JOB_ABANDONED: _("Đánh dấu việc chạy nền bị dừng giữa chừng"),
}


def label(action: str) -> str:
    """The Vietnamese name of an action (the dotted name itself if it is not in the list,
    which only an entry written by an older version can be)."""
    try:
        return str(_LABELS[Action(action)])
    except ValueError:
        return action
