import pytest
from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from rest_framework.test import APIClient

from renda.accounts.tests.factories import PASSWORD
from renda.core.roles import Role

pytestmark = pytest.mark.django_db

TOKEN_URL = "/api/v1/auth/token/"
ME_URL = "/api/v1/auth/me/"


@pytest.fixture
def api():
    return APIClient()


def token_for(api, username, password=PASSWORD):
    return api.post(TOKEN_URL, {"username": username, "password": password}, format="json")


def test_token_request_returns_a_token_usable_in_the_authorization_header(api, clerk):
    response = token_for(api, clerk.username)

    assert response.status_code == 200
    token = response.json()["token"]
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    me = api.get(ME_URL)
    assert me.status_code == 200
    assert me.json()["username"] == clerk.username


def test_token_request_is_recorded_like_a_sign_in(api, clerk):
    token_for(api, clerk.username)

    clerk.refresh_from_db()
    assert clerk.last_login is not None
    assert AccessLog.objects.filter(username=clerk.username).exists()


def test_the_same_token_is_returned_on_a_second_request(api, clerk):
    assert token_for(api, clerk.username).json() == token_for(api, clerk.username).json()


def test_wrong_password_is_a_400_in_chinese(api, clerk):
    response = token_for(api, clerk.username, "wrong-password")

    assert response.status_code == 400
    assert response.json()["non_field_errors"] == ["无法使用提供的认证信息登录。"]


def test_failed_token_requests_lock_the_account_like_the_sign_in_page(api, clerk):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert token_for(api, clerk.username, "wrong-password").status_code == 400

    locking = token_for(api, clerk.username, "wrong-password")
    with_right_password = token_for(api, clerk.username)

    assert locking.status_code == 429
    assert with_right_password.status_code == 429
    seconds = int(settings.AXES_COOLOFF_TIME.total_seconds())
    assert with_right_password.json()["detail"] == (
        f"账号“{clerk.username}”连续{settings.AXES_FAILURE_LIMIT}次登录失败，为保护账号安全已暂时锁定，"
        f"请在{seconds // 60}分钟后再试。"
    )
    assert with_right_password["Retry-After"] == str(seconds)
    assert "token" not in with_right_password.json()


def test_a_successful_token_request_resets_the_failures(api, clerk):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        token_for(api, clerk.username, "wrong-password")

    assert token_for(api, clerk.username).status_code == 200
    assert not AccessAttempt.objects.filter(username=clerk.username).exists()


def test_anonymous_requests_get_401_asking_for_a_token(api):
    for url in (ME_URL, "/api/v1/deputies/", "/api/v1/handling-units/"):
        response = api.get(url)
        assert response.status_code == 401
        assert response["WWW-Authenticate"] == "Token"


def test_an_unknown_token_is_401(api):
    api.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef0123456789abcdef01234567")

    assert api.get(ME_URL).status_code == 401


def test_me_returns_roles_and_links(api, make_user):
    from renda.deputies.tests.factories import DeputyFactory, LiaisonStationFactory

    deputy, station = DeputyFactory(), LiaisonStationFactory()
    user = make_user(Role.DEPUTY, Role.KEEPER, deputy=deputy, station=station, full_name="王芳")
    api.force_authenticate(user)

    body = api.get(ME_URL).json()

    assert body["display_name"] == "王芳"
    assert body["roles"] == [
        {"value": "deputy", "label": "人大代表"},
        {"value": "keeper", "label": "联络站管理员"},
    ]
    assert body["deputy"] == {"id": deputy.pk, "name": deputy.name}
    assert body["station"] == {"id": station.pk, "name": station.name}
    assert body["office"] is None
    assert body["handling_unit"] is None
