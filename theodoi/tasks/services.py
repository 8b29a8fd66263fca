"""Every state change of a task: one function each, atomic, permission-checked,
recorded in the audit trail. Pages and the API call these and nothing else.

Workflow: assigned → in progress → reported done (chờ xác nhận) → confirmed done,
or returned (thực hiện lại) with a reason; paused (tạm hoãn) and cancelled with a
reason; extensions asked by the lead agency before the deadline and decided by the
assigner side (the original deadline is kept).
"""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from theodoi.audit.actions import Action
from theodoi.audit.trail import record, record_many
from theodoi.core import recurrence
from theodoi.core.dates import format_date
from theodoi.core.errors import DomainError, NotAllowed
from theodoi.core.numbers import NumberParseError, parse_typed, to_plain
from theodoi.directives.files import attach
from theodoi.notices.services import send_notice
from theodoi.org.models import Agency, AgencySuccession
from theodoi.permissions import tasks as perms
from theodoi.tasks import status as st
from theodoi.tasks.models import (
    OPEN_STATES,
    RECURRING,
    ExtensionRequest,
    LeadHandover,
    Occurrence,
    ProgressFile,
    ProgressUpdate,
    Recurrence,
    State,
    Task,
)
from theodoi.tasks.queries import assigning_agency_for
from theodoi.tasks.reminders import responsible_people

# Reading rows ----------------------------------------------------------------------


def _parse_percent(value, field="percent") -> Decimal:
    try:
        pct = value if isinstance(value, Decimal) else parse_typed(str(value))
    except NumberParseError:
        raise DomainError(
            _("Tiến độ “%(v)s” không phải là số.") % {"v": value}, field=field
        ) from None
    if pct < 0 or pct > 100:
        raise DomainError(
            _("Tiến độ phải từ 0 đến 100%%, không thể là %(v)s%%.") % {"v": to_plain(pct)},
            field=field,
        )
    return pct


def _next_due(kind, day, month, after: date) -> date:
    dues = st.due_dates(kind, day=day, month=month, start=after, end=date(after.year + 1, 12, 31))
    return dues[0]


def _clean_row(index: int, row: dict, today: date, errors: list) -> dict | None:
    """Check one row; append {"index", "field", "message"} errors; return clean values."""

    def err(field, message):
        errors.append({"index": index, "field": field, "message": message})

    title = (row.get("title") or "").strip()
    if not title:
        err("title", _("Chưa nhập tên nhiệm vụ."))
    elif len(title) > 500:
        err("title", _("Tên nhiệm vụ dài quá 500 ký tự."))
    assigned_on = row.get("assigned_on") or today
    if assigned_on > today:
        err("assigned_on", _("Ngày giao %(d)s chưa tới.") % {"d": f"{assigned_on:%d/%m/%Y}"})
    lead = row.get("lead")
    if not isinstance(lead, Agency):
        err("lead", _("Chưa chọn cơ quan chủ trì."))
    elif not lead.is_active_on(assigned_on):
        err(
            "lead",
            _("Cơ quan chủ trì “%(a)s” không còn tồn tại (giải thể/hợp nhất từ %(d)s).")
            % {"a": lead.name, "d": f"{lead.dissolved_on:%d/%m/%Y}"},
        )
    coordinators = list(row.get("coordinators") or [])
    for c in coordinators:
        if not c.is_active_on(assigned_on):
            err("coordinators", _("Cơ quan phối hợp “%(a)s” không còn tồn tại.") % {"a": c.name})
        elif isinstance(lead, Agency) and c.pk == lead.pk:
            err(
                "coordinators",
                _("Cơ quan chủ trì “%(a)s” không đồng thời là cơ quan phối hợp.") % {"a": c.name},
            )
    try:
        kind, day, month = recurrence.parse(row.get("recurrence"))
    except recurrence.RecurrenceError as exc:
        err("recurrence", exc.message)
        return None
    day = row.get("recurrence_day") or day
    month = row.get("recurrence_month") or month
    deadline = row.get("deadline")
    if kind == recurrence.CONTINUOUS:
        deadline = None
    elif kind in RECURRING:
        if kind == recurrence.YEARLY and (day is None or month is None) and deadline:
            day, month = deadline.day, deadline.month
        try:
            recurrence.check(kind, day, month)
        except recurrence.RecurrenceError as exc:
            err("recurrence", exc.message)
            return None
        deadline = _next_due(kind, day, month, assigned_on)
    elif deadline is not None and deadline < assigned_on:
        err(
            "deadline",
            _("Thời hạn %(d)s trước ngày giao %(a)s.")
            % {"d": f"{deadline:%d/%m/%Y}", "a": f"{assigned_on:%d/%m/%Y}"},
        )
    if errors and errors[-1]["index"] == index:
        return None
    return {
        "title": title,
        "content": (row.get("content") or "").strip(),
        "lead": lead,
        "coordinators": coordinators,
        "product": (row.get("product") or "").strip()[:300],
        "recurrence": kind,
        "recurrence_day": day,
        "recurrence_month": month,
        "deadline": deadline,
        "assigned_on": assigned_on,
        "breakthroughs": list(row.get("breakthroughs") or []),
        "conclusion": row.get("conclusion"),
    }


