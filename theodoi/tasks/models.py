"""Tasks (nhiệm vụ) assigned to a lead agency, their progress and extensions (the
notices that remind people of them live in theodoi.notices). State changes: tasks.services."""

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from theodoi.core import recurrence
from theodoi.core.dates import format_date
from theodoi.core.numbers import format_percent
from theodoi.core.text import fold
from theodoi.directives.files import StoredFile
from theodoi.permissions import tasks as perms
from theodoi.tasks import leads
from theodoi.tasks import status as st


def now():
    """timezone.now looked up at call time (the demo replays history by patching it)."""
    return timezone.now()


class State(models.TextChoices):
    ASSIGNED = "assigned", _("Chưa thực hiện")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    REPORTED = "reported", _("Chờ xác nhận")
    DONE = "done", _("Hoàn thành")
    RETURNED = "returned", _("Thực hiện lại")
    PAUSED = "paused", _("Tạm hoãn")
    CANCELLED = "cancelled", _("Đã hủy")


OPEN_STATES = {State.ASSIGNED, State.IN_PROGRESS, State.RETURNED}
# Paused and cancelled tasks are not counted in the scoreboard (see docs/architecture.md).
COUNTED_STATES = {State.ASSIGNED, State.IN_PROGRESS, State.REPORTED, State.DONE, State.RETURNED}


class Recurrence(models.TextChoices):
    ONCE = recurrence.ONCE, _("Có thời hạn")
    CONTINUOUS = recurrence.CONTINUOUS, _("Thường xuyên")
    YEARLY = recurrence.YEARLY, _("Hằng năm")
    QUARTERLY = recurrence.QUARTERLY, _("Hằng quý")
    MONTHLY = recurrence.MONTHLY, _("Hằng tháng")


RECURRING = {Recurrence.YEARLY, Recurrence.QUARTERLY, Recurrence.MONTHLY}


STATUS_FIELDS = ("deadline", "recurrence", "reported_on", "state")


HALTED_CLASS: dict[str, str] = {State.PAUSED: st.PAUSED, State.CANCELLED: st.CANCELLED}


def status_of(
    deadline: date | None, recurrence: str, reported_on: date | None, state: str, today: date
) -> st.Status:
    """A task's status class from its stored values (lists classify rows without
    loading whole objects); the rule itself is tasks.status.task_status."""
    return st.task_status(
        deadline=deadline if recurrence != Recurrence.CONTINUOUS else None,
        reported_on=reported_on,
        confirmed=state == State.DONE,
        halted=HALTED_CLASS.get(state),
        today=today,
    )


class TaskQuerySet(models.QuerySet):
    def visible_to(self, user):
        return perms.visible_tasks(user, self)

    def with_related(self):
        return self.select_related(
            "lead", "assigner", "assigning_agency", "directive", "conclusion__meeting"
        ).prefetch_related("coordinators", "handovers__from_agency", "handovers__to_agency")


# The states' labels (lazy: translated when drawn), for Task.state_label.
STATE_LABELS = dict(State.choices)


