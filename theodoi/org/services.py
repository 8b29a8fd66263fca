"""State changes of the organisation: one function each, audited."""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from theodoi.audit.actions import Action
from theodoi.audit.trail import record
from theodoi.core.dates import format_date, today
from theodoi.core.errors import DomainError, NotAllowed
from theodoi.core.text import fold
from theodoi.org.lineage import find_cycle
from theodoi.org.models import Agency, AgencyKind, AgencySuccession
from theodoi.org.queries import unit_at
from theodoi.permissions import org as perms


@transaction.atomic
def create_agency(
    actor,
    *,
    code: str,
    name: str,
    kind: str,
    unit_code: str,
    short_name: str = "",
    parent_code: str | None = None,
) -> Agency:
    if not perms.can_manage_org(actor):
        raise NotAllowed(_("Chỉ quản trị hệ thống được thêm cơ quan, đơn vị."))
    code = (code or "").strip()
    name = (name or "").strip()
    if not code:
        raise DomainError(_("Chưa nhập mã cơ quan."), field="code")
    if not name:
        raise DomainError(_("Chưa nhập tên cơ quan."), field="name")
    if kind not in AgencyKind.values:
        raise DomainError(
            _("Loại cơ quan “%(kind)s” không có trong danh mục.") % {"kind": kind}, field="kind"
        )
    if Agency.objects.filter(code=code).exists():
        raise DomainError(_("Mã cơ quan “%(code)s” đã được dùng.") % {"code": code}, field="code")
    unit = unit_at(unit_code, today())
    if unit is None:
        raise DomainError(
            _("Không có đơn vị hành chính mã “%(code)s”.") % {"code": unit_code}, field="unit"
        )
    parent = None
    if parent_code:
        parent = Agency.objects.filter(code=parent_code).first()
        if parent is None:
            raise DomainError(
                _("Không có cơ quan cấp trên mã “%(code)s”.") % {"code": parent_code},
                field="parent",
            )
    same_name = [a for a in Agency.objects.filter(unit=unit) if fold(a.name) == fold(name)]
    if same_name:
        raise DomainError(
            _("Đã có cơ quan “%(name)s” trên địa bàn này.") % {"name": same_name[0].name},
            field="name",
        )
    agency = Agency.objects.create(
        code=code, name=name, short_name=short_name.strip(), kind=kind, unit=unit, parent=parent
    )
    record(
        actor,
        Action.ORG_AGENCY_CREATED,
        agency,
        data={"code": code, "name": name, "kind": kind, "unit": unit_code},
    )
    return agency


@transaction.atomic
def record_agency_succession(
    actor,
    *,
    predecessor_code: str,
    successor_code: str,
    kind: str,
    effective: date,
    legal_basis: str = "",
    takes_open_tasks: bool = True,
) -> AgencySuccession:
    """Record that an agency's work passed to another on ``effective`` (merge, split,
    rename). A merge or a rename dissolves the predecessor on that day."""
    if not perms.can_manage_org(actor):
        raise NotAllowed(_("Chỉ quản trị hệ thống được ghi nhận cơ quan hợp nhất, chia tách."))
    if kind not in AgencySuccession.Kind.values:
        raise DomainError(_("Hình thức “%(kind)s” không hợp lệ.") % {"kind": kind}, field="kind")
    found = {
        a.code: a
        for a in Agency.objects.select_for_update().filter(
            code__in=[predecessor_code, successor_code]
        )
    }
    pred, succ = found.get(predecessor_code), found.get(successor_code)
    for code, agency, field in (
        (predecessor_code, pred, "predecessor"),
        (successor_code, succ, "successor"),
    ):
        if agency is None:
            raise DomainError(_("Không có cơ quan mã “%(code)s”.") % {"code": code}, field=field)
    assert pred is not None and succ is not None
    if pred.pk == succ.pk:
        raise DomainError(_("Cơ quan kế thừa phải khác cơ quan cũ."), field="successor")
    if succ.established_on and succ.established_on > effective:
        raise DomainError(
            _("%(name)s thành lập từ %(est)s, sau ngày %(day)s, không thể kế thừa từ ngày đó.")
            % {
                "name": succ.name,
                "est": format_date(succ.established_on),
                "day": format_date(effective),
            },
            field="effective",
        )
    if not succ.is_active_on(effective):
        raise DomainError(
            _("%(name)s đã giải thể trước ngày %(day)s, không thể kế thừa.")
            % {"name": succ.name, "day": format_date(effective)},
            field="successor",
        )
    dissolves = kind in (AgencySuccession.Kind.MERGE, AgencySuccession.Kind.RENAME)
    if dissolves and pred.dissolved_on and pred.dissolved_on != effective:
        raise DomainError(
            _("%(name)s đã giải thể từ %(day)s.")
            % {"name": pred.name, "day": format_date(pred.dissolved_on)},
            field="effective",
        )
    edges = list(AgencySuccession.objects.values_list("predecessor_id", "successor_id"))
    if find_cycle([*edges, (pred.pk, succ.pk)]):
        raise DomainError(
            _("Quan hệ kế thừa tạo thành vòng lặp: %(old)s → %(new)s → … → %(old)s.")
            % {"old": pred.name, "new": succ.name},
            field="successor",
        )
    link, _created = AgencySuccession.objects.update_or_create(
        predecessor=pred,
        successor=succ,
        defaults={
            "kind": kind,
            "effective": effective,
            "legal_basis": legal_basis.strip(),
            "takes_open_tasks": takes_open_tasks,
        },
    )
    if dissolves and pred.dissolved_on != effective:
        pred.dissolved_on = effective
        pred.save(update_fields=["dissolved_on", "search_key"])
    record(
        actor,
        Action.ORG_AGENCY_SUCCEEDED,
        pred,
        data={
            "successor": succ.code,
            "kind": kind,
            "effective": effective.isoformat(),
            "legal_basis": legal_basis,
        },
    )
    return link
