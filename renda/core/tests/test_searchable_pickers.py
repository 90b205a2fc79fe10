"""Choosing many (issue 11 item 6): every form where a list of units, deputies or stations is picked offers a
searchable multi-choice box (core.forms.SearchableSelectMultiple), never a Ctrl-click list. Where the choice is
among every deputy in office (a province has 100,000), the box finds them as one types and renders only the
chosen ones (core.forms.RemoteSelect, deputies.views.deputy_pick)."""

import pytest
from django.urls import reverse

from renda.core.forms import SEARCHABLE, RemoteSelect, SearchableSelectMultiple

pytestmark = pytest.mark.django_db


def pickers():
    from renda.deputies.forms import (
        ActivityForm,
        DelegationForm,
        DeputyGroupForm,
        ReceptionDayForm,
        StationDeputiesForm,
    )
    from renda.deputies.models import LiaisonStation
    from renda.deputies.tests.factories import LiaisonStationFactory
    from renda.opinions.forms import ForwardForm
    from renda.org.tests.factories import HandlingUnitFactory
    from renda.suggestions.forms import AssignRowForm, PaperSuggestionForm, assign_row_choices

    stations = LiaisonStation.objects.all()
    yield ReceptionDayForm(stations=stations), ["deputies"]
    yield ActivityForm(stations=stations, station_required=False), ["deputies"]
    yield DeputyGroupForm(), ["members"]
    yield DelegationForm(), ["members"]
    yield StationDeputiesForm(station=LiaisonStationFactory()), ["deputies"]
    yield ForwardForm(), ["joint", "assisting", "split"]
    yield (
        AssignRowForm(**assign_row_choices([HandlingUnitFactory(name="县水务局")])),
        ["joint", "assisting", "split"],
    )
    yield PaperSuggestionForm(), ["cosigners"]


def test_every_picker_of_units_deputies_or_stations_is_searchable():
    for form, names in pickers():
        for name in names:
            widget = form.fields[name].widget
            assert isinstance(widget, SearchableSelectMultiple | RemoteSelect), (type(form).__name__, name)
            html = str(form[name])
            assert SEARCHABLE in html and " multiple>" in html, (type(form).__name__, name)


def remote_pickers():
    from renda.meetings.forms import AttendeeForm, LeaveForm, MeetingForm, SignInForm
    from renda.suggestions.forms import PaperSuggestionForm

    yield PaperSuggestionForm, ["lead_deputy", "cosigners"], {}
    yield MeetingForm, ["presider"], {}
    yield SignInForm, ["deputy"], {}
    yield LeaveForm, ["deputy"], {"by_office": True}
    yield AttendeeForm, ["deputy"], {}


def test_a_choice_among_every_deputy_renders_only_the_chosen_ones():
    from renda.deputies.tests.factories import DeputyFactory

    chosen, other = DeputyFactory(name="张三"), DeputyFactory(name="李四")
    for form_class, names, kwargs in remote_pickers():
        for name in names:
            empty = str(form_class(**kwargs)[name])
            assert 'data-remote="/deputies/pick/"' in empty and SEARCHABLE in empty, (
                form_class.__name__,
                name,
            )
            assert "张三" not in empty and "李四" not in empty, (form_class.__name__, name)
            value = [str(chosen.pk)] if "cosigners" == name else str(chosen.pk)
            bound = str(form_class(data={name: value}, **kwargs)[name])
            assert f'<option value="{chosen.pk}" selected>张三（' in bound, (form_class.__name__, name)
            assert "李四" not in bound, (form_class.__name__, name)
    from renda.suggestions.forms import PaperSuggestionForm

    form = PaperSuggestionForm(data={"lead_deputy": str(other.pk), "cosigners": ["x", "9999999"]})
    assert "<option" not in str(form["cosigners"])  # what is not a deputy in office is not shown
    assert not form.is_valid() and form.errors["cosigners"]


def test_a_picker_finds_deputies_in_office_by_name_or_pinyin(client, django_user_model):
    from renda.deputies.choices import DeputyStatus
    from renda.deputies.forms import PICK_LIMIT
    from renda.deputies.tests.factories import DeputyFactory

    url = reverse("deputies:deputy_pick")
    assert client.get(url, {"q": "zs"}).status_code == 302  # signed-in users only
    zhang = DeputyFactory(name="张三")
    DeputyFactory(name="张山", status=DeputyStatus.RESIGNED)
    DeputyFactory(name="李四")
    client.force_login(django_user_model.objects.create_user("clerk-pick", password="x"))
    found = client.get(url, {"q": "zs"}).json()["results"]
    assert found == [{"value": zhang.pk, "text": f"张三（{zhang.township or '—'}）"}]
    assert [row["text"][:2] for row in client.get(url, {"q": "张"}).json()["results"]] == ["张三"]
    assert {row["text"][:2] for row in client.get(url, {"q": "张", "all": "1"}).json()["results"]} == {
        "张三",
        "张山",
    }
    DeputyFactory.create_batch(PICK_LIMIT + 5, name="王五")
    assert len(client.get(url, {"q": "王"}).json()["results"]) == PICK_LIMIT
