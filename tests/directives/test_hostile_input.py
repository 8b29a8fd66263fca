"""Issue 9, items 6-10: hostile text and files (here for the directives fixtures).

Each test fails on the code before the fix."""

import csv
import io
import os
import time
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document
from openpyxl import load_workbook

from tests.directives.test_files import PDF
from theodoi.core.errors import DomainError
from theodoi.core.exporters import TEXT, Column, Exporter
from theodoi.core.numbers import NumberParseError, parse_number
from theodoi.core.text import clean_text
from theodoi.directives.files import check_upload
from theodoi.directives.models import DirectiveFile
from theodoi.directives.services import attach_file
from theodoi.exchange.readers import FileRejected, cell_text, read_csv, read_file
from theodoi.reporting.documents.docx import build_docx
from theodoi.reporting.documents.model import OfficialDocument, Section
from theodoi.targets.models import Indicator


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


HOSTILE = "Báo cáo\x0bdòng hai\x07\x00\x1b\x85 cuối\r\nhết\rx\tcột"


# -- 6: control characters -------------------------------------------------------------


def test_clean_text_keeps_tabs_and_line_breaks_and_drops_the_rest():
    assert clean_text(HOSTILE) == "Báo cáodòng hai cuối\nhết\nx\tcột"
    assert clean_text("a\ud800b") == "ab"  # a lone surrogate
    assert clean_text("Tie\u0300n") == "Tièn"  # NFC
    assert clean_text(None) is None and clean_text(5) == 5


class _Rows(Exporter):
    title = "Nhiệm vụ\x07"
    columns = [Column("Tên", "name", TEXT), Column("Ghi chú", "note", TEXT)]


ROWS = [
    {"name": '=HYPERLINK("http://x.invalid","bấm")\x07\x00', "note": "-5 so với"},
    {"name": "+1", "note": "@SUM(A1)"},
]


def test_exports_survive_control_characters_and_write_formulas_as_text():
    data = _Rows(ROWS).to_xlsx()  # openpyxl raised IllegalCharacterError on \x07
    ws = load_workbook(io.BytesIO(data)).active
    assert ws["A2"].data_type == "s"  # not "f": no live link
    assert ws["A2"].value == '=HYPERLINK("http://x.invalid","bấm")'
    text = _Rows(ROWS).to_csv().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1] == ['\'=HYPERLINK("http://x.invalid","bấm")', "'-5 so với"]
    assert rows[2] == ["'+1", "'@SUM(A1)"]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_an_export_reads_back_as_the_same_text(fmt):
    data = _Rows(ROWS).render(fmt)
    sheet = read_file(data, f"t.{fmt}").sheets[0]
    assert [cell_text(v) for v in sheet.rows[1]] == [
        '=HYPERLINK("http://x.invalid","bấm")',
        "-5 so với",
    ]


def test_a_report_with_a_vertical_tab_still_makes_its_docx():
    doc = OfficialDocument(
        issuer="SỞ TÀI CHÍNH\x0b",
        title="Tình hình\x07",
        sections=[Section("I. Kết quả\x0b", ["Dòng một\x0bdòng hai\x00", "=1+1"])],
    )
    text = "\n".join(p.text for p in Document(io.BytesIO(build_docx(doc))).paragraphs)
    assert "Dòng mộtdòng hai" in text and "\x0b" not in text


def test_pages_clean_what_is_typed(client_as, agencies):
    c = client_as("steering")
    r = c.get("/van-ban/", {"q": "a\x00b\x07"})  # PostgreSQL refused the NUL: a 500
    assert r.status_code == 200
    assert b"\x00" not in r.content and b"\x07" not in r.content and 'value="ab"' in r.text


def test_the_api_cleans_text_and_refuses_a_lone_surrogate(api_as, agencies):
    body = {
        "code": "CHI_NSDP",
        "name": "Chi ngân sách\x00 địa phương\x0b",
        "unit_of_measure": "tỷ đồng",
        "kind": "flow",
        "unit_aggregation": "sum",
        "direction": "up",
        "decimals": 0,
        "lead_agency": "STC",
    }
    r = api_as("steering").post("/api/v1/indicators", body)
    assert r.status_code == 201, r.content
    assert Indicator.objects.get(code="CHI_NSDP").name == "Chi ngân sách địa phương"
    raw = b'{"code": "X2", "name": "a\\ud800b", "unit_of_measure": "x", "kind": "flow"}'
    r = api_as("steering").post("/api/v1/indicators", raw)
    assert r.status_code == 400 and "UTF-16" in r.json()["detail"]
    r = api_as("steering").post("/api/v1/indicators", b"{not json")
    assert r.status_code == 400 and "JSON" in r.json()["detail"]


