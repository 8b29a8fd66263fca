from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from theodoi.core.numbers import format_megabytes, format_number
from theodoi.ops.archive import BackupError, create_backup


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu và các tệp đã lưu vào một tệp .tar.gz (khi ứng dụng đang chạy)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            "-o",
            default=None,
            help="Thư mục (tên tệp đặt theo thời điểm) hoặc tên tệp .tar.gz; mặc định BACKUP_DIR.",
        )

    def handle(self, *args, **options):
        # The province's language, whatever a previous request in this thread activated.
        with translation.override(settings.LANGUAGE_CODE):
            return self._handle(*args, **options)

    def _handle(self, *args, output=None, **options):
        try:
            result = create_backup(output)
        except BackupError as exc:
            raise CommandError(exc.message) from None
        if options.get("verbosity", 1) < 1:
            return
        n = result.manifest["counts"]
        self.stdout.write(
            self.style.SUCCESS(
                _("Đã sao lưu: %(tables)s bảng, %(rows)s dòng, %(files)s tệp (%(mb)s MB).")
                % {
                    "tables": format_number(len(n["tables"])),
                    "rows": format_number(n["rows"]),
                    "files": format_number(n["files"]),
                    "mb": format_megabytes(n["file_bytes"]),
                }
            )
        )
        self.stdout.write(str(result.path))
