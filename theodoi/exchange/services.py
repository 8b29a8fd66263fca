"""Imports, each in one transaction: preview stores the file and says what would happen;
commit reads the stored file again, validates again and writes everything or nothing
through the owning area's service (targets.record_values, tasks.create_tasks)."""

from collections.abc import Callable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from theodoi.audit.actions import Action
from theodoi.audit.trail import record
from theodoi.core.errors import DomainError, NotAllowed
from theodoi.core.numbers import format_number
from theodoi.core.periods import Period, PeriodError
from theodoi.exchange import dhis2, uploads
from theodoi.exchange.models import ExternalMapping, Upload
from theodoi.exchange.preview import Preview
from theodoi.exchange.readers import Issue, read_file
from theodoi.exchange.tasks_import import preview_tasks
from theodoi.exchange.values_import import (
    ValuesWorkbook,
    entry_rows,
    preview_values,
    read_rows,
)
from theodoi.org.models import AdminUnit, Agency
from theodoi.org.queries import pick_unit, units_for_picker
from theodoi.permissions import exchange as perms
from theodoi.permissions import targets as target_perms
from theodoi.targets.models import Indicator
from theodoi.targets.rows import ValueRow
from theodoi.targets.services import record_values
from theodoi.tasks.services import create_tasks

# A job's progress callback: (step, steps, what it is doing, in Vietnamese).
Progress = Callable[[int, int, str], None]


def _n(n: int) -> str:
    return format_number(n)


def _refuse(preview: Preview):
    if preview.errors:
        raise DomainError(
            preview.error_message(), field="file", errors=[i.as_dict() for i in preview.errors]
        )
    if preview.questions:
        q = preview.questions[0]
        raise DomainError(
            _("Chưa ghi gì: còn %(n)s tên cơ quan cần chọn, ví dụ “%(text)s” (%(cells)s).")
            % {"n": len(preview.questions), "text": q.text, "cells": q.cells[0]},
            field="choices",
            errors=[
                {"field": "choices", "message": f"{q.cells[0]}: “{q.text}”"}
                for q in preview.questions
            ],
        )
    if not preview.can_commit:
        raise DomainError(_("Chưa ghi gì: tệp không có dòng nào để ghi."), field="file")


def _remap(
    exc: DomainError, rows: list[dict], preview: Preview, columns: dict | None = None
) -> DomainError:
    """Row errors from another area's service count rows from 0; say where they are in the file."""
    issues = []
    for e in exc.errors:
        i = e.get("index")
        row = rows[i]["row"] if i is not None and 0 <= i < len(rows) else None
        col = (columns or {}).get(e.get("field"))
        issues.append(
            Issue(
                preview.sheet,
                e.get("message", ""),
                row,
                col,
                field=e.get("field", ""),
                csv=preview.csv,
                index=i,
            )
        )
    message = _("Chưa ghi gì: %(msg)s") % {"msg": issues[0] if issues else exc.message}
    return DomainError(message, field=exc.field or "file", errors=[i.as_dict() for i in issues])


# -- Task tables ---------------------------------------------------------------


def agency_choices(codes: dict | None) -> dict:
    """{"folded text": "AGENCY_CODE"} from a form or the API -> {"folded text": Agency}."""
    if not codes:
        return {}
    agencies = Agency.objects.in_bulk([c for c in codes.values() if c], field_name="code")
    return {text: agencies[code] for text, code in codes.items() if code in agencies}


def _task_preview(
    data: bytes, filename: str, choices: dict | None, progress: Progress | None = None
) -> Preview:
    agencies = Agency.objects.active_on(timezone.localdate()).select_related("unit")
    return preview_tasks(
        read_file(data, filename),
        agencies,
        agency_choices(choices),
        timezone.localdate(),
        progress=_rows_progress(progress),
    )


def _require_task_import(actor) -> None:
    if not perms.can_import_tasks(actor):
        raise NotAllowed(_("Bạn không có quyền giao nhiệm vụ."))


def preview_task_import(
    actor, data: bytes, filename: str, *, choices: dict | None = None
) -> Preview:
    """Store the upload and say what importing it would create. Writes no task."""
    _require_task_import(actor)
    preview = _task_preview(data, filename, choices)
    preview.token = uploads.store(
        actor, Upload.Kind.TASKS, data, filename, {"rows": len(preview.rows)}
    ).token
    return preview


