"""Collecting candidates: proposals from citizens, deputies and departments, and the government's screening,
visible to whoever proposed."""

import pytest
from django.core.exceptions import ValidationError

from renda.core import human
from renda.core.roles import Role
from renda.livelihood import selectors, services
from renda.livelihood.models import ProjectProposal, ProposalSource, ProposalState
from renda.livelihood.tests.conftest import YEAR

HUMAN = {"challenge": human.sign_challenge(3, 4), "answer": 7}  # the public page's question, answered


def test_proposals_are_screened_and_the_proposer_sees_the_decision(
    client, make_user, deputies, office, units
):
    deputy = make_user(Role.DEPUTY, deputy=deputies[0])
    mine = services.proposal_submit(year=YEAR, title="增设公交线路", content="城东无公交", proposer_name="张一",
                                    actor=deputy)  # fmt: skip
    assert mine.source == ProposalSource.DEPUTY
    response = client.post("/public/livelihood/propose/", {
        "year": YEAR, "title": "修建口袋公园", "content": "小区缺少休闲场所", "proposer_name": "李四",
        "proposer_phone": "13800001234", **HUMAN})  # fmt: skip
    citizen = selectors.proposals_visible_to(office).get(title="修建口袋公园")
    assert response.status_code == 302 and citizen.tracking_code in response["Location"]
    assert citizen.source == ProposalSource.CITIZEN
    with pytest.raises(ValidationError) as refused:
        services.proposal_screen(proposal=citizen, decision="decline", reply="", actor=office)
    assert "reply" in refused.value.error_dict  # a refusal gives the proposer its reason
    ballot = services.ballot_create(year=YEAR, seats=1, candidates_count=2, actor=office)
    services.proposal_screen(proposal=citizen, decision="decline", reply="已列入城建计划", actor=office)
    mine = services.proposal_screen(proposal=mine, decision="accept", reply="", ballot=ballot,
                                    unit=units[0], cost=1, actor=office)  # fmt: skip
    assert mine.state == ProposalState.CANDIDATE and mine.project.ballot == ballot
    # the proposers see their own, and no one else's
    assert list(selectors.proposals_visible_to(deputy)) == [mine]
    page = client.get(f"/public/livelihood/track/?code={citizen.tracking_code}").content.decode()
    assert "不予采纳" in page and "已列入城建计划" in page and "13800001234" not in page
    assert client.get("/public/livelihood/track/?code=NOPE").status_code == 404


def test_public_proposals_need_a_person_and_are_limited_per_address(client, db):
    """The public page asks a question a robot cannot answer and hides a field only a robot fills; one address
    sends at most core.human.PER_HOUR proposals in an hour."""
    data = {"year": YEAR, "title": "修建口袋公园", "content": "小区缺少休闲场所", "proposer_name": "李四"}
    wrong = client.post("/public/livelihood/propose/", {**data, **HUMAN, "answer": 8})
    assert wrong.status_code == 200 and human.WRONG_ANSWER in wrong.content.decode()
    robot = client.post("/public/livelihood/propose/", {**data, **HUMAN, "website": "http://spam"})
    assert robot.status_code == 200 and human.NOT_A_PERSON in robot.content.decode()
    for _ in range(human.PER_HOUR):
        assert client.post("/public/livelihood/propose/", {**data, **HUMAN}).status_code == 302
    throttled = client.post("/public/livelihood/propose/", {**data, **HUMAN})
    assert throttled.status_code == 200 and "提交过于频繁" in throttled.content.decode()
    assert ProjectProposal.objects.count() == human.PER_HOUR
