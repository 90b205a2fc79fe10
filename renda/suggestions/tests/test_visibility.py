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
        "paper": services.suggestion_enter(
            lead_deputy=deputy.deputy, cosigners=[], title="关于纸质建议的建议", content="内容", actor=office
        ),
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
    assert visible(deputy, world) == {
        "draft",
        "paper",
        "submitted",
        "handling",
        "moved",
        "public",
        "private",
    }


def test_other_deputy_sees_co_signed_cases_only_and_reads_published_ones_on_the_public_page(
    world, other_deputy
):
    assert visible(other_deputy, world) == {"cosigned"}
    assert world["public"] in selectors.published_suggestions()
    for name in ("draft", "paper", "submitted", "handling", "private", "public"):
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
    assert visible(committee_member, world) == set(world) - {"draft", "paper"}


def test_clerk_sees_everything_but_the_deputies_own_drafts(world, office):
    assert visible(office, world) == set(world) - {"draft"}
    with pytest.raises(Http404):
        selectors.suggestion_get_for_user(office, world["draft"].pk)
    assert not selectors.case_view(office, world["draft"]).record
    assert selectors.case_view(office, world["paper"]).office


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


def test_a_draft_is_the_deputys_until_submitted_unless_the_office_entered_it(deputy, office, client):
    """Issue 11 item 5: the office no longer sees a deputy's own draft — not in the list, the detail (404), the
    API, nor its buttons — until the deputy submits it; a draft the office entered on the deputy's behalf (a
    paper suggestion) is held by both."""
    from django.core.exceptions import PermissionDenied
    from rest_framework.test import APIClient

    from renda.suggestions.workflows import SUGGESTION_FLOW

    own = flow.draft(deputy, title="代表本人起草的建议")
    paper = services.suggestion_enter(
        lead_deputy=deputy.deputy, cosigners=[], title="办公室代为录入的建议", content="内容", actor=office
    )
    api = APIClient()
    api.force_authenticate(office)
    client.force_login(office)
    listed = client.get("/suggestions/").content.decode()
    assert own.title not in listed and paper.title in listed
    assert client.get(f"/suggestions/{own.pk}/").status_code == 404
    assert client.get(f"/suggestions/{own.pk}/edit/").status_code == 404
    assert api.get(f"/api/v1/suggestions/{own.pk}/").status_code == 404
    rows = [row["id"] for row in api.get("/api/v1/suggestions/").json()["results"]]
    assert own.pk not in rows and paper.pk in rows
    assert SUGGESTION_FLOW.moves_for(office, own) == []
    with pytest.raises(PermissionDenied):
        services.suggestion_submit(suggestion=own, actor=office)
    with pytest.raises(PermissionDenied):
        services.suggestion_update(
            suggestion=own, expected_version=own.version, changes={"title": "改"}, actor=office
        )
    names = lambda user, case: [m.name for m in SUGGESTION_FLOW.moves_for(user, case)]  # noqa: E731
    assert names(office, paper) == names(deputy, paper) == names(deputy, own) == ["edit", "submit"]
    page = client.get(f"/suggestions/{paper.pk}/").content.decode()
    assert f"/suggestions/{paper.pk}/submit/" in page

    services.suggestion_submit(suggestion=own, actor=deputy)  # submitted: now the office's to review
    assert client.get(f"/suggestions/{own.pk}/").status_code == 200
    assert api.get(f"/api/v1/suggestions/{own.pk}/").status_code == 200
