"""The workflow mechanism (core/workflow.py) on its own: a small declaration over a real model (the suggestion,
whose table and event rows exist), checked for what `apply`, `require`, `moves_for` and the derived tables do."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from renda.core.workflow import Who, Workflow, actions, move
from renda.suggestions.models import State, Suggestion, SuggestionEvent
from renda.suggestions.tests import flow

pytestmark = pytest.mark.django_db

ANYONE = Who(lambda user, obj: True, "任何人")
NOBODY = Who(lambda user, obj: False, "没有人可以。")


def too_late(obj) -> None:
    if obj.title.startswith("迟"):
        raise ValidationError("已过期限。", code="window")


def record(obj, **event):
    SuggestionEvent.objects.create(suggestion=obj, **event)


FLOW = Workflow(
    Suggestion,
    [
        move("send", "送出", State.DRAFT, State.SUBMITTED, who=ANYONE, check=too_late),
        move("note", "备注", [State.DRAFT, State.SUBMITTED], who=ANYONE),
        move(
            "motion_only",
            "议案",
            State.DRAFT,
            State.PRESIDIUM_REVIEW,
            who=ANYONE,
            when=lambda s: s.kind == "motion",
        ),
        move("forbidden", "禁止", State.DRAFT, State.REJECTED, who=NOBODY),
        move("automatic", "自动", State.SUBMITTED, State.ACCEPTED),
    ],
    states=State,
    record=record,
)


def test_a_declaration_with_a_duplicate_name_or_an_unknown_state_is_refused_at_import():
    with pytest.raises(ValueError, match="duplicate"):
        Workflow(
            Suggestion,
            [move("a", "甲", State.DRAFT), move("a", "乙", State.DRAFT)],
            states=State,
            record=record,
        )
    with pytest.raises(ValueError, match="unknown states"):
        Workflow(Suggestion, [move("a", "甲", "nowhere")], states=State, record=record)


def test_transitions_and_final_states_are_derived_from_the_moves():
    table = FLOW.transitions()
    assert table[State.DRAFT] == {
        State.SUBMITTED: "送出",
        State.PRESIDIUM_REVIEW: "议案",
        State.REJECTED: "禁止",
    }
    assert table[State.SUBMITTED] == {State.ACCEPTED: "自动"}  # steps without a target are not transitions
    assert State.CLOSED in FLOW.final_states() and State.DRAFT not in FLOW.final_states()


def test_moves_for_offers_what_who_when_and_the_guard_allow_and_never_a_consequence(deputy_user):
    draft = flow.draft(deputy_user)
    assert [m.name for m in FLOW.moves_for(deputy_user, draft)] == ["send", "note"]
    assert actions(FLOW, deputy_user, draft) == [
        {"name": "send", "label": "送出"},
        {"name": "note", "label": "备注"},
    ]
    late = flow.draft(deputy_user, title="迟交的建议")
    assert [m.name for m in FLOW.moves_for(deputy_user, late)] == ["note"]  # the guard fails: not offered
    motion = flow.draft(deputy_user, kind="motion")
    assert "motion_only" in [m.name for m in FLOW.moves_for(deputy_user, motion)]
    assert FLOW.moves_for(None, draft) == []  # nobody signed in: nothing


def test_apply_moves_saves_changes_bumps_the_version_and_writes_the_event(deputy_user):
    draft = flow.draft(deputy_user)
    version = draft.version
    moved = FLOW.apply(draft, "send", actor=deputy_user, note="按时送出", title="新的标题")
    assert (moved.state, moved.title, moved.version) == (State.SUBMITTED, "新的标题", version + 1)
    event = SuggestionEvent.objects.filter(suggestion=draft).latest("pk")
    assert (event.from_state, event.to_state, event.action, event.actor, event.note) == (
        State.DRAFT,
        State.SUBMITTED,
        "送出",
        deputy_user,
        "按时送出",
    )


def test_a_step_keeps_the_state_and_still_writes_an_event_without_states(deputy_user):
    draft = flow.draft(deputy_user)
    stepped = FLOW.apply(draft, "note", actor=deputy_user, note="补充材料")
    assert stepped.state == State.DRAFT
    event = SuggestionEvent.objects.filter(suggestion=draft).latest("pk")
    assert (event.from_state, event.to_state, event.action) == ("", "", "备注")


def test_refusals_who_is_403_state_is_invalid_transition_the_guard_its_own_code(deputy_user):
    draft = flow.draft(deputy_user)
    with pytest.raises(PermissionDenied, match="没有人可以"):
        FLOW.apply(draft, "forbidden", actor=deputy_user)
    with pytest.raises(ValidationError) as wrong_state:
        FLOW.apply(draft, "automatic", actor=None)
    assert wrong_state.value.code == "invalid_transition"
    assert wrong_state.value.messages == ["当前状态为「草稿」，不能自动。"]
    with pytest.raises(ValidationError) as not_a_motion:
        FLOW.apply(draft, "motion_only", actor=deputy_user)
    assert not_a_motion.value.code == "invalid_transition"
    late = flow.draft(deputy_user, title="迟交的建议")
    with pytest.raises(ValidationError) as guard:
        FLOW.apply(late, "send", actor=deputy_user)
    assert guard.value.code == "window"
    assert (
        SuggestionEvent.objects.filter(
            suggestion__in=[draft, late], action__in=["禁止", "自动", "送出"]
        ).count()
        == 0
    )


def test_apply_reads_the_row_under_its_lock_so_a_stale_object_cannot_move_twice(deputy_user):
    draft = flow.draft(deputy_user)
    stale = Suggestion.objects.get(pk=draft.pk)
    FLOW.apply(draft, "send", actor=deputy_user)
    with pytest.raises(ValidationError) as again:
        FLOW.apply(stale, "send", actor=deputy_user)  # the stale copy still says 草稿
    assert again.value.code == "invalid_transition"
    assert SuggestionEvent.objects.filter(suggestion=draft, action="送出").count() == 1


def test_a_consequence_is_made_by_services_without_a_user_check(deputy_user):
    submitted = FLOW.apply(flow.draft(deputy_user), "send", actor=deputy_user)
    accepted = FLOW.apply(submitted, "automatic", actor=None)
    assert accepted.state == State.ACCEPTED


def test_refuse_tells_why_without_locking_the_row():
    """Pages and the API refuse before reading input, outside any transaction (PostgreSQL refuses a lock
    there): refuse reads the object as it was loaded."""
    from renda.opinions.models import Channel, Opinion, State
    from renda.opinions.workflows import OPINION_FLOW

    opinion = Opinion(pk=1, state=State.HANDLING, channel=Channel.ONLINE)
    with pytest.raises(PermissionDenied):
        OPINION_FLOW.refuse(opinion, "forward", actor=None)
    with pytest.raises(ValidationError) as error:
        OPINION_FLOW.refuse(opinion, "close", actor=None)  # a consequence: no who; the state is wrong
    assert error.value.code == "invalid_transition"
