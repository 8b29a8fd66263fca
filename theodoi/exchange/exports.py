"""The exports of the list pages, each declared once on the one exporter mechanism.

A page's view builds the rows it shows (with its filters) and hands them to one of these;
`export_response` answers ?export=xlsx / ?export=csv. The columns follow what the page
shows; the task list uses the task-import headers, so an export can be re-imported as a plan.
"""
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from theodoi.exchange.exporters import DATE, NUMBER, PERCENT, Column, Exporter


def _local_date(dt):
    return timezone.localtime(dt).date() if dt else None


class IndicatorExporter(Exporter):
    """targets:index — rows are (Indicator, Metric | None)."""

    title = _("Chỉ tiêu")
    columns = [
        Column(_("Mã chỉ tiêu"), lambda r: r[0].code, width=16),
        Column(_("Chỉ tiêu"), lambda r: r[0].name, width=50),
        Column(_("Đơn vị tính"), lambda r: r[0].unit_of_measure),
        Column(_("Lĩnh vực"), lambda r: r[0].field),
        Column(_("Cơ quan chủ trì"), lambda r: r[0].lead_agency.name if r[0].lead_agency else "", width=28),
        Column(_("Kỳ"), lambda r: r[1].period.label if r[1] else ""),
        Column(_("Số liệu"), lambda r: r[1].value if r[1] else None, NUMBER),
        Column(_("Tình trạng số liệu"), lambda r: _status_label(r[1].status) if r[1] else ""),
        Column(_("Kế hoạch"), lambda r: r[1].plan if r[1] else None, NUMBER),
        Column(_("% kế hoạch"), lambda r: r[1].plan_pct if r[1] else None, PERCENT),
        Column(_("Cùng kỳ năm trước"), lambda r: r[1].previous if r[1] else None, NUMBER),
        Column(_("So cùng kỳ"), lambda r: r[1].yoy_pct if r[1] else None, PERCENT),
        Column(_("Tiến độ"), lambda r: r[1].pace_label if r[1] else ""),
    ]


def _status_label(status):
    from theodoi.targets.models import Status

    return str(Status(status).label) if status in Status.values else ""


class UnitValuesExporter(Exporter):
    """targets:detail — an indicator's values in one period: the unit, then its child units.
    Rows are (AdminUnit, Metric)."""

    title = _("Số liệu theo đơn vị")

    def __init__(self, rows, *, indicator, period):
        super().__init__(rows)
        self.columns = [
            Column(_("Mã chỉ tiêu"), lambda r: indicator.code),
            Column(_("Chỉ tiêu"), lambda r: indicator.name, width=40),
            Column(_("Kỳ"), lambda r: period.label),
            Column(_("Mã đơn vị hành chính"), lambda r: r[0].code),
            Column(_("Đơn vị hành chính"), lambda r: r[0].name, width=28),
            Column(_("Số liệu") + f" ({indicator.unit_of_measure})", lambda r: r[1].value, NUMBER),
            Column(_("Tình trạng số liệu"), lambda r: _status_label(r[1].status)),
            Column(_("Kế hoạch"), lambda r: r[1].plan, NUMBER),
            Column(_("% kế hoạch"), lambda r: r[1].plan_pct, PERCENT),
            Column(_("Cùng kỳ năm trước"), lambda r: r[1].previous, NUMBER),
            Column(_("So cùng kỳ"), lambda r: r[1].yoy_pct, PERCENT),
            Column(_("Nguồn"), lambda r: r[1].source_label),
        ]


class TaskExporter(Exporter):
    """tasks:index — rows are (Task, Status)."""

    title = _("Nhiệm vụ")

    def __init__(self, rows, **kw):
        super().__init__(rows, **kw)
        self._n = 0

    def _stt(self, _row):
        self._n += 1
        return self._n

    @property
    def columns(self):
        # The first six headers are the task-import format (untranslated), so an export
        # made from the English pages re-imports as a plan.
        return [
            Column("STT", self._stt, NUMBER, width=6),
            Column("Nội dung nhiệm vụ", lambda r: r[0].title, width=60),
            Column("Cơ quan chủ trì", lambda r: r[0].lead.name, width=28),
            Column("Cơ quan phối hợp", lambda r: "; ".join(a.name for a in r[0].coordinators.all()), width=30),
            Column("Thời hạn", lambda r: r[0].deadline_label, width=18),
            Column("Sản phẩm", lambda r: r[0].product, width=25),
            Column(_("Văn bản giao"), lambda r: r[0].directive.number if r[0].directive else ""),
            Column(_("Ngày giao"), lambda r: r[0].assigned_on, DATE),
            Column(_("Hạn hiện tại"), lambda r: r[0].deadline, DATE),
            Column(_("Hạn ban đầu"), lambda r: r[0].original_deadline, DATE),
            Column(_("Tình trạng"), lambda r: r[0].get_state_display()),
            Column(_("Phân loại"), lambda r: r[1].label),
            Column(_("Số ngày quá hạn"), lambda r: r[1].days_overdue or None, NUMBER),
            Column(_("Phần trăm hoàn thành"), lambda r: r[0].percent, PERCENT),
        ]


class ScoreboardExporter(Exporter):
    """tasks:scoreboard — rows are scoreboard Rows; the province total comes last."""

    title = _("Bảng xếp hạng")

    def __init__(self, rows, total, **kw):
        super().__init__(list(rows) + [total], **kw)

    @property
    def columns(self):
        from theodoi.tasks import status as st

        return [
            Column(_("Cơ quan chủ trì"), lambda r: r.agency.name if r.agency else _("Cộng"), width=36),
            Column(_("Tổng số"), lambda r: r.total, NUMBER),
            *[Column(st.LABELS[c], (lambda c: lambda r: r.counts[c])(c), NUMBER) for c in st.CLASSES],
            Column(_("Tỷ lệ hoàn thành"), lambda r: r.completion_rate, PERCENT),
            Column(_("Tỷ lệ quá hạn"), lambda r: r.overdue_rate, PERCENT),
            Column(_("Tổng số ngày quá hạn"), lambda r: r.days_overdue, NUMBER),
        ]


class CycleBoardExporter(Exporter):
    """reporting:cycle — rows are BoardRows of one reporting cycle."""

    title = _("Tình hình gửi báo cáo")
    columns = [
        Column(_("Mã cơ quan"), lambda r: r.agency.code),
        Column(_("Cơ quan"), lambda r: r.agency.name, width=40),
        Column(_("Trạng thái"), lambda r: r.state_label, width=18),
        Column(_("Thời hạn"), lambda r: r.timeliness.label, width=24),
        Column(_("Số ngày trễ"), lambda r: r.timeliness.days_late or None, NUMBER),
        Column(_("Ngày gửi lần đầu"), lambda r: _local_date(r.submission.first_submitted_at) if r.submission else None, DATE),
    ]
