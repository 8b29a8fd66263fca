"""Backup and restore: the database and the stored files in one .tar.gz, while the app runs.

The archive holds
  database.sqlite3 (SQLite's online backup API: a consistent copy even while the server's
                    workers write) or database.pgdump (pg_dump -Fc, custom format),
  files/...        everything under MEDIA_ROOT (directive and task attachments, imports),
  manifest.json    app version, database vendor, created at, row counts per table, file
                   count, and the sha256 of every other member (written last).
Restore checks everything (the manifest, the vendor, every checksum, no member missing or
extra) before it changes anything; a refused archive leaves the database and files as they
were. Archives and their folder are readable by the owner only (0600 / 0700).

The database is copied first, then the files: a file uploaded meanwhile is in the archive
without its row (harmless), and attachments are never changed in place (random names).
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import tomllib
from dataclasses import dataclass
from glob import glob
from importlib import metadata
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT = 1
MANIFEST = "manifest.json"
DUMPS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
VENDOR_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why, in Vietnamese."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


@dataclass
class Result:
    path: Path
    manifest: dict


def app_version() -> str:
    try:
        return metadata.version("theodoi")
    except metadata.PackageNotFoundError:
        pyproject = Path(settings.BASE_DIR) / "pyproject.toml"
        with pyproject.open("rb") as f:
            return tomllib.load(f)["project"]["version"]


def _vendor_name(vendor: str) -> str:
    return VENDOR_NAMES.get(vendor, vendor)


# -- PostgreSQL tools -------------------------------------------------------------------


def pg_tool(name: str) -> str:
    """pg_dump / pg_restore: on PATH, else the newest under /usr/lib/postgresql/*/bin."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(
        glob(f"/usr/lib/postgresql/*/bin/{name}"),
        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0,
    )
    if candidates:
        return candidates[-1]
    raise BackupError(
        _(
            "Không tìm thấy %(tool)s: hãy cài gói postgresql-client cùng phiên bản "
            "chính với máy chủ PostgreSQL."
        )
        % {"tool": name}
    )


def _pg_env() -> dict:
    db = connection.settings_dict
    env = dict(os.environ)
    for key, var in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("NAME", "PGDATABASE"),
    ):
        if db.get(key):
            env[var] = str(db[key])
    if db.get("OPTIONS", {}).get("sslmode"):
        env["PGSSLMODE"] = db["OPTIONS"]["sslmode"]
    return env


def _run(args: list[str]) -> None:
    result = subprocess.run(args, env=_pg_env(), capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(
            _("%(tool)s không chạy được: %(err)s")
            % {"tool": Path(args[0]).name, "err": result.stderr.strip()}
        )


# -- The database -----------------------------------------------------------------------


def _sqlite_counts(path: Path) -> dict:
    db = sqlite3.connect(path)
    try:
        names = [
            r[0]
            for r in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                "ORDER BY name"
            )
        ]
        return {n: db.execute(f'SELECT COUNT(*) FROM "{n}"').fetchone()[0] for n in names}
    finally:
        db.close()


def _live_counts(cursor) -> dict:
    names = sorted(connection.introspection.table_names(cursor))
    counts = {}
    for name in names:
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(name)}")
        counts[name] = cursor.fetchone()[0]
    return counts


def dump_database(dest: Path) -> dict:
    """Write a consistent copy of the database to dest; return its row counts per table."""
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        # The online backup API copies page by page under a read lock: a consistent
        # snapshot, also of an in-memory database, while others keep working.
        target = sqlite3.connect(dest)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
        return _sqlite_counts(dest)
    if connection.vendor == "postgresql":
        # pg_dump reads the snapshot this transaction exported: the counts in the manifest
        # are exactly those of the dump.
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            counts = _live_counts(cursor)
            _run(
                [
                    pg_tool("pg_dump"),
                    "--format=custom",
                    f"--snapshot={snapshot}",
                    "--no-owner",
                    "--no-privileges",
                    f"--file={dest}",
                ]
            )
        return counts
    raise BackupError(
        _("Chưa hỗ trợ sao lưu cơ sở dữ liệu %(vendor)s.") % {"vendor": connection.vendor}
    )


