"""Forms of citizens' opinions: intake (phone first), triage, the departments' answers, the public pages."""

import datetime

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q

from renda.core import clock
from renda.core.formats import cn_date
from renda.core.forms import MultipleFileField, choice_labels, date_input, style
from renda.core.human import HumanCheck
from renda.core.roles import can
from renda.deputies.choices import DeputyStatus
from renda.deputies.forms import deputy_picker
from renda.deputies.models import Deputy, LiaisonStation
from renda.opinions.models import Channel, InformMethod, Opinion, RedirectReason, Satisfaction, State
from renda.opinions.selectors import opinions_visible_to
from renda.opinions.workflows import MANAGE, READ_ALL
from renda.org.models import HandlingUnit, Township
from renda.suggestions.models import SuggestionCategory


class Styled(forms.Form):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style(self.fields)


def _townships():
    return Township.objects.order_by("order", "name")


def _categories():
    return SuggestionCategory.objects.filter(active=True).order_by("order", "name")


def _units():
    return HandlingUnit.objects.filter(active=True).order_by("order", "name")


class TakeForm(Styled):
    """Phone first: what the keeper or deputy asks first, in the order they ask it."""

    channel = forms.ChoiceField(
        label="来源",
        choices=[(Channel.RECEPTION, "接待日"), (Channel.VISIT, "走访")],
        initial=Channel.RECEPTION,
    )
    citizen_phone = forms.CharField(
        label="联系电话",
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )
    citizen_name = forms.CharField(label="反映人", max_length=30, required=False)
    title = forms.CharField(label="事项", max_length=120, help_text="一句话概括，如：某村通组路破损")
    content = forms.CharField(label="内容", widget=forms.Textarea(attrs={"rows": 5}))
    category = forms.ModelChoiceField(label="类别", queryset=_categories(), required=False)
    township = forms.ModelChoiceField(label="乡镇（街道）", queryset=_townships(), required=False)
    village = forms.CharField(label="村（社区）", max_length=50, required=False)
    citizen_address = forms.CharField(label="住址", max_length=100, required=False)
    received_on = forms.DateField(label="收到日期", widget=date_input())
    photos = MultipleFileField(label="照片", required=False, help_text="JPG或PNG，最多6张")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["received_on"].initial = clock.today()


class PublicSubmitForm(HumanCheck, Styled):
    """The public page: no account; a question a person answers and a hidden field a robot fills (works
    offline, no third-party service); the view also limits submissions per address."""

    township = forms.ModelChoiceField(label="所在乡镇（街道）", queryset=_townships())
    village = forms.CharField(label="村（社区）", max_length=50, required=False)
    category = forms.ModelChoiceField(label="类别", queryset=_categories(), required=False)
    title = forms.CharField(label="反映事项", max_length=120)
    content = forms.CharField(label="具体内容", widget=forms.Textarea(attrs={"rows": 6}))
    citizen_name = forms.CharField(label="姓名（可不填）", max_length=30, required=False)
    citizen_phone = forms.CharField(
        label="联系电话", max_length=20, widget=forms.TextInput(attrs={"inputmode": "tel"})
    )
    photos = MultipleFileField(label="照片（可不传）", required=False, help_text="JPG或PNG，最多6张")
    consent = forms.BooleanField(
        label="我同意：联系电话仅用于告知办理结果，不公开；办结后按规定期限删除。", required=True
    )


class EditForm(Styled):
    version = forms.IntegerField(widget=forms.HiddenInput)
    title = forms.CharField(label="事项", max_length=120)
    content = forms.CharField(label="内容", widget=forms.Textarea(attrs={"rows": 5}))
    category = forms.ModelChoiceField(label="类别", queryset=_categories(), required=False)
    township = forms.ModelChoiceField(label="乡镇（街道）", queryset=_townships(), required=False)
    village = forms.CharField(label="村（社区）", max_length=50, required=False)
    is_complex = forms.BooleanField(label="复杂事项", required=False)


class ConfirmForm(Styled):
    """A step with nothing to fill in: the button confirms it."""


class AnswerForm(Styled):
    answer = forms.CharField(label="答复内容", widget=forms.Textarea(attrs={"rows": 4}))


