"""Backup and restore (issue 9): on SQLite and on PostgreSQL, whichever the suite runs on.

transaction=True: the commands work on the real test database (pg_dump/pg_restore reach it
from another process; SQLite's backup API reads the in-memory test database itself)."""

import io
import json
import stat
import tarfile
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from theodoi.org.models import Agency

pytestmark = pytest.mark.django_db(transaction=True)
PDF = b"%PDF-1.4 ke hoach 112"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "var" / "files"
    return settings.MEDIA_ROOT


def backup(folder) -> Path:
    out = io.StringIO()
    call_command("backup", output=str(folder), stdout=out)
    return Path(out.getvalue().strip().splitlines()[-1])


def restore(path):
    out = io.StringIO()
    call_command("restore", str(path), interactive=False, stdout=out)
    return out.getvalue()


def members(path) -> dict:
    with tarfile.open(path) as tar:
        return {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.isfile()}


def repack(path, dest, change):
    """A copy of the archive with `change(members)` applied."""
    items = members(path)
    change(items)
    with tarfile.open(dest, "w:gz") as tar:
        for name, data in items.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return dest


def test_backup_then_restore_brings_back_figures_and_files(people, media, tmp_path):
    stc = Agency.objects.get(code="STC")
    kept = default_storage.save("directives/2021/06/ke-hoach.pdf", ContentFile(PDF))
    users = get_user_model().objects.count()

    path = backup(tmp_path / "backups")
    assert path.name.startswith(f"theodoi-{connection.vendor}-") and path.name.endswith(".tar.gz")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    manifest = json.loads(members(path)["manifest.json"])
    assert manifest["database"]["vendor"] == connection.vendor
    assert manifest["version"] and manifest["created_at"]
    assert (
        manifest["counts"]["files"] == 1
        and manifest["counts"]["tables"]["org_agency"] == Agency.objects.count()
    )
    assert set(manifest["sha256"]) == {manifest["database"]["dump"], f"files/{kept}"}

    # Life goes on: a rename, a deleted account, a new agency, a lost file, a new file.
    stc.name = "Sở Tài chính (đổi tên)"
    stc.save()
    people["outsider"].delete()
    Agency.objects.create(code="MOI", name="Cơ quan mới", short_name="Mới", unit=stc.unit)
    default_storage.delete(kept)
    extra = default_storage.save("tasks/2021/07/moi.pdf", ContentFile(b"%PDF-1.4 moi"))

    output = restore(path)
    assert "Đã khôi phục" in output
    assert Agency.objects.get(code="STC").name == "Sở Tài chính"
    assert not Agency.objects.filter(code="MOI").exists()
    assert get_user_model().objects.count() == users
    assert (
        get_user_model().objects.get(username="chuyenvien.svh").check_password("pw-chuyenvien.svh")
    )
    assert default_storage.open(kept).read() == PDF
    assert not default_storage.exists(extra)
    restored = Path(default_storage.path(kept))
    assert stat.S_IMODE(restored.stat().st_mode) == 0o600
    assert stat.S_IMODE(Path(media).stat().st_mode) == 0o700
    # The restored database takes new rows as before (sequences came back too).
    Agency.objects.create(code="SAU", name="Sau khôi phục", short_name="Sau", unit=stc.unit)


def test_an_archive_with_a_bad_checksum_is_refused_and_nothing_changes(people, media, tmp_path):
    default_storage.save("directives/a.pdf", ContentFile(PDF))
    path = backup(tmp_path)

    def tamper(items):
        name = next(n for n in items if n.startswith("files/"))
        items[name] = b"%PDF-1.4 altered"

    bad = repack(path, tmp_path / "bad.tar.gz", tamper)
    Agency.objects.filter(code="STC").update(name="Đổi sau sao lưu")
    with pytest.raises(CommandError, match="sai mã kiểm tra sha256.*Chưa thay đổi gì"):
        restore(bad)
    assert Agency.objects.get(code="STC").name == "Đổi sau sao lưu"
    assert default_storage.open("directives/a.pdf").read() == PDF


def test_an_archive_from_the_other_database_is_refused_and_nothing_changes(people, media, tmp_path):
    path = backup(tmp_path)
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"

    def relabel(items):
        manifest = json.loads(items["manifest.json"])
        manifest["database"]["vendor"] = other
        items["manifest.json"] = json.dumps(manifest).encode()

    foreign = repack(path, tmp_path / "foreign.tar.gz", relabel)
    Agency.objects.filter(code="STC").update(name="Đổi sau sao lưu")
    with pytest.raises(CommandError, match="lấy từ cơ sở dữ liệu .*không khôi phục được"):
        restore(foreign)
    assert Agency.objects.get(code="STC").name == "Đổi sau sao lưu"


def test_a_file_that_is_not_a_backup_is_refused(people, media, tmp_path):
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"not a tarball")
    with pytest.raises(CommandError, match="không phải bản sao lưu của Theo Dõi"):
        restore(junk)


def test_the_output_may_name_the_file(people, media, tmp_path):
    path = backup(tmp_path / "hom-nay.tar.gz")
    assert path == tmp_path / "hom-nay.tar.gz" and path.exists()
