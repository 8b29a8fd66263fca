from django.apps import AppConfig
from django.db.models.signals import pre_save
from django.utils.translation import gettext_lazy as _

from theodoi.core.lengths import on_pre_save


class AuditConfig(AppConfig):
    name = "theodoi.audit"
    label = "audit"
    verbose_name = _("Nhật ký thay đổi")

    def ready(self):
        # Every save of a Theo Dõi model has its text lengths checked against the columns
        # first (core.lengths): connected here because core imports nothing of django.db.
        pre_save.connect(on_pre_save, dispatch_uid="theodoi.core.lengths")
