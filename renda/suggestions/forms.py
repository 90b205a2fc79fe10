"""Forms of the suggestions pages. They validate input; every rule of the workflow stays in services.py,
whose ValidationErrors are shown on the form by `show_errors`."""

from collections.abc import Iterable
from typing import cast

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from renda.casework.models import AssignmentState
from renda.core.forms import MultipleFileField, SharedChoices, choice_labels, date_input, style
from renda.core.imports import headers_of, read_xlsx, validate_rows
from renda.core.uploads import ATTACHMENT_TYPES, LETTER_TYPES, check_upload
from renda.deputies.choices import DeputyStatus
from renda.deputies.forms import deputy_picker
from renda.deputies.models import Delegation, Deputy
from renda.org.models import CommitteeMembership, CongressSession, HandlingUnit
from renda.suggestions.models import (
    Assignment,
    ContactRecord,
    KeySupervision,
    Kind,
    PresidiumDecision,
    Rating,
    RefusalReason,
    ResultCategory,
    State,
    Suggestion,
    SuggestionCategory,
    SupervisionNote,
    Timing,
    UnitKeyword,
)
from renda.suggestions.similarity import UnitMatcher
from renda.suggestions.statistics import Scope


class StyledForm(forms.Form):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style(self.fields)


def deputies_serving():
    return Deputy.objects.filter(status=DeputyStatus.ACTIVE).order_by("name_pinyin", "pk")


def _clean_attachments(files) -> list:
    for upload in files:
        check_upload(upload, ATTACHMENT_TYPES)
    return files


# ---------------------------------------------------------------- drafting


class SuggestionForm(StyledForm):
    kind = forms.ChoiceField(label="类型", choices=Kind.choices, initial=Kind.SUGGESTION)
    title = forms.CharField(label="标题", max_length=200)
    content = forms.CharField(label="内容", widget=forms.Textarea(attrs={"rows": 10}))
    category = forms.ModelChoiceField(
        label="分类", queryset=SuggestionCategory.objects.filter(active=True), required=False
    )
    timing = forms.ChoiceField(label="提出时间", choices=Timing.choices, initial=Timing.BETWEEN_SESSIONS)
    congress_session = forms.ModelChoiceField(
        label="人代会会议",
        queryset=CongressSession.objects.select_related("term"),
        required=False,
        help_text="大会期间提出的须选择",
    )
    delegation = forms.ModelChoiceField(
        label="提出代表团",
        queryset=Delegation.objects.all(),
        required=False,
        help_text="议案由代表团提出时选择；否则须由10名以上代表联名",
    )

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if data.get("timing") == Timing.DURING_SESSION and not data.get("congress_session"):
            self.add_error("congress_session", "大会期间提出的建议须选择人代会会议。")
        if data.get("timing") != Timing.DURING_SESSION:
            data["congress_session"] = None
        if data.get("kind") != Kind.MOTION:
            data["delegation"] = None
        return data

    def suggestion_fields(self) -> dict:
        names = ("kind", "title", "content", "category", "timing", "congress_session", "delegation")
        return {name: self.cleaned_data[name] for name in names}


class SuggestionCreateForm(SuggestionForm):
    attachments = MultipleFileField(
        label="附件", required=False, help_text="PDF、Word（DOCX）或图片（JPG、PNG），每个不超过20 MB"
    )

    def clean_attachments(self):
        return _clean_attachments(self.cleaned_data["attachments"])


class PaperSuggestionForm(SuggestionCreateForm):
    """The office enters a paper suggestion on the deputies' behalf."""

    lead_deputy = forms.ModelChoiceField(
        label="领衔代表", queryset=deputies_serving(), widget=deputy_picker()
    )
    cosigners = forms.ModelMultipleChoiceField(
        label="附议代表",
        queryset=deputies_serving(),
        required=False,
        help_text="输入姓名或拼音查找，可多选",
        widget=deputy_picker(many=True),
    )
    signatures_checked = forms.BooleanField(label="已核对纸质建议上的代表签名")

    field_order = ["lead_deputy", "cosigners", "kind", "title", "content"]

    def clean(self):
        data = super().clean()
        lead = data.get("lead_deputy")
        if lead and lead in data.get("cosigners", []):
            self.add_error("cosigners", "领衔代表不能同时作为附议代表。")
        return data


