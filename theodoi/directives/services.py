"""State changes of directives and meetings: one function each, atomic, permission
checked, recorded in the audit trail."""

import re
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from theodoi.audit.actions import Action
from theodoi.audit.trail import record
from theodoi.core import recurrence
from theodoi.core.errors import DomainError, NotAllowed
from theodoi.directives.files import attach
from theodoi.directives.models import (
    AgendaItem,
    ConclusionItem,
    Directive,
    DirectiveFile,
    DirectiveKind,
    Meeting,
)
from theodoi.permissions import directives as perms

DIRECTIVE_FIELDS = (
    "kind",
    "number",
    "title",
    "summary",
    "issuer",
    "issued_on",
    "term",
    "implements",
)

# Party documents: number-type/issuer ("05-NQ/TU", "125-TB/TU"); State documents:
# number/type-issuer, sometimes with the year ("112/KH-UBND", "09/2019/NĐ-CP").
_WORD = r"[A-Za-zĐđ][A-Za-zĐđ0-9&]*"
PARTY_NUMBER = re.compile(rf"^\d+-{_WORD}/{_WORD}(-{_WORD})*$")
STATE_NUMBER = re.compile(rf"^\d+(/\d{{4}})?/{_WORD}(-{_WORD})+$")


def check_number(number: str, issuer) -> str:
    """The number and symbol in the style of its issuer (Hướng dẫn 36-HD/VPTW for Party
    bodies, Nghị định 30/2020/NĐ-CP for the State); empty is allowed (a congress resolution)."""
    number = (number or "").strip()
    if not number:
        return number
    party = issuer is not None and issuer.is_party
    if party and not PARTY_NUMBER.match(number):
        raise DomainError(
            _("Số, ký hiệu “%(n)s” không đúng kiểu văn bản của Đảng (ví dụ 05-NQ/TU).")
            % {"n": number},
            field="number",
        )
    if not party and not STATE_NUMBER.match(number):
        raise DomainError(
            _("Số, ký hiệu “%(n)s” không đúng kiểu văn bản nhà nước (ví dụ 112/KH-UBND).")
            % {"n": number},
            field="number",
        )
    return number


def save_directive(
    actor, directive: Directive | None = None, *, breakthroughs=None, **fields
) -> Directive:
    """Create (directive None) or edit a directive."""
    issuer = fields.get("issuer") or (directive.issuer if directive else None)
    if not perms.can_edit_directive(actor, issuer):
        raise NotAllowed(_("Bạn không có quyền ghi văn bản chỉ đạo."))
    unknown = set(fields) - set(DIRECTIVE_FIELDS)
    if unknown:
        raise DomainError(
            _("Trường không hợp lệ: %(f)s.") % {"f": ", ".join(sorted(unknown))},
            field=sorted(unknown)[0],
        )
    if not (fields.get("title") or (directive and directive.title)):
        raise DomainError(_("Chưa nhập trích yếu văn bản."), field="title")
    if issuer is None:
        raise DomainError(_("Chưa chọn cơ quan ban hành."), field="issuer")
    kind = fields.get("kind") or (directive.kind if directive else None)
    if kind not in DirectiveKind.values:
        raise DomainError(_("Loại văn bản không hợp lệ."), field="kind")
    if "number" in fields or "issuer" in fields:
        fields["number"] = check_number(
            fields.get("number", directive.number if directive else ""), issuer
        )
    with transaction.atomic():
        created = directive is None
        if directive is not None:
            # Editors of one directive take turns; each writes only the fields it changes.
            list(Directive.objects.select_for_update().filter(pk=directive.pk).values_list("pk"))
        directive = directive or Directive()
        for name, value in fields.items():
            setattr(directive, name, value)
        parent = directive.implements
        seen = set()
        while parent is not None:  # a directive may not implement itself through the cascade
            if parent.pk == directive.pk or parent.pk in seen:
                raise DomainError(
                    _("Văn bản không thể thực hiện chính nó (vòng lặp trong cây văn bản)."),
                    field="implements",
                )
            seen.add(parent.pk)
            parent = parent.implements
        directive.save(update_fields=None if created else [*fields, "search_key"])
        if breakthroughs is not None:
            directive.breakthroughs.set(breakthroughs)
        record(
            actor,
            Action.DIRECTIVE_CREATED if created else Action.DIRECTIVE_UPDATED,
            directive,
            data={k: str(v) for k, v in fields.items()},
        )
    return directive


def attach_file(actor, directive: Directive, uploaded) -> DirectiveFile:
    """Attach a PDF, DOCX or XLSX (checked by content, size-limited) to a directive."""
    if not perms.can_edit_directive(actor, directive.issuer):
        raise NotAllowed(_("Bạn không có quyền đính kèm tệp vào văn bản này."))
    with transaction.atomic():
        row = attach(DirectiveFile, uploaded, actor=actor, field="file", directive=directive)
        record(
            actor,
            Action.DIRECTIVE_FILE_ATTACHED,
            directive,
            data={"file": row.name, "size": row.size},
        )
    return row


def record_meeting(
    actor,
    *,
    title,
    held_on: date,
    host,
    chair,
    place="",
    agencies=(),
    participants="",
    directive=None,
    agenda=(),
    conclusions=(),
) -> Meeting:
    """Record a meeting with its agenda ({title, presenter, report}) and numbered
    conclusions ({number, text, title, lead, coordinators, deadline, recurrence, product})."""
    if not perms.can_manage_meeting(actor):
        raise NotAllowed(_("Bạn không có quyền ghi buổi làm việc."))
    if not (title or "").strip():
        raise DomainError(_("Chưa nhập nội dung buổi làm việc."), field="title")
    if not (chair or "").strip():
        raise DomainError(_("Chưa nhập người chủ trì."), field="chair")
    numbers = [c["number"] for c in conclusions]
    if len(set(numbers)) != len(numbers):
        raise DomainError(_("Số thứ tự kết luận bị trùng."), field="conclusions")
    with transaction.atomic():
        meeting = Meeting.objects.create(
            title=title.strip(),
            held_on=held_on,
            host=host,
            chair=chair.strip(),
            place=place,
            participants=participants,
            directive=directive,
        )
        meeting.agencies.set(agencies)
        for i, item in enumerate(agenda, start=1):
            AgendaItem.objects.create(
                meeting=meeting,
                order=item.get("order", i),
                title=item["title"],
                presenter=item.get("presenter"),
                report=item.get("report", ""),
            )
        for c in conclusions:
            try:
                kind, day, month = recurrence.parse(c.get("recurrence"))
            except recurrence.RecurrenceError as exc:
                raise DomainError(
                    _("Kết luận số %(n)s: %(e)s") % {"n": c["number"], "e": exc.message},
                    field="recurrence",
                ) from None
            item = ConclusionItem.objects.create(
                meeting=meeting,
                number=c["number"],
                text=c["text"],
                title=c.get("title", ""),
                lead=c.get("lead"),
                deadline=c.get("deadline"),
                recurrence=kind,
                product=c.get("product", ""),
                recurrence_day=c.get("recurrence_day") or day,
                recurrence_month=c.get("recurrence_month") or month,
            )
            item.coordinators.set(c.get("coordinators") or [])
        record(
            actor,
            Action.MEETING_RECORDED,
            meeting,
            data={"held_on": held_on.isoformat(), "conclusions": len(numbers)},
        )
    return meeting
