"""The main navigation: one list of areas, each a group of links, shown by capability."""

from dataclasses import dataclass, field

from renda.core.roles import Role


@dataclass(frozen=True)
class NavLink:
    label: str
    url_name: str
    roles: frozenset[str] = frozenset()  # empty: every signed-in user


@dataclass(frozen=True)
class NavArea:
    label: str
    links: list[NavLink] = field(default_factory=list)


OFFICE = frozenset({Role.ADMIN, Role.CLERK})
READERS = OFFICE | {Role.MEMBER}

NAVIGATION: list[NavArea] = [
    NavArea(
        "代表",
        [
            NavLink("代表名册", "deputies:deputy_list"),
            NavLink("代表构成统计", "deputies:composition"),
            NavLink("代表小组", "deputies:group_list"),
            NavLink("代表团", "deputies:delegation_list"),
            NavLink("批量导入", "deputies:deputy_import", OFFICE),
        ],
    ),
    NavArea(
        "联络站",
        [
            NavLink("代表联络站", "deputies:station_list"),
            NavLink("接待日", "deputies:reception_list"),
            NavLink("履职活动", "deputies:activity_list"),
        ],
    ),
    NavArea(
        "建议议案",
        [
            NavLink("我的建议", "suggestions:mine", frozenset({Role.DEPUTY})),
            NavLink("办理待办", "suggestions:todo", frozenset({Role.UNIT})),
            NavLink("审查立案", "suggestions:review", OFFICE),
            NavLink("交办", "suggestions:assign", OFFICE),
            NavLink("调整申请", "suggestions:reassignments", OFFICE),
            NavLink("承办单位关键词", "suggestions:keywords", OFFICE),
            NavLink("全部建议", "suggestions:list", READERS),
            NavLink("督办看板", "suggestions:board", READERS),
            NavLink("统计", "suggestions:stats", READERS),
            NavLink("办理质效排名", "suggestions:ranking", READERS),
            NavLink("驾驶舱", "suggestions:dashboard", READERS),
            NavLink("专项资金", "suggestions:funds", READERS),
            NavLink("录入纸质建议", "suggestions:create", OFFICE),
            NavLink("公开答复", "public_replies"),
        ],
    ),
    NavArea(
        "组织机构",
        [
            NavLink("行政区与乡镇", "org:jurisdiction"),
            NavLink("届次与会议", "org:term_list"),
            NavLink("常委会组成人员", "org:committee"),
            NavLink("工作机构", "org:office_list"),
            NavLink("承办单位", "org:unit_list"),
        ],
    ),
]
