"""Reads on users: their API tokens."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from rest_framework.authtoken.models import Token


def api_token_expires_at(token: Token) -> datetime.datetime:
    return token.created + datetime.timedelta(days=settings.API_TOKEN_DAYS)


def api_token_expired(token: Token) -> bool:
    return api_token_expires_at(token) <= timezone.now()


@dataclass(frozen=True)
class TokenInfo:
    prefix: str  # the key's first characters, enough to recognise it
    created: datetime.datetime
    expires_at: datetime.datetime
    expired: bool


def api_tokens_of(user) -> list[TokenInfo]:
    """The user's API tokens as they may see them (never the whole key)."""
    return [
        TokenInfo(token.key[:8], token.created, api_token_expires_at(token), api_token_expired(token))
        for token in Token.objects.filter(user=user)
    ]
