"""Administrative units (versioned in time), agencies, and people's memberships."""

from datetime import date
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from theodoi.core.text import fold
from theodoi.org.lineage import check_code_free
from theodoi.permissions.roles import Role


class UnitKind(models.TextChoices):
    PROVINCE = "tinh", _("Tỉnh")
    CENTRAL_CITY = "thanh_pho_tw", _("Thành phố trực thuộc trung ương")
    DISTRICT = "huyen", _("Huyện")
    URBAN_DISTRICT = "quan", _("Quận")
    TOWN = "thi_xa", _("Thị xã")
    PROVINCIAL_CITY = "thanh_pho", _("Thành phố thuộc tỉnh")
    COMMUNE = "xa", _("Xã")
    WARD = "phuong", _("Phường")
    TOWNSHIP = "thi_tran", _("Thị trấn")
    SPECIAL_ZONE = "dac_khu", _("Đặc khu")


UNIT_LEVELS = {
    UnitKind.PROVINCE: 1,
    UnitKind.CENTRAL_CITY: 1,
    UnitKind.DISTRICT: 2,
    UnitKind.URBAN_DISTRICT: 2,
    UnitKind.TOWN: 2,
    UnitKind.PROVINCIAL_CITY: 2,
    UnitKind.COMMUNE: 3,
    UnitKind.WARD: 3,
    UnitKind.TOWNSHIP: 3,
    UnitKind.SPECIAL_ZONE: 3,
}


# The word that starts a unit's proper name ("Thành phố Đà Lạt"); Vietnamese in every language.
NAME_PREFIX: dict[str, str] = {
    UnitKind.PROVINCE: "Tỉnh",
    UnitKind.CENTRAL_CITY: "Thành phố",
    UnitKind.DISTRICT: "Huyện",
    UnitKind.URBAN_DISTRICT: "Quận",
    UnitKind.TOWN: "Thị xã",
    UnitKind.PROVINCIAL_CITY: "Thành phố",
    UnitKind.COMMUNE: "Xã",
    UnitKind.WARD: "Phường",
    UnitKind.TOWNSHIP: "Thị trấn",
    UnitKind.SPECIAL_ZONE: "Đặc khu",
}


class AdminUnitQuerySet(models.QuerySet):
    def valid_on(self, day: date):
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )

    def valid_during(self, start: date, end: date):
        """Units that existed at some point between start and end (inclusive)."""
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=end)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=start)
        )


@lru_cache(maxsize=8192)
def _label(name: str, kind: str) -> str:
    """AdminUnit.label's rule (pure: kept per name and kind, pickers draw ~150 a page)."""
    word = NAME_PREFIX.get(kind, "")
    if not word or fold(name).startswith(fold(word)):
        return name
    return f"{word} {name}"


