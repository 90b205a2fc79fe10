"""What duty records add to the platform (core.registry): capabilities, local rules (the points of each figure,
reports to voters), to-dos, the daily reminder and navigation."""

from renda.core.navigation import NavArea, NavLink
from renda.core.registry import Platform, TickJob
from renda.core.roles import Role
from renda.core.rules import Rule
from renda.duties.figures import POINT_RULES
from renda.duties.reminders import REMINDERS
from renda.duties.todos import deputy_steps, office_steps, station_steps
from renda.duties.workflows import KEEP, MANAGE, OWN, READ_ALL

REPORT_READERS = frozenset({Role.ADMIN, Role.CLERK, Role.MEMBER, Role.KEEPER})

CAPABILITIES = {
    MANAGE: "管理代表履职档案：认定代表自报事项，安排和登记各联络站的代表述职，积分排名及导出",
    READ_ALL: "查阅全部代表的履职档案、述职评议和积分排名",
    OWN: "查看本人履职档案，填报本人履职事项",
    KEEP: "本联络站的代表述职：安排、登记、录入评议票、生成现场评议码",
}

RULES = {
    "duty_reports_per_term": Rule(
        "代表每届任期内向选民述职次数（至少）", 1, "次", "各地代表向选民述职办法（实践）：每届至少一次"
    ),
    "duty_report_reminder_months": Rule("届满前提醒尚未述职的代表（月）", 12, "月", "平台设置"),
    "duty_report_satisfaction_includes_basic": Rule(
        "述职满意率计入基本满意（1是0否，否则仅计满意）", 1, "开关", "各地做法不一，多按满意加基本满意计算"
    ),
    **POINT_RULES,
}

PLATFORM = Platform(
    todos=[office_steps, station_steps, deputy_steps],
    tick_jobs=[TickJob(steps=REMINDERS)],
    navigation=[
        NavArea(
            "履职档案",
            [
                NavLink("我的履职", "duties:mine", capability=OWN),
                NavLink("填报履职事项", "duties:entry_new", capability=OWN),
                NavLink("履职自报认定", "duties:entry_list", capability=MANAGE),
                # the office and members read every report, a keeper their station's (selectors decide)
                NavLink("代表述职", "duties:report_list", roles=REPORT_READERS),
                NavLink("尚未述职的代表", "duties:owing", capability=READ_ALL),
                NavLink("履职积分排名", "duties:ranking", capability=READ_ALL),
            ],
            order=15,
        )
    ],
    rules=RULES,
    capabilities=CAPABILITIES,
    grants={
        Role.CLERK: [MANAGE, READ_ALL],
        Role.MEMBER: [READ_ALL],
        Role.DEPUTY: [OWN],
        Role.KEEPER: [KEEP],
    },
)
