"""Uploaded files kept under MEDIA_ROOT between preview and confirmation, found by token."""

import secrets
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext as _

from theodoi.core.errors import DomainError, NotAllowed
from theodoi.exchange.models import Upload
from theodoi.exchange.readers import check_size

KEEP = timedelta(days=1)


class UploadGone(DomainError):
    """The upload is no longer kept (never existed, removed after a day): 410 in the API."""

    status = 410


def store(actor, kind: str, data: bytes, filename: str, params: dict | None = None) -> Upload:
    """Keep the file for confirmation. Old uploads nobody confirmed are removed here."""
    check_size(data, filename)
    forget_stale()
    token = secrets.token_urlsafe(24)
    upload = Upload(
        token=token,
        kind=kind,
        user=actor,
        filename=filename[:255],
        size=len(data),
        params=params or {},
        created_at=timezone.now(),
    )
    # The stored name is the token, never the uploaded name: nothing the sender wrote
    # becomes a path on the server.
    upload.file.save(f"{token}.bin", ContentFile(data), save=False)
    upload.save()
    return upload


def fetch(actor, token: str, kind: str, *, for_update: bool = False) -> tuple[Upload, bytes]:
    """The stored upload and its bytes. With for_update (inside a transaction) the row is
    locked, so that two clicks on "Ghi" cannot write the same file twice."""
    upload = find(actor, token, kind, for_update=for_update)
    try:
        with upload.file.open("rb") as fh:
            return upload, fh.read()
    except FileNotFoundError:
        raise UploadGone(
            _("Tệp “%(name)s” không còn được lưu trên máy chủ. Hãy tải tệp lên lại.")
            % {"name": upload.filename},
            field="token",
        ) from None


def find(actor, token: str, kind: str, *, for_update: bool = False) -> Upload:
    """The stored upload, without its bytes: only its uploader finds it, and only while it
    waits for confirmation."""
    qs = Upload.objects.filter(token=token, kind=kind)
    upload = (qs.select_for_update() if for_update else qs).first()
    if upload is None or upload.created_at < timezone.now() - KEEP:
        raise UploadGone(
            _("Không tìm thấy tệp đã tải lên (hoặc đã quá 24 giờ). Hãy tải tệp lên lại."),
            field="token",
        )
    if upload.user_id != actor.pk:
        raise NotAllowed(_("Tệp này do người khác tải lên."))
    if upload.committed_at is not None:
        raise DomainError(
            _("Tệp “%(name)s” đã được ghi lúc %(at)s; không ghi lần nữa.")
            % {
                "name": upload.filename,
                "at": timezone.localtime(upload.committed_at).strftime("%H:%M %d/%m/%Y"),
            },
            field="token",
        )
    return upload


def forget(upload: Upload) -> None:
    """Remove an upload nobody will confirm (a second copy of a file already being checked)."""
    upload.file.delete(save=False)
    upload.delete()


def forget_stale() -> None:
    for upload in Upload.objects.filter(
        committed_at__isnull=True, created_at__lt=timezone.now() - KEEP
    ):
        forget(upload)


def done(upload: Upload, result: dict) -> None:
    """Mark the upload written. The file is kept: it is the evidence of what was imported
    (each value's history names it)."""
    upload.committed_at = timezone.now()
    upload.result = result
    upload.save(update_fields=["committed_at", "result"])
