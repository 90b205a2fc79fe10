"""What the suggestion fund adds to the platform (core.registry): its menu entry and capabilities."""

from renda.core.navigation import NavArea, NavLink
from renda.core.registry import Platform
from renda.core.roles import Role

CAPABILITIES = {
    "fund.manage": "管理代表建议专项资金：新增、修改资金和项目",
    "fund.read": "查阅代表建议专项资金及其项目",
}

PLATFORM = Platform(
    navigation=[
        NavArea("专项资金", [NavLink("代表建议专项资金", "fund:list", capability="fund.read")], order=32),
    ],
    capabilities=CAPABILITIES,
    grants={
        Role.CLERK: ["fund.manage", "fund.read"],
        Role.MEMBER: ["fund.read"],
    },
)