def repreview_task_import(actor, token: str, *, choices: dict | None = None) -> Preview:
    """The same stored table checked again with the answers given so far."""
    _require_task_import(actor)
    upload, data = uploads.fetch(actor, token, Upload.Kind.TASKS)
    preview = _task_preview(data, upload.filename, choices)
    preview.token = token
    return preview


def store_task_upload(actor, data: bytes, filename: str) -> Upload:
    """Keep a large task table for its preview job (check_stored_tasks); the permission is
    checked now, before anything is stored."""
    _require_task_import(actor)
    return uploads.store(actor, Upload.Kind.TASKS, data, filename)


def check_stored_tasks(
    actor, token: str, *, choices: dict | None = None, progress: Progress | None = None
) -> Preview:
    """The preview of a stored task table with the answers given so far, for a preview job
    (as preview_task_import / repreview_task_import), kept with the upload with those
    answers (stored_preview)."""
    _require_task_import(actor)
    upload, data = uploads.fetch(actor, token, Upload.Kind.TASKS, for_update=True)
    _say(progress, 0, _("Đang đọc tệp %(name)s…") % {"name": upload.filename})
    preview = _task_preview(data, upload.filename, choices, progress)
    return _keep_preview(upload, preview, choices=choices)


def _say(progress: Progress | None, step: int, message: str) -> None:
    """Tell a job where it is (three steps: read, check, write); pages pass nothing."""
    if progress is not None:
        progress(step, 3, message)


def _rows_progress(progress: Progress | None):
    """Row by row through the check, the second of the three steps (1/3 to 2/3 of the bar)."""
    if progress is None:
        return None

    def told(done: int, total: int) -> None:
        progress(
            total + done,
            3 * total,
            _("Đang kiểm tra dòng %(done)s/%(total)s") % {"done": _n(done), "total": _n(total)},
        )

    return told


def import_tasks(
    actor, token: str, directive, *, choices: dict | None = None, progress: Progress | None = None
) -> list:
    """Create every task of the stored table under `directive`, all or nothing."""
    if directive is None:
        raise DomainError(_("Chưa chọn văn bản giao nhiệm vụ."), field="directive")
    if not perms.can_import_tasks(actor, directive):
        raise NotAllowed(_("Bạn không có quyền giao nhiệm vụ theo văn bản này."))
    with transaction.atomic():
        upload, data = uploads.fetch(actor, token, Upload.Kind.TASKS, for_update=True)
        _say(progress, 0, _("Đang đọc và kiểm tra tệp %(name)s…") % {"name": upload.filename})
        preview = _task_preview(data, upload.filename, choices)
        _refuse(preview)
        rows = [r for r in preview.rows if "_create" in r]
        _say(progress, 2, _("Đang giao %(n)s nhiệm vụ…") % {"n": _n(len(rows))})
        try:
            tasks = create_tasks(actor, directive, [r["_create"] for r in rows])
        except NotAllowed:
            raise
        except DomainError as exc:
            raise _remap(exc, rows, preview) from None
        uploads.done(upload, {"tasks": [t.pk for t in tasks], "directive": directive.pk})
        record(
            actor,
            Action.UPLOAD_COMMITTED,
            upload,
            data={
                "kind": upload.kind,
                "file": upload.filename,
                "tasks": len(tasks),
                "directive": directive.number,
            },
        )
    return tasks


# -- Data-entry workbooks and CSV ---------------------------------------------------


def _entry_target(actor, agency, period_id):
    if agency is None:
        raise DomainError(_("Chưa chọn cơ quan."), field="agency")
    if not target_perms.can_enter_for(actor, agency):
        raise NotAllowed(
            _("Bạn không có quyền nhập số liệu của %(agency)s.") % {"agency": agency.name}
        )
    try:
        return Period.parse(period_id)
    except PeriodError as exc:
        raise DomainError(exc.message, field="period") from None


def entry_workbook(actor, agency, period_id, *, with_children: bool = False):
    """The pre-filled workbook (an exporter: .xlsx or .csv) for an agency and period: the
    rows of the agency's unit as it stands in the period (the unit holding its code then:
    68 is the merged Lâm Đồng from 01/07/2025) and, `with_children`, of its child units
    valid in the period — the units the pickers offer (org.queries.units_for_picker)."""
    period = _entry_target(actor, agency, period_id)
    units = workbook_units(agency, period, with_children)
    return ValuesWorkbook(entry_rows(agency, period, units), agency=agency, period=period)


