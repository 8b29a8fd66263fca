"""Task endpoints: the same services and queries as the pages."""

from datetime import date
from typing import Any

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Status

from theodoi.api.errors import ApiError
from theodoi.api.schemas import ApiDate, Schema, decimal_field
from theodoi.core.dates import as_of
from theodoi.core.errors import DomainError
from theodoi.core.numbers import to_plain
from theodoi.directives.models import Breakthrough, Directive
from theodoi.org.models import Agency
from theodoi.permissions import tasks as perms
from theodoi.tasks import scoreboard as sb
from theodoi.tasks import services
from theodoi.tasks.models import ExtensionRequest, Task
from theodoi.tasks.queries import Filters, awaiting_my_decision, filtered_statuses, load

router = Router(tags=["Nhiệm vụ"])


class LeadSpellOut(Schema):
    agency: str
    since: date | None
    until: date | None


class TaskOut(Schema):
    id: int
    title: str
    content: str
    directive: str | None
    directive_id: int | None
    conclusion: int | None
    assigner: str
    assigning_agency: str
    assigned_on: date
    lead: str
    lead_history: list[LeadSpellOut]
    coordinators: list[str]
    product: str
    recurrence: str
    deadline: date | None
    original_deadline: date | None
    deadline_label: str
    state: str
    state_label: str
    status: str
    status_label: str
    days_overdue: int
    percent: str
    reported_on: date | None
    confirmed_on: date | None
    as_of: date  # the date the status class and days overdue are computed at (?as_of=)


def _out(task, day: date, status=None) -> TaskOut:
    s = status or task.status(day)
    return TaskOut(
        id=task.pk,
        title=task.title,
        content=task.content,
        directive=task.directive.number if task.directive else None,
        directive_id=task.directive_id,
        conclusion=task.conclusion_id,
        assigner=task.assigner.get_username(),
        assigning_agency=task.assigning_agency.code,
        assigned_on=task.assigned_on,
        lead=task.lead.code,
        lead_history=[
            LeadSpellOut(agency=sp.agency.code, since=sp.since, until=sp.until)
            for sp in task.lead_spells()
        ],
        coordinators=[a.code for a in task.coordinators.all()],
        product=task.product,
        recurrence=task.recurrence,
        deadline=task.deadline,
        original_deadline=task.original_deadline,
        deadline_label=task.deadline_label,
        state=task.state,
        state_label=str(task.get_state_display()),
        status=s.cls,
        status_label=str(s.label),
        days_overdue=s.days_overdue,
        percent=to_plain(task.percent),
        reported_on=task.reported_on,
        confirmed_on=task.confirmed_on,
        as_of=day,
    )


def _task(request, pk) -> Task:
    task = Task.objects.with_related().filter(pk=pk).first()
    if task is None or not perms.can_view_task(request.user, task):
        raise ApiError(404, _("Không tìm thấy nhiệm vụ %(id)s.") % {"id": pk})
    return task


def _agency(code, field) -> Agency:
    a = Agency.objects.filter(code=code).first()
    if a is None:
        raise DomainError(_("Không có cơ quan mã “%(c)s”.") % {"c": code}, field=field)
    return a


@router.get(
    "/tasks", response=list[TaskOut], summary="Danh sách nhiệm vụ (cùng bộ lọc với trang Nhiệm vụ)"
)
def list_tasks(
    request,
    q: str = "",
    lead: str = "",
    status: str = "",
    state: str = "",
    directive: str = "",
    breakthrough: str = "",
    deadline_from: ApiDate | None = None,
    deadline_to: ApiDate | None = None,
    offset: int = 0,
    limit: int = 200,
):
    """At most `limit` tasks (up to 1000) from `offset`, in deadline order."""
    f = Filters(
        q=q,
        lead=lead,
        status=status,
        state=state,
        directive=directive,
        breakthrough=breakthrough,
        deadline_from=deadline_from,
        deadline_to=deadline_to,
    )
    limit = max(1, min(limit, 1000))
    pairs = filtered_statuses(request.user, f, today=as_of(request))[
        max(offset, 0) : max(offset, 0) + limit
    ]
    return [_out(t, as_of(request), s) for t, s in load(pairs)]


