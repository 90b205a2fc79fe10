"""The one filter form of list pages (core/_filters.html)."""

import django_filters
import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from renda.deputies.models import LiaisonStation

pytestmark = pytest.mark.django_db


class WithSearch(django_filters.FilterSet):
    q = django_filters.CharFilter(label="名称", field_name="name", lookup_expr="icontains")
    active = django_filters.BooleanFilter(label="在用")

    class Meta:
        model = LiaisonStation
        fields: list[str] = []


class WithoutSearch(django_filters.FilterSet):
    active = django_filters.BooleanFilter(label="在用")

    class Meta:
        model = LiaisonStation
        fields: list[str] = []


def form_html(filterset, **context) -> str:
    request = RequestFactory().get("/stations/", {"q": "城关"})
    return render_to_string(
        "core/_filters.html", {"form": filterset.form, "request": request, **context}, request=request
    )


def test_fields_are_labelled_and_the_form_refreshes_the_results_of_this_page():
    html = form_html(WithSearch({"q": "城关"}), sort="-name")
    assert 'action="/stations/"' in html and 'hx-get="/stations/"' in html
    assert 'hx-target="#results"' in html
    assert 'hx-trigger="submit, change, input changed delay:400ms from:#id_q"' in html
    assert '<label class="form-label small mb-1" for="id_q">名称</label>' in html
    assert 'value="城关"' in html
    assert '<input type="hidden" name="sort" value="-name">' in html
    assert '<a class="btn btn-outline-secondary" href="/stations/">清除条件</a>' in html
    assert html.count('class="col-12 col-sm-6 col-md-4 col-xl"') == 2


def test_without_a_search_box_only_changes_refresh_and_columns_can_be_set():
    html = form_html(WithoutSearch({}), cols="col-12 col-sm-6 col-md-3")
    assert 'hx-trigger="submit, change"' in html
    assert 'name="sort"' not in html
    assert html.count('class="col-12 col-sm-6 col-md-3"') == 1
