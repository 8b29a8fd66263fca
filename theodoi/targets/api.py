"""Indicators, targets, reported values and metrics over the API.

Units are named by their GSO code, indicators by their code; decimals travel as strings
in plain notation ("6265", "67.4") and a missing figure is null.
"""

from datetime import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from ninja import Router, Status

from theodoi.api.schemas import Schema, decimal_field, model_field
from theodoi.core.errors import DomainError
from theodoi.core.numbers import to_plain
from theodoi.core.periods import Period, PeriodError
from theodoi.jobs.api import JobOut, job_out
from theodoi.org.queries import unit_for_span
from theodoi.permissions import targets as perms
from theodoi.targets import analytics, metrics, services
from theodoi.targets.cache import answer
from theodoi.targets.jobs import start_rebuild
from theodoi.targets.models import DataValue, Indicator, TargetValue
from theodoi.targets.queries import filter_indicators
from theodoi.targets.rows import ValueRow

router = Router(tags=["Chỉ tiêu"])


def _require_reader(user):
    if not perms.can_view_indicators(user):
        raise PermissionDenied(_("Bạn không có quyền xem chỉ tiêu."))


class IndicatorOut(Schema):
    code: str
    name: str
    unit_of_measure: str
    field: str
    kind: str
    unit_aggregation: str
    direction: str
    decimals: int
    finest_period: str
    levels: list[int]
    lead_agency: str | None
    retired: bool


class IndicatorIn(Schema):
    code: str = model_field(Indicator, "code")
    name: str = model_field(Indicator, "name")
    unit_of_measure: str = model_field(Indicator, "unit_of_measure")
    kind: str = model_field(Indicator, "kind", "flow")
    unit_aggregation: str | None = model_field(Indicator, "unit_aggregation", None)
    direction: str = model_field(Indicator, "direction", "up")
    decimals: int = 0
    field: str = model_field(Indicator, "field", "")
    finest_period: str = model_field(Indicator, "finest_period", "month")
    levels: list[int] = []
    # Required: the lead agency reports the figure and its acceptance locks it (steering loop).
    lead_agency: str
    coordinators: list[str] = []
    description: str = ""


def _indicator_out(i: Indicator) -> IndicatorOut:
    return IndicatorOut(
        code=i.code,
        name=i.name,
        unit_of_measure=i.unit_of_measure,
        field=i.field,
        kind=i.kind,
        unit_aggregation=i.unit_aggregation,
        direction=i.direction,
        decimals=i.decimals,
        finest_period=i.finest_period,
        levels=i.levels or [],
        lead_agency=i.lead_agency.code if i.lead_agency else None,
        retired=i.retired,
    )


@router.get("/indicators", response=list[IndicatorOut], summary="Danh mục chỉ tiêu")
def list_indicators(
    request,
    q: str = "",
    field: str = "",
    agency: str = "",
    breakthrough: str = "",
    retired: bool = False,
):
    _require_reader(request.user)
    qs = filter_indicators(
        q=q, field=field, agency=agency, breakthrough=breakthrough, retired=retired
    )
    return [_indicator_out(i) for i in qs]


@router.post("/indicators", response={201: IndicatorOut}, summary="Thêm chỉ tiêu")
def create_indicator(request, payload: IndicatorIn):
    ind = services.create_indicator(request.user, payload.dict())
    return Status(201, _indicator_out(ind))


class TargetIn(Schema):
    indicator: str | None = None
    unit: str | None = None
    period: str | None = None
    kind: str | None = model_field(TargetValue, "kind", None)
    value: Decimal | str | None = decimal_field()
    note: str = model_field(TargetValue, "note", "")
    directive: str | None = None


class TargetsIn(Schema):
    targets: list[TargetIn]


class TargetOut(Schema):
    indicator: str
    unit: str
    period: str
    kind: str
    value: str


@router.post(
    "/targets",
    response={201: list[TargetOut]},
    summary="Nhập mục tiêu, kế hoạch, dự toán (tất cả hoặc không)",
)
def post_targets(request, payload: TargetsIn):
    saved = services.set_targets(request.user, [t.dict() for t in payload.targets], source="api")
    return Status(
        201,
        [
            TargetOut(
                indicator=t.indicator.code,
                unit=t.unit.code,
                period=t.period_id,
                kind=t.kind,
                value=to_plain(t.value),
            )
            for t in saved
        ],
    )


class ValueIn(Schema):
    indicator: str | None = None
    unit: str | None = None
    period: str | None = None
    value: Decimal | str | None = decimal_field()
    status: str | None = model_field(DataValue, "status", None)
    note: str = model_field(DataValue, "note", "")


class ValuesIn(Schema):
    values: list[ValueIn]


class ValueOut(Schema):
    indicator: str
    unit: str
    period: str
    value: str
    status: str
    note: str
    author: str | None
    created_at: datetime
    is_latest: bool
    source: str


