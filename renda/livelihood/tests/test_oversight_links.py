"""The two links to oversight (renda/oversight): the inquiry on lagging projects (专题询问) is an item of the
year's oversight plan, and a project rated 不满意 is carried into next year's oversight plan (跟踪监督·回头看)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from renda.core.roles import Role
from renda.livelihood import services
from renda.livelihood.models import LivelihoodProject, Rating
from renda.livelihood.tests.conftest import DAY, YEAR, at, cast_all, run_ballot
from renda.meetings import services as meetings
from renda.meetings.models import MeetingKind
from renda.oversight import services as oversight
from renda.oversight.models import ItemKind, ItemState, OversightItem, OversightPlan, PlanState
from renda.voting import services as voting

A, B, C = "老旧小区改造", "学校食堂提升", "农村公路养护"
MAY = datetime.date(YEAR, 5, 2)  # both adopted projects are behind their 20% milestone of April 30


@pytest.fixture
def adopted(ballot, congress, deputies, office, make_user):
    run_ballot(ballot, congress, deputies, office, make_user, [[A, B]] * 7)
    return LivelihoodProject.objects.get(name=A)  # unit 0


@pytest.fixture
def follower(adopted, deputies, make_user):
    user = make_user(Role.DEPUTY, deputy=deputies[8])
    services.project_follow(project=adopted, actor=user)
    return user


def _lagging():
    services.lagging_mark(today=MAY)


def _rate(project, congress, deputies, office, make_user, choices):
    with at(DAY):
        evaluation = services.evaluation_create(project=project, meeting=congress, actor=office)
        voting.vote_open(event=evaluation.vote, actor=office)
        cast_all(evaluation.vote, deputies, make_user, choices)
        voting.vote_close(event=evaluation.vote, actor=office)
    project.refresh_from_db()
    return project


DISSATISFIED = [["不满意"]] * 5 + [["满意"]] * 2
SATISFIED = [["满意"]] * 6 + [["不满意"]]


def test_a_lagging_project_s_inquiry_is_an_item_of_the_year_s_oversight_plan(
    adopted, follower, deputies, office
):
    """The office starts the inquiry (专题询问) on a lagging project: an item of the inquiry kind in the year's
    oversight plan (drawn up when there is none), linked to the project, the following deputies invited; a
    project not lagging, or already in an inquiry, is refused; only the office starts it."""
    with at(MAY), pytest.raises(ValidationError) as refused:
        services.inquiry_start(year=YEAR, projects=[adopted], actor=office)
    assert "推进滞后" in str(refused.value.message_dict["projects"])
    _lagging()
    with at(MAY), pytest.raises(PermissionDenied):
        services.inquiry_start(year=YEAR, projects=[adopted], actor=follower)
    assert not OversightPlan.objects.exists()
    with at(MAY):
        item = services.inquiry_start(year=YEAR, projects=[adopted], actor=office)
    adopted.refresh_from_db()
    assert adopted.oversight_inquiry == item
    assert (item.kind, item.state, item.body, item.planned_month) == (
        ItemKind.INQUIRY, ItemState.PLANNED, adopted.unit, 5)  # fmt: skip
    assert item.plan.year == YEAR and item.plan.state == PlanState.DRAFT and not item.added_after_adoption
    assert list(item.invited_deputies.all()) == [deputies[8]]
    assert A in item.title and "推进滞后" in item.title
    assert adopted.events.filter(action="列入专题询问").exists()
    with at(MAY), pytest.raises(ValidationError) as again:
        services.inquiry_start(year=YEAR, projects=[adopted], actor=office)
    assert "已列入专题询问" in str(again.value.message_dict["projects"])
    assert list(services.selectors.inquiry_candidates(YEAR).values_list("name", flat=True)) == [B]


def test_an_inquiry_added_to_an_adopted_plan_is_a_recorded_change(adopted, office, units):
    """When the year's oversight plan is adopted, the inquiry is added through oversight's own service as a
    change of the plan (计划调整), recorded on its timeline."""
    with at(datetime.date(YEAR, 1, 10)):
        plan = oversight.plan_create(year=YEAR, actor=office)
        oversight.item_add(plan=plan, kind=ItemKind.WORK_REPORT, title="关于教育工作的报告", body=units[1],
                           planned_month=3, actor=office)  # fmt: skip
        oversight.plan_adopt(plan=plan, adopted_on=datetime.date(YEAR, 1, 10), actor=office)
    _lagging()
    with at(MAY):
        item = services.inquiry_start(year=YEAR, projects=[adopted], planned_month=7, actor=office)
    assert item.plan == plan and item.added_after_adoption and item.planned_month == 7
    assert plan.events.filter(action="调整计划", note__contains=item.title).exists()


def test_an_inquiry_on_projects_of_several_units_names_the_body_questioned(adopted, office, units):
    """Lagging projects of different units: the body questioned must be chosen (a clear error beside the field);
    one item links them all."""
    _lagging()
    both = list(LivelihoodProject.objects.filter(lagging=True).order_by("pk"))
    assert {p.unit_id for p in both} == {units[0].pk, units[1].pk}
    with at(MAY), pytest.raises(ValidationError) as refused:
        services.inquiry_start(year=YEAR, projects=both, actor=office)
    assert "不同责任单位" in refused.value.message_dict["body"][0]
    with at(MAY), pytest.raises(ValidationError):  # the wrong year
        services.inquiry_start(year=YEAR + 1, projects=both, body=units[0], actor=office)
    with at(MAY):
        item = services.inquiry_start(year=YEAR, projects=both, body=units[0], actor=office)
    assert set(item.livelihood_inquiry_projects.values_list("name", flat=True)) == {A, B}


def test_an_unsatisfactory_project_is_carried_into_next_year_s_oversight_plan_once(
    adopted, follower, congress, deputies, office, make_user
):
    """Rated 不满意: carried into NEXT year's oversight plan (a draft drawn up when there is none) as a follow-up
    item (跟踪监督·回头看) of its unit, the following deputies invited, linked both ways; never twice; a project
    rated 满意 or 基本满意 is refused with a clear error; only the office carries it."""
    _rate(adopted, congress, deputies, office, make_user, DISSATISFIED)
    assert adopted.rating == Rating.DISSATISFIED
    with pytest.raises(PermissionDenied):
        services.project_oversee(project=adopted, actor=follower)
    with at(datetime.date(YEAR + 1, 1, 25)):
        item = services.project_oversee(project=adopted, actor=office)
    adopted.refresh_from_db()
    assert adopted.oversight_follow_up == item and list(item.livelihood_follow_up_projects.all()) == [adopted]
    assert (item.plan.year, item.plan.state, item.body, item.kind) == (
        YEAR + 1, PlanState.DRAFT, adopted.unit, ItemKind.WORK_REPORT)  # fmt: skip
    assert "回头看" in item.title and A in item.title
    assert list(item.invited_deputies.all()) == [deputies[8]]
    with pytest.raises(ValidationError) as again:
        services.project_oversee(project=adopted, actor=office)
    assert again.value.code == "already_overseen"
    assert OversightItem.objects.count() == 1
    other = _rate(LivelihoodProject.objects.get(name=B), congress, deputies, office, make_user, SATISFIED)
    assert other.rating == Rating.SATISFIED
    with pytest.raises(ValidationError) as refused:
        services.project_oversee(project=other, actor=office)
    assert refused.value.messages == ["只有年终测评为不满意的项目才能列入下一年度监督计划。"]


def test_all_unsatisfactory_projects_of_a_year_are_carried_at_once_and_idempotently(
    adopted, congress, deputies, office, make_user
):
    """The office carries all of a year's 不满意 projects at once; a second time there is nothing left (refused,
    nothing carried twice)."""
    for project in LivelihoodProject.objects.filter(name__in=[A, B]):
        _rate(project, congress, deputies, office, make_user, DISSATISFIED)
    with at(datetime.date(YEAR + 1, 1, 25)):
        items = services.projects_oversee(year=YEAR, actor=office)
    assert len(items) == 2 and {i.plan.year for i in items} == {YEAR + 1}
    assert OversightPlan.objects.get(year=YEAR + 1).items.count() == 2
    with pytest.raises(ValidationError) as again:
        services.projects_oversee(year=YEAR, actor=office)
    assert "没有待列入" in again.value.messages[0]
    assert OversightItem.objects.count() == 2


def test_a_year_from_a_lagging_project_s_inquiry_to_next_year_s_oversight_plan(
    client, adopted, follower, congress, deputies, office, make_user, units, term
):
    """End to end in the pages and the API: a lagging project on the office's board → the inquiry page puts it in
    the year's oversight plan → the inquiry runs in oversight (on a meeting, questions) and its state shows on the
    board, the project page and the public page → the year-end evaluation rates it 不满意 → it is carried into
    next year's oversight plan (API), shown on both pages."""
    client.force_login(office)
    _lagging()
    board = client.get(f"/livelihood/?year={YEAR}").content.decode()
    assert "推进滞后项目专题询问" in board
    with at(MAY):
        page = client.get(f"/livelihood/inquiry/?year={YEAR}")
        assert page.status_code == 200 and A in page.content.decode()
        empty = client.post(f"/livelihood/inquiry/?year={YEAR}", {"planned_month": 5})
        assert "请选择" in empty.content.decode() or "这个字段是必填项" in empty.content.decode()
        response = client.post(
            f"/livelihood/inquiry/?year={YEAR}", {"projects": [adopted.pk], "planned_month": 6}
        )
    item = OversightItem.objects.get(kind=ItemKind.INQUIRY)
    assert response.status_code == 302 and response["Location"] == item.get_absolute_url()
    assert item.plan == OversightPlan.objects.get(year=YEAR) and item.planned_month == 6
    with at(datetime.date(YEAR, 6, 1)):
        standing = meetings.meeting_create(kind=MeetingKind.STANDING, term=term, date=datetime.date(YEAR, 6, 25),
                                           actor=office)  # fmt: skip
        oversight.plan_adopt(plan=item.plan, adopted_on=datetime.date(YEAR, 6, 1), actor=office)
        oversight.item_schedule(item=item, meeting=standing, actor=office)
    item.refresh_from_db()
    assert client.get(item.get_absolute_url()).status_code == 200
    board = client.get(f"/livelihood/?year={YEAR}").content.decode()
    assert f"专题询问·{item.get_state_display()}" in board
    detail = client.get(f"/livelihood/projects/{adopted.pk}/").content.decode()
    assert item.title in detail and item.get_absolute_url() in detail
    # the API refuses another inquiry on it, and a unit may not start one
    api = client.post("/api/v1/livelihood/projects/inquiry/", {"year": YEAR, "projects": [adopted.pk]},
                      content_type="application/json")  # fmt: skip
    assert api.status_code == 400 and "已列入专题询问" in str(api.json())
    _rate(adopted, congress, deputies, office, make_user, DISSATISFIED)
    other = _rate(LivelihoodProject.objects.get(name=B), congress, deputies, office, make_user, SATISFIED)
    refused = client.post(f"/api/v1/livelihood/projects/{other.pk}/oversee/")
    assert refused.status_code == 400 and "只有年终测评为不满意的项目" in str(refused.json())
    with at(datetime.date(YEAR + 1, 1, 25)):
        carried = client.post(f"/api/v1/livelihood/projects/{adopted.pk}/oversee/")
    assert carried.status_code == 201, carried.json()
    follow_up = OversightItem.objects.get(pk=carried.json()["item"])
    assert follow_up.plan.year == YEAR + 1 and carried.json()["plan"] == follow_up.plan_id
    assert client.post(f"/api/v1/livelihood/projects/{adopted.pk}/oversee/").status_code == 400
    project = client.get(f"/api/v1/livelihood/projects/{adopted.pk}/").json()
    assert (project["oversight_inquiry"], project["oversight_follow_up"]) == (item.pk, follow_up.pk)
    detail = client.get(f"/livelihood/projects/{adopted.pk}/").content.decode()
    assert follow_up.title in detail
    assert f"{YEAR + 1}年跟踪监督" in client.get(f"/livelihood/?year={YEAR}").content.decode()
    services.ballot_publish(ballot=adopted.ballot, actor=office)
    client.logout()
    public = client.get(f"/public/livelihood/?year={YEAR}").content.decode()
    assert item.title in public and f"已列入{YEAR + 1}年度人大常委会监督工作计划" in public


