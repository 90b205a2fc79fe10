"""The reply letter (答复函) as parts: the office's template (ReplyLetterTemplate) gives the heading, salutation,
opening, closing, signature and default 抄送; the unit gives the body and the reply's own fields (文号, 签发人,
联系人, 联系电话, 抄送). Each part has one place: a body written with its own salutation, opening or thanks
has them dropped, so the letter never says them twice. The Word file (docx.py) and the page's preview
(suggestions/_letter.html) both lay out the same `Letter`."""

import datetime
import re
from dataclasses import dataclass

from renda.core.formats import cn_date
from renda.core.text import clean_text
from renda.suggestions.models import (
    LETTER_PLACEHOLDERS,
    Cosigner,
    ReplyLetterTemplate,
    ResultCategory,
    Suggestion,
)

PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
SEPARATORS = "，、,；;"


def placeholder_errors(text: str) -> str:
    """A Chinese message naming what is wrong with the placeholders of `text`, or ''."""
    unknown = list(
        dict.fromkeys(name for name in PLACEHOLDER.findall(text) if name not in LETTER_PLACEHOLDERS)
    )
    if unknown:
        known = "、".join(f"{{{name}}}" for name in LETTER_PLACEHOLDERS)
        return f"未知的占位符：{'、'.join(f'{{{name}}}' for name in unknown)}。可用的占位符：{known}。"
    rest = PLACEHOLDER.sub("", text)
    if "{" in rest or "}" in rest:
        return "花括号须成对使用，如 {代表姓名}。"
    return ""


def fill(text: str, values: dict[str, str]) -> str:
    """`text` with its placeholders replaced; separators left dangling by an empty value are tidied."""
    filled = PLACEHOLDER.sub(lambda match: values.get(match.group(1), match.group(0)), text)
    filled = re.sub(f"([{SEPARATORS}])[{SEPARATORS}\\s]+", r"\1", filled)
    return filled.strip(SEPARATORS + " \t")


def signers_text(names: list[str]) -> str:
    """The other signers as a letter names them: 张三、李四代表 (empty without any)."""
    return f"{'、'.join(names)}代表" if names else ""


def letter_values(
    suggestion: Suggestion, *, unit_name: str, result_category: ResultCategory, date: datetime.date
) -> dict[str, str]:
    cosigners = [
        c.deputy.name
        for c in suggestion.cosigners.filter(status=Cosigner.Status.CONFIRMED)
        .select_related("deputy")
        .order_by("pk")
    ]
    return {
        "代表姓名": suggestion.lead_deputy.name,
        "附议代表": signers_text(cosigners),
        "建议编号": suggestion.number or f"“{suggestion.title}”",
        "建议标题": suggestion.title,
        "建议类别": suggestion.get_kind_display(),
        "承办单位": unit_name,
        "办理结果": f"{result_category.code}类（{result_category.label}）",
        "答复日期": cn_date(date),
    }


def copy_to_default(
    suggestion: Suggestion,
    *,
    unit_name: str,
    result_category: ResultCategory,
    date: datetime.date,
    template: ReplyLetterTemplate | None = None,
) -> str:
    """The 抄送 a reply starts with: the template's default (the office, the other signers) filled in."""
    template = template or ReplyLetterTemplate.current()
    values = letter_values(suggestion, unit_name=unit_name, result_category=result_category, date=date)
    return fill(template.copy_to, values)


@dataclass(frozen=True)
class Letter:
    category: str  # the result category's mark in the top corner, e.g. "A类"
    document_number: str
    signer: str
    heading: str
    salutation: str
    opening: str
    body: list[str]
    closing: str
    signature: list[str]
    contact: str
    copy_to: str


_SALUTATION = re.compile(r"^[^，。；\s]{1,40}代表[：:]$")
_OPENING = re.compile(r"^[^\n]*?收悉[^\n]*?如下[：:]\s*")
_THANKS = re.compile(r"^(再次)?(衷心)?感谢[^\n]*(关心|支持|监督)[^\n]*$|^特此(答复|函复)[。！]?$")


def body_lines(text: str, *, salutation: str = "", opening: str = "", closing: str = "") -> list[str]:
    """The unit's text as the letter's body: its paragraphs, without a salutation, opening or thanks of its
    own (the template writes those once)."""
    lines = [clean_text(line).strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    while lines and (lines[0] == salutation or _SALUTATION.match(lines[0])):
        lines.pop(0)
    if lines:
        match = _OPENING.match(lines[0])
        rest = "" if lines[0] == opening else lines[0][match.end() :].strip() if match else lines[0]
        if rest:
            lines[0] = rest  # a body on the opening's line stays
        else:
            lines.pop(0)
    while lines and (lines[-1] == closing or _THANKS.match(lines[-1])):
        lines.pop()
    return lines


def letter_build(
    *,
    suggestion: Suggestion,
    unit_name: str,
    result_category: ResultCategory,
    text: str,
    signer: str,
    date: datetime.date,
    document_number: str = "",
    contact_person: str = "",
    contact_phone: str = "",
    copy_to: str | None = None,
    template: ReplyLetterTemplate | None = None,
) -> Letter:
    """The letter's parts, each once; `copy_to` None takes the template's default."""
    template = template or ReplyLetterTemplate.current()
    values = letter_values(suggestion, unit_name=unit_name, result_category=result_category, date=date)
    salutation, opening, closing = (
        fill(template.salutation, values),
        fill(template.opening, values),
        fill(template.closing, values),
    )
    contact = "，".join(
        part
        for part in (
            f"联系人：{contact_person}" if contact_person else "",
            f"联系电话：{contact_phone}" if contact_phone else "",
        )
        if part
    )
    return Letter(
        category=f"{result_category.code}类",
        document_number=document_number,
        signer=signer,
        heading=fill(template.heading, values),
        salutation=salutation,
        opening=opening,
        body=body_lines(text, salutation=salutation, opening=opening, closing=closing),
        closing=closing,
        signature=[line for line in (fill(s, values) for s in template.signature.splitlines()) if line],
        contact=f"（{contact}）" if contact else "",
        copy_to=fill(template.copy_to, values) if copy_to is None else copy_to.strip(),
    )


def letter_for_reply(reply) -> Letter:
    """The letter of a stored reply (suggestions.Reply), dated the day it was sent."""
    from django.utils import timezone

    return letter_build(
        suggestion=reply.assignment.suggestion,
        unit_name=reply.assignment.unit.name,
        result_category=reply.result_category,
        text=reply.text,
        signer=reply.signer,
        date=timezone.localtime(reply.sent_at).date(),
        document_number=reply.document_number,
        contact_person=reply.contact_person,
        contact_phone=reply.contact_phone,
        copy_to=reply.copy_to,
    )
