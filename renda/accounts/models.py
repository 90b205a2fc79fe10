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

    class Meta:
        verbose_name = verbose_name_plural = "用户"

    @property
    def display_name(self) -> str:
        return self.full_name or self.get_full_name() or self.username
