"""Text from outside is cleaned once, where it enters: characters that XML 1.0 cannot hold (C0 control
characters other than tab, line feed and carriage return; lone surrogates; U+FFFE and U+FFFF) are removed, so
every record can be exported to Excel (openpyxl) and Word (python-docx) and stored in PostgreSQL.

`install()` runs at start-up (CoreConfig.ready) and cleans the input of every text field of every Django form
(`forms.CharField` and its subclasses, django-filter's included) and every DRF serializer (`CharField` and its
subclasses, whether declared by hand or built by a ModelSerializer). Wrapping the two base classes is the one
place that covers them all; a base form or serializer class would miss any field declared without it.
"""

import re

# Vertical tab and form feed (Word's manual line and page breaks) become line breaks; the rest are removed.
ILLEGAL_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
LINE_BREAKS = frozenset("\x0b\x0c")


def _replace(match: re.Match) -> str:
    return "\n" if match.group() in LINE_BREAKS else ""


def clean_text(value: str) -> str:
    """`value` without the characters Excel, Word and PostgreSQL cannot hold."""
    if ILLEGAL_TEXT.search(value) is None:
        return value
    return ILLEGAL_TEXT.sub(_replace, value)


def install() -> None:
    """Clean every Django form and DRF serializer text field's input before it is validated (idempotent)."""
    from django import forms
    from rest_framework import fields

    if getattr(forms.CharField, "_renda_clean_text", False):
        return

    form_to_python = forms.CharField.to_python

    def to_python(self, value):
        if isinstance(value, str):
            value = clean_text(value)
        return form_to_python(self, value)

    serializer_run_validation = fields.CharField.run_validation

    def run_validation(self, data=fields.empty):
        if isinstance(data, str):
            data = clean_text(data)
        return serializer_run_validation(self, data)

    # Patching the classes is the point (every text field, project-wide); the stubs see methods and no marker.
    forms.CharField.to_python = to_python  # type: ignore[method-assign]
    fields.CharField.run_validation = run_validation  # type: ignore[method-assign]
    forms.CharField._renda_clean_text = True  # type: ignore[attr-defined]
