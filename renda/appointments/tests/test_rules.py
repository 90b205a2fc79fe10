"""Each rule of appointments and removals, named: the exam's pass mark, the papers' days ahead, the secret vote,
the twice-rejected nominee, the dismissal's filers and majority, resignation and removal, the government's two
months, the vacant post, members who lose their deputy status, the privacy of the nominees' papers."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from renda.appointments import platform, selectors, services
from renda.appointments.models import AppointmentKind, AppointmentState, Holding, Nominator
from renda.appointments.tests.conftest import DAY, NO, at, cast, close, nominate, to_vote
from renda.core.models import Notification
from renda.core.roles import Role


def test_exam_below_the_pass_mark_fails_and_blocks_the_agenda(term, committee, meeting, office, post, person):
    """【地】 任前法律知识考试: below 60 fails (a setting), and an appointee without a passed exam of the term is
    not put to the committee."""
    appointment = nominate(term, person, post, office)
    with at(datetime.date(2026, 3, 5)):
        exam = services.exam_record(
            appointment=appointment, taken_on=datetime.date(2026, 3, 5), score=59, actor=office
        )
        assert not exam.passed
        with pytest.raises(ValidationError) as refused:
            services.appointment_schedule(appointment=appointment, meeting=meeting, actor=office)
        assert "任前法律知识考试" in refused.value.message_dict["meeting"][0]
        assert services.exam_record(
            appointment=appointment, taken_on=datetime.date(2026, 3, 5), score=60, actor=office
        ).passed
        appointment = services.appointment_schedule(appointment=appointment, meeting=meeting, actor=office)
    assert appointment.state == AppointmentState.SCHEDULED


def test_exam_pass_mark_is_a_setting(term, office, post, person, settings):
    """【地】 the pass mark of the legal exam is a deployment setting (appointment_exam_pass_score)."""
    settings.RENDA_RULE_OVERRIDES = {"appointment_exam_pass_score": 70}
    appointment = nominate(term, person, post, office)
    exam = services.exam_record(
        appointment=appointment, taken_on=datetime.date(2026, 3, 5), score=65, actor=office
    )
    assert not exam.passed


def test_exam_is_valid_for_the_term(term, committee, meeting, office, post, person):
    """【地】 a passed exam is valid for the term: a second nomination of the same person needs no new exam."""
    first = nominate(term, person, post, office)
    services.exam_record(appointment=first, taken_on=datetime.date(2026, 3, 2), score=80, actor=office)
    services.appointment_withdraw(appointment=first, reason="改任他职", actor=office)
    other = services.post_create(name="县科技局局长", organ="县科技局", kind="dept_head", actor=office)
    second = nominate(term, person, other, office)
    with at(datetime.date(2026, 3, 5)):
        second = services.appointment_schedule(appointment=second, meeting=meeting, actor=office)
    assert second.exam is not None and second.exam.score == 80


def test_papers_reach_members_seven_days_ahead_by_default_ten_in_chongqing(
    term, meeting, office, post, person, settings
):
    """【地】 appointment papers reach the members 7–10 days before the meeting (meetings' setting
    meeting_paper_days_appointment: 7 by default, 10 under the 重庆 preset)."""
    appointment = nominate(term, person, post, office)
    services.exam_record(appointment=appointment, taken_on=datetime.date(2026, 3, 2), score=80, actor=office)
    settings.RENDA_RULE_PRESET = "重庆"
    with at(datetime.date(2026, 3, 5)):
        appointment = services.appointment_schedule(appointment=appointment, meeting=meeting, actor=office)
    assert appointment.papers_due == DAY - datetime.timedelta(days=10)
    assert appointment.item.kind == "appointment" and appointment.item.meeting == meeting


def test_the_vote_is_secret_by_default_and_named_by_setting(
    term, committee, meeting, office, post, person, settings
):
    """【地】 person-by-person vote, secret by default (appointment_vote_secret)."""
    assert services.default_method() == "secret"
    settings.RENDA_RULE_OVERRIDES = {"appointment_vote_secret": 0}
    _, event = to_vote(nominate(term, person, post, office), meeting, committee, office)
    assert event.method == "named"


def test_twice_rejected_not_renominated_for_the_same_post_in_the_term(
    term, committee, meeting, office, post, person, make_user, settings
):
    """【地】 (重庆) a person rejected twice for the same post is not nominated for it again in the term;
    0 lifts the bar."""
    for _ in range(2):
        appointment, event = to_vote(nominate(term, person, post, office), meeting, committee, office)
        cast(event, committee[:13], make_user, choice=NO)
        close(event, office)
        appointment.refresh_from_db()
        assert appointment.state == AppointmentState.REJECTED and appointment.decided_on is None
    with pytest.raises(ValidationError) as refused:
        nominate(term, person, post, office)
    assert "不再提请" in str(refused.value.message_dict["person"])
    other = services.post_create(name="县文旅局局长", organ="县文旅局", kind="dept_head", actor=office)
    assert nominate(term, person, other, office).state == AppointmentState.NOMINATED  # another post is fine
    settings.RENDA_RULE_OVERRIDES = {"appointment_rejections_bar": 0}
    assert nominate(term, person, post, office).state == AppointmentState.NOMINATED


def test_appointment_needs_a_majority_of_all_members(
    term, committee, meeting, office, post, person, make_user
):
    """【国】 地方组织法: an appointment passes with a majority of ALL members (25 → 13), not of those present."""
    appointment, event = to_vote(nominate(term, person, post, office), meeting, committee, office, present=20)
    cast(event, committee[:12], make_user)
    close(event, office)
    appointment.refresh_from_db()
    assert appointment.state == AppointmentState.REJECTED
    assert not Holding.objects.filter(post=post).exists()


def test_the_post_s_nominator_nominates(term, office, post, person):
    """地方组织法 Art. 50: department heads are nominated by the head of government, not by the court."""
    with pytest.raises(ValidationError) as refused:
        nominate(term, person, post, office, nominator=Nominator.COURT_PRESIDENT)
    assert "县人民政府县长" in refused.value.message_dict["nominator"][0]


def _holder(post, person, office):
    return services.holding_record(
        post=post, person=person, start_date=datetime.date(2022, 1, 10), actor=office
    )


def test_dismissal_needs_one_fifth_of_members_to_file(term, committee, office, post, person):
    """【国】 监督法 Art. 61: a dismissal (撤职案) is filed by the Council of Chairpersons or jointly by at least
    one fifth of the members (25 → 5)."""
    _holder(post, person, office)
    with pytest.raises(ValidationError) as refused:
        nominate(
            term,
            person,
            post,
            office,
            kind=AppointmentKind.DISMISS,
            nominator=Nominator.MEMBERS,
            filers=committee[5:9],
        )
    assert "须5人以上" in refused.value.message_dict["filers"][0]
    with pytest.raises(ValidationError):
        nominate(
            term, person, post, office, kind=AppointmentKind.DISMISS, nominator=Nominator.GOVERNMENT_HEAD
        )
    filed = nominate(
        term,
        person,
        post,
        office,
        kind=AppointmentKind.DISMISS,
        nominator=Nominator.MEMBERS,
        filers=committee[5:10],
    )
    assert filed.filers.count() == 5


def test_dismissal_passes_with_a_majority_of_all_members(
    term, committee, meeting, office, post, person, make_user
):
    """【国】 监督法 Art. 62: a dismissal passes with a majority of ALL members; the holding ends on the day."""
    _holder(post, person, office)
    appointment = nominate(
        term, person, post, office, kind=AppointmentKind.DISMISS, nominator=Nominator.COUNCIL
    )
    appointment, event = to_vote(appointment, meeting, committee, office, present=25)
    assert event.threshold == "all_majority" and event.entitled == 25
    cast(event, committee[:13], make_user)
    close(event, office)
    appointment.refresh_from_db()
    assert appointment.state == AppointmentState.ADOPTED
    holding = Holding.objects.get(post=post, person=person)
    assert (holding.end_date, holding.ended_by) == (DAY, appointment)
    with at(DAY, 12):
        appointment = services.appointment_announce(appointment=appointment, actor=office)
        appointment = services.appointment_publish(
            appointment=appointment, actor=office
        )  # no letter, no oath
    assert appointment.state == AppointmentState.PUBLISHED


def test_resignation_and_removal_need_a_holder(term, committee, meeting, office, post, person, make_user):
    """Removal (免职) and acceptance of resignation (辞职) apply to the post's holder; accepted, the holding ends."""
    with pytest.raises(ValidationError) as refused:
        nominate(term, person, post, office, kind=AppointmentKind.REMOVE)
    assert "未在任" in refused.value.message_dict["person"][0]
    _holder(post, person, office)
    appointment = nominate(term, person, post, office, kind=AppointmentKind.RESIGN)
    appointment, event = to_vote(appointment, meeting, committee, office)
    cast(event, committee[:13], make_user)
    close(event, office)
    assert Holding.objects.get(post=post, person=person).end_date == DAY


