"""Directives (văn bản chỉ đạo) and the breakthrough areas they set."""
from django.db import models
from django.utils.translation import gettext_lazy as _

from theodoi.core.text import fold


class DirectiveKind(models.TextChoices):
    RESOLUTION = "nghi_quyet", _("Nghị quyết")
    PROGRAMME = "chuong_trinh", _("Chương trình hành động")
    PLAN = "ke_hoach", _("Kế hoạch")
    CONCLUSION = "ket_luan", _("Kết luận")
    CONCLUSION_NOTICE = "thong_bao_ket_luan", _("Thông báo kết luận")
    INSTRUCTION = "chi_thi", _("Chỉ thị")
    DECISION = "quyet_dinh", _("Quyết định")
    OFFICIAL_LETTER = "cong_van", _("Công văn")


class Directive(models.Model):
    """A resolution, programme, plan or conclusion. `implements` makes the cascade:
    the Congress resolution → the Standing Board's programme → the UBND's plans."""

    kind = models.CharField(_("loại văn bản"), max_length=30, choices=DirectiveKind.choices)
    number = models.CharField(
        _("số, ký hiệu"), max_length=60, blank=True,
        help_text=_("Ví dụ 05-NQ/TU (văn bản của Đảng) hoặc 112/KH-UBND (văn bản nhà nước)."),
    )
    title = models.CharField(_("trích yếu"), max_length=500)
    summary = models.TextField(_("tóm tắt nội dung"), blank=True)
    issuer = models.ForeignKey("org.Agency", verbose_name=_("cơ quan ban hành"), on_delete=models.PROTECT, related_name="directives")
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    term = models.CharField(_("nhiệm kỳ"), max_length=20, blank=True, help_text=_("Ví dụ 2020-2025."))
    implements = models.ForeignKey(
        "self", verbose_name=_("thực hiện văn bản"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    breakthroughs = models.ManyToManyField("directives.Breakthrough", verbose_name=_("khâu đột phá"), blank=True, related_name="directives")
    search_key = models.CharField(max_length=800, editable=False, db_index=True)

    class Meta:
        verbose_name = _("văn bản chỉ đạo")
        verbose_name_plural = _("văn bản chỉ đạo")
        ordering = ["-issued_on", "number"]

    def __str__(self):
        label = self.get_kind_display()
        return f"{label} {self.number}".strip() + (f" — {self.title}" if self.title else "")

    def save(self, *args, **kwargs):
        self.search_key = fold(f"{self.number} {self.get_kind_display()} {self.title}")[:800]
        super().save(*args, **kwargs)


class Breakthrough(models.Model):
    """A breakthrough area (khâu đột phá) a resolution names; a tag on targets and tasks."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=300)
    directive = models.ForeignKey(Directive, verbose_name=_("văn bản xác định"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("khâu đột phá")
        verbose_name_plural = _("khâu đột phá")
        ordering = ["order", "code"]

    def __str__(self):
        return self.name