class AdminUnit(models.Model):
    """A province, district or commune as it stood between valid_from and valid_to.

    A GSO code names one unit at one date, not for ever: since 01/07/2025 each new
    commune took the code of one of its predecessors (22918 is Phường Hàm Tiến until
    30/06/2025, Phường Mũi Né from 01/07/2025). A code is resolved with the date it
    speaks of (org.queries.unit_at); two units may not hold one code over overlapping
    dates (checked on save, lineage.check_code_free). A merger ends the old units
    (valid_to) and links them to their successor through UnitSuccession, which keeps
    history on its old boundaries.
    """

    code = models.CharField(
        _("mã"),
        max_length=10,
        db_index=True,
        help_text=_("Mã đơn vị hành chính (Tổng cục Thống kê), duy nhất trong thời gian hiệu lực."),
    )
    name = models.CharField(_("tên"), max_length=200)
    kind = models.CharField(_("loại"), max_length=20, choices=UnitKind.choices)
    level = models.PositiveSmallIntegerField(_("cấp"), editable=False)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=200, blank=True)
    search_key = models.CharField(max_length=200, editable=False, db_index=True)

    objects = AdminUnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("đơn vị hành chính")
        verbose_name_plural = _("đơn vị hành chính")
        ordering = ["level", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="unit_valid_range",
            ),
            models.UniqueConstraint(fields=["code", "valid_from"], name="unit_code_from_unique"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        others = AdminUnit.objects.filter(code=self.code).exclude(pk=self.pk)
        clash = check_code_free(
            self.code,
            self.valid_from,
            self.valid_to,
            [(u.name, u.valid_from, u.valid_to) for u in others],
        )
        if clash:
            raise ValidationError(clash)
        self.level = UNIT_LEVELS[UnitKind(self.kind)]
        self.search_key = fold(f"{self.name} {self.code}")
        super().save(*args, **kwargs)

    @property
    def label(self) -> str:
        """The name with its kind, as pickers show it: "Tỉnh Lâm Đồng", "Thành phố Đà Lạt".
        The convention: ``name`` is the official name with its kind word, as the national
        dataset (org.dataset), the GSO lists and legal texts write it ("Phường Mũi Né"),
        so that every sentence and message naming a unit reads right from ``name`` alone;
        ``label`` adds the word to a name typed without it; ``place_name`` drops it. The
        kind word is part of the proper name (not translated)."""
        return _label(self.name, self.kind)

    @property
    def place_name(self) -> str:
        """The proper name without its kind word, where a place is named on its own: the
        date line of an official document ("Lâm Đồng, ngày ... tháng ... năm", Nghị định
        30/2020/NĐ-CP), not "Tỉnh Lâm Đồng". The one rule for it (NAME_PREFIX), for every
        kind; a name without the word is kept as it is."""
        word = NAME_PREFIX.get(self.kind, "")
        if word and fold(self.name).startswith(fold(word) + " "):
            return self.name[len(word) :].strip()
        return self.name

    def is_valid_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    def is_valid_during(self, start: date, end: date) -> bool:
        """The unit existed at some point between start and end (as valid_during filters)."""
        return (self.valid_from is None or self.valid_from <= end) and (
            self.valid_to is None or start <= self.valid_to
        )


class UnitSuccession(models.Model):
    """A predecessor unit whose territory passed (wholly or in part) to a successor."""

    class Kind(models.TextChoices):
        MERGE = "merge", _("Sáp nhập")
        SPLIT = "split", _("Chia tách")
        RENAME = "rename", _("Đổi tên")
        ADJUST = "adjust", _("Điều chỉnh địa giới")

    predecessor = models.ForeignKey(
        AdminUnit, verbose_name=_("đơn vị cũ"), on_delete=models.CASCADE, related_name="successions"
    )
    successor = models.ForeignKey(
        AdminUnit,
        verbose_name=_("đơn vị mới"),
        on_delete=models.CASCADE,
        related_name="predecessions",
    )
    kind = models.CharField(_("hình thức"), max_length=10, choices=Kind.choices, default=Kind.MERGE)
    effective = models.DateField(_("ngày hiệu lực"))
    share = models.DecimalField(
        _("tỷ lệ"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        help_text=_(
            "Phần của đơn vị cũ chuyển sang đơn vị mới (0–1) khi đơn vị cũ bị chia; "
            "trống khi chuyển toàn bộ."
        ),
    )
    share_is_estimate = models.BooleanField(_("tỷ lệ ước tính"), default=False)
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("kế thừa đơn vị")
        verbose_name_plural = _("kế thừa đơn vị")
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"], name="unit_succession_unique"
            )
        ]

    def __str__(self):
        return f"{self.predecessor} → {self.successor}"


class AgencyKind(models.TextChoices):
    PARTY_COMMITTEE = "party_committee", _("Cấp ủy Đảng")
    STANDING_BOARD = "standing_board", _("Ban Thường vụ / Thường trực cấp ủy")
    PARTY_AFFAIRS = "party_affairs", _("Ban cán sự đảng / Đảng đoàn")
    PARTY_BOARD = "party_board", _("Ban xây dựng Đảng, Văn phòng cấp ủy")
    PEOPLES_COUNCIL = "peoples_council", _("Hội đồng nhân dân")
    PEOPLES_COMMITTEE = "peoples_committee", _("Ủy ban nhân dân")
    DEPARTMENT = "department", _("Sở, ban, ngành")
    FRONT = "front", _("Mặt trận Tổ quốc và đoàn thể")
    OTHER = "other", _("Khác")


