"""Backups and restores: one dated archive holding a consistent snapshot of the database, the uploaded files and a
manifest, and the way back into an empty database and media folder.

The archive `renda-backup-YYYYMMDD-HHMMSS.tar.gz` holds
  database.sqlite3 or database.pgdump   the snapshot (SQLite's online backup API; `pg_dump -Fc`)
  media/…                               every file under MEDIA_ROOT
  manifest.json                         versions, every table's row count and content digest, every file's checksum

Consistency while the platform keeps serving: SQLite's backup API copies the database in one step under one read
transaction (WAL mode lets writers go on meanwhile); on PostgreSQL one REPEATABLE READ transaction exports its
snapshot, counts and digests every table in it, and `pg_dump --snapshot` dumps that same snapshot. So the
manifest's figures are those of the dump, and a case written during the backup is in it whole or not at all.
Files are copied after the database: a file uploaded after the snapshot may be in the archive without its row,
never a row without its file (files are not deleted while their row exists).

A table's digest is order-free (the sum of its rows' SHA-256 modulo 2^256), read through the same driver at
backup and after restore, so a restore is verified row for row, not only counted."""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import platform
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import django
from django.conf import settings
from django.db import connections
from django.utils import timezone

from renda.core import about, clock

FORMAT = 1
PREFIX = "renda-backup-"
SUFFIX = ".tar.gz"
MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
PG_FILE = "database.pgdump"
MEDIA_DIR = "media"
CHUNK = 1024 * 1024
FETCH = 2000

Progress = Callable[[str], None]


class BackupError(Exception):
    """A backup or restore that cannot go on; the message (Chinese) says why and what to do."""


# ---------------------------------------------------------------------------------------------- figures


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _plain(value: Any) -> Any:
    return bytes(value) if isinstance(value, memoryview) else value


def _table_figures(cursor, tables: Iterable[str], quote: Callable[[str], str]) -> dict[str, dict[str, Any]]:
    """Every table's row count and order-free digest, read through `cursor` (one transaction)."""
    figures = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT * FROM {quote(table)}")  # noqa: S608 - table names come from the catalogue
        rows, total = 0, 0
        while batch := cursor.fetchmany(FETCH):
            for row in batch:
                rows += 1
                text = repr(tuple(_plain(value) for value in row)).encode()
                total = (total + int.from_bytes(hashlib.sha256(text).digest(), "big")) % (1 << 256)
        figures[table] = {"rows": rows, "sha256": f"{total:064x}"}
    return figures


def _sqlite_quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def sqlite_figures(path: Path) -> dict[str, dict[str, Any]]:
    """The figures of an SQLite file, read with the standard library's driver (no converters)."""
    with closing_sqlite(path) as db:
        cursor = db.cursor()
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        tables = [name for (name,) in cursor.fetchall()]
        cursor.execute("BEGIN")
        figures = _table_figures(cursor, tables, _sqlite_quote)
        db.rollback()
        return figures


@contextmanager
def closing_sqlite(path: Path) -> Iterator[sqlite3.Connection]:
    db = sqlite3.connect(path, timeout=30, isolation_level=None)
    try:
        yield db
    finally:
        db.close()


# ---------------------------------------------------------------------------------------------- PostgreSQL


def _db_settings(alias: str = "default") -> dict[str, Any]:
    return connections[alias].settings_dict


def pg_environment(alias: str = "default") -> dict[str, str]:
    """The libpq environment for pg_dump/pg_restore: the platform's own database settings."""
    db = _db_settings(alias)
    env = dict(os.environ)
    for key, value in (
        ("PGHOST", db.get("HOST")),
        ("PGPORT", db.get("PORT")),
        ("PGUSER", db.get("USER")),
        ("PGPASSWORD", db.get("PASSWORD")),
        ("PGDATABASE", db.get("NAME")),
    ):
        if value:
            env[key] = str(value)
    return env


def pg_tool(name: str) -> str:
    path = shutil.which(name)
    if not path:
        raise BackupError(
            f"找不到 PostgreSQL 客户端程序 {name}：请安装与数据库服务器主版本相同的 postgresql-client"
            f"（Debian/Ubuntu：apt-get install postgresql-client），再重新运行。"
        )
    return path


