"""Forms of the oversight pages. They validate input; the rules stay in services.py."""

import datetime

import django_filters
from django import forms

from renda.core.forms import SearchableSelectMultiple, date_input, style
from renda.deputies.forms import deputy_picker
from renda.deputies.models import Deputy
from renda.meetings.models import Meeting, MeetingKind, MeetingState
from renda.org.models import CommitteeOffice, HandlingUnit
from renda.oversight.models import (
    FilingDocument,
    FilingState,
    Interpellation,
    InterpellationState,
    ItemKind,
    ItemState,
    OversightItem,
    Rating,
    Rectification,
    RectificationState,
)
from renda.oversight.services import FILING_OUTCOMES


class StyledForm(forms.Form):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style(self.fields)


def _years():
    this = datetime.date.today().year
    return [(y, f"{y}年") for y in range(this + 1, this - 5, -1)]


def _members():
    from renda.org.models import CommitteeMembership

    return Deputy.objects.filter(
        pk__in=CommitteeMembership.objects.filter(end_date__isnull=True).values("deputy")
    )


class PlanForm(StyledForm):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    title = forms.CharField(
        label="名称", max_length=200, required=False, help_text="留空则为“县人大常委会X年度监督工作计划”"
    )


class AdoptForm(StyledForm):
    council_meeting = forms.ModelChoiceField(
        label="主任会议", queryset=Meeting.objects.filter(kind=MeetingKind.CHAIRPERSONS), required=False,
        help_text="在平台上召开的主任会议；线下召开的可只填日期",
    )  # fmt: skip
    adopted_on = forms.DateField(label="通过日期", widget=date_input())


