from django import forms

from renda.core.forms import FastSelect, style


class PickForm(forms.Form):
    town = forms.ChoiceField(
        choices=[("", "全部"), ("1", "顺德街道"), ("2", '<b>"羊场镇"</b>')], required=False
    )
    grouped = forms.ChoiceField(choices=[("乡", [("3", "东关乡")]), ("镇", [("4", "六龙镇")])])


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
