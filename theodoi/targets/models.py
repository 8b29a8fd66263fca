"""Indicators (chỉ tiêu), their targets (kế hoạch, dự toán, mục tiêu) and reported values.

Targets and values are never overwritten: a new figure is a new row and the
previous one stays as history. `DataValue.is_latest` marks the row analytics reads;
targets are read newest-first by kind precedence (see metrics.pick_target).
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from theodoi.core.periods import Period
from theodoi.core.text import fold


class Kind(models.TextChoices):
    FLOW = "flow", _("Cộng dồn theo thời gian (doanh thu, chi, lượt khách)")
    STOCK = "stock", _("Số tại cuối kỳ (số xã đạt chuẩn)")
    RATE = "rate", _("Tỷ lệ, tốc độ (không cộng dồn)")


class Aggregation(models.TextChoices):
    SUM = "sum", _("Cộng các đơn vị")
    AVERAGE = "average", _("Trung bình các đơn vị")
    NONE = "none", _("Không tổng hợp")


class Direction(models.TextChoices):
    UP = "up", _("Càng cao càng tốt")
    DOWN = "down", _("Càng thấp càng tốt")


class Finest(models.TextChoices):
    MONTH = "month", _("Tháng")
    QUARTER = "quarter", _("Quý")
    HALF = "half", _("6 tháng")
    YEAR = "year", _("Năm")


class Indicator(models.Model):
    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên chỉ tiêu"), max_length=300)
    unit_of_measure = models.CharField(
        _("đơn vị tính"), max_length=40, help_text=_("Ví dụ: tỷ đồng, %, lượt khách, xã.")
    )
    field = models.CharField(_("lĩnh vực"), max_length=100, blank=True)
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices, default=Kind.FLOW)
    unit_aggregation = models.CharField(
        _("tổng hợp theo đơn vị"),
        max_length=10,
        choices=Aggregation.choices,
        default=Aggregation.SUM,
    )
    direction = models.CharField(
        _("chiều tốt"), max_length=5, choices=Direction.choices, default=Direction.UP
    )
    decimals = models.PositiveSmallIntegerField(_("số chữ số thập phân"), default=0)
    finest_period = models.CharField(
        _("kỳ báo cáo nhỏ nhất"), max_length=10, choices=Finest.choices, default=Finest.MONTH
    )
    levels = models.JSONField(
        _("cấp báo cáo"),
        default=list,
        blank=True,
        help_text=_("Các cấp đơn vị báo cáo chỉ tiêu: 1 tỉnh, 2 huyện, 3 xã. Để trống: mọi cấp."),
    )
    allow_negative = models.BooleanField(_("cho phép số âm"), default=False)
    jump_threshold = models.DecimalField(
        _("ngưỡng biến động cần giải trình (%)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        default=Decimal(50),
        help_text=_("Số liệu chênh lệch so với cùng kỳ quá ngưỡng này phải kèm ghi chú."),
    )
    lead_agency = models.ForeignKey(
        "org.Agency",
        verbose_name=_("cơ quan chủ trì"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_indicators",
    )
    coordinators = models.ManyToManyField(
        "org.Agency", verbose_name=_("cơ quan phối hợp"), blank=True, related_name="+"
    )
    directive = models.ForeignKey(
        "directives.Directive",
        verbose_name=_("văn bản giao chỉ tiêu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="indicators",
    )
    breakthroughs = models.ManyToManyField(
        "directives.Breakthrough",
        verbose_name=_("khâu đột phá"),
        blank=True,
        related_name="indicators",
    )
    description = models.TextField(_("ghi chú, phương pháp tính"), blank=True)
    synonyms = models.TextField(
        _("tên gọi khác"),
        blank=True,
        help_text=_("Mỗi dòng một tên gọi khác, dùng khi đọc báo cáo: “thu NSNN”, “GRDP”."),
    )
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    retired = models.BooleanField(_("ngừng theo dõi"), default=False)
    search_key = models.CharField(max_length=600, editable=False, db_index=True)

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["order", "code"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_key = fold(f"{self.code} {self.name} {self.field} {self.unit_of_measure}")[:600]
        super().save(*args, **kwargs)

    @property
    def is_rate(self) -> bool:
        return self.kind == Kind.RATE

    def takes_figures_for(self, unit, period: Period) -> bool:
        """Whether a figure of this indicator may be entered for the unit and period: the
        unit's level is one it is followed at, and the period is a reporting period (not a
        term) no finer than its finest period. The entry grid and the workbook template offer
        exactly these rows; targets.services.record_values refuses the others with a message."""
        return (
            (not self.levels or unit.level in self.levels)
            and period.kind != "term"
            and period.is_aligned_to(self.finest_period)
        )


class PeriodFields(models.Model):
    """The period id and its span in months (year*12 + month - 1), for range queries."""

    period_id = models.CharField(_("kỳ"), max_length=12)
    period_kind = models.CharField(max_length=8, editable=False)
    start_month = models.IntegerField(editable=False)
    end_month = models.IntegerField(editable=False)

    class Meta:
        abstract = True

    def set_period(self, period: Period):
        self.period_id = period.id
        self.period_kind = period.kind
        self.start_month = period.year * 12 + period.first_month - 1
        self.end_month = period.end_year * 12 + period.last_month - 1

    @property
    def period(self) -> Period:
        return Period.parse(self.period_id)


class TargetKind(models.TextChoices):
    GOAL = "goal", _("mục tiêu nghị quyết")
    PLAN = "plan", _("kế hoạch")
    ESTIMATE = "estimate", _("dự toán")
    ADJUSTED = "adjusted", _("kế hoạch điều chỉnh")


class TargetValue(PeriodFields):
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("chỉ tiêu"), on_delete=models.CASCADE, related_name="targets"
    )
    unit = models.ForeignKey(
        "org.AdminUnit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(
        _("loại mục tiêu"), max_length=10, choices=TargetKind.choices, default=TargetKind.PLAN
    )
    value = models.DecimalField(_("giá trị"), max_digits=20, decimal_places=6)
    directive = models.ForeignKey(
        "directives.Directive",
        verbose_name=_("văn bản"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhập"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("thời điểm"))

    class Meta:
        verbose_name = _("mục tiêu, kế hoạch")
        verbose_name_plural = _("mục tiêu, kế hoạch")
        ordering = ["indicator", "unit", "start_month", "-created_at", "-id"]
        indexes = [models.Index(fields=["indicator", "unit", "period_id"], name="target_lookup")]

    def __str__(self):
        return f"{self.indicator.code} {self.period_id} {self.get_kind_display()}"


class Status(models.TextChoices):
    ESTIMATE = "estimate", _("ước")
    PRELIMINARY = "preliminary", _("sơ bộ")
    OFFICIAL = "official", _("chính thức")


class DataValue(PeriodFields):
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("chỉ tiêu"), on_delete=models.CASCADE, related_name="values"
    )
    unit = models.ForeignKey(
        "org.AdminUnit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+"
    )
    value = models.DecimalField(_("giá trị"), max_digits=20, decimal_places=6)
    status = models.CharField(
        _("tình trạng số liệu"), max_length=12, choices=Status.choices, default=Status.ESTIMATE
    )
    agency = models.ForeignKey(
        "org.Agency",
        verbose_name=_("cơ quan báo cáo"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhập"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("thời điểm"))
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    source = models.CharField(
        _("nguồn"), max_length=60, blank=True, help_text=_("Ví dụ: nhập tay, API, tệp Excel.")
    )
    is_latest = models.BooleanField(default=True, editable=False)
    replaces = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaced_by",
        editable=False,
    )

    class Meta:
        verbose_name = _("số liệu thực hiện")
        verbose_name_plural = _("số liệu thực hiện")
        ordering = ["indicator", "unit", "start_month", "-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "unit", "period_id"],
                condition=Q(is_latest=True),
                name="datavalue_one_latest",
            ),
        ]
        indexes = [
            # The analytics query layer reads latest values by indicator and month span, or
            # by month span across all indicators (the province overview).
            models.Index(
                fields=["indicator", "start_month", "unit"],
                condition=Q(is_latest=True),
                name="dv_ind_span",
            ),
            models.Index(
                fields=["start_month", "end_month"], condition=Q(is_latest=True), name="dv_span"
            ),
            # ... and by indicator for a given set of units (a unit's subtree, the old units
            # a unit comes from): PostgreSQL otherwise filters every value of the indicator
            # (the national benchmark: 82 ms → 1.5 ms for one scan).
            models.Index(
                fields=["indicator", "unit", "start_month", "end_month"],
                condition=Q(is_latest=True),
                name="dv_ind_unit_span",
            ),
        ]

    def __str__(self):
        return f"{self.indicator.code} {self.unit_id} {self.period_id} = {self.value}"


class ValueLock(models.Model):
    """Figures an agency reported for a period, frozen (e.g. when the steering office
    accepts its report). A lock on a period also freezes every period inside it."""

    agency = models.ForeignKey(
        "org.Agency",
        verbose_name=_("cơ quan"),
        on_delete=models.CASCADE,
        related_name="value_locks",
    )
    period_id = models.CharField(_("kỳ"), max_length=12)
    unit = models.ForeignKey(
        "org.AdminUnit",
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Để trống: mọi đơn vị."),
    )
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người khóa"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    locked_at = models.DateTimeField(_("thời điểm khóa"), auto_now_add=True)
    reason = models.CharField(_("lý do"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("khóa số liệu")
        verbose_name_plural = _("khóa số liệu")

    def __str__(self):
        return f"{self.agency} {self.period_id}"

    def covers(self, unit_id: int, period: Period) -> bool:
        if self.unit_id is not None and self.unit_id != unit_id:
            return False
        try:
            return Period.parse(self.period_id).contains(period)
        except ValueError:
            return True  # a lock with a malformed period id fails closed: it freezes every period


class Rollup(models.Model):
    """The resolved value of an indicator at a unit that has child units, for a quarter,
    a half or a year (analytics' rules: exact, else sub-periods, else child units valid
    in the period). A read cache of `DataValue`: `record_values` keeps it current in the
    same transaction, `manage.py rebuild_rollups` rebuilds it, and analytics falls back to
    the values themselves for any (indicator, unit, period) without a row. `value` keeps
    the Decimal's exact text (an average can have more digits than a numeric column);
    NULL when nothing resolves."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey("org.AdminUnit", on_delete=models.CASCADE, related_name="+")
    period_id = models.CharField(max_length=12)
    # NULL (nothing resolves) differs from any text; changing it would need a migration.
    value = models.CharField(max_length=64, null=True)  # noqa: DJ001
    status = models.CharField(max_length=12, blank=True)
    source = models.CharField(max_length=12, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "period_id", "indicator"], name="rollup_key")
        ]

    def __str__(self):
        return f"{self.indicator_id} {self.unit_id} {self.period_id} = {self.value}"
