"""Large imports as jobs: above settings.IMPORT_JOB_ROWS rows, "Ghi" queues the write
instead of running it in the request; the job calls the same service the page and the API
call for small files (services.import_values / import_tasks / import_dhis2), with a
progress callback, and writes all or nothing as they do.

The preview of a values workbook or a DHIS2 dataValueSet larger than
settings.IMPORT_PREVIEW_JOB_BYTES is a job too: the page stores the upload, the job checks it
(services.check_stored_values / check_stored_dhis2) and keeps the preview with the upload;
the job's result links to the page showing it (services.stored_preview)."""

import hashlib
import json
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task

from theodoi.directives.models import Directive
from theodoi.exchange import services, uploads
from theodoi.exchange.models import Upload
from theodoi.jobs import progress as job_progress
from theodoi.jobs.models import Job
from theodoi.jobs.services import Skip, running, start


def should_queue(token: str, kind: str) -> bool:
    """A file with more rows than the threshold is written by a job."""
    upload = Upload.objects.filter(token=token, kind=kind).only("params").first()
    return upload is not None and int(upload.params.get("rows", 0)) > settings.IMPORT_JOB_ROWS


def preview_is_large(data: bytes) -> bool:
    """A file larger than the threshold is checked (previewed) by a job."""
    return len(data) > settings.IMPORT_PREVIEW_JOB_BYTES


def start_preview(actor, upload: Upload, data: bytes) -> tuple[Job, bool]:
    """Queue the preview of a large stored upload (services.store_value_upload /
    store_dhis2_upload). The same person sending the same file for the same target while
    its check runs gets that job (the second copy of the file is not kept)."""
    target = json.dumps(upload.params, sort_keys=True)
    key = (
        f"preview:{upload.kind}:{actor.pk}:{hashlib.sha256(data).hexdigest()[:40]}:"
        f"{hashlib.sha256(target.encode()).hexdigest()[:16]}"
    )
    job, created = start(
        actor,
        preview_upload,
        kind=f"preview.{upload.kind}",
        title=_("Kiểm tra tệp %(name)s (%(size)s KB)")
        % {"name": upload.filename, "size": services._n(max(1, len(data) // 1024))},
        params={"token": upload.token, "kind": upload.kind},
        dedupe_key=key,
    )
    if not created:
        uploads.forget(upload)
    return job, created


def start_value_preview(actor, data: bytes, filename: str, agency, period_id) -> tuple[Job, bool]:
    upload = services.store_value_upload(actor, data, filename, agency, period_id)
    return start_preview(actor, upload, data)


def start_dhis2_preview(actor, data: bytes, filename: str, *, status: str) -> tuple[Job, bool]:
    upload = services.store_dhis2_upload(actor, data, filename, status=status)
    return start_preview(actor, upload, data)


def preview_url(upload: Upload) -> str:
    """The page that shows a kept preview, with what it needs to confirm it."""
    if upload.kind == Upload.Kind.VALUES:
        query = {"agency": upload.params["agency"], "period": upload.params["period"]}
        return (
            f"{reverse('exchange:values')}?{urlencode(query | {'preview': upload.token})}#preview"
        )
    return f"{reverse('exchange:dhis2')}?{urlencode({'preview': upload.token})}#preview"


@task()
def preview_upload(job_id: int) -> None:
    try:
        with running(job_id) as job:

            def say(step: int, steps: int, message: str) -> None:
                job_progress.report(job.pk, step, steps, message)

            check = (
                services.check_stored_values
                if job.params["kind"] == Upload.Kind.VALUES
                else services.check_stored_dhis2
            )
            preview = check(job.owner, job.params["token"], progress=say)
            job.result = {"checked": len(preview.rows), "preview": preview.token}
            if preview.errors:
                job.result["cell_errors"] = len(preview.errors)
            job.result_url = preview_url(Upload.objects.get(token=preview.token))
    except Skip:
        return


def _dedupe_key(upload: Upload, options: dict) -> str:
    """The same file for the same target: two people confirming it get one job."""
    with upload.file.open("rb") as fh:
        digest = hashlib.sha256(fh.read()).hexdigest()[:40]
    target = json.dumps(
        {k: v for k, v in upload.params.items() if k != "rows"} | options, sort_keys=True
    )
    return f"import:{upload.kind}:{digest}:{hashlib.sha256(target.encode()).hexdigest()[:16]}"


def start_import(actor, kind: str, token: str, **options) -> tuple[Job, bool]:
    """Queue the write of a stored upload. `options`: directive (id) and choices for a task
    table, strict for DHIS2. Checks the same permission the service checks when it runs."""
    upload, _data = services.uploads.fetch(actor, token, kind)
    return start(
        actor,
        import_upload,
        kind=f"import.{kind}",
        title=_("Nhập tệp %(name)s (%(rows)s dòng)")
        % {"name": upload.filename, "rows": services._n(int(upload.params.get("rows", 0)))},
        params={"token": token, "kind": kind, **options},
        dedupe_key=_dedupe_key(upload, options),
    )


@task()
def import_upload(job_id: int) -> None:
    try:
        with running(job_id) as job:

            def say(step: int, steps: int, message: str) -> None:
                job_progress.report(job.pk, step, steps, message)

            actor, p = job.owner, job.params
            if p["kind"] == Upload.Kind.VALUES:
                written = services.import_values(actor, p["token"], progress=say)
                job.result = {"values": len(written)}
                job.result_url = reverse("exchange:values")
            elif p["kind"] == Upload.Kind.DHIS2:
                written = services.import_dhis2(
                    actor, p["token"], strict=bool(p.get("strict")), progress=say
                )
                job.result = {"values": len(written)}
                job.result_url = reverse("exchange:dhis2")
            else:
                directive = Directive.objects.filter(pk=p.get("directive")).first()
                created = services.import_tasks(
                    actor, p["token"], directive, choices=p.get("choices"), progress=say
                )
                job.result = {"tasks": len(created)}
                job.result_url = reverse("exchange:tasks")
    except Skip:
        return
