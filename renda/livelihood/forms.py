"""Forms of the livelihood pages. They validate input; the rules stay in services.py."""

import datetime
import re
from decimal import Decimal
from typing import cast

import django_filters
from django import forms
from django.db.models import Q

from renda.core.forms import SearchableSelectMultiple, date_input, style
from renda.core.human import HumanCheck
from renda.deputies.choices import DeputyStatus
from renda.deputies.forms import deputy_picker
from renda.deputies.models import Deputy
from renda.livelihood.models import (
    Finding,
    FindingState,
    LivelihoodProject,
    ProjectBallot,
    ProjectProposal,
    ProjectState,
    ProposalState,
)
from renda.meetings.models import Meeting
from renda.org.models import HandlingUnit


class StyledForm(forms.Form):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style(self.fields)


def _years():
    this = datetime.date.today().year
    return [(y, f"{y}年") for y in range(this + 1, this - 5, -1)]


class MilestonesField(forms.CharField):
    """One milestone a line: 名称，2026年6月30日，50 (its name, its date — also 2026-06-30 — and the percent due by
    then)."""

    widget = forms.Textarea(attrs={"rows": 4})

    def to_python(self, value):
        rows = []
        for number, line in enumerate((value or "").splitlines(), 1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.replace("，", ",").split(",")]
            try:
                title, day, percent = parts
                rows.append((title, _day(day), int(percent.rstrip("%"))))
            except ValueError:
                raise forms.ValidationError(f"第{number}行格式应为：名称，2026年6月30日，50") from None
        return rows


MILESTONES_HELP = "每行一个节点：名称，计划完成日期，应达进度（%），如：完成招标，2026年4月30日，20"


def _day(text: str) -> datetime.date:
    """2026年4月30日, or 2026-04-30."""
    found = re.fullmatch(r"(\d{4})年(\d{1,2})月(\d{1,2})日?", text)
    if found:
        return datetime.date(*map(int, found.groups()))
    return datetime.date.fromisoformat(text)


