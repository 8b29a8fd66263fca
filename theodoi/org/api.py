from datetime import date

from ninja import Router, Status

from theodoi.api.schemas import ApiDate, Schema, model_field
from theodoi.core.text import search
from theodoi.org import services
from theodoi.org.models import AdminUnit, Agency

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
