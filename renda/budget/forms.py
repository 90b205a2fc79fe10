"""Forms and list filters of the budget supervision."""

from typing import Any

import django_filters
from django import forms
from django.db.models import Q
from django.urls import reverse

from renda.budget import importing
from renda.budget.models import Adjustment, Alert, AlertState, Dataset, Milestone
from renda.budget.rules import RULES
from renda.core import clock
from renda.core.forms import date_input, style
from renda.org.models import HandlingUnit


def _years() -> list[tuple[int, str]]:
    this = clock.today().year
    return [(y, f"{y}年") for y in range(this, this - 6, -1)]


class AlertFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="单位、项目或收款人", method="search")
    year = django_filters.ChoiceFilter(label="年度", choices=_years, empty_label="全部年度")
    rule = django_filters.ChoiceFilter(
        label="预警规则", choices=[(k, r.label) for k, r in RULES.items()], empty_label="全部规则"
    )
    state = django_filters.ChoiceFilter(label="状态", choices=AlertState.choices, empty_label="全部状态")

    class Meta:
        model = Alert
        fields: list[str] = []

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style(self.form.fields)

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(dept_name__icontains=value) | Q(dept_code__icontains=value) | Q(project_code__icontains=value)
            | Q(payee__icontains=value)
        )  # fmt: skip


MAP_PREFIX = "col_"


def mapping_fields(form: forms.Form, dataset: str, saved: dict[str, str]) -> None:
    """One text field per field of `dataset`: the header of the file's column that gives it (blank: the standard
    header), initially the saved mapping."""
    for col, zh in importing.fields(dataset).items():
        form.fields[MAP_PREFIX + col] = forms.CharField(
            label=f"“{zh}”在文件中的列名",
            required=False,
            max_length=100,
            initial=saved.get(col, ""),
            help_text=f"留空则按标准列名「{zh}」读取",
        )


def mapping_data(cleaned: dict, dataset: str) -> dict[str, str]:
    return {
        col: cleaned.get(MAP_PREFIX + col, "").strip()
        for col in importing.fields(dataset)
        if cleaned.get(MAP_PREFIX + col, "").strip()
    }


class ImportForm(forms.Form):
    """The file, its dataset and year, and — for the finance bureau's own headers — which column of the file
    gives each field of the dataset (saved for later imports when asked)."""

    dataset = forms.ChoiceField(label="数据类别", choices=Dataset.choices)
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    file = forms.FileField(label="文件（CSV、Excel .xlsx 或 Parquet）")

    def __init__(self, *args, dataset: str = "", saved: dict[str, str] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = clock.today().year
        self.mapped_dataset = dataset if dataset in Dataset.values else Dataset.ALLOCATIONS
        self.fields["dataset"].initial = self.mapped_dataset
        # the dataset the mapping fields below were shown for (changing the dataset without refreshing them)
        self.fields["mapped_for"] = forms.CharField(widget=forms.HiddenInput, required=False)
        self.initial["mapped_for"] = self.mapped_dataset
        mapping_fields(self, self.mapped_dataset, saved or {})
        self.fields["save_mapping"] = forms.BooleanField(
            label="保存列对应，以后导入该类数据时自动使用", required=False, initial=True
        )
        style(self.fields)
        self.fields["dataset"].widget.attrs.update(
            {"hx-get": reverse("budget:imports"), "hx-target": "#mapping", "hx-swap": "outerHTML"}
        )

    def mapping_fields(self):
        return [self[name] for name in self.fields if name.startswith(MAP_PREFIX)]

    def clean(self):
        cleaned = super().clean() or {}
        if cleaned.get("mapped_for") and cleaned["mapped_for"] != self.mapped_dataset:
            data: Any = self.data.copy()  # type: ignore[attr-defined]
            data["mapped_for"] = self.mapped_dataset  # shown now: the next submission is for them
            self.data = data
            raise forms.ValidationError("数据类别已改变，请核对下面的列对应后重新选择文件提交。")
        if not any(name.startswith(MAP_PREFIX) for name in self.data):
            cleaned["mapping"] = None  # no mapping fields sent: the saved mapping applies
            return cleaned
        try:
            cleaned["mapping"] = importing.clean_mapping(
                self.mapped_dataset, mapping_data(cleaned, self.mapped_dataset)
            )
        except ValueError as error:
            raise forms.ValidationError(str(error)) from error
        return cleaned

    def clean_file(self):
        f = self.cleaned_data["file"]
        ext = f.name.rsplit(".", 1)[-1].lower() if "." in f.name else ""
        if ext not in ("csv", "xlsx", "parquet"):
            raise forms.ValidationError("请上传CSV、Excel（.xlsx）或Parquet文件。")
        self.cleaned_data["fmt"] = ext
        return f


class MappingForm(forms.Form):
    """A dataset's saved column mapping: for each field, the header of the finance bureau's column."""

    def __init__(self, *args, dataset: str, saved: dict[str, str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.dataset = dataset
        mapping_fields(self, dataset, saved)
        style(self.fields)

    def clean(self):
        cleaned = super().clean() or {}
        cleaned["columns"] = mapping_data(cleaned, self.dataset)
        return cleaned


class DismissForm(forms.Form):
    reason = forms.CharField(label="排除理由", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style(self.fields)


class InquireForm(forms.Form):
    unit = forms.ModelChoiceField(label="函询单位", queryset=HandlingUnit.objects.filter(active=True))
    due = forms.DateField(label="答复期限", widget=date_input())
    note = forms.CharField(label="函询事项", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style(self.fields)


class ConclusionForm(forms.Form):
    conclusion = forms.CharField(label="办理结论", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style(self.fields)


class ReplyForm(forms.Form):
    text = forms.CharField(label="答复内容", widget=forms.Textarea(attrs={"rows": 5}))
    signer = forms.CharField(label="签发人", max_length=30)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style(self.fields)


class MilestoneForm(forms.Form):
    year = forms.IntegerField(label="预算年度", min_value=2000, max_value=2100)
    kind = forms.ChoiceField(label="事项", choices=Milestone.Kind.choices)
    date = forms.DateField(label="日期", widget=date_input())
    reference = forms.DateField(
        label="人民代表大会会议举行日期（预算草案送审时填写）", required=False, widget=date_input()
    )
    note = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = clock.today().year
        style(self.fields)


class AdjustmentForm(forms.Form):
    year = forms.IntegerField(label="预算年度", min_value=2000, max_value=2100)
    case = forms.ChoiceField(label="法定情形（预算法第六十七条）", choices=Adjustment.Case.choices)
    amount = forms.DecimalField(label="调整金额（元）", max_digits=16, decimal_places=2)
    approved_on = forms.DateField(label="常委会批准日期", widget=date_input())
    description = forms.CharField(label="调整说明", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = clock.today().year
        style(self.fields)
