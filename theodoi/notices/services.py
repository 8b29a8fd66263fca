"""Sending a notice: the one way any area notifies a person (tasks' reminders and
workflow, reporting's reminders)."""

import logging
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from theodoi.notices.models import Notification

log = logging.getLogger(__name__)


def send_notice(user, *, subject: str, body: str, url: str = "", dedupe_key: str) -> bool:
    """Notify `user` in the app and by email, at most once per dedupe_key per day.

    Returns True if the notice was sent now, False if one with the same key was
    already sent today (or the user is inactive). The in-app notice is written in the
    caller's transaction; the email leaves only once that transaction commits
    (transaction.on_commit), so a change rolled back sends no mail. The email goes through
    Django's email backend; a mail failure is logged and does not lose the in-app notice.
    """
    if not user.is_active:
        return False
    day = timezone.localdate()
    try:
        with transaction.atomic():
            note, created = Notification.objects.get_or_create(
                user=user,
                dedupe_key=dedupe_key,
                day=day,
                defaults={"subject": subject[:300], "body": body, "url": url},
            )
    except IntegrityError:  # a concurrent run created it first
        return False
    if not created:
        return False
    if user.email:
        link = (getattr(settings, "SITE_URL", "") or "") + url if url else ""
        text = body + (f"\n\n{link}" if link else "")
        transaction.on_commit(partial(_email, note.pk, subject, text, user.email))
    return True


def _email(note_id: int, subject: str, text: str, address: str) -> None:
    try:
        send_mail(subject, text, None, [address])
        Notification.objects.filter(pk=note_id).update(emailed=True)
    except Exception:  # noqa: BLE001 - the in-app notice stands; the log says why mail failed
        log.exception("Không gửi được thư nhắc việc tới %s", address)
