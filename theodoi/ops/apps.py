from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _lazy


class OpsConfig(AppConfig):
    """Operating the app: backup and restore (manage.py backup / restore)."""

    name = "theodoi.ops"
    label = "ops"
    verbose_name = _lazy("Vận hành")
