"""What casework adds to the platform (core.registry): the units' to-do list across every kind of case, and
the office's view of every unit's load."""

from renda.casework.todos import unit_assignments
from renda.core.navigation import NavArea, NavLink
from renda.core.registry import Platform
from renda.core.roles import Role

READ_ALL = "casework.read_all"

PLATFORM = Platform(
    todos=[unit_assignments],
    navigation=[
        NavArea("交办件", [NavLink("承办单位办理情况", "casework:units", capability=READ_ALL)], order=40),
    ],
    capabilities={READ_ALL: "查阅各承办单位各类交办件的办理情况"},
    grants={Role.CLERK: [READ_ALL], Role.MEMBER: [READ_ALL]},
)
