from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TargetsConfig(AppConfig):
    name = "theodoi.targets"
    label = "targets"
    verbose_name = _("Chỉ tiêu")

    def ready(self):
        from theodoi.targets import rollups

        rollups.connect()