@contextmanager
def pg_snapshot(alias: str = "default") -> Iterator[tuple[Any, str]]:
    """A REPEATABLE READ transaction on its own connection and its exported snapshot's id, kept open in the
    block (pg_dump --snapshot reads the same data)."""
    import psycopg

    db = _db_settings(alias)
    conn = psycopg.connect(
        dbname=db["NAME"],
        user=db.get("USER") or None,
        password=db.get("PASSWORD") or None,
        host=db.get("HOST") or None,
        port=db.get("PORT") or None,
    )
    try:
        conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        conn.read_only = True
        cursor = conn.cursor()
        cursor.execute("SET TIME ZONE 'UTC'")
        cursor.execute("SELECT pg_export_snapshot()")
        row = cursor.fetchone()
        assert row is not None
        yield cursor, row[0]
    finally:
        conn.rollback()
        conn.close()


def _pg_quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def pg_tables(cursor) -> list[str]:
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename")
    return [name for (name,) in cursor.fetchall()]


def pg_figures(alias: str = "default") -> dict[str, dict[str, Any]]:
    with pg_snapshot(alias) as (cursor, _):
        return _table_figures(cursor, pg_tables(cursor), _pg_quote)


def _run(command: list[str], *, env: dict[str, str], what: str) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise BackupError(f"{what}失败（退出码 {done.returncode}）：{done.stderr.strip()[-800:]}")


# ---------------------------------------------------------------------------------------------- the archive


def database_vendor(alias: str = "default") -> str:
    return connections[alias].vendor


def archives(directory: Path) -> list[Path]:
    """The archives in `directory`, oldest first."""
    if not directory.is_dir():
        return []
    found = [
        path for path in directory.iterdir() if path.name.startswith(PREFIX) and path.name.endswith(SUFFIX)
    ]
    return sorted(found, key=lambda path: (path.stat().st_mtime, path.name))


def _archive_path(directory: Path, moment: datetime.datetime) -> Path:
    stem = f"{PREFIX}{moment:%Y%m%d-%H%M%S}"
    path, n = directory / f"{stem}{SUFFIX}", 1
    while path.exists():
        n += 1
        path = directory / f"{stem}-{n}{SUFFIX}"
    return path


