"""Sign-in, password, API tokens and the 工作台 (home page): the user's roles, to-dos and shortcuts."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.views.decorators.http import require_POST

from renda.accounts import selectors, services
from renda.accounts.forms import LoginForm, PasswordForm
from renda.accounts.http import AuthenticatedHttpRequest
from renda.core.navigation import NavLink
from renda.core.roles import Role, has_role, user_roles
from renda.core.todos import todos_for

OFFICE = frozenset({Role.ADMIN, Role.CLERK})

# Shortcuts on the 工作台 per role; links to the user's own deputy, unit or station are added in shortcuts_for.
SHORTCUTS = (
    NavLink("代表名册", "deputies:deputy_list", OFFICE | {Role.MEMBER}),
    NavLink("批量导入", "deputies:deputy_import", OFFICE),
    NavLink("审查立案", "suggestions:review", OFFICE),
    NavLink("交办", "suggestions:assign", OFFICE),
    NavLink("常委会组成人员", "org:committee", OFFICE | {Role.MEMBER}),
    NavLink("承办单位", "org:unit_list", OFFICE),
    NavLink("督办看板", "suggestions:board", OFFICE | {Role.MEMBER}),
    NavLink("我的建议", "suggestions:mine", frozenset({Role.DEPUTY})),
    NavLink("办理待办", "suggestions:todo", frozenset({Role.UNIT})),
    NavLink("接待日", "deputies:reception_list", frozenset({Role.DEPUTY, Role.KEEPER})),
    NavLink("履职活动", "deputies:activity_list", frozenset({Role.KEEPER})),
)


@dataclass(frozen=True)
class Shortcut:
    label: str
    url: str


def shortcuts_for(user) -> list[Shortcut]:
    roles = user_roles(user)
    shortcuts = []
    if has_role(user, Role.DEPUTY) and user.deputy_id:
        shortcuts.append(Shortcut("我的代表信息", reverse("deputies:deputy_detail", args=[user.deputy_id])))
    if has_role(user, Role.UNIT) and user.handling_unit_id:
        shortcuts.append(Shortcut("本单位信息", reverse("org:unit_detail", args=[user.handling_unit_id])))
    if has_role(user, Role.KEEPER) and user.station_id:
        shortcuts.append(Shortcut("本联络站", reverse("deputies:station_detail", args=[user.station_id])))
    shortcuts += [Shortcut(link.label, reverse(link.url_name)) for link in SHORTCUTS if link.roles & roles]
    if user.is_staff:
        shortcuts.append(Shortcut("后台管理", reverse("admin:index")))
    return shortcuts


@login_required
def home(request: HttpRequest) -> HttpResponse:
    context = {"todos": todos_for(request.user), "shortcuts": shortcuts_for(request.user)}
    return render(request, "accounts/home.html", context)


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True
    extra_context = {"failure_limit": settings.AXES_FAILURE_LIMIT}


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    form_class = PasswordForm
    success_url = reverse_lazy("accounts:password_change_done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    """The user's API tokens: when issued, until when valid, and a button to revoke them."""
    context = {"tokens": selectors.api_tokens_of(request.user), "token_days": settings.API_TOKEN_DAYS}
    return render(request, "accounts/tokens.html", context)


@login_required
@require_POST
def tokens_revoke(request: AuthenticatedHttpRequest) -> HttpResponse:
    if services.api_tokens_revoke(actor=request.user):
        messages.success(request, "已撤销您的 API 令牌，使用它的程序须重新获取令牌。")
    return redirect("accounts:tokens")
