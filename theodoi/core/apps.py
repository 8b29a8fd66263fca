from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "theodoi.core"
    label = "core"

    def ready(self):
        from django.db.models.signals import pre_save

        from theodoi.core.lengths import on_pre_save

        pre_save.connect(on_pre_save, dispatch_uid="theodoi.core.lengths")