def _media_files(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(path for path in root.rglob("*") if path.is_file() and not path.is_symlink())


class _Hashing:
    """A file object that hashes what is read through it (one read of each file for tar and checksum)."""

    def __init__(self, file):
        self.file, self.digest = file, hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.file.read(size)
        self.digest.update(data)
        return data


@dataclass
class BackupResult:
    path: Path
    manifest: dict[str, Any]
    removed: list[Path]


def _snapshot_sqlite(work: Path, progress: Progress, alias: str) -> tuple[str, dict[str, Any], str]:
    source = Path(_db_settings(alias)["NAME"])
    if not source.is_file():
        raise BackupError(f"找不到 SQLite 数据库文件 {source}。")
    target = work / SQLITE_FILE
    progress(f"数据库快照：SQLite 在线备份 {source} …")
    try:
        with closing_sqlite(source) as src, closing_sqlite(target) as dst:
            src.backup(dst)  # every page in one step, under one read transaction: a consistent copy
            dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
            version = src.execute("SELECT sqlite_version()").fetchone()[0]
    except sqlite3.Error as error:
        raise BackupError(f"SQLite 在线备份失败：{error}") from error
    progress("统计各表行数与校验值 …")
    return SQLITE_FILE, sqlite_figures(target), f"SQLite {version}"


def _snapshot_postgres(work: Path, progress: Progress, alias: str) -> tuple[str, dict[str, Any], str]:
    pg_dump = pg_tool("pg_dump")
    target = work / PG_FILE
    try:
        with pg_snapshot(alias) as (cursor, snapshot):
            cursor.execute("SHOW server_version")
            version = f"PostgreSQL {cursor.fetchone()[0]}"
            progress(f"数据库快照：pg_dump（快照 {snapshot}）…")
            _run(
                [
                    pg_dump,
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--snapshot={snapshot}",
                    "-f",
                    str(target),
                ],
                env=pg_environment(alias),
                what="pg_dump 导出数据库",
            )
            progress("统计各表行数与校验值 …")
            figures = _table_figures(cursor, pg_tables(cursor), _pg_quote)
    except BackupError:
        raise
    except Exception as error:  # psycopg's errors: the server unreachable, a refused login …
        raise BackupError(f"读取 PostgreSQL 数据库失败：{error}") from error
    return PG_FILE, figures, version


def backup_create(
    *,
    directory: Path,
    keep: int,
    progress: Progress = lambda message: None,
    moment: datetime.datetime | None = None,
    alias: str = "default",
) -> BackupResult:
    """Write one archive into `directory`, then keep the newest `keep` archives there (0: keep all)."""
    moment = timezone.localtime(moment or clock.now())
    vendor = database_vendor(alias)
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"不支持备份该类型的数据库：{vendor}。")
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BackupError(f"无法创建备份目录 {directory}：{error}") from error
    final = _archive_path(directory, moment)
    partial = directory / f".{final.name}.partial"
    try:
        with tempfile.TemporaryDirectory(prefix="renda-backup-", dir=directory) as tmp:
            work = Path(tmp)
            snapshot = _snapshot_sqlite if vendor == "sqlite" else _snapshot_postgres
            db_file, tables, server = snapshot(work, progress, alias)
            manifest: dict[str, Any] = {
                "format": FORMAT,
                "created_at": moment.astimezone(datetime.UTC).isoformat(),
                "versions": {
                    "renda": about.version(),
                    "django": django.get_version(),
                    "python": platform.python_version(),
                    "database": server,
                },
                "database": {"vendor": vendor, "file": db_file, "sha256": _sha256_file(work / db_file)},
                "tables": tables,
                "media": {},
            }
            media_root = Path(settings.MEDIA_ROOT)
            files = _media_files(media_root)
            progress(f"打包数据库与 {len(files)} 个上传文件 …")
            with tarfile.open(partial, "w:gz", compresslevel=6) as tar:
                tar.add(work / db_file, arcname=db_file)
                for n, path in enumerate(files, 1):
                    relative = path.relative_to(media_root).as_posix()
                    try:
                        info = tar.gettarinfo(str(path), arcname=f"{MEDIA_DIR}/{relative}")
                        with path.open("rb") as file:
                            hashing = _Hashing(file)
                            tar.addfile(info, hashing)
                    except FileNotFoundError:
                        continue  # deleted since it was listed: its row is gone too
                    manifest["media"][relative] = {"bytes": info.size, "sha256": hashing.digest.hexdigest()}
                    if n % 500 == 0:
                        progress(f"  已打包 {n}/{len(files)} 个文件")
                data = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mtime = len(data), int(moment.timestamp())
                tar.addfile(info, _Bytes(data))
        os.replace(partial, final)
    except BackupError:
        partial.unlink(missing_ok=True)
        raise
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise BackupError(f"写入备份文件失败：{error}") from error
    removed = []
    if keep > 0:
        for old in archives(directory)[:-keep]:
            old.unlink()
            removed.append(old)
    return BackupResult(path=final, manifest=manifest, removed=removed)


class _Bytes:
    def __init__(self, data: bytes):
        self.data, self.at = data, 0

    def read(self, size: int = -1) -> bytes:
        end = len(self.data) if size < 0 else self.at + size
        chunk, self.at = self.data[self.at : end], min(end, len(self.data))
        return chunk


# ---------------------------------------------------------------------------------------------- restore


def read_manifest(archive: Path) -> dict[str, Any]:
    try:
        with tarfile.open(archive, "r:gz") as tar:
            member = tar.extractfile(MANIFEST)
            if member is None:
                raise KeyError(MANIFEST)
            manifest = json.load(member)
    except (OSError, tarfile.TarError, KeyError, ValueError) as error:
        raise BackupError(f"无法读取备份文件 {archive} 的清单（manifest.json）：{error}") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"备份文件格式 {manifest.get('format')} 不受支持（本版本读取格式 {FORMAT}）。")
    return manifest


def database_tables(alias: str = "default") -> list[str]:
    connection = connections[alias]
    with connection.cursor() as cursor:
        return connection.introspection.table_names(cursor)


def _restore_sqlite(snapshot: Path, alias: str, force: bool) -> None:
    target = Path(_db_settings(alias)["NAME"])
    connections[alias].close()
    target.parent.mkdir(parents=True, exist_ok=True)
    if force:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
    with closing_sqlite(snapshot) as src, closing_sqlite(target) as dst:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode=WAL")


