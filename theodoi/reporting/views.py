"""Pages of periodic reporting. Thin: read through assembly, change through services."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from theodoi.core.dates import DateParseError, as_of, parse_date
from theodoi.core.errors import DomainError
from theodoi.core.exporters import export_response
from theodoi.core.periods import Period, picker_periods
from theodoi.org.models import Agency
from theodoi.permissions import org as org_perms
from theodoi.permissions import reporting as perms
from theodoi.reporting import assembly, downloads, drafting, queries, services
from theodoi.reporting import jobs as report_jobs
from theodoi.reporting.exports import CycleBoardExporter
from theodoi.reporting.forms import RegimeForm
from theodoi.reporting.models import (
    OfficeDay,
    ProvinceReport,
    ReportingCycle,
    ReportingRegime,
    Submission,
)
from theodoi.reporting.workdays import makeup_days, public_holidays
from theodoi.targets.models import Status as DataValueStatus


def _require_view(user):
    if not perms.can_view_reporting(user):
        raise PermissionDenied


def _attempt(request, fn, *args, success="", **kwargs):
    """Run a service; show its Vietnamese message (and row errors) when it refuses."""
    try:
        result = fn(*args, **kwargs)
    except DomainError as e:
        messages.error(request, e.message)
        for err in e.errors:
            if err.get("message") and err["message"] != e.message:
                messages.error(request, err["message"])
        return False, None
    if success:
        messages.success(request, success)
    return True, result


def index(request):
    _require_view(request.user)
    mine = org_perms.agency_ids(request.user)
    today = timezone.localdate()  # for opening a cycle (a write): the real today
    day = as_of(request)
    cycles = list(
        queries.cycles_known_on(day)
        .select_related("regime")
        .prefetch_related("submissions", "agencies")
    )
    rows = []
    for c in cycles:
        subs = list(c.submissions.all())
        rows.append(
            {
                "cycle": c,
                # Accepted by the as-of date (the board's rule), from the prefetched rows:
                # not a whole board (its queries) per cycle.
                "accepted": sum(assembly.accepted_by(s, day) for s in subs),
                "total": len(c.agencies.all()),
                "mine": [s for s in subs if s.agency_id in mine],
            }
        )
    return render(
        request,
        "reporting/index.html",
        {
            "rows": rows,
            "today": today,
            "can_manage": perms.can_manage_reporting(request.user),
            "regimes": ReportingRegime.objects.filter(active=True),
            "periods": picker_periods(today_year=today.year),
            "default_period": Period.half(today.year, 1).id,
        },
    )


@require_POST
def open_cycle(request):
    regime = get_object_or_404(ReportingRegime, pk=request.POST.get("regime") or 0)
    ok, cycle = _attempt(
        request,
        services.open_cycle,
        request.user,
        regime,
        request.POST.get("period", ""),
        success=_("Đã mở kỳ báo cáo."),
    )
    return redirect("reporting:cycle", cycle.pk) if ok else redirect("reporting:index")


def _cycle(pk):
    return get_object_or_404(
        ReportingCycle.objects.select_related("regime", "regime__issuer"), pk=pk
    )


def cycle(request, pk):
    _require_view(request.user)
    c = _cycle(pk)
    rows = assembly.board(c, as_of(request))
    steering = perms.can_manage_reporting(request.user)
    visible = (
        rows
        if steering
        else [
            r
            for r in rows
            if org_perms.can_view_agency_drafts(request.user, r.agency)
            or (r.submission and r.submission.state == Submission.State.ACCEPTED)
        ]
    )

    exported = export_response(
        request, CycleBoardExporter(visible), name=c.regime.name, filters={"ky": c.period.id}
    )
    if exported:
        return exported
    return render(
        request,
        "reporting/cycle.html",
        {
            "cycle": c,
            "rows": visible,
            "counts": assembly.board_counts(rows),
            "can_manage": steering,
            "report": ProvinceReport.objects.filter(cycle=c).first(),
            "my_agencies": [
                r.agency
                for r in rows
                if org_perms.can_work_for(request.user, r.agency) and not steering
            ],
            "history": assembly.history(c),
        },
    )


@require_POST
def cycle_action(request, pk, action):
    c = _cycle(pk)
    reason = request.POST.get("reason", "")
    if action == "close":
        _attempt(
            request,
            services.close_cycle,
            request.user,
            c,
            reason,
            success=_("Đã khóa sổ kỳ báo cáo."),
        )
    elif action == "reopen":
        _attempt(
            request,
            services.reopen_cycle,
            request.user,
            c,
            reason,
            success=_("Đã mở lại kỳ báo cáo."),
        )
    elif action == "remind":
        agency = get_object_or_404(Agency, code=request.POST.get("agency", ""))
        ok, sent = _attempt(request, services.remind, request.user, c, agency)
        if ok:
            if sent:
                messages.success(
                    request,
                    _("Đã gửi nhắc nhở tới %(n)s người của %(a)s.") % {"n": sent, "a": agency.name},
                )
            else:
                messages.info(
                    request, _("%(a)s đã được nhắc hôm nay; không gửi lại.") % {"a": agency.name}
                )
    else:
        raise Http404
    return redirect("reporting:cycle", c.pk)


def _submission_or_none(c, agency):
    return (
        Submission.objects.filter(cycle=c, agency=agency)
        .select_related(
            "agency", "agency__unit", "signed_off_by", "submitted_by", "reviewed_by", "created_by"
        )
        .first()
    )


def submission(request, pk, agency):
    _require_view(request.user)
    c = _cycle(pk)
    agency = get_object_or_404(Agency, code=agency)
    if not c.agencies.filter(pk=agency.pk).exists():
        raise Http404
    sub = _submission_or_none(c, agency)
    if sub is None:
        if not org_perms.can_view_agency_drafts(request.user, agency):
            raise PermissionDenied
    elif not perms.can_view_submission(request.user, sub):
        raise PermissionDenied
    user = request.user
    ctx = {
        "cycle": c,
        "agency": agency,
        "sub": sub,
        "can_start": sub is None and perms.can_draft_submission(user, agency) and c.is_open,
    }
    if sub is not None:
        outline = c.regime.outline_sections()
        for s in outline:
            s["text"] = sub.sections.get(s["key"], "")
        ctx.update(
            {
                "outline": outline,
                "lines": assembly.template_lines(sub),
                "history": assembly.history(sub),
                "timeliness": sub.timeliness(as_of(request)),
                "can_edit": sub.is_editable
                and c.is_open
                and perms.can_draft_submission(user, agency),
                "can_sign_off": sub.is_editable
                and c.is_open
                and perms.can_sign_off_submission(user, sub),
                "can_submit": sub.state == Submission.State.SIGNED_OFF
                and c.is_open
                and perms.can_submit_submission(user, sub),
                "can_review": sub.state == Submission.State.SUBMITTED
                and perms.can_review_submission(user, sub),
                "can_reopen": sub.state == Submission.State.ACCEPTED
                and perms.can_manage_reporting(user),
                "missing": services.missing_sections(sub),
                "statuses": DataValueStatus.choices,
            }
        )
    return render(request, "reporting/submission.html", ctx)


def _form_values(request, sub):
    values = []
    for line in assembly.template_lines(sub):
        code = line.indicator.code
        raw = request.POST.get(f"value-{code}", "").strip()
        old = line.value
        if not raw:
            continue
        values.append(
            {
                "indicator": code,
                "value": raw,
                "status": request.POST.get(f"status-{code}") or "estimate",
                "note": request.POST.get(f"note-{code}", "").strip() or (old.note if old else ""),
            }
        )
    return values


@require_POST
def submission_action(request, pk, agency, action):
    c = _cycle(pk)
    agency = get_object_or_404(Agency, code=agency)
    user = request.user
    back = redirect("reporting:submission", c.pk, agency.code)
    if action == "start":
        _attempt(
            request,
            services.start_submission,
            user,
            c,
            agency,
            success=_("Đã tạo dự thảo báo cáo."),
        )
        return back
    sub = _submission_or_none(c, agency)
    if sub is None:
        raise Http404
    if not perms.can_view_submission(user, sub):
        raise PermissionDenied
    reason = request.POST.get("reason", "")
    if action == "save":
        sections = {
            s["key"]: request.POST.get(f"section-{s['key']}", "")
            for s in c.regime.outline_sections()
        }
        _attempt(
            request,
            services.save_submission,
            user,
            sub,
            sections=sections,
            values=_form_values(request, sub),
            success=_("Đã lưu dự thảo."),
        )
    elif action == "sign_off":
        _attempt(request, services.sign_off, user, sub, success=_("Đã duyệt báo cáo."))
    elif action == "submit":
        _attempt(
            request,
            services.submit,
            user,
            sub,
            success=_("Đã gửi báo cáo tới %(r)s.") % {"r": c.regime.recipient.name},
        )
    elif action == "accept":
        _attempt(
            request,
            services.accept,
            user,
            sub,
            success=_("Đã tiếp nhận báo cáo; số liệu của kỳ đã được khóa."),
        )
    elif action == "return":
        _attempt(
            request, services.return_submission, user, sub, reason, success=_("Đã trả lại báo cáo.")
        )
    elif action == "reopen":
        _attempt(
            request, services.reopen_submission, user, sub, reason, success=_("Đã mở lại báo cáo.")
        )
    else:
        raise Http404
    return back


def submission_docx(request, pk, agency):
    _require_view(request.user)
    c = _cycle(pk)
    sub = _submission_or_none(c, get_object_or_404(Agency, code=agency))
    if sub is None:
        raise Http404
    if not perms.can_view_submission(request.user, sub):
        raise PermissionDenied
    return downloads.submission_docx(sub)


def report(request, pk):
    _require_view(request.user)
    c = _cycle(pk)
    rep = ProvinceReport.objects.filter(cycle=c).first()
    can_manage = perms.can_manage_reporting(request.user)
    doc = assembly.province_document(rep) if rep else None
    return render(
        request,
        "reporting/report.html",
        {
            "cycle": c,
            "report": rep,
            "doc": doc,
            "can_manage": can_manage,
            "editing": can_manage
            and rep is not None
            and rep.state == ProvinceReport.State.DRAFT
            and request.GET.get("sua") == "1",
            "accepted": assembly.accepted(c),
            "history": assembly.history(rep),
            "blank_rows": range(2),
        },
    )


@require_POST
def report_action(request, pk, action):
    c = _cycle(pk)
    user = request.user
    rep = ProvinceReport.objects.filter(cycle=c).first()
    if action == "draft":
        _attempt(
            request,
            services.draft_province_report,
            user,
            c,
            success=_("Đã soạn dự thảo từ các báo cáo đã tiếp nhận."),
        )
    elif rep is None:
        raise Http404
    elif action == "edit":
        headings, texts = request.POST.getlist("heading"), request.POST.getlist("text")
        sections = [{"heading": h, "text": t} for h, t in zip(headings, texts, strict=False)]
        ok, _r = _attempt(
            request,
            services.update_province_report,
            user,
            rep,
            title=request.POST.get("title", ""),
            sections=sections,
            success=_("Đã lưu nội dung báo cáo."),
        )
        if not ok:
            return redirect(f"{request.path.rsplit('/thao-tac/', 1)[0]}/?sua=1")
    elif action == "issue":
        try:
            day = parse_date(request.POST.get("issued_on", ""))
        except DateParseError as e:
            messages.error(request, e.message)
            return redirect("reporting:report", c.pk)
        _attempt(
            request,
            services.issue_province_report,
            user,
            rep,
            number=request.POST.get("number", ""),
            issued_on=day,
            success=_("Đã ban hành báo cáo."),
        )
    else:
        raise Http404
    return redirect("reporting:report", c.pk)


def report_docx(request, pk):
    _require_view(request.user)
    rep = get_object_or_404(
        ProvinceReport.objects.select_related("cycle__regime__issuer"), cycle_id=pk
    )
    if report_jobs.should_queue():
        job, _created = report_jobs.start_province_docx(request.user, rep)
        return redirect("jobs:detail", job.pk)
    return downloads.province_docx(rep)


def report_xlsx(request, pk):
    _require_view(request.user)
    return downloads.province_xlsx(_cycle(pk))


def regime_form(request, pk=None):
    _require_view(request.user)
    if not perms.can_manage_reporting(request.user):
        raise PermissionDenied
    regime = get_object_or_404(ReportingRegime, pk=pk) if pk else None
    initial = {}
    if regime:
        initial = {
            "agencies": regime.agencies.all(),
            "indicators": [t.indicator for t in regime.template.all()],
            "outline_text": drafting.outline_text(regime.outline),
        }
    form = RegimeForm(request.POST or None, instance=regime, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {
            name: form.cleaned_data[name]
            for name in services.REGIME_FIELDS
            if name in form.cleaned_data
        }
        # The form filled the instance while validating; the service decides what is saved.
        if regime:
            regime.refresh_from_db()
        try:
            services.save_regime(
                request.user,
                regime,
                data,
                agencies=list(form.cleaned_data["agencies"]),
                indicators=list(form.cleaned_data["indicators"]),
                outline_text=form.cleaned_data["outline_text"],
            )
        except DomainError as e:
            for err in e.errors or [{"field": e.field, "message": e.message}]:
                field = {"outline": "outline_text", "template": "indicators"}.get(
                    err.get("field"), err.get("field")
                )
                form.add_error(field if field in form.fields else None, err["message"])
        else:
            messages.success(request, _("Đã lưu chế độ báo cáo."))
            return redirect("reporting:regimes")
    return render(
        request,
        "reporting/regime_form.html",
        {
            "form": form,
            "regime": regime,
            "wide": ["content", "agencies", "indicators", "outline_text"],
        },
    )


def regimes(request):
    _require_view(request.user)
    return render(
        request,
        "reporting/regimes.html",
        {
            "regimes": ReportingRegime.objects.prefetch_related(
                "agencies", "template__indicator"
            ).select_related("recipient"),
            "can_manage": perms.can_manage_reporting(request.user),
        },
    )


def calendar(request):
    _require_view(request.user)
    can_manage = perms.can_manage_reporting(request.user)
    if request.method == "POST":
        if request.POST.get("delete"):
            day = get_object_or_404(OfficeDay, pk=request.POST["delete"])
            _attempt(request, services.delete_office_day, request.user, day, success=_("Đã xóa."))
        else:
            try:
                day = parse_date(request.POST.get("day", ""))
            except DateParseError as e:
                messages.error(request, e.message)
            else:
                _attempt(
                    request,
                    services.save_office_day,
                    request.user,
                    day,
                    request.POST.get("kind", ""),
                    request.POST.get("reason", ""),
                    success=_("Đã lưu ngày %(d)s.") % {"d": day.strftime("%d/%m/%Y")},
                )
        return redirect("reporting:calendar")
    year = timezone.localdate().year
    try:
        year = int(request.GET.get("nam", year))
    except ValueError:
        pass
    return render(
        request,
        "reporting/calendar.html",
        {
            "days": OfficeDay.objects.all(),
            # One list in date order: holidays and make-up Saturdays interleaved.
            "public": sorted(
                [
                    *public_holidays(year),
                    *((d, _("Làm việc bù (thứ Bảy)")) for d in makeup_days(year)),
                ]
            ),
            "year": year,
            "can_manage": can_manage,
            "kinds": OfficeDay.Kind.choices,
        },
    )