# -- 8: lengths the database enforces ------------------------------------------------------


def test_every_length_is_checked_with_the_field_named(api_as, agencies):
    body = {
        "code": "DAI",
        "name": "x" * 301,
        "unit_of_measure": "tỷ đồng",
        "kind": "flow",
        "unit_aggregation": "sum",
        "direction": "up",
        "decimals": 0,
        "lead_agency": "STC",
    }
    r = api_as("steering").post("/api/v1/indicators", body)
    assert r.status_code == 400
    assert r.json()["errors"][0]["field"] == "name"
    assert "Tên chỉ tiêu dài 301 ký tự, tối đa 300" in r.json()["detail"]
    r = api_as("steering").post(
        "/api/v1/indicators", {**body, "name": "x", "unit_of_measure": "đ" * 41}
    )
    assert r.status_code == 400 and "Đơn vị tính" in r.json()["detail"]
    assert not Indicator.objects.filter(code="DAI").exists()


# -- 9: a CSV within the size limit is refused fast -----------------------------------------


def test_a_csv_of_newlines_is_refused_while_reading(settings):
    data = b"\n" * (10 * 1024 * 1024 - 1)
    start = time.perf_counter()
    with pytest.raises(FileRejected) as exc:
        read_csv(data, "dong.csv")
    assert time.perf_counter() - start < 5
    assert "quá nhiều ô" in exc.value.message and "100.000 dòng" in exc.value.message


def test_a_csv_within_the_limits_is_read(settings):
    settings.EXCHANGE_MAX_ROWS = 3
    assert len(read_csv(b"a;b\n1;2\n3;4\n", "t.csv").sheets[0].rows) == 3
    with pytest.raises(FileRejected):
        read_csv(b"a;b\n1;2\n3;4\n5;6\n", "t.csv")


# -- 10: ids beyond 64 bits, missing files, zip bombs, figures ---------------------------------

BIG = "99999999999999999999"


def test_ids_beyond_64_bits_are_not_found(client_as, api_as, agencies):
    c = client_as("steering")
    assert c.get("/nhiem-vu/", {"directive": BIG}).status_code in (200, 404)
    assert c.get(f"/bao-cao/ky/{BIG}/tong-hop/bao-cao.docx").status_code == 404
    assert c.get("/van-ban/them/", {"implements": BIG}).status_code in (200, 404)
    r = api_as("steering").get("/api/v1/directives", implements=BIG)
    # SQLite cannot compare the id (a 404); PostgreSQL filters by it (no directive).
    assert (r.status_code, r.json()) in ((404, {"detail": "Không tìm thấy."}), (200, []))


def test_a_stored_attachment_missing_from_disk_is_a_404(cascade, client_as, media):
    c = client_as("steering")
    c.post(f"/van-ban/{cascade[2].pk}/tep/", {"file": SimpleUploadedFile("dung.pdf", PDF)})
    row = DirectiveFile.objects.get()
    os.remove(row.file.path)
    r = c.get(f"/van-ban/tep/{row.pk}/")
    assert r.status_code == 404 and "Không tìm thấy" in r.content.decode()


def _docx_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document/>")
        zf.writestr("word/media/big.bin", b"\0" * (50 * 1024 * 1024))
    return out.getvalue()


def test_a_zip_bomb_is_refused_as_an_attachment(cascade, people, media):
    bomb = SimpleUploadedFile("bom.docx", _docx_bomb())
    with pytest.raises(DomainError) as exc:
        check_upload(bomb)
    assert "nén bất thường" in exc.value.message
    with pytest.raises(DomainError):
        attach_file(people["steering"], cascade[2], SimpleUploadedFile("bom.docx", _docx_bomb()))
    assert not DirectiveFile.objects.exists()


@pytest.mark.parametrize(
    "text, reason",
    [
        ("0.0000001", "quá 6 chữ số sau dấu phẩy"),
        ("0,0000001", "quá 6 chữ số sau dấu phẩy"),
        ("١٢٣", "không phải 0-9"),
        ("１２３", "không phải 0-9"),
        ("123456789012345", "quá lớn"),
    ],
)
def test_figures_are_never_changed_silently(text, reason):
    with pytest.raises(NumberParseError, match=reason):
        parse_number(text)
    assert parse_number("0,000001") == Decimal("0.000001")
    with pytest.raises(NumberParseError):
        parse_number(Decimal("0.0000001"))
