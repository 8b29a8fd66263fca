"""The one zip-bomb check, for every zip a person uploads (.xlsx workbooks to import,
.docx/.xlsx attachments): read from the zip's directory, before anything is decompressed."""

import zipfile

from django.utils.translation import gettext as _

from theodoi.core.numbers import format_megabytes

# Compression ratio of any part larger than 1 MB; real workbooks and documents stay under ~30.
MAX_RATIO = 200
# The sum of the uncompressed parts (a 10,000-row workbook is ~3 MB).
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024


def zip_problem(
    zf: zipfile.ZipFile,
    filename: str,
    max_ratio: int = MAX_RATIO,
    max_total: int = MAX_UNCOMPRESSED_BYTES,
) -> str | None:
    """A Vietnamese refusal when the zip declares a suspicious ratio or size, else None."""
    total = 0
    for info in zf.infolist():
        total += info.file_size
        if info.file_size > 1024 * 1024 and info.file_size > max_ratio * max(info.compress_size, 1):
            return _(
                "Tệp “%(name)s” bị từ chối: phần “%(part)s” nén bất thường (%(ratio)s lần), "
                "có thể là tệp độc hại."
            ) % {
                "name": filename,
                "part": info.filename,
                "ratio": info.file_size // max(info.compress_size, 1),
            }
    if total > max_total:
        return _(
            "Tệp “%(name)s” bị từ chối: khi giải nén nặng %(size)s MB, vượt giới hạn %(max)s MB."
        ) % {"name": filename, "size": format_megabytes(total), "max": format_megabytes(max_total)}
    return None