def _restore_postgres(snapshot: Path, alias: str, force: bool) -> None:
    pg_restore = pg_tool("pg_restore")
    connection = connections[alias]
    if force:
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE")
            cursor.execute("CREATE SCHEMA public")
    connection.close()
    _run(
        [
            pg_restore,
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            "-d",
            pg_environment(alias)["PGDATABASE"],
            str(snapshot),
        ],
        env=pg_environment(alias),
        what="pg_restore 恢复数据库",
    )


def restore_differences(manifest: dict[str, Any], *, alias: str = "default") -> list[str]:
    """What the current database and media folder differ in from `manifest` (empty: identical)."""
    vendor = database_vendor(alias)
    connections[alias].close()
    if vendor == "sqlite":
        figures = sqlite_figures(Path(_db_settings(alias)["NAME"]))
    else:
        figures = pg_figures(alias)
    problems = []
    expected = manifest["tables"]
    for table in sorted(set(expected) | set(figures)):
        want, got = expected.get(table), figures.get(table)
        if want is None or got is None:
            problems.append(f"表 {table}：{'多出' if want is None else '缺少'}")
        elif want["rows"] != got["rows"]:
            problems.append(f"表 {table}：应有 {want['rows']} 行，实有 {got['rows']} 行")
        elif want["sha256"] != got["sha256"]:
            problems.append(f"表 {table}：行数相同但内容不同")
    media_root = Path(settings.MEDIA_ROOT)
    for relative, want in sorted(manifest["media"].items()):
        path = media_root / relative
        if not path.is_file():
            problems.append(f"文件 {relative}：缺少")
        elif _sha256_file(path) != want["sha256"]:
            problems.append(f"文件 {relative}：校验值不符")
    return problems


def _is_empty_dir(path: Path) -> bool:
    return not path.exists() or (path.is_dir() and not any(path.iterdir()))


def backup_restore(
    *, archive: Path, force: bool = False, progress: Progress = lambda message: None, alias: str = "default"
) -> dict[str, Any]:
    """Restore `archive` into the (empty, unless `force`) database and media folder, then verify it against its
    manifest. Returns the manifest."""
    if not archive.is_file():
        raise BackupError(f"找不到备份文件 {archive}。")
    manifest = read_manifest(archive)
    vendor = database_vendor(alias)
    if manifest["database"]["vendor"] != vendor:
        raise BackupError(
            f"该备份来自 {manifest['database']['vendor']} 数据库，当前数据库是 {vendor}：只能恢复到同类数据库。"
        )
    media_root = Path(settings.MEDIA_ROOT)
    if not force:
        tables = database_tables(alias)
        if tables:
            raise BackupError(
                f"目标数据库不是空的（已有 {len(tables)} 张表）：请换一个新建的空数据库，"
                "或确认要覆盖后加 --force。"
            )
        if not _is_empty_dir(media_root):
            raise BackupError(
                f"上传文件目录 {media_root} 不是空的：请换一个空目录，或确认要覆盖后加 --force。"
            )
    with tempfile.TemporaryDirectory(prefix="renda-restore-") as tmp:
        work = Path(tmp)
        progress(f"解包 {archive.name} …")
        try:
            with tarfile.open(archive, "r:gz") as tar:
                tar.extractall(work, filter="data")
        except (OSError, tarfile.TarError) as error:
            raise BackupError(f"解包备份文件失败：{error}") from error
        snapshot = work / manifest["database"]["file"]
        if not snapshot.is_file() or _sha256_file(snapshot) != manifest["database"]["sha256"]:
            raise BackupError("备份文件中的数据库快照缺失或校验值不符：该备份已损坏。")
        progress(f"恢复数据库（{manifest['versions']['database']}，{len(manifest['tables'])} 张表）…")
        if vendor == "sqlite":
            _restore_sqlite(snapshot, alias, force)
        else:
            _restore_postgres(snapshot, alias, force)
        progress(f"恢复 {len(manifest['media'])} 个上传文件到 {media_root} …")
        if force and media_root.exists():
            shutil.rmtree(media_root)
        media_root.mkdir(parents=True, exist_ok=True)
        source = work / MEDIA_DIR
        for relative in manifest["media"]:
            target = media_root / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source / relative, target)
    progress("按清单核对各表与文件 …")
    problems = restore_differences(manifest, alias=alias)
    if problems:
        raise BackupError("恢复后核对不一致：" + "；".join(problems[:20]))
    return manifest
