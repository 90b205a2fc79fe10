"""Forms and list filters of the organisation pages."""

from typing import cast

import django_filters
from django import forms
from django.core.validators import RegexValidator
from django.db.models import Q, QuerySet

from renda.core.forms import date_input, style
from renda.deputies.forms import deputy_picker
from renda.org.models import (
    CommitteeMembership,
    CommitteeOffice,
    CommitteeOfficeMembership,
    CongressSession,
    HandlingUnit,
    Jurisdiction,
    Term,
    Township,
)
from renda.org.services import JURISDICTION_FIELDS, OFFICE_FIELDS, TOWNSHIP_FIELDS, UNIT_FIELDS

PHONE_VALIDATOR = RegexValidator(
    r"^(1\d{10}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$",
    "请填写11位手机号，或带区号的固定电话（如 0857-1234567）。",
)


class StyledModelForm(forms.ModelForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style(self.fields)

    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields or ()}


class JurisdictionForm(StyledModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Jurisdiction
        fields = list(JURISDICTION_FIELDS)
        help_texts = {"code": "6位数字，如 520521"}


class TownshipForm(StyledModelForm):
    class Meta:
        model = Township
        fields = list(TOWNSHIP_FIELDS)
        help_texts = {"order": "数字小的排在前面；新增时不填则排在最后"}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["order"].required = False
        if self.instance.pk is None:
            self.initial.pop("order", None)

    def validate_unique(self) -> None:
        """The service checks uniqueness within the jurisdiction; the form has no jurisdiction field."""


class TermForm(StyledModelForm):
    class Meta:
        model = Term
        fields = ["number", "start_date", "end_date"]
        widgets = {"start_date": date_input(), "end_date": date_input()}
        help_texts = {"number": "如第十八届填 18"}

    def validate_unique(self) -> None:
        """The service checks the number within the jurisdiction; the form has no jurisdiction field."""


class TermCreateForm(TermForm):
    is_current = forms.BooleanField(label="设为本届", required=False, help_text="原本届将不再是本届")


class CongressSessionForm(StyledModelForm):
    class Meta:
        model = CongressSession
        fields = ["number", "start_date", "end_date", "place"]
        widgets = {"start_date": date_input(), "end_date": date_input()}
        help_texts = {"number": "如第二次会议填 2"}

    def validate_unique(self) -> None:
        """The service checks the number within the term; the form has no term field."""


def _pick_among(field: forms.Field, deputies: QuerySet, term: Term) -> None:
    """`field` accepts `deputies` (the term's, whatever their status) and finds them as one types."""
    deputy = cast(forms.ModelChoiceField, field)
    widget = deputy_picker(every_status=True, term_id=term.pk)
    widget.attrs["class"], widget.is_required = "form-select", deputy.required  # as style() left the former
    deputy.widget = widget
    deputy.queryset = deputies  # also gives the widget its choices


class MembershipForm(StyledModelForm):
    class Meta:
        model = CommitteeMembership
        fields = ["deputy", "position", "office", "start_date", "order"]
        widgets = {"start_date": date_input()}
        help_texts = {"order": "同一职务内数字小的排在前面", "deputy": "从本届代表中选择"}

    def __init__(self, *args, deputies: QuerySet, term: Term, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _pick_among(self.fields["deputy"], deputies, term)
        office = cast(forms.ModelChoiceField, self.fields["office"])
        office.queryset = CommitteeOffice.objects.filter(active=True)


class MembershipEndForm(forms.Form):
    end_date = forms.DateField(label="离任日期", widget=date_input())

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style(self.fields)


class OfficeMembershipForm(StyledModelForm):
    class Meta:
        model = CommitteeOfficeMembership
        fields = ["office", "deputy", "position", "start_date", "order"]
        widgets = {"start_date": date_input()}
        help_texts = {
            "office": "只有专门委员会由代表组成",
            "deputy": "从本届代表中选择，不必是常委会组成人员",
            "order": "同一职务内数字小的排在前面",
        }

    def __init__(self, *args, deputies: QuerySet, term: Term, offices: QuerySet, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _pick_among(self.fields["deputy"], deputies, term)
        cast(forms.ModelChoiceField, self.fields["office"]).queryset = offices


class CommitteeOfficeForm(StyledModelForm):
    class Meta:
        model = CommitteeOffice
        fields = list(OFFICE_FIELDS)


class HandlingUnitForm(StyledModelForm):
    contact_phone = forms.CharField(
        label="联系电话", max_length=30, required=False, validators=[PHONE_VALIDATOR]
    )

    class Meta:
        model = HandlingUnit
        fields = list(UNIT_FIELDS)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        parents = HandlingUnit.objects.filter(active=True)
        if self.instance.pk is not None:
            parents = HandlingUnit.objects.filter(Q(active=True) | Q(pk=self.instance.parent_id)).exclude(
                pk=self.instance.pk
            )
        cast(forms.ModelChoiceField, self.fields["parent"]).queryset = parents


class HandlingUnitEditForm(HandlingUnitForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


def _yes_no(label: str, **kwargs) -> django_filters.BooleanFilter:
    return django_filters.BooleanFilter(
        label=label, widget=forms.Select(choices=[("", "全部"), ("true", "是"), ("false", "否")]), **kwargs
    )


class HandlingUnitFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="名称",
        method="search",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "名称或简称"}),
    )
    kind = django_filters.ChoiceFilter(label="类型", choices=HandlingUnit.Kind.choices, empty_label="全部")
    active = _yes_no("在用", field_name="active")
    no_contact = _yes_no("未填联系人", method="filter_no_contact")

    class Meta:
        model = HandlingUnit
        fields: list[str] = []

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style(self.form.fields)

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        return (
            queryset.filter(Q(name__icontains=value) | Q(short_name__icontains=value)) if value else queryset
        )

    def filter_no_contact(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return queryset
        return queryset.filter(contact_person="") if value else queryset.exclude(contact_person="")
