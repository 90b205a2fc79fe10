"""Shared write helpers used by the apps' services."""

from typing import Any, TypeVar

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import models, transaction

from renda.core.history import history_user_set
from renda.core.models import VersionedModel

M = TypeVar("M", bound=VersionedModel)

STALE_MESSAGE = "该记录已被他人修改（当前为第{current}版，您编辑的是第{expected}版），请刷新页面后重新修改。"


class StaleEditError(ValidationError):
    """Raised when a form based on an older version tries to save."""


def save_versioned(
    instance: M, *, expected_version: int, changes: dict[str, Any], actor: AbstractBaseUser | None
) -> M:
    """Apply `changes` to `instance` if nobody saved it since `expected_version` was read.

    Locks the row (SELECT … FOR UPDATE; on SQLite the IMMEDIATE transaction serialises writers), compares
    versions, then saves through the model so field history records the actor. Many-to-many values in
    `changes` are set after the save.
    """
    model = type(instance)
    with transaction.atomic():
        current = model._default_manager.select_for_update().get(pk=instance.pk)
        if current.version != expected_version:
            raise StaleEditError(STALE_MESSAGE.format(current=current.version, expected=expected_version))
        m2m: dict[str, Any] = {}
        for name, value in changes.items():
            field = model._meta.get_field(name)
            if isinstance(field, models.ManyToManyField):
                m2m[name] = value
            else:
                setattr(current, name, value)
        current.version = expected_version + 1
        history_user_set(current, actor)
        current.full_clean()
        current.save()
        for name, value in m2m.items():
            getattr(current, name).set(value)
    return current


def notifications_mark_read(*, actor: AbstractBaseUser, pk: int | None = None) -> int:
    """Mark one of the actor's own messages (or all of them) as read; returns how many changed."""
    from django.utils import timezone

    from renda.core.models import Notification

    unread = Notification.objects.filter(recipient_id=actor.pk, read_at__isnull=True)
    if pk is not None:
        unread = unread.filter(pk=pk)
    return unread.update(read_at=timezone.now())