class ItemForm(StyledForm):
    kind = forms.ChoiceField(label="监督方式", choices=ItemKind.choices)
    title = forms.CharField(label="监督事项", max_length=200)
    body = forms.ModelChoiceField(label="监督对象", queryset=HandlingUnit.objects.all())
    committee = forms.ModelChoiceField(
        label="牵头委室", queryset=CommitteeOffice.objects.all(), required=False
    )
    planned_month = forms.IntegerField(label="计划安排月份", min_value=1, max_value=12)
    members = forms.ModelMultipleChoiceField(
        label="参加的组成人员",
        queryset=Deputy.objects.none(),
        required=False,
        widget=SearchableSelectMultiple,
    )
    invited_deputies = forms.ModelMultipleChoiceField(
        label="邀请参加的代表",
        queryset=Deputy.objects.all(),
        required=False,
        widget=deputy_picker(many=True, every_status=True),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = _members()  # type: ignore[attr-defined]


class WithdrawForm(StyledForm):
    reason = forms.CharField(label="调整理由", widget=forms.Textarea(attrs={"rows": 3}), required=False)


class MeetingForm(StyledForm):
    """A standing-committee meeting not yet closed."""

    meeting = forms.ModelChoiceField(
        label="常委会会议",
        queryset=Meeting.objects.filter(kind=MeetingKind.STANDING).exclude(state=MeetingState.CLOSED),
    )


class ConvenedMeetingForm(StyledForm):
    meeting = forms.ModelChoiceField(
        label="常委会会议（进行中）",
        queryset=Meeting.objects.filter(kind=MeetingKind.STANDING, state=MeetingState.CONVENED),
    )


class DeliberateForm(StyledForm):
    findings = forms.CharField(
        label="检查、调研发现", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    from_findings: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        label="列入问题清单的调研发现",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    problems = forms.CharField(
        label="问题清单",
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text="每行一条问题；选中的调研发现列在前面",
    )

    def __init__(self, *args, item: OversightItem, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        rows = item.finding_rows.filter(problem__isnull=True)
        self.fields["from_findings"].queryset = rows  # type: ignore[attr-defined]
        if not rows.exists():
            del self.fields["from_findings"]

    def clean_problems(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["problems"].splitlines() if line.strip()]


class FindingForm(StyledForm):
    text = forms.CharField(label="发现的问题", widget=forms.Textarea(attrs={"rows": 3}))
    evidence = forms.CharField(
        label="地点或依据", max_length=300, required=False, help_text="调研、检查的地点，或问卷、座谈等依据"
    )
    suggestion = forms.CharField(label="建议", widget=forms.Textarea(attrs={"rows": 3}), required=False)


class RatingForm(StyledForm):
    """One rater's rating in a work appraisal: the members of the standing committee and the invited deputies."""

    rater = forms.ModelChoiceField(label="评议人", queryset=Deputy.objects.none())
    rating = forms.ChoiceField(label="评议意见", choices=Rating.choices, widget=forms.RadioSelect)

    def __init__(self, *args, item: OversightItem, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        raters = _members() | Deputy.objects.filter(pk__in=item.invited_deputies.values("pk"))
        self.fields["rater"].queryset = raters.distinct().order_by("pk")  # type: ignore[attr-defined]


class InspectForm(StyledForm):
    articles_checked = forms.CharField(
        label="检查的法律条款", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    places_visited = forms.CharField(
        label="检查、视察、调研地点", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    questionnaires = forms.IntegerField(
        label="回收问卷（份）", min_value=0, max_value=1_000_000, required=False
    )
    findings = forms.CharField(
        label="发现的问题和建议", widget=forms.Textarea(attrs={"rows": 5}), required=False
    )


class QuestionForm(StyledForm):
    asker = forms.ModelChoiceField(
        label="询问人", queryset=Deputy.objects.all(), widget=deputy_picker(every_status=True)
    )
    question = forms.CharField(label="询问", widget=forms.Textarea(attrs={"rows": 3}))
    answerer = forms.CharField(label="应询人", max_length=100)
    answer = forms.CharField(label="答询", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    follow_up = forms.BooleanField(label="现场追问", required=False)


class OpinionForm(StyledForm):
    opinion = forms.CharField(label="审议意见", widget=forms.Textarea(attrs={"rows": 8}))


class RectificationForm(StyledForm):
    problem: forms.ModelChoiceField = forms.ModelChoiceField(
        label="针对的问题", queryset=None, required=False
    )
    measure = forms.CharField(label="整改措施", widget=forms.Textarea(attrs={"rows": 3}))
    responsible_person = forms.CharField(label="责任人", max_length=50)
    due = forms.DateField(label="完成时限", widget=date_input())

    def __init__(self, *args, item: OversightItem, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["problem"].queryset = item.problems.all()  # type: ignore[attr-defined]


class ReportForm(StyledForm):
    report = forms.CharField(label="研究处理情况报告", widget=forms.Textarea(attrs={"rows": 8}))
    signer = forms.CharField(
        label="签发人", max_length=30, required=False, help_text="工作机构据纸质报告代为登记时必填。"
    )


class OpinionReplyForm(StyledForm):
    """The body's handling report as the reply to its deliberation-opinion assignment (casework)."""

    report = forms.CharField(label="研究处理情况报告", widget=forms.Textarea(attrs={"rows": 8}))
    signer = forms.CharField(label="签发人", max_length=30)
    letter = forms.FileField(label="报告文件（PDF或Word，可不传）", required=False)


class NoteForm(StyledForm):
    note = forms.CharField(label="情况说明", widget=forms.Textarea(attrs={"rows": 4}))


class InterpellationForm(StyledForm):
    title = forms.CharField(label="案由", max_length=200)
    content = forms.CharField(label="质询的问题和内容", widget=forms.Textarea(attrs={"rows": 6}))
    body = forms.ModelChoiceField(label="质询对象", queryset=HandlingUnit.objects.all())
    filers = forms.ModelMultipleChoiceField(
        label="提案人（常委会组成人员）", queryset=Deputy.objects.none(), widget=SearchableSelectMultiple
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["filers"].queryset = _members()  # type: ignore[attr-defined]


class AnswerForm(StyledForm):
    answer = forms.CharField(label="答复内容", widget=forms.Textarea(attrs={"rows": 6}))


class AssessForm(StyledForm):
    dissatisfied = forms.IntegerField(label="对答复不满意的提案人数", min_value=0, max_value=1000)


class FilingForm(StyledForm):
    title = forms.CharField(label="文件名称", max_length=200)
    number = forms.CharField(label="文号", max_length=60)
    issuer = forms.ModelChoiceField(label="制定机关", queryset=HandlingUnit.objects.all())
    published_on = forms.DateField(label="公布日期", widget=date_input())
    filed_on = forms.DateField(label="报备日期", widget=date_input())


class ReviewForm(StyledForm):
    requested_by = forms.CharField(
        label="审查建议人",
        max_length=100,
        required=False,
        help_text="依公民、组织的审查建议审查时填写；留空为主动审查",
    )


class DecideForm(StyledForm):
    outcome = forms.ChoiceField(label="审查结论", choices=list(FILING_OUTCOMES.items()))
    note = forms.CharField(label="审查意见", widget=forms.Textarea(attrs={"rows": 4}), required=False)


class _Filter(django_filters.FilterSet):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style(self.form.fields)


class ItemFilter(_Filter):
    q = django_filters.CharFilter(label="监督事项", field_name="title", lookup_expr="icontains")
    year = django_filters.ChoiceFilter(
        label="年度", field_name="plan__year", choices=_years, empty_label="全部年度"
    )
    kind = django_filters.ChoiceFilter(label="监督方式", choices=ItemKind.choices, empty_label="全部方式")
    state = django_filters.ChoiceFilter(label="状态", choices=ItemState.choices, empty_label="全部状态")
    body = django_filters.ModelChoiceFilter(
        label="监督对象", queryset=HandlingUnit.objects.all(), empty_label="全部单位"
    )

    class Meta:
        model = OversightItem
        fields: list[str] = []


class RectificationFilter(_Filter):
    q = django_filters.CharFilter(label="整改措施", field_name="measure", lookup_expr="icontains")
    year = django_filters.ChoiceFilter(
        label="年度", field_name="item__plan__year", choices=_years, empty_label="全部年度"
    )
    state = django_filters.ChoiceFilter(
        label="状态", choices=RectificationState.choices, empty_label="全部状态"
    )

    class Meta:
        model = Rectification
        fields: list[str] = []


class InterpellationFilter(_Filter):
    q = django_filters.CharFilter(label="案由", field_name="title", lookup_expr="icontains")
    state = django_filters.ChoiceFilter(
        label="状态", choices=InterpellationState.choices, empty_label="全部状态"
    )

    class Meta:
        model = Interpellation
        fields: list[str] = []


class FilingFilter(_Filter):
    q = django_filters.CharFilter(label="文件名称", field_name="title", lookup_expr="icontains")
    state = django_filters.ChoiceFilter(label="状态", choices=FilingState.choices, empty_label="全部状态")
    filed_late = django_filters.BooleanFilter(label="逾期报备", widget=forms.Select(
        choices=[("", "全部"), ("true", "逾期"), ("false", "按期")]))  # fmt: skip

    class Meta:
        model = FilingDocument
        fields: list[str] = []
