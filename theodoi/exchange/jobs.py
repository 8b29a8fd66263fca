"""Large imports as jobs: above settings.IMPORT_JOB_ROWS rows, "Ghi" queues the write
instead of running it in the request; the job calls the same service the page and the API
call for small files (services.import_values / import_tasks / import_dhis2), with a
progress callback, and writes all or nothing as they do.

The preview of a values workbook or a DHIS2 dataValueSet larger than
settings.IMPORT_PREVIEW_JOB_BYTES, or of a task table larger than
settings.IMPORT_TASK_PREVIEW_JOB_BYTES, is a job too, from the page and from the API alike:
the caller stores the upload (after the same permission checks as the synchronous preview),
the job checks it (services.check_stored_values / check_stored_dhis2 / check_stored_tasks)
and keeps the preview with the upload; the job's result names the page showing it
(result_url) and the API address answering it (result["preview_url"]), both through
services.stored_preview."""

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


# The size above which a file's preview is a job, by kind (docs/benchmarks.md).
PREVIEW_LIMITS = {
    Upload.Kind.VALUES: "IMPORT_PREVIEW_JOB_BYTES",
    Upload.Kind.DHIS2: "IMPORT_PREVIEW_JOB_BYTES",
    Upload.Kind.TASKS: "IMPORT_TASK_PREVIEW_JOB_BYTES",
}


def preview_is_large(size: int, kind: str) -> bool:
    """A file larger than its kind's threshold (in bytes) is checked (previewed) by a job."""
    return size > getattr(settings, PREVIEW_LIMITS[kind])


def start_preview(
    actor, upload: Upload, data: bytes | None = None, *, choices: dict | None = None
) -> tuple[Job, bool]:
    """Queue the preview of a large stored upload (services.store_value_upload /
    store_dhis2_upload / store_task_upload, given with its bytes `data`), or of one already
    stored checked again with a task table's `choices` (without `data`). The same person
    sending the same file for the same target (and answers) while its check runs gets that
    job; a second copy of the file is then not kept."""
    target = json.dumps(
        {k: v for k, v in upload.params.items() if k != "rows"} | {"choices": choices or {}},
        sort_keys=True,
    )
    what = hashlib.sha256(data).hexdigest()[:40] if data is not None else upload.token
    key = (
        f"preview:{upload.kind}:{actor.pk}:{what}:"
        f"{hashlib.sha256(target.encode()).hexdigest()[:16]}"
    )
    job, created = start(
        actor,
        preview_upload,
        kind=f"preview.{upload.kind}",
        title=_("Kiểm tra tệp %(name)s (%(size)s KB)")
        % {"name": upload.filename, "size": services._n(max(1, upload.size // 1024))},
        params={"token": upload.token, "kind": upload.kind, "choices": choices or {}},
        dedupe_key=key,
    )
    if not created and data is not None and job.params["token"] != upload.token:
        uploads.forget(upload)
    return job, created


def start_value_preview(actor, data: bytes, filename: str, agency, period_id) -> tuple[Job, bool]:
    upload = services.store_value_upload(actor, data, filename, agency, period_id)
    return start_preview(actor, upload, data)


def start_dhis2_preview(actor, data: bytes, filename: str, *, status: str) -> tuple[Job, bool]:
    upload = services.store_dhis2_upload(actor, data, filename, status=status)
    return start_preview(actor, upload, data)


def start_task_preview(
    actor, data: bytes, filename: str, *, choices: dict | None = None
) -> tuple[Job, bool]:
    upload = services.store_task_upload(actor, data, filename)
    return start_preview(actor, upload, data, choices=choices)


def start_task_repreview(actor, upload: Upload, choices: dict) -> tuple[Job, bool]:
    """A large stored task table checked again with the agencies chosen so far."""
    return start_preview(actor, upload, choices=choices)


PAGES = {
    Upload.Kind.VALUES: "exchange:values",
    Upload.Kind.TASKS: "exchange:tasks",
    Upload.Kind.DHIS2: "exchange:dhis2",
}


def preview_url(upload: Upload) -> str:
    """The page that shows a kept preview, with what it needs to confirm it."""
    query = {"preview": upload.token}
    if upload.kind == Upload.Kind.VALUES:
        query = {"agency": upload.params["agency"], "period": upload.params["period"]} | query
    return f"{reverse(PAGES[upload.kind])}?{urlencode(query)}#preview"


def preview_api_url(upload: Upload) -> str:
    """Where the API answers a kept preview (the JSON the synchronous preview answers)."""
    return f"/api/v1/exchange/{upload.kind}/preview/{upload.token}"


CHECKS = {
    Upload.Kind.VALUES: services.check_stored_values,
    Upload.Kind.DHIS2: services.check_stored_dhis2,
    Upload.Kind.TASKS: services.check_stored_tasks,
}


@task()
def preview_upload(job_id: int) -> None:
    try:
        with running(job_id) as job:

            def say(step: int, steps: int, message: str) -> None:
                job_progress.report(job.pk, step, steps, message)

            kind = job.params["kind"]
            extra = {"choices": job.params.get("choices")} if kind == Upload.Kind.TASKS else {}
            preview = CHECKS[kind](job.owner, job.params["token"], progress=say, **extra)
            upload = Upload.objects.get(token=preview.token)
            job.result = {
                "checked": len(preview.rows),
                "preview": preview.token,
                "preview_url": preview_api_url(upload),
                "can_commit": preview.can_commit,
            }
            if preview.errors:
                job.result["cell_errors"] = len(preview.errors)
            if preview.questions:
                job.result["questions"] = len(preview.questions)
            job.result_url = preview_url(upload)
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
