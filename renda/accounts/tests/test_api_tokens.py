"""API tokens expire after API_TOKEN_DAYS and their user sees and revokes them (API and page)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from renda.accounts.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

TOKEN_URL = "/api/v1/auth/token/"
TOKENS_URL = "/api/v1/auth/tokens/"
ME_URL = "/api/v1/auth/me/"


def issue(user) -> dict:
    response = APIClient().post(TOKEN_URL, {"username": user.username, "password": PASSWORD}, format="json")
    assert response.status_code == 200, response.content
    return response.json()


def with_token(key: str) -> APIClient:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return api


def test_a_token_says_when_it_expires(clerk, settings):
    before = timezone.now()

    body = issue(clerk)

    expires = datetime.datetime.fromisoformat(body["expires_at"])
    assert before + datetime.timedelta(days=settings.API_TOKEN_DAYS) <= expires
    assert expires <= timezone.now() + datetime.timedelta(days=settings.API_TOKEN_DAYS)


def test_an_expired_token_is_refused_and_a_new_one_issued(clerk, settings, time_machine):
    old = issue(clerk)["token"]
    assert with_token(old).get(ME_URL).status_code == 200

    time_machine.move_to(timezone.now() + datetime.timedelta(days=settings.API_TOKEN_DAYS, seconds=1))
    refused = with_token(old).get(ME_URL)
    new = issue(clerk)["token"]

    assert refused.status_code == 401
    assert refused.json()["detail"] == "令牌已过期，请重新获取令牌。"
    assert new != old
    assert with_token(new).get(ME_URL).status_code == 200


def test_the_user_lists_their_tokens_without_the_key(clerk, deputy_user):
    key = issue(clerk)["token"]
    issue(deputy_user)

    listed = with_token(key).get(TOKENS_URL)

    assert listed.status_code == 200
    [token] = listed.json()
    assert token["prefix"] == key[:8] and key not in listed.content.decode()
    assert token["expired"] is False


def test_the_user_revokes_their_token_through_the_api(clerk, deputy_user):
    key = issue(clerk)["token"]
    other = issue(deputy_user)["token"]

    revoked = with_token(key).delete(TOKENS_URL)

    assert revoked.status_code == 204
    assert with_token(key).get(ME_URL).status_code == 401
    assert with_token(other).get(ME_URL).status_code == 200  # only their own
    assert not Token.objects.filter(user=clerk).exists()


def test_the_tokens_page_shows_and_revokes_the_token(client, clerk):
    key = issue(clerk)["token"]
    client.force_login(clerk)

    page = client.get(reverse("accounts:tokens"))
    revoked = client.post(reverse("accounts:tokens_revoke"), follow=True)

    assert page.status_code == 200
    body = page.content.decode()
    assert key[:8] in body and key not in body and "有效" in body
    assert "已撤销您的 API 令牌" in revoked.content.decode()
    assert with_token(key).get(ME_URL).status_code == 401


def test_the_tokens_page_needs_a_sign_in(client):
    assert client.get(reverse("accounts:tokens")).status_code == 302
    assert client.post(reverse("accounts:tokens_revoke")).status_code == 302
