"""Pages of the targets area: the indicator list, an indicator's page, data entry."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from theodoi.core.dates import as_of
from theodoi.core.errors import DomainError
from theodoi.core.exporters import export_response
from theodoi.core.periods import Period, PeriodError, picker_periods
from theodoi.directives.models import Breakthrough
from theodoi.org.models import Agency
from theodoi.org.queries import (
    in_province,
    province,
    unit_at,
    unit_for_span,
    units_for_picker,
)
from theodoi.permissions import targets as perms
from theodoi.permissions.org import require_app_user
from theodoi.targets import analytics, boundaries, metrics, services
from theodoi.targets.cache import indicator_figures, indicator_page, province_with_figures
from theodoi.targets.exports import IndicatorExporter, UnitValuesExporter
from theodoi.targets.models import DataValue, Indicator, Status, TargetValue
from theodoi.targets.queries import (
    entry_rows,
    filter_indicators,
    latest_metrics,
)
from theodoi.targets.rows import ValueRow


def _period(request, default=None):
    raw = request.GET.get("ky", "").strip()
    if not raw:
        return default
    try:
        return Period.parse(raw)
    except PeriodError as e:
        messages.error(request, e.message)
        return default


def _unit(code, period, default, day=None):
    """The unit a code names in the period the page speaks of (the as-of date without one)."""
    code = (code or "").strip()
    if not code:
        return default
    if period is None:
        return unit_at(code, day or timezone.localdate()) or default
    return unit_for_span(code, period.start, period.end)[0] or default


def index(request):
    require_app_user(request.user)
    period = _period(request)
    day = as_of(request)
    prov = province(period.end) if period else province_with_figures(day)
    f = {k: request.GET.get(k, "") for k in ("q", "field", "agency", "breakthrough", "pace")}
    inds = list(
        filter_indicators(
            q=f["q"], field=f["field"], agency=f["agency"], breakthrough=f["breakthrough"]
        )
    )
    if prov is None:
        rows: list[tuple[Indicator, metrics.Metric | None]] = [(i, None) for i in inds]
    elif period is not None:
        rows = list(zip(inds, analytics.metrics(inds, prov, period), strict=True))
    else:
        rows = latest_metrics(inds, prov, day)
    if f["pace"]:
        rows = [(i, m) for i, m in rows if m is not None and (m.pace or "none") == f["pace"]]

    exported = export_response(
        request,
        IndicatorExporter(rows),
        name=_("Chỉ tiêu"),
        filters={**f, "ky": period.id if period else ""},
    )
    if exported:
        return exported

    return render(
        request,
        "targets/index.html",
        {
            "rows": rows,
            "f": f,
            "period": period,
            "province": prov,
            "fields": Indicator.objects.exclude(field="")
            .values_list("field", flat=True)
            .distinct()
            .order_by("field"),
            "agencies": Agency.objects.filter(led_indicators__isnull=False)
            .distinct()
            .order_by("name"),
            "breakthroughs": Breakthrough.objects.all(),
            "paces": [
                (metrics.AHEAD, metrics.pace_label(metrics.AHEAD)),
                (metrics.ON_TRACK, metrics.pace_label(metrics.ON_TRACK)),
                (metrics.BEHIND, metrics.pace_label(metrics.BEHIND)),
                ("none", _("chưa đánh giá")),
            ],
            "can_enter": perms.can_enter_data(request.user),
            "periods": picker_periods(period, today_year=request_year()),
        },
    )


def detail(request, code):
    require_app_user(request.user)
    ind = get_object_or_404(Indicator.objects.select_related("lead_agency", "directive"), code=code)
    period = _period(request)
    day = as_of(request)
    default = province(period.end) if period else province_with_figures(day)
    unit = _unit(request.GET.get("dv"), period, default, day)
    if unit is not None and unit != default and not in_province(unit):
        messages.error(
            request,
            _("%(u)s không thuộc %(p)s: trang hiện số liệu của %(p)s.")
            % {"u": unit.label, "p": default.label if default else ""},
        )
        unit = default
    if unit is None:
        raise Http404
    chosen = boundaries.parse(request.GET.get(boundaries.PARAM))
    # The figures' part of the page, drawn (cached; the same for every reader).
    page = indicator_page(request, ind, unit, period, request_year(), day, chosen)
    period = page["period"]

    def exporter():
        figures = indicator_figures(request, ind, unit, period, request_year(), day, chosen)
        return UnitValuesExporter(
            [(unit, figures["metric"])] + list(figures["children"]),
            indicator=ind,
            period=period,
            boundaries=chosen,
        )

    exported = export_response(
        request,
        exporter,
        name=ind.code,
        filters={"ky": period.id, "dv": unit.code, boundaries.PARAM: chosen},
    )
    if exported:
        return exported
    history = (
        DataValue.objects.filter(indicator=ind, unit=unit, period_id=period.id)
        .select_related("author", "agency")
        .order_by("-created_at", "-id")
    )
    targets = (
        TargetValue.objects.filter(indicator=ind, unit=unit)
        .select_related("author")
        .order_by("-start_month", "-created_at", "-id")
    )[:30]
    return render(
        request,
        "targets/detail.html",
        {
            "ind": ind,
            "unit": unit,
            "period": period,
            "figures_html": page["html"],
            "history": history,
            "targets": targets,
            "can_write": perms.can_enter_for_unit(request.user, ind, unit, period),
        },
    )


def request_year():
    return timezone.localdate().year


def entry(request):
    """The data entry grid: the user's agency's indicators for one unit and period."""
    require_app_user(request.user)
    if not perms.can_enter_data(request.user):
        raise PermissionDenied
    raw_period = request.GET.get("ky") if request.method == "GET" else request.POST.get("ky")
    try:
        period = Period.parse(raw_period) if raw_period else Period.half(request_year(), 1)
    except PeriodError as e:
        messages.error(request, e.message)
        period = Period.half(request_year(), 1)
    prov = province(period.end)
    if request.method == "GET":
        unit = _unit(request.GET.get("dv"), period, prov)
    else:
        unit = _unit(request.POST.get("dv"), period, None)
    if unit is None:
        raise Http404
    # Communes too: since 01/07/2025 they report straight to the province.
    units = list(units_for_picker(period))
    home = perms.home_units(request.user)
    if home:
        own = [u for u in units if u.pk in home]
        leads = perms.entry_agency_ids(request.user)
        if (
            leads is not None
            and not Indicator.objects.filter(retired=False, lead_agency_id__in=leads).exists()
        ):
            # A commune's People's Committee enters its own unit's figures only: its picker
            # holds its own unit(s), and the page opens on it.
            units = own
        if own and not request.GET.get("dv") and request.method == "GET":
            unit = own[0]
    if unit not in units:
        messages.error(
            request,
            _("%(u)s không thuộc %(p)s trong %(k)s: không nhập số liệu cho đơn vị này.")
            % {"u": unit.label, "p": prov.label if prov else "", "k": period.phrase},
        )
        if request.method == "POST" or prov is None:
            return redirect(reverse("targets:entry") + f"?ky={period.id}")
        unit = prov
    candidates = (
        Indicator.objects.filter(retired=False)
        .select_related("lead_agency")
        .order_by("order", "code")
    )
    # The rows the person may type: the one rule record_values applies to each figure.
    inds = [
        i
        for i in candidates
        if i.takes_figures_for(unit, period)
        and perms.can_enter_for_unit(request.user, i, unit, period)
    ]
    locks = services.indicator_locks(inds, unit.pk, period)
    errors_by_row: dict[str, list[dict]] = {}
    posted: dict[str, dict[str, str]] = {}
    chosen = boundaries.parse(request.GET.get(boundaries.PARAM))
    if request.method == "POST":
        rows, indexes = [], []
        for ind in inds:
            if ind.pk in locks and f"v-{ind.code}" not in request.POST:
                continue  # shown read-only: nothing was sent for it
            value = request.POST.get(f"v-{ind.code}", "").strip()
            posted[ind.code] = {
                "value": value,
                "status": request.POST.get(f"s-{ind.code}", "estimate"),
                "note": request.POST.get(f"n-{ind.code}", "").strip(),
            }
            if value:
                rows.append(
                    ValueRow(
                        indicator=ind.code, unit=unit.code, period=period.id, **posted[ind.code]
                    )
                )
                indexes.append(ind.code)
        if not rows:
            messages.error(request, _("Chưa nhập số liệu nào."))
        else:
            try:
                saved = services.record_values(request.user, rows, source=_("nhập tay"))
            except DomainError as e:
                for err in e.errors:
                    errors_by_row.setdefault(indexes[err["index"]], []).append(err)
                messages.error(request, e.message)
            else:
                messages.success(
                    request,
                    _("Đã lưu %(n)s số liệu %(p)s của %(u)s.")
                    % {"n": len(saved), "p": period.phrase, "u": unit.name},
                )
                # The page comes back on the boundaries it was showing.
                return redirect(
                    reverse("targets:entry")
                    + f"?dv={unit.code}&ky={period.id}&{boundaries.PARAM}={chosen}"
                )
    grid = entry_rows(inds, unit, period, posted, errors_by_row, boundaries=chosen)
    for r in grid:
        r["lock"] = locks.get(r["ind"].pk)
    return render(
        request,
        "targets/entry.html",
        {
            "unit": unit,
            "period": period,
            "units": units,
            "periods": picker_periods(period, today_year=request_year()),
            "rows": grid,
            "open_rows": [r for r in grid if r["lock"] is None],
            "statuses": Status.choices,
            "has_errors": bool(errors_by_row),
            "boundaries": chosen,
            "boundary_choices": boundaries.CHOICES,
            "boundary_line": boundaries.answer_line(
                chosen,
                any(r["metric"].comparable for r in grid),
                any(r["metric"].comparable_estimate for r in grid),
                tuple(n for r in grid for n in r["metric"].comparable_missing),
            ),
        },
    )


def directive_targets(request, pk):
    """Panel of the directive page (htmx): the indicators the directive promises."""
    require_app_user(request.user)
    return render(
        request,
        "targets/_directive_targets.html",
        {"targets": list(Indicator.objects.filter(directive_id=pk).order_by("code"))},
    )