def test_the_links_pages_and_api_are_the_office_s(client, adopted, office, unit_user, follower, congress, deputies,
                                                  make_user):  # fmt: skip
    """Others get a 404 from the inquiry page and the API actions; the board's one-click carrying of a year's
    不满意 projects reports its refusal in Chinese."""
    _lagging()
    for user in (unit_user, follower):
        client.force_login(user)
        assert client.get(f"/livelihood/inquiry/?year={YEAR}").status_code == 404
        assert client.post("/api/v1/livelihood/projects/inquiry/", {"year": YEAR, "projects": [adopted.pk]},
                           content_type="application/json").status_code == 404  # fmt: skip
        assert client.post("/api/v1/livelihood/projects/oversee-all/", {"year": YEAR},
                           content_type="application/json").status_code == 404  # fmt: skip
        assert client.post("/livelihood/oversee/", {"year": YEAR}).status_code == 404
    assert not OversightItem.objects.exists()
    client.force_login(office)
    response = client.post("/livelihood/oversee/", {"year": YEAR}, follow=True)
    assert f"{YEAR}年没有待列入下一年度监督计划的不满意项目" in response.content.decode()
    _rate(adopted, congress, deputies, office, make_user, DISSATISFIED)
    assert "不满意项目列入" in client.get(f"/livelihood/?year={YEAR}").content.decode()
    with at(datetime.date(YEAR + 1, 1, 25)):
        response = client.post("/api/v1/livelihood/projects/oversee-all/", {"year": YEAR},
                               content_type="application/json")  # fmt: skip
    assert response.status_code == 201 and len(response.json()) == 1
