from django.apps import AppConfig


class NarrativesConfig(AppConfig):
    name = "theodoi.narratives"
    verbose_name = "Đọc báo cáo"