@router.get("/tasks/{int:pk}", response=TaskOut, summary="Một nhiệm vụ")
def get_task(request, pk: int):
    return _out(_task(request, pk), as_of(request))


class TaskIn(Schema):
    directive_id: int | None = None
    title: str
    content: str = ""
    lead: str
    coordinators: list[str] = []
    deadline: ApiDate | None = None
    recurrence: str = ""
    product: str = ""
    breakthroughs: list[str] = []


@router.post(
    "/tasks",
    response={201: list[TaskOut]},
    summary="Giao nhiệm vụ (một hoặc nhiều, tất cả hoặc không)",
)
def create_tasks(request, payload: list[TaskIn]):
    directive_ids = {p.directive_id for p in payload}
    if len(directive_ids) > 1:
        raise DomainError(_("Mỗi lần giao chỉ theo một văn bản."), field="directive_id")
    directive_id = directive_ids.pop() if directive_ids else None
    directive = get_object_or_404(Directive, pk=directive_id) if directive_id else None
    rows = []
    for i, p in enumerate(payload):
        errors: list[dict[str, Any]] = []
        lead = Agency.objects.filter(code=p.lead).first()
        if lead is None:
            errors.append(
                {
                    "index": i,
                    "field": "lead",
                    "message": _("Không có cơ quan mã “%(c)s”.") % {"c": p.lead},
                }
            )
        coordinators = list(Agency.objects.filter(code__in=p.coordinators))
        if len(coordinators) != len(set(p.coordinators)):
            errors.append(
                {
                    "index": i,
                    "field": "coordinators",
                    "message": _("Có mã cơ quan phối hợp không tồn tại."),
                }
            )
        if errors:
            raise DomainError(errors[0]["message"], field=errors[0]["field"], errors=errors)
        rows.append(
            {
                "title": p.title,
                "content": p.content,
                "lead": lead,
                "coordinators": coordinators,
                "deadline": p.deadline,
                "recurrence": p.recurrence,
                "product": p.product,
                "breakthroughs": list(Breakthrough.objects.filter(code__in=p.breakthroughs)),
            }
        )
    tasks = services.create_tasks(request.user, directive, rows)
    return Status(
        201, [_out(Task.objects.with_related().get(pk=t.pk), as_of(request)) for t in tasks]
    )


class TaskPatch(Schema):
    title: str | None = None
    content: str | None = None
    product: str | None = None
    coordinators: list[str] | None = None


@router.patch("/tasks/{int:pk}", response=TaskOut, summary="Sửa nhiệm vụ (người giao)")
def update_task(request, pk: int, payload: TaskPatch):
    task = _task(request, pk)
    changes = payload.dict(exclude_unset=True)
    if "coordinators" in changes:
        changes["coordinators"] = [
            _agency(c, "coordinators") for c in changes["coordinators"] or []
        ]
    services.update_task(request.user, task, changes)
    return _out(_task(request, pk), as_of(request))


class ProgressIn(Schema):
    text: str
    percent: str = decimal_field(..., description="Phần trăm hoàn thành, 0-100.")


@router.post(
    "/tasks/{int:pk}/progress",
    response={201: TaskOut},
    summary="Cập nhật tiến độ (cơ quan chủ trì)",
)
def post_progress(request, pk: int, payload: ProgressIn):
    task = _task(request, pk)
    services.post_progress(request.user, task, text=payload.text, percent=payload.percent)
    return Status(201, _out(_task(request, pk), as_of(request)))


class ActionIn(Schema):
    text: str = ""
    reason: str = ""
    note: str = ""


ACTIONS = {
    "start": lambda u, t, p: services.start_task(u, t),
    "report-done": lambda u, t, p: services.report_done(u, t, text=p.text),
    "confirm": lambda u, t, p: services.confirm_done(u, t, note=p.note),
    "return": lambda u, t, p: services.return_task(u, t, reason=p.reason),
    "pause": lambda u, t, p: services.pause_task(u, t, reason=p.reason),
    "resume": lambda u, t, p: services.resume_task(u, t, reason=p.reason),
    "cancel": lambda u, t, p: services.cancel_task(u, t, reason=p.reason),
}


