"""Forms of the suggestion fund's pages. They validate input; the fund's rules stay in services.py."""

from decimal import Decimal
from typing import cast

import django_filters
from django import forms

from renda.core.forms import choice_labels, date_input, style
from renda.fund.models import FundProject, SuggestionFund
from renda.org.models import HandlingUnit
from renda.suggestions.forms import StyledForm, _years
from renda.suggestions.models import Suggestion


class FundForm(StyledForm):
    year = forms.TypedChoiceField(label="年度", choices=_years, coerce=int)
    name = forms.CharField(label="名称", max_length=100, initial="代表建议专项资金")
    amount = forms.DecimalField(
        label="资金总额（元）", max_digits=14, decimal_places=2, min_value=Decimal("0.01")
    )
    note = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class FundEditForm(FundForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class FundProjectForm(StyledForm):
    name = forms.CharField(label="项目名称", max_length=200)
    suggestions = forms.ModelMultipleChoiceField(
        label="相关建议",
        queryset=Suggestion.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text="本年度和上一年度已立案的建议，输入标题筛选，可多选",
    )
    unit = forms.ModelChoiceField(label="实施单位", queryset=HandlingUnit.objects.none())
    amount = forms.DecimalField(
        label="安排资金（元）", max_digits=14, decimal_places=2, min_value=Decimal("0.01")
    )
    status = forms.ChoiceField(label="状态", choices=FundProject.Status.choices)
    beneficiaries = forms.IntegerField(label="惠及群众（人次）", min_value=0, initial=0)
    completed_on = forms.DateField(
        label="完成日期", required=False, widget=date_input(), help_text="项目完成后填写"
    )

    def __init__(self, *args, candidates, units, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        suggestions = cast(forms.ModelMultipleChoiceField, self.fields["suggestions"])
        suggestions.queryset = candidates
        choice_labels(suggestions, lambda s: f"{s.number} {s.title}")
        cast(forms.ModelChoiceField, self.fields["unit"]).queryset = units


class FundProjectEditForm(FundProjectForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class FundFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="名称", field_name="name", lookup_expr="icontains")
    year = django_filters.ChoiceFilter(label="年度", choices=_years, empty_label="全部年度")

    class Meta:
        model = SuggestionFund
        fields: list[str] = []

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style(self.form.fields)
