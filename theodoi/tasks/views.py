"""Task pages. Thin: read the request, call a service or a query, render."""

from datetime import date
from typing import cast

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from theodoi.audit.actions import label as action_label
from theodoi.audit.trail import entries_for
from theodoi.core.dates import DateParseError, as_of, parse_date
from theodoi.core.errors import DomainError
from theodoi.core.exporters import export_response
from theodoi.core.forms import MarkedForm, VNDateField
from theodoi.directives.files import download
from theodoi.directives.models import Breakthrough, Directive, Meeting
from theodoi.org.models import Agency
from theodoi.permissions import org as org_perms
from theodoi.permissions import tasks as perms
from theodoi.permissions.org import require_app_user
from theodoi.tasks import conclusions, progress, services
from theodoi.tasks import scoreboard as sb
from theodoi.tasks import status as st
from theodoi.tasks.cache import task_list
from theodoi.tasks.exports import ScoreboardExporter, TaskExporter
from theodoi.tasks.models import (
    ExtensionRequest,
    ProgressFile,
    Recurrence,
    State,
    Task,
)
from theodoi.tasks.queries import Filters, awaiting_my_decision, filtered_statuses, load


def _task_for(request, pk) -> Task:
    require_app_user(request.user)
    task = get_object_or_404(Task.objects.with_related(), pk=pk)
    if not perms.can_view_task(request.user, task):
        raise Http404  # do not even confirm that the task exists
    return task


def index(request):
    require_app_user(request.user)
    f = Filters.from_params(request.GET)
    day = as_of(request)

    exported = export_response(
        request,
        lambda: TaskExporter(load(filtered_statuses(request.user, f, today=day))),
        name=_("Nhiệm vụ"),
        filters={k: v for k, v in request.GET.items() if k not in ("page", "export")},
    )
    if exported:
        return exported
    return render(
        request,
        "tasks/index.html",
        {
            # The filters, count, rows and pager, drawn once per visibility scope (cached).
            "listing": task_list(request, f, day),
            "can_assign": perms.can_assign(request.user),
        },
    )


def mine(request):
    """What the person has to do: tasks of their agencies, confirmations and
    extension decisions waiting for them, and tasks they assigned."""
    require_app_user(request.user)
    user, today = request.user, as_of(request)
    ids = org_perms.agency_ids(user)
    base = Task.objects.with_related()
    led = [
        (t, t.status(today))
        for t in base.filter(lead_id__in=ids).exclude(state__in=[State.DONE, State.CANCELLED])
    ]
    coordinated = [
        (t, t.status(today))
        for t in base.filter(coordinators__id__in=ids)
        .exclude(state__in=[State.DONE, State.CANCELLED])
        .distinct()
    ]
    waiting = awaiting_my_decision(user)
    to_confirm = [(t, t.status(today)) for t in waiting.to_confirm]
    extensions = waiting.extensions
    assigned = [
        (t, t.status(today))
        for t in base.filter(assigner=user).exclude(state__in=[State.DONE, State.CANCELLED])
    ]
    return render(
        request,
        "tasks/mine.html",
        {
            "led": led,
            "coordinated": coordinated,
            "to_confirm": to_confirm,
            "extensions": extensions,
            "assigned": assigned,
        },
    )


def _timeline(task):
    """Assignment, updates, extensions, confirmation: the audit trail of the task,
    with the progress texts and files joined in."""
    updates = {u.pk: u for u in task.updates.select_related("author").prefetch_related("files")}
    items = []
    for e in entries_for(task):
        items.append(
            {
                "entry": e,
                "label": action_label(e.action),
                "update": updates.get(e.data.get("update")) if isinstance(e.data, dict) else None,
            }
        )
    return items


def detail(request, pk):
    task = _task_for(request, pk)
    # The status speaks of the as-of date; "today" decides what may be asked now (a
    # deadline extension is asked today, whatever date the figures speak of).
    today = timezone.localdate()
    return render(
        request,
        "tasks/detail.html",
        {
            "task": task,
            "status": task.status(as_of(request)),
            "timeline": _timeline(task),
            "occurrences": task.occurrences.all(),
            "extensions": task.extensions.select_related("requested_by", "decided_by"),
            "pending": task.extensions.filter(decision=ExtensionRequest.Decision.PENDING).first(),
            "can_work": perms.can_work_on(request.user, task),
            "can_decide": perms.can_decide(request.user, task),
            "open": task.state in {State.ASSIGNED, State.IN_PROGRESS, State.RETURNED},
            "today": today,
        },
    )


