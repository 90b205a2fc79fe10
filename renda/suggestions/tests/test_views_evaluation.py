"""The deputy's evaluation page: 满意 / 基本满意 / 不满意, re-handling, and the 上海 rule
separate_attitude_and_result."""

import pytest
from django.urls import reverse

from renda.core.roles import Role
from renda.deputies.tests.factories import DeputyFactory
from renda.suggestions import services
from renda.suggestions.models import Cosigner, Evaluation, State
from renda.suggestions.tests import flow

pytestmark = pytest.mark.django_db


def test_satisfied_evaluation_closes_the_suggestion(client, clerk, unit_user, deputy_user):
    suggestion = flow.replied(clerk, deputy_user, unit_user)
    client.force_login(deputy_user)
    detail = client.get(reverse("suggestions:detail", args=[suggestion.pk])).content.decode()
    assert reverse("suggestions:evaluate", args=[suggestion.pk]) in detail
    url = reverse("suggestions:evaluate", args=[suggestion.pk])
    page = client.get(url)
    assert "已纳入年度计划并组织实施。" in page.content.decode()
    assert "attitude" not in page.context["form"].fields
    empty = client.post(url, {})
    assert empty.context["form"].errors["rating"] == ["该字段是必填项。"]
    client.post(url, {"rating": "satisfied", "comment": "答复认真"})
    suggestion.refresh_from_db()
    assert suggestion.state == State.CLOSED
    assert client.get(url).status_code == 404


def test_dissatisfied_leads_to_rehandling_and_the_unit_sees_it(client, clerk, unit_user, deputy_user):
    suggestion = flow.replied(clerk, deputy_user, unit_user)
    client.force_login(deputy_user)
    client.post(
        reverse("suggestions:evaluate", args=[suggestion.pk]), {"rating": "dissatisfied", "comment": "未落实"}
    )
    suggestion.refresh_from_db()
    assert suggestion.state == State.REHANDLING
    client.force_login(unit_user)
    todo = client.get(reverse("suggestions:todo")).content.decode()
    assert "重新办理" in todo
    assert reverse("suggestions:reply", args=[suggestion.assignments.get().pk]) in todo


def test_separate_attitude_and_result_rule_shanghai(client, clerk, unit_user, deputy_user, settings):
    settings.RENDA_RULE_OVERRIDES = {"separate_attitude_and_result": 1}
    suggestion = flow.replied(clerk, deputy_user, unit_user)
    client.force_login(deputy_user)
    url = reverse("suggestions:evaluate", args=[suggestion.pk])
    response = client.post(url, {"rating": "basically_satisfied"})
    form = response.context["form"]
    assert form.errors["attitude"] == ["该字段是必填项。"]
    assert form.errors["result"] == ["该字段是必填项。"]
    client.post(
        url, {"rating": "basically_satisfied", "attitude": "satisfied", "result": "basically_satisfied"}
    )
    evaluation = Evaluation.objects.get(suggestion=suggestion)
    assert (evaluation.attitude, evaluation.result) == ("satisfied", "basically_satisfied")


def test_only_evaluators_get_the_page(client, clerk, unit_user, deputy_user, make_user):
    suggestion = flow.replied(clerk, deputy_user, unit_user)
    cosigner = make_user(Role.DEPUTY, deputy=DeputyFactory())
    Cosigner.objects.create(suggestion=suggestion, deputy=cosigner.deputy, status=Cosigner.Status.CONFIRMED)
    url = reverse("suggestions:evaluate", args=[suggestion.pk])
    for user in (cosigner, unit_user, clerk):
        client.force_login(user)
        assert client.get(url).status_code == 404


def test_every_signer_evaluates_when_the_rule_is_on(
    client, clerk, unit_user, deputy_user, make_user, settings
):
    settings.RENDA_RULE_OVERRIDES = {"every_signer_evaluates": 1}
    suggestion = flow.replied(clerk, deputy_user, unit_user)
    cosigner = make_user(Role.DEPUTY, deputy=DeputyFactory())
    Cosigner.objects.create(suggestion=suggestion, deputy=cosigner.deputy, status=Cosigner.Status.CONFIRMED)
    client.force_login(cosigner)
    mine = client.get(reverse("suggestions:mine")).content.decode()
    assert reverse("suggestions:evaluate", args=[suggestion.pk]) in mine
    client.post(reverse("suggestions:evaluate", args=[suggestion.pk]), {"rating": "satisfied"})
    suggestion.refresh_from_db()
    assert suggestion.state == State.REPLIED  # the lead deputy's evaluation decides
    services.evaluation_submit(suggestion=suggestion, rating="satisfied", actor=deputy_user)
    suggestion.refresh_from_db()
    assert suggestion.state == State.CLOSED
