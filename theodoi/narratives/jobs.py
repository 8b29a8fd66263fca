"""Reading a scan (OCR) or a large file as a background job: the job reads the stored
report page by page ("Đang đọc trang 3/10"), keeps the text and the preview on the report,
and its result is that preview; the report's page shows the progress bar, then the preview.
The body runs outside a transaction (running(atomic=False)): OCR takes up to a minute and
only the report row is written, at the end."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task

from theodoi.jobs import progress
from theodoi.jobs.models import Job
from theodoi.jobs.services import Skip, running, start
from theodoi.narratives import services
from theodoi.narratives.models import ReceivedReport


def start_reading(actor, report: ReceivedReport) -> Job:
    job, _created = start(
        actor,
        read_report,
        kind="narratives.read",
        title=_("Đọc báo cáo %(name)s") % {"name": report.name},
        params={"report": report.pk},
        dedupe_key=f"narratives:read:{report.pk}",
    )
    ReceivedReport.objects.filter(pk=report.pk).update(job=job)
    report.job = job
    return job


@task()
def read_report(job_id: int) -> None:
    report = None
    try:
        with running(job_id, atomic=False) as job:
            report = ReceivedReport.objects.select_related("uploaded_by").get(
                pk=job.params["report"]
            )
            progress.report(job.pk, 0, 0, _("Đang chuyển các trang thành ảnh…"))

            def say(done: int, total: int) -> None:
                progress.report(
                    job.pk, done, total, _("Đang đọc trang %(d)s/%(n)s") % {"d": done, "n": total}
                )

            result = services.read_received(report.uploaded_by, report, say)
            job.result = {"report": report.pk, **result}
            job.result_url = reverse("narratives:received", args=[report.pk])
    except Skip:
        return
    failed = Job.objects.filter(pk=job_id, state=Job.State.FAILED).first()
    if failed is not None and report is not None:
        services.mark_failed(report, failed.error)
