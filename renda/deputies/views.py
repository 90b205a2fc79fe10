# ---------------------------------------------------------------- deputies, groups, delegations, import, composition
from operator import attrgetter, methodcaller
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from renda.accounts.http import AuthenticatedHttpRequest
from renda.core.export import xlsx_response
from renda.core.formats import percent
from renda.core.forms import form_page
from renda.core.imports import template_response
from renda.core.listing import RendaListView
from renda.core.roles import Role, can, capability_required, has_role
from renda.core.rules import rule
from renda.deputies import selectors, services
from renda.deputies.choices import DeputyStatus
from renda.deputies.forms import (
    IMPORT_EXAMPLE,
    PICK_LIMIT,
    ActivityFilter,
    ActivityForm,
    CompositionFilter,
    DelegationFilter,
    DelegationForm,
    DeputyEditForm,
    DeputyFilter,
    DeputyForm,
    DeputyGroupForm,
    DeputyImportForm,
    DeputyImportRowForm,
    DeputySelfForm,
    DeputyStatusForm,
    GroupFilter,
    LabelChoiceField,
    NameListField,
    ReceptionDayFilter,
    ReceptionDayForm,
    ReceptionRecordForm,
    StationDeputiesForm,
    StationFilter,
    StationForm,
    deputy_label,
)
from renda.deputies.models import LiaisonStation
from renda.deputies.selectors import (
    activities_own,
    activity_get_for_edit,
    activity_list_for,
    can_manage_station,
    deputy_search,
    own_scope,
    reception_day_get_for_recording,
    reception_day_list_for,
    reception_days_own,
    station_counts_by_kind,
    station_counts_text,
    station_detail_for,
    station_list_for,
    station_page,
    stations_managed_by,
)
from renda.deputies.services import STATION_FIELDS


@login_required
def deputy_pick(request: HttpRequest) -> JsonResponse:
    """What a deputy picker (core.forms.RemoteSelect) offers as one types: the first deputies in office whose
    name or pinyin matches `q` (`all=1`: whatever their status; `township=<id>` or `term=<id>`: of that
    township or term only, as a station's or a term's picker accepts), labelled as the picker labels them."""
    deputies = selectors.deputies_visible_to(request.user)
    if request.GET.get("all") != "1":
        deputies = deputies.filter(status=DeputyStatus.ACTIVE)
    for name, lookup in (("township", "township_id"), ("term", "terms")):
        value = request.GET.get(name, "")
        if value:
            deputies = deputies.filter(**{lookup: int(value)}) if value.isdigit() else deputies.none()
    found = deputy_search(deputies, request.GET.get("q", "")[:50]).select_related("township")
    rows = found.order_by("name_pinyin", "pk")[:PICK_LIMIT]
    results = [{"value": deputy.pk, "text": deputy_label(deputy)} for deputy in rows]
    return JsonResponse({"results": results}, json_dumps_params={"ensure_ascii": False})


