"""Sign-in, password, API tokens and the 工作台 (home page): the user's roles, to-dos and shortcuts."""

from dataclasses import dataclass
from typing import cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.views.decorators.http import require_POST

from renda.accounts import selectors, services
from renda.accounts.exports import FILENAME, bulk_result_sheets
from renda.accounts.forms import AccountFilter, LoginForm, PasswordForm
from renda.accounts.http import AuthenticatedHttpRequest
from renda.accounts.models import User
from renda.core.export import sheets_response
from renda.core.listing import RendaListView
from renda.core.navigation import NavLink
from renda.core.roles import Role, can, capability_required, has_role, user_roles
from renda.core.todos import todos_for

OFFICE = frozenset({Role.ADMIN, Role.CLERK})
MEMBER = frozenset({Role.MEMBER})

# Shortcuts on the 工作台 per role; links to the user's own deputy, unit or station are added in shortcuts_for.
SHORTCUTS = (
    NavLink("代表名册", "deputies:deputy_list", OFFICE | {Role.MEMBER}),
    NavLink("批量导入", "deputies:deputy_import", OFFICE),
    NavLink("审查立案", "suggestions:review", OFFICE),
    NavLink("交办", "suggestions:assign", OFFICE),
    NavLink("常委会组成人员", "org:committee", OFFICE | {Role.MEMBER}),
    NavLink("承办单位", "org:unit_list", OFFICE),
    NavLink("督办看板", "suggestions:board", OFFICE | {Role.MEMBER}),
    NavLink("驾驶舱", "suggestions:dashboard", MEMBER),
    NavLink("建议统计", "suggestions:stats", MEMBER),
    NavLink("代表构成统计", "deputies:composition", MEMBER),
    NavLink("履职积分排名", "duties:ranking", MEMBER),
    NavLink("代表述职", "duties:report_list", MEMBER),
    NavLink("群众意见热点", "opinions:topics", MEMBER),
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
    if has_role(user, Role.MEMBER) and user.deputy_id and not has_role(user, Role.DEPUTY):
        # a member who is also a deputy (most are) reads their own duty record like any other
        shortcuts.append(Shortcut("我的履职档案", reverse("duties:record", args=[user.deputy_id])))
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

    def form_valid(self, form):
        response = super().form_valid(form)
        services.password_changed(actor=cast(User, self.request.user))
        return response


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


# ---------------------------------------------------------------- the office's account administration


class AccountListView(RendaListView):
    """账号管理: every account, searchable and filtered by role, in use and locked; exported to Excel (never a
    password)."""

    template_name = "accounts/manage.html"
    filterset_class = AccountFilter
    sort_fields = {"username": ["username"], "name": ["full_name"], "joined": ["date_joined"]}
    default_sort = "username"
    export_filename = "账号"
    export_columns = (
        ("用户名", lambda u: u.username),
        ("姓名", lambda u: u.display_name),
        ("角色", lambda u: role_labels(u)),
        ("关联", lambda u: link_label(u)),
        ("在用", lambda u: "是" if u.is_active else "否"),
        ("已锁定", lambda u: "是" if u.locked else "否"),
        ("须修改初始密码", lambda u: "是" if u.must_change_password else "否"),
        (
            "最近登录",
            lambda u: timezone.localtime(u.last_login).strftime("%Y-%m-%d %H:%M") if u.last_login else "",
        ),
    )

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not can(request.user, services.MANAGE_ACCOUNTS):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        return selectors.accounts_for_office(self.request.user)


def role_labels(user) -> str:
    labels = dict(Role.choices)
    names = [group.name for group in user.groups.all()]
    if user.is_superuser and Role.ADMIN not in names:
        names.insert(0, Role.ADMIN)
    return "、".join(str(labels.get(name, name)) for name in names)


def link_label(user) -> str:
    parts = [str(obj) for obj in (user.deputy, user.office, user.handling_unit, user.station) if obj]
    return "、".join(parts)


@capability_required(services.MANAGE_ACCOUNTS)
def account_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    account = selectors.account_get_for_office(request.user, pk)
    return _detail(request, account)


def _detail(
    request: AuthenticatedHttpRequest, account, *, password: str = "", status: int = 200
) -> HttpResponse:
    context = {
        "account": account,
        "roles": role_labels(account),
        "link": link_label(account),
        "events": account.account_events.select_related("actor")[:50],
        "password": password,
    }
    return render(request, "accounts/account_detail.html", context, status=status)


@capability_required(services.MANAGE_ACCOUNTS)
@require_POST
def account_password_reset(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The new password is shown on this answer only: it is not stored in clear and cannot be shown again."""
    account = selectors.account_get_for_office(request.user, pk)
    password = services.user_password_reset(user=account, actor=request.user)
    account = selectors.account_get_for_office(request.user, pk)
    return _detail(request, account, password=password)


def _account_action(request: AuthenticatedHttpRequest, pk: int, call, done: str) -> HttpResponse:
    account = selectors.account_get_for_office(request.user, pk)
    try:
        call(user=account, actor=request.user)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, done.format(name=account.username))
    return redirect("accounts:account_detail", pk=pk)


@capability_required(services.MANAGE_ACCOUNTS)
@require_POST
def account_unlock(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _account_action(request, pk, services.user_unlock, "已解除账号 {name} 的登录锁定。")


@capability_required(services.MANAGE_ACCOUNTS)
@require_POST
def account_deactivate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _account_action(request, pk, services.user_deactivate, "已停用账号 {name}。")


@capability_required(services.MANAGE_ACCOUNTS)
@require_POST
def account_reactivate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _account_action(request, pk, services.user_reactivate, "已恢复账号 {name}。")


@capability_required(services.MANAGE_ACCOUNTS)
def accounts_bulk(request: AuthenticatedHttpRequest) -> HttpResponse:
    """批量开设账号: what a run would do; the run answers with the Excel file of the new accounts and their
    initial passwords — the only time they are shown — with what it skipped and deactivated."""
    if request.method != "POST":
        return render(request, "accounts/bulk.html", {"plan": services.accounts_bulk_plan()})
    result = services.accounts_bulk_create(actor=request.user)
    messages.success(
        request,
        f"已开设{len(result.created)}个账号，跳过{len(result.skipped)}个已有账号，停用{len(result.deactivated)}个账号。",
    )
    return sheets_response(FILENAME, bulk_result_sheets(result))
