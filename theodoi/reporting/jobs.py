"""The province report document as a job when its appendix is large (more indicators than
settings.REPORT_JOB_INDICATORS): the job builds the same .docx the download builds, stores it,
and the job's page offers it (jobs:download, to those who may see the job)."""

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task

from theodoi.jobs import progress
from theodoi.jobs.models import Job
from theodoi.jobs.services import Skip, running, start
from theodoi.reporting import assembly
from theodoi.reporting.documents.docx import build_docx
from theodoi.reporting.models import ProvinceReport
from theodoi.targets.models import Indicator


def should_queue() -> bool:
    return Indicator.objects.count() > settings.REPORT_JOB_INDICATORS


def start_province_docx(actor, report) -> tuple[Job, bool]:
    """The caller has checked that actor may read the report (the view's own check)."""
    return start(
        actor,
        build_province_docx,
        kind="reporting.province_docx",
        title=_("Báo cáo tổng hợp %(period)s (Word)") % {"period": report.cycle.period_id},
        params={"cycle": report.cycle_id},
        dedupe_key=f"report:{report.cycle_id}:{actor.pk}",
    )


@task()
def build_province_docx(job_id: int) -> None:
    try:
        with running(job_id) as job:
            progress.report(job.pk, 0, 2, _("Đang tổng hợp số liệu cho báo cáo…"))
            report = ProvinceReport.objects.select_related("cycle__regime__issuer").get(
                cycle_id=job.params["cycle"]
            )
            document = assembly.province_document(report)
            progress.report(job.pk, 1, 2, _("Đang tạo tệp Word…"))
            name = f"bao-cao-tong-hop-{report.cycle.period_id}.docx"
            path = default_storage.save(f"jobs/{job.pk}/{name}", ContentFile(build_docx(document)))
            job.result = {"file": path, "name": name}
            job.result_url = reverse("jobs:download", args=[job.pk])
    except Skip:
        return
