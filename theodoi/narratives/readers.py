"""Turning an uploaded report into text: .docx (paragraphs and tables), PDF (its text
layer, or OCR of its pages), images (OCR). Every refusal is a Vietnamese message.

OCR runs Tesseract with the Vietnamese model (Debian: tesseract-ocr, tesseract-ocr-vie) and
renders PDF pages with pdftoppm (poppler-utils), both through subprocess; a missing one is
named in the message and nothing else breaks.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

import docx
import pypdf
from django.utils.translation import gettext as _

from theodoi.core.errors import DomainError
from theodoi.core.text import fold

MAX_BYTES = 20 * 1024 * 1024
MAX_PAGES = 100
MAX_OCR_PAGES = 20
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp")


@dataclass
class ReadText:
    text: str
    from_image: bool = False
    pages: int = 0


def refuse(message: str) -> DomainError:
    return DomainError(message, field="file")


def needs_job(name: str, data: bytes, *, threshold: int) -> bool:
    """Whether reading takes long enough to go to a background job: a scan (an image, a
    PDF without a text layer: OCR) or any file above `threshold` bytes. A file that cannot
    be read at all is refused at once, on the request."""
    if not data:
        return False
    if len(data) > threshold:
        return True
    lower = name.lower()
    if lower.endswith(IMAGE_SUFFIXES):
        return True
    if lower.endswith(".pdf") or data[:5] == b"%PDF-":
        try:
            reader = pypdf.PdfReader(io.BytesIO(data))
            if reader.is_encrypted or len(reader.pages) > MAX_PAGES:
                return False
            return not _has_text_layer(reader)
        except Exception:  # a broken file: read_pdf names it, on the request
            return False
    return False


def _has_text_layer(reader) -> bool:
    text = ""
    for page in reader.pages:
        text += page.extract_text() or ""
        if len(text.strip()) >= 20:
            return True
    return False


Progress = Callable[[int, int], None]


def read_upload(name: str, data: bytes, say: Progress | None = None) -> ReadText:
    if not data:
        raise refuse(_("Tệp “%(name)s” rỗng: không có gì để đọc.") % {"name": name})
    if len(data) > MAX_BYTES:
        raise refuse(_("Tệp “%(name)s” quá lớn (tối đa 20 MB).") % {"name": name})
    lower = name.lower()
    if lower.endswith(".docx") or data[:2] == b"PK":
        return read_docx(name, data)
    if lower.endswith(".pdf") or data[:5] == b"%PDF-":
        return read_pdf(name, data, say)
    if lower.endswith(IMAGE_SUFFIXES):
        return ReadText(ocr_image(data, name), from_image=True, pages=1)
    if lower.endswith(".txt"):
        try:
            return ReadText(data.decode("utf-8"))
        except UnicodeDecodeError:
            raise refuse(_("Tệp “%(name)s” không phải văn bản UTF-8.") % {"name": name}) from None
    raise refuse(
        _("Không đọc được “%(name)s”: chỉ nhận tệp .docx, .pdf, ảnh (.png, .jpg) hoặc .txt.")
        % {"name": name}
    )


def read_docx(name: str, data: bytes) -> ReadText:
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise refuse(
            _("Tệp “%(name)s” không phải tệp Word (.docx) hợp lệ.") % {"name": name}
        ) from None
    lines = [p.text for p in document.paragraphs if p.text.strip()]
    for table in document.tables:
        lines.extend(table_sentences([[cell.text for cell in row.cells] for row in table.rows]))
    text = "\n\n".join(lines)
    if not text.strip():
        raise refuse(
            _(
                "Tệp “%(name)s” không có chữ (có thể chỉ có hình ảnh). Hãy chụp/quét thành PDF "
                "hoặc ảnh để đọc bằng nhận dạng chữ, hoặc dán nội dung."
            )
            % {"name": name}
        )
    return ReadText(text)


def _cells(row: list[str]) -> list[str]:
    out: list[str] = []
    for text in row:
        t = " ".join(text.split())
        out.append(t)
    return out


def table_sentences(rows: list[list[str]]) -> list[str]:
    """A table's rows as sentences the grammar reads. With a header naming the indicator
    column ("Chỉ tiêu", "Nội dung"), the unit column ("Đơn vị", "ĐVT") and value columns
    (their header gives the status and period: "Ước thực hiện 6 tháng năm 2021"), each
    value cell becomes "<chỉ tiêu> <header>: <value> <unit>". Without one, a row is its
    cells joined."""
    rows = [_cells(r) for r in rows if any(c.strip() for c in r)]
    if not rows:
        return []
    head = [fold(c) for c in rows[0]]
    name_col = next((i for i, h in enumerate(head) if "chi tieu" in h or "noi dung" in h), None)
    unit_col = next((i for i, h in enumerate(head) if "don vi" in h or h == "dvt"), None)
    value_cols = [
        i
        for i, h in enumerate(head)
        if i not in (name_col, unit_col)
        and re.search(r"(?<!\w)(uoc|thuc hien|th|ket qua|nam \d{4}|thang|quy)(?!\w)", h)
        and "%" not in h
        and "so sanh" not in h
        and not re.search(r"(?<!\w)(ke hoach|kh|du toan|chi tieu)(?!\w)", h)
    ]
    out = []
    if name_col is not None and value_cols:
        for row in rows[1:]:
            if len(row) <= max([name_col, *value_cols]):
                continue
            unit = row[unit_col] if unit_col is not None and unit_col < len(row) else ""
            for i in value_cols:
                if row[i].strip():
                    out.append(f"{row[name_col]} {rows[0][i]}: {row[i]} {unit}.")
        return out
    for row in rows:
        cells = [c for n, c in enumerate(row) if c and (n == 0 or c != row[n - 1])]
        if cells:
            out.append(" ".join(cells) + ".")
    return out


def read_pdf(name: str, data: bytes, say: Progress | None = None) -> ReadText:
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise refuse(
                _("Tệp “%(name)s” có mật khẩu: hãy gửi bản không đặt mật khẩu.") % {"name": name}
            )
        pages = len(reader.pages)
    except DomainError:
        raise
    except Exception:  # pypdf raises many kinds on a broken file
        raise refuse(_("Tệp “%(name)s” không phải tệp PDF hợp lệ.") % {"name": name}) from None
    if pages > MAX_PAGES:
        raise refuse(
            _("Tệp “%(name)s” có %(n)s trang, quá giới hạn %(max)s trang.")
            % {"name": name, "n": pages, "max": MAX_PAGES}
        )
    text = "\n".join((page.extract_text() or "") for page in reader.pages)
    if len(text.strip()) >= 20:
        return ReadText(text, pages=pages)
    if pages > MAX_OCR_PAGES:
        raise refuse(
            _("Tệp “%(name)s” là bản quét %(n)s trang; chỉ nhận dạng tối đa %(max)s trang.")
            % {"name": name, "n": pages, "max": MAX_OCR_PAGES}
        )
    return ReadText(ocr_pdf(data, name, say), from_image=True, pages=pages)


def missing_tools(pdf: bool = False) -> list[str]:
    """The Debian packages OCR needs that this machine lacks."""
    out = []
    if not shutil.which("tesseract"):
        out.append("tesseract-ocr")
    elif not _has_vie():
        out.append("tesseract-ocr-vie")
    if pdf and not shutil.which("pdftoppm"):
        out.append("poppler-utils")
    return out


def _has_vie() -> bool:
    try:
        done = subprocess.run(
            ["tesseract", "--list-langs"], capture_output=True, text=True, timeout=20, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return "vie" in done.stdout.split()


def _need(pdf: bool) -> None:
    missing = missing_tools(pdf)
    if missing:
        raise refuse(
            _(
                "Máy chủ chưa cài gói nhận dạng chữ: %(pkgs)s (apt-get install %(pkgs)s). "
                "Có thể dán nội dung văn bản thay cho ảnh."
            )
            % {"pkgs": " ".join(missing)}
        )


def _tesseract(path: Path) -> str:
    # One thread per page and pages side by side: Tesseract's own OpenMP threads only
    # fight each other on a small server.
    done = subprocess.run(
        ["tesseract", str(path), "-", "-l", "vie", "--psm", "6"],
        capture_output=True,
        timeout=120,
        check=False,
        env={**os.environ, "OMP_THREAD_LIMIT": "1"},
    )
    return done.stdout.decode("utf-8", "replace") if done.returncode == 0 else ""


# Words every Vietnamese report uses; a picture whose OCR text has few of them is no report.
COMMON = frozenset(
    "va cua cac nam thang dat so voi trong tinh duoc nhung la co theo cong tac thuc hien "
    "tang giam ke hoach ngan sach ty dong dia ban xa huyen bao cao nhan dan uy ban cung ky".split()
)


def looks_like_text(text: str) -> bool:
    return sum(1 for w in fold(text).split() if w in COMMON) >= 5


def ocr_image(data: bytes, name: str) -> str:
    _need(pdf=False)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / ("page" + (Path(name).suffix or ".png"))
        path.write_bytes(data)
        text = _tesseract(path)
    if not looks_like_text(text):
        raise refuse(
            _("Không nhận dạng được chữ trong “%(name)s”: tệp không giống một văn bản.")
            % {"name": name}
        )
    return text


def ocr_pdf(data: bytes, name: str, say: Progress | None = None) -> str:
    """`say(done, total)` after each page read (a job's progress)."""
    _need(pdf=True)
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "in.pdf"
        pdf.write_bytes(data)
        subprocess.run(
            ["pdftoppm", "-r", "200", "-gray", "-png", str(pdf), str(Path(tmp) / "p")],
            capture_output=True,
            timeout=300,
            check=False,
        )
        pages = sorted(Path(tmp).glob("p*.png"))
        texts = [""] * len(pages)
        with ThreadPoolExecutor(max_workers=max(1, min(4, os.cpu_count() or 1))) as pool:
            futures = {pool.submit(_tesseract, page): n for n, page in enumerate(pages)}
            for done, future in enumerate(as_completed(futures), start=1):
                texts[futures[future]] = future.result()
                if say is not None:
                    say(done, len(pages))
    text = "\n".join(texts)
    if not looks_like_text(text):
        raise refuse(
            _("Không nhận dạng được chữ trong “%(name)s”: tệp không giống một văn bản.")
            % {"name": name}
        )
    return text
