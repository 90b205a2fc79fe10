"""Sign-in and password forms with the platform's widgets; the office's filter of accounts."""

import django_filters
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.db.models import Q

from renda.accounts.models import User
from renda.core.roles import Role
from renda.org.forms import style


class LoginForm(AuthenticationForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style(self.fields)


class PasswordForm(PasswordChangeForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style(self.fields)


YES_NO = (("yes", "是"), ("no", "否"))


class AccountFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="用户名或姓名", method="search")
    role = django_filters.ChoiceFilter(
        label="角色", choices=Role.choices, method="by_role", empty_label="全部角色"
    )
    active = django_filters.ChoiceFilter(label="在用", choices=YES_NO, method="by_active", empty_label="全部")
    locked = django_filters.ChoiceFilter(
        label="已锁定", choices=YES_NO, method="by_locked", empty_label="全部"
    )

    class Meta:
        model = User
        fields: list[str] = []

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style(self.form.fields)

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(username__icontains=value)
            | Q(full_name__icontains=value)
            | Q(deputy__name_initials__startswith=value.lower())
        )

    def by_role(self, queryset, name, value):
        if value == Role.ADMIN:
            return queryset.filter(Q(groups__name=value) | Q(is_superuser=True)).distinct()
        return queryset.filter(groups__name=value).distinct()

    def by_active(self, queryset, name, value):
        return queryset.filter(is_active=value == "yes")

    def by_locked(self, queryset, name, value):
        return queryset.filter(locked=value == "yes")
