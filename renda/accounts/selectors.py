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


# ---------------------------------------------------------------- the office's account administration


def accounts_for_office(user):
    """Every account, for the holders of accounts.manage_accounts (none for others), with `locked` annotated."""
    from django.db.models import Exists, OuterRef

    from renda.accounts.models import User
    from renda.accounts.services import MANAGE_ACCOUNTS
    from renda.core.roles import can

    if not can(user, MANAGE_ACCOUNTS):
        return User.objects.none()
    from axes.models import AccessAttempt  # type: ignore[import-untyped]

    since = timezone.now() - settings.AXES_COOLOFF_TIME
    locked = AccessAttempt.objects.filter(
        username=OuterRef("username"),
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
        attempt_time__gte=since,
    )
    return (
        User.objects.annotate(locked=Exists(locked))
        .select_related("deputy", "office", "handling_unit", "station")
        .prefetch_related("groups")
    )


def account_get_for_office(user, pk: int):
    from django.shortcuts import get_object_or_404

    return get_object_or_404(accounts_for_office(user), pk=pk)
