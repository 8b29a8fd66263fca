"""Directives (văn bản chỉ đạo) and the breakthrough areas they set."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from theodoi.core.text import fold
from theodoi.directives.files import StoredFile


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
        _("số, ký hiệu"),
        max_length=60,
        blank=True,
        help_text=_("Ví dụ 05-NQ/TU (văn bản của Đảng) hoặc 112/KH-UBND (văn bản nhà nước)."),
    )
    title = models.CharField(_("trích yếu"), max_length=500)
    summary = models.TextField(_("tóm tắt nội dung"), blank=True)
    issuer = models.ForeignKey(
        "org.Agency",
        verbose_name=_("cơ quan ban hành"),
        on_delete=models.PROTECT,
        related_name="directives",
    )
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    term = models.CharField(
        _("nhiệm kỳ"), max_length=20, blank=True, help_text=_("Ví dụ 2020-2025.")
    )
    implements = models.ForeignKey(
        "self",
        verbose_name=_("thực hiện văn bản"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    breakthroughs = models.ManyToManyField(
        "directives.Breakthrough",
        verbose_name=_("khâu đột phá"),
        blank=True,
        related_name="directives",
    )
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
    directive = models.ForeignKey(
        Directive,
        verbose_name=_("văn bản xác định"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("khâu đột phá")
        verbose_name_plural = _("khâu đột phá")
        ordering = ["order", "code"]

    def __str__(self):
        return self.name


class DirectiveFile(StoredFile):
    """A file attached to a directive (the signed text, an annex)."""

    FOLDER = "directives"
    directive = models.ForeignKey(
        Directive, verbose_name=_("văn bản"), on_delete=models.CASCADE, related_name="files"
    )

    class Meta(StoredFile.Meta):
        verbose_name = _("tệp đính kèm văn bản")
        verbose_name_plural = _("tệp đính kèm văn bản")


class Meeting(models.Model):
    """A working session (buổi làm việc): leaders hear reports and conclude with tasks.

    Issuing its conclusions creates a conclusion notice (Thông báo kết luận, a Directive)
    and one task per conclusion item that assigns work (directives.services)."""

    title = models.CharField(_("nội dung buổi làm việc"), max_length=500)
    held_on = models.DateField(_("ngày"))
    place = models.CharField(_("địa điểm"), max_length=200, blank=True)
    host = models.ForeignKey(
        "org.Agency",
        verbose_name=_("cơ quan chủ trì"),
        on_delete=models.PROTECT,
        related_name="hosted_meetings",
    )
    chair = models.CharField(_("người chủ trì"), max_length=300, help_text=_("Họ tên và chức vụ."))
    agencies = models.ManyToManyField(
        "org.Agency", verbose_name=_("cơ quan tham dự"), blank=True, related_name="meetings"
    )
    participants = models.TextField(
        _("thành phần tham dự"), blank=True, help_text=_("Mỗi người một dòng: họ tên – chức vụ.")
    )
    directive = models.ForeignKey(
        Directive,
        verbose_name=_("thực hiện văn bản"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    notice = models.OneToOneField(
        Directive,
        verbose_name=_("thông báo kết luận"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="notice_of",
    )
    search_key = models.CharField(max_length=800, editable=False, db_index=True)

    class Meta:
        verbose_name = _("buổi làm việc")
        verbose_name_plural = _("buổi làm việc")
        ordering = ["-held_on", "id"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.search_key = fold(f"{self.title} {self.chair} {self.place}")[:800]
        super().save(*args, **kwargs)

    @property
    def participant_lines(self):
        return [line.strip() for line in self.participants.splitlines() if line.strip()]


class AgendaItem(models.Model):
    """One item of the agenda: a report presented by an agency."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("buổi làm việc"), on_delete=models.CASCADE, related_name="agenda"
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=1)
    title = models.CharField(_("nội dung"), max_length=500)
    presenter = models.ForeignKey(
        "org.Agency",
        verbose_name=_("cơ quan báo cáo"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    report = models.TextField(_("tóm tắt báo cáo"), blank=True)

    class Meta:
        verbose_name = _("nội dung làm việc")
        verbose_name_plural = _("nội dung làm việc")
        ordering = ["meeting", "order"]

    def __str__(self):
        return f"{self.order}. {self.title}"


class ConclusionItem(models.Model):
    """A numbered conclusion. When it assigns work (a lead agency is set), issuing the
    conclusions turns it into a task."""

    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("buổi làm việc"),
        on_delete=models.CASCADE,
        related_name="conclusions",
    )
    number = models.PositiveSmallIntegerField(_("số thứ tự"))
    text = models.TextField(_("nội dung kết luận"))
    title = models.CharField(
        _("tên nhiệm vụ"), max_length=500, blank=True, help_text=_("Tên ngắn của nhiệm vụ giao.")
    )
    lead = models.ForeignKey(
        "org.Agency",
        verbose_name=_("cơ quan chủ trì"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    coordinators = models.ManyToManyField(
        "org.Agency", verbose_name=_("cơ quan phối hợp"), blank=True, related_name="+"
    )
    deadline = models.DateField(_("thời hạn"), null=True, blank=True)
    recurrence = models.CharField(_("tính chất thời hạn"), max_length=20, default="once")
    recurrence_day = models.PositiveSmallIntegerField(null=True, blank=True)
    recurrence_month = models.PositiveSmallIntegerField(null=True, blank=True)
    product = models.CharField(_("sản phẩm"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("kết luận")
        verbose_name_plural = _("kết luận")
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="conclusion_number_unique")
        ]

    def __str__(self):
        return f"{self.number}. {self.title or self.text[:80]}"

    @property
    def assigns_work(self):
        return self.lead_id is not None
