"""The health report the IT staff's monitoring reads (/health/): is the platform able to serve, and are the
nightly jobs running. It names no person and no record, only states, times and free space."""

import datetime
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor

from renda.core import clock
from renda.ops.models import Beat, Heartbeat

_migrated = False  # once every migration is applied it stays so for the process (a deploy restarts it)


@dataclass(frozen=True)
class Check:
    ok: bool
    detail: dict[str, Any]

    def as_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, **self.detail}


def _database() -> Check:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return Check(False, {"message": "数据库无法连接"})
    return Check(True, {"vendor": connection.vendor})


def _migrations() -> Check:
    global _migrated
    if not _migrated:
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if pending:
            return Check(False, {"pending": len(pending), "message": "有未执行的数据库迁移：请运行 migrate"})
        _migrated = True
    return Check(True, {"pending": 0})


def _beat(name: Beat, max_hours: int, now: datetime.datetime) -> Check:
    beat = Heartbeat.objects.filter(name=name).first()
    if beat is None:
        return Check(False, {"at": None, "message": "从未运行"})
    age = (now - beat.at).total_seconds() / 3600
    detail: dict[str, Any] = {"at": beat.at.isoformat(), "age_hours": round(age, 1), "max_hours": max_hours}
    if name == Beat.BACKUP:
        detail["archive"] = beat.detail
    if age > max_hours:
        return Check(False, {**detail, "message": f"已超过 {max_hours} 小时未运行"})
    return Check(True, detail)


def _disk() -> Check:
    minimum = settings.HEALTH_DISK_MIN_FREE_MB
    paths = {
        "data": Path(settings.VAR_DIR),
        "media": Path(settings.MEDIA_ROOT),
        "backups": Path(settings.BACKUP_DIR),
    }
    places, ok = {}, True
    for name, path in paths.items():
        while not path.exists() and path != path.parent:  # not made yet: the disk it will be made on
            path = path.parent
        free_mb = shutil.disk_usage(path).free // (1024 * 1024)
        places[name] = {"free_mb": free_mb}
        ok = ok and free_mb >= minimum
    detail: dict[str, Any] = {"min_free_mb": minimum, **places}
    if not ok:
        detail["message"] = f"磁盘剩余空间不足 {minimum} MB"
    return Check(ok, detail)


def health_report() -> tuple[bool, dict[str, Any]]:
    """(everything well, the report). A check that cannot run for want of a database reports so."""
    database = _database()
    checks: dict[str, Check] = {"database": database}
    if database.ok:
        now = clock.now()
        checks["migrations"] = _migrations()
        if checks["migrations"].ok:
            checks["last_tick"] = _beat(Beat.TICK, settings.HEALTH_TICK_MAX_HOURS, now)
            checks["last_backup"] = _beat(Beat.BACKUP, settings.HEALTH_BACKUP_MAX_HOURS, now)
    checks["disk"] = _disk()
    ok = all(check.ok for check in checks.values())
    return ok, {
        "status": "ok" if ok else "error",
        "time": clock.now().isoformat(),
        "checks": {name: check.as_dict() for name, check in checks.items()},
    }
