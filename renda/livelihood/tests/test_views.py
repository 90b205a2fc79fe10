"""The year end to end in the browser's pages and in the API: candidate list → ballot → progress → inquiry →
evaluation → public page; lists filter and export; records outside a user's view are 404."""

import datetime
from decimal import Decimal

from renda.core.roles import Role
from renda.livelihood.models import LivelihoodProject, ProjectBallot, ProjectState
from renda.livelihood.tests.conftest import DAY, YEAR, at, cast_all, convene
from renda.voting import services as voting

A, B, C = "老旧小区改造", "学校食堂提升", "农村公路养护"
MILESTONES = f"完成招标，{YEAR}年4月30日，20\n主体完工，{YEAR}-09-30，80"


def test_a_year_in_the_pages(client, congress, deputies, office, units, unit_user, make_user):
    client.force_login(office)
    with at(DAY - datetime.timedelta(days=20)):
        response = client.post("/livelihood/ballots/new/", {"year": YEAR, "seats": 2, "candidates_count": 2,
                                                            "meeting": congress.pk})  # fmt: skip
        assert "候选项目数须多于" in response.content.decode()  # the error beside its field
        response = client.post("/livelihood/ballots/new/", {"year": YEAR, "seats": 2, "candidates_count": 3,
                                                            "meeting": congress.pk})  # fmt: skip
        ballot = ProjectBallot.objects.get()
        assert response["Location"] == f"/livelihood/ballots/{ballot.pk}/"
        for name, unit in [(A, units[0]), (B, units[1]), (C, units[0])]:
            response = client.post(f"/livelihood/ballots/{ballot.pk}/candidates/new/", {
                "name": name, "cost": "1000000", "funding_source": "县级财政", "unit": unit.pk,
                "planned_completion": f"{YEAR}-12-31", "milestones": MILESTONES})  # fmt: skip
            assert response.status_code == 302, response.content.decode()
    with at(DAY - datetime.timedelta(days=10)):
        assert client.post(f"/livelihood/ballots/{ballot.pk}/submit/").status_code == 302
    deputy = make_user(Role.DEPUTY, deputy=deputies[0])
    client.force_login(deputy)
    assert A in client.get(f"/livelihood/ballots/{ballot.pk}/").content.decode()  # papers reach the deputies
    client.force_login(office)
    convene(congress, deputies, office)
    with at(DAY):
        response = client.post(f"/livelihood/ballots/{ballot.pk}/vote/", {"method": "secret"})
        ballot.refresh_from_db()
        assert response["Location"] == f"/voting/{ballot.vote_id}/control/"
        voting.vote_open(event=ballot.vote, actor=office)
        cast_all(ballot.vote, deputies, make_user, [[A, B]] * 5 + [[C]] * 2)
        voting.vote_close(event=ballot.vote, actor=office)
        assert client.post(f"/livelihood/ballots/{ballot.pk}/publish/").status_code == 302
    project = LivelihoodProject.objects.get(name=A)
    assert project.state == ProjectState.ADOPTED
    client.force_login(unit_user)
    with at(datetime.date(YEAR, 5, 3)):
        response = client.post(f"/livelihood/projects/{project.pk}/report/", {
            "month": f"{YEAR}-04-01", "percent": 10, "spent": "100000", "problems": "征迁滞后"})  # fmt: skip
        assert response.status_code == 302
    assert client.get(f"/livelihood/projects/{LivelihoodProject.objects.get(name=B).pk}/").status_code == 404
    client.force_login(office)
    page = client.get("/livelihood/?lagging=&year=2026").content.decode()
    assert A in page and "票决产生（含结转）项目2个" in page
    assert client.get("/livelihood/?export=xlsx")["Content-Type"].startswith("application/vnd.openxml")
    assert client.get(f"/livelihood/statistics/?year={YEAR}&export=xlsx").status_code == 200
    assert "县住建局" in client.get(f"/livelihood/statistics/?year={YEAR}").content.decode()
    detail = client.get(f"/livelihood/projects/{project.pk}/").content.decode()
    assert "征迁滞后" in detail and "年终测评" in detail
    client.logout()
    assert A in client.get("/public/livelihood/").content.decode()
    assert client.get("/livelihood/").status_code == 302  # sign in first


