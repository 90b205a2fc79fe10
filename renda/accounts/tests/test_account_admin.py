"""The office's account page: list with search and filters (role, in use, locked), reset a password (shown once),
unlock (django-axes), deactivate and reactivate; refused to everyone else, and a clerk may not touch an
administrator's account."""

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from renda.accounts.models import AccountEvent, User
from renda.accounts.services import user_deactivate, user_password_reset
from renda.accounts.tests.factories import PASSWORD
from renda.core.roles import Role

pytestmark = pytest.mark.django_db


def lock_out(client, user):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:login"), {"username": user.username, "password": "wrong"})


def test_the_list_filters_by_role_in_use_and_locked(client, clerk, make_user):
    officer = make_user(Role.UNIT, username="dwjtj", full_name="交通局")
    idle = make_user(Role.KEEPER, username="lzcg", is_active=False)
    lock_out(client, officer)
    client.force_login(clerk)
    url = reverse("accounts:manage")
    assert "dwjtj" in client.get(url, {"role": Role.UNIT}).content.decode()
    assert "dwjtj" not in client.get(url, {"role": Role.KEEPER}).content.decode()
    inactive = client.get(url, {"active": "no"}).content.decode()
    assert "lzcg" in inactive and "dwjtj" not in inactive
    locked = client.get(url, {"locked": "yes"}).content.decode()
    assert "dwjtj" in locked and "已锁定" in locked and idle.username not in locked
    assert "dwjtj" in client.get(url, {"q": "交通"}).content.decode()
    export = client.get(url, {"export": "xlsx"})
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_a_reset_password_is_shown_once_and_must_be_changed(client, clerk, deputy_user):
    client.force_login(clerk)
    response = client.post(reverse("accounts:account_password_reset", args=[deputy_user.pk]))
    html = response.content.decode()
    assert response.status_code == 200 and "仅显示这一次" in html
    deputy_user.refresh_from_db()
    assert deputy_user.must_change_password and not deputy_user.check_password(PASSWORD)
    detail = client.get(reverse("accounts:account_detail", args=[deputy_user.pk])).content.decode()
    assert "仅显示这一次" not in detail and "重置密码" in detail
    assert AccountEvent.objects.filter(user=deputy_user, action="password_reset", actor=clerk).exists()


def test_unlock_lets_a_locked_out_user_sign_in_again(client, clerk, unit_user):
    lock_out(client, unit_user)
    assert (
        client.post(
            reverse("accounts:login"), {"username": unit_user.username, "password": PASSWORD}
        ).status_code
        == 429
    )
    office = client.__class__()
    office.force_login(clerk)
    office.post(reverse("accounts:account_unlock", args=[unit_user.pk]))
    response = client.post(reverse("accounts:login"), {"username": unit_user.username, "password": PASSWORD})
    assert response.status_code == 302
    assert AccountEvent.objects.filter(user=unit_user, action="unlocked").exists()


def test_deactivate_and_reactivate(client, clerk, keeper):
    client.force_login(clerk)
    client.post(reverse("accounts:account_deactivate", args=[keeper.pk]))
    keeper.refresh_from_db()
    assert not keeper.is_active
    again = client.post(reverse("accounts:account_deactivate", args=[keeper.pk]), follow=True)
    assert "该账号已停用。" in again.content.decode()
    client.post(reverse("accounts:account_reactivate", args=[keeper.pk]))
    keeper.refresh_from_db()
    assert keeper.is_active
    actions = list(AccountEvent.objects.filter(user=keeper).values_list("action", flat=True))
    assert actions == ["reactivated", "deactivated"]


def test_a_clerk_may_not_reset_or_deactivate_an_administrator_nor_themself(clerk, admin_user):
    with pytest.raises(PermissionDenied):
        user_password_reset(user=admin_user, actor=clerk)
    with pytest.raises(PermissionDenied):
        user_deactivate(user=admin_user, actor=clerk)
    with pytest.raises(ValidationError):
        user_deactivate(user=clerk, actor=clerk)
    assert user_password_reset(user=clerk, actor=admin_user)


@pytest.mark.parametrize("role", [Role.MEMBER, Role.DEPUTY, Role.UNIT, Role.KEEPER])
def test_the_account_pages_are_refused_to_everyone_but_the_office(client, make_user, role, deputy_user):
    client.force_login(make_user(role))
    assert client.get(reverse("accounts:manage")).status_code == 403
    assert client.get(reverse("accounts:bulk")).status_code == 403
    assert client.post(reverse("accounts:account_password_reset", args=[deputy_user.pk])).status_code == 403
    assert User.objects.get(pk=deputy_user.pk).check_password(PASSWORD)