@router.post(
    "/tasks/{int:pk}/actions/{action}",
    response=TaskOut,
    summary="Chuyển trạng thái: start, report-done, confirm, return, pause, resume, cancel",
)
def transition(request, pk: int, action: str, payload: ActionIn):
    task = _task(request, pk)
    if action not in ACTIONS:
        raise ApiError(404, _("Không có thao tác “%(a)s”.") % {"a": action})
    ACTIONS[action](request.user, task, payload)
    return _out(_task(request, pk), as_of(request))


class ExtensionIn(Schema):
    proposed_deadline: ApiDate
    reason: str


class ExtensionOut(Schema):
    id: int
    task: int
    current_deadline: date
    proposed_deadline: date
    reason: str
    decision: str
    decision_note: str


def _ext(e) -> ExtensionOut:
    return ExtensionOut(
        id=e.pk,
        task=e.task_id,
        current_deadline=e.current_deadline,
        proposed_deadline=e.proposed_deadline,
        reason=e.reason,
        decision=e.decision,
        decision_note=e.decision_note,
    )


@router.post(
    "/tasks/{int:pk}/extensions",
    response={201: ExtensionOut},
    summary="Xin gia hạn (trước thời hạn)",
)
def request_extension(request, pk: int, payload: ExtensionIn):
    task = _task(request, pk)
    ext = services.request_extension(
        request.user, task, proposed_deadline=payload.proposed_deadline, reason=payload.reason
    )
    return Status(201, _ext(ext))


class DecisionIn(Schema):
    approve: bool
    note: str = ""


@router.post(
    "/extensions/{int:pk}/decision",
    response=ExtensionOut,
    summary="Quyết định gia hạn (người giao)",
)
def decide_extension(request, pk: int, payload: DecisionIn):
    ext = ExtensionRequest.objects.select_related("task").filter(pk=pk).first()
    if ext is None or not perms.can_view_task(request.user, ext.task):
        raise ApiError(404, _("Không tìm thấy đề nghị gia hạn %(id)s.") % {"id": pk})
    return _ext(
        services.decide_extension(request.user, ext, approve=payload.approve, note=payload.note)
    )


class AwaitingOut(Schema):
    to_confirm: list[TaskOut]
    extensions: list[ExtensionOut]
    count: int


@router.get(
    "/tasks/awaiting-my-decision",
    response=AwaitingOut,
    summary="Chờ tôi quyết định: nhiệm vụ chờ xác nhận hoàn thành và đề nghị gia hạn",
)
def awaiting(request):
    """The same list as "Của tôi" and the count of the home page's badge part."""
    waiting = awaiting_my_decision(request.user)
    to_confirm = [_out(t, as_of(request)) for t in waiting.to_confirm]
    extensions = [_ext(e) for e in waiting.extensions]
    return AwaitingOut(
        to_confirm=to_confirm, extensions=extensions, count=len(to_confirm) + len(extensions)
    )


class ScoreRow(Schema):
    agency: str
    agency_name: str
    done_on_time: int
    done_late: int
    in_time: int
    overdue: int
    no_deadline: int
    total: int
    done: int
    completion_rate: str | None
    overdue_rate: str | None
    days_overdue: int
    as_of: date  # the date the classes are computed at (?as_of=)


@router.get(
    "/scoreboard", response=list[ScoreRow], summary="Bảng theo dõi nhiệm vụ theo cơ quan chủ trì"
)
def scoreboard(
    request,
    start: ApiDate | None = None,
    end: ApiDate | None = None,
    sort: str = "agency",
    desc: bool = False,
):
    day = as_of(request)
    start, end = start or date(day.year, 1, 1), end or date(day.year, 12, 31)
    tasks = sb.tasks_for_scoreboard(
        Task.objects.visible_to(request.user).filter(assigned_on__lte=day)
    )
    rows = sb.scoreboard(tasks, start, end, today=day, sort=sort, descending=desc)
    return [r.as_dict() | {"as_of": day} for r in rows]
