"""What voting adds to the platform (core.registry): capabilities, the deputy's to-do, the office's menu entry."""

from renda.core.navigation import NavArea, NavLink
from renda.core.registry import Platform
from renda.core.roles import Role
from renda.voting.todos import votes_to_cast
from renda.voting.workflows import CAST, READ, RUN

PLATFORM = Platform(
    todos=[votes_to_cast],
    navigation=[NavArea("表决", [NavLink("表决", "voting:list", capability=READ)], order=50)],
    capabilities={
        RUN: "组织表决：发起、开始、结束表决，录入纸质票计票结果",
        READ: "查阅全部表决及其结果、记名表决名单",
        CAST: "在本人参加的表决中投票",
    },
    grants={
        Role.CLERK: [RUN, READ],
        Role.MEMBER: [CAST],
        Role.DEPUTY: [CAST],
    },
)
