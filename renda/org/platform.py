"""What the organisation area adds to the platform (core.registry): its to-do, navigation and capabilities."""

from renda.core.navigation import NavArea, NavLink
from renda.core.registry import Platform
from renda.core.roles import Role
from renda.org.todos import organisation_gaps

# Capabilities named after Django's model permissions, so the roles' groups receive those (Django admin, API).
CAPABILITIES = {
    "org.view_jurisdiction": "查看本级行政区",
    "org.add_jurisdiction": "设置本级行政区",
    "org.change_jurisdiction": "修改本级行政区",
    "org.add_township": "新增乡镇（街道）",
    "org.change_township": "修改乡镇（街道）",
    "org.add_term": "新增届次",
    "org.change_term": "修改届次、设为本届",
    "org.add_congresssession": "新增人代会会议",
    "org.change_congresssession": "修改人代会会议",
    "org.add_committeemembership": "登记常委会组成人员",
    "org.change_committeemembership": "修改常委会组成人员、登记离任",
    "org.delete_committeemembership": "删除常委会组成人员记录",
    "org.add_committeeofficemembership": "登记专门委员会组成人员",
    "org.change_committeeofficemembership": "专门委员会组成人员登记离任",
    "org.add_committeeoffice": "新增工作机构",
    "org.change_committeeoffice": "修改工作机构",
    "org.add_handlingunit": "新增承办单位",
    "org.change_handlingunit": "修改承办单位",
}

PLATFORM = Platform(
    todos=[organisation_gaps],
    navigation=[
        NavArea(
            "组织机构",
            [
                NavLink("行政区与乡镇", "org:jurisdiction"),
                NavLink("届次与会议", "org:term_list"),
                NavLink("常委会组成人员", "org:committee"),
                NavLink("专门委员会", "org:special_committees"),
                NavLink("工作机构", "org:office_list"),
                NavLink("承办单位", "org:unit_list"),
            ],
            order=90,
        )
    ],
    capabilities=CAPABILITIES,
    grants={
        Role.CLERK: [name for name in CAPABILITIES if name != "org.add_jurisdiction"],
    },
)
