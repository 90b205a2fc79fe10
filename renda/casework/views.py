"""The office's page of every unit's cases, all kinds together (selectors.unit_loads); a unit's page of the
deputies on its open cases with their contact details (each look logged), and the office's log of those looks."""

from typing import Any

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_vary_headers

from renda.accounts.http import AuthenticatedHttpRequest
from renda.casework.kinds import kinds
from renda.casework.models import DeputyContactView
from renda.casework.platform import CONTACT_VIEWS, DEPUTY_CONTACT, READ_ALL
from renda.casework.selectors import (
    FIGURES,
    contact_views_visible_to,
    deputies_contactable_by,
    deputy_contactable_get,
    unit_loads,
)
from renda.casework.services import deputy_contact_reveal
from renda.core import clock
from renda.core.export import xlsx_response
from renda.core.forms import date_input, style
from renda.core.listing import RendaListView
from renda.core.privacy import mask_phone
from renda.core.roles import can, capability_required
from renda.org.models import HandlingUnit


def _year(request: HttpRequest) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return clock.today().year
    return year if 2000 <= year <= 2099 else clock.today().year


@capability_required(READ_ALL)
def units(request: HttpRequest) -> HttpResponse:
    """承办单位办理情况: per unit and kind of case, the year's assignments, answers, answers on time, open and
    overdue; printable and exported to Excel."""
    year = _year(request)
    loads = unit_loads(year)
    declared = kinds()
    if request.GET.get("export") == "xlsx":
        headers = ["承办单位"] + [f"{k.label}{label}" for k in declared for label in FIGURES.values()]
        headers += [f"合计{label}" for label in FIGURES.values()]
        rows = (
            [load.name]
            + [load.by_kind[k.name][f] for k in declared for f in FIGURES]
            + [load.total(f) for f in FIGURES]
            for load in loads
        )
        return xlsx_response(f"承办单位办理情况（{year}年）", headers, rows)
    table = [
        {
            "name": load.name,
            "cells": [load.by_kind[k.name][f] for k in declared for f in FIGURES],
            "totals": [load.total(f) for f in FIGURES],
        }
        for load in loads
    ]
    return render(
        request,
        "casework/units.html",
        {
            "year": year,
            "years": range(clock.today().year, clock.today().year - 6, -1),
            "kinds": declared,
            "figures": FIGURES.values(),
            "table": table,
        },
    )


# ---------------------------------------------------------------- the deputies' contact details for a unit


@capability_required(DEPUTY_CONTACT)
def deputies(request: HttpRequest) -> HttpResponse:
    """代表联系方式: the deputies on the open cases of the officer's unit, phones masked; 显示联系方式 shows one
    deputy's (POST, logged)."""
    rows = [{"deputy": d, "masked": mask_phone(d.phone)} for d in deputies_contactable_by(request.user)]
    return render(request, "casework/deputies.html", {"rows": rows})


def contact_details(deputy: Any) -> list[tuple[str, str]]:
    """The deputy's numbers: the registry's mobile, and the one on their account when it differs."""
    details = [("手机号", deputy.phone)]
    account = getattr(deputy, "user", None)
    if account is not None and account.phone and account.phone != deputy.phone:
        details.append(("其他电话", account.phone))
    return [(label, number) for label, number in details if number]


@capability_required(DEPUTY_CONTACT)
def deputy_contact(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """One deputy's contact details: masked on GET; shown, and the look logged, on POST (显示联系方式). The
    htmx button swaps in the partial. A deputy not on the unit's open cases is a 404."""
    if request.method == "POST":
        deputy = deputy_contact_reveal(deputy_pk=pk, actor=request.user)
        details = contact_details(deputy)
        shown = True
    else:
        deputy = deputy_contactable_get(request.user, pk)
        details = [(label, mask_phone(number)) for label, number in contact_details(deputy)]
        shown = False
    template = "casework/deputy_contact.html"
    if request.htmx:
        template += "#contact"
    response = render(request, template, {"deputy": deputy, "details": details, "shown": shown})
    patch_vary_headers(response, ("HX-Request",))
    return response


class ContactViewFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="代表或查看人", method="search")
    unit = django_filters.ModelChoiceFilter(
        label="承办单位", queryset=HandlingUnit.objects.all(), empty_label="全部单位"
    )
    since = django_filters.DateFilter(
        label="起始日期", field_name="at", lookup_expr="date__gte", widget=date_input()
    )
    until = django_filters.DateFilter(
        label="截止日期", field_name="at", lookup_expr="date__lte", widget=date_input()
    )

    class Meta:
        model = DeputyContactView
        fields: list[str] = []

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style(self.form.fields)

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(deputy__name__icontains=value)
            | Q(deputy__name_initials__startswith=value.lower())
            | Q(viewer__full_name__icontains=value)
            | Q(viewer__username__icontains=value)
        )


class ContactViewListView(RendaListView):
    """联系方式查看记录: who of which unit looked at whose contact details, and when; filtered, exported."""

    template_name = "casework/contact_views.html"
    filterset_class = ContactViewFilter
    sort_fields = {"at": ["at"]}
    default_sort = "-at"
    export_filename = "代表联系方式查看记录"
    export_columns = (
        ("查看时间", lambda v: timezone.localtime(v.at).strftime("%Y-%m-%d %H:%M:%S")),
        ("承办单位", lambda v: v.unit.name),
        ("查看人", lambda v: v.viewer.display_name),
        ("用户名", lambda v: v.viewer.username),
        ("代表", lambda v: v.deputy.name),
    )

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not can(request.user, CONTACT_VIEWS):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        return contact_views_visible_to(self.request.user)