def workbook_units(agency, period: Period, with_children: bool = False) -> list[AdminUnit]:
    """The units of an agency's workbook for a period, among those offered for it
    (`units_for_picker`: valid in the period, inside the province); a unit of the agency
    that is none of them is refused, never written into a template for another time."""
    offered = list(units_for_picker(period))
    unit, _why = pick_unit(
        [u for u in offered if u.code == agency.unit.code], period.start, period.end
    )
    if unit is None:
        raise DomainError(
            _("%(u)s không có trong %(k)s: không lập mẫu nhập số liệu cho đơn vị này.")
            % {"u": agency.unit.label, "k": period.phrase},
            field="period",
        )
    if not with_children:
        return [unit]
    return [unit, *sorted((u for u in offered if u.parent_id == unit.pk), key=lambda u: u.code)]


def preview_value_import(actor, data: bytes, filename: str, agency, period_id) -> Preview:
    """Store the upload and show every value it would change (old -> new) and every bad cell."""
    period = _entry_target(actor, agency, period_id)
    preview = preview_values(actor, read_file(data, filename), agency, period)
    preview.token = uploads.store(
        actor,
        Upload.Kind.VALUES,
        data,
        filename,
        {"agency": agency.code, "period": period.id, "rows": len(preview.rows)},
    ).token
    return preview


def store_value_upload(actor, data: bytes, filename: str, agency, period_id) -> Upload:
    """Keep a large workbook for its preview job. The target (agency, period, permission) is
    checked now; the cells are checked by the job (check_stored_values)."""
    period = _entry_target(actor, agency, period_id)
    return uploads.store(
        actor, Upload.Kind.VALUES, data, filename, {"agency": agency.code, "period": period.id}
    )


def _reading_progress(progress: Progress | None):
    """Row by row through the reading of a preview (1/3 to 2/3 of the bar), then targets'
    rules (from 2/3)."""
    if progress is None:
        return None

    def told(done: int, total: int) -> None:
        if done >= total:
            progress(2, 3, _("Đang đối chiếu %(n)s dòng với số liệu đã có…") % {"n": _n(total)})
        else:
            progress(
                total + done,
                3 * total,
                _("Đang đọc dòng %(done)s/%(total)s") % {"done": _n(done), "total": _n(total)},
            )

    return told


def check_stored_values(actor, token: str, *, progress: Progress | None = None) -> Preview:
    """The preview of a stored workbook, for a preview job: the same check as
    preview_value_import; the template-ready preview is kept with the upload (nothing else
    is written), for the values page to show (stored_preview)."""
    upload, data = uploads.fetch(actor, token, Upload.Kind.VALUES, for_update=True)
    agency = Agency.objects.filter(code=upload.params.get("agency")).first()
    period = _entry_target(actor, agency, upload.params.get("period"))
    _say(progress, 0, _("Đang đọc tệp %(name)s…") % {"name": upload.filename})
    book = read_file(data, upload.filename)
    preview = preview_values(actor, book, agency, period, progress=_reading_progress(progress))
    return _keep_preview(upload, preview)


def _keep_preview(upload: Upload, preview: Preview, *, choices: dict | None = None) -> Preview:
    """Keep the preview as the API answers it (Preview.as_dict(); pages read it through
    preview.for_template), with the answers it was checked with (a task table's choices)."""
    preview.token = upload.token
    upload.params = {**upload.params, "rows": len(preview.rows)}
    upload.result = {"preview": preview.as_dict(), "choices": choices or {}}
    upload.save(update_fields=["params", "result"])
    return preview


def stored_preview(actor, token: str, kind: str) -> tuple[Upload, dict]:
    """The preview a job kept with the upload (Preview.as_dict()): only its uploader sees
    it, and only while they may still do what the file does (enter that agency's figures;
    assign tasks; exchange with DHIS2)."""
    upload = uploads.find(actor, token, kind)
    if kind == Upload.Kind.VALUES:
        agency = Agency.objects.filter(code=upload.params.get("agency")).first()
        _entry_target(actor, agency, upload.params.get("period"))
    elif kind == Upload.Kind.TASKS:
        _require_task_import(actor)
    else:
        _require_exchange(actor)
    preview = (upload.result or {}).get("preview")
    if preview is None:
        raise DomainError(
            _(
                "Tệp “%(name)s” chưa có bản xem trước: việc kiểm tra chưa xong hoặc đã dừng "
                "vì lỗi (xem “Việc đang chạy”)."
            )
            % {"name": upload.filename},
            field="token",
        )
    return upload, preview