def test_a_year_in_the_api(client, congress, deputies, office, units, unit_user, make_user):
    client.force_login(office)
    with at(DAY - datetime.timedelta(days=20)):
        ballot = client.post("/api/v1/livelihood/ballots/", {"year": YEAR, "seats": 1, "candidates_count": 2,
                                                            "meeting": congress.pk}, content_type="application/json")  # fmt: skip
        assert ballot.status_code == 201, ballot.json()
        pk = ballot.json()["id"]
        for name in (A, B):
            response = client.post(f"/api/v1/livelihood/ballots/{pk}/candidates/", {
                "name": name, "cost": "500000", "funding_source": "上级补助", "unit": units[0].pk,
                "planned_completion": f"{YEAR}-12-31",
                "milestones": [{"title": "开工", "due": f"{YEAR}-03-31", "percent": 10}]},
                content_type="application/json")  # fmt: skip
            assert response.status_code == 200, response.json()
    with at(DAY - datetime.timedelta(days=10)):
        detail = client.post(f"/api/v1/livelihood/ballots/{pk}/submit/").json()
    assert (
        detail["state"] == "submitted"
        and {"name": "vote", "label": "发起票决"} in detail["available_actions"]
    )
    convene(congress, deputies, office)
    with at(DAY):
        vote = client.post(f"/api/v1/livelihood/ballots/{pk}/vote/", {"method": "secret"},
                           content_type="application/json")  # fmt: skip
        assert vote.status_code == 201
        event = ProjectBallot.objects.get().vote
        voting.vote_open(event=event, actor=office)
        cast_all(event, deputies, make_user, [[A]] * 6 + [[B]])
        voting.vote_close(event=event, actor=office)
    detail = client.get(f"/api/v1/livelihood/ballots/{pk}/").json()
    assert detail["state"] == "decided" and "老旧小区改造得票6票，当选" in detail["result"]
    project = LivelihoodProject.objects.get(name=A)
    client.force_login(unit_user)
    with at(datetime.date(YEAR, 4, 2)):
        response = client.post(f"/api/v1/livelihood/projects/{project.pk}/report/", {
            "month": f"{YEAR}-03-01", "percent": 15, "spent": "20000"}, content_type="application/json")  # fmt: skip
    assert response.status_code == 200 and response.json()["percent"] == 15
    assert client.post(f"/api/v1/livelihood/projects/{project.pk}/evaluate/", {"meeting": congress.pk},
                       content_type="application/json").status_code == 403  # fmt: skip
    client.force_login(office)
    stats = client.get(f"/api/v1/livelihood/statistics/?year={YEAR}").json()
    assert (stats["candidates"], stats["adopted"]) == (2, 1)
    assert client.get("/api/schema/").status_code == 200


def test_the_dashboard_shows_the_year_of_livelihood_projects(client, office):
    client.force_login(office)
    page = client.get(f"/suggestions/dashboard/?year={YEAR}").content.decode()
    assert "民生实事项目" in page and f"{YEAR}年征集民生实事项目建议0件" in page


def test_the_dashboard_charts_the_projects_progress_and_ratings():
    """The 驾驶舱's charts come from the year's figures: progress (completed, going, lagging) and, once the year-end
    vote is made, the ratings; a year without projects draws none."""
    from renda.livelihood.selectors import YearFigures

    empty = YearFigures(YEAR, 0, 0, 0, 0, 0, 0, Decimal(0), Decimal(0), 0, 0, 0)
    assert empty.charts == []
    figures = YearFigures(YEAR, 30, 15, 10, 4, 3, 2, Decimal(0), Decimal(0), 6, 3, 1)
    progress, ratings = figures.charts
    assert [(d["name"], d["value"]) for d in progress.option["series"][0]["data"]] == [
        ("已完成", 4),
        ("实施中", 4),
        ("进度滞后", 2),
    ]
    assert [d["value"] for d in ratings.option["series"][0]["data"]] == [6, 3, 1]
    assert "个" in progress.option["tooltip"]["formatter"]