class RedirectForm(Styled):
    reason = forms.ModelChoiceField(label="引导类别", queryset=RedirectReason.objects.filter(active=True))
    note = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class MergeForm(Styled):
    others = forms.ModelMultipleChoiceField(
        label="合并到本件的意见", queryset=Opinion.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, candidates=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["others"]
        field.queryset = Opinion.objects.filter(pk__in=[c.pk for c in candidates])  # type: ignore[attr-defined]
        choice_labels(field, lambda o: f"{o.tracking_code} {o.title}（{cn_date(o.received_on)}）")


class ForwardForm(Styled):
    lead = forms.ModelChoiceField(label="主办单位", queryset=_units(), required=False)
    joint = forms.ModelMultipleChoiceField(label="会办单位", queryset=_units(), required=False)
    assisting = forms.ModelMultipleChoiceField(label="协办单位", queryset=_units(), required=False)
    split = forms.ModelMultipleChoiceField(label="分办单位（各自答复）", queryset=_units(), required=False)
    is_complex = forms.BooleanField(label="复杂事项（答复期限延长）", required=False)


class RaiseForm(Styled):
    deputy = forms.ModelChoiceField(
        label="代表",
        queryset=Deputy.objects.filter(status=DeputyStatus.ACTIVE).order_by("name_pinyin", "pk"),
        widget=deputy_picker(),
    )


class InformForm(Styled):
    how = forms.ChoiceField(label="告知方式", choices=InformMethod.choices)
    answer = forms.CharField(
        label="告知内容（部门答复摘要）", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


RESOLVED = [("1", "已解决"), ("0", "未解决")]


class FeedbackForm(Styled):
    resolved = forms.TypedChoiceField(
        label="是否解决", choices=RESOLVED, coerce=lambda v: v == "1", widget=forms.RadioSelect
    )
    satisfaction = forms.ChoiceField(label="是否满意", choices=Satisfaction.choices, widget=forms.RadioSelect)


class CitizenFeedbackForm(FeedbackForm):
    phone_tail = forms.CharField(label="联系电话后四位", min_length=4, max_length=4)


class TrackForm(Styled):
    code = forms.CharField(label="查询码", min_length=8, max_length=8)


class ReplyForm(Styled):
    text = forms.CharField(label="答复内容", widget=forms.Textarea(attrs={"rows": 6}))
    signer = forms.CharField(label="签发人", max_length=30)
    letter = forms.FileField(label="答复函（PDF或Word，可不传）", required=False)


class ReasonForm(Styled):
    reason = forms.CharField(label="申请调整的理由", widget=forms.Textarea(attrs={"rows": 3}))


class JointOpinionForm(Styled):
    opinion = forms.CharField(label="会办意见", widget=forms.Textarea(attrs={"rows": 4}))


class ReassignDecisionForm(Styled):
    approve = forms.TypedChoiceField(
        label="决定", choices=[("1", "同意调整"), ("0", "不同意")], coerce=lambda v: v == "1"
    )
    new_unit = forms.ModelChoiceField(label="新的承办单位", queryset=_units(), required=False)
    note = forms.CharField(label="说明", required=False)


class ImportForm(Styled):
    file = forms.FileField(label="Excel文件（.xlsx）")


class ImportRow(forms.Form):
    """One row of a hotline sheet; the labels are the sheet's headers."""

    received_on = forms.DateField(label="受理日期")
    title = forms.CharField(label="事项", max_length=120)
    content = forms.CharField(label="内容")
    township = forms.ModelChoiceField(
        label="乡镇（街道）",
        queryset=Township.objects.all(),
        to_field_name="name",
        required=False,
        error_messages={"invalid_choice": "没有这个乡镇（街道）。"},
    )
    village = forms.CharField(label="村（社区）", max_length=50, required=False)
    category = forms.ModelChoiceField(
        label="类别",
        queryset=SuggestionCategory.objects.all(),
        to_field_name="name",
        required=False,
        error_messages={"invalid_choice": "没有这个类别。"},
    )
    citizen_name = forms.CharField(label="反映人", max_length=30, required=False)
    citizen_phone = forms.CharField(label="联系电话", max_length=20, required=False)

    def clean_received_on(self) -> datetime.date:
        value = self.cleaned_data["received_on"]
        if value > clock.today():
            raise ValidationError("受理日期不能晚于今天。")
        return value


def _offered(queryset, column: str):
    """The stations or townships a list's filter offers, loading only what their options show (a province has
    3,000 stations and 1,000 townships): every one to those who see every opinion; to a keeper, a deputy or a
    department, those of the opinions they see (a keeper: their station's)."""

    def choices(request):
        user = getattr(request, "user", None)
        rows = queryset.only("id", "name")
        if user is None or can(user, MANAGE) or can(user, READ_ALL):
            return rows
        return rows.filter(pk__in=opinions_visible_to(user).order_by().values(column))

    return choices


class OpinionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="搜索", method="search")
    state = django_filters.ChoiceFilter(label="状态", choices=State.choices, empty_label="全部状态")
    channel = django_filters.ChoiceFilter(label="来源", choices=Channel.choices, empty_label="全部来源")
    station = django_filters.ModelChoiceFilter(
        label="联络站",
        queryset=_offered(LiaisonStation.objects.filter(active=True), "station_id"),
        empty_label="全部联络站",
    )
    township = django_filters.ModelChoiceFilter(
        label="乡镇（街道）", queryset=_offered(_townships(), "township_id"), empty_label="全部乡镇"
    )
    category = django_filters.ModelChoiceFilter(
        label="类别", queryset=_categories().only("id", "name"), empty_label="全部类别"
    )
    year = django_filters.NumberFilter(label="年度", field_name="year")

    class Meta:
        model = Opinion
        fields: list[str] = []

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style(self.form.fields)

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(title__icontains=value) | Q(tracking_code__iexact=value.strip()) | Q(content__icontains=value)
        )
