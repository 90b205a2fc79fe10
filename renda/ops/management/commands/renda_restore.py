"""Restore an archive of `renda_backup` into an empty database and media folder, then verify every table and
file against the archive's manifest (renda/ops/backup.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from renda.ops.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = "把备份归档恢复到空数据库和空的上传文件目录，并按清单核对每张表和每个文件。"

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="备份文件（renda-backup-….tar.gz）")
        parser.add_argument(
            "--force", action="store_true", help="目标数据库或上传文件目录不为空时，删除其中全部内容后恢复"
        )

    def handle(self, *args, archive, force=False, **options):
        try:
            manifest = backup_restore(archive=archive, force=force, progress=self._progress)
        except BackupError as error:
            raise CommandError(f"恢复失败：{error}") from error
        rows = sum(table["rows"] for table in manifest["tables"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"恢复完成并已核对：{len(manifest['tables'])} 张表 {rows} 行、{len(manifest['media'])} 个文件与清单一致"
                f"（备份于 {manifest['created_at']}，Renda {manifest['versions']['renda']}）。"
            )
        )

    def _progress(self, message: str) -> None:
        self.stdout.write(message)
        self.stdout.flush()
