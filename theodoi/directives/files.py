"""Attached files (PDF, DOCX, XLSX): checked by content and extension, stored under
settings.MEDIA_ROOT (outside the web root) and served only by views that check
permissions. Directive attachments and task progress files share this base."""

import io
import uuid
import zipfile
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.http import FileResponse, Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from theodoi.core.archives import zip_problem
from theodoi.core.errors import DomainError
from theodoi.core.numbers import format_megabytes

# extension -> (content type, how to recognise the content)
KINDS = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
_ZIP_MARKER = {".docx": "word/document.xml", ".xlsx": "xl/workbook.xml"}


class ZipBomb(DomainError):
    pass


def sniff(head: bytes, data_for_zip, name: str = "") -> str | None:
    """The extension the content really has (".pdf", ".docx", ".xlsx") or None. A zip
    whose declared sizes look like a bomb raises ZipBomb (core.archives.zip_problem)."""
    if head.startswith(b"%PDF-"):
        return ".pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            zf = zipfile.ZipFile(data_for_zip())
            names = set(zf.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        problem = zip_problem(zf, name)
        if problem:
            raise ZipBomb(problem)
        for ext, marker in _ZIP_MARKER.items():
            if marker in names:
                return ext
    return None


def check_upload(uploaded, field: str = "file") -> tuple[str, str]:
    """Refuse a file of the wrong type or too large; return (clean name, content type).

    The type is decided by the content (magic bytes, and the package inside a DOCX or
    XLSX) and must agree with the extension, so a renamed file is refused too.
    """
    name = PurePath(uploaded.name or "").name
    ext = PurePath(name).suffix.lower()
    limit = settings.MAX_ATTACHMENT_BYTES
    if uploaded.size > limit:
        raise DomainError(
            _("Tệp “%(name)s” quá lớn (%(size)s MB); giới hạn là %(limit)s MB.")
            % {
                "name": name,
                "size": format_megabytes(uploaded.size),
                "limit": format_megabytes(limit),
            },
            field=field,
        )
    if uploaded.size == 0:
        raise DomainError(_("Tệp “%(name)s” rỗng.") % {"name": name}, field=field)
    if ext not in KINDS:
        raise DomainError(
            _("Tệp “%(name)s” không đúng loại: chỉ nhận PDF, DOCX hoặc XLSX.") % {"name": name},
            field=field,
        )
    uploaded.seek(0)
    head = uploaded.read(8)

    def whole():
        uploaded.seek(0)
        return io.BytesIO(uploaded.read())

    try:
        real = sniff(head, whole, name)
    except ZipBomb as exc:
        raise DomainError(exc.message, field=field) from None
    uploaded.seek(0)
    if real != ext:
        raise DomainError(
            _("Nội dung tệp “%(name)s” không phải là %(kind)s (chỉ nhận PDF, DOCX hoặc XLSX thật).")
            % {"name": name, "kind": ext[1:].upper()},
            field=field,
        )
    return name, KINDS[ext]


def upload_to(instance, filename):
    # Random names: the user's file name is kept in the row, never trusted as a path.
    suffix = PurePath(filename).suffix.lower()
    return f"{instance.FOLDER}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


def now():
    """timezone.now looked up at call time (the demo replays history by patching it)."""
    return timezone.now()


class StoredFile(models.Model):
    """An uploaded file; subclasses set FOLDER and the object it belongs to."""

    FOLDER = "files"

    file = models.FileField(_lazy("tệp"), upload_to=upload_to, max_length=300)
    name = models.CharField(_lazy("tên tệp"), max_length=255)
    content_type = models.CharField(max_length=120)
    size = models.PositiveBigIntegerField(_lazy("dung lượng"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_lazy("người tải lên"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_lazy("thời điểm tải lên"), default=now)

    class Meta:
        abstract = True
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.name


def attach(model, uploaded, *, actor, field="file", **owner):
    """Check and store one upload as a `model` row (inside the caller's transaction)."""
    name, content_type = check_upload(uploaded, field)
    row = model(
        name=name, content_type=content_type, size=uploaded.size, uploaded_by=actor, **owner
    )
    row.file.save(name, uploaded, save=False)
    row.save()
    return row


def download(row):
    """The FileResponse for a stored file (the caller has checked permission). A row
    whose file is gone from the disk (a restore without the files, a deleted file) is a
    404 with the Vietnamese page, not a 500."""
    try:
        handle = row.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404(_("Tệp “%(name)s” không còn trên máy chủ.") % {"name": row.name}) from None
    return FileResponse(
        handle, as_attachment=True, filename=row.name, content_type=row.content_type
    )
