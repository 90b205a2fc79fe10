"""Implementation (进度报送, 滞后), monitoring (跟踪, 年中报告, 专题询问), the year-end evaluation and carrying over."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from renda.core.models import Notification
from renda.core.registry import platforms
from renda.core.roles import Role
from renda.livelihood import services
from renda.livelihood.models import LivelihoodProject, ProjectState, Rating
from renda.livelihood.tests.conftest import DAY, YEAR, at, cast_all, run_ballot
from renda.meetings import services as meetings
from renda.meetings.models import Attendee, ItemKind, MeetingKind
from renda.voting import services as voting

A, B, C = "老旧小区改造", "学校食堂提升", "农村公路养护"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture
def adopted(ballot, congress, deputies, office, make_user):
    run_ballot(ballot, congress, deputies, office, make_user, [[A, B]] * 7)
    return LivelihoodProject.objects.get(name=A)  # unit 0, milestones 20% by 4-30 and 80% by 9-30


def test_only_the_responsible_unit_reports_progress_monthly(adopted, unit_user, make_user, units):
    """The unit reports percent, money spent, problems and a photo; another unit may not; a later month may
    not be reported; milestones reached are marked done."""
    other = make_user(Role.UNIT, handling_unit=units[1])
    with at(datetime.date(YEAR, 5, 3)), pytest.raises(PermissionDenied):
        services.progress_report(project=adopted, month=datetime.date(YEAR, 4, 1), percent=25,
                                 spent=Decimal(500000), actor=other)  # fmt: skip
    with at(datetime.date(YEAR, 5, 3)):
        with pytest.raises(ValidationError):
            services.progress_report(project=adopted, month=datetime.date(YEAR, 6, 1), percent=25,
                                     spent=Decimal(1), actor=unit_user)  # fmt: skip
        photo = SimpleUploadedFile("现场.png", PNG, content_type="image/png")
        report = services.progress_report(project=adopted, month=datetime.date(YEAR, 4, 9), percent=25,
                                          spent=Decimal(500000), problems="雨季延误", photo=photo,
                                          actor=unit_user)  # fmt: skip
    adopted.refresh_from_db()
    assert (report.month, adopted.percent, adopted.spent) == (datetime.date(YEAR, 4, 1), 25, Decimal(500000))
    assert adopted.milestones.filter(done_on__isnull=False).count() == 1
    with at(datetime.date(YEAR, 5, 3)), pytest.raises(ValidationError):
        bad = SimpleUploadedFile("现场.png", b"not an image", content_type="image/png")
        services.progress_report(project=adopted, month=datetime.date(YEAR, 4, 1), percent=25,
                                 spent=Decimal(1), photo=bad, actor=unit_user)  # fmt: skip


def test_a_project_behind_its_milestones_is_flagged_daily_and_idempotently(adopted, unit_user, office):
    """A milestone past its date whose percent the project has not reached flags the project as lagging on the
    office's board; renda_tick's step runs twice without changing anything more; catching up clears it."""
    assert services.lagging_mark(today=datetime.date(YEAR, 4, 30)) == {"lagging": 0}
    assert services.lagging_mark(today=datetime.date(YEAR, 5, 1)) == {"lagging": 2}  # both adopted
    assert services.lagging_mark(today=datetime.date(YEAR, 5, 2)) == {"lagging": 0}
    adopted.refresh_from_db()
    assert adopted.lagging
    todos = [t for provider in platforms().todos for t in provider(office)]
    assert any("进度滞后" in t.title for t in todos)
    with at(datetime.date(YEAR, 5, 3)):
        services.progress_report(project=adopted, month=datetime.date(YEAR, 4, 1), percent=30,
                                 spent=Decimal(1), actor=unit_user)  # fmt: skip
    adopted.refresh_from_db()
    assert not adopted.lagging


def test_units_are_reminded_of_the_monthly_report_once(adopted, unit_user):
    """【地】 livelihood_report_day (5): after the 5th, a unit without last month's report is reminded, once."""
    from renda.livelihood.platform import REPORT_MISSING

    with at(datetime.date(YEAR, 3, 4)):
        assert REPORT_MISSING.send(today=datetime.date(YEAR, 3, 4)) == 0
    with at(datetime.date(YEAR, 3, 6)):
        assert REPORT_MISSING.send(today=datetime.date(YEAR, 3, 6)) == 1
        assert REPORT_MISSING.send(today=datetime.date(YEAR, 3, 7)) == 0
    assert Notification.objects.filter(recipient=unit_user).count() == 1


