"""What the deputies area adds to the platform (core.registry): to-dos, navigation, local rules, capabilities."""

from renda.core.navigation import NavArea, NavLink
from renda.core.registry import Platform
from renda.core.roles import Role
from renda.core.rules import Rule
from renda.deputies.todos import (
    deputies_short_of_receptions_this_year,
    reception_days_unrecorded,
    reception_days_upcoming,
)

# Capabilities named after Django's model permissions, so the roles' groups receive those (Django admin, API).
STATION_WORK = [
    "deputies.add_receptionday",
    "deputies.change_receptionday",
    "deputies.add_activity",
    "deputies.change_activity",
]
CAPABILITIES = {
    "deputies.add_deputy": "新增代表",
    "deputies.change_deputy": "修改代表信息、变更状态",
    "deputies.view_deputy_phone": "查看代表联系电话",
    "deputies.import_deputies": "批量导入代表",
    "deputies.add_deputygroup": "新增代表小组",
    "deputies.change_deputygroup": "修改代表小组",
    "deputies.add_delegation": "新增代表团",
    "deputies.change_delegation": "修改代表团",
    "deputies.add_constituency": "新增选区",
    "deputies.change_constituency": "修改选区",
    "deputies.add_liaisonstation": "新增联络站",
    "deputies.change_liaisonstation": "修改联络站",
    "deputies.add_receptionday": "安排接待日（联络站管理员：本站）",
    "deputies.change_receptionday": "修改接待日（联络站管理员：本站）",
    "deputies.add_activity": "登记履职活动（联络站管理员：本站）",
    "deputies.change_activity": "修改履职活动（联络站管理员：本站）",
    "deputies.manage_stations": "管理所有联络站及其接待日、履职活动，督促代表进站",
}

PLATFORM = Platform(
    todos=[reception_days_upcoming, reception_days_unrecorded, deputies_short_of_receptions_this_year],
    navigation=[
        NavArea(
            "代表",
            [
                NavLink("代表名册", "deputies:deputy_list"),
                NavLink("代表构成统计", "deputies:composition"),
                NavLink("代表小组", "deputies:group_list"),
                NavLink("代表团", "deputies:delegation_list"),
                NavLink("批量导入", "deputies:deputy_import", capability="deputies.import_deputies"),
            ],
            order=10,
        ),
        NavArea(
            "联络站",
            [
                NavLink("代表联络站", "deputies:station_list"),
                NavLink("接待日", "deputies:reception_list"),
                NavLink("履职活动", "deputies:activity_list"),
            ],
            order=20,
        ),
    ],
    rules={
        "reception_notice_days": Rule("接待日至少提前公告天数", 3, "自然日", "各地联络站工作规范（实践）"),
        "receptions_per_deputy_per_year": Rule(
            "每名代表每年进站接待选民次数", 2, "次", "各地联络站工作规范（实践）"
        ),
    },
    capabilities=CAPABILITIES,
    grants={
        Role.CLERK: list(CAPABILITIES),
        Role.KEEPER: STATION_WORK,
    },
)
