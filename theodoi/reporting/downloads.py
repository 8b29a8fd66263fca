"""The documents as HTTP downloads, shared by the pages and the API."""

from django.http import HttpResponse
from django.utils.translation import gettext as _

from theodoi.reporting import assembly
from theodoi.reporting.documents.docx import build_docx
from theodoi.reporting.documents.xlsx import build_xlsx

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _file(data: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def province_docx(report) -> HttpResponse:
    return _file(
        build_docx(assembly.province_document(report)),
        DOCX,
        f"bao-cao-tong-hop-{report.cycle.period_id}.docx",
    )


def province_xlsx(cycle) -> HttpResponse:
    data = build_xlsx(
        _("Số liệu các chỉ tiêu chủ yếu"), cycle.period.label, assembly.figure_tables(cycle)
    )
    return _file(data, XLSX, f"phu-luc-so-lieu-{cycle.period_id}.xlsx")


def submission_docx(sub) -> HttpResponse:
    return _file(
        build_docx(assembly.submission_document(sub)),
        DOCX,
        f"bao-cao-{sub.agency.code}-{sub.cycle.period_id}.docx",
    )
