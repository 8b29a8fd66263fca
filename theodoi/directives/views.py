"""Directive and meeting pages. Thin: read, call a service, render."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from theodoi.core.dates import as_of
from theodoi.core.errors import DomainError
from theodoi.core.text import search
from theodoi.directives import services
from theodoi.directives.files import download
from theodoi.directives.forms import ConclusionFormSet, DirectiveForm, MeetingForm
from theodoi.directives.models import Directive, DirectiveFile, DirectiveKind, Meeting
from theodoi.permissions import directives as perms
from theodoi.permissions import org as org_perms
from theodoi.permissions import tasks as task_perms
from theodoi.permissions.org import require_app_user


def index(request):
    require_app_user(request.user)
    q = request.GET.get("q", "")
    kind = request.GET.get("kind", "")
    qs = Directive.objects.select_related("issuer", "implements")
    qs = search(qs, q)
    if kind:
        qs = qs.filter(kind=kind)
    return render(
        request,
        "directives/index.html",
        {
            "directives": qs,
            "q": q,
            "kind": kind,
            "kinds": DirectiveKind.choices,
            "can_add": perms.can_edit_directive(request.user),
        },
    )


def tree(request):
    """The cascade: resolution → programme → plans → conclusion notices."""
    require_app_user(request.user)
    nodes = list(Directive.objects.select_related("issuer").order_by("issued_on", "number"))
    children = {}
    for d in nodes:
        children.setdefault(d.implements_id, []).append(d)

    def build(parent_id, depth=0):
        return [
            {"d": d, "depth": depth, "children": build(d.pk, depth + 1)}
            for d in children.get(parent_id, [])
        ]

    return render(request, "directives/tree.html", {"roots": build(None)})


def detail(request, pk):
    require_app_user(request.user)
    directive = get_object_or_404(Directive.objects.select_related("issuer", "implements"), pk=pk)
    return render(
        request,
        "directives/detail.html",
        {
            "d": directive,
            "children": directive.children.select_related("issuer").order_by("issued_on"),
            "files": directive.files.all(),
            "breakthroughs": directive.breakthroughs.all(),
            "meetings": directive.meetings.all(),
            "can_edit": perms.can_edit_directive(request.user, directive.issuer),
            "notice_of": getattr(directive, "notice_of", None)
            if hasattr(directive, "notice_of")
            else None,
        },
    )


@require_POST
def upload(request, pk):
    require_app_user(request.user)
    directive = get_object_or_404(Directive, pk=pk)
    uploaded = request.FILES.get("file")
    if uploaded is None:
        messages.error(request, _("Chưa chọn tệp để đính kèm."))
    else:
        try:
            services.attach_file(request.user, directive, uploaded)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Đã đính kèm tệp “%(n)s”.") % {"n": uploaded.name})
    return redirect("directives:detail", pk=pk)


def file(request, pk):
    require_app_user(request.user)
    row = get_object_or_404(DirectiveFile.objects.select_related("directive"), pk=pk)
    if not perms.can_view_directives(request.user):
        raise Http404
    return download(row)


def meetings(request):
    require_app_user(request.user)
    return render(
        request,
        "directives/meetings.html",
        {
            "meetings": Meeting.objects.select_related("host", "notice").prefetch_related(
                "conclusions"
            ),
            "can_add": perms.can_manage_meeting(request.user),
        },
    )


def meeting(request, pk):
    require_app_user(request.user)
    m = get_object_or_404(Meeting.objects.select_related("host", "directive", "notice"), pk=pk)
    if not perms.can_view_meeting(request.user, m):
        raise Http404

    items = []
    for c in m.conclusions.select_related("lead").prefetch_related("coordinators"):
        task = getattr(c, "task", None) if hasattr(c, "task") else None
        if task is not None and not task_perms.can_view_task(request.user, task):
            task = None
        items.append(
            {"c": c, "task": task, "status": task.status(as_of(request)) if task else None}
        )
    return render(
        request,
        "directives/meeting.html",
        {
            "m": m,
            "agenda": m.agenda.select_related("presenter"),
            "agencies": m.agencies.all(),
            "items": items,
            "can_issue": perms.can_manage_meeting(request.user, m) and not m.notice_id,
            "today": timezone.localdate(),
        },
    )


def _form_errors(form, exc):
    for e in exc.errors or [{"field": exc.field, "message": exc.message}]:
        form.add_error(e.get("field") if e.get("field") in form.fields else None, e["message"])


def edit(request, pk=None):
    """Record a directive (pk None) or edit one, through services.save_directive."""
    require_app_user(request.user)
    directive = get_object_or_404(Directive, pk=pk) if pk else None
    if not (
        org_perms.is_steering(request.user)
        or (directive and perms.can_edit_directive(request.user, directive.issuer))
    ):
        raise PermissionDenied
    initial = {}
    if directive:
        initial = {f: getattr(directive, f) for f in services.DIRECTIVE_FIELDS}
        initial["breakthroughs"] = list(directive.breakthroughs.all())
    elif request.GET.get("implements"):
        initial["implements"] = request.GET["implements"]
    form = DirectiveForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        breakthroughs = data.pop("breakthroughs")
        try:
            saved = services.save_directive(
                request.user, directive, breakthroughs=breakthroughs, **data
            )
        except DomainError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu văn bản."))
            return redirect("directives:detail", pk=saved.pk)
    return render(request, "directives/edit.html", {"form": form, "d": directive})


def new_meeting(request):
    """Record a meeting with its agenda and numbered conclusions (services.record_meeting)."""
    require_app_user(request.user)
    if not perms.can_manage_meeting(request.user):
        raise PermissionDenied
    form = MeetingForm(request.POST or None)
    conclusions = ConclusionFormSet(request.POST or None, prefix="kl")
    if request.method == "POST" and form.is_valid() and conclusions.is_valid():
        data = dict(form.cleaned_data)
        agenda = [
            {"title": line.strip()} for line in data.pop("agenda").splitlines() if line.strip()
        ]
        items = []
        for c in conclusions.cleaned_data:
            if c.get("text"):
                items.append({**c, "number": len(items) + 1, "coordinators": []})
        try:
            meeting = services.record_meeting(
                request.user, agenda=agenda, conclusions=items, **data
            )
        except DomainError as exc:
            _form_errors(form, exc)
        else:
            messages.success(
                request, _("Đã ghi buổi làm việc với %(n)s kết luận.") % {"n": len(items)}
            )
            return redirect("directives:meeting", pk=meeting.pk)
    return render(
        request, "directives/meeting_form.html", {"form": form, "conclusions": conclusions}
    )
