"""One authorization model (docs/adr/0003): capabilities declared per app, granted per role, checked by can()."""

import pytest
from django.contrib.auth.models import AnonymousUser, Permission
from django.template import Context, Template

from renda.core.context_processors import Capabilities
from renda.core.registry import platforms
from renda.core.roles import ROLE_PERMISSIONS, Role, UnknownCapability, can

pytestmark = pytest.mark.django_db

# What the issue and the suggestions workflow ask for, role by role (administrators hold everything).
SUGGESTIONS = {
    "suggestions.manage": {Role.ADMIN, Role.CLERK},
    "suggestions.read_all": {Role.ADMIN, Role.CLERK, Role.MEMBER},
    "suggestions.handle": {Role.ADMIN, Role.UNIT},
    "suggestions.author": {Role.ADMIN, Role.DEPUTY},
    # the suggestion fund: written by those who manage suggestions, read by those who read them all
    "fund.manage": {Role.ADMIN, Role.CLERK},
    "fund.read": {Role.ADMIN, Role.CLERK, Role.MEMBER},
}


@pytest.fixture
def users(make_user):
    return {role: make_user(role) for role in Role.values}


def test_every_capability_a_role_is_granted_is_declared():
    registry = platforms()
    for role, names in registry.grants.items():
        assert set(names) <= set(registry.capabilities), role
    assert registry.grants[Role.ADMIN] == set(registry.capabilities)
    assert all(label for label in registry.capabilities.values())


def test_can_answers_by_role_for_every_declared_capability(users):
    registry = platforms()
    for role, user in users.items():
        for capability in registry.capabilities:
            assert can(user, capability) is (capability in registry.grants[role]), (role, capability)


def test_the_suggestions_capabilities_per_role(users):
    for capability, roles in SUGGESTIONS.items():
        assert {role for role, user in users.items() if can(user, capability)} == roles, capability


def test_several_roles_add_up(make_user):
    both = make_user(Role.MEMBER, Role.DEPUTY)
    assert can(both, "suggestions.read_all") and can(both, "suggestions.author")
    assert not can(both, "suggestions.manage")


def test_superusers_may_do_everything_anonymous_and_inactive_users_nothing(make_user):
    superuser = make_user(is_superuser=True)
    inactive = make_user(Role.CLERK, is_active=False)
    for capability in platforms().capabilities:
        assert can(superuser, capability)
        assert not can(AnonymousUser(), capability)
        assert not can(inactive, capability)


def test_an_undeclared_capability_is_an_error_not_a_no(users):
    with pytest.raises(UnknownCapability):
        can(users[Role.ADMIN], "suggestions.no_such_thing")
    with pytest.raises(UnknownCapability):
        can(AnonymousUser(), "org.chnage_term")


def test_roles_groups_receive_the_django_permissions_among_their_capabilities(users):
    """So the Django admin and anything still asking has_perm agree with can()."""
    registry = platforms()
    for role, user in users.items():
        if role == Role.ADMIN:
            continue
        for capability in registry.capabilities:
            app_label, codename = capability.split(".", 1)
            if Permission.objects.filter(content_type__app_label=app_label, codename=codename).exists():
                assert user.has_perm(capability) is can(user, capability), (role, capability)
        assert sorted(ROLE_PERMISSIONS[role]) == sorted(registry.grants[role])


def test_templates_ask_caps_as_they_asked_perms(users):
    template = Template(
        "{% if caps.suggestions.manage %}交办{% endif %}{% if caps.org.change_term %}修改{% endif %}"
    )
    rendered = {role: template.render(Context({"caps": Capabilities(user)})) for role, user in users.items()}
    assert rendered[Role.CLERK] == "交办修改"
    assert rendered[Role.MEMBER] == ""
    with pytest.raises(UnknownCapability):
        Template("{% if caps.org.chnage_term %}{% endif %}").render(
            Context({"caps": Capabilities(users[Role.CLERK])})
        )


def test_navigation_shows_each_link_to_the_holders_of_its_capability(users):
    from renda.core.navigation import navigation, navigation_for

    for role, user in users.items():
        shown = {
            link for _, links in navigation_for(user) for link in links
        }  # a page may have a link per capability
        for area in navigation():
            for link in area.links:
                if link.capability:
                    assert (link in shown) is can(user, link.capability), (role, link.label, link.url_name)
