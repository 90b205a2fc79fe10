"""Backup and restore as the operators run them (`manage.py renda_backup` / `renda_restore` in subprocesses), on
the demo county, on the suite's database engine (SQLite, or PostgreSQL with DATABASE_URL):

demo county → backup while citizens keep sending opinions online → restore into a fresh database and media folder
→ every table's rows and every file identical to the manifest (recomputed here, not taken from the command), the
tables nobody wrote to identical to the source, and no opinion half-written (each has its event and its photo).
"""

import hashlib
import os
import random
import subprocess
import sys
import time

import pytest

from renda.ops.backup import PREFIX, SUFFIX, read_manifest
from renda.ops.tests.support import BASE_DIR, Site, vendor
from renda.ops.tests.writer import PREFIX as WRITTEN

# What the writer changes while the backup runs (an opinion, its event, its photo, its hot-topic terms, its kept
# counts, the keepers' messages), and the
# backup's own heartbeat written once the archive is done: the tables allowed to differ between the source after
# the backup and the restored snapshot.
WRITTEN_TABLES = {
    "opinions_opinion",
    "opinions_opinionevent",
    "opinions_opinionphoto",
    "opinions_opinionterm",
    "opinions_opinionfact",
    "core_notification",
    "ops_heartbeat",
}


def _sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    """The demo county (seed 2024) in a database of its own, with uploaded files of several kinds and names."""
    site = Site(tmp_path_factory.mktemp("ops"), "source")
    try:
        site.manage("migrate", "--noinput")
        site.manage("seed_demo", "--seed", "2024")
        rng = random.Random(2024)
        for relative in (
            "suggestions/2025/建议附件.pdf",
            "opinions/2025/照片 1.png",
            "duties/proof.docx",
            "x/y/z.bin",
        ):
            path = site.media / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(rng.randbytes(rng.randint(1, 200_000)))
        yield site
    finally:
        site.drop()


def _count(site, query) -> int:
    return site.sql(query)[0][0]


def test_round_trip_while_writing(source, tmp_path):
    # Retention (BACKUP_KEEP, here --keep 2): three older archives wait in the folder; the newest one stays.
    source.backups.mkdir(parents=True)
    old = [source.backups / f"{PREFIX}2020010{n}-000000{SUFFIX}" for n in (1, 2, 3)]
    for n, path in enumerate(old):
        path.write_bytes(b"old")
        os.utime(path, (1_600_000_000 + n, 1_600_000_000 + n))

    ready, stop = tmp_path / "ready", tmp_path / "stop"
    writer = subprocess.Popen(
        [sys.executable, "-m", "renda.ops.tests.writer", str(ready), str(stop)],
        cwd=BASE_DIR,
        env=source.env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        while not ready.exists():
            assert writer.poll() is None, writer.stderr.read() if writer.stderr else ""
            assert time.monotonic() < deadline, "写入进程两分钟内没有写入"
            time.sleep(0.1)
        started = time.monotonic()
        done = source.manage("renda_backup", "--keep", "2")
        took = time.monotonic() - started
    finally:
        stop.touch()
        out, err = writer.communicate(timeout=120)
    assert writer.returncode == 0, err
    written = int(out.strip().splitlines()[-1])
    print(f"\nbackup on {vendor()}: {took:.1f} s while {written} opinions were written")

    # Progress shown, one archive made, the oldest beyond two removed.
    assert "数据库快照" in done.stdout and "备份完成" in done.stdout, done.stdout
    kept = sorted(source.backups.glob(f"{PREFIX}*{SUFFIX}"))
    assert len(kept) == 2 and old[2] in kept, kept
    archive = next(path for path in kept if path not in old)
    assert "已删除超出保留份数的旧备份" in done.stdout
    manifest = read_manifest(archive)
    assert manifest["database"]["vendor"] == vendor()
    assert set(manifest["versions"]) == {"renda", "django", "python", "database"}
    assert manifest["tables"]["suggestions_suggestion"]["rows"] > 500

    # The platform recorded the backup (the health endpoint reads it).
    assert source.sql("SELECT detail FROM ops_heartbeat WHERE name = 'backup'")[0][0].startswith(archive.name)

    # Restore into a fresh database and an empty media folder: the command verifies against the manifest.
    target = Site(tmp_path, "target")
    try:
        restored = target.manage("renda_restore", str(archive))
        assert "恢复完成并已核对" in restored.stdout, restored.stdout

        # Every table's rows identical to the manifest (recomputed here).
        figures = target.figures()
        assert figures == manifest["tables"]
        # The tables nobody wrote to during the backup are identical to the source as it is now.
        now = source.figures()
        changed = {table for table in now if now[table] != figures.get(table)}
        assert changed <= WRITTEN_TABLES, changed - WRITTEN_TABLES

        # The snapshot is consistent: the opinions written during the backup are in it whole or not at all.
        in_snapshot = _count(target, f"SELECT COUNT(*) FROM opinions_opinion WHERE title LIKE '{WRITTEN}%'")
        assert 1 <= in_snapshot <= written
        half_written = _count(
            target,
            "SELECT COUNT(*) FROM opinions_opinion o WHERE title LIKE '备份期间写入%' AND ("
            " NOT EXISTS (SELECT 1 FROM opinions_opinionevent e WHERE e.opinion_id = o.id)"
            " OR NOT EXISTS (SELECT 1 FROM opinions_opinionphoto p WHERE p.opinion_id = o.id))",
        )
        assert half_written == 0
        # … and their kept counts (core.facts) are those of the opinions in it.
        assert "一致" in target.manage("rebuild_facts", "--check").stdout
        # Every file identical, and every photo row of the snapshot has its file.
        assert manifest["media"], "no files in the archive"
        for relative, info in manifest["media"].items():
            assert _sha256(target.media / relative) == info["sha256"] == _sha256(source.media / relative)
        for (name,) in target.sql("SELECT file FROM opinions_opinionphoto"):
            assert (target.media / name).is_file(), name
        for path in source.media.rglob("*"):
            if path.is_file() and not path.relative_to(source.media).as_posix().startswith("opinions/"):
                assert path.relative_to(source.media).as_posix() in manifest["media"]

        # A database that is not empty is refused without --force, with a clear message and a non-zero exit.
        refused = target.manage("renda_restore", str(archive), check=False)
        assert refused.returncode != 0 and "不是空的" in refused.stderr, refused.stderr
        forced = target.manage("renda_restore", str(archive), "--force")
        assert "恢复完成并已核对" in forced.stdout
        assert target.figures() == manifest["tables"]
    finally:
        target.drop()


def test_backup_fails_clearly(source, tmp_path):
    """An archive that cannot be written is a Chinese error and a non-zero exit, and leaves nothing behind."""
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    done = source.manage("renda_backup", check=False, BACKUP_DIR=str(blocked / "backups"))
    assert done.returncode != 0
    assert "备份失败：无法创建备份目录" in done.stderr, done.stderr


@pytest.mark.skipif(vendor() != "postgresql", reason="pg_dump is PostgreSQL's")
def test_backup_without_pg_dump(source, tmp_path):
    done = source.manage("renda_backup", check=False, PATH=str(tmp_path), BACKUP_DIR=str(tmp_path / "b"))
    assert done.returncode != 0
    assert "找不到 PostgreSQL 客户端程序 pg_dump" in done.stderr and "postgresql-client" in done.stderr
    assert not list((tmp_path / "b").glob("*.tar.gz")) and not list((tmp_path / "b").glob(".*partial"))
