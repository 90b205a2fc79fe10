"""Public forms without an account (a citizen's opinion, a comment on a draft law, a livelihood project proposal):
the check that a person sends them — a signed arithmetic question and a hidden field a robot fills, working
offline with no third-party service — and the limit of submissions per address in an hour, kept as a keyed hash
that identifies nobody. The page's forms take `HumanCheck`; the API asks the same question."""

import datetime
import hashlib
import hmac
import random

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from renda.core import clock

PER_HOUR = 5  # public submissions of one kind from one address in an hour
NOT_A_PERSON = "提交未成功，请刷新页面后重试。"  # the hidden field was filled in
WRONG_ANSWER = "验证问题回答不正确。"
TOO_MANY = "提交过于频繁，请稍后再试。"
CHECK_FIELDS = frozenset({"answer", "challenge", "website"})


def _signature(text: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), text.encode(), hashlib.sha256).hexdigest()[:16]


def question(a: int, b: int) -> str:
    return f"{a} 加 {b} 等于几？"


def new_question() -> tuple[int, int]:
    rng = random.Random()  # noqa: S311 — an arithmetic question against robots, not a secret
    return rng.randint(2, 9), rng.randint(2, 9)


def sign_challenge(a: int, b: int) -> str:
    """The question's numbers and the hour it was asked, signed: a form is answerable for two hours."""
    text = f"{a}:{b}:{int(clock.now().timestamp() // 3600)}"
    return f"{text}:{_signature(text)}"


def read_challenge(value: str) -> tuple[int, int] | None:
    try:
        a, b, hour, signature = value.split(":")
    except ValueError:
        return None
    text = f"{a}:{b}:{hour}"
    now = int(clock.now().timestamp() // 3600)
    if not hmac.compare_digest(signature, _signature(text)) or not 0 <= now - int(hour) <= 2:
        return None
    return int(a), int(b)


def answered_right(challenge: str, answer: int | None) -> bool:
    """The answer is the sum the signed, unexpired `challenge` asked for."""
    parsed = read_challenge(challenge)
    return parsed is not None and answer == parsed[0] + parsed[1]


def client_hash(address: str) -> str:
    """A keyed hash of the address a public submission came from: limits submissions, identifies nobody."""
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()[:16]


def too_often(submitted: QuerySet, hashed: str) -> bool:
    """Whether `hashed` already sent PER_HOUR of `submitted` (rows with `client_hash` and `created_at`) in the
    last hour."""
    since = clock.now() - datetime.timedelta(hours=1)
    return bool(hashed) and submitted.filter(client_hash=hashed, created_at__gte=since).count() >= PER_HOUR


class HumanCheck(forms.Form):
    """The question and the hidden field, last on the form; `cleaned_data` without them is `submitted()`."""

    answer = forms.IntegerField(label="验证问题")
    challenge = forms.CharField(widget=forms.HiddenInput)
    website = forms.CharField(
        required=False,
        label="请勿填写",
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, challenge: tuple[int, int] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ("answer", "challenge", "website"):  # after the form's own fields
            self.fields[name] = self.fields.pop(name)
        if not self.is_bound:
            a, b = challenge or (3, 4)
            self.fields["challenge"].initial = sign_challenge(a, b)
            self.fields["answer"].label = f"验证问题：{question(a, b)}"
        elif parsed := read_challenge(self.data.get("challenge", "")):
            self.fields["answer"].label = f"验证问题：{question(*parsed)}"

    def clean(self):
        data = super().clean() or {}
        if data.get("website"):
            raise ValidationError(NOT_A_PERSON)
        if not answered_right(data.get("challenge", ""), data.get("answer")):
            self.add_error("answer", WRONG_ANSWER)
        return data

    def submitted(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k not in CHECK_FIELDS}
