from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "theodoi.demo"
    label = "demo"
    verbose_name = "Dữ liệu mẫu"
