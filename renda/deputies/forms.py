# ---------------------------------------------------------------- deputies, groups, delegations, import, composition
import re
from typing import cast

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, RegexValidator
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.http import urlencode

from renda.core.forms import RemoteSelect, RemoteSelectMultiple, choice_labels, date_input, style
from renda.core.imports import headers_of, read_xlsx, validate_rows
from renda.deputies.choices import (
    ETHNICITY_CHOICES,
    ActivityKind,
    Affiliation,
    DeputyStatus,
    Education,
    Gender,
    GroupKind,
    Level,
    Sector,
    StationKind,
)
from renda.deputies.models import Activity, Constituency, Delegation, Deputy, DeputyGroup, LiaisonStation
from renda.deputies.selectors import (
    LEVEL_CHOICES,
    OWN,
    STATUS_CHOICES,
    congress_of,
    deputies_in_scope,
    deputies_short_of_receptions,
    deputy_search,
)
from renda.deputies.services import (
    ACTIVITY_FIELDS,
    DEPUTY_SELF_FIELDS,
    RETIRED_ACTIVITY_KINDS,
    STATION_FIELDS,
)
from renda.org.models import Term, Township

PHONE_VALIDATOR = RegexValidator(
    r"^(1\d{10}|0\d{2,3}-?\d{7,8})$", "请填写11位手机号，或带区号的固定电话（如 0857-1234567）。"
)
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y%m%d"]
IMPORT_MAX_BYTES = 10 * 1024 * 1024
PICK_LIMIT = 20  # deputies a picker offers for what one has typed


def deputy_label(deputy: Deputy) -> str:
    """A deputy as pickers show them: the township tells apart two of the same name."""
    return f"{deputy.name}（{deputy.township or '—'}）"


def deputy_picker(
    *,
    many: bool = False,
    every_status: bool = False,
    township_id: int | None = None,
    term_id: int | None = None,
) -> RemoteSelect:
    """The widget for a field choosing deputies: found as one types (views.deputy_pick), not 100,000
    options. It offers deputies in office, or of `every_status` where the field takes any deputy; only those
    of one township (`township_id`) or of one term (`term_id`) where the field takes no others. The field's
    queryset still decides what is accepted."""
    widget = RemoteSelectMultiple if many else RemoteSelect
    query = {"all": "1"} if every_status else {}
    for name, value in (("township", township_id), ("term", term_id)):
        if value is not None:
            query[name] = str(value)
    return widget(_pick_url(query), deputy_label)


def _pick_url_now(query: dict) -> str:
    url = reverse("deputies:deputy_pick")
    return f"{url}?{urlencode(query)}" if query else url


_pick_url = lazy(_pick_url_now, str)  # fields are declared before the URLconf is loaded


class DeputyForm(forms.ModelForm):
    """The office's form: every field of the record except its status (changed with DeputyStatusForm)."""

    phone = forms.CharField(label="手机号", max_length=20, required=False, validators=[PHONE_VALIDATOR])

    class Meta:
        model = Deputy
        fields = [
            "name",
            "gender",
            "ethnicity",
            "birth_date",
            "affiliation",
            "education",
            "occupation",
            "title",
            "sector",
            "is_grassroots",
            "level",
            "terms",
            "township",
            "constituency",
            "station",
            "phone",
        ]
        widgets = {"birth_date": date_input(), "terms": forms.SelectMultiple(attrs={"size": 4})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        constituency = cast(forms.ModelChoiceField, self.fields["constituency"])
        constituency.queryset = Constituency.objects.select_related("term")
        choice_labels(constituency, lambda c: f"{c.term} {c.name}")
        style(self.fields)

    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields or ()}


class DeputyEditForm(DeputyForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class DeputySelfForm(forms.ModelForm):
    """A deputy's form for their own record: contact details only."""

    phone = forms.CharField(label="手机号", max_length=20, required=False, validators=[PHONE_VALIDATOR])
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Deputy
        fields = list(DEPUTY_SELF_FIELDS)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style(self.fields)

    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields or ()}


