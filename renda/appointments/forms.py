"""Forms of appointments: input only; the services check the rules."""

import django_filters
from django import forms
from django.db.models import Q

from renda.appointments.models import (
    Appointment,
    AppointmentKind,
    AppointmentState,
    Appraisal,
    AppraisalState,
    Holding,
    Nominator,
    Person,
    Post,
    PostKind,
)
from renda.core.forms import SearchableSelectMultiple, date_input, style
from renda.deputies.choices import DeputyStatus
from renda.deputies.models import Deputy
from renda.org.models import CommitteeMembership, Term


class _Styled(forms.Form):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style(self.fields)


class PostForm(_Styled):
    name = forms.CharField(label="职务名称", max_length=100)
    organ = forms.CharField(label="所在机关", max_length=80)
    kind = forms.ChoiceField(label="职务类别", choices=PostKind.choices)
    order = forms.IntegerField(label="排序", min_value=0, max_value=32767, initial=0, required=False)
    seats = forms.IntegerField(
        label="职数",
        min_value=1,
        max_value=99,
        initial=1,
        help_text="同时在任的人数；任命超出职数时，最早任职者离任",
    )

    def clean_order(self) -> int:
        return self.cleaned_data.get("order") or 0


class PostEditForm(PostForm):
    active = forms.BooleanField(label="在用", required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class PersonForm(_Styled):
    name = forms.CharField(label="姓名", max_length=50)
    gender = forms.ChoiceField(label="性别", choices=[("", "—"), *Person.Gender.choices], required=False)
    birth_month = forms.CharField(label="出生年月", max_length=10, required=False, help_text="如 1978.05")
    current_job = forms.CharField(label="现任职务", max_length=150, required=False)
    resume = forms.FileField(label="简历", required=False)


class PersonEditForm(PersonForm):
    resume = forms.FileField(label="简历（上传新文件替换原文件）", required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class NominateForm(_Styled):
    term = forms.ModelChoiceField(label="届次", queryset=Term.objects.all(), empty_label=None)
    kind = forms.ChoiceField(label="任免类别", choices=AppointmentKind.choices)
    person = forms.ModelChoiceField(label="任免对象", queryset=Person.objects.all())
    post = forms.ModelChoiceField(label="职务", queryset=Post.objects.filter(active=True))
    nominator = forms.ChoiceField(label="提请人", choices=Nominator.choices)
    nominated_on = forms.DateField(label="提请日期", widget=date_input(), required=False)
    letter = forms.FileField(label="提请函", required=False)
    reason = forms.CharField(label="提请理由", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    filers = forms.ModelMultipleChoiceField(
        label="联名提出的组成人员（撤职案）",
        queryset=Deputy.objects.filter(  # the seats' few deputies, not a DISTINCT over every deputy
            status=DeputyStatus.ACTIVE,
            pk__in=CommitteeMembership.objects.filter(end_date__isnull=True).values("deputy"),
        ).order_by("name_pinyin"),
        required=False,
        widget=SearchableSelectMultiple,
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        current = Term.objects.filter(is_current=True).first()
        if current is not None:
            self.fields["term"].initial = current.pk


class ExamForm(_Styled):
    taken_on = forms.DateField(label="考试日期", widget=date_input())
    score = forms.IntegerField(label="成绩", min_value=0, max_value=100)
    paper = forms.FileField(label="试卷", required=False)


class ScheduleForm(_Styled):
    meeting: forms.ModelChoiceField = forms.ModelChoiceField(label="常委会会议", queryset=None)

    def __init__(self, *args, term=None, **kwargs) -> None:
        from renda.meetings.models import Meeting, MeetingKind, MeetingState

        super().__init__(*args, **kwargs)
        field = self.fields["meeting"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = (
            Meeting.objects.filter(kind=MeetingKind.STANDING, term=term)
            .exclude(state=MeetingState.CLOSED)
            .select_related("term")
        )


class SummaryForm(_Styled):
    summary = forms.CharField(label="摘要", widget=forms.Textarea(attrs={"rows": 4}))


class VoteForm(_Styled):
    method = forms.ChoiceField(label="表决方式", choices=[("secret", "无记名表决"), ("named", "记名表决")])


class OathForm(_Styled):
    oath_on = forms.DateField(label="宣誓日期", widget=date_input())
    presider = forms.CharField(label="监誓人", max_length=50)
    witnesses = forms.CharField(label="见证人", max_length=200, required=False)


class WithdrawForm(_Styled):
    reason = forms.CharField(label="撤回理由", max_length=200)


class HoldingForm(_Styled):
    post = forms.ModelChoiceField(label="职务", queryset=Post.objects.filter(active=True))
    person = forms.ModelChoiceField(label="任职人", queryset=Person.objects.all())
    start_date = forms.DateField(label="任职日期", widget=date_input())


class AppointmentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="搜索（姓名、拼音首字母、职务）", method="search")
    kind = django_filters.ChoiceFilter(
        label="任免类别", choices=AppointmentKind.choices, empty_label="全部类别"
    )
    state = django_filters.ChoiceFilter(
        label="状态", choices=AppointmentState.choices, empty_label="全部状态"
    )
    year = django_filters.NumberFilter(label="决定年度", field_name="decided_on", lookup_expr="year")

    class Meta:
        model = Appointment
        fields: list[str] = []

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style(self.form.fields)

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(person__name__icontains=value)
            | Q(person__name_initials__startswith=value.lower())
            | Q(person__name_pinyin__contains=value.lower())
            | Q(post__name__icontains=value)
            | Q(post__organ__icontains=value)
        )


class HoldingFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="搜索（姓名、拼音首字母、职务）", method="search")
    kind = django_filters.ChoiceFilter(
        label="职务类别", field_name="post__kind", choices=PostKind.choices, empty_label="全部类别"
    )

    class Meta:
        model = Holding
        fields: list[str] = []

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style(self.form.fields)

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(person__name__icontains=value)
            | Q(person__name_initials__startswith=value.lower())
            | Q(person__name_pinyin__contains=value.lower())
            | Q(post__name__icontains=value)
            | Q(post__organ__icontains=value)
        )


class AppraisalPlanForm(_Styled):
    holding = forms.ModelChoiceField(
        label="在任人员",
        queryset=Holding.objects.filter(end_date__isnull=True).select_related("post", "person"),
    )
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)


class AppraisalReportForm(_Styled):
    report = forms.CharField(label="述职述法报告摘要", widget=forms.Textarea(attrs={"rows": 5}))


class AppraisalRateForm(_Styled):
    """The standing-committee meeting in progress whose members rate the official."""

    meeting: forms.ModelChoiceField = forms.ModelChoiceField(label="常委会会议（进行中）", queryset=None)

    def __init__(self, *args, **kwargs) -> None:
        from renda.meetings.models import Meeting, MeetingKind, MeetingState

        super().__init__(*args, **kwargs)
        field = self.fields["meeting"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Meeting.objects.filter(
            kind=MeetingKind.STANDING, state=MeetingState.CONVENED
        ).select_related("term")


class FollowUpForm(_Styled):
    note = forms.CharField(label="整改情况", widget=forms.Textarea(attrs={"rows": 4}))


class AppraisalFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(label="年度")
    state = django_filters.ChoiceFilter(label="状态", choices=AppraisalState.choices, empty_label="全部状态")

    class Meta:
        model = Appraisal
        fields: list[str] = []

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style(self.form.fields)
