"""Form helpers shared by every app: Bootstrap styling, date inputs, a fast <select>, a searchable multi-select,
calling a service from a valid form with its Chinese errors shown on the form, and the form page that does all
of it (`form_page`)."""

from collections.abc import Callable
from html import escape as _escape
from typing import Any, TypeVar, cast

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.choices import BaseChoiceIterator
from django.utils.safestring import SafeString, mark_safe

T = TypeVar("T")


def escape(value: Any) -> str:
    return _escape(str(value), quote=True)


class SharedChoices(BaseChoiceIterator):
    """Choices built once and given to many forms — the 100 units offered on each of 300 rows of the 交办 page:
    Django leaves an iterator of this kind as it is instead of normalizing the list again for every field and
    widget, and the options' HTML is built once for all of them (copies share it)."""

    def __init__(self, items: Any) -> None:
        self.shared: dict[str, Any] = {"items": [(str(key), label) for key, label in items], "html": None}

    def __iter__(self) -> Any:
        return iter(self.shared["items"])

    def __len__(self) -> int:
        return len(self.shared["items"])


def _render_select(widget: forms.Select, name: str, value: Any, attrs: dict | None) -> SafeString:
    """A <select> (multiple for a SelectMultiple) built in Python instead of one template per option."""
    values = value if isinstance(value, list | tuple) else [value]
    selected = {str(item) for item in values if item not in (None, "")}

    def options(choices, selected: set[str]) -> str:
        parts = []
        for option, label in choices:
            if isinstance(label, list | tuple):
                parts.append(f'<optgroup label="{escape(option)}">{options(label, selected)}</optgroup>')
                continue
            key = "" if option is None else str(option)
            mark = " selected" if key and key in selected else ""
            parts.append(f'<option value="{escape(key)}"{mark}>{escape(label)}</option>')
        return "".join(parts)

    if isinstance(
        widget.choices, SharedChoices
    ):  # the options once for every form, then this one's choice marked
        shared = widget.choices.shared
        if shared["html"] is None:
            shared["html"] = options(shared["items"], set())
        built = shared["html"]
        for key in selected:
            built = built.replace(
                f'<option value="{escape(key)}">', f'<option value="{escape(key)}" selected>', 1
            )
    else:
        built = options(widget.choices, selected)
    final_attrs = widget.build_attrs(widget.attrs, attrs)
    multiple = " multiple" if widget.allow_multiple_selected else ""
    html = f'<select name="{escape(name)}"{flatatt(final_attrs)}{multiple}>{built}</select>'
    return mark_safe(html)  # noqa: S308 — every value and label is escaped above


class FastSelect(forms.Select):
    """A <select> built in Python instead of one template per option, so lists of thousands of townships,
    stations or groups render in milliseconds (see bench/README.md)."""

    def render(self, name: str, value: Any, attrs: dict | None = None, renderer: Any = None) -> SafeString:
        return _render_select(self, name, value, attrs)


SEARCHABLE = "data-searchable"  # core/static/core/searchable.js turns such a <select> into a Tom Select


class SearchableSelectMultiple(forms.SelectMultiple):
    """Choosing many — units, deputies, stations — by typing part of a name and picking from what matches,
    instead of Ctrl-clicking a long list: a <select multiple> marked `data-searchable`, which one script
    (core/static/core/searchable.js, with Tom Select served from vendor/) turns into a searchable multi-choice
    box. Without JavaScript it stays the plain multi-select, still submitting the same values. Rendered in
    Python like FastSelect."""

    def __init__(self, attrs: dict | None = None, choices: Any = ()) -> None:
        super().__init__(attrs, choices)
        self.attrs.setdefault(SEARCHABLE, "")
        self.attrs.setdefault("data-placeholder", "输入名称筛选")

    def render(self, name: str, value: Any, attrs: dict | None = None, renderer: Any = None) -> SafeString:
        return _render_select(self, name, self.format_value(value), attrs)


class RemoteSelect(forms.Select):
    """Choosing among tens of thousands — a province's 100,000 deputies — without sending them all: only the
    chosen options are rendered, the others are found as one types, from `url` (`?q=…` answering
    `{"results": [{"value": …, "text": …}]}`, read by core/static/core/searchable.js). The field keeps its
    queryset and validates against it as before; `label` names an option as `url` does. `offered`: a few options
    worth showing before one types (the station's own deputies), as (group, [(value, label), …]) pairs."""

    offered: list = []

    def __init__(self, url: Any, label: Callable[[Any], str] = str, attrs: dict | None = None) -> None:
        """`url`: a path, or a reverse_lazy of one."""
        super().__init__(
            {SEARCHABLE: "", "data-remote": url, "data-placeholder": "输入姓名或拼音查找", **(attrs or {})}
        )
        self.url, self.label = url, label

    def render(self, name: str, value: Any, attrs: dict | None = None, renderer: Any = None) -> SafeString:
        values = value if isinstance(value, list | tuple) else [value]
        keys = [str(item) for item in values if str(item).isdigit()]
        queryset = getattr(self.choices, "queryset", None)
        chosen = (
            [(row.pk, self.label(row)) for row in queryset.filter(pk__in=keys)]
            if keys and queryset is not None  # not `and queryset`: that would fetch every row
            else []
        )
        offered = {str(key) for _, options in self.offered for key, _ in options}
        chosen = [(key, label) for key, label in chosen if str(key) not in offered]
        shown = forms.Select(attrs=self.attrs)
        shown.allow_multiple_selected = self.allow_multiple_selected
        shown.choices = [
            *([] if self.allow_multiple_selected else [("", EMPTY_CHOICE)]),
            *chosen,
            *self.offered,
        ]
        return _render_select(shown, name, values if self.allow_multiple_selected else value, attrs)


