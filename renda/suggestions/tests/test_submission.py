"""Drafting, co-signers and submission; the motion rule of 地方组织法 (a delegation or ≥10 deputies)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from renda.core.models import Notification
from renda.core.roles import Role
from renda.deputies.tests.factories import DelegationFactory, DeputyFactory
from renda.org.tests.factories import CongressSessionFactory
from renda.suggestions import services
from renda.suggestions.models import Cosigner, Kind, State, Suggestion, SuggestionEvent, Timing
from renda.suggestions.tests import flow

pytestmark = pytest.mark.django_db


def signers(make_user, suggestion, lead_user, *, confirmed=0, invited=0, declined=0) -> list:
    """Invite deputies as co-signers; the first `confirmed` confirm, the next `declined` decline."""
    users = [make_user(Role.DEPUTY, deputy=DeputyFactory()) for _ in range(confirmed + declined + invited)]
    services.cosigners_invite(suggestion=suggestion, deputies=[u.deputy for u in users], actor=lead_user)
    for index, user in enumerate(users[: confirmed + declined]):
        cosigner = suggestion.cosigners.get(deputy=user.deputy)
        services.cosigner_respond(cosigner=cosigner, confirm=index < confirmed, actor=user)
    return users


def test_deputy_drafts_only_in_own_name_and_the_office_on_anyones_behalf(deputy, other_deputy, office):
    with pytest.raises(PermissionDenied):
        services.suggestion_create(
            lead_deputy=deputy.deputy, title="题目", content="内容", actor=other_deputy
        )
    own = services.suggestion_create(lead_deputy=deputy.deputy, title="关于A", content="内容", actor=deputy)
    paper = services.suggestion_create(lead_deputy=deputy.deputy, title="关于B", content="内容", actor=office)
    assert own.state == paper.state == State.DRAFT
    assert paper.entered_by == office
    assert own.events.get().to_state == State.DRAFT


def test_during_session_suggestion_needs_its_congress_session(deputy):
    with pytest.raises(ValidationError) as error:
        services.suggestion_create(
            lead_deputy=deputy.deputy,
            title="题目",
            content="内容",
            timing=Timing.DURING_SESSION,
            actor=deputy,
        )
    assert "congress_session" in error.value.message_dict
    session = CongressSessionFactory()
    suggestion = services.suggestion_create(
        lead_deputy=deputy.deputy,
        title="题目",
        content="内容",
        timing=Timing.DURING_SESSION,
        congress_session=session,
        actor=deputy,
    )
    assert suggestion.year == session.start_date.year


def test_editing_the_timing_keeps_the_year_and_session_consistent(deputy):
    """年度 follows the session when a draft is moved into one, and the year it was written when moved out:
    a session's statistics and its year's count the same suggestions."""
    draft = flow.draft(deputy)
    written = draft.year
    session = CongressSessionFactory(start_date=datetime.date(written + 1, 1, 10))

    def edit(**changes):
        current = Suggestion.objects.get(pk=draft.pk)
        return services.suggestion_update(
            suggestion=current, expected_version=current.version, changes=changes, actor=deputy
        )

    with pytest.raises(ValidationError) as error:
        edit(timing=Timing.DURING_SESSION)
    assert "congress_session" in error.value.message_dict
    moved = edit(timing=Timing.DURING_SESSION, congress_session=session)
    assert (moved.congress_session, moved.year) == (session, written + 1)
    back = edit(timing=Timing.BETWEEN_SESSIONS)
    assert (back.congress_session, back.year) == (None, written)


def test_stale_form_cannot_overwrite_a_newer_draft(deputy):
    suggestion = flow.draft(deputy)
    services.suggestion_update(
        suggestion=suggestion, expected_version=suggestion.version, changes={"title": "新标题"}, actor=deputy
    )
    with pytest.raises(ValidationError) as error:
        services.suggestion_update(
            suggestion=suggestion,
            expected_version=suggestion.version,
            changes={"title": "旧表单"},
            actor=deputy,
        )
    assert error.value.code == "stale"
    suggestion.refresh_from_db()
    assert suggestion.title == "新标题"


def test_submitted_suggestion_can_no_longer_be_edited(deputy):
    suggestion = flow.submitted(deputy)
    with pytest.raises(ValidationError):
        services.suggestion_update(
            suggestion=suggestion, expected_version=suggestion.version, changes={"title": "改"}, actor=deputy
        )


def test_submit_writes_the_event_and_notifies_the_office(deputy, office):
    suggestion = flow.submitted(deputy)
    assert suggestion.state == State.SUBMITTED
    assert suggestion.submitted_at is not None
    event = suggestion.events.get(to_state=State.SUBMITTED)
    assert (event.from_state, event.actor) == (State.DRAFT, deputy)
    assert Notification.objects.filter(recipient=office, title__contains=suggestion.title).exists()


def test_only_the_lead_deputy_or_the_office_submits(deputy, other_deputy):
    suggestion = flow.draft(deputy)
    with pytest.raises(PermissionDenied):
        services.suggestion_submit(suggestion=suggestion, actor=other_deputy)


def test_motion_rule_10_deputies_nine_confirmed_signers_are_refused(make_user, deputy):
    motion = flow.draft(deputy, kind=Kind.MOTION)
    signers(make_user, motion, deputy, confirmed=8)  # 8 co-signers + the lead deputy = 9
    with pytest.raises(ValidationError) as error:
        services.suggestion_submit(suggestion=motion, actor=deputy)
    assert error.value.code == "motion_signers"
    assert "9名" in error.value.messages[0]
    motion.refresh_from_db()
    assert motion.state == State.DRAFT


def test_motion_rule_10_deputies_ten_confirmed_signers_go_to_the_presidium(make_user, deputy):
    motion = flow.draft(deputy, kind=Kind.MOTION)
    signers(make_user, motion, deputy, confirmed=9)
    motion = services.suggestion_submit(suggestion=motion, actor=deputy)
    assert motion.state == State.PRESIDIUM_REVIEW


def test_motion_rule_delegation_needs_no_ten_signers(deputy):
    motion = flow.draft(deputy, kind=Kind.MOTION, delegation=DelegationFactory())
    assert services.suggestion_submit(suggestion=motion, actor=deputy).state == State.PRESIDIUM_REVIEW


def test_motion_rule_unconfirmed_cosigners_cannot_count(make_user, deputy):
    motion = flow.draft(deputy, kind=Kind.MOTION)
    signers(make_user, motion, deputy, confirmed=8, invited=4, declined=3)
    with pytest.raises(ValidationError):
        services.suggestion_submit(suggestion=motion, actor=deputy)


def test_unconfirmed_invitations_lapse_on_submission(make_user, deputy):
    suggestion = flow.draft(deputy)
    confirmed, pending = signers(make_user, suggestion, deputy, confirmed=1, invited=1)
    cosigner = suggestion.cosigners.get(deputy=pending.deputy)
    services.suggestion_submit(suggestion=suggestion, actor=deputy)
    assert list(suggestion.cosigners.values_list("deputy", flat=True)) == [confirmed.deputy_id]
    with pytest.raises(ValidationError):
        services.cosigner_respond(cosigner=cosigner, confirm=True, actor=pending)


def test_cosigners_confirm_in_person_and_only_once(make_user, deputy, other_deputy, office):
    suggestion = flow.draft(deputy)
    with pytest.raises(PermissionDenied):
        services.cosigners_invite(
            suggestion=suggestion, deputies=[other_deputy.deputy], actor=deputy, confirmed=True
        )
    services.cosigners_invite(
        suggestion=suggestion, deputies=[other_deputy.deputy, deputy.deputy], actor=deputy
    )
    cosigner = suggestion.cosigners.get()  # the lead deputy is never their own co-signer
    assert Notification.objects.filter(recipient=other_deputy, title__startswith="请确认附议").count() == 1
    with pytest.raises(PermissionDenied):
        services.cosigner_respond(cosigner=cosigner, confirm=True, actor=deputy)
    services.cosigner_respond(cosigner=cosigner, confirm=True, actor=other_deputy)
    with pytest.raises(ValidationError):
        services.cosigner_respond(cosigner=cosigner, confirm=False, actor=other_deputy)
    assert SuggestionEvent.objects.filter(
        suggestion=suggestion, action="确认附议", actor=other_deputy
    ).exists()


def test_lead_deputy_drops_only_unconfirmed_cosigners(make_user, deputy):
    suggestion = flow.draft(deputy)
    confirmed, pending = signers(make_user, suggestion, deputy, confirmed=1, invited=1)
    with pytest.raises(ValidationError):
        services.cosigner_drop(cosigner=suggestion.cosigners.get(deputy=confirmed.deputy), actor=deputy)
    services.cosigner_drop(cosigner=suggestion.cosigners.get(deputy=pending.deputy), actor=deputy)
    assert suggestion.cosigners.get().status == Cosigner.Status.CONFIRMED


def test_office_enters_a_paper_suggestion_with_the_signatures_confirmed(deputy, other_deputy, office):
    suggestion = services.suggestion_enter(
        lead_deputy=deputy.deputy,
        cosigners=[other_deputy.deputy],
        title="纸质建议",
        content="内容",
        actor=office,
    )
    assert suggestion.cosigners.get().status == Cosigner.Status.CONFIRMED
    with pytest.raises(PermissionDenied):
        services.suggestion_enter(
            lead_deputy=deputy.deputy, cosigners=[], title="题", content="内容", actor=deputy
        )
