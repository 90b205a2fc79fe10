"""Open accounts in bulk from the registry, as the office's page does, writing the Excel file of the new
accounts and their initial passwords to --out (the one place they are shown)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from renda.accounts.exports import bulk_result_sheets
from renda.accounts.models import User
from renda.accounts.services import accounts_bulk_create
from renda.core.export import sheets_bytes


class Command(BaseCommand):
    help = "为名册中尚无账号的在任代表、承办单位和联络站开设账号，初始密码写入 Excel 文件；停用已不在任代表的账号。"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--actor", required=True, help="操作人的用户名（须有账号管理权限）")
        parser.add_argument("--out", required=True, help="初始密码 Excel 文件的路径（不得已存在）")

    def handle(self, *args, actor: str, out: str, **options) -> None:
        path = Path(out)
        if path.exists():
            raise CommandError(f"文件 {path} 已存在，请另选路径。")
        try:
            user = User.objects.get(username=actor, is_active=True)
        except User.DoesNotExist as exc:
            raise CommandError(f"没有在用的账号 {actor}。") from exc
        result = accounts_bulk_create(actor=user)
        path.write_bytes(sheets_bytes(bulk_result_sheets(result)))
        path.chmod(0o600)
        self.stdout.write(
            f"开设{len(result.created)}个账号，跳过{len(result.skipped)}个，停用{len(result.deactivated)}个；"
            f"初始密码已写入 {path}"
        )