def load_database(source: Path) -> None:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        src = sqlite3.connect(source)
        try:
            src.backup(connection.connection)
        finally:
            src.close()
        return
    _run(
        [
            pg_tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--single-transaction",
            "--exit-on-error",
            "--no-owner",
            "--no-privileges",
            f"--dbname={connection.settings_dict['NAME']}",
            str(source),
        ]
    )
    # Tables were dropped and created anew: start a fresh session.
    connection.close()


# -- The archive ------------------------------------------------------------------------


class _Hashing:
    """Reads a file for tarfile while computing its sha256."""

    def __init__(self, f):
        self.f, self.sha = f, hashlib.sha256()

    def read(self, n=-1):
        data = self.f.read(n)
        self.sha.update(data)
        return data


def _sha256(path: Path) -> str:
    sha = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(CHUNK):
            sha.update(block)
    return sha.hexdigest()


def _member(name: str, size: int) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = size, 0o600, int(timezone.now().timestamp())
    return info


def _add_file(tar: tarfile.TarFile, name: str, path: Path) -> str:
    with path.open("rb") as f:
        reader = _Hashing(f)
        tar.addfile(_member(name, os.fstat(f.fileno()).st_size), reader)
    return reader.sha.hexdigest()


def _target(output: str | Path | None, vendor: str) -> Path:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    name = f"theodoi-{vendor}-{stamp}.tar.gz"
    if output is None:
        folder = Path(settings.BACKUP_DIR)
    else:
        out = Path(output)
        # A name ending in .tar.gz is the file; anything else is a folder.
        if out.name.endswith((".tar.gz", ".tgz")) and not out.is_dir():
            out.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            return out
        folder = out
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder / name


def create_backup(output: str | Path | None = None) -> Result:
    vendor = connection.vendor
    if vendor not in DUMPS:
        raise BackupError(_("Chưa hỗ trợ sao lưu cơ sở dữ liệu %(vendor)s.") % {"vendor": vendor})
    target = _target(output, vendor)
    if target.exists():
        raise BackupError(_("Tệp “%(path)s” đã có; hãy chọn tên khác.") % {"path": target})
    media = Path(settings.MEDIA_ROOT)
    partial = target.with_name(target.name + ".part")
    with tempfile.TemporaryDirectory(prefix="theodoi-backup-") as tmp:
        dump = Path(tmp) / DUMPS[vendor]
        tables = dump_database(dump)
        checksums, files, size = {}, 0, 0
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
                checksums[DUMPS[vendor]] = _add_file(tar, DUMPS[vendor], dump)
                for path in sorted(media.rglob("*")) if media.is_dir() else []:
                    if path.is_file() and not path.is_symlink():
                        name = "files/" + path.relative_to(media).as_posix()
                        checksums[name] = _add_file(tar, name, path)
                        files, size = files + 1, size + path.stat().st_size
                manifest = {
                    "format": FORMAT,
                    "app": "theodoi",
                    "version": app_version(),
                    "database": {"vendor": vendor, "dump": DUMPS[vendor]},
                    "created_at": timezone.now().isoformat(),
                    "counts": {
                        "tables": tables,
                        "rows": sum(tables.values()),
                        "files": files,
                        "file_bytes": size,
                    },
                    "sha256": checksums,
                }
                data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
                tar.addfile(_member(MANIFEST, len(data)), _BytesReader(data))
            os.replace(partial, target)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    return Result(target, manifest)


class _BytesReader:
    def __init__(self, data: bytes):
        self.data, self.pos = data, 0

    def read(self, n=-1):
        end = len(self.data) if n is None or n < 0 else self.pos + n
        chunk, self.pos = self.data[self.pos : end], min(end, len(self.data))
        return chunk


# -- Restore ----------------------------------------------------------------------------


