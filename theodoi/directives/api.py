from datetime import date

from django.utils.translation import gettext as _
from ninja import Router

from theodoi.api.errors import ApiError
from theodoi.api.schemas import Schema
from theodoi.core.text import search
from theodoi.directives.models import Directive, Meeting
from theodoi.permissions import directives as perms

router = Router(tags=["Văn bản chỉ đạo"])


class DirectiveOut(Schema):
    id: int
    kind: str
    number: str
    title: str
    issuer: str
    issued_on: date | None
    term: str
    implements: int | None
    breakthroughs: list[str]
    files: list[str]


def _out(d) -> DirectiveOut:
    return DirectiveOut(
        id=d.pk,
        kind=d.kind,
        number=d.number,
        title=d.title,
        issuer=d.issuer.code,
        issued_on=d.issued_on,
        term=d.term,
        implements=d.implements_id,
        breakthroughs=[b.code for b in d.breakthroughs.all()],
        files=[f.name for f in d.files.all()],
    )


def _require(request):
    if not perms.can_view_directives(request.user):
        raise ApiError(403, _("Bạn không có quyền xem văn bản chỉ đạo."))


@router.get("/directives", response=list[DirectiveOut], summary="Văn bản chỉ đạo")
def list_directives(request, q: str = "", kind: str = "", implements: int | None = None):
    _require(request)
    qs = Directive.objects.select_related("issuer").prefetch_related("breakthroughs", "files")
    qs = search(qs, q)
    if kind:
        qs = qs.filter(kind=kind)
    if implements:
        qs = qs.filter(implements_id=implements)
    return [_out(d) for d in qs]


@router.get("/directives/{int:pk}", response=DirectiveOut, summary="Một văn bản chỉ đạo")
def get_directive(request, pk: int):
    _require(request)
    d = Directive.objects.select_related("issuer").filter(pk=pk).first()
    if d is None:
        raise ApiError(404, _("Không tìm thấy văn bản %(id)s.") % {"id": pk})
    return _out(d)


class ConclusionOut(Schema):
    number: int
    text: str
    lead: str | None
    task: int | None


class MeetingOut(Schema):
    id: int
    title: str
    held_on: date
    host: str
    chair: str
    agencies: list[str]
    notice: str | None
    conclusions: list[ConclusionOut]


@router.get("/meetings", response=list[MeetingOut], summary="Buổi làm việc và kết luận")
def list_meetings(request):
    _require(request)
    out = []
    for m in Meeting.objects.select_related("host", "notice").prefetch_related(
        "agencies", "conclusions__lead"
    ):
        out.append(
            MeetingOut(
                id=m.pk,
                title=m.title,
                held_on=m.held_on,
                host=m.host.code,
                chair=m.chair,
                agencies=[a.code for a in m.agencies.all()],
                notice=m.notice.number if m.notice else None,
                conclusions=[
                    ConclusionOut(
                        number=c.number,
                        text=c.text,
                        lead=c.lead.code if c.lead else None,
                        task=getattr(getattr(c, "task", None), "pk", None)
                        if hasattr(c, "task")
                        else None,
                    )
                    for c in m.conclusions.all()
                ],
            )
        )
    return out
