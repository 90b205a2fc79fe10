"""Pages of the organisation: jurisdiction and townships, terms and sessions, the standing committee, its
offices and the handling units. Every signed-in user reads them; office staff edit them."""

from collections.abc import Callable
from operator import attrgetter, methodcaller
from typing import TypeVar

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from renda.accounts.http import AuthenticatedHttpRequest
from renda.core.export import xlsx_response
from renda.core.forms import form_page
from renda.core.listing import RendaListView
from renda.core.roles import capability_required
from renda.deputies.selectors import deputies_visible_to
from renda.org import selectors, services
from renda.org.forms import (
    CommitteeOfficeForm,
    CongressSessionForm,
    HandlingUnitEditForm,
    HandlingUnitFilter,
    HandlingUnitForm,
    JurisdictionForm,
    MembershipEndForm,
    MembershipForm,
    OfficeMembershipForm,
    TermCreateForm,
    TermForm,
    TownshipForm,
)

T = TypeVar("T")


def _form_page(
    request: HttpRequest,
    form: forms.BaseForm,
    *,
    title: str,
    back: str,
    save: Callable[[], T],
    success: str | Callable[[T], str],
    next_url: str | Callable[[T], str] | None = None,
) -> HttpResponse:
    """An organisation form page (core.forms.form_page on org/form.html): `back` is the URL 取消 and the
    breadcrumb lead to, and where a saved form goes unless `next_url` says otherwise."""
    return form_page(
        request,
        form,
        save=save,
        success=success,
        next_url=next_url or back,
        template="org/form.html",
        context={"title": title, "back": back},
    )


def _jurisdiction_or_404(user):
    jurisdiction = selectors.jurisdiction_for(user)
    if jurisdiction is None:
        raise Http404("尚未设置本级行政区。")
    return jurisdiction


# ---------------------------------------------------------------- jurisdiction and townships


@login_required
def jurisdiction(request: HttpRequest) -> HttpResponse:
    current = selectors.jurisdiction_for(request.user)
    townships = selectors.townships_visible_to(request.user).filter(jurisdiction=current)
    context = {"jurisdiction": current, "townships": townships, "term": selectors.term_current(current)}
    return render(request, "org/jurisdiction.html", context)


@capability_required("org.change_jurisdiction")
def jurisdiction_edit(request: AuthenticatedHttpRequest) -> HttpResponse:
    current = _jurisdiction_or_404(request.user)
    form = JurisdictionForm(request.POST or None, instance=current, initial={"version": current.version})
    return _form_page(
        request,
        form,
        title="修改行政区信息",
        back=reverse("org:jurisdiction"),
        save=lambda: services.jurisdiction_update(
            jurisdiction=current,
            expected_version=form.cleaned_data["version"],
            changes=form.changes(),
            actor=request.user,
        ),
        success="已保存行政区信息。",
    )


@capability_required("org.add_township")
def township_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    current = _jurisdiction_or_404(request.user)
    form = TownshipForm(request.POST or None)
    return _form_page(
        request,
        form,
        title="新增乡镇（街道）",
        back=reverse("org:jurisdiction"),
        save=lambda: services.township_create(jurisdiction=current, data=form.changes(), actor=request.user),
        success=lambda township: f"已新增{township.name}。",
    )


@capability_required("org.change_township")
def township_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    township = selectors.township_get_for_user(request.user, pk)
    title = f"修改乡镇（街道）：{township.name}"
    form = TownshipForm(request.POST or None, instance=township)
    return _form_page(
        request,
        form,
        title=title,
        back=reverse("org:jurisdiction"),
        save=lambda: services.township_update(township=township, changes=form.changes(), actor=request.user),
        success="已保存修改。",
    )


# ---------------------------------------------------------------- terms and congress sessions


class TermListView(RendaListView):
    template_name = "org/term_list.html"
    sort_fields = {"number": ["number"], "start_date": ["start_date"]}
    default_sort = "-number"
    export_filename = "届次"
    export_columns = [
        ("届次", str),
        ("起始日期", attrgetter("start_date")),
        ("届满日期", attrgetter("end_date")),
        ("本届", lambda t: "是" if t.is_current else "否"),
        ("人代会会议次数", attrgetter("session_count")),
        ("代表人数", attrgetter("deputy_count")),
        ("常委会组成人员（含已离任）", attrgetter("membership_count")),
    ]

    def get_base_queryset(self):
        return selectors.terms_for_list(self.request.user)


@login_required
def term_detail(request: HttpRequest, pk: int) -> HttpResponse:
    term = selectors.term_get_for_user(request.user, pk)
    return render(request, "org/term_detail.html", {"term": term, "sessions": selectors.sessions_of(term)})


@capability_required("org.add_term")
def term_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    current = _jurisdiction_or_404(request.user)
    form = TermCreateForm(request.POST or None)
    return _form_page(
        request,
        form,
        title="新增届次",
        back=reverse("org:term_list"),
        save=lambda: services.term_create(jurisdiction=current, **form.cleaned_data, actor=request.user),
        success=lambda term: f"已新增{term}。",
        next_url=lambda term: reverse("org:term_detail", args=[term.pk]),
    )


