"""Issuing a meeting's conclusions: the conclusion notice (a directive) and the tasks its
numbered items assign. It lives on the tasks side because it creates tasks; the
directives area records the meeting and knows nothing of tasks."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from theodoi.audit.actions import Action
from theodoi.audit.trail import record
from theodoi.core.errors import DomainError, NotAllowed
from theodoi.directives.models import Directive, DirectiveKind, Meeting
from theodoi.directives.services import check_number
from theodoi.permissions import directives as perms
from theodoi.tasks.services import create_tasks


def issue_conclusions(
    actor, meeting: Meeting, *, number: str, issued_on: date | None = None, issuer=None
):
    """Issue the meeting's conclusions: a conclusion notice (Thông báo kết luận)
    implementing the meeting's directive, and one task per conclusion item that
    assigns work (tasks.services.create_tasks, all or nothing). Returns (notice, tasks)."""
    given = meeting
    with transaction.atomic():
        # Read again under a row lock: two clicks on "issue" issue one notice.
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if not perms.can_manage_meeting(actor, meeting):
            raise NotAllowed(_("Bạn không có quyền ban hành thông báo kết luận."))
        if meeting.notice is not None:
            raise DomainError(
                _("Kết luận của buổi làm việc này đã được ban hành (%(n)s).")
                % {"n": meeting.notice.number},
                field="number",
            )
        if not (number or "").strip():
            raise DomainError(_("Chưa nhập số, ký hiệu thông báo kết luận."), field="number")
        number = check_number(number, issuer or meeting.host)
        issued_on = issued_on or timezone.localdate()
        if issued_on < meeting.held_on:
            raise DomainError(_("Ngày ban hành trước ngày làm việc."), field="issued_on")
        items = list(meeting.conclusions.prefetch_related("coordinators"))
        body = "\n".join(f"{c.number}. {c.text}" for c in items)
        notice = Directive.objects.create(
            kind=DirectiveKind.CONCLUSION_NOTICE,
            number=number.strip(),
            issuer=issuer or meeting.host,
            issued_on=issued_on,
            implements=meeting.directive,
            title=(
                _("Kết luận của %(host)s tại buổi làm việc ngày %(d)s: %(t)s")
                % {
                    "host": meeting.host.name,
                    "d": f"{meeting.held_on:%d/%m/%Y}",
                    "t": meeting.title,
                }
            )[:500],
            summary=body,
            term=meeting.directive.term if meeting.directive else "",
        )
        meeting.notice = notice
        meeting.save(update_fields=["notice", "search_key"])
        rows = [
            {
                "title": c.title or c.text[:500],
                "content": c.text,
                "lead": c.lead,
                "coordinators": list(c.coordinators.all()),
                "deadline": c.deadline,
                "recurrence": c.recurrence,
                "recurrence_day": c.recurrence_day,
                "recurrence_month": c.recurrence_month,
                "product": c.product,
                "conclusion": c,
                "assigned_on": issued_on,
            }
            for c in items
            if c.assigns_work
        ]
        tasks = create_tasks(actor, notice, rows) if rows else []
        record(
            actor,
            Action.MEETING_CONCLUSIONS_ISSUED,
            meeting,
            data={"notice": notice.number, "tasks": [t.pk for t in tasks]},
        )
    given.notice = notice
    return notice, tasks