def cn_day(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


class ProposalForm(StyledForm):
    year = forms.TypedChoiceField(label="年度", choices=_years, coerce=int)
    title = forms.CharField(label="项目名称", max_length=200)
    content = forms.CharField(label="项目内容", widget=forms.Textarea(attrs={"rows": 4}))
    place = forms.CharField(label="实施地点", max_length=200, required=False)
    beneficiaries = forms.CharField(label="受益群众", max_length=200, required=False)
    estimated_cost = forms.DecimalField(label="估算投资（元）", max_digits=14, decimal_places=2, required=False,
                                        min_value=Decimal("0.01"))  # fmt: skip
    proposer_name = forms.CharField(label="提出人", max_length=100)
    proposer_phone = forms.CharField(
        label="联系电话", max_length=30, required=False, help_text="仅工作人员可见"
    )


class PublicProposalForm(HumanCheck, ProposalForm):
    """The public page: no account; the question a person answers and the hidden field a robot fills."""


class ScreenForm(StyledForm):
    decision = forms.ChoiceField(
        label="筛选结果",
        choices=[("accept", "列为候选项目"), ("merge", "合并到另一项建议"), ("decline", "不予采纳"),
                 ("defer", "留待以后年度")],
    )  # fmt: skip
    reply = forms.CharField(
        label="筛选意见（提出人可见）", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    merged_into = forms.ModelChoiceField(
        label="合并到", queryset=ProjectProposal.objects.none(), required=False
    )
    ballot = forms.ModelChoiceField(
        label="列入候选清单", queryset=ProjectBallot.objects.none(), required=False
    )
    unit = forms.ModelChoiceField(
        label="责任单位（列为候选项目时）", queryset=HandlingUnit.objects.none(), required=False
    )
    cost = forms.DecimalField(label="计划投资（元，列为候选项目时）", max_digits=14, decimal_places=2, required=False,
                              min_value=Decimal("0.01"))  # fmt: skip

    def __init__(self, *args, proposals, ballots, units, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["unit"]).queryset = units
        cast(forms.ModelChoiceField, self.fields["merged_into"]).queryset = proposals
        cast(forms.ModelChoiceField, self.fields["ballot"]).queryset = ballots


class BallotForm(StyledForm):
    year = forms.TypedChoiceField(label="年度", choices=_years, coerce=int)
    seats = forms.IntegerField(label="票决产生项目数（N）", min_value=1, max_value=100)
    candidates_count = forms.IntegerField(
        label="候选项目数（M）", min_value=2, max_value=200, help_text="差额：须多于N"
    )
    meeting = forms.ModelChoiceField(
        label="票决会议（人民代表大会会议）", queryset=Meeting.objects.none(), required=False
    )

    def __init__(self, *args, meetings, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["meeting"]).queryset = meetings


class CandidateForm(StyledForm):
    name = forms.CharField(label="项目名称", max_length=200)
    content = forms.CharField(label="建设内容", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    place = forms.CharField(label="实施地点", max_length=200, required=False)
    cost = forms.DecimalField(
        label="计划投资（元）", max_digits=14, decimal_places=2, min_value=Decimal("0.01")
    )
    funding_source = forms.CharField(label="资金来源", max_length=200)
    unit = forms.ModelChoiceField(label="责任单位", queryset=HandlingUnit.objects.none())
    responsible_person = forms.CharField(label="责任人", max_length=50, required=False)
    planned_completion = forms.DateField(label="计划完成日期", widget=date_input())
    milestones = MilestonesField(label="实施节点", help_text=MILESTONES_HELP)

    def __init__(self, *args, units, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["unit"]).queryset = units


class PlanForm(StyledForm):
    responsible_person = forms.CharField(label="责任人", max_length=50)
    planned_completion = forms.DateField(label="计划完成日期", widget=date_input())
    milestones = MilestonesField(label="未完成的实施节点", help_text=MILESTONES_HELP, required=False)


class VoteForm(StyledForm):
    method = forms.ChoiceField(label="投票方式", choices=[("secret", "无记名电子表决"), ("paper", "纸质票")])


class ReportForm(StyledForm):
    month = forms.DateField(label="月份", widget=date_input(), help_text="所报月份中的任一天")
    percent = forms.IntegerField(label="完成进度（%）", min_value=0, max_value=100)
    spent = forms.DecimalField(
        label="累计完成投资（元）", max_digits=14, decimal_places=2, min_value=Decimal(0)
    )
    problems = forms.CharField(label="存在问题", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    photo = forms.FileField(label="现场照片", required=False, help_text="JPG或PNG，不超过20MB")


class CompleteForm(StyledForm):
    completed_on = forms.DateField(label="完成日期", widget=date_input())


class MeetingForm(StyledForm):
    meeting = forms.ModelChoiceField(label="会议", queryset=Meeting.objects.none())

    def __init__(self, *args, meetings, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["meeting"]).queryset = meetings


class ReviewForm(MeetingForm):
    year = forms.TypedChoiceField(label="年度", choices=_years, coerce=int)
    inquiry = forms.TypedChoiceField(
        label="议题", coerce=lambda v: v == "1",
        choices=[("0", "年中实施情况报告（邀请跟踪代表列席）"), ("1", "进度滞后项目专题询问")],
    )  # fmt: skip


class InquiryForm(StyledForm):
    """The inquiry on lagging projects (专题询问), an item of the year's oversight plan."""

    projects = forms.ModelMultipleChoiceField(
        label="推进滞后的项目", queryset=LivelihoodProject.objects.none(), widget=SearchableSelectMultiple
    )
    body = forms.ModelChoiceField(
        label="被询问单位", queryset=HandlingUnit.objects.none(), required=False,
        help_text="不选则为项目的责任单位；项目分属不同单位时须选择（如县人民政府）。",
    )  # fmt: skip
    planned_month = forms.TypedChoiceField(
        label="计划安排月份", coerce=int, choices=[(m, f"{m}月") for m in range(1, 13)]
    )
    invited_deputies = forms.ModelMultipleChoiceField(
        label="邀请参加的代表", queryset=Deputy.objects.none(), required=False, widget=deputy_picker(many=True),
        help_text="不选则邀请跟踪这些项目的代表。",
    )  # fmt: skip
    title = forms.CharField(
        label="询问题目", max_length=200, required=False, help_text="不填则按项目名称生成。"
    )

    def __init__(self, *args, projects, units, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelMultipleChoiceField, self.fields["projects"]).queryset = projects
        cast(forms.ModelChoiceField, self.fields["body"]).queryset = units
        deputies = cast(forms.ModelMultipleChoiceField, self.fields["invited_deputies"])
        deputies.queryset = Deputy.objects.filter(status=DeputyStatus.ACTIVE).order_by("name_pinyin")

    def clean_invited_deputies(self):
        chosen = self.cleaned_data["invited_deputies"]
        return list(chosen) or None


class ProjectFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="项目名称", field_name="name", lookup_expr="icontains")
    year = django_filters.ChoiceFilter(label="年度", choices=_years, empty_label="全部年度")
    state = django_filters.ChoiceFilter(label="状态", choices=ProjectState.choices, empty_label="全部状态")
    lagging = django_filters.BooleanFilter(label="进度滞后", widget=forms.Select(
        choices=[("", "全部"), ("true", "滞后"), ("false", "正常")]))  # fmt: skip

    class Meta:
        model = LivelihoodProject
        fields: list[str] = []

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style(self.form.fields)


class ProposalFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="项目名称", field_name="title", lookup_expr="icontains")
    year = django_filters.ChoiceFilter(label="年度", choices=_years, empty_label="全部年度")
    state = django_filters.ChoiceFilter(label="状态", choices=ProposalState.choices, empty_label="全部状态")

    class Meta:
        model = ProjectProposal
        fields: list[str] = []

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style(self.form.fields)


class InspectionForm(StyledForm):
    date = forms.DateField(label="视察日期", widget=date_input())
    place = forms.CharField(label="视察地点", max_length=200)
    deputies = forms.ModelMultipleChoiceField(
        label="参加视察的代表", queryset=Deputy.objects.none(), widget=deputy_picker(many=True)
    )
    summary = forms.CharField(label="视察情况", widget=forms.Textarea(attrs={"rows": 4}))
    findings = forms.CharField(
        label="发现的问题",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="每行一个问题，将交项目责任单位办理",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        deputies = cast(forms.ModelMultipleChoiceField, self.fields["deputies"])
        deputies.queryset = Deputy.objects.filter(status=DeputyStatus.ACTIVE).order_by("name_pinyin")

    def clean_findings(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["findings"].splitlines() if line.strip()]


class NoteForm(StyledForm):
    note = forms.CharField(label="意见", widget=forms.Textarea(attrs={"rows": 3}))


class FindingReplyForm(StyledForm):
    text = forms.CharField(label="答复内容", widget=forms.Textarea(attrs={"rows": 6}))
    signer = forms.CharField(label="签发人", max_length=30)
    letter = forms.FileField(label="答复函（PDF或Word，可不传）", required=False)


class FindingFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(label="状态", choices=FindingState.choices, empty_label="全部")
    year = django_filters.NumberFilter(label="年度", field_name="inspection__date__year")
    q = django_filters.CharFilter(label="搜索", method="search")

    class Meta:
        model = Finding
        fields = ["state", "year", "q"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(text__icontains=value) | Q(inspection__project__name__icontains=value))
