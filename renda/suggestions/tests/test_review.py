"""Registration review by the deputies' affairs office: numbering, return, refusal with a reason from the
configurable list, merge; and the presidium's decision on motions (地方组织法)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from renda.core.models import Notification
from renda.core.roles import Role
from renda.deputies.tests.factories import DelegationFactory, DeputyFactory
from renda.org.tests.factories import CongressSessionFactory, TermFactory
from renda.suggestions import selectors, services
from renda.suggestions.models import Kind, PresidiumDecision, State, Timing
from renda.suggestions.tests import flow
from renda.suggestions.tests.factories import RefusalReasonFactory
from renda.suggestions.workflows import TRANSITIONS

pytestmark = pytest.mark.django_db

# RULES.md (重庆): not accepted as suggestions.
REFUSAL_REASONS = ["反映个人或家庭事务", "涉及具体诉讼案件", "为企业或产品作宣传", "检举控告他人"]


def test_numbering_during_session_like_十八届二次会议第023号(deputy, office):
    session = CongressSessionFactory(term=TermFactory(number=18), number=2)
    numbers = [
        flow.accepted(office, deputy, timing=Timing.DURING_SESSION, congress_session=session).number
        for _ in range(23)
    ]
    assert numbers[0] == "十八届二次会议第001号"
    assert numbers[-1] == "十八届二次会议第023号"
    assert len(set(numbers)) == 23


def test_numbering_between_sessions_runs_per_year_apart_from_sessions(deputy, office):
    session = CongressSessionFactory(term=TermFactory(number=18), number=3)
    during = flow.accepted(office, deputy, timing=Timing.DURING_SESSION, congress_session=session)
    first = flow.accepted(office, deputy, year=2026)
    second = flow.accepted(office, deputy, year=2026)
    last_year = flow.accepted(office, deputy, year=2025)
    assert during.number == "十八届三次会议第001号"
    assert (first.number, second.number) == ("2026年闭会期间第001号", "2026年闭会期间第002号")
    assert (second.serial, last_year.number) == (2, "2025年闭会期间第001号")


def test_accept_is_for_the_office_once(deputy, office):
    suggestion = flow.submitted(deputy)
    with pytest.raises(PermissionDenied):
        services.suggestion_accept(suggestion=suggestion, actor=deputy)
    accepted = services.suggestion_accept(suggestion=suggestion, actor=office)
    with pytest.raises(ValidationError):
        services.suggestion_accept(suggestion=accepted, actor=office)
    accepted.refresh_from_db()
    assert accepted.serial == 1
    assert Notification.objects.filter(recipient=deputy, title=f"建议已立案：{accepted.number}").exists()


def test_return_needs_a_reason_and_the_deputy_resubmits(deputy, office):
    suggestion = flow.submitted(deputy)
    with pytest.raises(ValidationError):
        services.suggestion_return(suggestion=suggestion, reason=" ", actor=office)
    returned = services.suggestion_return(suggestion=suggestion, reason="请补充具体路段", actor=office)
    assert (returned.state, returned.return_reason) == (State.RETURNED, "请补充具体路段")
    assert (
        Notification.objects.get(recipient=deputy, title__startswith="建议被退回修改").body
        == "请补充具体路段"
    )
    services.suggestion_update(
        suggestion=returned,
        expected_version=returned.version,
        changes={"content": "补充后的内容"},
        actor=deputy,
    )
    assert services.suggestion_submit(suggestion=returned, actor=deputy).state == State.SUBMITTED


@pytest.mark.parametrize("label", REFUSAL_REASONS)
def test_refusal_reasons_from_the_configurable_list(deputy, office, label):
    suggestion = flow.submitted(deputy)
    reason = RefusalReasonFactory(label=label)
    rejected = services.suggestion_reject(
        suggestion=suggestion, reason=reason, note="已告知代表", actor=office
    )
    assert (rejected.state, rejected.refusal_reason, rejected.refusal_note) == (
        State.REJECTED,
        reason,
        "已告知代表",
    )
    assert TRANSITIONS[rejected.state] == {}  # final
    assert label in Notification.objects.get(recipient=deputy, title__startswith="建议不予立案").body
    assert rejected.events.get(to_state=State.REJECTED).note == f"{label} 已告知代表"


def test_refusal_reasons_one_must_be_chosen(deputy, office):
    with pytest.raises(ValidationError):
        services.suggestion_reject(suggestion=flow.submitted(deputy), reason=None, actor=office)


def test_merge_informs_every_deputy(make_user, deputy, other_deputy, office):
    target = flow.accepted(office, deputy)
    first = flow.submitted(other_deputy)
    cosigner = make_user(Role.DEPUTY, deputy=DeputyFactory())
    second = flow.draft(other_deputy)
    services.cosigners_invite(suggestion=second, deputies=[cosigner.deputy], actor=other_deputy)
    services.cosigner_respond(cosigner=second.cosigners.get(), confirm=True, actor=cosigner)
    second = services.suggestion_accept(
        suggestion=services.suggestion_submit(suggestion=second, actor=other_deputy), actor=office
    )

    services.suggestions_merge(into=target, others=[first, second], actor=office)

    for merged in (first, second):
        merged.refresh_from_db()
        assert (merged.state, merged.merged_into) == (State.MERGED, target)
    assert (
        Notification.objects.filter(recipient=other_deputy, title__startswith="建议已并案办理").count() == 2
    )
    assert Notification.objects.filter(recipient=cosigner, title__startswith="建议已并案办理").count() == 1
    assert Notification.objects.filter(recipient=deputy, title__startswith="其他建议并入").count() == 1
    # The deputies of the merged cases can follow the case theirs is handled in.
    for user in (other_deputy, cosigner):
        assert selectors.suggestion_get_for_user(user, target.pk) == target


def test_merge_only_into_and_from_cases_under_review(deputy, office, officer):
    handling = flow.assigned(office, deputy, lead=officer.handling_unit)
    with pytest.raises(ValidationError):
        services.suggestions_merge(into=handling, others=[flow.submitted(deputy)], actor=office)
    target = flow.accepted(office, deputy)
    with pytest.raises(ValidationError):
        services.suggestions_merge(into=target, others=[handling], actor=office)
    with pytest.raises(ValidationError):
        services.suggestions_merge(into=target, others=[target], actor=office)
    handling.refresh_from_db()
    assert handling.state == State.HANDLING


@pytest.mark.parametrize(
    ("decision", "state", "kind"),
    [
        (PresidiumDecision.ON_AGENDA, State.ON_AGENDA, Kind.MOTION),
        (PresidiumDecision.AS_SUGGESTION, State.SUBMITTED, Kind.SUGGESTION),
        (PresidiumDecision.NOT_ACCEPTED, State.NOT_ACCEPTED, Kind.MOTION),
    ],
)
def test_motion_presidium_decides(deputy, office, decision, state, kind):
    motion = flow.submitted(deputy, kind=Kind.MOTION, delegation=DelegationFactory())
    with pytest.raises(PermissionDenied):
        services.motion_presidium_decide(suggestion=motion, decision=decision, actor=deputy)
    motion = services.motion_presidium_decide(suggestion=motion, decision=decision, actor=office)
    assert (motion.state, motion.kind) == (state, kind)
    assert Notification.objects.filter(recipient=deputy, title__startswith="主席团对议案的决定").exists()


@pytest.mark.parametrize("decision", list(PresidiumDecision))
def test_the_presidium_decides_only_on_motions_submitted_to_it(deputy, office, decision):
    """A draft motion (or one already decided) cannot be moved by a presidium decision: 作为建议处理 would
    otherwise take a draft to 待审查 without being submitted."""
    draft = flow.draft(deputy, kind=Kind.MOTION, delegation=DelegationFactory())
    with pytest.raises(ValidationError, match="当前状态为「草稿」，不能"):
        services.motion_presidium_decide(suggestion=draft, decision=decision, actor=office)
    draft.refresh_from_db()
    assert (draft.state, draft.submitted_at) == (State.DRAFT, None)


def test_motion_handled_as_suggestion_is_numbered_as_a_suggestion(deputy, office):
    motion = flow.submitted(deputy, kind=Kind.MOTION, delegation=DelegationFactory())
    motion = services.motion_presidium_decide(
        suggestion=motion, decision=PresidiumDecision.AS_SUGGESTION, actor=office
    )
    assert services.suggestion_accept(suggestion=motion, actor=office).number == "2026年闭会期间第001号"
