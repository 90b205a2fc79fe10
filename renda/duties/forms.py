"""Forms of duty records: self-reported entries and their decision, reports to voters and their ratings, the
voter's ballot, and the lists' filters."""

from typing import Any, cast

import django_filters
from django import forms
from django.db.models import Q, QuerySet

from renda.core import clock
from renda.core.forms import date_input, style
from renda.deputies.choices import DeputyStatus
from renda.deputies.forms import DeputiesPickerField, DeputyScopeMixin, deputy_picker, level_filter
from renda.deputies.models import Deputy, LiaisonStation
from renda.deputies.selectors import ALL, LEVEL_CHOICES, deputy_search
from renda.deputies.selectors import OWN as OWN_LEVEL
from renda.duties.models import DutyEntry, DutyReport, EntryKind, EntryState, ReportState, VoterRating
from renda.duties.services import MAX_BALLOTS
from renda.org.models import Township


class Styled(forms.Form):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style(self.fields)


PROOF_HELP = "照片（JPG、PNG）、PDF或Word文件，不超过20MB"


class EntryForm(Styled):
    """填报履职事项: what, when, what happened, and a proof."""

    deputy = forms.ModelChoiceField(
        label="代表",
        queryset=Deputy.objects.filter(status=DeputyStatus.ACTIVE).order_by("name_pinyin"),
        widget=deputy_picker(),
    )
    kind = forms.ChoiceField(label="类别", choices=EntryKind.choices)
    title = forms.CharField(
        label="事项", max_length=120, help_text="一句话概括，如：走访某村了解通组路修建情况"
    )
    date = forms.DateField(label="日期", widget=date_input())
    description = forms.CharField(label="情况说明", widget=forms.Textarea(attrs={"rows": 5}))
    proof = forms.FileField(label="证明材料", help_text=PROOF_HELP)

    def __init__(self, *args, for_deputy: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if for_deputy:
            del self.fields["deputy"]
        self.fields["date"].initial = clock.today()


class EntryEditForm(Styled):
    version = forms.IntegerField(widget=forms.HiddenInput)
    kind = forms.ChoiceField(label="类别", choices=EntryKind.choices)
    title = forms.CharField(label="事项", max_length=120)
    date = forms.DateField(label="日期", widget=date_input())
    description = forms.CharField(label="情况说明", widget=forms.Textarea(attrs={"rows": 5}))
    proof = forms.FileField(label="更换证明材料", required=False, help_text=f"不更换请留空。{PROOF_HELP}")


class ApproveForm(Styled):
    note = forms.CharField(
        label="认定意见（可不填）", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReasonForm(Styled):
    reason = forms.CharField(label="理由", widget=forms.Textarea(attrs={"rows": 3}))


class ConfirmForm(Styled):
    """A move with nothing to fill in: the button is the confirmation."""


def _station_of(form: forms.BaseForm, stations: QuerySet[LiaisonStation]) -> LiaisonStation | None:
    value = form.data.get("station") if form.is_bound else form.initial.get("station")
    if isinstance(value, LiaisonStation):
        return value
    try:
        return stations.get(pk=value) if value else None
    except (LiaisonStation.DoesNotExist, ValueError, TypeError):
        return None


class ReportForm(Styled):
    """安排代表述职."""

    station = forms.ModelChoiceField(label="联络站", queryset=LiaisonStation.objects.none())
    date = forms.DateField(label="述职日期", widget=date_input())
    place = forms.CharField(label="地点", max_length=120)
    deputies = DeputiesPickerField(label="述职代表")
    title = forms.CharField(
        label="名称（可不填）", max_length=120, required=False, help_text="不填则为“某某代表向选民述职”"
    )

    def __init__(self, *args, stations: QuerySet[LiaisonStation], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        stations = stations.filter(active=True).select_related("township").order_by("township__order", "name")
        cast(forms.ModelChoiceField, self.fields["station"]).queryset = stations
        if stations.count() == 1:
            self.fields["station"].initial = stations.first()
        cast(DeputiesPickerField, self.fields["deputies"]).group_for(_station_of(self, stations))
        style(self.fields)


class ReportEditForm(Styled):
    version = forms.IntegerField(widget=forms.HiddenInput)
    title = forms.CharField(label="名称", max_length=120)
    date = forms.DateField(label="述职日期", widget=date_input())
    place = forms.CharField(label="地点", max_length=120)
    deputies = DeputiesPickerField(label="述职代表")

    def __init__(self, *args, report: DutyReport, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(DeputiesPickerField, self.fields["deputies"]).group_for(report.station, report.deputies.all())
        style(self.fields)


class HoldForm(Styled):
    voters_present = forms.IntegerField(label="到会选民人数", min_value=1)
    report_text = forms.CharField(
        label="述职报告", widget=forms.Textarea(attrs={"rows": 8}), help_text="代表述职报告全文或要点"
    )


class RatingsForm(Styled):
    satisfied = forms.IntegerField(label="满意（票）", min_value=0, initial=0)
    basically_satisfied = forms.IntegerField(label="基本满意（票）", min_value=0, initial=0)
    dissatisfied = forms.IntegerField(label="不满意（票）", min_value=0, initial=0)


class BallotsForm(Styled):
    count = forms.IntegerField(
        label="生成评议码个数",
        min_value=1,
        max_value=MAX_BALLOTS,
        help_text="每名到会选民一个；打印后分发，选民用手机扫码评议，每个评议码只能使用一次。",
    )


class CastForm(forms.Form):
    rating = forms.ChoiceField(
        label="您对代表述职的评价", choices=VoterRating.choices, widget=forms.RadioSelect
    )


# ---------------------------------------------------------------- filters


class YearFilter(django_filters.NumberFilter):
    """A year from 2000 to 2099, a whole number: anything else is refused by the form (a 400 in the API), never
    handed to a year lookup that cannot build its dates."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("min_value", 2000)
        kwargs.setdefault("max_value", 2099)
        super().__init__(*args, **kwargs)


class EntryFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="代表姓名或事项", method="search")
    state = django_filters.ChoiceFilter(label="状态", choices=EntryState.choices, empty_label="全部状态")
    kind = django_filters.ChoiceFilter(label="类别", choices=EntryKind.choices, empty_label="全部类别")
    year = YearFilter(label="年度", field_name="year")

    class Meta:
        model = DutyEntry
        fields: list[str] = []

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style(self.form.fields)

    def search(self, queryset, name, value):
        deputies = deputy_search(Deputy.objects.all(), value).values("pk")
        return queryset.filter(Q(title__icontains=value) | Q(deputy__in=deputies))


class ReportFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="代表姓名或名称", method="search")
    state = django_filters.ChoiceFilter(label="状态", choices=ReportState.choices, empty_label="全部状态")
    station = django_filters.ModelChoiceFilter(
        label="联络站", queryset=LiaisonStation.objects.filter(active=True), empty_label="全部联络站"
    )
    year = YearFilter(label="年度", field_name="date", lookup_expr="year")

    class Meta:
        model = DutyReport
        fields: list[str] = []

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style(self.form.fields)

    def search(self, queryset, name, value):
        deputies = deputy_search(Deputy.objects.all(), value).values("pk")
        return queryset.filter(Q(title__icontains=value) | Q(deputies__in=deputies)).distinct()


class OwingFilter(DeputyScopeMixin, django_filters.FilterSet):
    """The owing list: deputies by name (also pinyin initials), township and level (本级 by default)."""

    q = django_filters.CharFilter(label="代表姓名", method="search")
    township = django_filters.ModelChoiceFilter(
        label="乡镇（街道）", queryset=Township.objects.order_by("order", "name"), empty_label="全部乡镇"
    )
    level = level_filter()

    class Meta:
        model = Deputy
        fields: list[str] = []

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style(self.form.fields)

    def search(self, queryset, name, value):
        return deputy_search(queryset, value)


class DeputySearchFilter(django_filters.FilterSet):
    """Deputies by name (also pinyin initials) and township: the owing list and the public index."""

    q = django_filters.CharFilter(label="代表姓名", method="search")
    township = django_filters.ModelChoiceFilter(
        label="乡镇（街道）", queryset=Township.objects.order_by("order", "name"), empty_label="全部乡镇"
    )

    class Meta:
        model = Deputy
        fields: list[str] = []

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style(self.form.fields)

    def search(self, queryset, name, value):
        return deputy_search(queryset, value)


class YearForm(Styled):
    """The year a record or the ranking counts (this year by default), and the level ranked: 本级 (the
    congress the user works for) by default, or another; a ranking compares the deputies of one level."""

    year = forms.IntegerField(label="年度", min_value=2000, max_value=2099, required=False)
    level = forms.ChoiceField(
        label="代表层级", choices=[c for c in LEVEL_CHOICES if c[0] != ALL], required=False
    )

    def year_or_now(self) -> int:
        data: dict[str, Any] = self.cleaned_data if self.is_valid() else {}
        return data.get("year") or clock.today().year

    def level_or_own(self) -> str:
        data: dict[str, Any] = self.cleaned_data if self.is_valid() else {}
        return data.get("level") or OWN_LEVEL
