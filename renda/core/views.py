"""Pages of the shared kernel: the in-app inbox (收件箱) and the 关于 page."""

import django_filters
from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from renda.core import about as renda_about
from renda.core.listing import RendaListView
from renda.core.models import Notification
from renda.core.selectors import notification_get_for_user, notifications_visible_to
from renda.core.services import notifications_mark_read


class NotificationFilter(django_filters.FilterSet):
    unread = django_filters.BooleanFilter(
        label="显示",
        field_name="read_at",
        lookup_expr="isnull",
        widget=forms.Select(choices=[("", "全部消息"), ("true", "未读消息")], attrs={"class": "form-select"}),
    )

    class Meta:
        model = Notification
        fields: list[str] = []


class InboxView(RendaListView):
    template_name = "core/inbox.html"
    filterset_class = NotificationFilter

    def get_base_queryset(self):
        return notifications_visible_to(self.request.user)


@login_required
@require_POST
def inbox_read(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one message read and open what it points to."""
    assert request.user.is_authenticated  # login_required; narrows the type for the service's actor
    notification = notification_get_for_user(request.user, pk)
    notifications_mark_read(actor=request.user, pk=notification.pk)
    if notification.url and url_has_allowed_host_and_scheme(notification.url, {request.get_host()}):
        return redirect(notification.url)
    return redirect("inbox")


@login_required
@require_POST
def inbox_read_all(request: HttpRequest) -> HttpResponse:
    assert request.user.is_authenticated  # login_required; narrows the type for the service's actor
    notifications_mark_read(actor=request.user)
    return redirect("inbox")


@require_GET
def about(request: HttpRequest) -> HttpResponse:
    """关于: the version, the licence and where the source is kept; open to everyone (AGPL section 13)."""
    return render(
        request,
        "core/about.html",
        {"version": renda_about.version(), "licence": renda_about.licence()},
    )
