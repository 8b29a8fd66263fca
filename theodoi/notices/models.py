from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def now():
    """timezone.now looked up at call time (the demo replays history by patching it)."""
    return timezone.now()


class Notification(models.Model):
    """An in-app notice (the bell); sent with an email by notices.services.send_notice."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    subject = models.CharField(_("tiêu đề"), max_length=300)
    body = models.TextField(_("nội dung"), blank=True)
    url = models.CharField(max_length=500, blank=True)
    dedupe_key = models.CharField(max_length=200)
    day = models.DateField()
    created_at = models.DateTimeField(default=now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed = models.BooleanField(default=False)

    class Meta:
        db_table = "tasks_notification"  # the table it had when it lived in tasks: rows kept
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "dedupe_key", "day"], name="notification_once_a_day"
            )
        ]

    def __str__(self):
        return self.subject
