"""The export of the reporting cycle page, on the one exporter mechanism (core.exporters)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from theodoi.core.exporters import DATE, NUMBER, Column, Exporter


def _local_date(dt):
    return timezone.localtime(dt).date() if dt else None


class CycleBoardExporter(Exporter):
    """reporting:cycle — rows are BoardRows of one reporting cycle."""

    title = _("Tình hình gửi báo cáo")
    columns = [
        Column(_("Mã cơ quan"), lambda r: r.agency.code),
        Column(_("Cơ quan"), lambda r: r.agency.name, width=40),
        Column(_("Trạng thái"), lambda r: r.state_label, width=18),
        Column(_("Thời hạn"), lambda r: r.timeliness.label, width=24),
        Column(_("Số ngày trễ"), lambda r: r.timeliness.days_late or None, NUMBER),
        Column(
            _("Ngày gửi lần đầu"),
            lambda r: _local_date(r.submission.first_submitted_at) if r.submission else None,
            DATE,
        ),
    ]
