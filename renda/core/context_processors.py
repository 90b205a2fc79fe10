from django.http import HttpRequest

from renda.core.navigation import NAVIGATION
from renda.core.roles import Role, user_roles
from renda.core.selectors import unread_count


def navigation(request: HttpRequest) -> dict:
    """The navigation areas the signed-in user may use, and their roles' labels."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_areas": [], "user_role_labels": []}
    roles = user_roles(user)
    areas = []
    for area in NAVIGATION:
        links = [link for link in area.links if not link.roles or link.roles & roles]
        if links:
            areas.append((area.label, links))
    return {
        "nav_areas": areas,
        "user_role_labels": [Role(r).label for r in Role.values if r in roles],
        "inbox_unread": unread_count(user),
    }