def test_lagging_projects_go_to_an_inquiry_and_followers_attend_the_mid_year_report(
    adopted, deputies, office, make_user, term
):
    """Monitoring without an oversight model: the mid-year report and the inquiry on lagging projects are agenda
    items of a standing-committee meeting; the deputies following the projects are invited (列席)."""
    follower = make_user(Role.DEPUTY, deputy=deputies[8])
    services.project_follow(project=adopted, actor=follower)
    with pytest.raises(ValidationError):
        services.project_follow(project=adopted, actor=follower)
    with at(datetime.date(YEAR, 6, 1)):
        standing = meetings.meeting_create(kind=MeetingKind.STANDING, term=term, date=datetime.date(YEAR, 6, 25),
                                           actor=office)  # fmt: skip
        with pytest.raises(ValidationError):  # nothing lagging yet
            services.review_schedule(meeting=standing, year=YEAR, inquiry=True, actor=office)
        report = services.review_schedule(meeting=standing, year=YEAR, inquiry=False, actor=office)
    assert report.kind == ItemKind.WORK_REPORT
    assert list(Attendee.objects.filter(meeting=standing).values_list("deputy", flat=True)) == [
        deputies[8].pk
    ]
    services.lagging_mark(today=datetime.date(YEAR, 6, 1))
    with at(datetime.date(YEAR, 6, 2)):
        inquiry = services.review_schedule(meeting=standing, year=YEAR, inquiry=True, actor=office)
    adopted.refresh_from_db()
    assert inquiry.kind == ItemKind.INQUIRY and adopted.inquiry_item == inquiry
    assert "进度滞后" in inquiry.title


def _evaluate(project, congress, deputies, office, make_user, choices):
    with at(DAY):
        evaluation = services.evaluation_create(project=project, meeting=congress, actor=office)
        voting.vote_open(event=evaluation.vote, actor=office)
        cast_all(evaluation.vote, deputies, make_user, choices)
        voting.vote_close(event=evaluation.vote, actor=office)
    evaluation.refresh_from_db()
    project.refresh_from_db()
    return evaluation


def test_year_end_evaluation_is_secret_and_unsatisfactory_projects_carry_into_next_year(
    adopted, congress, deputies, office, make_user
):
    """Deputies rate each project 满意/基本满意/不满意 by a secret vote on the voting; 满意 where more than half of
    those voting (【地】 livelihood_rating_base) say 满意, 基本满意 where 满意+基本满意 do, else 不满意; an
    unsatisfactory project is carried into next year."""
    evaluation = _evaluate(adopted, congress, deputies, office, make_user,
                           [["满意"], ["基本满意"], ["不满意"], ["不满意"], ["不满意"], ["不满意"], ["满意"]])  # fmt: skip
    assert evaluation.vote.method == "secret"
    assert (evaluation.satisfied, evaluation.basically_satisfied, evaluation.dissatisfied, evaluation.voted) == (
        2, 1, 4, 7)  # fmt: skip
    assert adopted.rating == Rating.DISSATISFIED
    carried = services.project_carry_over(project=adopted, actor=office)
    assert (carried.year, carried.state, carried.carried_from) == (YEAR + 1, ProjectState.ADOPTED, adopted)
    with pytest.raises(ValidationError):
        services.project_carry_over(project=adopted, actor=office)
    other = LivelihoodProject.objects.get(name=B)
    _evaluate(
        other, congress, deputies, office, make_user, [["满意"]] * 3 + [["基本满意"]] * 2 + [["不满意"]] * 2
    )
    assert other.rating == Rating.BASICALLY
    with pytest.raises(ValidationError):
        services.project_carry_over(project=other, actor=office)


def test_rating_thresholds():
    assert services.rating_of(satisfied=4, basically=0, voted=7, entitled=9) == Rating.SATISFIED
    assert services.rating_of(satisfied=3, basically=1, voted=7, entitled=9) == Rating.BASICALLY
    assert services.rating_of(satisfied=3, basically=0, voted=7, entitled=9) == Rating.DISSATISFIED


def test_completion_on_time_counts_in_the_statistics(adopted, unit_user, office, django_assert_num_queries):
    from renda.livelihood import selectors

    with at(datetime.date(YEAR, 11, 1)):
        services.project_complete(project=adopted, completed_on=datetime.date(YEAR, 10, 30), actor=unit_user)
    with django_assert_num_queries(2):
        figures = selectors.year_figures(YEAR)
    assert (figures.candidates, figures.adopted, figures.completed, figures.on_time) == (3, 2, 1, 1)
    assert "票决产生（含结转）项目2个" in figures.sentence
