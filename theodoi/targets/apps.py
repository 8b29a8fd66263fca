from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TargetsConfig(AppConfig):
    name = "theodoi.targets"
    label = "targets"
    verbose_name = _("Chỉ tiêu")

    def ready(self):
        # Allow-listed (docs/architecture.md): models load only once the registry is ready.
        from theodoi.targets import rollups  # noqa: PLC0415

        rollups.connect()