class DeputyStatusForm(forms.Form):
    status = forms.ChoiceField(label="状态", choices=DeputyStatus.choices)
    status_date = forms.DateField(label="变更日期", widget=date_input())
    status_reason = forms.CharField(label="变更原因", max_length=200, help_text="如：因工作调动辞去代表职务")
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style(self.fields)


def level_filter(choices=LEVEL_CHOICES) -> django_filters.ChoiceFilter:
    """代表层级: 本级 (the user's own congress, the default), another level, or 全部 (see DeputyScopeMixin)."""
    return django_filters.ChoiceFilter(
        label="代表层级",
        choices=choices,
        empty_label=None,
        method="scope_later",
        help_text="默认本级（本人所在的人大）；可选其他层级或全部",
    )


def status_filter() -> django_filters.ChoiceFilter:
    """状态: 在任 by default, 已离任, one status, or 全部 (see DeputyScopeMixin)."""
    return django_filters.ChoiceFilter(
        label="状态",
        choices=STATUS_CHOICES,
        empty_label=None,
        method="scope_later",
        help_text="默认在任；可选已离任、某一状态或全部",
    )


class DeputyScopeMixin:
    """A FilterSet of deputies that starts from the default scope (selectors.deputies_in_scope): serving
    deputies of the user's own congress. Its `level` and `status` filters (level_filter, status_filter) show
    their defaults when the request names none, so the filter bar says what the list holds and an export of
    the same address holds the same; the scope is applied once, after the other filters."""

    SCOPE_DEFAULTS = (("level", OWN), ("status", DeputyStatus.ACTIVE.value))

    def __init__(self, data=None, *args, **kwargs) -> None:
        data = data.copy() if data is not None else QueryDict(mutable=True)
        for name, default in self.SCOPE_DEFAULTS:
            if name in self.base_filters and not data.get(name):  # type: ignore[attr-defined]
                data[name] = default
        super().__init__(data, *args, **kwargs)  # type: ignore[call-arg]
        fields = self.form.fields  # type: ignore[attr-defined]
        if "level" in fields:
            own = congress_of(self.scope_user())
            fields["level"].choices = [
                (value, f"本级（{own.label}）" if value == OWN else label)
                for value, label in fields["level"].choices
            ]

    def scope_user(self):
        return getattr(self.request, "user", None)  # type: ignore[attr-defined]

    def scope_later(self, queryset, name, value):
        return queryset

    def scope(self) -> dict[str, str]:
        """The level and status asked for (an invalid value counts as none: the default)."""
        data = getattr(self.form, "cleaned_data", {})  # type: ignore[attr-defined]
        return {name: data.get(name) or default for name, default in self.SCOPE_DEFAULTS}

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)  # type: ignore[misc]
        return deputies_in_scope(queryset, self.scope_user(), **self.scope())


class DeputyFilter(DeputyScopeMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="姓名",
        method="search",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "姓名或拼音，如 zs"}),
    )
    township = django_filters.ModelChoiceFilter(
        label="乡镇（街道）", queryset=Township.objects.only("id", "name"), empty_label="全部"
    )
    level = level_filter()
    sector = django_filters.ChoiceFilter(label="界别", choices=Sector.choices, empty_label="全部")
    group = django_filters.ModelChoiceFilter(
        label="代表小组",
        field_name="groups",
        queryset=DeputyGroup.objects.only("id", "name"),
        empty_label="全部",
    )
    station = django_filters.ModelChoiceFilter(
        label="联络站", queryset=LiaisonStation.objects.only("id", "name"), empty_label="全部"
    )
    status = status_filter()
    term = django_filters.ModelChoiceFilter(
        label="届次", field_name="terms", queryset=Term.objects.all(), empty_label="全部"
    )
    few_receptions = django_filters.BooleanFilter(
        label="今年接待选民不足",
        method="short_of_receptions",
        widget=forms.CheckboxInput,
        help_text="在任代表今年进站接待选民次数少于规定次数",
    )

    class Meta:
        model = Deputy
        fields: list[str] = []

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style(self.form.fields)

    def search(self, queryset, name, value):
        return deputy_search(queryset, value)

    def short_of_receptions(self, queryset, name, value):
        return deputies_short_of_receptions(queryset, timezone.localdate().year) if value else queryset


