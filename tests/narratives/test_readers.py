"""Files in: .docx paragraphs and tables, PDF, scans through Tesseract; every bad file gets
a Vietnamese message naming what is wrong."""

import io
import random
import struct
import subprocess
import zlib
from pathlib import Path

import docx
import pypdf
import pytest

from theodoi.core.errors import DomainError
from theodoi.narratives import readers
from theodoi.narratives.extract import extract
from theodoi.narratives.readers import read_upload, table_sentences

CORPUS = Path(__file__).parent / "corpus"


def png(width=64, height=64, seed=1) -> bytes:
    """A small grayscale noise picture (a "cat photo": no text in it)."""
    rnd = random.Random(seed)
    raw = b"".join(b"\0" + bytes(rnd.randrange(256) for _ in range(width)) for _ in range(height))

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def docx_bytes(paragraphs=(), table=None, picture=False) -> bytes:
    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    if table:
        t = d.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, text in enumerate(row):
                t.cell(r, c).text = text
    if picture:
        d.add_picture(io.BytesIO(png()))
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def pdf_bytes(pages=1, password=None) -> bytes:
    w = pypdf.PdfWriter()
    for _ in range(pages):
        w.add_blank_page(200, 200)
    if password:
        w.encrypt(password)
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


TABLE = [
    [
        "STT",
        "Chỉ tiêu",
        "Đơn vị tính",
        "Kế hoạch năm 2021",
        "Ước thực hiện 6 tháng năm 2021",
        "So KH (%)",
    ],
    ["1", "Thu ngân sách nhà nước", "tỷ đồng", "9.300", "6.265", "67,4"],
    ["2", "Chi ngân sách địa phương", "tỷ đồng", "13.650", "7.663", "56,1"],
    ["3", "Khách qua lưu trú", "nghìn lượt", "4.040", "1.900", "47,0"],
    ["4", "Kim ngạch xuất khẩu", "triệu USD", "950", "480,5", "50,6"],
]


def test_a_docx_table_reads_row_by_row_with_the_header_giving_period_and_status():
    lines = table_sentences(TABLE)
    assert lines[0] == "Thu ngân sách nhà nước Ước thực hiện 6 tháng năm 2021: 6.265 tỷ đồng."
    got = read_upload("bao-cao.docx", docx_bytes(["Báo cáo tình hình 6 tháng."], TABLE))
    found = extract(got.text)
    figures = [(s.number * s.scale, s.period.id, s.status) for s in found]
    assert figures == [
        (6265 * 10**9, "2021S1", "estimate"),
        (7663 * 10**9, "2021S1", "estimate"),
        (1900 * 10**3, "2021S1", "estimate"),
        (480500000, "2021S1", "estimate"),
    ]


def test_docx_paragraphs_and_tables_without_header():
    got = read_upload("x.docx", docx_bytes(["Thu ngân sách năm 2021 đạt 9.850 tỷ đồng."]))
    assert extract(got.text)[0].period.id == "2021"
    assert table_sentences([["Thu NSNN năm 2021", "9.850 tỷ đồng"]]) == [
        "Thu NSNN năm 2021 9.850 tỷ đồng."
    ]


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("trong.docx", b"", "rỗng"),
        ("anh.docx", None, "chỉ có hình ảnh"),
        ("mat-khau.pdf", pdf_bytes(password="pw"), "mật khẩu"),
        ("dai.pdf", pdf_bytes(pages=300), "300 trang"),
        ("hong.docx", b"PK\x03\x04 not a zip", "không phải tệp Word"),
        ("hong.pdf", b"%PDF-1.4 garbage", "không phải tệp PDF"),
        ("bang.xlsx", b"\x00\x01", "chỉ nhận tệp"),
    ],
)
def test_bad_files_get_a_vietnamese_message(name, data, words):
    if data is None:
        data = docx_bytes(picture=True)
    with pytest.raises(DomainError) as exc:
        read_upload(name, data)
    assert words in exc.value.message


def test_a_scan_is_read_by_ocr_and_marked():
    got = read_upload("seed-scan.tif", (CORPUS / "seed-scan.tif").read_bytes())
    assert got.from_image
    found = extract(got.text, None, from_image=True)
    assert [s.number * s.scale for s in found][:3] == [5, 6265 * 10**9, 7663 * 10**9]
    assert all(s.from_image for s in found)


def test_a_cat_photo_is_refused():
    with pytest.raises(DomainError) as exc:
        read_upload("meo.png", png(200, 200))
    assert "không giống một văn bản" in exc.value.message


def test_a_scanned_pdf_is_rendered_and_read(tmp_path):
    # A PDF whose pages are the scan (tesseract's own PDF: the picture and a text layer);
    # ocr_pdf renders the pages with pdftoppm and reads the picture again.
    subprocess.run(
        ["tesseract", str(CORPUS / "seed-scan.tif"), str(tmp_path / "scan"), "-l", "vie", "pdf"],
        capture_output=True,
        check=True,
    )
    text = readers.ocr_pdf((tmp_path / "scan.pdf").read_bytes(), "scan.pdf")
    assert "6.265" in text


def test_without_tesseract_the_message_names_the_package(monkeypatch):
    monkeypatch.setattr(readers.shutil, "which", lambda name: None)
    with pytest.raises(DomainError) as exc:
        read_upload("scan.png", png())
    assert "tesseract-ocr" in exc.value.message
    # A .docx still reads.
    assert read_upload("x.docx", docx_bytes(["Thu ngân sách đạt 5 tỷ đồng."])).text


def test_a_pdf_with_a_text_layer_is_read_from_it_without_ocr(tmp_path, monkeypatch):
    # Tesseract's own PDF carries a text layer over the picture: read_upload takes the
    # text from the layer and never runs OCR (tesseract made unavailable to prove it).
    subprocess.run(
        ["tesseract", str(CORPUS / "seed-scan.tif"), str(tmp_path / "layer"), "-l", "vie", "pdf"],
        capture_output=True,
        check=True,
    )
    data = (tmp_path / "layer.pdf").read_bytes()
    monkeypatch.setattr(readers.shutil, "which", lambda name: None)
    got = read_upload("bao-cao.pdf", data)
    assert not got.from_image and got.pages == 1
    assert "6.265" in got.text
