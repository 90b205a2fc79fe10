from django import forms

from renda.core.forms import FastSelect, SearchableSelectMultiple, style


class PickForm(forms.Form):
    town = forms.ChoiceField(
        choices=[("", "全部"), ("1", "顺德街道"), ("2", '<b>"羊场镇"</b>')], required=False
    )
    grouped = forms.ChoiceField(choices=[("乡", [("3", "东关乡")]), ("镇", [("4", "六龙镇")])])
    units = forms.MultipleChoiceField(
        choices=[("5", "县水务局"), ("6", "县教育局"), ("7", "县交通运输局")],
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 3}),
    )


def test_style_turns_plain_selects_into_fast_selects_with_the_same_markup_meaning():
    form = PickForm(data={"town": "2", "grouped": "4"})
    style(form.fields)
    assert isinstance(form.fields["town"].widget, FastSelect)
    html = str(form["town"])
    assert html.startswith('<select name="town" class="form-select" id="id_town">')
    assert '<option value="2" selected>&lt;b&gt;&quot;羊场镇&quot;&lt;/b&gt;</option>' in html  # escaped
    assert '<option value="" ' not in html.replace(
        '<option value="">', ""
    )  # the empty choice is not selected
    grouped = str(form["grouped"])
    assert '<optgroup label="镇"><option value="4" selected>六龙镇</option></optgroup>' in grouped


def test_style_turns_plain_multi_selects_into_searchable_ones_that_submit_the_same_values():
    """Choosing many is a searchable multi-choice box (core/static/core/searchable.js) on every form styled
    here; without JavaScript it is the plain <select multiple> posting the same values."""
    form = PickForm(data={"town": "", "grouped": "3", "units": ["5", "7"]})
    style(form.fields)
    assert isinstance(form.fields["units"].widget, SearchableSelectMultiple)
    html = str(form["units"])
    assert html.startswith(
        '<select name="units" class="form-select" data-placeholder="输入名称筛选" data-searchable="" '
        'id="id_units" size="3" multiple>'
    )
    assert '<option value="5" selected>县水务局</option><option value="6">县教育局</option>' in html
    assert '<option value="7" selected>' in html
    assert form.is_valid() and form.cleaned_data["units"] == ["5", "7"]


def test_shared_choices_render_once_and_mark_each_form_s_own_choice():
    from django import forms

    from renda.core.forms import SharedChoices, style

    units = SharedChoices([(1, "县水务局"), (2, "县教育局"), (3, "县交通运输局")])

    class Row(forms.Form):
        lead = forms.MultipleChoiceField(required=False)

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields["lead"].choices = units
            style(self.fields)

    first, second = Row(data={"lead": ["2"]}), Row(data={"lead": ["1", "3"]})
    assert first.is_valid() and second.is_valid()
    assert first.cleaned_data["lead"] == ["2"]
    one, two = str(first["lead"]), str(second["lead"])
    assert one.count(" selected") == 1 and '<option value="2" selected>县教育局</option>' in one
    assert two.count(" selected") == 2 and '<option value="2">县教育局</option>' in two
    assert not Row(data={"lead": ["9"]}).is_valid()  # not offered: refused as before
