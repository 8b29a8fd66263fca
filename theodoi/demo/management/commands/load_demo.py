from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from theodoi.demo import directives, org, present, reporting, targets, tasks
from theodoi.demo.org import DEMO_PASSWORD
from theodoi.org.models import Membership

# Each area adds its part of the Lâm Đồng scenario; later loaders use what earlier ones made
# (ctx holds the province, agencies, users, directives...). Every loader is idempotent.
LOADERS = [org, directives, targets, tasks, reporting, present]


class Command(BaseCommand):
    help = (
        "Nạp dữ liệu mẫu tỉnh Lâm Đồng (2021). Chỉ dùng cho cơ sở dữ liệu demo; chạy lại không "
        "thay đổi gì."
    )

    def handle(self, **options):
        if not settings.DEMO:
            raise CommandError(
                "Dữ liệu mẫu (có tài khoản demo) chỉ được nạp vào cơ sở dữ liệu demo: đặt "
                "THEODOI_DEMO=1 (make run làm việc này). Không nạp vào cơ sở dữ liệu thật."
            )
        ctx = {}
        with transaction.atomic():
            for loader in LOADERS:
                loader.load(ctx)

        self.stdout.write(self.style.SUCCESS("Đã nạp dữ liệu mẫu tỉnh Lâm Đồng."))
        self.stdout.write(f"Tài khoản demo (mật khẩu chung: {DEMO_PASSWORD}):")
        memberships = Membership.objects.filter(user__in=ctx["users"].values()).select_related(
            "user", "agency"
        )
        for m in sorted(memberships, key=lambda m: list(ctx["users"]).index(m.user.username)):
            self.stdout.write(f"  {m.user.username:<18} {m.get_role_display()} — {m.agency.name}")