class DeputyListView(RendaListView):
    template_name = "deputies/deputy_list.html"
    filterset_class = DeputyFilter
    sort_fields = {
        "name": ["name_pinyin"],
        "birth_date": ["birth_date"],
        "township": ["township__order", "name_pinyin"],
    }
    default_sort = "name"
    export_filename = "代表名册"

    def get_base_queryset(self):
        return selectors.deputies_for_list(self.request.user)

    def get_export_columns(self):
        user = self.request.user
        return [
            ("姓名", attrgetter("name")),
            ("性别", methodcaller("get_gender_display")),
            ("民族", attrgetter("ethnicity")),
            ("出生日期", attrgetter("birth_date")),
            ("政治面貌", methodcaller("get_affiliation_display")),
            ("学历", methodcaller("get_education_display")),
            ("工作单位及职务", attrgetter("occupation")),
            ("职称", attrgetter("title")),
            ("界别（代表结构）", methodcaller("get_sector_display")),
            ("基层代表", lambda d: "是" if d.is_grassroots else "否"),
            ("代表层级", methodcaller("get_level_display")),
            ("所在乡镇（街道）", lambda d: str(d.township or "")),
            ("选区", lambda d: str(d.constituency or "")),
            ("进驻联络站", lambda d: str(d.station or "")),
            ("手机号", lambda d: selectors.deputy_phone_for(user, d)),
            ("状态", methodcaller("get_status_display")),
        ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        for deputy in context["object_list"]:
            deputy.phone_shown = selectors.deputy_phone_for(self.request.user, deputy)
        context["scope_label"] = selectors.scope_label(self.request.user, **self.filterset.scope())
        return context


@login_required
def deputy_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render(
        request, "deputies/deputy_detail.html", {"profile": selectors.deputy_profile(request.user, pk)}
    )


@capability_required("deputies.add_deputy")
def deputy_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = DeputyForm(request.POST or None)
    return form_page(
        request,
        form,
        save=lambda: services.deputy_create(data=form.changes(), actor=request.user),
        success=lambda deputy: f"已新增代表{deputy.name}。",
        next_url=lambda deputy: reverse("deputies:deputy_detail", args=[deputy.pk]),
        template="deputies/deputy_form.html",
        context={"title": "新增代表"},
    )


@login_required
def deputy_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    deputy = selectors.deputy_get_for_user(request.user, pk)
    if not selectors.can_edit_deputy(request.user, deputy):
        raise PermissionDenied("代表只能修改本人的信息。")
    name = deputy.name
    form_class = DeputyEditForm if can(request.user, "deputies.change_deputy") else DeputySelfForm
    form = form_class(request.POST or None, instance=deputy, initial={"version": deputy.version})
    return form_page(
        request,
        form,
        save=lambda: services.deputy_update(
            deputy=deputy,
            expected_version=form.cleaned_data["version"],
            changes=form.changes(),
            actor=request.user,
        ),
        success="已保存修改。",
        next_url=reverse("deputies:deputy_detail", args=[pk]),
        template="deputies/deputy_form.html",
        context={"deputy_pk": pk, "title": f"修改代表信息：{name}"},
    )


@capability_required("deputies.change_deputy")
def deputy_status(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    deputy = selectors.deputy_get_for_user(request.user, pk)
    form = DeputyStatusForm(
        request.POST or None, initial={"status": deputy.status, "version": deputy.version}
    )
    return form_page(
        request,
        form,
        save=lambda: services.deputy_status_change(
            deputy=deputy,
            expected_version=form.cleaned_data["version"],
            status=form.cleaned_data["status"],
            date=form.cleaned_data["status_date"],
            reason=form.cleaned_data["status_reason"],
            actor=request.user,
        ),
        success=lambda saved: f"已将{deputy.name}的状态变更为“{saved.get_status_display()}”。",
        next_url=reverse("deputies:deputy_detail", args=[pk]),
        template="deputies/deputy_status.html",
        context={"deputy": deputy},
    )


def import_columns() -> list[tuple[str, bool, str]]:
    """(header, required, what to write) for every column of the import sheet."""
    columns = []
    for field in DeputyImportRowForm.base_fields.values():
        if isinstance(field, LabelChoiceField):
            labels = [label for label, _ in cast(list[tuple[str, Any]], field.choices)]
            hint = "、".join(labels) if len(labels) <= 15 else f"{'、'.join(labels[:6])}等，共{len(labels)}项"
        elif isinstance(field, NameListField):
            hint = f"已有{field.label}的名称，多个用“、”分隔"
        elif isinstance(field, forms.ModelChoiceField):
            hint = f"已有{field.label}的名称"
        elif isinstance(field, forms.DateField):
            hint = "如 1975年5月1日"
        else:
            hint = ""
        columns.append((str(field.label), field.required, hint))
    return columns


@capability_required("deputies.import_deputies")
def deputy_import(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = DeputyImportForm(request.POST or None, request.FILES or None)
    return form_page(
        request,
        form,
        save=lambda: services.deputies_import(
            rows=form.cleaned_data["rows"], term=form.cleaned_data["term"], actor=request.user
        ),
        success=lambda counts: f"已导入{sum(counts)}名代表（新增{counts[0]}名，连任{counts[1]}名）。",
        next_url=lambda counts: f"{reverse('deputies:deputy_list')}?term={form.cleaned_data['term'].pk}",
        template="deputies/import.html",
        context={"columns": import_columns()},
    )


@capability_required("deputies.import_deputies")
def deputy_import_template(request: HttpRequest) -> HttpResponse:
    return template_response("代表导入模板", DeputyImportRowForm, IMPORT_EXAMPLE)


PIE_CHARTS = {"gender", "ethnicity", "is_grassroots", "affiliation"}


def composition_chart(breakdown: selectors.Breakdown) -> dict:
    """The ECharts option of one breakdown: a ring for few or unordered categories, bars otherwise."""
    if breakdown.key in PIE_CHARTS:
        data = [{"name": share.label, "value": share.count} for share in breakdown.shares if share.count]
        return {
            "tooltip": {"trigger": "item", "formatter": "{b}：{c}人（{d}%）"},
            "legend": {"type": "scroll", "bottom": 0},
            "series": [{"name": breakdown.title, "type": "pie", "radius": ["35%", "62%"], "data": data}],
        }
    return {
        "tooltip": {"trigger": "axis"},
        "grid": {"left": 8, "right": 8, "top": 16, "bottom": 8, "containLabel": True},
        "xAxis": {
            "type": "category",
            "data": [share.label for share in breakdown.shares],
            "axisLabel": {"interval": 0, "rotate": 30},
        },
        "yAxis": {"type": "value", "minInterval": 1},
        "series": [{"name": "人数", "type": "bar", "data": [share.count for share in breakdown.shares]}],
    }


@login_required
def composition(request: HttpRequest) -> HttpResponse:
    filterset = CompositionFilter(
        request.GET or None, queryset=selectors.deputies_visible_to(request.user), request=request
    )
    total, breakdowns = selectors.deputy_composition(filterset.qs)
    if request.GET.get("export") == "xlsx":
        rows = [("代表总数", selectors.scope_label(request.user, **filterset.scope()), total, "")]
        rows += [(b.title, s.label, s.count, percent(s.count, total)) for b in breakdowns for s in b.shares]
        return xlsx_response("代表构成统计", ["项目", "类别", "人数", "占比"], rows)
    charts = [(b, f"chart-{b.key}", composition_chart(b)) for b in breakdowns]
    context = {
        "filter": filterset,
        "total": total,
        "charts": charts,
        "scope_label": selectors.scope_label(request.user, **filterset.scope()),
    }
    return render(request, "deputies/composition.html", context)


class GroupListView(RendaListView):
    template_name = "deputies/group_list.html"
    filterset_class = GroupFilter
    sort_fields = {"name": ["name"], "members": ["member_count"]}
    default_sort = "name"
    export_filename = "代表小组"
    export_columns = [
        ("名称", attrgetter("name")),
        ("类型", methodcaller("get_kind_display")),
        ("乡镇（街道）", lambda g: str(g.township or "")),
        ("组长", lambda g: str(g.leader or "")),
        ("成员人数", attrgetter("member_count")),
    ]

    def get_base_queryset(self):
        return selectors.groups_for_list(self.request.user)


@login_required
def group_detail(request: HttpRequest, pk: int) -> HttpResponse:
    group = selectors.group_get_for_user(request.user, pk)
    return render(
        request, "deputies/group_detail.html", {"group": group, "members": selectors.members_of(group)}
    )


@capability_required("deputies.add_deputygroup")
def group_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = DeputyGroupForm(request.POST or None)
    return form_page(
        request,
        form,
        save=lambda: services.deputy_group_create(
            data=form.record_data(), members=form.cleaned_data["members"], actor=request.user
        ),
        success=lambda group: f"已新增代表小组{group.name}。",
        next_url=lambda group: reverse("deputies:group_detail", args=[group.pk]),
        template="deputies/group_form.html",
        context={"title": "新增代表小组"},
    )


@capability_required("deputies.change_deputygroup")
def group_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    group = selectors.group_get_for_user(request.user, pk)
    title = f"修改代表小组：{group.name}"
    form = DeputyGroupForm(request.POST or None, instance=group)
    return form_page(
        request,
        form,
        save=lambda: services.deputy_group_update(
            group=group, data=form.record_data(), members=form.cleaned_data["members"], actor=request.user
        ),
        success="已保存修改。",
        next_url=reverse("deputies:group_detail", args=[pk]),
        template="deputies/group_form.html",
        context={"title": title, "group_pk": pk},
    )


class DelegationListView(RendaListView):
    template_name = "deputies/delegation_list.html"
    filterset_class = DelegationFilter
    sort_fields = {"name": ["township__order", "name"], "members": ["member_count"]}
    default_sort = "name"
    export_filename = "代表团"
    export_columns = [
        ("届次", lambda d: str(d.term)),
        ("名称", attrgetter("name")),
        ("乡镇（街道）", lambda d: str(d.township or "")),
        ("团长", lambda d: str(d.leader or "")),
        ("成员人数", attrgetter("member_count")),
    ]

    def get_base_queryset(self):
        return selectors.delegations_for_list(self.request.user)


@login_required
def delegation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    delegation = selectors.delegation_get_for_user(request.user, pk)
    context = {"delegation": delegation, "members": selectors.members_of(delegation)}
    return render(request, "deputies/delegation_detail.html", context)


@capability_required("deputies.add_delegation")
def delegation_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = DelegationForm(request.POST or None)
    return form_page(
        request,
        form,
        save=lambda: services.delegation_create(
            data=form.record_data(), members=form.cleaned_data["members"], actor=request.user
        ),
        success=lambda delegation: f"已新增代表团{delegation.name}。",
        next_url=lambda delegation: reverse("deputies:delegation_detail", args=[delegation.pk]),
        template="deputies/delegation_form.html",
        context={"title": "新增代表团"},
    )


@capability_required("deputies.change_delegation")
def delegation_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    delegation = selectors.delegation_get_for_user(request.user, pk)
    title = f"修改代表团：{delegation.name}"
    form = DelegationForm(request.POST or None, instance=delegation)
    return form_page(
        request,
        form,
        save=lambda: services.delegation_update(
            delegation=delegation,
            data=form.record_data(),
            members=form.cleaned_data["members"],
            actor=request.user,
        ),
        success="已保存修改。",
        next_url=reverse("deputies:delegation_detail", args=[pk]),
        template="deputies/delegation_form.html",
        context={"title": title, "delegation_pk": pk},
    )


# ---------------------------------------------------------------- liaison stations, reception days, activities


def _managing(user) -> dict:
    """Template flags: office staff manage every station, a keeper only `managed_station_id`."""
    return {
        "manage_all": can(user, "deputies.manage_stations"),
        "managed_station_id": user.station_id if has_role(user, Role.KEEPER) else None,
    }


def _everyone(request: HttpRequest) -> bool:
    """?whose=all: the whole county's reception days or activities instead of the user's own."""
    return request.GET.get("whose") == "all"


def _own_toggle(request: HttpRequest) -> dict:
    """Template values of the 本站/我的 ↔ 全部 switch above a list that starts from the user's own."""
    scope = own_scope(request.user)
    return {"own_label": {"station": "本站", "deputy": "我的"}.get(scope, ""), "everyone": _everyone(request)}


def _station_from_query(request: HttpRequest, stations) -> LiaisonStation | None:
    """The station named by ?station=… among those the user manages; any other is a 404."""
    pk = request.GET.get("station")
    if not pk:
        return None
    try:
        return stations.get(pk=pk)
    except (LiaisonStation.DoesNotExist, ValueError, TypeError):
        raise Http404("没有找到该联络站。") from None


def _deputy_names(deputies) -> str:
    return "、".join(deputy.name for deputy in deputies)


class StationListView(RendaListView):
    template_name = "deputies/station_list.html"
    filterset_class = StationFilter
    sort_fields = {
        "name": ["name"],
        "kind": ["kind", "name"],
        "township": ["township__order", "name"],
        "deputies": ["deputy_count", "name"],
    }
    export_filename = "代表联络站"
    export_columns = [
        ("名称", attrgetter("name")),
        ("类型", lambda s: s.get_kind_display()),
        ("乡镇（街道）", lambda s: str(s.township or "")),
        ("上级联络站", lambda s: str(s.parent or "")),
        ("地址", attrgetter("address")),
        ("开放时间", attrgetter("opening_hours")),
        ("联系电话", attrgetter("contact_phone")),
        ("示范站", lambda s: s.get_model_level_display() if s.is_model else "否"),
        ("在用", lambda s: "是" if s.active else "否"),
        ("进驻代表数", attrgetter("deputy_count")),
    ]

    def get_base_queryset(self):
        return station_list_for(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = station_counts_by_kind(self.filterset.qs)
        context.update(
            kind_counts=counts,
            kind_counts_text=station_counts_text(counts),
            can_edit=can(self.request.user, "deputies.manage_stations"),
        )
        return context


@login_required
def station_detail(request: HttpRequest, pk: int) -> HttpResponse:
    station = station_detail_for(request.user, pk)
    can_edit = can(request.user, "deputies.manage_stations")
    context = {
        "station": station,
        **station_page(station),
        "can_edit": can_edit,
        "can_manage": can_manage_station(request.user, station),
        "deputies_form": StationDeputiesForm(station=station) if can_edit else None,
        "today": timezone.localdate(),
    }
    return render(request, "deputies/station_detail.html", context)


@login_required
def station_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not can(request.user, "deputies.manage_stations"):
        raise PermissionDenied
    form = StationForm(request.POST or None)
    return form_page(
        request,
        form,
        save=lambda: services.station_create(data=form.cleaned_data, actor=request.user),
        success=lambda station: f"已新增联络站“{station.name}”。",
        next_url=lambda station: reverse("deputies:station_detail", args=[station.pk]),
        template="deputies/station_form.html",
        context={"station": None},
    )


@login_required
def station_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    if not can(request.user, "deputies.manage_stations"):
        raise PermissionDenied
    station = station_detail_for(request.user, pk)
    form = StationForm(request.POST or None, instance=station, initial={"version": station.version})
    return form_page(
        request,
        form,
        save=lambda: services.station_update(
            station=station,
            expected_version=form.cleaned_data["version"],
            changes={name: form.cleaned_data[name] for name in STATION_FIELDS},
            actor=request.user,
        ),
        success="联络站信息已保存。",
        next_url=reverse("deputies:station_detail", args=[station.pk]),
        template="deputies/station_form.html",
        context={"station": station},
    )


@login_required
@require_POST
def station_deputies(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    if not can(request.user, "deputies.manage_stations"):
        raise PermissionDenied
    station = station_detail_for(request.user, pk)
    form = StationDeputiesForm(request.POST, station=station)
    if form.is_valid():
        services.station_deputies_assign(
            station=station, deputies=form.cleaned_data["deputies"], actor=request.user
        )
        messages.success(request, "进驻代表已更新。")
    else:
        messages.error(request, "所选代表无效，请刷新页面后重新选择。")
    return redirect("deputies:station_detail", pk=station.pk)


class ReceptionListView(RendaListView):
    template_name = "deputies/reception_list.html"
    filterset_class = ReceptionDayFilter
    sort_fields = {"date": ["date", "start_time"], "station": ["station__name", "date"]}
    default_sort = "-date"
    export_filename = "接待日"
    export_columns = [
        ("接待日期", attrgetter("date")),
        ("时间", lambda r: f"{r.start_time:%H:%M}-{r.end_time:%H:%M}"),
        ("联络站", lambda r: r.station.name),
        ("乡镇（街道）", lambda r: str(r.station.township or "")),
        ("接待主题", attrgetter("topic")),
        ("接待代表", lambda r: _deputy_names(r.deputies.all())),
        ("公告时间", lambda r: timezone.localtime(r.announced_at).replace(tzinfo=None)),
        ("已登记接待", lambda r: "是" if hasattr(r, "activity") else "否"),
    ]

    def get_base_queryset(self):
        found = reception_day_list_for(self.request.user)
        return found if _everyone(self.request) else reception_days_own(self.request.user, found)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(_managing(self.request.user) | _own_toggle(self.request), today=timezone.localdate())
        return context


def _station_picker_refresh(form, url: str) -> None:
    """Changing the station re-renders the deputies picker (its own deputies first) through htmx."""
    form.fields["station"].widget.attrs.update(
        {
            "hx-get": url,
            "hx-trigger": "change",
            "hx-target": "#deputies-picker",
            "hx-select": "#deputies-picker",
            "hx-swap": "outerHTML",
        }
    )


@login_required
def reception_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    stations = stations_managed_by(request.user)
    office = can(request.user, "deputies.manage_stations")
    if not office and not stations.exists():
        raise PermissionDenied
    station = _station_from_query(request, stations) or (None if office else stations.first())
    form = ReceptionDayForm(request.POST or None, stations=stations, initial={"station": station})
    _station_picker_refresh(form, reverse("deputies:reception_create"))
    return form_page(
        request,
        form,
        save=lambda: services.reception_day_announce(**form.cleaned_data, actor=request.user),
        success=lambda reception_day: f"已公告{reception_day.station.name}的接待日。",
        next_url=lambda reception_day: reverse("deputies:station_detail", args=[reception_day.station_id]),
        template="deputies/reception_form.html",
        context={"notice_days": rule("reception_notice_days")},
    )


@login_required
def reception_record(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    reception_day = reception_day_get_for_recording(request.user, pk)
    form = ReceptionRecordForm(request.POST or None)
    return form_page(
        request,
        form,
        save=lambda: services.reception_day_record(
            reception_day=reception_day, summary=form.cleaned_data["summary"], actor=request.user
        ),
        success="已登记接待情况，并记入代表履职活动。",
        next_url="deputies:reception_list",
        template="deputies/reception_record.html",
        context={"reception_day": reception_day},
    )


class ActivityListView(RendaListView):
    template_name = "deputies/activity_list.html"
    filterset_class = ActivityFilter
    sort_fields = {"date": ["date"], "kind": ["kind", "-date"], "title": ["title"]}
    default_sort = "-date"
    export_filename = "履职活动"
    export_columns = [
        ("日期", attrgetter("date")),
        ("活动类型", lambda a: a.get_kind_display()),
        ("活动名称", attrgetter("title")),
        ("地点", attrgetter("place")),
        ("联络站", lambda a: str(a.station or "")),
        ("参加代表", lambda a: _deputy_names(a.deputies.all())),
        ("内容摘要", attrgetter("summary")),
    ]

    def get_base_queryset(self):
        found = activity_list_for(self.request.user)
        return found if _everyone(self.request) else activities_own(self.request.user, found)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(_managing(self.request.user) | _own_toggle(self.request))
        return context


@login_required
def activity_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    stations = stations_managed_by(request.user)
    office = can(request.user, "deputies.manage_stations")
    if not office and not stations.exists():
        raise PermissionDenied
    station = _station_from_query(request, stations) or (None if office else stations.first())
    form = ActivityForm(
        request.POST or None, stations=stations, station_required=not office, initial={"station": station}
    )
    _station_picker_refresh(form, reverse("deputies:activity_create"))
    return form_page(
        request,
        form,
        save=lambda: services.activity_create(data=form.cleaned_data, actor=request.user),
        success=lambda activity: f"已登记履职活动“{activity.title}”。",
        next_url="deputies:activity_list",
        template="deputies/activity_form.html",
        context={"activity": None},
    )


@login_required
def activity_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    activity = activity_get_for_edit(request.user, pk)
    office = can(request.user, "deputies.manage_stations")
    form = ActivityForm(
        request.POST or None,
        instance=activity,
        stations=stations_managed_by(request.user),
        station_required=not office,
    )
    return form_page(
        request,
        form,
        save=lambda: services.activity_update(
            activity=activity, changes=form.cleaned_data, actor=request.user
        ),
        success="履职活动已保存。",
        next_url="deputies:activity_list",
        template="deputies/activity_form.html",
        context={"activity": activity},
    )