class ExtensionForm(forms.Form):
    proposed_deadline = VNDateField(label=_lazy("Thời hạn đề nghị"))
    reason = forms.CharField(label=_lazy("Lý do"))


def _first_error(form):
    field, errs = next(iter(form.errors.items()))
    label = form.fields[field].label if field in form.fields else ""
    if not label or errs[0].startswith(f"{label}:"):  # VNDateField names its field itself
        return errs[0]
    return f"{label}: {errs[0]}"


@require_POST
def act(request, pk, action):
    """One POST per workflow step; the service decides whether it is allowed."""
    task = _task_for(request, pk)
    user, post = request.user, request.POST
    files = request.FILES.getlist("files")
    done = {
        "start": (lambda: services.start_task(user, task), _lazy("Đã bắt đầu thực hiện nhiệm vụ.")),
        "progress": (
            lambda: services.post_progress(
                user, task, text=post.get("text", ""), percent=post.get("percent", ""), files=files
            ),
            _lazy("Đã cập nhật tiến độ."),
        ),
        "report": (
            lambda: services.report_done(user, task, text=post.get("text", ""), files=files),
            _lazy("Đã báo cáo hoàn thành; nhiệm vụ chờ người giao xác nhận."),
        ),
        "confirm": (
            lambda: services.confirm_done(user, task, note=post.get("note", "")),
            _lazy("Đã xác nhận hoàn thành."),
        ),
        "return": (
            lambda: services.return_task(user, task, reason=post.get("reason", "")),
            _lazy("Đã trả lại nhiệm vụ để thực hiện lại."),
        ),
        "pause": (
            lambda: services.pause_task(user, task, reason=post.get("reason", "")),
            _lazy("Đã tạm hoãn nhiệm vụ."),
        ),
        "resume": (
            lambda: services.resume_task(user, task, reason=post.get("reason", "")),
            _lazy("Nhiệm vụ được tiếp tục."),
        ),
        "cancel": (
            lambda: services.cancel_task(user, task, reason=post.get("reason", "")),
            _lazy("Đã hủy nhiệm vụ."),
        ),
    }
    if action == "extension":
        form = ExtensionForm(post)
        if not form.is_valid():
            messages.error(request, _first_error(form))
            return redirect("tasks:detail", pk=task.pk)
        done["extension"] = (
            lambda: services.request_extension(user, task, **form.cleaned_data),
            _lazy("Đã gửi đề nghị gia hạn."),
        )
    if action not in done:
        raise Http404
    call, ok = done[action]
    try:
        call()
    except DomainError as exc:  # NotAllowed included: say why, change nothing
        messages.error(request, exc.message)
    else:
        messages.success(request, ok)
    return redirect("tasks:detail", pk=task.pk)


