"""What casework adds to the platform (core.registry): the units' to-do list across every kind of case, and
the office's view of every unit's load."""

from renda.casework.todos import unit_assignments
from renda.core.navigation import NavArea, NavLink
from renda.core.registry import Platform
from renda.core.roles import Role

READ_ALL = "casework.read_all"
DEPUTY_CONTACT = "casework.deputy_contact"
CONTACT_VIEWS = "casework.contact_views"

PLATFORM = Platform(
    todos=[unit_assignments],
    navigation=[
        NavArea(
            "交办件",
            [
                NavLink("承办单位办理情况", "casework:units", capability=READ_ALL),
                NavLink("代表联系方式", "casework:deputies", capability=DEPUTY_CONTACT),
                NavLink("联系方式查看记录", "casework:contact_views", capability=CONTACT_VIEWS),
            ],
            order=40,
        ),
    ],
    capabilities={
        READ_ALL: "查阅各承办单位各类交办件的办理情况",
        DEPUTY_CONTACT: "查看本单位在办交办件所涉代表的联系方式（每次查看均记录）",
        CONTACT_VIEWS: "查阅承办单位查看代表联系方式的记录",
    },
    grants={Role.CLERK: [READ_ALL, CONTACT_VIEWS], Role.MEMBER: [READ_ALL], Role.UNIT: [DEPUTY_CONTACT]},
)
