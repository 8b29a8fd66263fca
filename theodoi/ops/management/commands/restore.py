from datetime import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from theodoi.core.numbers import format_number
from theodoi.ops.archive import BackupError, live_counts, read_manifest, restore_backup

YES = {"có", "co", "c", "yes", "y"}


def _when(manifest: dict) -> str:
    return timezone.localtime(datetime.fromisoformat(manifest["created_at"])).strftime(
        "%d/%m/%Y %H:%M"
    )


class Command(BaseCommand):
    help = (
        "Khôi phục cơ sở dữ liệu và các tệp từ một bản sao lưu .tar.gz (thay toàn bộ dữ liệu "
        "hiện có). Dừng ứng dụng trước khi khôi phục; sau đó chạy migrate."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="Tệp .tar.gz do lệnh backup tạo.")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Không hỏi xác nhận.",
        )

    def handle(self, *args, **options):
        # The province's language, whatever a previous request in this thread activated.
        with translation.override(settings.LANGUAGE_CODE):
            return self._handle(*args, **options)

    def _handle(self, *args, archive, interactive=True, **options):
        try:
            if interactive:
                manifest = read_manifest(archive)
                counts = manifest["counts"]
                question = _(
                    "Khôi phục sẽ thay TOÀN BỘ dữ liệu và tệp hiện có bằng bản sao lưu lúc "
                    "%(at)s (phiên bản %(version)s: %(rows)s dòng, %(files)s tệp). "
                    "Gõ “có” để tiếp tục: "
                ) % {
                    "at": _when(manifest),
                    "version": manifest["version"],
                    "rows": format_number(counts["rows"]),
                    "files": format_number(counts["files"]),
                }
                if input(question).strip().lower() not in YES:
                    raise CommandError(_("Đã hủy; chưa thay đổi gì."))
            manifest = restore_backup(archive)
        except BackupError as exc:
            raise CommandError(exc.message) from None
        expected = manifest["counts"]["tables"]
        now = live_counts()
        differ = sorted(t for t in expected if now.get(t) != expected[t])
        if differ:
            self.stderr.write(
                _("Số dòng sau khi khôi phục khác bản sao lưu ở các bảng: %(t)s.")
                % {"t": ", ".join(differ)}
            )
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Đã khôi phục bản sao lưu lúc %(at)s: %(rows)s dòng, %(files)s tệp. "
                    "Hãy chạy “manage.py migrate” nếu phiên bản Theo Dõi mới hơn bản sao lưu."
                )
                % {
                    "at": _when(manifest),
                    "rows": format_number(manifest["counts"]["rows"]),
                    "files": format_number(manifest["counts"]["files"]),
                }
            )
        )
