"""Uploads waiting for confirmation, and the mapping to other systems' ids (DHIS2)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Upload(models.Model):
    """A file uploaded for import, kept server-side between preview and confirmation.

    The preview page holds only the token; confirming reads the stored file again and
    validates it again, so nothing the browser sends back can change what is written."""

    class Kind(models.TextChoices):
        VALUES = "values", _("Số liệu chỉ tiêu")
        TASKS = "tasks", _("Danh mục nhiệm vụ")
        DHIS2 = "dhis2", _("Số liệu DHIS2")

    token = models.CharField(max_length=64, unique=True)
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tải lên"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    filename = models.CharField(_("tên tệp"), max_length=255)
    file = models.FileField(upload_to="exchange/%Y/%m/", max_length=300)
    size = models.PositiveIntegerField(_("dung lượng"), default=0)
    params = models.JSONField(_("tham số"), default=dict, blank=True)
    created_at = models.DateTimeField(_("thời điểm tải lên"))
    committed_at = models.DateTimeField(_("thời điểm ghi"), null=True, blank=True)
    result = models.JSONField(_("kết quả"), default=dict, blank=True)

    class Meta:
        verbose_name = _("tệp tải lên")
        verbose_name_plural = _("tệp tải lên")
        ordering = ["-created_at"]

    def __str__(self):
        return self.filename


class ExternalMapping(models.Model):
    """One id of another system (a DHIS2 data element or org unit) and what it is here.

    DHIS2 ids are 11-character uids ("fbfJHSPpUQD"); ours are indicator codes and GSO unit
    codes. A dataValueSet row whose dataElement or orgUnit has no mapping is reported,
    never dropped."""

    class Kind(models.TextChoices):
        INDICATOR = "indicator", _("Chỉ tiêu (dataElement)")
        UNIT = "unit", _("Đơn vị hành chính (orgUnit)")

    system = models.CharField(_("hệ thống"), max_length=40, default="dhis2")
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices)
    external_id = models.CharField(_("mã bên ngoài"), max_length=100)
    code = models.CharField(
        _("mã của Theo Dõi"),
        max_length=60,
        help_text=_("Mã chỉ tiêu hoặc mã đơn vị hành chính (Tổng cục Thống kê)."),
    )
    note = models.CharField(_("ghi chú"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("ánh xạ mã")
        verbose_name_plural = _("ánh xạ mã")
        ordering = ["system", "kind", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["system", "kind", "external_id"], name="mapping_external_unique"
            ),
            models.UniqueConstraint(fields=["system", "kind", "code"], name="mapping_code_unique"),
        ]

    def __str__(self):
        return f"{self.system}:{self.external_id} → {self.code}"
