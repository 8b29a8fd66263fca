import time

from django.core.management.base import BaseCommand, CommandError

from theodoi.core.errors import DomainError
from theodoi.org import dataset, loading


class Command(BaseCommand):
    help = (
        "Nạp danh mục đơn vị hành chính cả nước (trước và từ 01/07/2025) và quan hệ kế thừa, "
        "từ dữ liệu của gói vietnamadminunits. Chạy lại không thay đổi gì."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--province",
            action="append",
            help="Chỉ nạp tỉnh mới có mã này (và các tỉnh cũ hợp thành), ví dụ 68.",
        )

    def handle(self, **options):
        started = time.perf_counter()
        data = dataset.read(set(options["province"]) if options["province"] else None)
        try:
            result = loading.load(data)
        except DomainError as e:
            raise CommandError(e.message) from None
        self.stdout.write(
            f"Đơn vị: {len(data.units)} ({result.units_created} mới, {result.units_updated} "
            f"cập nhật); kế thừa: {len(data.successions)} ({result.successions_created} mới, "
            f"{result.successions_updated} cập nhật); {time.perf_counter() - started:.1f} giây."
        )