# Creating and editing ---------------------------------------------------------------


def create_tasks(actor, directive, rows) -> list[Task]:
    """Assign tasks in bulk, all or nothing.

    rows: dicts with title, content, lead (Agency), coordinators (list of Agency),
    deadline (date or None), recurrence (code or Vietnamese words), product; optional
    breakthroughs, assigned_on (default today), conclusion (ConclusionItem).
    Raises DomainError listing every row error ({"index", "field", "message"}).
    """
    issuer = directive.issuer if directive is not None else None
    agency = assigning_agency_for(actor, issuer)
    if agency is None:
        raise NotAllowed(_("Bạn không có quyền giao nhiệm vụ."))
    rows = list(rows)
    if not rows:
        raise DomainError(_("Không có nhiệm vụ nào để giao."), field="rows")
    today = timezone.localdate()
    errors: list[dict] = []
    clean = [_clean_row(i, row, today, errors) for i, row in enumerate(rows)]
    if errors:
        first = errors[0]
        raise DomainError(
            _("Chưa giao nhiệm vụ nào: %(n)s lỗi, dòng %(row)s: %(msg)s")
            % {"n": len(errors), "row": first["index"] + 1, "msg": first["message"]},
            field=first["field"],
            errors=errors,
        )
    created = []
    with transaction.atomic():
        for c in [c for c in clean if c is not None]:  # all of them: no errors above
            task = Task.objects.create(
                title=c["title"],
                content=c["content"],
                directive=directive,
                conclusion=c["conclusion"],
                assigner=actor,
                assigning_agency=agency,
                assigned_on=c["assigned_on"],
                lead=c["lead"],
                product=c["product"],
                recurrence=c["recurrence"],
                recurrence_day=c["recurrence_day"],
                recurrence_month=c["recurrence_month"],
                deadline=c["deadline"],
                original_deadline=c["deadline"],
            )
            task.coordinators.set(c["coordinators"])
            task.breakthroughs.set(c["breakthroughs"])
            record(
                actor,
                Action.TASK_ASSIGNED,
                task,
                data={
                    "lead": c["lead"].code,
                    "coordinators": [a.code for a in c["coordinators"]],
                    "deadline": c["deadline"].isoformat() if c["deadline"] else None,
                    "recurrence": c["recurrence"],
                    "directive": directive.number if directive else None,
                    "product": c["product"],
                },
            )
            created.append(task)
    return created


EDITABLE = ("title", "content", "product")


def update_task(actor, task, changes: dict) -> Task:
    """Edit title, content, product, coordinators and breakthroughs (the assigner side).
    The deadline changes only through an approved extension."""
    if not perms.can_decide(actor, task):
        raise NotAllowed(_("Chỉ người giao nhiệm vụ được sửa nhiệm vụ."))
    if "deadline" in changes:
        raise DomainError(
            _("Thời hạn chỉ thay đổi qua đề nghị gia hạn được chấp thuận."), field="deadline"
        )
    with transaction.atomic():
        task = Task.objects.select_for_update().get(pk=task.pk)
        if task.state in (State.DONE, State.CANCELLED):
            raise DomainError(_("Nhiệm vụ đã kết thúc, không sửa được."), field="state")
        before = {}
        for field in EDITABLE:
            if field in changes:
                value = (changes[field] or "").strip()
                if field == "title" and not value:
                    raise DomainError(_("Chưa nhập tên nhiệm vụ."), field="title")
                before[field] = getattr(task, field)
                setattr(task, field, value)
        task.save(update_fields=[f for f in EDITABLE if f in changes] + ["search_key"])
        if "coordinators" in changes:
            coordinators = list(changes["coordinators"] or [])
            for c in coordinators:
                if c.pk == task.lead_id:
                    raise DomainError(
                        _("Cơ quan chủ trì không đồng thời là cơ quan phối hợp."),
                        field="coordinators",
                    )
                if not c.is_active_on(timezone.localdate()):
                    raise DomainError(
                        _("Cơ quan phối hợp “%(a)s” không còn tồn tại.") % {"a": c.name},
                        field="coordinators",
                    )
            before["coordinators"] = sorted(a.code for a in task.coordinators.all())
            task.coordinators.set(coordinators)
        if "breakthroughs" in changes:
            task.breakthroughs.set(changes["breakthroughs"] or [])
        record(actor, Action.TASK_UPDATED, task, data={"before": before, "fields": sorted(changes)})
    return task


