"""Forms of voting: the voter's choice, the tellers' tally, the list's filter."""

from typing import Any

import django_filters
from django import forms

from renda.voting.models import State, VoteEvent


class ChoiceForm(forms.Form):
    """A voter's choice: 赞成/反对/弃权, or up to max_choices candidates."""

    def __init__(self, *args: Any, event: VoteEvent, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.event = event
        options = [(str(o.pk) if self.choosing else o.code, o.label) for o in event.options.order_by("order")]
        if self.choosing:
            self.fields["choice"] = forms.MultipleChoiceField(
                label=f"最多选{event.max_choices}人",
                choices=options,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
        else:
            self.fields["choice"] = forms.ChoiceField(label="表决", choices=options, widget=forms.RadioSelect)

    @property
    def choosing(self) -> bool:
        return self.event.choice_kind == VoteEvent.ChoiceKind.CHOOSE

    def clean_choice(self) -> Any:
        choice = self.cleaned_data["choice"]
        if self.choosing and len(choice) > self.event.max_choices:
            raise forms.ValidationError(f"最多选{self.event.max_choices}人。")
        return choice


class TallyForm(forms.Form):
    """The tellers' counts of a paper vote: one field per option."""

    issued = forms.IntegerField(label="发出票数", min_value=0)
    returned = forms.IntegerField(label="收回票数", min_value=0)

    def __init__(self, *args: Any, event: VoteEvent, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.codes = []
        for option in event.options.order_by("order"):
            name = f"count_{option.code}"
            self.fields[name] = forms.IntegerField(label=f"{option.label}（票）", min_value=0, initial=0)
            self.codes.append(option.code)

    def counts(self) -> dict[str, int]:
        return {code: self.cleaned_data[f"count_{code}"] for code in self.codes}


class VoteFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="title", lookup_expr="icontains", label="表决事项")
    state = django_filters.ChoiceFilter(choices=State.choices, label="状态", empty_label="全部")
    method = django_filters.ChoiceFilter(
        choices=VoteEvent.Method.choices, label="表决方式", empty_label="全部"
    )

    class Meta:
        model = VoteEvent
        fields = ["q", "state", "method"]
