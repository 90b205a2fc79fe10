"""Deputies' reports to voters (述职) and the voters' ratings (评议): scheduled by the station's keeper, recorded
when held, rated on paper or through one-time QR ballots, closed with a satisfaction rate."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from renda.core.models import Notification
from renda.duties import selectors, services
from renda.duties.models import Ballot, ReportState, VoterRating
from renda.duties.qr import qr_svg
from renda.duties.tests import world
from renda.duties.workflows import REPORT_FLOW

pytestmark = pytest.mark.django_db
D = datetime.date


def scheduled(keeper, deputy_list, on=D(2025, 6, 8)):
    return services.duty_report_schedule(
        station=keeper.station, date=on, place="北街社区会议室", deputies=deputy_list, actor=keeper
    )


def test_a_keeper_schedules_at_their_station_and_the_deputies_are_told(
    keeper, other_keeper, deputy, colleague
):
    report = scheduled(keeper, [deputy.deputy, colleague.deputy])
    assert report.state == ReportState.SCHEDULED and report.title == "王秀英、李建国代表向选民述职"
    assert Notification.objects.filter(recipient=deputy, title__contains="向选民述职").exists()
    assert report.events.get().action == "安排述职"
    for outsider in (other_keeper, deputy):
        with pytest.raises(PermissionDenied):
            services.duty_report_schedule(
                station=keeper.station,
                date=D(2025, 7, 1),
                place="x",
                deputies=[deputy.deputy],
                actor=outsider,
            )


def test_only_deputies_in_office_report(keeper, deputy):
    from renda.deputies.choices import DeputyStatus

    deputy.deputy.status = DeputyStatus.RESIGNED
    deputy.deputy.save()
    with pytest.raises(ValidationError) as error:
        scheduled(keeper, [deputy.deputy])
    assert "deputies" in error.value.message_dict
    with pytest.raises(ValidationError):
        scheduled(keeper, [])


def test_a_report_is_recorded_only_once_its_date_has_come(keeper, deputy):
    report = scheduled(keeper, [deputy.deputy], on=D(2025, 6, 12))
    with pytest.raises(ValidationError) as error:
        services.duty_report_hold(report=report, voters_present=20, report_text="述职", actor=keeper)
    assert error.value.code == "not_yet_held"
    assert "hold" not in [m.name for m in REPORT_FLOW.moves_for(keeper, report)]


def test_holding_needs_the_voters_present_and_the_text(keeper, deputy):
    report = scheduled(keeper, [deputy.deputy])
    with pytest.raises(ValidationError) as error:
        services.duty_report_hold(report=report, voters_present=0, report_text="", actor=keeper)
    assert set(error.value.message_dict) == {"voters_present", "report_text"}
    report = services.duty_report_hold(report=report, voters_present=25, report_text="述职报告", actor=keeper)
    assert report.state == ReportState.HELD and report.voters_present == 25


def test_a_scheduled_report_is_edited_or_cancelled_with_a_reason(keeper, deputy, colleague):
    report = scheduled(keeper, [deputy.deputy])
    report = services.duty_report_update(
        report=report,
        expected_version=1,
        changes={"place": "社区广场", "deputies": [colleague.deputy]},
        actor=keeper,
    )
    assert report.place == "社区广场" and list(report.deputies.all()) == [colleague.deputy]
    with pytest.raises(ValidationError):
        services.duty_report_cancel(report=report, reason="", actor=keeper)
    report = services.duty_report_cancel(report=report, reason="天气原因", actor=keeper)
    assert report.state == ReportState.CANCELLED and REPORT_FLOW.moves_for(keeper, report) == []


def test_a_ballot_token_accepts_one_rating_while_rating_is_open(keeper, deputy):
    report = world.report_held(keeper, [deputy.deputy], on=D(2025, 6, 8), voters=3)
    ballots = services.duty_report_ballots_issue(report=report, count=3, actor=keeper)
    assert len({b.token for b in ballots}) == 3 and all(len(b.token) >= 20 for b in ballots)
    services.ballot_cast(token=ballots[0].token, rating=VoterRating.SATISFIED)
    with pytest.raises(ValidationError) as error:
        services.ballot_cast(token=ballots[0].token, rating=VoterRating.DISSATISFIED)
    assert error.value.code == "ballot_used"
    assert Ballot.objects.get(pk=ballots[0].pk).rating == VoterRating.SATISFIED
    with pytest.raises(ValidationError) as error:
        services.ballot_cast(token="no-such-token", rating=VoterRating.SATISFIED)
    assert error.value.code == "invalid_token"
    with pytest.raises(ValidationError):
        services.ballot_cast(token=ballots[1].token, rating="excellent")
    services.duty_report_close(report=report, actor=keeper)
    with pytest.raises(ValidationError) as error:
        services.ballot_cast(token=ballots[1].token, rating=VoterRating.SATISFIED)
    assert error.value.code == "invalid_transition"  # closed: unused ballots no longer work


def test_paper_and_qr_ratings_together_cannot_exceed_the_voters_present(keeper, deputy):
    report = world.report_held(keeper, [deputy.deputy], on=D(2025, 6, 8), voters=10)
    services.duty_report_ratings_enter(
        report=report, satisfied=6, basically_satisfied=2, dissatisfied=0, actor=keeper
    )
    with pytest.raises(ValidationError) as error:
        services.duty_report_ballots_issue(report=report, count=3, actor=keeper)
    assert error.value.code == "too_many_ratings"
    services.duty_report_ballots_issue(report=report, count=2, actor=keeper)
    with pytest.raises(ValidationError):
        services.duty_report_ratings_enter(
            report=report, satisfied=9, basically_satisfied=0, dissatisfied=0, actor=keeper
        )
    with pytest.raises(ValidationError):
        services.duty_report_ratings_enter(
            report=report, satisfied=-1, basically_satisfied=0, dissatisfied=0, actor=keeper
        )


def test_closing_gives_the_result_and_tells_the_deputies(keeper, deputy):
    report = world.report_held(keeper, [deputy.deputy], on=D(2025, 6, 8), voters=30)
    services.duty_report_ratings_enter(
        report=report, satisfied=20, basically_satisfied=5, dissatisfied=5, actor=keeper
    )
    report = services.duty_report_close(report=report, actor=keeper)
    assert report.state == ReportState.CLOSED
    assert report.events.last().note == "满意20、基本满意5、不满意5，满意率83.3%"
    assert Notification.objects.filter(recipient=deputy, title__startswith="述职评议结果").exists()
    assert REPORT_FLOW.moves_for(keeper, report) == []


def test_who_acts_on_a_report_and_who_sees_it(
    keeper, other_keeper, deputy, colleague, office, committee_member
):
    report = scheduled(keeper, [deputy.deputy])
    assert [m.name for m in REPORT_FLOW.moves_for(keeper, report)] == ["edit", "cancel", "hold"]
    assert [m.name for m in REPORT_FLOW.moves_for(office, report)] == ["edit", "cancel", "hold"]
    for user in (other_keeper, deputy, committee_member):
        assert REPORT_FLOW.moves_for(user, report) == []
    with pytest.raises(PermissionDenied):
        services.duty_report_hold(report=report, voters_present=5, report_text="x", actor=other_keeper)
    visible = {
        user: set(selectors.reports_visible_to(user)) for user in (keeper, other_keeper, deputy, colleague)
    }
    assert visible == {keeper: {report}, other_keeper: set(), deputy: {report}, colleague: set()}
    assert set(selectors.reports_visible_to(committee_member)) == {report}


def test_the_qr_code_is_an_inline_svg_of_the_link():
    svg = qr_svg("http://testserver/duties/rate/abc/")
    assert svg.startswith("<svg") and "</svg>" in svg and "<?xml" not in svg
