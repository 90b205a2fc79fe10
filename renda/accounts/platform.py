"""What accounts add to the platform (core.registry): the office's account administration (its capability and
menu entry), and the daily deactivation of the accounts of deputies who no longer serve."""

from renda.accounts.services import MANAGE_ACCOUNTS, ended_deputy_accounts_tick
from renda.core.navigation import NavArea, NavLink
from renda.core.registry import Platform, TickJob
from renda.core.roles import Role

PLATFORM = Platform(
    tick_jobs=[TickJob(steps=[ended_deputy_accounts_tick])],
    navigation=[
        NavArea(
            "账号",
            [
                NavLink("账号管理", "accounts:manage", capability=MANAGE_ACCOUNTS),
                NavLink("批量开设账号", "accounts:bulk", capability=MANAGE_ACCOUNTS),
            ],
            order=95,
        )
    ],
    capabilities={MANAGE_ACCOUNTS: "批量开设账号、重置密码、解除锁定、停用和恢复账号"},
    grants={Role.CLERK: [MANAGE_ACCOUNTS]},
)