@require_POST
def decide(request, pk, req):
    task = _task_for(request, pk)
    extension = get_object_or_404(ExtensionRequest, pk=req, task=task)
    try:
        services.decide_extension(
            request.user,
            extension,
            approve=request.POST.get("approve") == "1",
            note=request.POST.get("note", ""),
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã ghi quyết định gia hạn."))
    return redirect("tasks:detail", pk=task.pk)


def file(request, pk):
    row = get_object_or_404(ProgressFile.objects.select_related("update__task"), pk=pk)
    _task_for(request, row.update.task_id)  # 404 unless the person may see the task
    return download(row)


class AssignForm(MarkedForm):
    directive = forms.ModelChoiceField(
        label=_lazy("Văn bản giao"),
        queryset=Directive.objects.all(),
        required=False,
        empty_label=_lazy("— Không gắn với văn bản nào —"),
    )
    title = forms.CharField(label=_lazy("Tên nhiệm vụ"), max_length=500)
    content = forms.CharField(label=_lazy("Nội dung"), widget=forms.Textarea, required=False)
    lead = forms.ModelChoiceField(
        label=_lazy("Cơ quan chủ trì"),
        queryset=Agency.objects.all(),
        empty_label=_lazy("— Chọn cơ quan chủ trì —"),
    )
    coordinators = forms.ModelMultipleChoiceField(
        label=_lazy("Cơ quan phối hợp"),
        queryset=Agency.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    product = forms.CharField(label=_lazy("Sản phẩm"), max_length=300, required=False)
    recurrence = forms.ChoiceField(
        label=_lazy("Tính chất thời hạn"), choices=Recurrence.choices, initial=Recurrence.ONCE
    )
    deadline = VNDateField(
        label=_lazy("Thời hạn"),
        required=False,
        help_text=_lazy("Với nhiệm vụ hằng năm: ngày, tháng của hạn mỗi năm."),
    )
    breakthroughs = forms.ModelMultipleChoiceField(
        label=_lazy("Khâu đột phá"),
        queryset=Breakthrough.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


def create(request):
    require_app_user(request.user)
    if not perms.can_assign(request.user):
        raise PermissionDenied
    form = AssignForm(request.POST or None, initial={"directive": request.GET.get("directive")})
    agencies = Agency.objects.active_on(timezone.localdate())
    for name in ("lead", "coordinators"):
        cast(forms.ModelChoiceField, form.fields[name]).queryset = agencies
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        directive = data.pop("directive")
        try:
            [task] = services.create_tasks(request.user, directive, [data])
        except DomainError as exc:
            for e in exc.errors or [{"field": exc.field, "message": exc.message}]:
                form.add_error(e["field"] if e.get("field") in form.fields else None, e["message"])
        else:
            messages.success(request, _("Đã giao nhiệm vụ cho %(a)s.") % {"a": task.lead.name})
            return redirect("tasks:detail", pk=task.pk)
    return render(request, "tasks/create.html", {"form": form})


def _span(request) -> tuple[date, date]:
    today = as_of(request)
    try:
        start = (
            parse_date(request.GET["start"]) if request.GET.get("start") else date(today.year, 1, 1)
        )
        end = parse_date(request.GET["end"]) if request.GET.get("end") else date(today.year, 12, 31)
    except DateParseError as exc:
        messages.error(request, exc.message)
        start, end = date(today.year, 1, 1), date(today.year, 12, 31)
    if end < start:
        messages.error(request, _("Ngày kết thúc trước ngày bắt đầu; đã đổi chỗ hai ngày."))
        start, end = end, start
    return start, end


def board(request):
    """The agency scoreboard over the tasks the person may see."""
    require_app_user(request.user)
    start, end = _span(request)
    sort = request.GET.get("sort", "agency")
    desc = request.GET.get("dir") == "desc"
    day = as_of(request)
    tasks = sb.tasks_for_scoreboard(
        Task.objects.visible_to(request.user).filter(assigned_on__lte=day)
    )
    rows = sb.scoreboard(tasks, start, end, today=day, sort=sort, descending=desc)

    exported = export_response(
        request,
        ScoreboardExporter(rows, sb.totals(rows)),
        name=_("Bảng xếp hạng"),
        filters={"tu": start.strftime("%d-%m-%Y"), "den": end.strftime("%d-%m-%Y")},
    )
    if exported:
        return exported
    return render(
        request,
        "tasks/scoreboard.html",
        {
            "rows": rows,
            "total": sb.totals(rows),
            "start": start,
            "end": end,
            "sort": sort,
            "desc": desc,
            "classes": [(c, st.LABELS[c], st.TONES[c]) for c in st.CLASSES],
            "presets": [
                (str(y), date(y, 1, 1), date(y, 12, 31))
                for y in range(2021, max(as_of(request), timezone.localdate()).year + 1)
            ],
        },
    )


def directive_progress(request, pk):
    """Panel of the directive page (htmx): its tasks and those of the directives below it,
    counted by status class."""
    require_app_user(request.user)
    directive = get_object_or_404(Directive, pk=pk)
    return render(
        request,
        "tasks/_directive_progress.html",
        {
            "d": directive,
            "roll": progress.directive_progress(request.user, directive, as_of(request)),
        },
    )


def directive_tasks(request, pk):
    """Panel of the directive page (htmx): the tasks the directive itself assigns."""
    require_app_user(request.user)
    directive = get_object_or_404(Directive, pk=pk)
    return render(
        request,
        "tasks/_directive_tasks.html",
        {
            "d": directive,
            "roll": progress.directive_progress(request.user, directive, as_of(request)),
        },
    )


@require_POST
def issue_conclusions(request, pk):
    """The meeting page's form: issue the conclusion notice and assign its tasks."""
    require_app_user(request.user)
    m = get_object_or_404(Meeting, pk=pk)
    try:
        issued_on = parse_date(request.POST["issued_on"]) if request.POST.get("issued_on") else None
        notice, tasks = conclusions.issue_conclusions(
            request.user, m, number=request.POST.get("number", ""), issued_on=issued_on
        )
    except DateParseError as exc:
        messages.error(request, exc.message)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("Đã ban hành %(n)s và giao %(k)s nhiệm vụ.") % {"n": notice.number, "k": len(tasks)},
        )
    return redirect("directives:meeting", pk=pk)
