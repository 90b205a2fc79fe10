"""What the suggestions area adds to the platform (core.registry): to-dos, the daily tick and its reminders,
navigation, local rules and their presets, and capabilities."""

import datetime

from django.db import transaction

from renda.casework.selectors import owing
from renda.core.navigation import NavArea, NavLink
from renda.core.registry import Platform, TickJob
from renda.core.roles import Role
from renda.core.rules import Rule
from renda.suggestions import services, similarity
from renda.suggestions.facts import TALLIES
from renda.suggestions.models import Suggestion
from renda.suggestions.reminders import REMINDERS
from renda.suggestions.todos import deputy_steps, member_steps, office_queues
from renda.suggestions.workflows import AUTHOR, CASES, HANDLE, MANAGE, READ_ALL

CAPABILITIES = {
    MANAGE: "管理建议议案：录入、审查立案、交办、调整、督办、关键词",
    READ_ALL: "查阅全部建议议案、督办看板、统计与排名",
    HANDLE: "承办：签收、申请调整、联系代表、答复、报告承诺进展（本单位的交办件）",
    AUTHOR: "提出建议议案、联名、评价办理结果（本人的建议）",
}

RULES = {
    "assignment_working_days": Rule(
        "闭会期间建议收到后交办期限", 10, "工作日", "上海7个工作日；重庆10个工作日"
    ),
    "reassignment_working_days": Rule(
        "承办单位申请调整期限（自交办）", 10, "工作日", "上海7个工作日；浙江、重庆10个工作日"
    ),
    "contact_working_days": Rule("承办单位首次联系代表期限（自交办）", 20, "工作日", "重庆20个工作日"),
    "joint_opinion_months": Rule("会办单位向主办单位提出意见期限", 1, "月", "上海、山东1个月；浙江2个月"),
    "evaluation_working_days": Rule("代表评价期限（自答复）", 15, "工作日", "北京15个工作日；重庆20个工作日"),
    "rehandling_months": Rule("不满意后重新办理期限", 2, "月", "上海、浙江、山东1个月；重庆、北京2个月"),
    "separate_attitude_and_result": Rule("分别评价办理态度与办理结果（1是0否）", 0, "开关", "上海"),
    "every_signer_evaluates": Rule(
        "所有联名代表均可评价（1是0否，否则仅领衔代表）", 0, "开关", "各地做法不一"
    ),
    "satisfaction_includes_basic": Rule(
        "满意率计入基本满意（1是0否，否则仅计满意）", 1, "开关", "各地做法不一，多按满意加基本满意计算"
    ),
    "ranking_weight_reply": Rule("办理质效排名：答复率权重", 20, "权重", "平台设置"),
    "ranking_weight_on_time": Rule("办理质效排名：按期答复率权重", 30, "权重", "平台设置"),
    "ranking_weight_resolved": Rule("办理质效排名：解决率权重", 20, "权重", "平台设置"),
    "ranking_weight_satisfied": Rule("办理质效排名：满意率权重", 30, "权重", "平台设置"),
    "ranking_prior_cases": Rule(
        "办理质效排名：各项比率向全部单位平均值收缩的先验件数（0为不收缩）",
        5,
        "件",
        "平台设置（件数少的单位不因一两件满分排前）",
    ),
    "duplicate_threshold_percent": Rule("疑似重复建议的相似度下限", 55, "%", "平台设置（见 docs/adr/0002）"),
}

PRESETS = {
    "上海": {
        "assignment_working_days": 7,
        "reassignment_working_days": 7,
        "joint_opinion_months": 1,
        "rehandling_months": 1,
        "separate_attitude_and_result": 1,
    },
    "重庆": {
        "assignment_working_days": 10,
        "reassignment_working_days": 10,
        "contact_working_days": 20,
        "evaluation_working_days": 20,
        "rehandling_months": 2,
    },
    "浙江": {"reassignment_working_days": 10, "joint_opinion_months": 2, "rehandling_months": 1},
    "北京": {"evaluation_working_days": 15, "rehandling_months": 2},
    "山东": {"joint_opinion_months": 1, "rehandling_months": 1},
}


def overdue_mark(*, today: datetime.date) -> dict[str, int]:
    """Flag the suggestions whose reply is overdue (a reply clears the flag); before the reminders."""
    late = owing(CASES).filter(due__lt=today).values("suggestion_id")
    with transaction.atomic():
        return {"overdue": Suggestion.objects.filter(pk__in=late, is_overdue=False).update(is_overdue=True)}


def evaluations_close(*, today: datetime.date) -> dict[str, int]:
    """Close the cases whose evaluation window passed; after the reminders."""
    return {"evaluations_closed": services.evaluations_expire(today=today)}


def commitments_roll(*, today: datetime.date) -> dict[str, int]:
    """Roll unsolved commitments into the new year (after that year's last reminders went out)."""
    return {"rolled_over": services.commitments_roll_over(into_year=today.year)}


DAILY = TickJob(steps=[overdue_mark, *REMINDERS, evaluations_close, commitments_roll])


def tick(*, today: datetime.date) -> dict[str, int]:
    """The suggestions' daily job as renda_tick runs it: marks, reminds, closes, rolls over. Idempotent."""
    return DAILY.run(today=today)


PLATFORM = Platform(
    tallies=TALLIES,
    todos=[deputy_steps, member_steps, office_queues],
    tick_jobs=[
        DAILY,
        TickJob(steps=[similarity.tick]),
    ],
    navigation=[
        NavArea(
            "建议议案",
            [
                NavLink("我的建议", "suggestions:mine", capability=AUTHOR),
                NavLink("办理待办", "suggestions:todo", capability=HANDLE),
                NavLink("审查立案", "suggestions:review", capability=MANAGE),
                NavLink("交办", "suggestions:assign", capability=MANAGE),
                NavLink("调整申请", "suggestions:reassignments", capability=MANAGE),
                NavLink("承办单位关键词", "suggestions:keywords", capability=MANAGE),
                NavLink("答复函模板", "suggestions:letter_template", capability=MANAGE),
                NavLink("全部建议", "suggestions:list", capability=READ_ALL),
                NavLink("督办看板", "suggestions:board", capability=READ_ALL),
                NavLink("统计", "suggestions:stats", capability=READ_ALL),
                NavLink("办理质效排名", "suggestions:ranking", capability=READ_ALL),
                NavLink("驾驶舱", "suggestions:dashboard", capability=READ_ALL),
                NavLink("录入纸质建议", "suggestions:create", capability=MANAGE),
                NavLink("公开答复", "public_replies"),
                NavLink("代表履职公开", "duties:public_index"),
            ],
            order=30,
        )
    ],
    rules=RULES,
    presets=PRESETS,
    capabilities=CAPABILITIES,
    grants={
        Role.CLERK: [MANAGE, READ_ALL],
        Role.MEMBER: [READ_ALL],
        Role.UNIT: [HANDLE],
        Role.DEPUTY: [AUTHOR],
    },
    case_kinds=[CASES],
)
