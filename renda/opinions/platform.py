"""What citizens' opinions add to the platform (core.registry): a kind of case for casework, capabilities,
local rules, to-dos, the daily tick with its reminders and the erasure of old personal data, navigation."""

from renda.core.navigation import NavArea, NavLink
from renda.core.registry import DashboardSection, Platform, TickJob
from renda.core.roles import Role
from renda.core.rules import Rule
from renda.opinions.charts import dashboard_figures
from renda.opinions.facts import OPINIONS
from renda.opinions.reminders import REMINDERS
from renda.opinions.services import personal_data_erase
from renda.opinions.todos import station_steps
from renda.opinions.workflows import CASES, COLLECT, HANDLE, KEEP, MANAGE, READ_ALL, TAKE, VIEW

CAPABILITIES = {
    MANAGE: "管理群众意见：登记、导入、分办转办、合并、引导、转为代表建议、告知、回访、协调办结",
    READ_ALL: "查阅全部群众意见及热点统计（个人信息遮蔽）",
    KEEP: "本联络站的群众意见：登记、分办转办、告知、回访",
    COLLECT: "登记本人收集的群众意见，转为本人的代表建议",
    HANDLE: "承办转办的群众意见：签收、申请调整、答复",
    TAKE: "登记群众意见（接待日、走访）",
    VIEW: "查阅本人可见的群众意见（本站、本人收集、转办本单位或全部）",
}

RULES = {
    "opinion_forward_days": Rule("群众意见转办期限（自收到）", 10, "日", "各地做法：10日内转交"),
    "opinion_answer_working_days": Rule("转办群众意见答复期限", 5, "工作日", "12345热线：5个工作日"),
    "opinion_answer_working_days_complex": Rule(
        "复杂群众意见答复期限", 10, "工作日", "12345热线：10个工作日"
    ),
    "opinion_reassignment_working_days": Rule("转办群众意见申请调整期限", 2, "工作日", "平台设置"),
    "opinion_follow_up_days": Rule("答复后回访群众期限", 7, "日", "平台设置"),
    "opinion_retention_days": Rule(
        "办结后保留群众个人信息天数", 1095, "日", "平台设置（个人信息保护法：最小必要）"
    ),
}

PLATFORM = Platform(
    tallies=[OPINIONS],
    dashboard=[DashboardSection("opinions/dashboard_section.html", dashboard_figures, READ_ALL, order=35)],
    todos=[station_steps],
    tick_jobs=[TickJob(steps=[*REMINDERS, personal_data_erase])],
    navigation=[
        NavArea(
            "群众意见",
            [
                NavLink("登记群众意见", "opinions:take", capability=TAKE),
                NavLink("群众意见", "opinions:list", capability=VIEW),
                NavLink("热点问题", "opinions:topics", capability=READ_ALL),
                NavLink("导入热线数据", "opinions:import", capability=MANAGE),
                NavLink("网上反映", "opinions:submit"),
            ],
            order=35,
        )
    ],
    rules=RULES,
    capabilities=CAPABILITIES,
    grants={
        Role.CLERK: [MANAGE, READ_ALL, TAKE, VIEW],
        Role.MEMBER: [READ_ALL, VIEW],
        Role.KEEPER: [KEEP, TAKE, VIEW],
        Role.DEPUTY: [COLLECT, TAKE, VIEW],
        Role.UNIT: [HANDLE, VIEW],
    },
    case_kinds=[CASES],
)