class SuggestionEditForm(SuggestionForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class AttachmentForm(StyledForm):
    # The field's name shadows BaseForm.files for the stubs only: the form's metaclass takes it off the class.
    files = MultipleFileField(  # type: ignore[assignment]
        label="上传附件", help_text="PDF、Word（DOCX）或图片（JPG、PNG），每个不超过20 MB"
    )

    def clean_files(self):
        return _clean_attachments(self.cleaned_data["files"])


class CosignerInviteForm(forms.Form):
    deputies = forms.ModelMultipleChoiceField(
        label="邀请附议代表",
        queryset=deputies_serving(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "请勾选要邀请的代表。"},
    )


# ---------------------------------------------------------------- registration review


class ReturnForm(StyledForm):
    reason = forms.CharField(label="退回理由", widget=forms.Textarea(attrs={"rows": 4}))


class RejectForm(StyledForm):
    reason = forms.ModelChoiceField(label="不予立案理由", queryset=RefusalReason.objects.filter(active=True))
    note = forms.CharField(label="说明", widget=forms.Textarea(attrs={"rows": 3}), required=False)


class MergeForm(forms.Form):
    others = forms.ModelMultipleChoiceField(
        label="并入本件办理的建议",
        queryset=Suggestion.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "请选择要并案的建议。"},
    )

    def __init__(self, *args, candidates, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        others = cast(forms.ModelMultipleChoiceField, self.fields["others"])
        others.queryset = candidates
        choice_labels(others, lambda s: f"{s.number or '未编号'} {s.title}（{s.lead_deputy.name}）")


class PresidiumForm(StyledForm):
    decision = forms.ChoiceField(
        label="主席团决定", choices=PresidiumDecision.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(label="说明", widget=forms.Textarea(attrs={"rows": 3}), required=False)


# ---------------------------------------------------------------- assignment


class AssignMeetingForm(StyledForm):
    meeting_name = forms.CharField(label="交办会名称", max_length=100)
    on = forms.DateField(label="交办日期", widget=date_input(), initial=timezone.localdate)


class AssignRowForm(forms.Form):
    """One suggestion of the batch assignment page."""

    suggestion = forms.IntegerField(widget=forms.HiddenInput)
    pick = forms.BooleanField(label="交办", required=False)
    lead = forms.ChoiceField(label="主办单位", required=False)
    joint = forms.MultipleChoiceField(label="会办单位", required=False)
    assisting = forms.MultipleChoiceField(label="协办单位", required=False)
    split = forms.MultipleChoiceField(label="分办单位", required=False)
    is_complex = forms.BooleanField(label="涉及面广、难度大（6个月）", required=False)

    def __init__(self, *args, units: SharedChoices, lead_units: SharedChoices, **kwargs) -> None:
        """`units` and `lead_units` (the same with an empty first choice): built once for every row."""
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["lead"]).choices = lead_units
        for name in ("joint", "assisting", "split"):
            cast(forms.MultipleChoiceField, self.fields[name]).choices = units
            self.fields[name].widget.attrs["size"] = 3
        style(self.fields)

    def item(self, units: dict[int, HandlingUnit]) -> dict:
        """The keyword arguments of services.suggestion_assign for this row."""
        data = self.cleaned_data

        def pick(values):
            return [units[int(pk)] for pk in values]

        return {
            "lead": units[int(data["lead"])] if data["lead"] else None,
            "joint": pick(data["joint"]),
            "assisting": pick(data["assisting"]),
            "split": pick(data["split"]),
            "is_complex": data["is_complex"],
        }


AssignRowFormSet = forms.formset_factory(AssignRowForm, extra=0)


def assign_row_choices(units: Iterable[HandlingUnit]) -> dict[str, SharedChoices]:
    """The form_kwargs of AssignRowFormSet: the units' choices built once for all its rows."""
    offered = [(str(unit.pk), unit.name) for unit in units]
    return {"units": SharedChoices(offered), "lead_units": SharedChoices([("", "—"), *offered])}


class ReassignRequestForm(StyledForm):
    reason = forms.CharField(label="申请调整的理由", widget=forms.Textarea(attrs={"rows": 4}))


class ReassignDecideForm(StyledForm):
    approve = forms.TypedChoiceField(
        label="处理意见",
        choices=[("1", "同意调整"), ("0", "不同意调整")],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    new_unit = forms.ModelChoiceField(
        label="新的承办单位", queryset=HandlingUnit.objects.filter(active=True), required=False
    )
    note = forms.CharField(label="说明", widget=forms.Textarea(attrs={"rows": 2}), required=False)


# ---------------------------------------------------------------- handling (units)


class ContactForm(StyledForm):
    stage = forms.ChoiceField(label="阶段", choices=ContactRecord.Stage.choices)
    method = forms.ChoiceField(label="方式", choices=ContactRecord.Method.choices)
    date = forms.DateField(label="日期", widget=date_input(), initial=timezone.localdate)
    summary = forms.CharField(label="情况摘要", widget=forms.Textarea(attrs={"rows": 4}))


class OpinionForm(StyledForm):
    opinion = forms.CharField(label="会办意见", widget=forms.Textarea(attrs={"rows": 6}))


class ReplyForm(StyledForm):
    result_category = forms.ModelChoiceField(
        label="办理结果", queryset=ResultCategory.objects.filter(active=True)
    )
    text = forms.CharField(
        label="答复内容",
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="只写答复正文；称呼、开头语、结束语和落款由答复函模板生成",
    )
    signer = forms.CharField(label="签发人", max_length=30)
    document_number = forms.CharField(
        label="文号", max_length=50, required=False, help_text="如 方交函〔2026〕12号；按模板生成答复函时必填"
    )
    contact_person = forms.CharField(
        label="联系人", max_length=30, required=False, help_text="按模板生成答复函时必填"
    )
    contact_phone = forms.CharField(
        label="联系电话", max_length=30, required=False, help_text="按模板生成答复函时必填"
    )
    copy_to = forms.CharField(
        label="抄送", max_length=300, required=False, help_text="默认抄送代表工作机构和附议代表，可修改"
    )
    publishable = forms.BooleanField(label="同意公开答复", required=False)
    letter = forms.FileField(label="上传答复函", required=False, help_text="PDF 或 Word（DOCX），不超过20 MB")
    generate_letter = forms.BooleanField(
        label="按模板生成答复函（Word）",
        required=False,
        help_text="不上传答复函时，由系统按模板生成；发送前可点“预览答复函”查看",
    )

    def clean_letter(self):
        letter = self.cleaned_data["letter"]
        if letter:
            check_upload(letter, LETTER_TYPES)
        return letter


class ReplyLetterTemplateForm(StyledForm):
    """答复函模板: every part of the letter the unit does not write, with {placeholders}."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    heading = forms.CharField(label="标题", max_length=200)
    salutation = forms.CharField(label="称呼", max_length=100)
    opening = forms.CharField(label="开头语", max_length=300, widget=forms.Textarea(attrs={"rows": 2}))
    closing = forms.CharField(label="结束语", max_length=300, widget=forms.Textarea(attrs={"rows": 2}))
    signature = forms.CharField(
        label="落款", widget=forms.Textarea(attrs={"rows": 3}), help_text="每行一项，在答复函末尾右对齐"
    )
    copy_to = forms.CharField(
        label="默认抄送", max_length=300, required=False, help_text="承办单位答复时可修改；各项以逗号分隔"
    )


class CommitmentForm(StyledForm):
    description = forms.CharField(label="承诺事项", max_length=300)
    due = forms.DateField(label="承诺期限", widget=date_input())


CommitmentFormSet = forms.formset_factory(CommitmentForm, extra=3)


class CommitmentUpdateForm(StyledForm):
    text = forms.CharField(label="进展情况", widget=forms.Textarea(attrs={"rows": 4}))
    solved = forms.BooleanField(label="已落实解决", required=False)
    raise_to = forms.ModelChoiceField(
        label="调整办理结果为",
        queryset=ResultCategory.objects.filter(active=True),
        required=False,
        help_text="问题解决后可将办理结果调整为更高类别",
    )


# ---------------------------------------------------------------- evaluation


RATING_CHOICES = [
    (Rating.SATISFIED, Rating.SATISFIED.label),
    (Rating.BASICALLY_SATISFIED, Rating.BASICALLY_SATISFIED.label),
    (Rating.DISSATISFIED, Rating.DISSATISFIED.label),
]


class EvaluationForm(StyledForm):
    rating = forms.ChoiceField(label="总体评价", choices=RATING_CHOICES, widget=forms.RadioSelect)
    attitude = forms.ChoiceField(label="办理态度", choices=RATING_CHOICES, widget=forms.RadioSelect)
    result = forms.ChoiceField(label="办理结果", choices=RATING_CHOICES, widget=forms.RadioSelect)
    comment = forms.CharField(label="意见", widget=forms.Textarea(attrs={"rows": 4}), required=False)

    def __init__(self, *args, separate: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not separate:
            del self.fields["attitude"], self.fields["result"]


# ---------------------------------------------------------------- supervision and coordination


class KeySupervisionForm(StyledForm):
    decided_on = forms.DateField(label="主任会议决定日期", widget=date_input(), initial=timezone.localdate)
    leader = forms.ModelChoiceField(
        label="领衔督办领导",
        queryset=CommitteeMembership.objects.filter(
            position__in=[CommitteeMembership.Position.CHAIR, CommitteeMembership.Position.VICE_CHAIR],
            end_date__isnull=True,
        ).select_related("deputy"),
    )
    decision = forms.CharField(
        label=KeySupervision._meta.get_field("decision").verbose_name,
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class SupervisionNoteForm(StyledForm):
    kind = forms.ChoiceField(label="类型", choices=SupervisionNote.Kind.choices)
    date = forms.DateField(label="日期", widget=date_input(), initial=timezone.localdate)
    text = forms.CharField(label="内容", widget=forms.Textarea(attrs={"rows": 3}))


class CoordinationForm(StyledForm):
    outcome = forms.CharField(label="协调处理结果", widget=forms.Textarea(attrs={"rows": 5}))


# ---------------------------------------------------------------- list filters


def _years():
    return [(year, f"{year}年") for year in range(timezone.localdate().year + 1, 2015, -1)]


class SuggestionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="搜索", method="search")
    state = django_filters.ChoiceFilter(label="状态", choices=State.choices, empty_label="全部状态")
    kind = django_filters.ChoiceFilter(label="类型", choices=Kind.choices, empty_label="建议和议案")
    year = django_filters.ChoiceFilter(label="年度", choices=_years, empty_label="全部年度")
    congress_session = django_filters.ModelChoiceFilter(
        label="人代会会议", queryset=CongressSession.objects.select_related("term"), empty_label="全部会议"
    )
    timing = django_filters.ChoiceFilter(label="提出时间", choices=Timing.choices, empty_label="全部")
    category = django_filters.ModelChoiceFilter(
        label="分类", queryset=SuggestionCategory.objects.all(), empty_label="全部分类"
    )
    unit = django_filters.ModelChoiceFilter(
        label="承办单位", queryset=HandlingUnit.objects.all(), method="by_unit", empty_label="全部单位"
    )
    deputy = django_filters.CharFilter(label="领衔代表", method="by_deputy")
    is_overdue = django_filters.BooleanFilter(
        label="超期", widget=forms.Select(choices=[("", "全部"), ("true", "已超期"), ("false", "未超期")])
    )
    key = django_filters.BooleanFilter(
        label="重点督办", method="by_key", widget=forms.Select(choices=[("", "全部"), ("true", "重点督办")])
    )

    class Meta:
        model = Suggestion
        fields: list[str] = []

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style(self.form.fields)

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(title__icontains=value) | Q(number__icontains=value) | Q(content__icontains=value)
        )

    def by_unit(self, queryset, name, value):
        return queryset.filter(
            Exists(
                Assignment.objects.filter(suggestion=OuterRef("pk"), unit=value).exclude(
                    state=AssignmentState.WITHDRAWN
                )
            )
        )

    def by_deputy(self, queryset, name, value):
        from renda.deputies.selectors import deputy_search

        return queryset.filter(lead_deputy__in=deputy_search(Deputy.objects.all(), value))

    def by_key(self, queryset, name, value):
        return queryset.filter(is_key=value)


class SearchFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="搜索", method="search")

    class Meta:
        model = Suggestion
        fields: list[str] = []

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style(self.form.fields)

    def search(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(number__icontains=value))


class MineFilter(SearchFilter):
    state = django_filters.ChoiceFilter(label="状态", choices=State.choices, empty_label="全部状态")
    year = django_filters.ChoiceFilter(label="年度", choices=_years, empty_label="全部年度")


# ---------------------------------------------------------------- unit keywords (recommendation hints)


class UnitKeywordForm(StyledForm):
    keyword = forms.CharField(label="关键词", max_length=30, help_text="建议标题或内容中出现该词时推荐该单位")
    unit = forms.ModelChoiceField(label="承办单位", queryset=HandlingUnit.objects.none())
    weight = forms.IntegerField(
        label="权重", min_value=1, max_value=10, initial=5, help_text="1–10；10相当于一件完全相同的往年建议"
    )
    active = forms.BooleanField(label="在用", required=False, initial=True)

    def __init__(self, *args, unit_id: int | None = None, **kwargs) -> None:
        """Active units are offered, and the keyword's own unit even if it has since stopped."""
        super().__init__(*args, **kwargs)
        unit = cast(forms.ModelChoiceField, self.fields["unit"])
        unit.queryset = HandlingUnit.objects.filter(Q(active=True) | Q(pk=unit_id))


class UnitKeywordFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="关键词", field_name="keyword", lookup_expr="icontains")
    unit = django_filters.ModelChoiceFilter(
        label="承办单位", queryset=HandlingUnit.objects.all(), empty_label="全部单位"
    )
    active = django_filters.BooleanFilter(
        label="在用", widget=forms.Select(choices=[("", "全部"), ("true", "在用"), ("false", "停用")])
    )

    class Meta:
        model = UnitKeyword
        fields: list[str] = []

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style(self.form.fields)


# ---------------------------------------------------------------- statistics


def _years_or_this_year():
    return [("", "本年度"), *_years()]


class YearForm(StyledForm):
    year = forms.TypedChoiceField(
        label="年度", choices=_years_or_this_year, coerce=int, required=False, empty_value=None
    )

    def chosen_year(self) -> int:
        """The year asked for; this year when none (or no valid one) was."""
        year = self.cleaned_data.get("year") if self.is_bound and self.is_valid() else None
        return year or timezone.localdate().year


class StatsScopeForm(YearForm):
    """统计范围: a congress session if chosen, else a date range if given, else a year."""

    field_order = ["session", "start", "end", "year"]
    session = forms.ModelChoiceField(
        label="人代会会议",
        queryset=CongressSession.objects.select_related("term").order_by("-start_date"),
        required=False,
        empty_label="（不按会议）",
    )
    start = forms.DateField(label="起始日期", required=False, widget=date_input())
    end = forms.DateField(label="截止日期", required=False, widget=date_input())

    def clean(self):
        super().clean()
        data = self.cleaned_data
        start, end = data.get("start"), data.get("end")
        if bool(start) != bool(end):
            self.add_error("end" if start else "start", "按日期统计须同时填写起止日期。")
        elif start and end and start > end:
            self.add_error("end", "截止日期不能早于起始日期。")
        return data

    def scope(self) -> Scope:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        if data.get("session"):
            return Scope.of_session(data["session"])
        if data.get("start") and data.get("end"):
            return Scope.of_range(data["start"], data["end"])
        return Scope.of_year(self.chosen_year())


# ---------------------------------------------------------------- historical suggestions' import

HISTORY_IMPORT_MAX_BYTES = 10 * 1024 * 1024


class HistoryImportRowForm(forms.Form):
    """One row of the historical suggestions' sheet; the field labels are the sheet's headers."""

    year = forms.IntegerField(
        label="年度", min_value=1980, max_value=2100, error_messages={"invalid": "请填写四位数的年份。"}
    )
    title = forms.CharField(label="标题", max_length=200)
    content = forms.CharField(label="内容", required=False)
    unit_name = forms.CharField(label="主办单位", max_length=100)

    def __init__(self, *args, matcher: UnitMatcher, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.matcher = matcher

    def clean(self):
        cleaned = super().clean() or {}
        if cleaned.get("unit_name"):
            try:
                cleaned["unit"] = self.matcher.match(cleaned["unit_name"])
            except ValidationError as error:
                self.add_error("unit_name", error)
        return cleaned


HISTORY_IMPORT_EXAMPLE = {
    "year": 2023,
    "title": "关于硬化某某村通组公路的建议",
    "content": "某某村通组公路晴通雨阻，群众出行困难，建议列入计划予以硬化。",
    "unit_name": "县交通运输局",
}


class HistoryImportForm(StyledForm):
    file = forms.FileField(
        label="Excel 文件",
        validators=[FileExtensionValidator(["xlsx"], "请上传 .xlsx 格式的 Excel 文件。")],
        help_text="请使用导入模板填写，第一行为表头；有任何一行不符合要求时，整个文件都不会导入。",
    )

    def clean_file(self):
        file = self.cleaned_data["file"]
        if file.size > HISTORY_IMPORT_MAX_BYTES:
            raise ValidationError("文件过大（不能超过10MB），请分批导入。")
        self.source = file.name
        return read_xlsx(file, required_headers=headers_of(HistoryImportRowForm, required_only=True))

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        if cleaned.get("file"):
            valid, errors = validate_rows(cleaned["file"], HistoryImportRowForm, matcher=UnitMatcher())
            if errors:
                raise ValidationError(errors)
            cleaned["rows"] = [(row.number, data) for row, data in valid]
        return cleaned