PARTY_KINDS = {
    AgencyKind.PARTY_COMMITTEE,
    AgencyKind.STANDING_BOARD,
    AgencyKind.PARTY_AFFAIRS,
    AgencyKind.PARTY_BOARD,
}


class AgencyQuerySet(models.QuerySet):
    def active_on(self, day: date):
        """Agencies existing on the day: established by then (or with no date of
        establishment recorded) and not yet dissolved."""
        return self.filter(
            Q(established_on__isnull=True) | Q(established_on__lte=day),
            Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=day),
        )


class Agency(models.Model):
    """An agency (cơ quan, đơn vị) that issues directives, leads tasks and reports."""

    code = models.SlugField(
        _("mã"),
        max_length=40,
        unique=True,
        help_text=_("Mã ngắn, dùng trong API và tệp trao đổi, ví dụ STC."),
    )
    name = models.CharField(_("tên"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=60, blank=True)
    kind = models.CharField(_("loại"), max_length=30, choices=AgencyKind.choices)
    unit = models.ForeignKey(
        AdminUnit, verbose_name=_("địa bàn"), on_delete=models.PROTECT, related_name="agencies"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("cơ quan cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    is_steering_office = models.BooleanField(
        _("là cơ quan tham mưu theo dõi"),
        default=False,
        help_text=_("Văn phòng Tỉnh ủy, Văn phòng UBND tỉnh: giao việc và theo dõi toàn tỉnh."),
    )
    established_on = models.DateField(
        _("ngày thành lập"),
        null=True,
        blank=True,
        help_text=_("Để trống nếu cơ quan đã có từ trước khi dùng phần mềm."),
    )
    dissolved_on = models.DateField(_("ngày giải thể/hợp nhất"), null=True, blank=True)
    search_key = models.CharField(max_length=400, editable=False, db_index=True)

    objects = AgencyQuerySet.as_manager()

    class Meta:
        verbose_name = _("cơ quan, đơn vị")
        verbose_name_plural = _("cơ quan, đơn vị")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_key = fold(f"{self.name} {self.short_name} {self.code}")
        super().save(*args, **kwargs)

    @property
    def is_party(self) -> bool:
        return self.kind in PARTY_KINDS

    def is_active_on(self, day: date) -> bool:
        return (self.established_on is None or self.established_on <= day) and (
            self.dissolved_on is None or day < self.dissolved_on
        )


class AgencySuccession(models.Model):
    """An agency whose work passed (wholly or in part) to another on ``effective``: a merge
    (Sở Kế hoạch và Đầu tư into Sở Tài chính, Nghị định 45/2025/NĐ-CP), a split or a rename.
    The predecessor is dissolved on that day (Agency.dissolved_on)."""

    class Kind(models.TextChoices):
        MERGE = "merge", _("Hợp nhất, sáp nhập")
        SPLIT = "split", _("Chia tách, chuyển một phần")
        RENAME = "rename", _("Đổi tên")

    predecessor = models.ForeignKey(
        Agency, verbose_name=_("cơ quan cũ"), on_delete=models.CASCADE, related_name="successions"
    )
    successor = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan kế thừa"),
        on_delete=models.CASCADE,
        related_name="predecessions",
    )
    kind = models.CharField(_("hình thức"), max_length=10, choices=Kind.choices, default=Kind.MERGE)
    effective = models.DateField(_("ngày hiệu lực"))
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=200, blank=True)
    takes_open_tasks = models.BooleanField(
        _("nhận nhiệm vụ đang thực hiện"),
        default=True,
        help_text=_("Nhiệm vụ chưa hoàn thành của cơ quan cũ chuyển sang cơ quan này."),
    )

    class Meta:
        verbose_name = _("kế thừa cơ quan")
        verbose_name_plural = _("kế thừa cơ quan")
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"], name="agency_succession_unique"
            )
        ]

    def __str__(self):
        return f"{self.predecessor} → {self.successor}"


class Membership(models.Model):
    """A person's role in one agency. Permissions are answered in theodoi.permissions."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    title = models.CharField(_("chức vụ"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("thành viên")
        verbose_name_plural = _("thành viên")
        constraints = [
            models.UniqueConstraint(fields=["user", "agency", "role"], name="membership_unique")
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} — {self.agency}"
