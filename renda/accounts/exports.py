"""The Excel file of a bulk creation: the new accounts with their initial passwords (the one place they are
shown), what was skipped and what was deactivated."""

from renda.accounts.services import BulkResult
from renda.core.export import Sheet

NEW_HEADERS = ["用户名", "初始密码", "姓名", "角色", "关联"]
FILENAME = "新开账号及初始密码"


def bulk_result_sheets(result: BulkResult) -> list[Sheet]:
    return [
        (
            "新开账号",
            NEW_HEADERS,
            [[n.user.username, n.password, n.user.full_name, n.role, n.link] for n in result.created],
        ),
        ("已跳过", ["角色", "对象", "原因"], [[s.role, s.link, s.reason] for s in result.skipped]),
        (
            "已停用",
            ["用户名", "姓名", "关联代表"],
            [[u.username, u.display_name, str(u.deputy or "")] for u in result.deactivated],
        ),
    ]
