"""Key supervision (代表法 Art. 52: chosen by the Council of Chairpersons, led by a chairperson), supervision
notes, the supervision board by unit and the urgency traffic light."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from renda.core.models import Notification
from renda.core.todos import urgency_of
from renda.deputies.tests.factories import DelegationFactory
from renda.suggestions import selectors, services
from renda.suggestions.models import Kind, PresidiumDecision, SupervisionNote
from renda.suggestions.tests import flow

pytestmark = pytest.mark.django_db

D = datetime.date


def select(suggestion, leader, actor):
    return services.key_supervision_select(
        suggestion=suggestion, decided_on=D(2026, 4, 8), leader=leader, decision="主任会议决定", actor=actor
    )


def test_art52_key_supervision_requires_a_chairperson(chairpersons, deputy, office, officer):
    vice, plain = chairpersons
    suggestion = flow.assigned(office, deputy, lead=officer.handling_unit)
    with pytest.raises(ValidationError) as error:
        select(suggestion, plain, office)
    assert "leader" in error.value.message_dict
    supervision = select(suggestion, vice, office)
    assert (supervision.leader, supervision.decided_on) == (vice, D(2026, 4, 8))
    assert vice.deputy.name in suggestion.events.get(action="列为重点督办").note
    for user in (deputy, officer):
        assert Notification.objects.filter(recipient=user, title__startswith="建议列为重点督办").count() == 1
    with pytest.raises(ValidationError):
        select(suggestion, vice, office)


def test_art52_key_supervision_is_decided_for_accepted_suggestions_by_the_office(
    chairpersons, deputy, office, committee_member
):
    vice, _ = chairpersons
    with pytest.raises(ValidationError):
        select(flow.submitted(deputy), vice, office)
    motion = flow.submitted(deputy, kind=Kind.MOTION, delegation=DelegationFactory())
    motion = services.motion_presidium_decide(
        suggestion=motion, decision=PresidiumDecision.NOT_ACCEPTED, actor=office
    )
    with pytest.raises(ValidationError):
        select(motion, vice, office)
    for user in (committee_member, deputy):
        with pytest.raises(PermissionDenied):
            select(flow.accepted(office, deputy), vice, user)


def test_supervision_notes_are_kept_on_the_timeline(chairpersons, deputy, office):
    vice, _ = chairpersons
    supervision = select(flow.accepted(office, deputy), vice, office)
    note = services.supervision_note_add(
        supervision=supervision,
        kind=SupervisionNote.Kind.VISIT,
        date=D(2026, 5, 6),
        text="现场视察",
        actor=office,
    )
    assert note.recorded_by == office
    assert supervision.suggestion.events.get(action="督办视察").note == "现场视察"
    with pytest.raises(PermissionDenied):
        services.supervision_note_add(
            supervision=supervision,
            kind=SupervisionNote.Kind.PROGRESS,
            date=D(2026, 5, 6),
            text="x",
            actor=deputy,
        )


def test_supervision_board_counts_open_overdue_and_due_soon_per_unit(
    deputy, office, officer, other_officer, django_assert_num_queries
):
    unit = officer.handling_unit
    flow.assigned(office, deputy, lead=unit, on=D(2025, 12, 1))  # due 1 March: overdue on 5 March
    flow.assigned(office, deputy, lead=unit, on=D(2025, 12, 10))  # due 10 March: within 10 days
    flow.assigned(office, deputy, lead=unit, on=D(2026, 3, 2))  # due 2 June
    flow.assigned(
        office, deputy, assign={"lead": other_officer.handling_unit, "joint": [unit]}, on=D(2025, 12, 1)
    )
    flow.replied(office, deputy, other_officer)  # answered: no longer open
    with django_assert_num_queries(2):
        board = {
            row.name: (row.open_count, row.overdue_count, row.soon_count)
            for row in selectors.supervision_board(today=D(2026, 3, 5))
        }
    assert board == {"县交通运输局": (3, 1, 1), "县住房和城乡建设局": (1, 1, 0)}


@pytest.mark.parametrize(
    ("due", "light"),
    [
        (None, "ok"),
        (D(2026, 3, 4), "overdue"),
        (D(2026, 3, 5), "soon"),
        (D(2026, 3, 15), "soon"),
        (D(2026, 3, 16), "ok"),
    ],
)
def test_rule_due_soon_days_traffic_light(due, light):
    assert urgency_of(due, today=D(2026, 3, 5)) == light


def test_a_member_leading_a_key_supervision_finds_it_on_the_workbench_until_it_closes(
    chairpersons, deputy, office, officer, make_user
):
    from renda.core.roles import Role
    from renda.suggestions.models import Rating, State
    from renda.suggestions.todos import member_steps

    vice, plain = chairpersons
    leader = make_user(Role.MEMBER, deputy=vice.deputy)
    other = make_user(Role.MEMBER, deputy=plain.deputy)
    suggestion = flow.assigned(office, deputy, lead=officer.handling_unit)
    select(suggestion, vice, office)

    led = [item for item in member_steps(leader) if item.title.startswith("领衔督办：")]
    assert [(item.title, item.url) for item in led] == [
        (f"领衔督办：{suggestion.title}", f"/suggestions/{suggestion.pk}/")
    ]
    assert not [item for item in member_steps(other) if item.title.startswith("领衔督办：")]
    assert member_steps(office) == [] and member_steps(deputy) == []
    flow.answer(flow.assignment_of(suggestion, officer), officer)
    services.evaluation_submit(suggestion=suggestion, rating=Rating.SATISFIED, actor=deputy)
    suggestion.refresh_from_db()
    assert suggestion.state == State.CLOSED
    assert not [item for item in member_steps(leader) if item.title.startswith("领衔督办：")]


def test_the_board_shows_this_year_s_key_supervisions_and_earlier_ones_still_open(
    chairpersons, deputy, office, officer
):
    from renda.suggestions.models import State, Suggestion

    vice, _ = chairpersons
    supervised = [flow.assigned(office, deputy, lead=officer.handling_unit) for _ in range(3)]
    for suggestion in supervised:
        select(suggestion, vice, office)  # decided 8 April 2026
    Suggestion.objects.filter(pk__in=[supervised[0].pk, supervised[1].pk]).update(state=State.CLOSED)
    assert set(selectors.key_supervisions(today=D(2026, 12, 1)).values_list("suggestion", flat=True)) == {
        s.pk for s in supervised
    }  # this year's, closed or not
    assert list(selectors.key_supervisions(today=D(2027, 2, 1)).values_list("suggestion", flat=True)) == [
        supervised[2].pk
    ]  # a year later: only the one still open
