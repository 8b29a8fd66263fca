"""Pages for bulk work: data-entry workbooks, task tables, DHIS2, the mapping table.

Thin: read the request, call a service, show the preview or the error. The preview page
carries only the upload's token; confirming re-reads and re-validates the stored file."""

from contextlib import contextmanager

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from theodoi.core.dates import today
from theodoi.core.errors import DomainError, NotAllowed
from theodoi.core.exporters import FORMATS, Column, Exporter, download_name, file_response
from theodoi.core.periods import Period, PeriodError, picker_periods
from theodoi.directives.models import Directive
from theodoi.exchange import dhis2, services, uploads
from theodoi.exchange import jobs as import_jobs
from theodoi.exchange.models import ExternalMapping, Upload
from theodoi.exchange.preview import for_template
from theodoi.exchange.readers import limit
from theodoi.exchange.tasks_import import HEADERS
from theodoi.org.models import Agency
from theodoi.permissions import exchange as perms
from theodoi.permissions import org as org_perms
from theodoi.permissions import targets as target_perms
from theodoi.permissions.org import require_app_user


@contextmanager
def shown_on(ctx):
    """A refusal becomes 403; any other domain error is shown on the page (nothing written)."""
    try:
        yield
    except NotAllowed as exc:
        raise PermissionDenied(exc.message) from None
    except DomainError as exc:
        ctx["error"] = exc


def _entry_agencies(user):
    """The agencies existing today whose figures the user enters (one rule:
    permissions.targets.entry_agency_ids)."""
    existing = Agency.objects.active_on(today()).select_related("unit")
    return target_perms.entry_agencies(user, existing)