class CompositionFilter(DeputyScopeMixin, django_filters.FilterSet):
    term = django_filters.ModelChoiceFilter(
        label="届次", field_name="terms", queryset=Term.objects.all(), empty_label="全部"
    )
    level = level_filter()
    township = django_filters.ModelChoiceFilter(
        label="乡镇（街道）", queryset=Township.objects.only("id", "name"), empty_label="全部"
    )
    status = status_filter()

    class Meta:
        model = Deputy
        fields: list[str] = []

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style(self.form.fields)


class LabelChoiceField(forms.TypedChoiceField):
    """A choice written as its Chinese label, as people type it in Excel; cleans to the stored value."""

    def __init__(self, *, choices, **kwargs) -> None:
        values = {str(label): value for value, label in choices}
        kwargs.setdefault("empty_value", "")
        super().__init__(choices=[(label, label) for label in values], coerce=values.__getitem__, **kwargs)
        self.error_messages["invalid_choice"] = f"“%(value)s”不是可选值，可填：{'、'.join(values)}。"


def named_choice(queryset, *, label: str) -> forms.ModelChoiceField:
    """An object matched by its name; an unknown name is an error."""
    return forms.ModelChoiceField(
        queryset,
        to_field_name="name",
        label=label,
        required=False,
        error_messages={"invalid_choice": f"没有名为“%(value)s”的{label}。"},
    )


class NameListField(forms.CharField):
    """Names separated by 、 or commas, each matched against `queryset`; cleans to the objects."""

    def __init__(self, *, queryset, **kwargs) -> None:
        self.queryset = queryset
        super().__init__(**kwargs)

    def clean(self, value):
        text = super().clean(value)
        names = list(dict.fromkeys(name.strip() for name in re.split(r"[、，,；;]", text) if name.strip()))
        if not names:
            return []
        found = {obj.name: obj for obj in self.queryset.filter(name__in=names)}
        unknown = [name for name in names if name not in found]
        if unknown:
            raise ValidationError(f"没有名为“{'、'.join(unknown)}”的{self.label}。")
        return [found[name] for name in names]


