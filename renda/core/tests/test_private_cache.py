"""What a signed-in user sees is never cached: Cache-Control: private, no-store on pages and API responses."""

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def directives(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def test_pages_of_a_signed_in_user_are_not_stored(client, clerk):
    client.force_login(clerk)

    for url in (
        reverse("home"),
        reverse("deputies:deputy_list"),
        reverse("deputies:deputy_list") + "?export=xlsx",
    ):
        assert {"private", "no-store"} <= directives(client.get(url)), url


def test_api_responses_to_a_token_are_not_stored(clerk):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=clerk).key}")

    response = api.get("/api/v1/deputies/")

    assert response.status_code == 200
    assert {"private", "no-store"} <= directives(response)


def test_api_responses_to_a_session_are_not_stored(clerk):
    api = APIClient()
    api.force_login(clerk)

    assert {"private", "no-store"} <= directives(api.get("/api/v1/auth/me/"))


def test_public_pages_for_anonymous_visitors_are_left_alone(client):
    response = client.get(reverse("public_replies"))

    assert response.status_code == 200
    assert "no-store" not in directives(response)
