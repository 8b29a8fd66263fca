from datetime import date

from django.utils.translation import gettext as _
from ninja import Router, Status

from theodoi.api.errors import ApiError
from theodoi.api.schemas import ApiDate, Schema, model_field
from theodoi.core.dates import today
from theodoi.core.numbers import to_plain
from theodoi.core.text import search
from theodoi.org import services
from theodoi.org.models import AdminUnit, Agency
from theodoi.org.queries import lineage, pick_unit, unit_at

router = Router(tags=["Đơn vị, cơ quan"])


class UnitOut(Schema):
    code: str
    name: str
    kind: str
    level: int
    parent: str | None
    valid_from: date | None
    valid_to: date | None


class AgencyOut(Schema):
    code: str
    name: str
    short_name: str
    kind: str
    unit: str
    parent: str | None
    dissolved_on: date | None


@router.get("/units", response=list[UnitOut], summary="Đơn vị hành chính")
def list_units(request, q: str = "", valid_on: ApiDate | None = None, parent: str | None = None):
    qs = AdminUnit.objects.select_related("parent")
    if valid_on:
        qs = qs.valid_on(valid_on)
    if parent:
        qs = qs.filter(parent__code=parent)
    return [
        UnitOut(
            code=u.code,
            name=u.name,
            kind=u.kind,
            level=u.level,
            parent=u.parent.code if u.parent else None,
            valid_from=u.valid_from,
            valid_to=u.valid_to,
        )
        for u in search(qs, q)
    ]


class LineageStepOut(Schema):
    code: str
    name: str
    valid_from: date | None
    valid_to: date | None
    effective: date
    kind: str
    share: str | None
    share_is_estimate: bool
    legal_basis: str
    depth: int


class LineageOut(Schema):
    unit: UnitOut
    predecessors: list[LineageStepOut]
    successors: list[LineageStepOut]


def _unit_out(u):
    return UnitOut(
        code=u.code,
        name=u.name,
        kind=u.kind,
        level=u.level,
        parent=u.parent.code if u.parent else None,
        valid_from=u.valid_from,
        valid_to=u.valid_to,
    )


def _step_out(s):
    return LineageStepOut(
        code=s.unit.code,
        name=s.unit.name,
        valid_from=s.unit.valid_from,
        valid_to=s.unit.valid_to,
        effective=s.effective,
        kind=s.kind,
        share=to_plain(s.share) if s.share is not None else None,
        share_is_estimate=s.estimate,
        legal_basis=s.legal_basis,
        depth=s.depth,
    )


@router.get(
    "/units/{code}/lineage",
    response=LineageOut,
    summary="Lịch sử kế thừa của một đơn vị hành chính (trước và sau, kể cả gián tiếp)",
)
def unit_lineage(request, code: str, on: date | None = None):
    """The unit holding ``code`` on ``on`` (today by default; a code names one unit at one
    date), the units it comes from and the ones it went into, with dates and shares."""
    unit = unit_at(code, on or today())
    if unit is None:
        unit, _why = pick_unit(AdminUnit.objects.filter(code=code), date.min, date.max)
    if unit is None:
        raise ApiError(
            404,
            _("Không có đơn vị hành chính mã “%(code)s”.") % {"code": code},
        )
    before, after = lineage(unit)
    return LineageOut(
        unit=_unit_out(unit),
        predecessors=[_step_out(s) for s in before],
        successors=[_step_out(s) for s in after],
    )


@router.get("/agencies", response=list[AgencyOut], summary="Cơ quan, đơn vị")
def list_agencies(request, q: str = "", kind: str | None = None):
    qs = Agency.objects.select_related("unit", "parent")
    if kind:
        qs = qs.filter(kind=kind)
    return [_agency_out(a) for a in search(qs, q)]


class AgencyIn(Schema):
    code: str = model_field(Agency, "code")
    name: str = model_field(Agency, "name")
    kind: str = model_field(Agency, "kind")
    unit: str
    short_name: str = model_field(Agency, "short_name", "")
    parent: str | None = None


def _agency_out(a):
    return AgencyOut(
        code=a.code,
        name=a.name,
        short_name=a.short_name,
        kind=a.kind,
        unit=a.unit.code,
        parent=a.parent.code if a.parent else None,
        dissolved_on=a.dissolved_on,
    )


@router.post("/agencies", response={201: AgencyOut}, summary="Thêm cơ quan (quản trị hệ thống)")
def create_agency(request, payload: AgencyIn):
    agency = services.create_agency(
        request.user,
        code=payload.code,
        name=payload.name,
        kind=payload.kind,
        unit_code=payload.unit,
        short_name=payload.short_name,
        parent_code=payload.parent,
    )
    return Status(201, _agency_out(agency))
