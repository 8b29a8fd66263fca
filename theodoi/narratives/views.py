"""The "Đọc báo cáo" pages: bring a report in (upload or paste, attached to a cycle and an
agency or to nothing), the list of received reports, and one report's page (the job's
progress while a scan is read, then the preview: tick, choose an indicator, confirm). Thin:
the services read, match, check and write."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from theodoi.core.dates import today
from theodoi.core.errors import DomainError, NotAllowed
from theodoi.jobs.services import progress_of
from theodoi.narratives import services
from theodoi.narratives.intake import bring_in
from theodoi.narratives.models import ReceivedReport
from theodoi.org.models import Agency
from theodoi.permissions.narratives import can_read_reports, can_view_received, received_filter
from theodoi.permissions.org import require_app_user
from theodoi.permissions.targets import can_create_indicator, entry_agencies
from theodoi.reporting.models import ReportingCycle
from theodoi.targets.models import Indicator
from theodoi.targets.services import add_synonym


def _pickers(user) -> dict:
    return {
        "cycles": ReportingCycle.objects.select_related("regime").order_by(
            "-cutoff_end", "regime__name"
        )[:60],
        "agencies": entry_agencies(user, Agency.objects.active_on(today())).order_by("name"),
    }


@login_required
def index(request):
    require_app_user(request.user)
    form = {k: request.POST.get(k, "") for k in ("text", "period", "cycle", "agency")}
    ctx = {"form": form, "can_enter": can_read_reports(request.user), **_pickers(request.user)}
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is not None:
            name, data = upload.name, upload.read()
        elif form["text"].strip():
            name, data = _("văn bản dán.txt"), form["text"].encode()
        else:
            name, data = "", b""
        try:
            if not name:
                raise DomainError(
                    _("Chưa có nội dung: hãy tải tệp lên hoặc dán văn bản."), field="text"
                )
            report, _job = bring_in(
                request.user,
                name=name,
                data=data,
                cycle=form["cycle"],
                agency=form["agency"],
                period=form["period"],
            )
            return redirect("narratives:received", report.pk)
        except NotAllowed as exc:
            raise PermissionDenied(exc.message) from None
        except DomainError as exc:
            ctx["error"] = exc
    reports = ReceivedReport.objects.filter(received_filter(request.user)).select_related(
        "cycle__regime", "agency", "uploaded_by"
    )
    shown = {"cycle": request.GET.get("ky", ""), "agency": request.GET.get("cq", "")}
    if shown["cycle"].isdigit():
        reports = reports.filter(cycle_id=int(shown["cycle"]))
    if shown["agency"]:
        reports = reports.filter(agency__code=shown["agency"])
    ctx.update(reports=reports[:100], shown=shown)
    return render(request, "narratives/index.html", ctx)


def _visible(user, pk: int) -> ReceivedReport:
    report = get_object_or_404(
        ReceivedReport.objects.select_related("cycle__regime", "agency", "uploaded_by", "job"),
        pk=pk,
    )
    if not can_view_received(user, report):
        raise PermissionDenied
    return report


@login_required
def received(request, pk: int):
    require_app_user(request.user)
    report = _visible(request.user, pk)
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "commit":
                picks = [int(i) for i in request.POST.getlist("pick") if i.isdigit()]
                written = services.commit_received(request.user, report, picks)
                messages.success(request, _("Đã ghi %(n)s số liệu.") % {"n": len(written)})
            elif action == "choose":
                index = request.POST.get("index", "")
                ind = services.choose_indicator(
                    request.user,
                    report,
                    int(index) if index.isdigit() else -1,
                    request.POST.get("indicator", ""),
                    request.POST.get("words", "") if request.POST.get("synonym") else "",
                )
                messages.success(request, _("Đã khớp số liệu với “%(i)s”.") % {"i": ind.name})
            elif action == "new":
                index = request.POST.get("index", "")
                ind = services.create_and_choose(
                    request.user,
                    report,
                    int(index) if index.isdigit() else -1,
                    {
                        k: request.POST.get(k, "").strip()
                        for k in ("code", "name", "unit_of_measure", "lead_agency", "kind")
                    },
                )
                messages.success(
                    request, _("Đã tạo chỉ tiêu “%(i)s” và khớp số liệu với nó.") % {"i": ind.name}
                )
            return redirect("narratives:received", report.pk)
        except NotAllowed as exc:
            raise PermissionDenied(exc.message) from None
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect("narratives:received", report.pk)
    result = services.current_preview(request.user, report)
    return render(
        request,
        "narratives/received.html",
        {
            "report": report,
            "result": result,
            "job": report.job,
            "p": progress_of(report.job) if report.job else None,
            "indicators": Indicator.objects.filter(retired=False).order_by("order", "code"),
            "lead_agencies": [
                a
                for a in _pickers(request.user)["agencies"]
                if can_create_indicator(request.user, a)
            ],
        },
    )


@login_required
def received_status(request, pk: int):
    """Polled by htmx every second while the report is being read; when the reading has
    ended the page reloads itself and shows the preview (or why it could not be read)."""
    require_app_user(request.user)
    report = _visible(request.user, pk)
    if report.job is None or not report.job.is_active:
        response = HttpResponse("")
        response["HX-Refresh"] = "true"
        return response
    return render(
        request,
        "narratives/_reading.html",
        {"report": report, "job": report.job, "p": progress_of(report.job)},
    )


@login_required
@require_POST
def synonym(request):
    require_app_user(request.user)
    try:
        ind = add_synonym(
            request.user, request.POST.get("indicator", ""), request.POST.get("words", "")
        )
        messages.success(
            request,
            _("Đã thêm “%(w)s” làm tên gọi khác của “%(i)s”. Hãy đọc lại báo cáo.")
            % {"w": request.POST.get("words", ""), "i": ind.name},
        )
    except NotAllowed as exc:
        raise PermissionDenied(exc.message) from None
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("narratives:index")