def _value_out(v: DataValue) -> ValueOut:
    return ValueOut(
        indicator=v.indicator.code,
        unit=v.unit.code,
        period=v.period_id,
        value=to_plain(v.value),
        status=v.status,
        note=v.note,
        author=v.author.username if v.author else None,
        created_at=v.created_at,
        is_latest=v.is_latest,
        source=v.source,
    )


@router.post(
    "/datavalues",
    response={201: list[ValueOut]},
    summary="Báo cáo số liệu thực hiện (tất cả hoặc không: một dòng lỗi thì không ghi dòng nào)",
)
def post_values(request, payload: ValuesIn):
    rows = [
        ValueRow(
            indicator=v.indicator or "",
            unit=v.unit or "",
            period=v.period or "",
            value=v.value,
            status=v.status or "",
            note=v.note,
        )
        for v in payload.values
    ]
    saved = services.record_values(request.user, rows, source="api")
    ids = [v.pk for v in saved]
    by_id = {
        v.pk: v
        for v in DataValue.objects.filter(pk__in=ids).select_related("indicator", "unit", "author")
    }
    return Status(201, [_value_out(by_id[i]) for i in ids])


def _lookup(indicator: str, unit: str, period: str):
    ind = Indicator.objects.filter(code=indicator).first()
    if ind is None:
        raise DomainError(
            _("Không có chỉ tiêu mã “%(code)s”.") % {"code": indicator}, field="indicator"
        )
    try:
        p = Period.parse(period)
    except PeriodError as e:
        raise DomainError(e.message, field="period") from None
    u, why = unit_for_span(unit, p.start, p.end)
    if u is None:
        raise DomainError(
            why or _("Không có đơn vị hành chính mã “%(code)s”.") % {"code": unit}, field="unit"
        )
    return ind, u, p


@router.get(
    "/datavalues/history",
    response=list[ValueOut],
    summary="Lịch sử số liệu của một chỉ tiêu, đơn vị, kỳ",
)
def value_history(request, indicator: str, unit: str, period: str):
    _require_reader(request.user)
    ind, u, p = _lookup(indicator, unit, period)
    qs = (
        DataValue.objects.filter(indicator=ind, unit=u, period_id=p.id)
        .select_related("indicator", "unit", "author")
        .order_by("-created_at", "-id")
    )
    return [_value_out(v) for v in qs]


class MetricOut(Schema):
    indicator: str
    unit: str
    period: str
    period_label: str
    value: str | None
    status: str | None
    source: str | None
    plan: str | None
    plan_kind: str | None
    plan_period: str | None
    plan_pct: str | None
    previous: str | None
    previous_period: str | None
    yoy_pct: str | None
    pace: str | None
    pace_label: str
    sentence: str
    boundaries: str = "historical"
    comparable_estimate: bool = False
    comparable_missing: list[str] = []


def metric_out(indicator_code: str, unit_code: str, m: metrics.Metric) -> MetricOut:
    return MetricOut(
        indicator=indicator_code,
        unit=unit_code,
        period=m.period.id,
        period_label=m.period.label,
        value=to_plain(m.value),
        status=m.status,
        source=m.source,
        plan=to_plain(m.plan),
        plan_kind=m.plan_kind,
        plan_period=m.plan_period.id if m.plan_period else None,
        plan_pct=to_plain(m.plan_pct),
        previous=to_plain(m.previous),
        previous_period=m.previous_period.id if m.previous_period else None,
        yoy_pct=to_plain(m.yoy_pct),
        pace=m.pace,
        pace_label=m.pace_label,
        sentence=m.sentence,
        boundaries="current" if m.comparable else "historical",
        comparable_estimate=m.comparable_estimate,
        comparable_missing=list(m.comparable_missing),
    )


@router.get(
    "/analytics",
    response=MetricOut,
    summary="Số liệu, % kế hoạch, so với cùng kỳ, tiến độ và câu báo cáo",
)
def get_analytics(request, indicator: str, unit: str, period: str, boundaries: str = "current"):
    """``boundaries``: ``current`` (default) answers a span before the unit existed from
    its predecessors of that time, on today's boundaries (``boundaries`` in the answer says
    whether that happened, ``comparable_missing`` names predecessors without a figure);
    ``historical`` keeps every figure on the boundaries of its time."""
    _require_reader(request.user)
    if boundaries not in ("current", "historical"):
        raise DomainError(
            _("Tham số boundaries nhận current hoặc historical, không phải “%(b)s”.")
            % {"b": boundaries},
            field="boundaries",
        )

    def compute() -> MetricOut:
        ind, u, p = _lookup(indicator, unit, period)
        return metric_out(ind.code, u.code, analytics.metric_for(ind, u, p, boundaries=boundaries))

    return answer(request, "analytics", compute)


@router.post(
    "/rollups/rebuild",
    response={202: JobOut},
    summary="Tính lại bảng tổng hợp số liệu (việc chạy nền; hai yêu cầu cùng lúc là một việc)",
)
def rebuild_rollups(request):
    job, _created = start_rebuild(request.user)
    return Status(202, job_out(job))
