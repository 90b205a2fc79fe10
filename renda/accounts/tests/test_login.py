"""Sign-in with throttling (django-axes), sign-out and password change."""

import datetime

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from renda.accounts.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")


def attempt(client, user, password):
    return client.post(LOGIN, {"username": user.username, "password": password})


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_the_login_page_has_labelled_inputs_and_a_login_button(client):
    page = client.get(LOGIN).content.decode()
    assert '<label class="form-label" for="id_username">用户名</label>' in page
    assert '<label class="form-label" for="id_password">密码</label>' in page
    assert 'name="username"' in page and 'name="password"' in page
    assert '<button class="btn btn-primary w-100" type="submit">登录</button>' in page


def test_login_leads_to_the_workbench_and_a_wrong_password_is_explained_in_chinese(client, clerk):
    response = attempt(client, clerk, "wrong-password")
    assert response.status_code == 200
    assert "请输入一个正确的" in response.content.decode()
    response = attempt(client, clerk, PASSWORD)
    assert response["Location"] == reverse("home")
    assert signed_in(client)


def test_a_locked_out_user_cannot_log_in_even_with_the_right_password(client, clerk):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = attempt(client, clerk, "wrong-password")
    assert response.status_code == 429
    response = attempt(client, clerk, PASSWORD)
    assert response.status_code == 429
    page = response.content.decode()
    assert "账号已暂时锁定" in page
    assert f"连续{settings.AXES_FAILURE_LIMIT}次登录失败" in page
    assert "请在15分钟后再试" in page
    assert not signed_in(client)


def test_the_lock_lifts_after_the_cool_off(client, clerk):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, clerk, "wrong-password")
    later = timezone.now() + settings.AXES_COOLOFF_TIME + datetime.timedelta(seconds=1)
    with time_machine.travel(later):
        assert attempt(client, clerk, PASSWORD).status_code == 302
    assert signed_in(client)


def test_a_successful_login_resets_the_failure_count(client, clerk):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, clerk, "wrong-password")
    assert attempt(client, clerk, PASSWORD).status_code == 302
    client.post(reverse("accounts:logout"))
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, clerk, "wrong-password").status_code == 200
    assert attempt(client, clerk, PASSWORD).status_code == 302


def test_locking_one_user_leaves_others_alone(client, clerk, member):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, clerk, "wrong-password")
    assert attempt(client, member, PASSWORD).status_code == 302


def test_logout_is_a_post(client, clerk):
    client.force_login(clerk)
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response["Location"] == LOGIN
    assert not signed_in(client)


def test_password_change(client, clerk):
    url = reverse("accounts:password_change")
    assert client.get(url)["Location"].startswith(LOGIN)
    client.force_login(clerk)
    assert client.get(url).status_code == 200
    response = client.post(url, {"old_password": "nope", "new_password1": "x", "new_password2": "x"})
    assert "旧密码" in response.content.decode()
    new = "Renda-新密码-2024"
    response = client.post(url, {"old_password": PASSWORD, "new_password1": new, "new_password2": new})
    assert response["Location"] == reverse("accounts:password_change_done")
    assert "密码已修改" in client.get(response["Location"]).content.decode()
    clerk.refresh_from_db()
    assert clerk.check_password(new)
