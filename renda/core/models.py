"""Shared base models."""

from django.db import models


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        abstract = True


class VersionedModel(TimeStampedModel):
    """A record edited in forms: `version` grows on every save through `core.services.save_versioned`,
    so a stale form (one that loaded an older version) cannot overwrite newer data."""

    version = models.PositiveIntegerField("版本", default=1, editable=False)

    class Meta:
        abstract = True
