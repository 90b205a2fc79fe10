"""The chain of an appointment through the services: nomination → legal exam → agenda and papers → 供职发言 →
deliberation → person-by-person vote → announcement → letter → oath → publication, and the holding it starts."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from renda.appointments import selectors, services
from renda.appointments.models import AppointmentKind, AppointmentState, Holding
from renda.appointments.tests.conftest import DAY, at, cast, close, nominate, to_vote
from renda.appointments.workflows import APPOINTMENT_FLOW


def test_a_nomination_goes_to_the_oath_and_the_publication(
    term, committee, meeting, office, post, person, make_user
):
    appointment = nominate(term, person, post, office)
    assert appointment.state == AppointmentState.NOMINATED
    appointment, event = to_vote(appointment, meeting, committee, office)
    assert (event.entitled, event.threshold, event.method) == (25, "all_majority", "secret")
    assert event.chain_key == f"meeting:{meeting.pk}"
    cast(event, committee[:13], make_user)
    close(event, office)
    appointment.refresh_from_db()
    assert appointment.state == AppointmentState.ADOPTED and appointment.decided_on == DAY
    assert appointment.result.endswith("通过") and "赞成13票" in appointment.result
    holding = Holding.objects.get(post=post, end_date__isnull=True)
    assert (holding.person, holding.start_date, holding.appointed_by) == (person, DAY, appointment)
    with at(DAY, 12):
        appointment = services.appointment_announce(appointment=appointment, actor=office)
        appointment = services.appointment_letter_issue(appointment=appointment, actor=office)
        assert appointment.letter_code == "任字〔2026〕1号"
        assert appointment.letter_signed_by == committee[0].name  # the chairperson signs
        with pytest.raises(ValidationError):  # no publication before the oath
            services.appointment_publish(appointment=appointment, actor=office)
        appointment = services.appointment_oath(
            appointment=appointment,
            oath_on=DAY,
            presider=committee[0].name,
            witnesses="全体组成人员",
            actor=office,
        )
        appointment = services.appointment_publish(appointment=appointment, actor=office)
    assert appointment.state == AppointmentState.PUBLISHED
    assert list(selectors.appointments_public(2026)) == [appointment]
    actions = [e.action for e in appointment.events.order_by("created_at", "pk")]
    assert actions == [
        "提请",
        "登记任前法律知识考试",
        "列入会议议程",
        "材料送组成人员",
        "供职发言",
        "审议",
        "提付表决",
        "表决通过",
        "当场宣布",
        "颁发任命书",
        "宪法宣誓",
        "公告",
    ]


def test_letters_are_numbered_within_the_year(term, committee, meeting, office, post, person, make_user):
    first = nominate(term, person, post, office)
    other_post = services.post_create(name="县财政局局长", organ="县财政局", kind="dept_head", actor=office)
    other = services.person_create(name="李明", actor=office)
    second = nominate(term, other, other_post, office)
    numbers = []
    for appointment in (first, second):
        appointment, event = to_vote(appointment, meeting, committee, office)
        cast(event, committee[:13], make_user)
        close(event, office)
        with at(DAY, 12):
            appointment = services.appointment_announce(appointment=appointment, actor=office)
            numbers.append(
                services.appointment_letter_issue(appointment=appointment, actor=office).letter_number
            )
    assert numbers == [1, 2]


def test_the_vote_is_refused_before_the_statement_and_the_papers(
    term, committee, meeting, office, post, person
):
    appointment = nominate(term, person, post, office)
    with at(datetime.date(2026, 3, 5)):
        services.exam_record(
            appointment=appointment, taken_on=datetime.date(2026, 3, 5), score=90, actor=office
        )
        appointment = services.appointment_schedule(appointment=appointment, meeting=meeting, actor=office)
    with at(DAY):
        from renda.meetings import services as meetings

        meetings.meeting_convene(meeting=meeting, actor=office)
        appointment.refresh_from_db()
        with pytest.raises(ValidationError) as refused:
            services.appointment_vote_create(appointment=appointment, actor=office)
        assert refused.value.code == "no_papers"
        appointment = services.appointment_papers_send(appointment=appointment, actor=office)
        assert appointment.papers_late  # sent on the meeting's day, after the due date
        services.appointment_deliberate(appointment=appointment, summary="审议", actor=office)
        with pytest.raises(ValidationError) as refused:
            services.appointment_vote_create(appointment=appointment, actor=office)
        assert refused.value.code == "no_statement"


def test_no_vote_opens_without_a_quorum(term, committee, meeting, office, post, person):
    """【国】 地方组织法: a session of the standing committee needs a majority of all members present; the vote on
    an appointment does not open without it."""
    appointment = nominate(term, person, post, office)
    with pytest.raises(ValidationError) as refused:
        to_vote(appointment, meeting, committee, office, present=12)
    assert refused.value.code == "no_quorum"


def test_the_workflow_declares_the_documented_edges():
    edges = APPOINTMENT_FLOW.transitions()
    assert edges["nominated"] == {"scheduled": "列入会议议程", "withdrawn": "撤回"}
    assert edges["voting"] == {"adopted": "表决通过", "rejected": "表决未通过"}
    assert edges["adopted"] == {"sworn": "宪法宣誓", "published": "公告"}
    assert APPOINTMENT_FLOW.final_states() == {"rejected", "published", "withdrawn"}
    assert AppointmentKind.APPOINT.label == "任命"