# Working on a task ------------------------------------------------------------------


def _locked(task) -> Task:
    return Task.objects.select_for_update().select_related("lead", "assigner").get(pk=task.pk)


def _require_worker(actor, task):
    if not perms.can_work_on(actor, task):
        raise NotAllowed(
            _("Chỉ cơ quan chủ trì (%(a)s) được cập nhật nhiệm vụ này.") % {"a": task.lead.name}
        )


def _require_decider(actor, task, what):
    if not perms.can_decide(actor, task):
        raise NotAllowed(_("Chỉ người giao nhiệm vụ được %(what)s.") % {"what": what})


def _save_files(actor, update, files):
    for f in files or ():
        attach(ProgressFile, f, actor=actor, field="files", update=update)


def start_task(actor, task) -> Task:
    _require_worker(actor, task)
    with transaction.atomic():
        task = _locked(task)
        if task.state not in (State.ASSIGNED, State.RETURNED):
            raise DomainError(
                _("Nhiệm vụ đang ở trạng thái “%(s)s”, không bắt đầu được.")
                % {"s": task.get_state_display()},
                field="state",
            )
        task.state = State.IN_PROGRESS
        task.save(update_fields=["state"])
        record(actor, Action.TASK_STARTED, task)
    return task


def post_progress(actor, task, *, text: str, percent, files=()) -> ProgressUpdate:
    """The lead agency reports progress (text, percent, files); starts an assigned task."""
    _require_worker(actor, task)
    text = (text or "").strip()
    if not text:
        raise DomainError(_("Chưa nhập nội dung tiến độ."), field="text")
    pct = _parse_percent(percent)
    with transaction.atomic():
        task = _locked(task)
        if task.state not in OPEN_STATES:
            raise DomainError(
                _("Nhiệm vụ đang ở trạng thái “%(s)s”, không cập nhật tiến độ được.")
                % {"s": task.get_state_display()},
                field="state",
            )
        update = ProgressUpdate.objects.create(
            task=task, author=actor, agency=task.lead, text=text, percent=pct
        )
        _save_files(actor, update, files)
        previous = task.state
        task.state = State.IN_PROGRESS
        task.percent = pct
        task.save(update_fields=["state", "percent"])
        record(
            actor,
            Action.TASK_PROGRESS,
            task,
            data={
                "percent": to_plain(pct),
                "update": update.pk,
                "files": [f.name for f in update.files.all()],
                "from": previous,
            },
        )
    return update


def report_done(actor, task, *, text: str, files=()) -> Task:
    """The lead agency reports the task done; it waits for the assigner's confirmation.
    The report date is what counts for on time (tasks.status)."""
    _require_worker(actor, task)
    text = (text or "").strip()
    if not text:
        raise DomainError(_("Chưa nhập nội dung báo cáo kết quả."), field="text")
    with transaction.atomic():
        task = _locked(task)
        if task.state not in OPEN_STATES:
            raise DomainError(
                _("Nhiệm vụ đang ở trạng thái “%(s)s”, không báo cáo hoàn thành được.")
                % {"s": task.get_state_display()},
                field="state",
            )
        update = ProgressUpdate.objects.create(
            task=task,
            kind=ProgressUpdate.Kind.REPORT_DONE,
            author=actor,
            agency=task.lead,
            text=text,
            percent=Decimal(100),
        )
        _save_files(actor, update, files)
        task.state = State.REPORTED
        task.percent = Decimal(100)
        task.reported_on = timezone.localdate()
        task.save(update_fields=["state", "percent", "reported_on"])
        record(
            actor,
            Action.TASK_REPORTED_DONE,
            task,
            data={"reported_on": task.reported_on.isoformat(), "update": update.pk},
        )
    _notify(
        task.assigner,
        task,
        _("Nhiệm vụ chờ xác nhận: %(t)s") % {"t": task.title},
        _("%(a)s báo cáo đã hoàn thành nhiệm vụ; đề nghị xem xét, xác nhận.")
        % {"a": task.lead.name},
        "reported",
    )
    return task


