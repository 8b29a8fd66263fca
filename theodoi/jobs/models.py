"""A job: long work taken off the request (an import, a rebuild, a report document, the
daily reminders) and run by a worker through Django's tasks API (django-tasks with the
database backend). The job row is what people see: its state, its result, its error; the
task row (django_tasks_db.DBTaskResult) is the queue."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Job(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", _("Đang chờ")
        RUNNING = "running", _("Đang chạy")
        DONE = "done", _("Đã xong")
        FAILED = "failed", _("Không thành công")

    ACTIVE = (State.QUEUED, State.RUNNING)

    kind = models.CharField(_("loại việc"), max_length=40)
    title = models.CharField(_("tên việc"), max_length=255)
    # None for the app's own jobs (the daily reminders).
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="jobs",
        verbose_name=_("người chạy"),
    )
    # Others who asked for the same job while it was waiting or running (they got this one).
    watchers = models.JSONField(_("người cùng chờ"), default=list, blank=True)
    # "steering": the steering office and administrators see it too (a rebuild).
    audience = models.CharField(_("ai xem được"), max_length=20, blank=True)
    params = models.JSONField(_("tham số"), default=dict, blank=True)
    dedupe_key = models.CharField(_("khóa chống trùng"), max_length=200, blank=True)
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=State.choices, default=State.QUEUED
    )
    task_id = models.CharField(_("mã tác vụ"), max_length=64, blank=True)
    worker = models.CharField(_("máy chạy"), max_length=120, blank=True)
    attempts = models.PositiveSmallIntegerField(_("số lần chạy"), default=0)
    result = models.JSONField(_("kết quả"), null=True, blank=True)
    result_url = models.CharField(_("đường dẫn kết quả"), max_length=300, blank=True)
    error = models.TextField(_("lỗi"), blank=True)
    created_at = models.DateTimeField(_("lúc tạo"))
    started_at = models.DateTimeField(_("lúc bắt đầu"), null=True, blank=True)
    finished_at = models.DateTimeField(_("lúc xong"), null=True, blank=True)

    class Meta:
        verbose_name = _("việc chạy nền")
        verbose_name_plural = _("việc chạy nền")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # Two people starting the same import or rebuild get one job, even when their
            # requests race on two app machines.
            models.UniqueConstraint(
                fields=["dedupe_key"],
                condition=Q(state__in=["queued", "running"]) & ~Q(dedupe_key=""),
                name="jobs_one_active_per_key",
            )
        ]
        indexes = [models.Index(fields=["state", "created_at"], name="jobs_state_idx")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_active(self) -> bool:
        return self.state in self.ACTIVE
