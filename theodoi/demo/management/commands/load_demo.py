import importlib
import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

# Each area adds its part of the Lâm Đồng scenario; later loaders use what earlier ones made
# (ctx holds the province, agencies, users, directives...). Every loader is idempotent.
LOADERS = [
    "theodoi.demo.org",
    "theodoi.demo.directives",
    "theodoi.demo.targets",
    "theodoi.demo.tasks",
    "theodoi.demo.reporting",
]


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu tỉnh Lâm Đồng (2021). Chỉ dùng cho cơ sở dữ liệu demo; chạy lại không thay đổi gì."

    def handle(self, **options):
        if not settings.DEMO:
            raise CommandError(
                "Dữ liệu mẫu (có tài khoản demo) chỉ được nạp vào cơ sở dữ liệu demo: đặt THEODOI_DEMO=1 "
                "(make run làm việc này). Không nạp vào cơ sở dữ liệu thật."
            )
        ctx = {}
        with transaction.atomic():
            for name in LOADERS:
                try:
                    module = importlib.import_module(name)
                except ModuleNotFoundError as exc:
                    if exc.name != name:
                        raise
                    continue
                module.load(ctx)
        from theodoi.demo.org import DEMO_PASSWORD, USERS

        self.stdout.write(self.style.SUCCESS("Đã nạp dữ liệu mẫu tỉnh Lâm Đồng."))
        self.stdout.write(f"Tài khoản demo (mật khẩu chung: {DEMO_PASSWORD}):")
        for username, full_name, agency, role, _title in USERS:
            self.stdout.write(f"  {username:<18} {role.label} — {ctx['agencies'][agency].name}")
