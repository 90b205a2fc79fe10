import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from renda.accounts.services import user_create
from renda.core.roles import Role, user_roles
from renda.deputies.tests.factories import DeputyFactory
from renda.org.tests.factories import HandlingUnitFactory

pytestmark = pytest.mark.django_db

STRONG = "Renda-2024-人大"


def test_administrator_opens_an_account_with_roles_and_links(admin_user):
    deputy = DeputyFactory()
    user = user_create(
        username=" wangming ",
        password=STRONG,
        full_name="王明",
        roles=[Role.DEPUTY, Role.MEMBER],
        deputy=deputy,
        actor=admin_user,
    )
    assert user.username == "wangming"
    assert user.check_password(STRONG)
    assert user_roles(user) == {Role.DEPUTY, Role.MEMBER}
    assert user.deputy == deputy
    assert not user.is_staff
    assert user.has_perm("org.view_jurisdiction") is False


def test_an_administrator_account_may_use_the_admin_site(admin_user):
    user = user_create(
        username="root2", password=STRONG, full_name="管理员", roles=[Role.ADMIN], actor=admin_user
    )
    assert user.is_staff
    assert user.has_perm("org.change_handlingunit")


def test_roles_that_act_for_a_record_need_it(admin_user):
    with pytest.raises(ValidationError) as exc:
        user_create(
            username="unit1",
            password=STRONG,
            full_name="李华",
            roles=[Role.UNIT, Role.KEEPER],
            actor=admin_user,
        )
    assert exc.value.message_dict["handling_unit"] == ["承办单位账号须指定所在承办单位。"]
    assert exc.value.message_dict["station"] == ["联络站管理员账号须指定管理的联络站。"]
    user = user_create(
        username="unit1",
        password=STRONG,
        full_name="李华",
        roles=[Role.UNIT],
        handling_unit=HandlingUnitFactory(),
        actor=admin_user,
    )
    assert user_roles(user) == {Role.UNIT}


def test_weak_passwords_duplicate_names_and_unknown_roles_are_refused(admin_user, clerk):
    with pytest.raises(ValidationError) as exc:
        user_create(
            username=clerk.username, password="123", full_name="某人", roles=["boss"], actor=admin_user
        )
    errors = exc.value.message_dict
    assert set(errors) == {"username", "password", "roles"}
    assert "未知的角色：boss。" in errors["roles"]
    assert any("密码" in message for message in errors["password"])


def test_only_administrators_open_accounts(clerk):
    with pytest.raises(PermissionDenied):
        user_create(username="x1", password=STRONG, full_name="某人", roles=[Role.MEMBER], actor=clerk)


def test_the_admin_user_list_shows_roles_and_links(client, admin_user, unit_user):
    client.force_login(admin_user)
    page = client.get(reverse("admin:accounts_user_changelist")).content.decode()
    assert "承办单位" in page
    assert str(unit_user.handling_unit) in page
    assert client.get(reverse("admin:accounts_user_change", args=[unit_user.pk])).status_code == 200
    assert client.get(reverse("admin:accounts_user_add")).status_code == 200
