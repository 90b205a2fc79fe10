"""The nightly backup (run by cron): one dated archive of the database and the uploaded files, with a manifest,
while the platform keeps serving; the oldest archives beyond BACKUP_KEEP are removed (renda/ops/backup.py)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from renda.ops.backup import BackupError, backup_create
from renda.ops.models import Beat
from renda.ops.services import heartbeat_record


class Command(BaseCommand):
    help = "备份数据库与上传文件到一个带日期的归档文件（含清单：版本、各表行数、校验值），并按设置保留最近的若干份。"

    def add_arguments(self, parser):
        parser.add_argument("--dir", type=Path, help="备份目录，默认 BACKUP_DIR 设置")
        parser.add_argument("--keep", type=int, help="保留最近几份（0 为全部保留），默认 BACKUP_KEEP 设置")

    def handle(self, *args, dir=None, keep=None, **options):
        directory = dir or Path(settings.BACKUP_DIR)
        keep = settings.BACKUP_KEEP if keep is None else keep
        if keep < 0:
            raise CommandError("--keep 不能为负数。")
        try:
            result = backup_create(directory=directory, keep=keep, progress=self._progress)
        except BackupError as error:
            raise CommandError(f"备份失败：{error}") from error
        size = result.path.stat().st_size
        heartbeat_record(name=Beat.BACKUP, detail=f"{result.path.name}（{size} 字节）")
        manifest = result.manifest
        rows = sum(table["rows"] for table in manifest["tables"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"备份完成：{result.path}（{size / 1024 / 1024:.1f} MB；{len(manifest['tables'])} 张表 {rows} 行，"
                f"{len(manifest['media'])} 个文件）"
            )
        )
        for old in result.removed:
            self.stdout.write(f"已删除超出保留份数的旧备份：{old.name}")

    def _progress(self, message: str) -> None:
        self.stdout.write(message)
        self.stdout.flush()