@capability_required("org.change_term")
def term_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    term = selectors.term_get_for_user(request.user, pk)
    form = TermForm(request.POST or None, instance=term)
    return _form_page(
        request,
        form,
        title=f"修改届次：{term}",
        back=reverse("org:term_detail", args=[pk]),
        save=lambda: services.term_update(term=term, changes=form.changes(), actor=request.user),
        success="已保存修改。",
    )


@capability_required("org.change_term")
@require_POST
def term_set_current(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    term = selectors.term_get_for_user(request.user, pk)
    services.term_set_current(term=term, actor=request.user)
    messages.success(request, f"已将{term}设为本届。")
    return redirect("org:term_list")


@capability_required("org.add_congresssession")
def session_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    term = selectors.term_get_for_user(request.user, pk)
    form = CongressSessionForm(request.POST or None)
    return _form_page(
        request,
        form,
        title=f"新增{term}人代会会议",
        back=reverse("org:term_detail", args=[pk]),
        save=lambda: services.congress_session_create(term=term, **form.cleaned_data, actor=request.user),
        success=lambda session: f"已新增{session}。",
    )


# ---------------------------------------------------------------- standing committee


COMMITTEE_COLUMNS = ("职务", "姓名", "所在机构", "任职日期", "离任日期")


def _membership_row(membership) -> tuple:
    office = membership.office.name if membership.office else ""
    return (
        membership.get_position_display(),
        membership.deputy.name,
        office,
        membership.start_date,
        membership.end_date,
    )


@login_required
def committee(request: HttpRequest) -> HttpResponse:
    """The current term's standing committee, chairperson first, with the statutory size check and the
    members who have left."""
    current = selectors.jurisdiction_for(request.user)
    term = selectors.term_current(current)
    members = list(selectors.committee_members_current(term))
    if request.GET.get("export") == "xlsx":
        return xlsx_response(f"{term or ''}常委会组成人员", COMMITTEE_COLUMNS, map(_membership_row, members))
    fewest, most = selectors.committee_size_limits(current)
    context = {
        "term": term,
        "members": members,
        "limits": (fewest, most),
        "size_warning": selectors.committee_size_warning(len(members), current) if term else "",
        "past": selectors.committee_members_past()[:200],
    }
    return render(request, "org/committee.html", context)


@capability_required("org.add_committeemembership")
def membership_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    term = selectors.term_current(_jurisdiction_or_404(request.user))
    if term is None:
        raise Http404("尚未设置本届届次。")
    deputies = deputies_visible_to(request.user).filter(terms=term).order_by("name_pinyin", "pk")
    form = MembershipForm(
        request.POST or None, deputies=deputies, term=term, initial={"start_date": term.start_date}
    )
    return _form_page(
        request,
        form,
        title=f"登记{term}常委会组成人员",
        back=reverse("org:committee"),
        save=lambda: services.committee_membership_create(term=term, **form.cleaned_data, actor=request.user),
        success=lambda membership: f"已登记{membership}。",
    )


@capability_required("org.change_committeemembership")
def membership_end(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    membership = selectors.membership_get_for_user(request.user, pk)
    form = MembershipEndForm(request.POST or None)
    return _form_page(
        request,
        form,
        title=f"登记离任：{membership}",
        back=reverse("org:committee"),
        save=lambda: services.committee_membership_end(
            membership=membership, end_date=form.cleaned_data["end_date"], actor=request.user
        ),
        success=lambda ended: f"已登记{ended.deputy}离任。",
    )


# ---------------------------------------------------------------- special committees' members


OFFICE_MEMBER_COLUMNS = ("专门委员会", "职务", "姓名", "常委会组成人员", "任职日期", "离任日期")


@login_required
def special_committees(request: HttpRequest) -> HttpResponse:
    """The current term's special committees, each with its members (主任委员 first), and the members who
    have left; ?export=xlsx gives the current members of every committee."""
    term = selectors.term_current(selectors.jurisdiction_for(request.user))
    seats = list(selectors.office_members_current(term))
    on_committee = set(
        selectors.committee_members_current(term).values_list("deputy_id", flat=True) if term else ()
    )
    if request.GET.get("export") == "xlsx":
        rows = (
            (
                seat.office.name,
                seat.get_position_display(),
                seat.deputy.name,
                "是" if seat.deputy_id in on_committee else "否",
                seat.start_date,
                seat.end_date,
            )
            for seat in seats
        )
        return xlsx_response(f"{term or ''}专门委员会组成人员", OFFICE_MEMBER_COLUMNS, rows)
    by_office: dict = {office: [] for office in selectors.special_committees_for_picker(request.user)}
    for seat in seats:
        by_office.setdefault(seat.office, []).append(seat)
    context = {
        "term": term,
        "committees": list(by_office.items()),
        "seat_count": len(seats),
        "on_committee": on_committee,
        "past": selectors.office_members_past()[:200],
    }
    return render(request, "org/special_committees.html", context)


@capability_required("org.add_committeeofficemembership")
def office_membership_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    term = selectors.term_current(_jurisdiction_or_404(request.user))
    if term is None:
        raise Http404("尚未设置本届届次。")
    deputies = deputies_visible_to(request.user).filter(terms=term).order_by("name_pinyin", "pk")
    form = OfficeMembershipForm(
        request.POST or None,
        deputies=deputies,
        term=term,
        offices=selectors.special_committees_for_picker(request.user),
        initial={"start_date": term.start_date, "office": request.GET.get("office")},
    )
    return _form_page(
        request,
        form,
        title=f"登记{term}专门委员会组成人员",
        back=reverse("org:special_committees"),
        save=lambda: services.committee_office_membership_create(
            term=term, **form.cleaned_data, actor=request.user
        ),
        success=lambda membership: f"已登记{membership}。",
    )


@capability_required("org.change_committeeofficemembership")
def office_membership_end(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    membership = selectors.office_membership_get_for_user(request.user, pk)
    form = MembershipEndForm(request.POST or None)
    return _form_page(
        request,
        form,
        title=f"登记离任：{membership}",
        back=reverse("org:special_committees"),
        save=lambda: services.committee_office_membership_end(
            membership=membership, end_date=form.cleaned_data["end_date"], actor=request.user
        ),
        success=lambda ended: f"已登记{ended.deputy}离任{ended.office}。",
    )


# ---------------------------------------------------------------- committee offices


class OfficeListView(RendaListView):
    template_name = "org/office_list.html"
    sort_fields = {"order": ["order", "name"], "name": ["name"], "kind": ["kind", "order"]}
    default_sort = "order"
    export_filename = "工作机构"
    export_columns = [
        ("名称", attrgetter("name")),
        ("简称", attrgetter("short_name")),
        ("类型", methodcaller("get_kind_display")),
        ("负责代表工作", lambda o: "是" if o.handles_deputies_affairs else "否"),
        ("在任常委会组成人员", attrgetter("member_count")),
        ("工作人员账号", attrgetter("staff_count")),
        ("在用", lambda o: "是" if o.active else "否"),
    ]

    def get_base_queryset(self):
        return selectors.committee_offices_for_list(self.request.user)


@capability_required("org.add_committeeoffice")
def office_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = CommitteeOfficeForm(request.POST or None)
    return _form_page(
        request,
        form,
        title="新增工作机构",
        back=reverse("org:office_list"),
        save=lambda: services.committee_office_create(data=form.changes(), actor=request.user),
        success=lambda office: f"已新增{office.name}。",
    )


@capability_required("org.change_committeeoffice")
def office_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    office = selectors.committee_office_get_for_user(request.user, pk)
    title = f"修改工作机构：{office.name}"
    form = CommitteeOfficeForm(request.POST or None, instance=office)
    return _form_page(
        request,
        form,
        title=title,
        back=reverse("org:office_list"),
        save=lambda: services.committee_office_update(
            office=office, changes=form.changes(), actor=request.user
        ),
        success="已保存修改。",
    )


# ---------------------------------------------------------------- handling units


class UnitListView(RendaListView):
    template_name = "org/unit_list.html"
    filterset_class = HandlingUnitFilter
    sort_fields = {"order": ["order", "name"], "name": ["name"], "kind": ["kind", "order", "name"]}
    default_sort = "order"
    export_filename = "承办单位"
    export_columns = [
        ("名称", attrgetter("name")),
        ("简称", attrgetter("short_name")),
        ("类型", methodcaller("get_kind_display")),
        ("上级单位", lambda u: str(u.parent or "")),
        ("联系人", attrgetter("contact_person")),
        ("联系电话", attrgetter("contact_phone")),
        ("在用", lambda u: "是" if u.active else "否"),
    ]

    def get_base_queryset(self):
        return selectors.handling_units_for_list(self.request.user)


@login_required
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit = selectors.handling_unit_get_for_user(request.user, pk)
    context = {"unit": unit, "history": selectors.handling_unit_history(unit)}
    return render(request, "org/unit_detail.html", context)


@capability_required("org.add_handlingunit")
def unit_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = HandlingUnitForm(request.POST or None)
    return _form_page(
        request,
        form,
        title="新增承办单位",
        back=reverse("org:unit_list"),
        save=lambda: services.handling_unit_create(data=form.changes(), actor=request.user),
        success=lambda unit: f"已新增承办单位{unit.name}。",
        next_url=lambda unit: reverse("org:unit_detail", args=[unit.pk]),
    )


@capability_required("org.change_handlingunit")
def unit_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    unit = selectors.handling_unit_get_for_user(request.user, pk)
    title = f"修改承办单位：{unit.name}"
    form = HandlingUnitEditForm(request.POST or None, instance=unit, initial={"version": unit.version})
    return _form_page(
        request,
        form,
        title=title,
        back=reverse("org:unit_detail", args=[pk]),
        save=lambda: services.handling_unit_update(
            unit=unit,
            expected_version=form.cleaned_data["version"],
            changes=form.changes(),
            actor=request.user,
        ),
        success="已保存修改。",
    )