def confirm_done(actor, task, *, note: str = "") -> Task:
    """The assigner confirms the reported task. A recurring task records the occurrence
    and moves to its next due date."""
    _require_decider(actor, task, _("xác nhận hoàn thành"))
    with transaction.atomic():
        task = _locked(task)
        if task.state != State.REPORTED:
            raise DomainError(
                _("Chỉ xác nhận được nhiệm vụ đã báo cáo hoàn thành (đang “%(s)s”).")
                % {"s": task.get_state_display()},
                field="state",
            )
        today = timezone.localdate()
        data = {
            "reported_on": task.reported_on.isoformat(),
            "confirmed_on": today.isoformat(),
            "deadline": task.deadline.isoformat() if task.deadline else None,
        }
        if task.is_recurring:
            Occurrence.objects.create(
                task=task, due=task.deadline, reported_on=task.reported_on, confirmed_on=today
            )
            data["occurrence"] = task.deadline.isoformat()
            task.deadline = task.original_deadline = _next_due(
                task.recurrence,
                task.recurrence_day,
                task.recurrence_month,
                date.fromordinal(task.deadline.toordinal() + 1),
            )
            task.state, task.reported_on, task.percent = State.ASSIGNED, None, Decimal(0)
            data["next_deadline"] = task.deadline.isoformat()
        else:
            task.state = State.DONE
            task.confirmed_on = today
            task.confirmed_by = actor
        task.save(
            update_fields=[
                "state",
                "deadline",
                "original_deadline",
                "reported_on",
                "percent",
                "confirmed_on",
                "confirmed_by",
            ]
        )
        data["status"] = st.classify(
            deadline=data["deadline"] and date.fromisoformat(data["deadline"]),
            reported_on=date.fromisoformat(data["reported_on"]),
            confirmed=True,
            today=today,
        ).cls
        record(actor, Action.TASK_CONFIRMED, task, reason=note, data=data)
    _notify_lead(
        task, _("Nhiệm vụ được xác nhận hoàn thành: %(t)s") % {"t": task.title}, note, "confirmed"
    )
    return task


def return_task(actor, task, *, reason: str) -> Task:
    """Send a reported task back (thực hiện lại) with a reason."""
    _require_decider(actor, task, _("trả lại nhiệm vụ"))
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(
            _("Cần nêu lý do trả lại để cơ quan chủ trì thực hiện lại."), field="reason"
        )
    with transaction.atomic():
        task = _locked(task)
        if task.state != State.REPORTED:
            raise DomainError(_("Chỉ trả lại được nhiệm vụ đã báo cáo hoàn thành."), field="state")
        data = {"reported_on": task.reported_on.isoformat()}
        task.state, task.reported_on = State.RETURNED, None
        task.save(update_fields=["state", "reported_on"])
        record(actor, Action.TASK_RETURNED, task, reason=reason, data=data)
    _notify_lead(
        task, _("Nhiệm vụ phải thực hiện lại: %(t)s") % {"t": task.title}, reason, "returned"
    )
    return task


def pause_task(actor, task, *, reason: str) -> Task:
    _require_decider(actor, task, _("tạm hoãn nhiệm vụ"))
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Cần nêu lý do tạm hoãn."), field="reason")
    with transaction.atomic():
        task = _locked(task)
        if task.state not in OPEN_STATES | {State.REPORTED}:
            raise DomainError(
                _("Nhiệm vụ đang ở trạng thái “%(s)s”, không tạm hoãn được.")
                % {"s": task.get_state_display()},
                field="state",
            )
        task.state_before_pause, task.state = task.state, State.PAUSED
        task.save(update_fields=["state", "state_before_pause"])
        record(actor, Action.TASK_PAUSED, task, reason=reason)
    return task


