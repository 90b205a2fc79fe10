"""述职述法评议 of appointed officials: chosen for the year, their report, the members' secret rating on the
meetings' voting, the result against all members, the follow-up of a failed rating; pages and API."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from rest_framework.test import APIClient

from renda.appointments import services
from renda.appointments.models import AppraisalState
from renda.appointments.tests.conftest import DAY, at, sign_in
from renda.appointments.workflows import APPRAISAL_FLOW
from renda.meetings import services as meetings
from renda.voting import services as voting
from renda.voting.models import VoteOption


@pytest.fixture
def holding(office, post, person):
    return services.holding_record(
        post=post, person=person, start_date=datetime.date(2022, 1, 10), actor=office
    )


def _rate(appraisal, meeting, committee, office, make_user, choices):
    """The rating at the meeting: `choices` maps an option label to how many members choose it."""
    from renda.appointments.tests.conftest import cast

    with at(DAY):
        if meeting.state == "planned":
            meetings.meeting_convene(meeting=meeting, actor=office)
            sign_in(meeting, committee[:20], office)
        meeting.refresh_from_db()
        event = services.appraisal_vote_create(appraisal=appraisal, meeting=meeting, actor=office)
        event = voting.vote_open(event=event, actor=office)
    assert event.is_secret and event.choice_kind == "choose"
    codes = {o.label: o.pk for o in VoteOption.objects.filter(event=event)}
    start = 0
    for label, n in choices.items():
        cast(event, committee[start : start + n], make_user, choice=[codes[label]])
        start += n
    with at(DAY, 11):
        voting.vote_close(event=event, actor=office)
    appraisal.refresh_from_db()
    return appraisal


def test_rating_passes_with_satisfied_and_basically_satisfied_over_half_of_all_members(
    term, committee, meeting, office, holding, make_user, settings
):
    """【地】 述职述法测评: passes when 满意 and 基本满意 together exceed half of ALL members (25 → 13), secret,
    on the voting; 满意 alone when `appraisal_basic_counts` is 0."""
    appraisal = services.appraisal_plan(holding=holding, year=2026, actor=office)
    with pytest.raises(ValidationError):
        services.appraisal_plan(holding=holding, year=2026, actor=office)  # once a year
    appraisal = services.appraisal_report(appraisal=appraisal, report="一年来依法履职情况", actor=office)
    appraisal = _rate(
        appraisal, meeting, committee, office, make_user, {"满意": 8, "基本满意": 5, "不满意": 7}
    )
    assert appraisal.state == AppraisalState.PASSED
    assert (appraisal.satisfied, appraisal.basically_satisfied, appraisal.dissatisfied) == (8, 5, 7)
    assert appraisal.result.endswith("通过") and "应到25人" in appraisal.result

    settings.RENDA_RULE_OVERRIDES = {"appraisal_basic_counts": 0}
    other = services.appraisal_plan(holding=holding, year=2027, actor=office)
    other = services.appraisal_report(appraisal=other, report="述职", actor=office)
    other = _rate(other, meeting, committee, office, make_user, {"满意": 8, "基本满意": 5, "不满意": 7})
    assert other.state == AppraisalState.FAILED and other.result.endswith("未通过")
    other = services.appraisal_follow_up(appraisal=other, note="已制定整改方案并落实", actor=office)
    assert other.state == AppraisalState.FOLLOWED_UP and other.follow_up


def test_deputies_invited_to_the_meeting_rate_with_the_members(
    term, committee, meeting, office, holding, make_user, settings
):
    """【地】 述职述法测评 by the members and the deputies invited to the meeting (列席), secret, counted together
    (`appraisal_deputies_rate`, 1); 0: the members alone."""
    from renda.appointments.tests.conftest import cast
    from renda.meetings.tests.conftest import DeputyFactory
    from renda.voting.models import Voter

    invited = [DeputyFactory() for _ in range(3)]
    with at(DAY, 8):
        for deputy in invited:
            meetings.attendee_add(meeting=meeting, deputy=deputy, organisation="基层人大代表", actor=office)
        meetings.meeting_convene(meeting=meeting, actor=office)
        sign_in(meeting, committee[:20], office)
    meeting.refresh_from_db()
    appraisal = services.appraisal_report(
        appraisal=services.appraisal_plan(holding=holding, year=2026, actor=office),
        report="述职",
        actor=office,
    )
    with at(DAY):
        event = services.appraisal_vote_create(appraisal=appraisal, meeting=meeting, actor=office)
        event = voting.vote_open(event=event, actor=office)
    assert event.entitled == 28 and set(invited) <= {v.deputy for v in Voter.objects.filter(event=event)}
    satisfied = VoteOption.objects.get(event=event, label="满意").pk
    cast(event, committee[:12] + invited[:2], make_user, choice=[satisfied])  # 14 of 28: not over half
    with at(DAY, 11):
        voting.vote_close(event=event, actor=office)
    appraisal.refresh_from_db()
    assert appraisal.state == AppraisalState.FAILED and "应到28人" in appraisal.result

    settings.RENDA_RULE_OVERRIDES = {"appraisal_deputies_rate": 0}
    other = services.appraisal_report(
        appraisal=services.appraisal_plan(holding=holding, year=2027, actor=office),
        report="述职",
        actor=office,
    )
    with at(DAY, 12):
        event = services.appraisal_vote_create(appraisal=other, meeting=meeting, actor=office)
    assert event.entitled == 25 and not Voter.objects.filter(event=event, deputy__in=invited).exists()


def test_the_rating_needs_a_meeting_in_progress(term, meeting, office, holding):
    appraisal = services.appraisal_report(
        appraisal=services.appraisal_plan(holding=holding, year=2026, actor=office),
        report="述职",
        actor=office,
    )
    with pytest.raises(ValidationError):
        services.appraisal_vote_create(appraisal=appraisal, meeting=meeting, actor=office)  # still planned
    assert APPRAISAL_FLOW.transitions()["rating"] == {"passed": "测评通过", "failed": "测评未通过"}


def test_appraisal_pages_and_api(client, term, committee, meeting, office, member_user, holding, make_user):
    client.force_login(office)
    response = client.post("/appointments/appraisals/new/", {"holding": holding.pk, "year": "2026"})
    assert response.status_code == 302
    url = response["Location"]
    assert client.post(url + "report/", {"report": "述职述法报告"}).status_code == 302
    with at(DAY):
        meetings.meeting_convene(meeting=meeting, actor=office)
        sign_in(meeting, committee[:14], office)
        response = client.post(url + "rate/", {"meeting": meeting.pk})
        assert response["Location"].endswith("/control/")
    client.force_login(member_user)
    assert "测评中" in client.get(url).content.decode()
    assert client.get("/appointments/appraisals/?year=2026").status_code == 200
    api = APIClient()
    api.force_authenticate(member_user)
    body = api.get("/api/v1/appraisals/").json()["results"][0]
    assert body["state"] == "rating" and body["available_actions"] == []
    api.force_authenticate(office)
    assert (
        api.post(f"/api/v1/appraisals/{body['id']}/follow-up/", {"note": "x"}, format="json").status_code
        == 409
    )