class Task(models.Model):
    title = models.CharField(_("tên nhiệm vụ"), max_length=500)
    content = models.TextField(_("nội dung"), blank=True)
    directive = models.ForeignKey(
        "directives.Directive",
        verbose_name=_("văn bản giao"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tasks",
    )
    conclusion = models.OneToOneField(
        "directives.ConclusionItem",
        verbose_name=_("kết luận"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="task",
    )
    assigner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người giao"),
        on_delete=models.PROTECT,
        related_name="assigned_tasks",
    )
    assigning_agency = models.ForeignKey(
        "org.Agency",
        verbose_name=_("cơ quan giao"),
        on_delete=models.PROTECT,
        related_name="assigned_tasks",
    )
    assigned_on = models.DateField(_("ngày giao"))
    lead = models.ForeignKey(
        "org.Agency",
        verbose_name=_("cơ quan chủ trì"),
        on_delete=models.PROTECT,
        related_name="led_tasks",
    )
    coordinators = models.ManyToManyField(
        "org.Agency",
        verbose_name=_("cơ quan phối hợp"),
        blank=True,
        related_name="coordinated_tasks",
    )
    product = models.CharField(_("sản phẩm"), max_length=300, blank=True)
    breakthroughs = models.ManyToManyField(
        "directives.Breakthrough", verbose_name=_("khâu đột phá"), blank=True, related_name="tasks"
    )
    recurrence = models.CharField(
        _("tính chất thời hạn"), max_length=20, choices=Recurrence.choices, default=Recurrence.ONCE
    )
    recurrence_day = models.PositiveSmallIntegerField(_("ngày trong kỳ"), null=True, blank=True)
    recurrence_month = models.PositiveSmallIntegerField(_("tháng"), null=True, blank=True)
    deadline = models.DateField(
        _("thời hạn"),
        null=True,
        blank=True,
        help_text=_(
            "Thời hạn đang có hiệu lực (sau gia hạn); với nhiệm vụ định kỳ là hạn của lần hiện tại."
        ),
    )
    original_deadline = models.DateField(_("thời hạn ban đầu"), null=True, blank=True)
    state = models.CharField(
        _("tình trạng"), max_length=20, choices=State.choices, default=State.ASSIGNED
    )
    state_before_pause = models.CharField(max_length=20, blank=True)
    percent = models.DecimalField(_("tiến độ (%)"), max_digits=5, decimal_places=2, default=0)
    reported_on = models.DateField(_("ngày báo cáo hoàn thành"), null=True, blank=True)
    confirmed_on = models.DateField(_("ngày xác nhận hoàn thành"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người xác nhận"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    search_key = models.CharField(max_length=1000, editable=False, db_index=True)

    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        ordering = ["deadline", "id"]
        indexes = [models.Index(fields=["lead", "state"]), models.Index(fields=["deadline"])]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        source = self.directive.number if self.directive_id and self.directive else ""
        self.search_key = fold(f"{self.title} {self.product} {source} {self.content}")[:1000]
        super().save(*args, **kwargs)

    @property
    def is_recurring(self):
        return self.recurrence in RECURRING

    @property
    def state_label(self):
        """`get_state_display()` without Django rebuilding the choices' dict at each call (a
        list draws 50 rows): the state's label in the active language."""
        return STATE_LABELS.get(self.state, self.state)

    @property
    def deadline_label(self):
        """ "15/12/2021", "Thường xuyên", "Hằng năm trước 15/12" (core.recurrence.phrase)."""
        label = recurrence.phrase(self.recurrence, self.recurrence_day, self.recurrence_month)
        if label:
            return label
        if self.deadline is None:
            return gettext("Không có thời hạn")
        return f"{self.deadline:%d/%m/%Y}"

    @property
    def extended(self):
        return self.original_deadline is not None and self.deadline != self.original_deadline

    def status(self, today: date | None = None) -> st.Status:
        """The status class now (for a recurring task: of its current occurrence)."""
        return status_of(
            self.deadline,
            self.recurrence,
            self.reported_on,
            self.state,
            today or timezone.localdate(),
        )

    def lead_spells(self) -> list[leads.Spell]:
        """The agencies that led the task, with their dates (tasks.leads.spells)."""
        handovers = [
            leads.Handover(h.on, h.from_agency, h.to_agency)
            for h in self.handovers.all()  # prefetched by with_related (lists, the API)
        ]
        return leads.spells(self.lead, handovers)

    @property
    def lead_history(self) -> str:
        """ "Sở Kế hoạch và Đầu tư đến 28/02/2025; Sở Tài chính từ 01/03/2025", or "" for a
        task that never changed its lead."""
        spells = self.lead_spells()
        return leads.describe(spells) if len(spells) > 1 else ""

    def completions(self) -> list[st.Completion]:
        return [
            st.Completion(o.due, o.reported_on, o.confirmed_on is not None)
            for o in self.occurrences.all()
        ]


class Occurrence(models.Model):
    """A completed (reported and confirmed) occurrence of a recurring task."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="occurrences")
    due = models.DateField(_("hạn của lần"))
    reported_on = models.DateField(_("ngày báo cáo"), null=True, blank=True)
    confirmed_on = models.DateField(_("ngày xác nhận"), null=True, blank=True)

    class Meta:
        verbose_name = _("lần thực hiện")
        verbose_name_plural = _("lần thực hiện")
        ordering = ["task", "due"]
        constraints = [models.UniqueConstraint(fields=["task", "due"], name="occurrence_unique")]

    def __str__(self):
        return f"{self.task} · {format_date(self.due)}"


class LeadHandover(models.Model):
    """The day a task's lead passed from one agency to another (an agency merged into its
    successor: tasks.services.transfer_open_tasks). Who led a task on a given day is
    tasks.leads.lead_on over these rows; the task keeps its current lead in Task.lead."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="handovers")
    from_agency = models.ForeignKey(
        "org.Agency",
        verbose_name=_("cơ quan chủ trì trước"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    to_agency = models.ForeignKey(
        "org.Agency",
        verbose_name=_("cơ quan chủ trì sau"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    on = models.DateField(_("chủ trì từ ngày"))
    succession = models.ForeignKey(
        "org.AgencySuccession",
        verbose_name=_("kế thừa cơ quan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.CharField(_("lý do"), max_length=500, blank=True)
    recorded_at = models.DateTimeField(_("ghi lúc"), default=now)

    class Meta:
        verbose_name = _("chuyển cơ quan chủ trì")
        verbose_name_plural = _("chuyển cơ quan chủ trì")
        ordering = ["task", "on", "id"]

    def __str__(self):
        return f"{self.task} · {self.from_agency} → {self.to_agency} · {format_date(self.on)}"


class ProgressUpdate(models.Model):
    """Progress reported by the lead agency: text, percent and files."""

    class Kind(models.TextChoices):
        PROGRESS = "progress", _("Cập nhật tiến độ")
        REPORT_DONE = "report_done", _("Báo cáo hoàn thành")

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="updates")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PROGRESS)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người cập nhật"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    agency = models.ForeignKey(
        "org.Agency", verbose_name=_("cơ quan"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("thời điểm"), default=now)
    text = models.TextField(_("nội dung"))
    percent = models.DecimalField(_("tiến độ (%)"), max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = _("cập nhật tiến độ")
        verbose_name_plural = _("cập nhật tiến độ")
        ordering = ["task", "at", "id"]

    def __str__(self):
        when = format_date(timezone.localtime(self.at))
        return f"{self.task} · {when} · {format_percent(self.percent)}"


class ProgressFile(StoredFile):
    FOLDER = "tasks"
    update = models.ForeignKey(ProgressUpdate, on_delete=models.CASCADE, related_name="files")

    class Meta(StoredFile.Meta):
        verbose_name = _("tệp báo cáo tiến độ")
        verbose_name_plural = _("tệp báo cáo tiến độ")


class ExtensionRequest(models.Model):
    class Decision(models.TextChoices):
        PENDING = "pending", _("Chờ quyết định")
        APPROVED = "approved", _("Đồng ý gia hạn")
        REFUSED = "refused", _("Không đồng ý")

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="extensions")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người đề nghị"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("thời điểm đề nghị"), default=now)
    reason = models.TextField(_("lý do"))
    current_deadline = models.DateField(_("thời hạn khi đề nghị"))
    proposed_deadline = models.DateField(_("thời hạn đề nghị"))
    decision = models.CharField(
        _("quyết định"), max_length=20, choices=Decision.choices, default=Decision.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người quyết định"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("thời điểm quyết định"), null=True, blank=True)
    decision_note = models.TextField(_("ý kiến"), blank=True)

    class Meta:
        verbose_name = _("đề nghị gia hạn")
        verbose_name_plural = _("đề nghị gia hạn")
        ordering = ["task", "requested_at", "id"]

    def __str__(self):
        deadlines = f"{format_date(self.current_deadline)} → {format_date(self.proposed_deadline)}"
        return f"{self.task} · {deadlines} · {self.get_decision_display()}"