def import_values(actor, token: str, *, progress: Progress | None = None) -> list:
    """Write every value of the stored workbook through targets.record_values, in one
    transaction, with the file name as each value's source."""
    with transaction.atomic():
        upload, data = uploads.fetch(actor, token, Upload.Kind.VALUES, for_update=True)
        agency = Agency.objects.filter(code=upload.params.get("agency")).first()
        period = _entry_target(actor, agency, upload.params.get("period"))
        # The cells are checked again here; targets' rules are checked by record_values itself.
        _say(progress, 0, _("Đang đọc tệp %(name)s…") % {"name": upload.filename})
        book = read_file(data, upload.filename)
        preview, rows, _sheet, header = read_rows(
            book, agency, period, progress=_rows_progress(progress)
        )
        for index, r in enumerate(rows):
            for issue in r["_problems"]:
                issue.index = index
            preview.errors += r["_problems"]
        preview.rows = rows
        _refuse(preview)
        _say(progress, 2, _("Đang ghi %(n)s dòng…") % {"n": _n(len(rows))})
        try:
            values = record_values(
                actor, [ValueRow.from_mapping(r) for r in rows], source=upload.filename
            )
        except NotAllowed:
            raise
        except DomainError as exc:
            raise _remap(exc, [{"row": r["_row"]} for r in rows], preview, header.columns) from None
        uploads.done(upload, {"values": len(values)})
        record(
            actor,
            Action.UPLOAD_COMMITTED,
            upload,
            data={
                "kind": upload.kind,
                "file": upload.filename,
                "agency": agency.code,
                "period": period.id,
                "values": len(values),
            },
        )
    return values


# -- DHIS2 and the mapping table ---------------------------------------------------


def _require_exchange(actor):
    if not perms.can_exchange_with_other_systems(actor):
        raise NotAllowed(_("Chỉ văn phòng theo dõi được trao đổi số liệu với hệ thống khác."))


STATUSES = ("official", "preliminary", "estimate")


def _require_dhis2_status(actor, status: str) -> None:
    _require_exchange(actor)
    if status not in STATUSES:
        raise DomainError(
            _("Tình trạng số liệu phải là official, preliminary hoặc estimate."), field="status"
        )


def preview_dhis2_import(actor, data: bytes, filename: str, *, status: str = "official") -> Preview:
    _require_dhis2_status(actor, status)
    preview, _rows = dhis2.preview(actor, data, filename, status)
    preview.token = uploads.store(
        actor, Upload.Kind.DHIS2, data, filename, {"status": status, "rows": len(preview.rows)}
    ).token
    return preview


def store_dhis2_upload(actor, data: bytes, filename: str, *, status: str = "official") -> Upload:
    """Keep a large dataValueSet for its preview job (check_stored_dhis2)."""
    _require_dhis2_status(actor, status)
    return uploads.store(actor, Upload.Kind.DHIS2, data, filename, {"status": status})


def check_stored_dhis2(actor, token: str, *, progress: Progress | None = None) -> Preview:
    """The preview of a stored dataValueSet, for a preview job (as preview_dhis2_import)."""
    _require_exchange(actor)
    upload, data = uploads.fetch(actor, token, Upload.Kind.DHIS2, for_update=True)
    _say(progress, 1, _("Đang đọc và kiểm tra tệp %(name)s…") % {"name": upload.filename})
    preview, _rows = dhis2.preview(
        actor, data, upload.filename, upload.params.get("status", "official")
    )
    return _keep_preview(upload, preview)


