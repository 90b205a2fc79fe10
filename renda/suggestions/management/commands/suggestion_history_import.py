"""Import historical suggestions (years before the platform, with their lead units) from an .xlsx sheet in the
import template's shape: all rows or none, every bad row named."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from renda.accounts.models import User
from renda.core.imports import headers_of, read_xlsx, validate_rows
from renda.suggestions import services
from renda.suggestions.forms import HistoryImportRowForm
from renda.suggestions.similarity import UnitMatcher


class Command(BaseCommand):
    help = "导入历史建议（年度、标题、内容、主办单位），供推荐主办单位参考；任何一行有误时整个文件都不导入。"

    def add_arguments(self, parser):
        parser.add_argument("file", help="Excel 文件（.xlsx，按导入模板填写）")
        parser.add_argument("--user", required=True, help="以该账号（代表工作机构）的名义导入")

    def handle(self, *args, file: str, user: str, **options):
        actor = User.objects.filter(username=user).first()
        if actor is None:
            raise CommandError(f"没有账号 {user}。")
        try:
            with open(file, "rb") as handle:
                rows = read_xlsx(
                    handle, required_headers=headers_of(HistoryImportRowForm, required_only=True)
                )
            valid, errors = validate_rows(rows, HistoryImportRowForm, matcher=UnitMatcher())
            if errors:
                raise ValidationError(errors)
            count = services.historical_suggestions_import(
                rows=[(row.number, data) for row, data in valid], source=Path(file).name, actor=actor
            )
        except ValidationError as error:
            raise CommandError("未导入任何建议：\n" + "\n".join(error.messages)) from None
        except OSError as error:
            raise CommandError(f"无法打开 {file}：{error.strerror}") from None
        self.stdout.write(self.style.SUCCESS(f"已导入 {count} 件历史建议。"))
