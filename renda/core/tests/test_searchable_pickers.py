"""Choosing many (issue 11 item 6): every form where a list of units, deputies or stations is picked offers a
searchable multi-choice box (core.forms.SearchableSelectMultiple), never a Ctrl-click list."""

import pytest

from renda.core.forms import SEARCHABLE, SearchableSelectMultiple

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
    from renda.suggestions.forms import AssignRowForm, PaperSuggestionForm

    stations = LiaisonStation.objects.all()
    yield ReceptionDayForm(stations=stations), ["deputies"]
    yield ActivityForm(stations=stations, station_required=False), ["deputies"]
    yield DeputyGroupForm(), ["members"]
    yield DelegationForm(), ["members"]
    yield StationDeputiesForm(station=LiaisonStationFactory()), ["deputies"]
    yield ForwardForm(), ["joint", "assisting", "split"]
    yield AssignRowForm(units=[("1", "县水务局")]), ["joint", "assisting", "split"]
    yield PaperSuggestionForm(), ["cosigners"]


def test_every_picker_of_units_deputies_or_stations_is_searchable():
    for form, names in pickers():
        for name in names:
            widget = form.fields[name].widget
            assert isinstance(widget, SearchableSelectMultiple), (type(form).__name__, name)
            html = str(form[name])
            assert SEARCHABLE in html and " multiple>" in html, (type(form).__name__, name)
