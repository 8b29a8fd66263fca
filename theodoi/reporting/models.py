"""Reporting regimes (chế độ báo cáo), their cycles, the agencies' submissions and the
province's report. State changes happen in reporting/services.py only."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from theodoi.core.periods import Period
from theodoi.core.text import fold
from theodoi.reporting import schedule


class OfficeDay(models.Model):
    """A day the office does not follow the public calendar: a one-off day off, or a
    make-up working day (often a Saturday)."""

    class Kind(models.TextChoices):
        DAY_OFF = "day_off", _("Ngày nghỉ")
        WORKING_DAY = "working_day", _("Ngày làm việc bù")

    day = models.DateField(_("ngày"), unique=True)
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    reason = models.CharField(_("lý do"), max_length=200)

    class Meta:
        verbose_name = _("ngày nghỉ, ngày làm bù của cơ quan")
        verbose_name_plural = _("ngày nghỉ, ngày làm bù của cơ quan")
        ordering = ["day"]

    def __str__(self):
        return f"{self.day:%d/%m/%Y} — {self.get_kind_display()}"


class Frequency(models.TextChoices):
    MONTH = "month", _("Hằng tháng")
    QUARTER = "quarter", _("Hằng quý")
    HALF = "half", _("6 tháng")
    NINE_MONTHS = "nine_months", _("9 tháng")
    YEAR = "year", _("Hằng năm")


class Method(models.TextChoices):
    SYSTEM = "system", _("Qua hệ thống thông tin báo cáo")
    SYSTEM_AND_PAPER = "system_paper", _("Qua hệ thống và văn bản giấy")
    EMAIL = "email", _("Thư điện tử công vụ")


class ReportingRegime(models.Model):
    """A reporting regime with the fields Nghị định 09/2019/NĐ-CP, Điều 7 requires."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên báo cáo"), max_length=255)
    content = models.TextField(_("nội dung yêu cầu báo cáo"))
    agencies = models.ManyToManyField(
        "org.Agency", verbose_name=_("đối tượng thực hiện báo cáo"), related_name="+"
    )
    recipient = models.ForeignKey(
        "org.Agency",
        verbose_name=_("cơ quan nhận báo cáo"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    method = models.CharField(
        _("phương thức gửi, nhận"), max_length=20, choices=Method.choices, default=Method.SYSTEM
    )
    frequency = models.CharField(_("tần suất"), max_length=20, choices=Frequency.choices)
    cutoff_rule = models.CharField(
        _("thời gian chốt số liệu"),
        max_length=20,
        default=schedule.CUTOFF_ND09,
        choices=[
            (
                schedule.CUTOFF_ND09,
                _("Theo Nghị định 09/2019/NĐ-CP (từ ngày 15 tháng trước đến ngày 14)"),
            ),
            (schedule.CUTOFF_CALENDAR, _("Theo tháng dương lịch của kỳ")),
        ],
    )
    deadline_kind = models.CharField(
        _("cách tính hạn gửi"),
        max_length=20,
        choices=[
            (schedule.DEADLINE_DAY_OF_MONTH, _("Một ngày trong tháng")),
            (schedule.DEADLINE_WORKING_DAYS, _("Số ngày làm việc sau ngày chốt số liệu")),
        ],
    )
    deadline_day = models.PositiveSmallIntegerField(_("ngày / số ngày làm việc"))
    deadline_month_offset = models.PositiveSmallIntegerField(
        _("tháng (0: tháng cuối kỳ)"), default=0
    )
    outline = models.JSONField(
        _("đề cương"),
        default=list,
        blank=True,
        help_text=_(
            'Các mục của đề cương: [{"key": "ket-qua", "heading": "I. Kết quả", "required": true}].'
        ),
    )
    # How the province's report is issued.
    issuer = models.ForeignKey(
        "org.Agency",
        verbose_name=_("cơ quan ban hành báo cáo tổng hợp"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    symbol = models.CharField(_("ký hiệu"), max_length=40, default="BC-UBND")
    signature_authority = models.CharField(
        _("thẩm quyền ký"), max_length=120, default="TM. ỦY BAN NHÂN DÂN"
    )
    signature_position = models.CharField(_("chức vụ người ký"), max_length=120, default="CHỦ TỊCH")
    signer_name = models.CharField(_("họ tên người ký"), max_length=120, blank=True)
    recipients = models.TextField(_("nơi nhận"), blank=True, help_text=_("Mỗi dòng một nơi nhận."))
    active = models.BooleanField(_("đang áp dụng"), default=True)
    search_key = models.CharField(max_length=400, editable=False, db_index=True)

    class Meta:
        verbose_name = _("chế độ báo cáo")
        verbose_name_plural = _("chế độ báo cáo")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_key = fold(f"{self.name} {self.code}")
        super().save(*args, **kwargs)

    @property
    def deadline_rule(self) -> schedule.DeadlineRule:
        return schedule.DeadlineRule(
            self.deadline_kind, self.deadline_day, self.deadline_month_offset
        )

    def outline_sections(self) -> list[dict]:
        return [
            {
                "key": s["key"],
                "heading": s["heading"],
                "required": bool(s.get("required")),
                "hint": s.get("hint", ""),
            }
            for s in self.outline or []
        ]

    def recipient_list(self) -> list[str]:
        return [line.strip() for line in self.recipients.splitlines() if line.strip()]


class TemplateItem(models.Model):
    """A row of a regime's data template (biểu mẫu): an indicator to report. The agency
    that reports it is the indicator's lead agency (chủ trì), whose figures acceptance locks."""

    regime = models.ForeignKey(
        ReportingRegime,
        verbose_name=_("chế độ báo cáo"),
        on_delete=models.CASCADE,
        related_name="template",
    )
    indicator = models.ForeignKey(
        "targets.Indicator", verbose_name=_("chỉ tiêu"), on_delete=models.PROTECT, related_name="+"
    )
    order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("dòng biểu mẫu")
        verbose_name_plural = _("biểu mẫu số liệu")
        ordering = ["regime", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["regime", "indicator"], name="template_item_unique")
        ]

    def __str__(self):
        return f"{self.regime.code}: {self.indicator.code}"


class ReportingCycle(models.Model):
    """One regime for one period: its cut-off window, deadline and the agencies it expects,
    fixed when opened."""

    class State(models.TextChoices):
        OPEN = "open", _("Đang nhận báo cáo")
        CLOSED = "closed", _("Đã khóa sổ")

    regime = models.ForeignKey(
        ReportingRegime,
        verbose_name=_("chế độ báo cáo"),
        on_delete=models.PROTECT,
        related_name="cycles",
    )
    period_id = models.CharField(_("kỳ báo cáo"), max_length=20)
    cutoff_start = models.DateField(_("chốt số liệu từ ngày"))
    cutoff_end = models.DateField(_("chốt số liệu đến ngày"))
    deadline = models.DateField(_("hạn gửi"))
    # Fixed when the cycle is opened: the regime's agencies, each dissolved on or before the
    # deadline replaced by its successor (schedule.expected_agencies); never rewritten after.
    agencies = models.ManyToManyField(
        "org.Agency", verbose_name=_("cơ quan phải báo cáo kỳ này"), related_name="+"
    )
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=State.choices, default=State.OPEN
    )
    opened_at = models.DateTimeField(_("mở lúc"))

    class Meta:
        verbose_name = _("kỳ báo cáo")
        verbose_name_plural = _("kỳ báo cáo")
        ordering = ["-cutoff_end", "regime__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["regime", "period_id"], name="cycle_regime_period_unique"
            )
        ]

    def __str__(self):
        return f"{self.regime.name} — {self.period.label}"

    @property
    def period(self):
        return Period.parse(self.period_id)

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN


class Submission(models.Model):
    """An agency's report for one cycle."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        SIGNED_OFF = "signed_off", _("Lãnh đạo đã duyệt")
        SUBMITTED = "submitted", _("Đã gửi")
        ACCEPTED = "accepted", _("Đã tiếp nhận")
        RETURNED = "returned", _("Trả lại")

    cycle = models.ForeignKey(
        ReportingCycle,
        verbose_name=_("kỳ báo cáo"),
        on_delete=models.CASCADE,
        related_name="submissions",
    )
    agency = models.ForeignKey(
        "org.Agency",
        verbose_name=_("cơ quan báo cáo"),
        on_delete=models.PROTECT,
        related_name="report_submissions",
    )
    state = models.CharField(
        _("trạng thái"), max_length=12, choices=State.choices, default=State.DRAFT
    )
    sections = models.JSONField(_("nội dung theo đề cương"), default=dict, blank=True)
    return_reason = models.TextField(_("lý do trả lại"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người lập"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("lập lúc"))
    updated_at = models.DateTimeField(_("sửa lúc"))
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lãnh đạo duyệt"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    signed_off_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người gửi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    first_submitted_at = models.DateTimeField(_("gửi lần đầu lúc"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người xử lý"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("xử lý lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("báo cáo của cơ quan")
        verbose_name_plural = _("báo cáo của cơ quan")
        ordering = ["cycle", "agency__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "agency"], name="submission_cycle_agency_unique"
            )
        ]

    def __str__(self):
        return f"{self.agency} — {self.cycle}"

    @property
    def is_editable(self) -> bool:
        return self.state in (self.State.DRAFT, self.State.RETURNED)

    def timeliness(self, today):
        first = timezone.localdate(self.first_submitted_at) if self.first_submitted_at else None
        return schedule.timeliness(self.cycle.deadline, first, today)


class ProvinceReport(models.Model):
    """The province's report for a cycle: drafted by the system, edited by the office, issued."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        ISSUED = "issued", _("Đã ban hành")

    cycle = models.OneToOneField(
        ReportingCycle,
        verbose_name=_("kỳ báo cáo"),
        on_delete=models.CASCADE,
        related_name="province_report",
    )
    title = models.CharField(_("trích yếu"), max_length=300)
    sections = models.JSONField(
        _("nội dung"), default=list, blank=True, help_text=_('[{"heading": "...", "text": "..."}]')
    )
    number = models.CharField(_("số"), max_length=20, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=State.choices, default=State.DRAFT
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người sửa"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("sửa lúc"))

    class Meta:
        verbose_name = _("báo cáo tổng hợp của tỉnh")
        verbose_name_plural = _("báo cáo tổng hợp của tỉnh")

    def __str__(self):
        return self.title
