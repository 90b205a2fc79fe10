"""Forms of meetings: input only; the services check the rules."""

import django_filters
from django import forms

from renda.core.forms import date_input, style
from renda.deputies.choices import DeputyStatus
from renda.deputies.forms import deputy_picker
from renda.deputies.models import Deputy
from renda.meetings.models import ItemKind, Meeting, MeetingKind, MeetingState, ResolutionKind
from renda.org.models import CommitteeOffice, CongressSession, Term


def _deputies():
    return Deputy.objects.filter(status=DeputyStatus.ACTIVE).order_by("name_pinyin")


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(label="会议类型", choices=MeetingKind.choices)
    term = forms.ModelChoiceField(label="届次", queryset=Term.objects.all(), empty_label=None)
    congress_session = forms.ModelChoiceField(
        label="人代会会次", queryset=CongressSession.objects.select_related("term"), required=False
    )
    office = forms.ModelChoiceField(
        label="专门委员会",
        queryset=CommitteeOffice.objects.filter(active=True, kind=CommitteeOffice.Kind.SPECIAL),
        required=False,
        help_text="专门委员会会议须选择；其组成人员取自组织机构中的专门委员会组成人员",
    )
    date = forms.DateField(label="会议日期", widget=date_input())
    place = forms.CharField(label="地点", max_length=100, required=False)
    presider = forms.ModelChoiceField(
        label="主持人", queryset=_deputies(), required=False, widget=deputy_picker()
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style(self.fields)


class ItemForm(forms.Form):
    kind = forms.ChoiceField(label="议题类型", choices=ItemKind.choices)
    title = forms.CharField(label="议题", max_length=200)
    reporter = forms.CharField(label="报告人", max_length=100, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style(self.fields)


class RecordForm(forms.Form):
    remarks = forms.CharField(label="审议发言摘要", widget=forms.Textarea(attrs={"rows": 5}), required=False)
    result = forms.CharField(label="表决结果或审议结果", max_length=200, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style(self.fields)


class SignInForm(forms.Form):
    deputy = forms.ModelChoiceField(
        label="组成人员", queryset=_deputies(), required=False, widget=deputy_picker()
    )


class LeaveForm(forms.Form):
    deputy = forms.ModelChoiceField(
        label="组成人员（代为请假）", queryset=_deputies(), required=False, widget=deputy_picker()
    )
    reason = forms.CharField(label="请假事由", max_length=200)

    def __init__(self, *args, by_office: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not by_office:
            del self.fields["deputy"]
        style(self.fields)


class AttendeeForm(forms.Form):
    deputy = forms.ModelChoiceField(
        label="邀请代表", queryset=_deputies(), required=False, widget=deputy_picker()
    )
    name = forms.CharField(label="姓名（非代表）", max_length=50, required=False)
    organisation = forms.CharField(label="单位职务", max_length=100, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style(self.fields)


class ResolutionForm(forms.Form):
    kind = forms.ChoiceField(label="类型", choices=ResolutionKind.choices)
    title = forms.CharField(label="标题", max_length=200)
    text = forms.CharField(label="正文", widget=forms.Textarea(attrs={"rows": 8}))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style(self.fields)


class DecideForm(forms.Form):
    outcome = forms.ChoiceField(label="表决结果", choices=[("adopt", "通过"), ("fail", "未通过")])
    result = forms.CharField(
        label="表决情况", max_length=200, help_text="如：应到25人，实到21人，赞成20票，反对0票，弃权1票，通过"
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style(self.fields)


class PaperForm(forms.Form):
    file = forms.FileField(label="材料文件（PDF、Word、图片）")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style(self.fields)


class MeetingFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label="会议类型", choices=MeetingKind.choices, empty_label="全部类型")
    state = django_filters.ChoiceFilter(label="状态", choices=MeetingState.choices, empty_label="全部状态")
    year = django_filters.NumberFilter(label="年度", field_name="date", lookup_expr="year")

    class Meta:
        model = Meeting
        fields: list[str] = []

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style(self.form.fields)
