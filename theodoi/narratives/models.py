"""A report received for reading: the uploaded file kept as evidence, what it is attached to
(a reporting cycle and an agency, or nothing), and what reading it gave (the text read, the
preview, or the Vietnamese reason it could not be read)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReceivedReport(models.Model):
    class Status(models.TextChoices):
        READING = "reading", _("Đang đọc")
        READ = "read", _("Đã đọc")
        FAILED = "failed", _("Không đọc được")
        COMMITTED = "committed", _("Đã ghi số liệu")

    file = models.FileField(_("tệp"), upload_to="narratives/%Y/%m/", blank=True)
    name = models.CharField(_("tên tệp"), max_length=255)
    size = models.PositiveBigIntegerField(_("dung lượng"), default=0)
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="received_reports",
        verbose_name=_("người tải lên"),
    )
    uploaded_at = models.DateTimeField(_("tải lên lúc"))
    cycle = models.ForeignKey(
        "reporting.ReportingCycle",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="received_reports",
        verbose_name=_("kỳ báo cáo"),
    )
    agency = models.ForeignKey(
        "org.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="received_reports",
        verbose_name=_("cơ quan"),
    )
    period_id = models.CharField(_("kỳ của báo cáo"), max_length=20, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.READING
    )
    error = models.TextField(_("lý do không đọc được"), blank=True)
    text = models.TextField(_("nội dung đọc được"), blank=True)
    from_image = models.BooleanField(_("đọc từ ảnh"), default=False)
    pages = models.PositiveIntegerField(_("số trang"), default=0)
    result = models.JSONField(_("kết quả đọc"), null=True, blank=True)
    # The indicator a person chose for a statement the reader did not match: {index: code}.
    choices = models.JSONField(_("chỉ tiêu đã chọn"), default=dict, blank=True)
    job = models.ForeignKey(
        "jobs.Job",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("việc đọc"),
    )

    class Meta:
        verbose_name = _("báo cáo nhận")
        verbose_name_plural = _("báo cáo nhận")
        ordering = ["-uploaded_at", "-id"]

    def __str__(self):
        return self.name