def _default_period() -> str:
    """The quarter that has just ended or is running: what agencies report now."""
    d = today()
    return Period.quarter(d.year, (d.month - 1) // 3 + 1).id


def _upload(request, field="file"):
    f = request.FILES.get(field)
    if f is None:
        raise DomainError(_("Chưa chọn tệp để tải lên."), field=field)
    if f.size > limit("EXCHANGE_MAX_UPLOAD_BYTES"):
        raise DomainError(
            _("Tệp “%(name)s” vượt giới hạn %(max)s MB.")
            % {"name": f.name, "max": limit("EXCHANGE_MAX_UPLOAD_BYTES") // (1024 * 1024)},
            field=field,
        )
    return f.read(), f.name


def index(request):
    require_app_user(request.user)
    return render(
        request,
        "exchange/index.html",
        {
            "can_values": bool(_entry_agencies(request.user).exists()),
            "can_tasks": perms.can_import_tasks(request.user),
            "can_dhis2": perms.can_exchange_with_other_systems(request.user),
        },
    )


# -- Data-entry workbooks ---------------------------------------------------------------


def values(request):
    require_app_user(request.user)
    agencies = _entry_agencies(request.user)
    if not agencies.exists():
        raise PermissionDenied
    source = request.POST if request.method == "POST" else request.GET
    # Default: the person's own agency that leads indicators (the steering office: the first
    # such agency).
    own = agencies.filter(pk__in=org_perms.agency_ids(request.user), led_indicators__isnull=False)
    agency = (
        agencies.filter(code=source.get("agency")).first()
        or own.first()
        or agencies.filter(led_indicators__isnull=False).distinct().first()
        or agencies.first()
    )
    period_id = source.get("period") or _default_period()
    ctx = {
        "agencies": agencies,
        "agency": agency,
        "period_id": period_id,
        "children": source.get("children") == "1",
    }
    chosen = None
    try:
        ctx["period"] = chosen = Period.parse(period_id)
    except PeriodError as exc:
        ctx["period_error"] = exc.message
    ctx["periods"] = picker_periods(chosen, today_year=today().year)
    fmt = request.GET.get("format")
    if request.method == "GET" and fmt in FORMATS and "period" in ctx:
        with shown_on(ctx):  # a unit not in the period is said on the page
            book = services.entry_workbook(
                request.user, agency, period_id, with_children=ctx["children"]
            )
            name = download_name("so-lieu", {"": agency.code, "ky": ctx["period"].id}, fmt)
            return file_response(book.render(fmt), name, fmt)
    if request.method == "POST":
        with shown_on(ctx):
            if request.POST.get("token"):
                if import_jobs.should_queue(request.POST["token"], Upload.Kind.VALUES):
                    job, _created = import_jobs.start_import(
                        request.user, Upload.Kind.VALUES, request.POST["token"]
                    )
                    return redirect("jobs:detail", job.pk)
                written = services.import_values(request.user, request.POST["token"])
                messages.success(
                    request,
                    _("Đã ghi %(n)s giá trị của %(agency)s, %(period)s.")
                    % {"n": len(written), "agency": agency.name, "period": ctx["period"].label},
                )
                return redirect(f"{request.path}?agency={agency.code}&period={ctx['period'].id}")
            data, filename = _upload(request)
            if import_jobs.preview_is_large(len(data), Upload.Kind.VALUES):
                job, _created = import_jobs.start_value_preview(
                    request.user, data, filename, agency, period_id
                )
                return redirect("jobs:detail", job.pk)
            ctx["preview"] = services.preview_value_import(
                request.user, data, filename, agency, period_id
            )
    elif request.GET.get("preview"):
        # The preview a job checked (a large workbook): confirmed from here as any other.
        with shown_on(ctx):
            _upload_row, kept = services.stored_preview(
                request.user, request.GET["preview"], Upload.Kind.VALUES
            )
            ctx["preview"] = for_template(kept)
    return render(request, "exchange/values.html", ctx)


# -- Task tables ---------------------------------------------------------------


def tasks(request):
    require_app_user(request.user)
    if not perms.can_import_tasks(request.user):
        raise PermissionDenied
    directives = [
        d
        for d in Directive.objects.select_related("issuer").order_by("-issued_on", "number")
        if perms.can_import_tasks(request.user, d)
    ]
    ctx = {"directives": directives, "directive_id": request.POST.get("directive", "")}
    if request.method == "POST":
        choices = {
            k[len("choice-") :]: v for k, v in request.POST.items() if k.startswith("choice-") and v
        }
        ctx["choices"] = choices
        with shown_on(ctx):
            token = request.POST.get("token")
            if token and request.POST.get("action") == "commit":
                directive = next(
                    (d for d in directives if str(d.pk) == request.POST.get("directive")), None
                )
                if directive is not None and import_jobs.should_queue(token, Upload.Kind.TASKS):
                    job, _created = import_jobs.start_import(
                        request.user,
                        Upload.Kind.TASKS,
                        token,
                        directive=directive.pk,
                        choices=choices,
                    )
                    return redirect("jobs:detail", job.pk)
                created = services.import_tasks(request.user, token, directive, choices=choices)
                messages.success(
                    request,
                    _("Đã giao %(n)s nhiệm vụ theo %(d)s.") % {"n": len(created), "d": directive},
                )
                return redirect("exchange:tasks")
            if token:
                upload = uploads.find(request.user, token, Upload.Kind.TASKS)
                if import_jobs.preview_is_large(upload.size, Upload.Kind.TASKS):
                    job, _created = import_jobs.start_task_repreview(request.user, upload, choices)
                    return redirect("jobs:detail", job.pk)
                ctx["preview"] = services.repreview_task_import(
                    request.user, token, choices=choices
                )
            else:
                data, filename = _upload(request)
                if import_jobs.preview_is_large(len(data), Upload.Kind.TASKS):
                    job, _created = import_jobs.start_task_preview(request.user, data, filename)
                    return redirect("jobs:detail", job.pk)
                ctx["preview"] = services.preview_task_import(request.user, data, filename)
    elif request.GET.get("preview"):
        # The preview a job checked (a large table), with the answers it was checked with.
        with shown_on(ctx):
            upload, kept = services.stored_preview(
                request.user, request.GET["preview"], Upload.Kind.TASKS
            )
            ctx["preview"] = for_template(kept)
            ctx["choices"] = (upload.result or {}).get("choices") or {}
    return render(request, "exchange/tasks.html", ctx)


def task_template(request):
    """An empty table with the expected headers, for a plan written from scratch."""
    require_app_user(request.user)

    class Blank(Exporter):
        title = _("Nhiệm vụ")
        columns = [
            Column(h, lambda r: None, width=w)
            for h, w in zip(HEADERS, [6, 60, 25, 30, 18, 25], strict=True)
        ]

    fmt = request.GET.get("format") if request.GET.get("format") in FORMATS else "xlsx"
    return file_response(Blank([]).render(fmt), f"mau-danh-muc-nhiem-vu.{fmt}", fmt)


# -- DHIS2 ---------------------------------------------------------------


def dhis2_period_choice(ids: list[str]) -> str | None:
    """The label of the picker's extra option when the URL names periods the list does not
    offer as one choice (several codes, or a year outside it): "Quý II/2021, Tháng 6/2021".
    None when it is one period the list offers. A code that is not a period shows as typed."""
    offered = {p.id for p in picker_periods(today_year=today().year)}
    if len(ids) == 1 and ids[0] in offered:
        return None
    labels = []
    for pid in ids:
        try:
            labels.append(Period.parse(pid).label)
        except PeriodError:
            labels.append(pid)
    return ", ".join(labels)


def dhis2_page(request):
    require_app_user(request.user)
    if not perms.can_exchange_with_other_systems(request.user):
        raise PermissionDenied
    # The picker sends one period id; a URL (or a bookmark) may still list several codes,
    # "?periods=2021Q2,202106", which the picker then shows as one choice.
    typed = ",".join(request.GET.getlist("periods")) or _default_period()
    ids = [p for p in typed.replace(";", ",").replace(" ", ",").split(",") if p]
    ctx = {
        "period_ids": ",".join(ids),
        "period_choice": dhis2_period_choice(ids),
        "periods": picker_periods(today_year=today().year),
        "status": request.POST.get("status", "official"),
    }
    fmt = request.GET.get("format")
    with shown_on(ctx):
        if request.method == "GET" and request.GET.get("periods"):
            values, skipped = services.export_dhis2(request.user, ids)
            if fmt in ("json", "csv"):
                body = dhis2.to_json(values) if fmt == "json" else dhis2.to_csv(values)
                response = file_response(
                    body, download_name("dataValueSets", {"": "-".join(ids)}, fmt), "csv"
                )
                if fmt == "json":
                    response["Content-Type"] = "application/json; charset=utf-8"
                response["X-Unmapped-Count"] = str(sum(s["count"] for s in skipped))
                return response
            ctx.update(export_values=values, skipped=skipped)
        if request.method == "POST":
            if request.POST.get("token"):
                if import_jobs.should_queue(request.POST["token"], Upload.Kind.DHIS2):
                    job, _created = import_jobs.start_import(
                        request.user,
                        Upload.Kind.DHIS2,
                        request.POST["token"],
                        strict=request.POST.get("strict") == "1",
                    )
                    return redirect("jobs:detail", job.pk)
                written = services.import_dhis2(
                    request.user, request.POST["token"], strict=request.POST.get("strict") == "1"
                )
                messages.success(request, _("Đã ghi %(n)s giá trị từ DHIS2.") % {"n": len(written)})
                return redirect("exchange:dhis2")
            data, filename = _upload(request)
            if import_jobs.preview_is_large(len(data), Upload.Kind.DHIS2):
                job, _created = import_jobs.start_dhis2_preview(
                    request.user, data, filename, status=ctx["status"]
                )
                return redirect("jobs:detail", job.pk)
            ctx["preview"] = services.preview_dhis2_import(
                request.user, data, filename, status=ctx["status"]
            )
        elif request.GET.get("preview"):
            _upload_row, kept = services.stored_preview(
                request.user, request.GET["preview"], Upload.Kind.DHIS2
            )
            ctx["preview"] = for_template(kept)
    return render(request, "exchange/dhis2.html", ctx)


def mappings(request):
    require_app_user(request.user)
    if not perms.can_manage_mappings(request.user):
        raise PermissionDenied
    ctx = {
        "mappings": ExternalMapping.objects.all(),
        "kinds": ExternalMapping.Kind.choices,
        "form": request.POST,
    }
    if request.method == "POST":
        with shown_on(ctx):
            services.save_mapping(
                request.user,
                kind=request.POST.get("kind", ""),
                external_id=request.POST.get("external_id", ""),
                code=request.POST.get("code", ""),
                note=request.POST.get("note", ""),
            )
            messages.success(request, _("Đã lưu ánh xạ."))
            return redirect("exchange:mappings")
    return render(request, "exchange/mappings.html", ctx)


@require_POST
def mapping_delete(request, pk):
    require_app_user(request.user)
    mapping = get_object_or_404(ExternalMapping, pk=pk)
    try:
        services.delete_mapping(request.user, mapping)
    except NotAllowed as exc:
        raise PermissionDenied(exc.message) from None
    messages.success(request, _("Đã xóa ánh xạ %(m)s.") % {"m": mapping})
    return redirect("exchange:mappings")