class DeputyImportRowForm(forms.Form):
    """One row of the import sheet; the field labels are the sheet's headers."""

    name = forms.CharField(label="姓名", max_length=30)
    gender = LabelChoiceField(label="性别", choices=Gender.choices)
    ethnicity = LabelChoiceField(label="民族", choices=ETHNICITY_CHOICES)
    birth_date = forms.DateField(label="出生日期", required=False, input_formats=DATE_INPUT_FORMATS)
    affiliation = LabelChoiceField(label="政治面貌", choices=Affiliation.choices)
    education = LabelChoiceField(label="学历", choices=Education.choices, required=False)
    occupation = forms.CharField(label="工作单位及职务", max_length=120, required=False)
    title = forms.CharField(label="职称", max_length=50, required=False)
    sector = LabelChoiceField(label="界别（代表结构）", choices=Sector.choices)
    is_grassroots = LabelChoiceField(
        label="基层代表", choices=[(True, "是"), (False, "否")], required=False, empty_value=False
    )
    level = LabelChoiceField(label="代表层级", choices=Level.choices)
    township = named_choice(Township.objects.all(), label="乡镇（街道）")
    constituency = named_choice(Constituency.objects.none(), label="选区")
    station = named_choice(LiaisonStation.objects.all(), label="联络站")
    groups = NameListField(label="代表小组", queryset=DeputyGroup.objects.all(), required=False)
    phone = forms.CharField(label="手机号", max_length=20, required=False, validators=[PHONE_VALIDATOR])

    def __init__(self, *args, term: Term, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        constituency = cast(forms.ModelChoiceField, self.fields["constituency"])
        constituency.queryset = Constituency.objects.filter(term=term)


IMPORT_EXAMPLE = {
    "name": "张三",
    "gender": "男",
    "ethnicity": "汉族",
    "birth_date": "1975-05-01",
    "affiliation": "中共党员",
    "education": "大学本科",
    "occupation": "某某镇某某村党支部书记",
    "sector": "农民",
    "is_grassroots": "是",
    "level": "县级",
    "phone": "13800000000",
}


class DeputyImportForm(forms.Form):
    term = forms.ModelChoiceField(
        label="届次", queryset=Term.objects.all(), help_text="导入的代表均列入该届。"
    )
    file = forms.FileField(
        label="Excel 文件",
        validators=[FileExtensionValidator(["xlsx"], "请上传 .xlsx 格式的 Excel 文件。")],
        help_text="请使用导入模板填写，第一行为表头；有任何一行不符合要求时，整个文件都不会导入。",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["term"].initial = Term.objects.filter(is_current=True).first()
        style(self.fields)

    def clean_file(self):
        file = self.cleaned_data["file"]
        if file.size > IMPORT_MAX_BYTES:
            raise ValidationError("文件过大（不能超过10MB），请分批导入。")
        return read_xlsx(file, required_headers=headers_of(DeputyImportRowForm, required_only=True))

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        if cleaned.get("file") and cleaned.get("term"):
            valid, errors = validate_rows(cleaned["file"], DeputyImportRowForm, term=cleaned["term"])
            if errors:
                raise ValidationError(errors)
            cleaned["rows"] = [(row.number, data) for row, data in valid]
        return cleaned


class MembersField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Deputy) -> str:
        return f"{obj.name}（{obj.township}）" if obj.township_id else obj.name


def members_field() -> MembersField:
    """Any deputy, whatever their status (a group keeps members who have left office): found as one types."""
    return MembersField(
        queryset=Deputy.objects.select_related("township"),
        label="成员",
        required=False,
        widget=deputy_picker(many=True, every_status=True),
        help_text="输入姓名或拼音查找，可选择多名代表。",
    )


class MembershipForm(forms.ModelForm):
    """Base of the group and delegation forms: the record's fields, and its members apart."""

    members = members_field()

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style(self.fields)

    def record_data(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if name != "members"}


class DeputyGroupForm(MembershipForm):
    class Meta:
        model = DeputyGroup
        fields = ["name", "kind", "township", "leader", "members"]
        widgets = {"leader": deputy_picker(every_status=True)}


class DelegationForm(MembershipForm):
    class Meta:
        model = Delegation
        fields = ["term", "name", "township", "leader", "members"]
        widgets = {"leader": deputy_picker(every_status=True)}


class GroupFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="名称", field_name="name", lookup_expr="icontains")
    kind = django_filters.ChoiceFilter(label="类型", choices=GroupKind.choices, empty_label="全部")
    township = django_filters.ModelChoiceFilter(
        label="乡镇（街道）", queryset=Township.objects.all(), empty_label="全部"
    )

    class Meta:
        model = DeputyGroup
        fields: list[str] = []

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style(self.form.fields)


class DelegationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="名称", field_name="name", lookup_expr="icontains")
    term = django_filters.ModelChoiceFilter(label="届次", queryset=Term.objects.all(), empty_label="全部")
    township = django_filters.ModelChoiceFilter(
        label="乡镇（街道）", queryset=Township.objects.all(), empty_label="全部"
    )

    class Meta:
        model = Delegation
        fields: list[str] = []

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style(self.form.fields)


# ---------------------------------------------------------------- liaison stations, reception days, activities


