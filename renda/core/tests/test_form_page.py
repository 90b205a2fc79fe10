"""core.forms.form_page: the form page every app's editing pages share. It shows the form; on a valid POST it
calls the one service, flashes the success message and redirects; a service's refusal is shown on the form and
nothing is saved."""

import pytest
from django import forms
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from renda.core.forms import form_page, save_form
from renda.org import services
from renda.org.forms import JurisdictionForm
from renda.org.models import Jurisdiction
from renda.org.tests.factories import JurisdictionFactory

TEMPLATE = "core/_form.html"  # renders the form alone: its non-field errors, then each field with its errors


class NoteForm(forms.Form):
    text = forms.CharField(label="内容", max_length=10)


def _request(data: dict | None = None):
    factory = RequestFactory()
    request = factory.get("/notes/new/") if data is None else factory.post("/notes/new/", data)
    request._messages = CookieStorage(request)
    return request


def _flashed(request) -> list[str]:
    return [str(message) for message in request._messages]


class Service:
    """Stands in for a service: records its calls, returns `result` or raises `error`."""

    def __init__(self, result=None, error: ValidationError | None = None) -> None:
        self.result, self.error, self.calls = result, error, []

    def __call__(self, **kwargs):
        self.calls.append(kwargs)
        if self.error is not None:
            raise self.error
        return self.result


def _page(request, service: Service, form: forms.Form, **kwargs):
    defaults = {
        "save": lambda: service(text=form.cleaned_data["text"]),
        "success": "已保存。",
        "next_url": "/notes/",
        "template": TEMPLATE,
    }
    return form_page(request, form, **{**defaults, **kwargs})


def test_a_get_shows_the_form_with_the_context_and_calls_nothing():
    service = Service()
    request = _request()
    form = NoteForm(None)
    response = _page(
        request, service, form, template="core/_form_field.html", context={"field": form["text"]}
    )
    assert response.status_code == 200
    assert 'name="text"' in response.content.decode()
    assert service.calls == []
    assert _flashed(request) == []


def test_a_valid_post_calls_the_service_once_flashes_and_redirects():
    service = Service(result=7)
    request = _request({"text": "明天开会"})
    response = _page(
        request,
        service,
        form := NoteForm(request.POST),
        success=lambda pk: f"已新增第{pk}号便签。",
        next_url=lambda pk: f"/notes/{pk}/",
    )
    assert form.is_valid()
    assert service.calls == [{"text": "明天开会"}]
    assert (response.status_code, response["Location"]) == (302, "/notes/7/")
    assert _flashed(request) == ["已新增第7号便签。"]


def test_a_service_returning_nothing_still_counts_as_saved():
    request = _request({"text": "明天开会"})
    response = _page(request, Service(result=None), NoteForm(request.POST), next_url="/notes/")
    assert (response.status_code, response["Location"]) == (302, "/notes/")
    assert _flashed(request) == ["已保存。"]


def test_an_invalid_form_is_shown_again_and_no_service_runs():
    service = Service()
    request = _request({"text": "太长了" * 5})
    response = _page(request, service, NoteForm(request.POST))
    assert response.status_code == 200
    assert "不超过 10 字符" in response.content.decode()
    assert service.calls == []
    assert _flashed(request) == []


def test_a_service_error_naming_a_field_is_shown_beside_it():
    error = ValidationError({"text": "已有相同的便签。"})
    request = _request({"text": "明天开会"})
    form = NoteForm(request.POST)
    response = _page(request, Service(error=error), form)
    assert response.status_code == 200
    assert form.errors == {"text": ["已有相同的便签。"]}
    assert (
        '<div class="invalid-feedback d-block" role="alert">已有相同的便签。</div>'
        in response.content.decode()
    )
    assert _flashed(request) == []


def test_a_service_error_naming_no_field_of_the_form_is_shown_above_it():
    error = ValidationError({"deadline": "办理期限已过。"})
    request = _request({"text": "明天开会"})
    form = NoteForm(request.POST)
    response = _page(request, Service(error=error), form)
    assert response.status_code == 200
    assert form.non_field_errors() == ["办理期限已过。"]
    assert "alert-danger" in response.content.decode()


@pytest.mark.django_db
def test_a_stale_edit_through_a_real_service_is_shown_on_the_form_and_nothing_is_saved(admin_user):
    jurisdiction = JurisdictionFactory(population=100)
    read = jurisdiction.version
    services.jurisdiction_update(
        jurisdiction=jurisdiction, expected_version=read, changes={"population": 200}, actor=admin_user
    )
    data = {
        "name": "大方县",
        "code": "520521",
        "congress_name": "大方县人民代表大会",
        "population": 300,
        "version": read,
    }
    request = _request(data)
    current = Jurisdiction.objects.get()
    form = JurisdictionForm(request.POST, instance=current)
    response = form_page(
        request,
        form,
        save=lambda: services.jurisdiction_update(
            jurisdiction=current,
            expected_version=form.cleaned_data["version"],
            changes=form.changes(),
            actor=admin_user,
        ),
        success="已保存。",
        next_url="/org/",
        template=TEMPLATE,
    )
    assert response.status_code == 200
    assert "已被他人修改" in " ".join(form.non_field_errors())
    assert _flashed(request) == []
    saved = Jurisdiction.objects.get()
    assert (saved.population, saved.version) == (200, read + 1)


def test_save_form_returns_the_services_result_or_none():
    request = _request({"text": "明天开会"})
    assert save_form(request, NoteForm(request.POST), lambda: "便签7") == "便签7"
    form = NoteForm(request.POST)
    assert save_form(request, form, Service(error=ValidationError("不能保存。"))) is None
    assert form.non_field_errors() == ["不能保存。"]