def _unpack(archive: Path, into: Path) -> dict:
    """Extract the archive into `into` and check it whole; return its manifest."""
    name = archive.name
    try:
        with tarfile.open(archive, mode="r:gz") as tar:
            members = tar.getmembers()
            tar.extractall(into, filter="data")
    except (tarfile.TarError, OSError, EOFError):
        raise BackupError(
            _(
                "Tệp “%(name)s” không phải bản sao lưu của Theo Dõi hoặc đã hỏng "
                "(không đọc được dạng .tar.gz)."
            )
            % {"name": name}
        ) from None
    try:
        manifest = json.loads((into / MANIFEST).read_text(encoding="utf-8"))
        checksums = dict(manifest["sha256"])
        vendor = manifest["database"]["vendor"]
        dump = manifest["database"]["dump"]
    except (OSError, ValueError, KeyError, TypeError):
        raise BackupError(
            _("Tệp “%(name)s” không phải bản sao lưu của Theo Dõi: thiếu hoặc hỏng manifest.json.")
            % {"name": name}
        ) from None
    if manifest.get("app") != "theodoi" or manifest.get("format") != FORMAT:
        raise BackupError(
            _(
                "Tệp “%(name)s” không phải bản sao lưu của Theo Dõi (hoặc của một "
                "phiên bản định dạng khác)."
            )
            % {"name": name}
        )
    if vendor != connection.vendor:
        raise BackupError(
            _(
                "Bản sao lưu “%(name)s” lấy từ cơ sở dữ liệu %(theirs)s, còn Theo Dõi ở đây dùng "
                "%(ours)s: không khôi phục được. Hãy cấu hình DATABASE_URL tới một cơ sở dữ liệu "
                "%(theirs)s rồi khôi phục lại. Chưa thay đổi gì."
            )
            % {
                "name": name,
                "theirs": _vendor_name(vendor),
                "ours": _vendor_name(connection.vendor),
            }
        )
    present = {m.name for m in members if m.isfile()} - {MANIFEST}
    for member in sorted(present | set(checksums)):
        if member not in checksums:
            problem = _("có tệp “%(m)s” không ghi trong manifest.json") % {"m": member}
        elif member not in present:
            problem = _("thiếu tệp “%(m)s”") % {"m": member}
        elif _sha256(into / member) != checksums[member]:
            problem = _("tệp “%(m)s” sai mã kiểm tra sha256") % {"m": member}
        else:
            continue
        raise BackupError(
            _("Bản sao lưu “%(name)s” bị hỏng: %(problem)s. Chưa thay đổi gì.")
            % {"name": name, "problem": problem}
        )
    if dump not in checksums or dump != DUMPS.get(vendor):
        raise BackupError(
            _("Bản sao lưu “%(name)s” bị hỏng: thiếu tệp “%(m)s”. Chưa thay đổi gì.")
            % {"name": name, "m": dump}
        )
    return manifest


def read_manifest(archive: Path) -> dict:
    """The manifest of a checked archive (nothing is changed)."""
    with tempfile.TemporaryDirectory(prefix="theodoi-restore-") as tmp:
        return _unpack(Path(archive), Path(tmp))


def _owner_only(root: Path) -> None:
    root.chmod(0o700)
    for path in root.rglob("*"):
        path.chmod(0o700 if path.is_dir() else 0o600)


def restore_backup(archive: str | Path) -> dict:
    """Replace the database and the stored files with the archive's; return its manifest."""
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(_("Không thấy tệp “%(path)s”.") % {"path": archive})
    media = Path(settings.MEDIA_ROOT)
    media.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    # Unpacked beside MEDIA_ROOT, so that the files move into place by a rename.
    with tempfile.TemporaryDirectory(prefix=".theodoi-restore-", dir=media.parent) as tmp:
        work = Path(tmp)
        manifest = _unpack(archive, work)
        load_database(work / manifest["database"]["dump"])
        files = work / "files"
        files.mkdir(exist_ok=True)
        _owner_only(files)
        old = work / "files-before-restore"
        if media.exists():
            os.replace(media, old)
        os.replace(files, media)
    return manifest


def live_counts() -> dict:
    with connection.cursor() as cursor:
        return _live_counts(cursor)
