"""The main navigation: areas, each a group of links, declared by the apps (Platform.navigation) and shown
in the order of their `order`; a link is shown to the users who hold its capability."""

from dataclasses import dataclass, field

from renda.core.registry import platforms
from renda.core.roles import can, user_roles


@dataclass(frozen=True)
class NavLink:
    label: str
    url_name: str
    roles: frozenset[str] = frozenset()  # shown to these roles; prefer `capability`
    capability: str = (
        ""  # shown to users who can(user, capability); neither this nor roles: every signed-in user
    )

    def visible_to(self, user) -> bool:
        if self.capability:
            return can(user, self.capability)
        if self.roles:
            return bool(self.roles & user_roles(user))
        return True


@dataclass(frozen=True)
class NavArea:
    label: str
    links: list[NavLink] = field(default_factory=list)
    order: int = (
        0  # areas are shown by ascending order: 代表 10, 联络站 20, 建议议案 30, 专项资金 35, 组织机构 90
    )


def navigation() -> list[NavArea]:
    """Every declared area, in order."""
    return platforms().navigation


def navigation_for(user) -> list[tuple[str, list[NavLink]]]:
    """The areas with the links `user` may see (areas with none left out)."""
    areas = []
    for area in navigation():
        links = [link for link in area.links if link.visible_to(user)]
        if links:
            areas.append((area.label, links))
    return areas