def resume_task(actor, task, *, reason: str = "") -> Task:
    _require_decider(actor, task, _("tiếp tục nhiệm vụ"))
    with transaction.atomic():
        task = _locked(task)
        if task.state != State.PAUSED:
            raise DomainError(_("Nhiệm vụ không ở trạng thái tạm hoãn."), field="state")
        task.state, task.state_before_pause = task.state_before_pause or State.ASSIGNED, ""
        task.save(update_fields=["state", "state_before_pause"])
        record(actor, Action.TASK_RESUMED, task, reason=reason, data={"state": task.state})
    return task


def cancel_task(actor, task, *, reason: str) -> Task:
    _require_decider(actor, task, _("hủy nhiệm vụ"))
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Cần nêu lý do hủy nhiệm vụ."), field="reason")
    with transaction.atomic():
        task = _locked(task)
        if task.state in (State.DONE, State.CANCELLED):
            raise DomainError(_("Nhiệm vụ đã kết thúc, không hủy được."), field="state")
        previous = task.state
        task.state = State.CANCELLED
        task.save(update_fields=["state"])
        record(actor, Action.TASK_CANCELLED, task, reason=reason, data={"from": previous})
    return task


# Extensions -------------------------------------------------------------------------


def request_extension(
    actor, task, *, proposed_deadline: date | None, reason: str
) -> ExtensionRequest:
    """The lead agency asks for more time, before the deadline in force."""
    _require_worker(actor, task)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Cần nêu lý do xin gia hạn."), field="reason")
    if proposed_deadline is None:
        raise DomainError(_("Chưa nhập thời hạn đề nghị."), field="proposed_deadline")
    with transaction.atomic():
        task = _locked(task)
        today = timezone.localdate()
        if task.deadline is None or task.recurrence == Recurrence.CONTINUOUS:
            raise DomainError(
                _("Nhiệm vụ không có thời hạn, không cần gia hạn."), field="proposed_deadline"
            )
        if task.is_recurring:
            raise DomainError(
                _(
                    "Nhiệm vụ định kỳ không gia hạn từng lần; đề nghị người giao điều chỉnh nhiệm "
                    "vụ."
                ),
                field="proposed_deadline",
            )
        if task.state not in OPEN_STATES:
            raise DomainError(
                _("Nhiệm vụ đang ở trạng thái “%(s)s”, không xin gia hạn được.")
                % {"s": task.get_state_display()},
                field="state",
            )
        if today > task.deadline:
            raise DomainError(
                _("Đã quá thời hạn %(d)s: phải xin gia hạn trước khi hết hạn.")
                % {"d": f"{task.deadline:%d/%m/%Y}"},
                field="proposed_deadline",
            )
        if proposed_deadline <= task.deadline:
            raise DomainError(
                _("Thời hạn đề nghị phải sau thời hạn hiện tại %(d)s.")
                % {"d": f"{task.deadline:%d/%m/%Y}"},
                field="proposed_deadline",
            )
        if task.extensions.filter(decision=ExtensionRequest.Decision.PENDING).exists():
            raise DomainError(
                _("Đã có một đề nghị gia hạn đang chờ quyết định."), field="proposed_deadline"
            )
        req = ExtensionRequest.objects.create(
            task=task,
            requested_by=actor,
            reason=reason,
            current_deadline=task.deadline,
            proposed_deadline=proposed_deadline,
        )
        record(
            actor,
            Action.EXTENSION_REQUESTED,
            task,
            reason=reason,
            data={
                "request": req.pk,
                "deadline": task.deadline.isoformat(),
                "proposed": proposed_deadline.isoformat(),
            },
        )
    _notify(
        task.assigner, task, _("Đề nghị gia hạn: %(t)s") % {"t": task.title}, reason, "extension"
    )
    return req


