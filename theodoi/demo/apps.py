from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in


class DemoConfig(AppConfig):
    name = "theodoi.demo"
    label = "demo"
    verbose_name = "Dữ liệu mẫu"

    def ready(self):
        from theodoi.demo import start_day  # noqa: PLC0415 models are ready only now

        user_logged_in.connect(start_day.on_login, dispatch_uid="demo-start-day")