class RemoteSelectMultiple(RemoteSelect):
    """RemoteSelect choosing many."""

    allow_multiple_selected = True

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        getter = getattr(data, "getlist", None)
        return getter(name) if getter else data.get(name)

    def format_value(self, value: Any) -> Any:  # a list, as SelectMultiple's
        if value is None:
            return []
        values = value if isinstance(value, list | tuple) else [value]
        return [str(item) for item in values if item is not None]


def choice_labels(field: forms.Field, label: Callable[[Any], str]) -> None:
    """Show the options of model choice `field` as `label(obj)`: Django reads `label_from_instance` on the field
    instance, a method the stubs do not let one replace."""
    cast(Any, field).label_from_instance = label


EMPTY_CHOICE = (
    "请选择"  # the empty option of a form's select; lists' filters say 全部 (FILTERS_EMPTY_CHOICE_LABEL)
)


def _choose_in_chinese(field: forms.Field) -> None:
    """Django's empty option reads "---------": say 请选择 instead."""
    if isinstance(field, forms.ModelChoiceField):
        if field.empty_label == "---------":
            field.empty_label = EMPTY_CHOICE
            field.widget.choices = field.choices
    elif isinstance(field, forms.ChoiceField) and not isinstance(field, forms.MultipleChoiceField):
        choices = list(cast(Any, field.choices))
        if any(label == "---------" for _, label in choices):
            field.choices = [(v, EMPTY_CHOICE if label == "---------" else label) for v, label in choices]


def style(fields) -> None:
    """Bootstrap classes on every visible widget; plain selects become FastSelect and plain multi-selects
    SearchableSelectMultiple (no Ctrl-click anywhere); 请选择 for no choice."""
    for field in fields.values():
        _choose_in_chinese(field)
        widget = field.widget
        if isinstance(widget, forms.HiddenInput | forms.RadioSelect | forms.CheckboxSelectMultiple):
            continue
        if type(widget) is forms.Select:
            fast = FastSelect(attrs=widget.attrs)
            fast.choices, fast.is_required = widget.choices, widget.is_required
            field.widget = widget = fast
        elif type(widget) is forms.SelectMultiple:
            searchable = SearchableSelectMultiple(attrs=widget.attrs)
            searchable.choices, searchable.is_required = widget.choices, widget.is_required
            field.widget = widget = searchable
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.Select):
            css = "form-select"
        else:
            css = "form-control"
        widget.attrs.setdefault("class", css)


def date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented pattern)."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if not files and self.required:
            raise ValidationError(self.error_messages["required"], code="required")
        return [super(MultipleFileField, self).clean(upload, initial) for upload in files]


def show_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: beside the field it names, else above the form."""
    if hasattr(error, "error_dict"):
        for name, field_errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, field_errors)
    else:
        form.add_error(None, error)


def post_action(request: HttpRequest, call: Callable[[], Any], success: str, back: str) -> HttpResponse:
    """A one-click POST (a button without a form): run the one service, report its outcome — the success, or
    the service's refusal in Chinese — and go back to `back`."""
    try:
        call()
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(request, success)
    return redirect(back)


def _saved(request: HttpRequest, form: forms.BaseForm, save: Callable[[], T]) -> tuple[bool, T | None]:
    """(True, what `save` returned) for a valid POSTed form whose service saved it; (False, None) otherwise,
    with the service's errors shown on the form."""
    if request.method != "POST" or not form.is_valid():
        return False, None
    try:
        return True, save()
    except ValidationError as error:
        show_errors(form, error)
        return False, None


def save_form(request: HttpRequest, form: forms.BaseForm, save: Callable[[], T]) -> T | None:
    """For a valid POSTed form, call the service in `save` and return its result; the service's Chinese
    validation errors (stale version included) are shown on the form. None otherwise."""
    return _saved(request, form, save)[1]


def form_page(
    request: HttpRequest,
    form: forms.BaseForm,
    *,
    save: Callable[[], T],
    success: str | Callable[[T], str],
    next_url: str | Callable[[T], str],
    template: str,
    context: dict[str, Any] | None = None,
) -> HttpResponse:
    """A page with one form that calls one service. For a valid POST, `save` calls the service: when it saves,
    the page flashes `success` and redirects to `next_url` (a URL or URL name), either of them possibly a
    function of what the service returned; when the service refuses, its Chinese errors are shown on the form
    (beside the field they name). Otherwise `template` is rendered with the form and `context`."""
    saved, result = _saved(request, form, save)
    if saved:
        outcome = cast(T, result)
        messages.success(request, success(outcome) if callable(success) else success)
        return redirect(next_url(outcome) if callable(next_url) else next_url)
    return render(request, template, {"form": form, **(context or {})})
