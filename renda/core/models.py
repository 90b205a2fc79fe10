"""Shared base models."""

from django.conf import settings
from django.db import models

from renda.core import clock
from renda.core.formats import cn_date


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


class WorkflowEvent(models.Model):
    """One move (or noteworthy step) of a workflow (core.workflow): the timeline. Each area subclasses it
    with a foreign key to its record and, where it likes, `choices` on the states."""

    from_state = models.CharField("原状态", max_length=20, blank=True)
    to_state = models.CharField("新状态", max_length=20, blank=True)
    action = models.CharField("事项", max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="操作人",
    )
    note = models.TextField("说明", blank=True)
    created_at = models.DateTimeField("时间", default=clock.now, db_index=True)  # when the move was made

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.action} {self.note}".strip()


class CalendarDay(models.Model):
    """An administrator's entry in the official calendar: a holiday or a swapped working day (调休).

    Entries win over the `chinese-calendar` package; for a year that package does not know and that has no
    entries, only weekends are days off and administrators are warned (core.calendar.unknown_years)."""

    date = models.DateField("日期", unique=True)
    is_workday = models.BooleanField("是否工作日", help_text="节假日不勾选；调休上班日勾选")
    note = models.CharField("说明", max_length=50, blank=True, help_text="如：春节、国庆节调休上班")

    class Meta:
        verbose_name = verbose_name_plural = "节假日与调休"
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{cn_date(self.date)} {'上班' if self.is_workday else '休息'} {self.note}".strip()


class Notification(models.Model):
    """An in-app message (收件箱). `key` makes reminders idempotent: one message per key and recipient."""

    recipient = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="notifications", verbose_name="收件人"
    )
    title = models.CharField("标题", max_length=200)
    body = models.TextField("内容", blank=True)
    url = models.CharField("链接", max_length=300, blank=True)
    key = models.CharField("去重键", max_length=120, blank=True)
    created_at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    read_at = models.DateTimeField("已读时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "站内消息"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "key"], condition=~models.Q(key=""), name="notification_unique_key"
            )
        ]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return self.title
