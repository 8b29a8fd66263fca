"""The exports of the indicator pages, on the one exporter mechanism (core.exporters).

The page's view builds the rows it shows (with its filters) and hands them to one of these;
`export_response` answers ?export=xlsx / ?export=csv. The columns follow what the page shows.
"""

from django.utils.translation import gettext_lazy as _

from theodoi.core.exporters import NUMBER, PERCENT, Column, Exporter
from theodoi.targets import boundaries as bounds
from theodoi.targets.models import Status


class IndicatorExporter(Exporter):
    """targets:index — rows are (Indicator, Metric | None)."""

    title = _("Chỉ tiêu")
    columns = [
        Column(_("Mã chỉ tiêu"), lambda r: r[0].code, width=16),
        Column(_("Chỉ tiêu"), lambda r: r[0].name, width=50),
        Column(_("Đơn vị tính"), lambda r: r[0].unit_of_measure),
        Column(_("Lĩnh vực"), lambda r: r[0].field),
        Column(
            _("Cơ quan chủ trì"),
            lambda r: r[0].lead_agency.name if r[0].lead_agency else "",
            width=28,
        ),
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
    return str(Status(status).label) if status in Status.values else ""


class UnitValuesExporter(Exporter):
    """targets:detail — an indicator's values in one period: the unit, then its child units.
    Rows are (AdminUnit, Metric), on the `boundaries` the page chose; a row converted to
    today's boundaries says so in its "Địa giới" column."""

    title = _("Số liệu theo đơn vị")

    def __init__(self, rows, *, indicator, period, boundaries="auto"):
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
            Column(_("Địa giới"), lambda r: bounds.row_line(boundaries, r[1]), width=40),
        ]
