"""Rebuilding the analytics rollup (about a minute on a large province) as a job."""

from django.utils.translation import gettext as _
from django_tasks import task

from theodoi.core.errors import NotAllowed
from theodoi.jobs import progress
from theodoi.jobs.models import Job
from theodoi.jobs.services import Skip, running, start
from theodoi.permissions.jobs import can_rebuild_rollups
from theodoi.targets import rollups


def start_rebuild(actor) -> tuple[Job, bool]:
    """Two people asking at once get the one job; the steering office sees it."""
    if not can_rebuild_rollups(actor):
        raise NotAllowed(_("Chỉ văn phòng theo dõi được tính lại bảng tổng hợp."))
    return start(
        actor,
        rebuild_rollups,
        kind="rollups.rebuild",
        title=_("Tính lại bảng tổng hợp số liệu"),
        dedupe_key="rollups.rebuild",
        audience="steering",
    )


@task()
def rebuild_rollups(job_id: int) -> None:
    try:
        with running(job_id) as job:
            progress.report(job.pk, 0, 1, _("Đang tính lại bảng tổng hợp…"))
            n = rollups.rebuild(
                log=lambda line: progress.report(
                    job.pk, 0, 1, _("Đang tính lại bảng tổng hợp: năm %(line)s") % {"line": line}
                )
            )
            job.result = {"rows": n}
    except Skip:
        return
