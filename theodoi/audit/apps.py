from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.utils.translation import gettext_lazy as _

from theodoi.audit.changes import on_save, watched
from theodoi.core.lengths import on_pre_save


class AuditConfig(AppConfig):
    name = "theodoi.audit"
    label = "audit"
    verbose_name = _("Nhật ký thay đổi")

    def ready(self):
        # Every save of a Theo Dõi model has its text lengths checked against the columns
        # first (core.lengths): connected here because core imports nothing of django.db.
        pre_save.connect(on_pre_save, dispatch_uid="theodoi.core.lengths")
        # ...and makes its area's cached answers stale (audit.changes; the services' bulk
        # writes do it through the audit trail).
        for model in watched(self.apps.get_models()):
            uid = f"theodoi.audit.changes.{model._meta.label_lower}"
            post_save.connect(on_save, sender=model, dispatch_uid=f"{uid}.saved")
            post_delete.connect(on_save, sender=model, dispatch_uid=f"{uid}.deleted")
        for model in self.apps.get_models(include_auto_created=True):
            if model._meta.auto_created and watched([model]):  # many-to-many tables
                m2m_changed.connect(on_save, sender=model, dispatch_uid=f"{model}.m2m")
