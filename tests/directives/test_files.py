"""Attachments: PDF, DOCX, XLSX by content and extension, size-limited, stored outside
the web root, served only through a permission-checking view."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from theodoi.audit.models import AuditEntry
from theodoi.core.errors import DomainError, NotAllowed
from theodoi.directives.files import check_upload
from theodoi.directives.models import DirectiveFile
from theodoi.directives.services import attach_file

PDF = b"%PDF-1.7\n%%EOF\n"


def office(marker):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr(marker, "<x/>")
    return buf.getvalue()


DOCX, XLSX = office("word/document.xml"), office("xl/workbook.xml")


@pytest.mark.parametrize(
    "name,data,ok",
    [
        ("ke-hoach.pdf", PDF, True),
        ("ke-hoach.docx", DOCX, True),
        ("phu-luc.XLSX", XLSX, True),
        ("doi-ten.docx", XLSX, False),
        ("gia.pdf", b"MZ\x90\x00", False),
        ("anh.png", b"\x89PNG\r\n", False),
        ("hong.xlsx", b"PK\x03\x04garbage", False),
        ("script.pdf.exe", PDF, False),
        ("rong.pdf", b"", False),
    ],
)
def test_type_is_decided_by_content_and_extension(name, data, ok):
    upload = SimpleUploadedFile(name, data)
    if ok:
        assert check_upload(upload)[0] == name
    else:
        with pytest.raises(DomainError) as e:
            check_upload(upload)
        assert e.value.field == "file" and name in e.value.message


def test_too_large_is_refused_with_the_limit(settings):
    settings.MAX_ATTACHMENT_BYTES = 1024 * 1024
    with pytest.raises(DomainError) as e:
        check_upload(SimpleUploadedFile("lon.pdf", PDF + b"0" * 1024 * 1024))
    assert "quá lớn" in e.value.message and "1 MB" in e.value.message


def test_attach_stores_under_media_root_and_records_it(cascade, people, settings):
    row = attach_file(people["steering"], cascade[2], SimpleUploadedFile("Kế hoạch 112.pdf", PDF))
    assert row.file.path.startswith(str(settings.MEDIA_ROOT)) and row.file.name.startswith(
        "directives/"
    )
    assert "Kế hoạch" not in row.file.name  # random stored name; the user's name is kept in the row
    assert row.name == "Kế hoạch 112.pdf" and row.size == len(PDF)
    assert (
        AuditEntry.objects.get(action="directives.file.attached").data["file"] == "Kế hoạch 112.pdf"
    )


def test_only_the_steering_office_or_the_issuers_leaders_attach(cascade, people):
    for persona in ("specialist", "outsider", "viewer", "leader"):
        with pytest.raises(NotAllowed):
            attach_file(people[persona], cascade[2], SimpleUploadedFile("a.pdf", PDF))
    assert not DirectiveFile.objects.exists()


def test_upload_page_and_download_view(cascade, client_as, client):
    c = client_as("steering")
    r = c.post(
        f"/van-ban/{cascade[2].pk}/tep/",
        {"file": SimpleUploadedFile("sai.pdf", b"not a pdf")},
        follow=True,
    )
    assert "không phải là PDF" in r.content.decode() and not DirectiveFile.objects.exists()
    c.post(f"/van-ban/{cascade[2].pk}/tep/", {"file": SimpleUploadedFile("dung.pdf", PDF)})
    row = DirectiveFile.objects.get()
    r = client_as("outsider").get(f"/van-ban/tep/{row.pk}/")
    assert r.status_code == 200 and b"".join(r.streaming_content) == PDF
    assert 'attachment; filename="dung.pdf"' in r["Content-Disposition"]
    client.logout()
    assert client.get(f"/van-ban/tep/{row.pk}/").status_code == 302  # to the login page
    assert client_as("nobody").get(f"/van-ban/tep/{row.pk}/").status_code == 403


@pytest.mark.parametrize(
    "limit, size, shown",
    [
        (50 * 1024 * 1024, 50 * 1024 * 1024 + 1, "(50 MB); giới hạn là 50 MB"),
        (1024 * 1024, 1536 * 1024, "(1,5 MB); giới hạn là 1 MB"),
    ],
)
def test_sizes_are_written_the_vietnamese_way(settings, limit, size, shown):
    settings.MAX_ATTACHMENT_BYTES = limit

    class Big:  # the size alone decides; no need for 50 MB in memory
        name = "lon.pdf"

    Big.size = size
    with pytest.raises(DomainError) as e:
        check_upload(Big())
    assert shown in e.value.message and "50.0" not in e.value.message
