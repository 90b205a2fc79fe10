"""Control characters are cleaned once, at the boundary, from every form and API text field."""

import django_filters
import pytest
from django import forms
from django.urls import reverse
from rest_framework import serializers
from rest_framework.test import APIClient

from renda.core.text import clean_text
from renda.deputies.models import LiaisonStation

DIRTY = "关于\x01修缮\x0b村道\x1f的建议\x00\ud800\uffff"


def test_clean_text_removes_what_xml_cannot_hold_and_keeps_tabs_and_line_breaks():
    assert clean_text(DIRTY) == "关于修缮\n村道的建议"
    assert clean_text("第一行\r\n第二行\t完") == "第一行\r\n第二行\t完"
    assert clean_text("分页\x0c后") == "分页\n后"
    assert clean_text("😀 emoji 与 中文") == "😀 emoji 与 中文"


class PlainForm(forms.Form):
    title = forms.CharField(max_length=50)
    note = forms.CharField(required=False, widget=forms.Textarea)
    email = forms.EmailField(required=False)


def test_every_django_form_text_field_is_cleaned():
    form = PlainForm(data={"title": DIRTY, "note": "a\x0bb", "email": "a\x01@example.com"})

    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"title": "关于修缮\n村道的建议", "note": "a\nb", "email": "a@example.com"}


def test_a_text_of_control_characters_only_is_blank():
    form = PlainForm(data={"title": "\x01\x02"})

    assert not form.is_valid()
    assert "title" in form.errors


def test_filter_forms_are_cleaned_too():
    class Filter(django_filters.FilterSet):
        q = django_filters.CharFilter(method="search")

        class Meta:
            model = LiaisonStation
            fields: list[str] = []

    form = Filter(data={"q": "联\x01络"}, queryset=LiaisonStation.objects.none()).form

    assert form.is_valid() and form.cleaned_data["q"] == "联络"


class PlainSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=50)
    tags = serializers.ListField(child=serializers.CharField())


class StationSerializer(serializers.ModelSerializer):
    class Meta:
        model = LiaisonStation
        fields = ["name", "address"]


@pytest.mark.django_db
def test_every_drf_text_field_is_cleaned_declared_or_built_from_the_model():
    plain = PlainSerializer(data={"title": DIRTY, "tags": ["a\x02", "b"]})
    model = StationSerializer(data={"name": "站\x01", "address": "\x0b人民路1号\x0b"})

    assert plain.is_valid(), plain.errors
    assert plain.validated_data == {"title": "关于修缮\n村道的建议", "tags": ["a", "b"]}
    assert model.is_valid(), model.errors
    assert model.validated_data == {"name": "站", "address": "人民路1号"}


def test_a_required_drf_text_of_control_characters_only_is_refused():
    serializer = PlainSerializer(data={"title": "\x01", "tags": []})

    assert not serializer.is_valid()
    assert "title" in serializer.errors


@pytest.mark.django_db
def test_a_station_created_through_the_api_is_stored_clean(clerk):
    api = APIClient()
    api.force_authenticate(clerk)

    response = api.post("/api/v1/stations/", {"name": "新\x01站", "kind": "online"}, format="json")

    assert response.status_code == 201, response.json()
    assert LiaisonStation.objects.get().name == "新站"


@pytest.mark.django_db
def test_a_station_created_on_its_page_is_stored_clean(client, clerk):
    client.force_login(clerk)

    response = client.post(
        reverse("deputies:station_create"), {"name": "新\x0b站\x07", "kind": "online", "address": "a\x01b"}
    )

    assert response.status_code == 302, response.content.decode()
    station = LiaisonStation.objects.get()
    assert (station.name, station.address) == ("新\n站", "ab")
