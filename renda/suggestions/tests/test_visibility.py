"""Each party sees exactly its part (house rule 7): anything else is a 404 through suggestion_get_for_user."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from renda.casework import services as casework
from renda.core.roles import Role, user_roles
from renda.deputies.tests.factories import DeputyFactory
from renda.suggestions import selectors, services
from renda.suggestions.tests import flow

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(make_user, deputy, other_deputy, office, officer, other_officer):
    """Named cases at every stage, and who should see each."""
    third = make_user(Role.DEPUTY, deputy=DeputyFactory())
    cosigned = flow.draft(third)
    services.cosigners_invite(suggestion=cosigned, deputies=[other_deputy.deputy], actor=third)
    services.cosigner_respond(cosigner=cosigned.cosigners.get(), confirm=True, actor=other_deputy)
    services.suggestion_submit(suggestion=cosigned, actor=third)

    moved = flow.assigned(office, deputy, lead=officer.handling_unit)
    request = casework.request_reassignment(
        assignment=flow.assignment_of(moved, officer), reason="非本单位职责", actor=officer
    )
    services.reassignment_decide(
        assignment=request, approve=True, new_unit=other_officer.handling_unit, actor=office
    )

    private = flow.assigned(office, deputy, lead=officer.handling_unit)
    flow.answer(flow.assignment_of(private, officer), officer, publishable=False)
    return {
        "draft": flow.draft(deputy),
        "submitted": flow.submitted(deputy),
        "cosigned": cosigned,
        "handling": flow.assigned(office, deputy, lead=officer.handling_unit),
        "moved": moved,
        "public": flow.replied(office, deputy, officer),
        "private": private,
    }


def visible(user, world) -> set[str]:
    pks = set(selectors.suggestions_visible_to(user).values_list("pk", flat=True))
    return {name for name, suggestion in world.items() if suggestion.pk in pks}


def test_lead_deputy_sees_own_cases_including_drafts(world, deputy):
    assert visible(deputy, world) == {"draft", "submitted", "handling", "moved", "public", "private"}


def test_other_deputy_sees_co_signed_cases_only_and_reads_published_ones_on_the_public_page(
    world, other_deputy
):
    assert visible(other_deputy, world) == {"cosigned"}
    assert world["public"] in selectors.published_suggestions()
    for name in ("draft", "submitted", "handling", "private", "public"):
        with pytest.raises(Http404):
            selectors.suggestion_get_for_user(other_deputy, world[name].pk)


def test_unit_sees_its_assignments_only_and_not_withdrawn_ones(world, officer, other_officer):
    assert visible(officer, world) == {"handling", "public", "private"}
    assert visible(other_officer, world) == {"moved"}
    withdrawn = world["moved"].assignments.get(unit=officer.handling_unit)
    with pytest.raises(Http404):
        selectors.suggestion_get_for_user(officer, world["moved"].pk)
    with pytest.raises(Http404):
        selectors.assignment_for_unit_user(officer, withdrawn.pk)
    current = flow.assignment_of(world["moved"], other_officer)
    assert selectors.assignment_for_unit_user(other_officer, current.pk) == current
    with pytest.raises(Http404):
        selectors.assignment_for_unit_user(officer, current.pk)
    assert {a.suggestion_id for a in selectors.unit_todo(officer)} == {world["handling"].pk}


def test_committee_member_reads_everything_but_drafts(world, committee_member):
    assert visible(committee_member, world) == set(world) - {"draft"}


def test_clerk_sees_everything(world, office):
    assert visible(office, world) == set(world)


def test_anonymous_sees_published_replies_only(world):
    assert visible(AnonymousUser(), world) == {"public"}
    assert list(selectors.published_suggestions()) == [world["public"]]
    with pytest.raises(Http404):
        selectors.suggestion_get_for_user(AnonymousUser(), world["private"].pk)


def test_signed_in_user_without_a_workflow_role_sees_nothing(world, make_user):
    assert visible(make_user(Role.KEEPER), world) == set()
    assert visible(make_user(), world) == set()


def test_visibility_is_one_query(world, deputy, officer, django_assert_num_queries):
    for user in (deputy, officer):
        user_roles(user)  # read once per request
        with django_assert_num_queries(1):
            list(selectors.suggestions_visible_to(user))
