"""Buttons, the API's available_actions and the services come from one declaration (workflows.py).

For a case in every state of the suggestion workflow and every party, the detail page shows a button for each
move `moves_for` offers (those made from a page), the API lists exactly those moves as available_actions, and
the service of each move a party may make succeeds, while the service of every move not offered is refused.
The same for a unit's assignment in each of its states."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from rest_framework.test import APIClient

from renda.casework import services as casework
from renda.casework.models import AssignmentState
from renda.core.roles import Role
from renda.deputies.tests.factories import DelegationFactory
from renda.suggestions import services
from renda.suggestions.models import (
    Kind,
    PresidiumDecision,
    Rating,
    State,
)
from renda.suggestions.tests import flow
from renda.suggestions.tests.factories import RefusalReasonFactory
from renda.suggestions.views.common import (
    ASSIGNMENT_PAGES,
    SUGGESTION_PAGES,
    assignment_actions,
    suggestion_actions,
)
from renda.suggestions.workflows import ASSIGNMENT_FLOW, SUGGESTION_FLOW

pytestmark = pytest.mark.django_db

SUBMIT = {"submit", "submit_motion", "resubmit"}  # suggestion_submit makes the one the case is due for
PARTIES = ["deputy", "other_deputy", "office", "member", "officer", "other_officer"]


class Rollback(Exception):
    pass


def outcome(call) -> str:
    """'done' when the service succeeds, 'refused' otherwise; nothing it wrote is kept."""
    try:
        with transaction.atomic():
            call()
            raise Rollback
    except Rollback:
        return "done"
    except (PermissionDenied, ValidationError):
        return "refused"


@pytest.fixture
def parties(deputy, other_deputy, office, officer, other_officer, make_user):
    return {
        "deputy": deputy,
        "other_deputy": other_deputy,
        "office": office,
        "member": make_user(Role.MEMBER),
        "officer": officer,
        "other_officer": other_officer,
    }


def case_in(state: str, p: dict):
    """A case in `state`, made through the services as a real one is."""
    deputy, office, officer = p["deputy"], p["office"], p["officer"]
    if state == State.DRAFT:
        return flow.draft(deputy)
    if state == State.SUBMITTED:
        return flow.submitted(deputy)
    if state in {State.PRESIDIUM_REVIEW, State.ON_AGENDA, State.NOT_ACCEPTED}:
        motion = flow.draft(deputy, kind=Kind.MOTION, delegation=DelegationFactory())
        motion = services.suggestion_submit(suggestion=motion, actor=deputy)
        if state == State.PRESIDIUM_REVIEW:
            return motion
        decision = PresidiumDecision.ON_AGENDA if state == State.ON_AGENDA else PresidiumDecision.NOT_ACCEPTED
        return services.motion_presidium_decide(suggestion=motion, decision=decision, actor=office)
    if state == State.RETURNED:
        return services.suggestion_return(suggestion=flow.submitted(deputy), reason="请补充", actor=office)
    if state == State.REJECTED:
        return services.suggestion_reject(
            suggestion=flow.submitted(deputy), reason=RefusalReasonFactory(), actor=office
        )
    if state == State.MERGED:
        other = flow.submitted(deputy)
        services.suggestions_merge(into=flow.submitted(deputy), others=[other], actor=office)
        other.refresh_from_db()
        return other
    if state == State.ACCEPTED:
        return flow.accepted(office, deputy)
    if state == State.HANDLING:
        return flow.assigned(office, deputy, lead=officer.handling_unit)
    replied = flow.replied(office, deputy, officer)
    if state == State.REPLIED:
        return replied
    if state == State.CLOSED:
        services.evaluation_submit(suggestion=replied, rating=Rating.SATISFIED, actor=deputy)
    else:
        services.evaluation_submit(suggestion=replied, rating=Rating.DISSATISFIED, actor=deputy)
        if state == State.COORDINATION:
            assignment = flow.assignment_of(replied, officer)
            flow.answer(assignment, officer)
            services.evaluation_submit(
                suggestion=replied.__class__.objects.get(pk=replied.pk),
                rating=Rating.DISSATISFIED,
                actor=deputy,
            )
    replied.refresh_from_db()
    return replied


def services_of(case, p: dict, leader) -> dict:
    """The service call of each suggestion move a party makes, with valid input."""
    today = timezone.localdate()

    def presidium(decision):
        return lambda user: services.motion_presidium_decide(suggestion=case, decision=decision, actor=user)

    submit = lambda user: services.suggestion_submit(suggestion=case, actor=user)  # noqa: E731
    return {
        "edit": lambda user: services.suggestion_update(
            suggestion=case, expected_version=case.version, changes={"title": "新的标题"}, actor=user
        ),
        "submit": submit,
        "submit_motion": submit,
        "resubmit": submit,
        "put_on_agenda": presidium(PresidiumDecision.ON_AGENDA),
        "handle_as_suggestion": presidium(PresidiumDecision.AS_SUGGESTION),
        "not_accept": presidium(PresidiumDecision.NOT_ACCEPTED),
        "register": lambda user: services.suggestion_accept(suggestion=case, actor=user),
        "return": lambda user: services.suggestion_return(suggestion=case, reason="请补充", actor=user),
        "reject": lambda user: services.suggestion_reject(
            suggestion=case, reason=RefusalReasonFactory(), actor=user
        ),
        "merge": lambda user: services.suggestions_merge(
            into=case, others=[flow.submitted(p["deputy"])], actor=user
        ),
        "assign": lambda user: services.suggestion_assign(
            suggestion=case, on=today, lead=p["other_officer"].handling_unit, actor=user
        ),
        "evaluate": lambda user: services.evaluation_submit(
            suggestion=case, rating=Rating.SATISFIED, actor=user
        ),
        "close_coordination": lambda user: services.coordination_close(
            suggestion=case, outcome="已协调", actor=user
        ),
        "supervise": lambda user: services.key_supervision_select(
            suggestion=case, decided_on=today, leader=leader, actor=user
        ),
    }


def api_actions(user, url: str) -> list[str] | None:
    client = APIClient()
    client.force_authenticate(user)
    response = client.get(url)
    if response.status_code == 404:
        return None
    assert response.status_code == 200, response.content
    return [action["name"] for action in response.json()["available_actions"]]


@pytest.mark.parametrize("state", list(State))
def test_buttons_api_and_services_agree_for_every_party_in_every_state(state, parties, chairpersons):
    case = case_in(state, parties)
    assert case.state == state
    offered = agree(case, parties, chairpersons[0])
    if state == State.DRAFT:  # a draft is the deputy's until submitted: the office neither sees nor moves it
        assert offered["office"] == [] and offered["deputy"] == ["edit", "submit"]


def test_a_draft_the_office_entered_on_the_deputys_behalf_is_moved_by_both(parties, chairpersons):
    case = services.suggestion_enter(
        lead_deputy=parties["deputy"].deputy,
        cosigners=[],
        title="纸质建议",
        content="内容",
        actor=parties["office"],
    )
    offered = agree(case, parties, chairpersons[0])
    assert offered["office"] == offered["deputy"] == ["edit", "submit"]
    assert offered["other_deputy"] == offered["member"] == offered["officer"] == []


def agree(case, parties: dict, leader) -> dict[str, list[str]]:
    """Check buttons, available_actions and services agree for every party; returns the moves offered."""
    state = case.state
    offers = {}
    calls = services_of(case, parties, leader)
    assert set(calls) == set(SUGGESTION_PAGES), "every move made from a page has its service here"
    for name in PARTIES:
        user = parties[name]
        offered = [move.name for move in SUGGESTION_FLOW.moves_for(user, case)]
        buttons = [action.label for action in suggestion_actions(user, case)]
        assert buttons == [SUGGESTION_FLOW[move].label for move in offered if move in SUGGESTION_PAGES]
        listed = api_actions(user, f"/api/v1/suggestions/{case.pk}/")
        assert listed in (offered, None), (name, state)  # None: the party may not open the case at all
        if listed is None:
            assert offered == [], (name, state)
        for move, call in calls.items():
            if move in SUBMIT and move != "submit":
                continue  # one service makes whichever of the three applies
            group = SUBMIT if move in SUBMIT else {move}
            expected = "done" if group & set(offered) else "refused"
            assert outcome(lambda call=call, user=user: call(user)) == expected, (name, state, move)
        offers[name] = offered
    return offers


def assignment_in(state: str, p: dict):
    deputy, office, officer = p["deputy"], p["office"], p["officer"]
    case = flow.assigned(office, deputy, lead=officer.handling_unit)
    assignment = flow.assignment_of(case, officer)
    if state == AssignmentState.ASSIGNED:
        return assignment
    if state == AssignmentState.REASSIGN_REQUESTED:
        return casework.request_reassignment(assignment=assignment, reason="非本单位职责", actor=officer)
    if state == AssignmentState.WITHDRAWN:
        requested = casework.request_reassignment(assignment=assignment, reason="非本单位职责", actor=officer)
        services.reassignment_decide(
            assignment=requested, approve=True, new_unit=p["other_officer"].handling_unit, actor=office
        )
        requested.refresh_from_db()
        return requested
    assignment = casework.sign_for(assignment=assignment, actor=officer)
    flow.contact(assignment, officer)  # a reply needs a contact first (Art. 51), an input rule, not a move's
    if state == AssignmentState.ACCEPTED:
        return assignment
    flow.answer(assignment, officer)
    assignment.refresh_from_db()
    return assignment


def assignment_services(assignment, p: dict) -> dict:
    today = timezone.localdate()
    return {
        "sign_for": lambda user: casework.sign_for(assignment=assignment, actor=user),
        "contact": lambda user: casework.record_contact(
            assignment=assignment, stage="during", method="phone", date=today, summary="电话沟通", actor=user
        ),
        "send_opinion": lambda user: casework.send_opinion(assignment=assignment, opinion="同意", actor=user),
        "reply": lambda user: services.reply_send(
            assignment=assignment, result_category=flow.category_a(), text="答复", signer="局长", actor=user
        ),
        "request_reassignment": lambda user: casework.request_reassignment(
            assignment=assignment, reason="非本单位职责", actor=user
        ),
        "approve_reassignment": lambda user: services.reassignment_decide(
            assignment=assignment, approve=True, new_unit=p["other_officer"].handling_unit, actor=user
        ),
        "refuse_reassignment": lambda user: services.reassignment_decide(
            assignment=assignment, approve=False, actor=user
        ),
    }


@pytest.mark.parametrize(
    "state",
    [
        AssignmentState.ASSIGNED,
        AssignmentState.ACCEPTED,
        AssignmentState.REASSIGN_REQUESTED,
        AssignmentState.WITHDRAWN,
        AssignmentState.REPLIED,
    ],
)
def test_assignment_buttons_api_and_services_agree(state, parties):
    assignment = assignment_in(state, parties)
    assert assignment.state == state
    calls = assignment_services(assignment, parties)
    for name in PARTIES:
        user = parties[name]
        offered = [move.name for move in ASSIGNMENT_FLOW.moves_for(user, assignment)]
        buttons = [action.url for action in assignment_actions(user, assignment)]
        assert len(buttons) == len([m for m in offered if m in ASSIGNMENT_PAGES])
        client = APIClient()
        client.force_authenticate(user)
        detail = client.get(f"/api/v1/suggestions/{assignment.suggestion_id}/")
        if detail.status_code == 200:
            rows = [row for row in detail.json()["assignments"] if row["id"] == assignment.pk]
            for row in rows:  # a withdrawn assignment is not on the case any more
                assert [action["name"] for action in row["available_actions"]] == offered, (name, state)
        else:
            assert offered == [], (name, state)
        for move, call in calls.items():
            expected = "done" if move in offered else "refused"
            assert outcome(lambda call=call, user=user: call(user)) == expected, (name, state, move)


def test_a_unit_cannot_sign_for_its_assignment_again_once_the_case_is_closed(parties):
    """Hardening: 已答复 → 办理中 is for re-handling only; signing for a closed case reopened it (then a
    second reply hit a unique constraint)."""
    deputy, office, officer = parties["deputy"], parties["office"], parties["officer"]
    case = flow.replied(office, deputy, officer)
    services.evaluation_submit(suggestion=case, rating=Rating.SATISFIED, actor=deputy)
    assignment = flow.assignment_of(case, officer)
    assert assignment.state == AssignmentState.REPLIED
    with pytest.raises(ValidationError) as refused:
        casework.sign_for(assignment=assignment, actor=officer)
    assert refused.value.code == "invalid_transition"
    assignment.refresh_from_db()
    assert assignment.state == AssignmentState.REPLIED
    client = APIClient()
    client.force_authenticate(officer)
    response = client.post(f"/api/v1/suggestions/assignments/{assignment.pk}/accept/")
    assert response.status_code in {400, 409}
    assert "签收" not in [
        a["name"] for a in ASSIGNMENT_FLOW.moves_for(officer, assignment) if a.name == "sign_for"
    ]


def test_key_supervision_button_in_every_state_the_service_allows(parties, chairpersons):
    """The review found the service allowing 协调处理 and 已办结 while the button showed in four states only."""
    case = case_in(State.CLOSED, parties)
    office = parties["office"]
    assert "supervise" in [move.name for move in SUGGESTION_FLOW.moves_for(office, case)]
    services.key_supervision_select(
        suggestion=case, decided_on=datetime.date.today(), leader=chairpersons[0], actor=office
    )
    assert "supervise" not in [move.name for move in SUGGESTION_FLOW.moves_for(office, case)]
