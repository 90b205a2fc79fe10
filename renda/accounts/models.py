from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    """A person who signs in. Roles are groups (core.roles); the links below say for whom a role acts."""

    full_name = models.CharField("姓名", max_length=30, blank=True)
    phone = models.CharField("手机号", max_length=20, blank=True)
    deputy = models.OneToOneField(
        "deputies.Deputy",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="user",
        verbose_name="对应代表",
    )
    office = models.ForeignKey(
        "org.CommitteeOffice",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name="所在机构",
    )
    handling_unit = models.ForeignKey(
        "org.HandlingUnit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="officers",
        verbose_name="所在承办单位",
    )
    station = models.ForeignKey(
        "deputies.LiaisonStation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="keepers",
        verbose_name="管理的联络站",
    )

    # Set when the office opens the account or resets its password; cleared when the user picks their own.
    must_change_password = models.BooleanField("须修改初始密码", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "用户"

    @property
    def display_name(self) -> str:
        return self.full_name or self.get_full_name() or self.username


class AccountAction(models.TextChoices):
    CREATED = "created", "开设账号"  # by the office's bulk creation, with an initial password
    PASSWORD_RESET = "password_reset", "重置密码"  # a new initial password; must be changed at sign-in
    PASSWORD_CHANGED = "password_changed", "修改密码"  # the user chose their own password
    UNLOCKED = "unlocked", "解除锁定"  # failed sign-ins forgotten (django-axes)
    DEACTIVATED = "deactivated", "停用账号"  # by the office, or because the deputy no longer serves
    REACTIVATED = "reactivated", "恢复账号"
    ROLE_REMOVED = "role_removed", "取消角色"  # the deputy role of a user who holds other roles too


class AccountEvent(models.Model):
    """What the office (or the daily job, actor empty) did to an account: the account's timeline."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="account_events", verbose_name="账号"
    )
    action = models.CharField("操作", max_length=20, choices=AccountAction.choices)
    actor = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="操作人"
    )
    note = models.CharField("说明", max_length=200, blank=True)
    at = models.DateTimeField("时间", db_index=True)

    class Meta:
        verbose_name = verbose_name_plural = "账号操作记录"
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.user} {self.get_action_display()}"