def import_dhis2(
    actor, token: str, *, strict: bool = False, progress: Progress | None = None
) -> list:
    """Write every mapped value of the stored dataValueSet, all or nothing. Values whose ids
    are not mapped are not written and are named in the result and the audit entry; with
    strict, any unmapped id refuses the whole file."""
    _require_exchange(actor)
    with transaction.atomic():
        upload, data = uploads.fetch(actor, token, Upload.Kind.DHIS2, for_update=True)
        _say(progress, 0, _("Đang đọc tệp %(name)s…") % {"name": upload.filename})
        raws = dhis2.read_values(data, upload.filename)
        _say(progress, 1, _("Đang kiểm tra %(n)s giá trị…") % {"n": _n(len(raws))})
        rows, errors, unmapped = dhis2.map_values(
            raws, dhis2.Mapping.load(), upload.filename, upload.params.get("status", "official")
        )
        preview = Preview(
            "dhis2", upload.filename, rows=rows, errors=errors, sheet=upload.filename, csv=True
        )
        if strict and unmapped:
            (what, uid), places = next(iter(unmapped.items()))
            raise DomainError(
                _("Chưa ghi gì: %(what)s “%(uid)s” chưa có trong bảng ánh xạ (%(where)s).")
                % {"what": what, "uid": uid, "where": places[0]},
                field=what,
            )
        _refuse(preview)
        _say(progress, 2, _("Đang ghi %(n)s giá trị…") % {"n": _n(len(rows))})
        try:
            values = record_values(
                actor, [ValueRow.from_mapping(r) for r in rows], source=upload.filename
            )
        except NotAllowed:
            raise
        except DomainError as exc:
            issues = [
                dhis2._issue(
                    upload.filename, rows[e["index"]]["_raw"], e.get("field", ""), e["message"]
                )
                for e in exc.errors
                if e.get("index") is not None and e["index"] < len(rows)
            ]
            raise DomainError(
                _("Chưa ghi gì: %(first)s") % {"first": issues[0] if issues else exc.message},
                field="file",
                errors=[i.as_dict() for i in issues],
            ) from None
        skipped = [{"kind": k, "id": uid, "count": len(v)} for (k, uid), v in unmapped.items()]
        uploads.done(upload, {"values": len(values), "unmapped": skipped})
        record(
            actor,
            Action.UPLOAD_COMMITTED,
            upload,
            data={
                "kind": upload.kind,
                "file": upload.filename,
                "values": len(values),
                "unmapped": skipped,
            },
        )
    return values


def save_mapping(
    actor, *, kind: str, external_id: str, code: str, note: str = "", system: str = "dhis2"
):
    """Add or change one row of the mapping table; the code must exist here."""
    if not perms.can_manage_mappings(actor):
        raise NotAllowed(_("Chỉ văn phòng theo dõi được sửa bảng ánh xạ."))
    external_id, code = (external_id or "").strip(), (code or "").strip()
    if kind not in ExternalMapping.Kind.values:
        raise DomainError(_("Loại ánh xạ phải là indicator hoặc unit."), field="kind")
    if not external_id:
        raise DomainError(_("Chưa nhập mã bên ngoài."), field="external_id")
    model = Indicator if kind == ExternalMapping.Kind.INDICATOR else AdminUnit
    if not model.objects.filter(code=code).exists():
        raise DomainError(
            _("Không có %(what)s mã “%(code)s”.")
            % {
                "what": _("chỉ tiêu") if model is Indicator else _("đơn vị hành chính"),
                "code": code,
            },
            field="code",
        )
    taken = (
        ExternalMapping.objects.filter(system=system, kind=kind, code=code)
        .exclude(external_id=external_id)
        .first()
    )
    if taken is not None:
        raise DomainError(
            _("Mã “%(code)s” đã được ánh xạ với “%(other)s”.")
            % {"code": code, "other": taken.external_id},
            field="code",
        )
    with transaction.atomic():
        mapping, created = ExternalMapping.objects.update_or_create(
            system=system,
            kind=kind,
            external_id=external_id,
            defaults={"code": code, "note": note[:200]},
        )
        record(
            actor,
            Action.MAPPING_SAVED,
            mapping,
            data={
                "system": system,
                "kind": kind,
                "external_id": external_id,
                "code": code,
                "created": created,
            },
        )
    return mapping


def delete_mapping(actor, mapping) -> None:
    if not perms.can_manage_mappings(actor):
        raise NotAllowed(_("Chỉ văn phòng theo dõi được sửa bảng ánh xạ."))
    with transaction.atomic():
        record(
            actor,
            Action.MAPPING_DELETED,
            mapping,
            data={
                "system": mapping.system,
                "kind": mapping.kind,
                "external_id": mapping.external_id,
                "code": mapping.code,
            },
        )
        mapping.delete()


def export_dhis2(actor, period_ids: list[str]) -> tuple[list[dict], list[dict]]:
    """The dataValues for DHIS2 and what could not be exported (unmapped), for reading only."""
    _require_exchange(actor)
    ids = []
    for pid in period_ids:
        try:
            ids.append(Period.parse(pid).id)
        except PeriodError as exc:
            raise DomainError(exc.message, field="period") from None
    if not ids:
        raise DomainError(_("Chưa chọn kỳ."), field="period")
    return dhis2.export(ids)
