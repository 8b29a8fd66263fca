from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from theodoi.core.errors import DomainError
from theodoi.demo import directives, org, present, reporting, targets, tasks
from theodoi.demo.org import DEMO_PASSWORD
from theodoi.org.models import Membership

# Each area adds its part of the Lâm Đồng scenario; later loaders use what earlier ones made
# (ctx holds the province, agencies, users, directives...). Every loader is idempotent.
LOADERS = [org, directives, targets, tasks, reporting, present]
PART_NAMES = {
    org.__name__: "đơn vị, cơ quan, tài khoản",
    directives.__name__: "văn bản chỉ đạo",
    targets.__name__: "chỉ tiêu và số liệu",
    tasks.__name__: "nhiệm vụ",
    reporting.__name__: "báo cáo định kỳ",
    present.__name__: "Lâm Đồng hôm nay (số liệu minh họa)",
}


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
        before = targets.rollup_inputs()
        for loader in LOADERS:
            # Each part in its own transaction: a part that finds people's changes in its way
            # (a lock, a figure revised) is said in one line and the others still load.
            try:
                with transaction.atomic():
                    loader.load(ctx)
            except DomainError as e:
                self.stdout.write(
                    self.style.WARNING(
                        f"Bỏ qua phần “{PART_NAMES[loader.__name__]}” của dữ liệu mẫu "
                        f"(giữ nguyên thay đổi của người dùng): {e}"
                    )
                )

        if targets.rebuild_rollups_if_changed(before):
            self.stdout.write("Đã tính lại bảng tổng hợp số liệu.")
        self.stdout.write(self.style.SUCCESS("Đã nạp dữ liệu mẫu tỉnh Lâm Đồng."))
        self.stdout.write(f"Tài khoản demo (mật khẩu chung: {DEMO_PASSWORD}):")
        memberships = Membership.objects.filter(user__in=ctx["users"].values()).select_related(
            "user", "agency"
        )
        for m in sorted(memberships, key=lambda m: list(ctx["users"]).index(m.user.username)):
            self.stdout.write(f"  {m.user.username:<18} {m.get_role_display()} — {m.agency.name}")
