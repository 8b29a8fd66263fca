"""The exports of the task pages, on the one exporter mechanism (core.exporters).

The task list uses the task-import headers, so an export can be re-imported as a plan.
"""

from django.utils.translation import gettext_lazy as _

from theodoi.core.exporters import DATE, NUMBER, PERCENT, Column, Exporter
from theodoi.tasks import status as st


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
    def columns(self):  # type: ignore[override]  # Exporter allows a property (docstring)
        # The first six headers are the task-import format (untranslated), so an export
        # made from the English pages re-imports as a plan.
        return [
            Column("STT", self._stt, NUMBER, width=6),
            Column("Nội dung nhiệm vụ", lambda r: r[0].title, width=60),
            Column("Cơ quan chủ trì", lambda r: r[0].lead.name, width=28),
            Column(
                "Cơ quan phối hợp",
                lambda r: "; ".join(a.name for a in r[0].coordinators.all()),
                width=30,
            ),
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
    def columns(self):  # type: ignore[override]  # Exporter allows a property (docstring)
        return [
            Column(
                _("Cơ quan chủ trì"), lambda r: r.agency.name if r.agency else _("Cộng"), width=36
            ),
            Column(_("Tổng số"), lambda r: r.total, NUMBER),
            *[Column(st.LABELS[c], lambda r, c=c: r.counts[c], NUMBER) for c in st.CLASSES],
            Column(_("Tỷ lệ hoàn thành"), lambda r: r.completion_rate, PERCENT),
            Column(_("Tỷ lệ quá hạn"), lambda r: r.overdue_rate, PERCENT),
            Column(_("Tổng số ngày quá hạn"), lambda r: r.days_overdue, NUMBER),
        ]