def test_government_nominates_department_heads_within_two_months(term, office, post, person):
    """【国】 the new government nominates its department heads within 2 months of its election: the office is
    reminded once while the window runs and a department head is unfilled."""
    start = term.start_date
    assert selectors.government_nomination_window(term, start + datetime.timedelta(days=10)) is not None
    assert platform.GOVERNMENT_NOMINATION.send(today=start + datetime.timedelta(days=10)) == 1
    assert platform.GOVERNMENT_NOMINATION.send(today=start + datetime.timedelta(days=11)) == 0  # once
    assert selectors.government_nomination_window(term, start + datetime.timedelta(days=70)) is None
    nominate(term, person, post, office)
    assert selectors.government_nomination_window(term, start + datetime.timedelta(days=10)) is None


def test_post_vacant_longer_than_the_setting_is_flagged(term, office, post, person, settings):
    """【地】 a post vacant longer than N days (appointment_vacancy_days, 90) is flagged to the office, once."""
    holding = _holder(post, person, office)
    Holding.objects.filter(pk=holding.pk).update(end_date=datetime.date(2026, 1, 1))
    assert list(selectors.vacant_too_long(datetime.date(2026, 3, 31), 90)) == []
    flagged = list(selectors.vacant_too_long(datetime.date(2026, 4, 2), 90))
    assert flagged == [post]
    assert flagged[0].vacant_since == datetime.date(2026, 1, 1)
    assert platform.POST_VACANT.send(today=datetime.date(2026, 4, 2)) == 1
    assert platform.POST_VACANT.send(today=datetime.date(2026, 4, 3)) == 0
    assert Notification.objects.filter(recipient=office, title__contains="县教育局局长").count() == 1
    with at(datetime.date(2026, 4, 2)):
        assert any(t.title.startswith("职务空缺：县教育局局长") for t in platform.office_steps(office))
        settings.RENDA_RULE_OVERRIDES = {"appointment_vacancy_days": 120}
        assert not any(t.title.startswith("职务空缺：县教育局局长") for t in platform.office_steps(office))


