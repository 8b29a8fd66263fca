"""State changes of the organisation: one function each, audited."""

from django.db import transaction
from django.utils.translation import gettext as _

from theodoi.audit.actions import Action
from theodoi.audit.trail import record
from theodoi.core.dates import today
from theodoi.core.errors import DomainError, NotAllowed
from theodoi.core.text import fold
from theodoi.org.models import Agency, AgencyKind
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
