"""The 答复函 template: edited by the office, its placeholders checked, its edits applied to the next letter;
each part of the letter written once, whatever the unit's text repeats."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from renda.core.services import StaleEditError
from renda.suggestions import services
from renda.suggestions.letters import body_lines, copy_to_default, letter_build, placeholder_errors
from renda.suggestions.models import Cosigner, ReplyLetterTemplate
from renda.suggestions.tests import flow

pytestmark = pytest.mark.django_db

FIELDS = ("heading", "salutation", "opening", "closing", "signature", "copy_to")


def test_letter_template_edits_apply_and_an_unknown_placeholder_is_refused_beside_its_field(
    client, office, officer, deputy, other_deputy
):
    url = reverse("suggestions:letter_template")
    client.force_login(officer)
    assert client.get(url).status_code == 404  # the office's page
    client.force_login(office)
    page = client.get(url).content.decode()
    assert "{代表姓名}" in page and "关于{建议编号}{建议类别}的答复" in page

    defaults = ReplyLetterTemplate()
    data = {name: getattr(defaults, name) for name in FIELDS} | {"version": 1}
    bad = client.post(url, data | {"closing": "此复。{局长姓名}", "heading": "关于{建议标题的答复"})
    form = bad.context["form"]
    assert form.errors["closing"][0].startswith("未知的占位符：{局长姓名}。可用的占位符：{代表姓名}")
    assert form.errors["heading"] == ["花括号须成对使用，如 {代表姓名}。"]
    assert ReplyLetterTemplate.current().closing == defaults.closing

    edited = data | {
        "heading": "{承办单位}关于{建议编号}{建议类别}的答复",
        "closing": "特此答复。",
        "signature": "{承办单位}（盖章）\n{答复日期}",
        "copy_to": "{附议代表}，县人大常委会选联工委",
    }
    assert client.post(url, edited).status_code == 302
    with pytest.raises(StaleEditError):  # a form that loaded the first version
        services.reply_letter_template_update(expected_version=1, changes={"closing": "此复。"}, actor=office)

    suggestion = flow.assigned(office, deputy, lead=officer.handling_unit)
    Cosigner.objects.create(
        suggestion=suggestion, deputy=other_deputy.deputy, status=Cosigner.Status.CONFIRMED
    )
    unit = officer.handling_unit.name
    day = datetime.date(2026, 3, 8)
    letter = letter_build(
        suggestion=suggestion,
        unit_name=unit,
        result_category=flow.category_a(),
        text="已完成。\n特此答复。",
        signer="李局长",
        date=day,
        document_number="方交函〔2026〕1号",
    )
    assert letter.heading == f"{unit}关于{suggestion.number}建议的答复"
    assert letter.closing == "特此答复。" and letter.body == ["已完成。"]  # the unit's own closing dropped
    assert letter.signature == [f"{unit}（盖章）", "2026年3月8日"]
    assert letter.copy_to == f"{other_deputy.deputy.name}代表，县人大常委会选联工委"  # the other signers
    assert letter.contact == ""
    Cosigner.objects.filter(suggestion=suggestion).delete()
    alone = copy_to_default(suggestion, unit_name=unit, result_category=flow.category_a(), date=day)
    assert alone == "县人大常委会选联工委"  # no dangling separator without other signers

    with pytest.raises(ValidationError) as refused:
        services.reply_letter_template_update(
            expected_version=2, changes={"salutation": "尊敬的{代表}："}, actor=office
        )
    assert "未知的占位符：{代表}" in refused.value.message_dict["salutation"][0]
    with pytest.raises(PermissionDenied):  # a unit's officer
        services.reply_letter_template_update(expected_version=2, changes={"closing": "x"}, actor=officer)


def test_letter_body_keeps_the_units_text_and_drops_what_the_template_writes():
    assert placeholder_errors("{代表姓名}代表：{建议标题}{答复日期}") == ""
    assert body_lines(
        "张三代表：\n您提出的《修路》收悉，现答复如下：一、已立项。\n二、已开工。\n感谢您的关心和支持！"
    ) == [
        "一、已立项。",
        "二、已开工。",
    ]
    # a body that merely mentions thanks or receipt is kept whole
    text = "来函收悉后，我局即组织调研。\n群众对此表示感谢。"
    assert body_lines(text) == ["来函收悉后，我局即组织调研。", "群众对此表示感谢。"]
