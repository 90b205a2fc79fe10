from django.http import HttpRequest

from renda.core.navigation import navigation_for
from renda.core.roles import Role, can, user_roles
from renda.core.selectors import unread_count


class _AppCapabilities:
    def __init__(self, user, app_label: str) -> None:
        self.user, self.app_label = user, app_label

    def __getitem__(self, name: str) -> bool:
        return can(self.user, f"{self.app_label}.{name}")

    def __bool__(self) -> bool:  # pragma: no cover - `{% if caps.org %}` is not a question one should ask
        return True


class Capabilities:
    """`{% if caps.org.change_term %}`: can(user, "org.change_term") in templates, like Django's `perms`."""

    def __init__(self, user) -> None:
        self.user = user

    def __getitem__(self, app_label: str) -> _AppCapabilities:
        return _AppCapabilities(self.user, app_label)


def navigation(request: HttpRequest) -> dict:
    """The navigation areas the signed-in user may use, their roles' labels, and `caps` (see Capabilities)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_areas": [], "user_role_labels": [], "caps": Capabilities(user)}
    roles = user_roles(user)
    return {
        "nav_areas": navigation_for(user),
        "user_role_labels": [Role(r).label for r in Role.values if r in roles],
        "inbox_unread": unread_count(user),
        "caps": Capabilities(user),
    }
