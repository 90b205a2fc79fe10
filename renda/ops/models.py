"""What the IT staff's monitoring reads: when the daily tick and the nightly backup last ran."""

from django.db import models


class Beat(models.TextChoices):
    TICK = "tick", "每日定时任务（renda_tick）"  # the daily deadline processing finished
    BACKUP = "backup", "备份（renda_backup）"  # an archive was written and checked


class Heartbeat(models.Model):
    """One row per kind of run: the last time it finished, and what it left (e.g. the archive's name)."""

    name = models.CharField("任务", max_length=20, choices=Beat.choices, unique=True)
    at = models.DateTimeField("最近完成时间")
    detail = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "运行记录"

    def __str__(self) -> str:
        return f"{self.get_name_display()} {self.at:%Y-%m-%d %H:%M}"
