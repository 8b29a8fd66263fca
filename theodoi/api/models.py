import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# "Last used" is written at most once in this interval: writing it on every call made every API
# read a database write (on SQLite a write lock each time; docs/benchmarks.md "Load").
LAST_USED_EVERY = timedelta(minutes=5)


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


class ApiTokenManager(models.Manager["ApiToken"]):
    def issue(self, user, name: str = "") -> tuple["ApiToken", str]:
        """Create a token; the raw value is returned once and only its hash is kept."""
        raw = "td_" + secrets.token_urlsafe(32)
        token = self.create(user=user, name=name, prefix=raw[:10], key_hash=hash_token(raw))
        return token, raw

    def authenticate(self, raw: str):
        token = (
            self.select_related("user")
            .filter(key_hash=hash_token(raw), revoked_at__isnull=True)
            .first()
        )
        if token is None or not token.user.is_active:
            return None
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at >= LAST_USED_EVERY:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(_("tên"), max_length=100, blank=True)
    prefix = models.CharField(_("tiền tố"), max_length=12)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("dùng lần cuối"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)

    objects = ApiTokenManager()

    class Meta:
        verbose_name = _("mã truy cập API")
        verbose_name_plural = _("mã truy cập API")

    def __str__(self):
        return f"{self.prefix}… ({self.user})"