def decide_extension(
    actor, request: ExtensionRequest, *, approve: bool, note: str = ""
) -> ExtensionRequest:
    """The assigner side approves (the deadline in force moves, the original is kept) or refuses."""
    task = request.task
    _require_decider(actor, task, _("quyết định gia hạn"))
    note = (note or "").strip()
    if not approve and not note:
        raise DomainError(_("Cần nêu lý do không đồng ý gia hạn."), field="note")
    with transaction.atomic():
        task = _locked(task)
        request = ExtensionRequest.objects.select_for_update().get(pk=request.pk)
        if request.decision != ExtensionRequest.Decision.PENDING:
            raise DomainError(_("Đề nghị gia hạn này đã được quyết định."), field="decision")
        request.decision = (
            ExtensionRequest.Decision.APPROVED if approve else ExtensionRequest.Decision.REFUSED
        )
        request.decided_by, request.decided_at, request.decision_note = actor, timezone.now(), note
        request.save(update_fields=["decision", "decided_by", "decided_at", "decision_note"])
        data = {
            "request": request.pk,
            "proposed": request.proposed_deadline.isoformat(),
            "deadline_before": task.deadline.isoformat() if task.deadline else None,
            "original_deadline": task.original_deadline.isoformat()
            if task.original_deadline
            else None,
        }
        if approve:
            task.deadline = request.proposed_deadline
            task.save(update_fields=["deadline"])
        record(
            actor,
            Action.EXTENSION_APPROVED if approve else Action.EXTENSION_REFUSED,
            task,
            reason=note,
            data=data,
        )
    _notify_lead(
        task,
        (_("Đồng ý gia hạn: %(t)s") if approve else _("Không đồng ý gia hạn: %(t)s"))
        % {"t": task.title},
        note,
        "extension-decided",
    )
    return request


# Notices ----------------------------------------------------------------------------


def _notify(user, task, subject, body, what):
    if user is not None:
        send_notice(
            user,
            subject=subject,
            body=body or subject,
            url=reverse("tasks:detail", args=[task.pk]),
            dedupe_key=f"tasks.task.{task.pk}.{what}",
        )


def _notify_lead(task, subject, body, what):
    for person in responsible_people(task):
        _notify(person, task, subject, body, what)


@transaction.atomic
def transfer_open_tasks(actor, succession) -> list[Task]:
    """On (or after) the day an agency was merged into another, pass the tasks it still
    leads or coordinates (anything not done or cancelled) to its successor. Each task's
    audit entry keeps the original lead, and a LeadHandover dated on the merge day keeps it
    as data: the scoreboard counts the task for the old agency before that day and for the
    successor from it (tasks.leads.lead_on)."""
    if not perms.can_transfer_tasks(actor):
        raise NotAllowed(
            _("Chỉ văn phòng theo dõi hoặc quản trị được chuyển nhiệm vụ cho cơ quan kế thừa.")
        )
    # The succession's row, locked: two transfers of one merge run one after the other, and
    # the second finds nothing left to move.
    link = (
        AgencySuccession.objects.select_for_update(of=("self",))
        .select_related("predecessor", "successor")
        .get(pk=succession.pk)
    )
    pred, succ = link.predecessor, link.successor
    if not link.takes_open_tasks:
        raise DomainError(
            _("%(new)s không nhận nhiệm vụ đang thực hiện của %(old)s.")
            % {"new": succ.name, "old": pred.name}
        )
    if timezone.localdate() < link.effective:
        raise DomainError(
            _("Chưa đến ngày %(day)s, ngày %(old)s hợp nhất vào %(new)s.")
            % {"day": format_date(link.effective), "old": pred.name, "new": succ.name}
        )
    closed = [State.DONE, State.CANCELLED]
    led = list(
        Task.objects.select_for_update(of=("self",)).filter(lead=pred).exclude(state__in=closed)
    )
    shared = list(
        Task.objects.select_for_update(of=("self",))
        .filter(coordinators=pred)
        .exclude(state__in=closed)
        .exclude(pk__in=[t.pk for t in led])
    )
    reason = _("%(old)s hợp nhất vào %(new)s từ %(day)s (%(basis)s).") % {
        "old": pred.name,
        "new": succ.name,
        "day": format_date(link.effective),
        "basis": link.legal_basis or link.get_kind_display(),
    }
    entries = []
    for task in led:
        task.lead = succ
        task.save(update_fields=["lead"])
        task.coordinators.remove(succ)
        entries.append(
            (
                Action.TASK_TRANSFERRED,
                task,
                reason,
                {"role": "lead", "from": pred.code, "from_name": pred.name, "to": succ.code},
            )
        )
    LeadHandover.objects.bulk_create(
        LeadHandover(
            task=task,
            from_agency=pred,
            to_agency=succ,
            on=link.effective,
            succession=link,
            reason=reason[:500],
        )
        for task in led
    )
    for task in shared:
        task.coordinators.remove(pred)
        if task.lead_id != succ.pk:
            task.coordinators.add(succ)
        entries.append(
            (
                Action.TASK_TRANSFERRED,
                task,
                reason,
                {"role": "coordinator", "from": pred.code, "from_name": pred.name, "to": succ.code},
            )
        )
    record_many(actor, entries)
    return led + shared