OWN_DEPUTIES = "本站进驻代表"


class DeputiesPickerField(forms.ModelMultipleChoiceField):
    """Any active deputy, and those already chosen (who may have left office since): found as one types
    (deputy_picker), the station's own deputies offered before one types."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("widget", deputy_picker(many=True))
        kwargs.setdefault("help_text", "输入姓名或拼音查找，可选择多名代表。")
        super().__init__(queryset=Deputy.objects.filter(status=DeputyStatus.ACTIVE), **kwargs)

    def group_for(self, station: LiaisonStation | None, chosen: QuerySet[Deputy] | None = None) -> None:
        candidates = Q(status=DeputyStatus.ACTIVE)
        if chosen is not None:
            candidates |= Q(pk__in=chosen.values("pk"))
        self.queryset = Deputy.objects.filter(candidates)
        widget = cast(RemoteSelect, self.widget)
        own = self.queryset.filter(station=station).order_by("name_pinyin", "pk") if station else None
        widget.offered = [(OWN_DEPUTIES, [(d.pk, d.name) for d in own])] if own else []


def _form_station(form: forms.BaseForm, stations: QuerySet[LiaisonStation]) -> LiaisonStation | None:
    """The station a bound or initial form is about, if it is one of `stations`."""
    value = form.data.get("station") if form.is_bound else form.initial.get("station")
    if isinstance(value, LiaisonStation):
        return value
    try:
        return stations.get(pk=value) if value else None
    except (LiaisonStation.DoesNotExist, ValueError, TypeError):
        return None


class StationForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = LiaisonStation
        fields = STATION_FIELDS

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        parents = LiaisonStation.objects.filter(kind=StationKind.TOWNSHIP_STATION).select_related("township")
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
            self.fields["version"].required = True
        else:
            del self.fields["version"]
        parent = cast(forms.ModelChoiceField, self.fields["parent"])
        parent.queryset = parents.order_by("township__order", "name")
        self.fields["parent"].help_text = "村/社区代表联络室须选择所属的乡镇/街道代表联络站。"
        style(self.fields)


class StationDeputiesForm(forms.Form):
    deputies = forms.ModelMultipleChoiceField(
        label="进驻代表",
        queryset=Deputy.objects.none(),
        required=False,
        widget=deputy_picker(many=True),
        help_text="选中的代表进驻本站，移除即移出；输入姓名或拼音查找，可多选。",
    )

    def __init__(self, *args, station: LiaisonStation, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        candidates = Q(status=DeputyStatus.ACTIVE)
        if station.township_id:
            candidates &= Q(township_id=station.township_id)
        field = cast(forms.ModelMultipleChoiceField, self.fields["deputies"])
        field.queryset = (
            Deputy.objects.filter(candidates | Q(station=station))
            .select_related("township")
            .order_by("name_pinyin")
        )
        choice_labels(field, deputy_label)
        field.widget = deputy_picker(many=True, township_id=station.township_id)  # offers whom it accepts
        field.widget.choices = field.choices
        field.initial = list(station.deputies.values_list("pk", flat=True))
        style(self.fields)


class ReceptionDayForm(forms.Form):
    station = forms.ModelChoiceField(label="联络站", queryset=LiaisonStation.objects.none())
    date = forms.DateField(
        label="接待日期", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    start_time = forms.TimeField(
        label="开始时间", widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    end_time = forms.TimeField(
        label="结束时间", widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    topic = forms.CharField(label="接待主题", max_length=120, required=False)
    deputies = DeputiesPickerField(label="接待代表")

    def __init__(self, *args, stations: QuerySet[LiaisonStation], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        stations = stations.filter(active=True).select_related("township").order_by("township__order", "name")
        cast(forms.ModelChoiceField, self.fields["station"]).queryset = stations
        cast(DeputiesPickerField, self.fields["deputies"]).group_for(_form_station(self, stations))
        style(self.fields)


class ReceptionRecordForm(forms.Form):
    summary = forms.CharField(
        label="接待情况",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="接待群众人数、反映的主要问题及处理意见。",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style(self.fields)


class ActivityForm(forms.ModelForm):
    deputies = DeputiesPickerField(label="参加代表")

    class Meta:
        model = Activity
        fields = (*ACTIVITY_FIELDS, "deputies")
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, stations: QuerySet[LiaisonStation], station_required: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        stations = stations.select_related("township").order_by("township__order", "name")
        cast(forms.ModelChoiceField, self.fields["station"]).queryset = stations
        self.fields["station"].required = station_required
        chosen = self.instance.deputies.all() if self.instance.pk else None
        cast(DeputiesPickerField, self.fields["deputies"]).group_for(_form_station(self, stations), chosen)
        cast(forms.ChoiceField, self.fields["kind"]).choices = [
            ("", "---------"),
            *(
                (kind.value, kind.label)
                for kind in ActivityKind
                if kind not in RETIRED_ACTIVITY_KINDS or kind == self.instance.kind
            ),
        ]
        style(self.fields)


def _filter_yes_no(label: str, field_name: str) -> django_filters.BooleanFilter:
    return django_filters.BooleanFilter(
        field_name=field_name,
        label=label,
        widget=forms.Select(choices=[("", "全部"), ("true", "是"), ("false", "否")]),
    )


class StationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label="名称")
    kind = django_filters.ChoiceFilter(choices=StationKind.choices, label="类型", empty_label="全部")
    township = django_filters.ModelChoiceFilter(
        queryset=Township.objects.all(), label="乡镇（街道）", empty_label="全部"
    )
    is_model = _filter_yes_no("示范站", "is_model")
    active = _filter_yes_no("在用", "active")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style(self.form.fields)


class ReceptionDayFilter(django_filters.FilterSet):
    period = django_filters.ChoiceFilter(
        choices=[("upcoming", "即将举行"), ("past", "已过去")],
        method="filter_period",
        label="时段",
        empty_label="全部",
    )
    station = django_filters.ModelChoiceFilter(
        queryset=LiaisonStation.objects.order_by("name"), label="联络站", empty_label="全部"
    )
    township = django_filters.ModelChoiceFilter(
        field_name="station__township",
        queryset=Township.objects.all(),
        label="乡镇（街道）",
        empty_label="全部",
    )
    date_from = django_filters.DateFilter(
        field_name="date", lookup_expr="gte", label="日期起", widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = django_filters.DateFilter(
        field_name="date", lookup_expr="lte", label="日期止", widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style(self.form.fields)

    def filter_period(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        today = timezone.localdate()
        return queryset.filter(date__gte=today) if value == "upcoming" else queryset.filter(date__lt=today)


class ActivityFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label="活动名称或代表姓名")
    kind = django_filters.ChoiceFilter(choices=ActivityKind.choices, label="活动类型", empty_label="全部")
    station = django_filters.ModelChoiceFilter(
        queryset=LiaisonStation.objects.order_by("name"), label="联络站", empty_label="全部"
    )
    date_from = django_filters.DateFilter(
        field_name="date", lookup_expr="gte", label="日期起", widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = django_filters.DateFilter(
        field_name="date", lookup_expr="lte", label="日期止", widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style(self.form.fields)

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """Title substring, or a participating deputy by name, pinyin initials or full pinyin (zs, zhangsan)."""
        value = value.strip()
        if not value:
            return queryset
        pinyin = value.lower()
        deputy = Q(deputy__name__icontains=value)
        if pinyin.isascii():
            deputy |= Q(deputy__name_initials__startswith=pinyin) | Q(deputy__name_pinyin__startswith=pinyin)
        taking_part = Activity.deputies.through.objects.filter(deputy, activity=OuterRef("pk"))
        return queryset.filter(Q(title__icontains=value) | Q(Exists(taking_part)))
