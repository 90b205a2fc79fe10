"""Form helpers shared by every app: Bootstrap styling, date inputs, a fast <select>, and calling a service
from a valid form with its Chinese errors shown on the form."""

from collections.abc import Callable
from html import escape as _escape
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe


def escape(value: Any) -> str:
    return _escape(str(value), quote=True)


class FastSelect(forms.Select):
    """A <select> built in Python instead of one template per option, so lists of thousands of townships,
    stations or groups render in milliseconds (see bench/README.md)."""

    def render(self, name: str, value: Any, attrs: dict | None = None, renderer: Any = None) -> SafeString:
        values = value if isinstance(value, list | tuple) else [value]
        selected = {str(item) for item in values if item not in (None, "")}

        def options(choices) -> str:
            parts = []
            for option, label in choices:
                if isinstance(label, list | tuple):
                    parts.append(f'<optgroup label="{escape(option)}">{options(label)}</optgroup>')
                    continue
                key = "" if option is None else str(option)
                mark = " selected" if key and key in selected else ""
                parts.append(f'<option value="{escape(key)}"{mark}>{escape(label)}</option>')
            return "".join(parts)

        final_attrs = self.build_attrs(self.attrs, attrs)
        html = f'<select name="{escape(name)}"{flatatt(final_attrs)}>{options(self.choices)}</select>'
        return mark_safe(html)  # noqa: S308 — every value and label is escaped above


def choice_labels(field: forms.Field, label: Callable[[Any], str]) -> None:
    """Show the options of model choice `field` as `label(obj)`: Django reads `label_from_instance` on the field
    instance, a method the stubs do not let one replace."""
    cast(Any, field).label_from_instance = label


def style(fields) -> None:
    """Bootstrap classes on every visible widget; plain selects become FastSelect."""
    for field in fields.values():
        widget = field.widget
        if isinstance(widget, forms.HiddenInput | forms.RadioSelect | forms.CheckboxSelectMultiple):
            continue
        if type(widget) is forms.Select:
            fast = FastSelect(attrs=widget.attrs)
            fast.choices, fast.is_required = widget.choices, widget.is_required
            field.widget = widget = fast
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


def save_form(request: HttpRequest, form: forms.BaseForm, save: Callable[[], Any]) -> Any:
    """For a valid POSTed form, call the service in `save` and return its result; the service's Chinese
    validation errors (stale version included) are shown on the form. None otherwise."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        return save()
    except ValidationError as exc:
        form.add_error(None, exc)
        return None