def test_member_who_loses_deputy_status_loses_the_seat(term, committee, office):
    """代表法 Art. 50: a member of the standing committee whose deputy status ends loses the seat with it."""
    deputy = committee[7]
    deputy.status, deputy.status_date = "resigned", datetime.date(2026, 5, 1)
    deputy.save()
    seat = selectors.lost_deputy_status_members().get()
    assert any(deputy.name in t.title for t in platform.office_steps(office))
    seat = services.membership_vacate(membership=seat, actor=office)
    assert seat.end_date == datetime.date(2026, 5, 1)
    assert not selectors.lost_deputy_status_members().exists()


def test_nominees_papers_seen_by_office_and_members_before_the_vote_only(
    term, committee, meeting, office, member_user, post, person, make_user
):
    """【个人信息保护法】 a nominee's personal documents are seen by the office and the members before the vote
    only; afterwards the members see the name, post and decision, and the public the published decision."""
    appointment = nominate(term, person, post, office)
    deputy_user = make_user(Role.DEPUTY, deputy=committee[20])
    assert selectors.may_see_papers(member_user, appointment) and selectors.may_see_papers(
        office, appointment
    )
    assert not selectors.may_see_papers(deputy_user, appointment)
    assert not selectors.appointments_visible_to(deputy_user).exists()
    appointment, event = to_vote(appointment, meeting, committee, office)
    cast(event, committee[:13], make_user)
    close(event, office)
    appointment.refresh_from_db()
    assert not selectors.may_see_papers(member_user, appointment)
    assert selectors.may_see_papers(office, appointment)
