"""Forms of the legislative outreach pages; the public comment form reuses the opinions' checks against robots."""

import datetime
import re
from typing import Any

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q

from renda.core.forms import SearchableSelectMultiple, date_input, style
from renda.core.human import HumanCheck
from renda.deputies.forms import deputy_picker
from renda.deputies.models import Deputy, LiaisonStation
from renda.legislation.models import (
    Adoption,
    Channel,
    Comment,
    Draft,
    DraftArticle,
    DraftLevel,
    DraftState,
    Liaison,
    LiaisonRole,
    OutreachWork,
    WorkKind,
)


class StyledForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style(self.fields)


class TextMixin(forms.Form):
    text = forms.CharField(
        label="草案全文（粘贴）", required=False, widget=forms.Textarea(attrs={"rows": 10}),
        help_text="每条以“第一条”等开头另起一行；章以“第一章”开头。也可上传 Word 文件。",
    )  # fmt: skip
    upload = forms.FileField(label="或上传 .docx 文件", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("text") and not data.get("upload"):
            self.add_error("text", "请粘贴草案全文或上传 Word 文件。")
        return data


class DraftForm(TextMixin, StyledForm):
    title = forms.CharField(label="草案名称", max_length=200)
    issuing_body = forms.CharField(label="征求意见机关", max_length=100)
    level = forms.ChoiceField(label="层级", choices=DraftLevel.choices)
    received_on = forms.DateField(label="收到日期", widget=date_input())
    report_due = forms.DateField(label="报送截止日期", widget=date_input())
    field_order = ["title", "issuing_body", "level", "received_on", "report_due", "text", "upload"]


class VersionForm(TextMixin, StyledForm):
    label = forms.CharField(label="版本名称", max_length=50, initial="二次审议稿")
    field_order = ["label", "text", "upload"]


class FinalForm(TextMixin, StyledForm):
    passed_on = forms.DateField(label="通过日期", widget=date_input())
    field_order = ["passed_on", "text", "upload"]


class ArticleForm(StyledForm):
    number = forms.IntegerField(label="条号", min_value=1, max_value=9999)
    chapter = forms.CharField(
        label="章（标题）", max_length=100, required=False, help_text="如：第二章 处罚的种类和适用"
    )
    text = forms.CharField(
        label="条文内容", widget=forms.Textarea(attrs={"rows": 6}), help_text="每款、每项另起一行"
    )
    expected_version = forms.IntegerField(
        widget=forms.HiddenInput
    )  # the draft's version the form was read at


class SplitForm(StyledForm):
    """Split an article before one of its paragraphs; comments stay on the first part unless moved."""

    at = forms.TypedChoiceField(label="从哪一段起成为新的一条", coerce=int, widget=forms.RadioSelect)
    number = forms.IntegerField(
        label="新条文的条号（可不填）", min_value=1, max_value=9999, required=False,
        help_text="不填时取该段开头的“第X条”，没有则为本条条号加一",
    )  # fmt: skip
    move_comments = forms.ModelMultipleChoiceField(
        label="随新条文移动的意见（不选则意见都留在原条）", queryset=Comment.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    expected_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, text_row: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        paragraphs = [line for line in text_row.text.split("\n") if line.strip()]
        at: Any = self.fields["at"]
        at.choices = [(i, f"第{i}段：{line[:40]}") for i, line in enumerate(paragraphs, 1) if i > 1]
        comments: Any = self.fields["move_comments"]
        comments.queryset = Comment.objects.filter(article=text_row.article_id).order_by("pk")
        comments.label_from_instance = lambda c: f"{c.pk}：{c.content[:40]}"


class ArticleMergeForm(StyledForm):
    expected_version = forms.IntegerField(widget=forms.HiddenInput)


class OpenForm(StyledForm):
    opens_on = forms.DateField(label="征求意见开始日期", widget=date_input())
    closes_on = forms.DateField(
        label="征求意见截止日期", widget=date_input(), help_text="公开征求意见不少于30日"
    )
    internal_due = forms.DateField(
        label="内部截止日期（可不填）", widget=date_input(), required=False,
        help_text="联络站、代表报送意见的期限，可早于公开截止日期",
    )  # fmt: skip
    stations = forms.ModelMultipleChoiceField(
        label="征求意见的联络站（室）", queryset=LiaisonStation.objects.filter(active=True), required=False,
        widget=SearchableSelectMultiple,
    )  # fmt: skip
    deputies = forms.ModelMultipleChoiceField(
        label="征求意见的代表",
        queryset=Deputy.objects.all(),
        required=False,
        widget=deputy_picker(many=True, every_status=True),
    )
    liaisons = forms.ModelMultipleChoiceField(
        label="征求意见的信息员、联络员和专家", queryset=Liaison.objects.filter(active=True).select_related("station"),
        required=False, widget=SearchableSelectMultiple, help_text="从名册中选择；名册在“信息员和专家”中登记",
    )  # fmt: skip
    others = forms.CharField(
        label="其他征求对象", required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text="部门等名册以外的对象",
    )  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["liaisons"]
        field.label_from_instance = lambda p: (
            f"{p}{'·' + p.station.name if p.station else ''}" + (f"·{p.expertise}" if p.expertise else "")
        )


def article_choices(draft: Draft) -> list[tuple[str, str]]:
    from renda.legislation.services import current_version

    version = current_version(draft)
    return [("", "对草案整体的意见")] + [
        (str(t.article_id), f"第{t.number}条 {t.text[:24]}") for t in version.texts.order_by("position")
    ]


class ArticleChoiceMixin(forms.Form):
    article = forms.ChoiceField(label="针对条文", required=False)

    def set_draft(self, draft: Draft) -> None:
        self.draft = draft
        field: Any = self.fields["article"]
        field.choices = article_choices(draft)

    def clean_article(self) -> DraftArticle | None:
        value = self.cleaned_data.get("article")
        return DraftArticle.objects.filter(draft=self.draft, pk=value).first() if value else None


class CommentForm(ArticleChoiceMixin, StyledForm):
    channel = forms.ChoiceField(label="来源", choices=[])
    content = forms.CharField(label="意见内容", widget=forms.Textarea(attrs={"rows": 5}))
    author_name = forms.CharField(label="提出人（可不填）", max_length=50, required=False)
    contact = forms.CharField(label="联系方式（不公开，可不填）", max_length=50, required=False)

    def __init__(self, *args: Any, draft: Draft, channels: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.set_draft(draft)
        field: Any = self.fields["channel"]
        field.choices = [(c, Channel(c).label) for c in channels]


class PublicCommentForm(HumanCheck, ArticleChoiceMixin, StyledForm):
    """The public page: no account; the question a person answers and the hidden field a robot fills."""

    content = forms.CharField(label="您的意见", widget=forms.Textarea(attrs={"rows": 5}), max_length=3000)
    author_name = forms.CharField(label="姓名（可不填）", max_length=30, required=False)
    contact = forms.CharField(
        label="联系方式（可不填，不公开）",
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel"}),
    )

    def __init__(self, *args: Any, draft: Draft, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.set_draft(draft)


class TrackForm(StyledForm):
    code = forms.CharField(
        label="查询码", min_length=8, max_length=8, help_text="提交意见后页面上显示的8位查询码"
    )


class CommentsField(forms.CharField):
    """One comment a line: 第5条：意见…  (a line without 第N条 is on the whole draft)."""

    widget = forms.Textarea(attrs={"rows": 6})


class SymposiumForm(StyledForm):
    held_on = forms.DateField(label="日期", widget=date_input())
    place = forms.CharField(label="地点", max_length=100)
    station = forms.ModelChoiceField(
        label="联络站（室）", queryset=LiaisonStation.objects.filter(active=True), required=False
    )
    attendees = forms.CharField(label="参加人员", widget=forms.Textarea(attrs={"rows": 2}))
    attendee_count = forms.IntegerField(label="参加人数", min_value=0, max_value=10000, initial=0)
    minutes = forms.CharField(label="会议纪要", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    comments = CommentsField(
        label="座谈会上的意见", required=False,
        help_text="每行一条；针对某条的以“第5条：”开头，其余视为对草案整体的意见",
    )  # fmt: skip

    def __init__(self, *args: Any, draft: Draft, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.draft = draft

    def clean_comments(self) -> list[tuple[DraftArticle | None, str]]:
        from renda.legislation.services import current_version
        from renda.legislation.text import ARTICLE, cn_number

        by_number = {t.number: t.article for t in current_version(self.draft).texts.select_related("article")}
        rows: list[tuple[DraftArticle | None, str]] = []
        for line_no, line in enumerate((self.cleaned_data.get("comments") or "").splitlines(), 1):
            line = line.strip()
            if not line:
                continue
            head = line.replace("：", " ", 1).replace(":", " ", 1)
            match = ARTICLE.match(head)
            if match:
                number = cn_number(match.group(1))
                if number not in by_number:
                    raise ValidationError(f"第{line_no}行：草案没有第{number}条。")
                rows.append((by_number[number], match.group(2).strip()))
            else:
                rows.append((None, line))
        return rows


class MergeForm(StyledForm):
    into = forms.ModelChoiceField(label="合并到", queryset=Comment.objects.none())

    def __init__(self, *args: Any, comment: Comment, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["into"]
        field.queryset = comment.draft.comments.filter(merged_into=None).exclude(pk=comment.pk)
        field.label_from_instance = lambda c: f"{c.pk}：{c.content[:40]}"


class OpinionForm(ArticleChoiceMixin, StyledForm):
    text = forms.CharField(label="修改意见", widget=forms.Textarea(attrs={"rows": 4}))
    reason = forms.CharField(label="理由", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    comments = forms.ModelMultipleChoiceField(
        label="归入的意见", queryset=Comment.objects.none(), required=False, widget=SearchableSelectMultiple
    )

    def __init__(self, *args: Any, draft: Draft, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.set_draft(draft)
        article: Any = self.fields["article"]
        article.choices = [("", "对草案整体")] + list(article.choices)[1:]
        field: Any = self.fields["comments"]
        field.queryset = draft.comments.filter(merged_into=None)
        field.label_from_instance = lambda c: f"{c.pk}：{c.content[:40]}"


class ReportForm(StyledForm):
    reported_on = forms.DateField(label="报送日期", widget=date_input(), initial=datetime.date.today)


class AdoptionForm(StyledForm):
    adoption = forms.ChoiceField(
        label="采纳情况", choices=[c for c in Adoption.choices if c[0] != Adoption.PENDING]
    )
    note = forms.CharField(label="采纳说明", max_length=300, required=False)


class WorkForm(StyledForm):
    station = forms.ModelChoiceField(
        label="联络站（室）", queryset=LiaisonStation.objects.filter(active=True), required=False
    )
    kind = forms.ChoiceField(label="类别", choices=WorkKind.choices)
    held_on = forms.DateField(label="日期", widget=date_input())
    title = forms.CharField(label="名称", max_length=120)
    count = forms.IntegerField(label="人数或件次", min_value=1, max_value=100000, initial=1)
    attendees = forms.ModelMultipleChoiceField(
        label="参加培训的信息员、联络员（培训时选择）", required=False, widget=SearchableSelectMultiple,
        queryset=Liaison.objects.filter(active=True).exclude(role=LiaisonRole.EXPERT).select_related("station"),
    )  # fmt: skip
    note = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, station_id: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["attendees"]
        if station_id:
            field.queryset = field.queryset.filter(station_id=station_id)
        field.label_from_instance = lambda p: f"{p}·{p.station.name}" if p.station else str(p)


class LiaisonForm(StyledForm):
    name = forms.CharField(label="姓名", max_length=50)
    role = forms.ChoiceField(label="身份", choices=LiaisonRole.choices)
    station = forms.ModelChoiceField(
        label="所在联络站（室）", queryset=LiaisonStation.objects.filter(active=True), required=False,
        help_text="信息员、联络员必填；专家可不填",
    )  # fmt: skip
    expertise = forms.CharField(label="专业领域", max_length=100, required=False)
    organisation = forms.CharField(label="工作单位", max_length=100, required=False)
    phone = forms.CharField(
        label="联系电话（不公开）",
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel"}),
    )
    active = forms.BooleanField(label="在册", required=False, initial=True)
    note = forms.CharField(label="备注", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean_phone(self) -> str:
        phone = (self.cleaned_data.get("phone") or "").strip()
        if phone and not re.fullmatch(r"[\d\-+ ]{5,30}", phone):
            raise ValidationError("请填写正确的电话号码（数字、短横线）。")
        return phone


class LiaisonFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="姓名、专业领域", method="search")
    role = django_filters.ChoiceFilter(label="身份", choices=LiaisonRole.choices, empty_label="全部身份")
    station = django_filters.ModelChoiceFilter(
        label="联络站（室）", queryset=LiaisonStation.objects.filter(active=True), empty_label="全部联络站"
    )

    class Meta:
        model = Liaison
        fields: list[str] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style(self.form.fields)

    def search(self, queryset: Any, name: str, value: str) -> Any:
        return queryset.filter(Q(name__icontains=value) | Q(expertise__icontains=value))


class DraftFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="草案名称", field_name="title", lookup_expr="icontains")
    level = django_filters.ChoiceFilter(label="层级", choices=DraftLevel.choices, empty_label="全部层级")
    state = django_filters.ChoiceFilter(label="状态", choices=DraftState.choices, empty_label="全部状态")

    class Meta:
        model = Draft
        fields: list[str] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style(self.form.fields)


class CommentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="意见内容", field_name="content", lookup_expr="icontains")
    draft = django_filters.ModelChoiceFilter(
        label="草案", queryset=Draft.objects.all(), empty_label="全部草案"
    )
    channel = django_filters.ChoiceFilter(label="来源", choices=Channel.choices, empty_label="全部来源")

    class Meta:
        model = Comment
        fields: list[str] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style(self.form.fields)


class WorkFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="名称", field_name="title", lookup_expr="icontains")
    kind = django_filters.ChoiceFilter(label="类别", choices=WorkKind.choices, empty_label="全部类别")

    class Meta:
        model = OutreachWork
        fields: list[str] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style(self.form.fields)
