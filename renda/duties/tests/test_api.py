"""The duty records API: a deputy's year and the ranking; self-reported entries and their decision; reports to
voters and their ratings; a voter's ballot by its token. 401 without an account, 403 without the right, 404 for
what the user may not see, 409 for a move the state does not allow or a stale version."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from renda.duties import services
from renda.duties.models import DutyEntry, DutyReport
from renda.duties.tests import world
from renda.duties.tests.conftest import TODAY

pytestmark = pytest.mark.django_db
D = datetime.date


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def year(time_machine, deputy, colleague, keeper, office):
    report = world.make_year(
        time_machine=time_machine, now=TODAY, deputy=deputy, colleague=colleague, keeper=keeper, office=office
    )
    time_machine.move_to(TODAY, tick=False)
    return report


# ---------------------------------------------------------------- reads


def test_anonymous_requests_get_401_except_a_ballot(deputy):
    for path in ("/api/v1/duties/entries/", "/api/v1/duties/reports/", "/api/v1/duties/ranking/"):
        assert api().get(path).status_code == 401
    assert api().get(f"/api/v1/duties/records/{deputy.deputy.pk}/").status_code == 401
    assert api().post("/api/v1/duties/ballots/unknown/", {"rating": "satisfied"}).status_code == 404


def test_a_deputy_reads_their_own_year_and_gets_404_for_another(deputy, colleague, year):
    response = api(deputy).get(f"/api/v1/duties/records/{deputy.deputy.pk}/", {"year": 2025})
    body = response.json()
    assert response.status_code == 200
    assert body["deputy"] == {"id": deputy.deputy.pk, "name": "王秀英"}
    assert (body["year"], body["points"], body["rank"], body["ranked"]) == (2025, world.EXPECTED_POINTS, 1, 2)
    counts = {f["key"]: f["count"] for f in body["figures"]}
    assert {key: counts[key] for key in world.EXPECTED} == world.EXPECTED
    assert api(deputy).get(f"/api/v1/duties/records/{colleague.deputy.pk}/").status_code == 404
    bad = api(deputy).get(f"/api/v1/duties/records/{deputy.deputy.pk}/", {"year": "last"})
    assert bad.status_code == 400 and bad.json()["code"] == "invalid"


def test_the_ranking_is_read_by_the_office_and_members_only(deputy, office, committee_member, year):
    body = api(committee_member).get("/api/v1/duties/ranking/", {"year": 2025}).json()
    first = body["results"][0]
    assert (first["rank"], first["name"], first["points"]) == (1, "王秀英", world.EXPECTED_POINTS)
    assert first["counts"]["suggestions"] == 2 and first["counts"]["reports"] == 1
    assert api(office).get("/api/v1/duties/ranking/", {"level": "township"}).json()["count"] == 0
    assert api(office).get("/api/v1/duties/ranking/", {"level": "nope"}).status_code == 400
    refused = api(deputy).get("/api/v1/duties/ranking/")
    assert refused.status_code == 403 and refused.json()["code"] == "permission_denied"


# ---------------------------------------------------------------- self-reported entries


def test_a_deputy_reports_an_entry_and_the_office_decides_it(deputy, colleague, office):
    created = api(deputy).post(
        "/api/v1/duties/entries/",
        {
            "kind": "contact_voters",
            "title": "走访北街选民",
            "date": "2025-06-01",
            "description": "走访十户。",
            "proof": world.proof(),
        },
        format="multipart",
    )
    assert created.status_code == 201, created.json()
    entry = created.json()
    assert entry["state"] == "submitted" and entry["deputy"] == deputy.deputy.pk and entry["year"] == 2025
    assert [a["name"] for a in entry["available_actions"]] == ["edit", "withdraw"]
    assert "proof" not in entry and entry["proof_name"] == "照片.png"
    assert api(deputy).get(entry["proof_url"]).status_code == 200
    path = f"/api/v1/duties/entries/{entry['id']}/"
    assert api(colleague).get(path).status_code == 404
    assert api(colleague).get(entry["proof_url"]).status_code == 404
    assert api(deputy).post(path + "approve/").status_code == 403
    office_view = api(office).get(path).json()
    assert [a["name"] for a in office_view["available_actions"]] == ["approve", "reject"]
    approved = api(office).post(path + "approve/", {"note": "材料齐全"})
    assert approved.status_code == 200 and approved.json()["state"] == "approved"
    again = api(office).post(path + "reject/", {"reason": "重复"})
    assert again.status_code == 409 and again.json()["code"] == "invalid_transition"


def test_entry_rules_come_back_as_400_with_codes(deputy, office):
    bad = api(deputy).post(
        "/api/v1/duties/entries/",
        {
            "kind": "publicity",
            "title": "宣讲",
            "date": "2025-07-01",
            "description": "讲了",
            "proof": world.proof(),
        },
        format="multipart",
    )
    assert bad.status_code == 400 and "date" in bad.json()
    no_deputy = api(office).post(
        "/api/v1/duties/entries/",
        {
            "kind": "publicity",
            "title": "宣讲",
            "date": "2025-06-01",
            "description": "讲了",
            "proof": world.proof(),
        },
        format="multipart",
    )
    assert no_deputy.status_code == 400 and no_deputy.json()["code"] == "required"
    entry = world.entry(deputy)
    rejected = api(office).post(f"/api/v1/duties/entries/{entry.pk}/reject/", {"reason": ""})
    assert rejected.status_code == 400 and "reason" in rejected.json()


def test_an_entry_is_corrected_with_the_version_read(deputy):
    entry = world.entry(deputy)
    path = f"/api/v1/duties/entries/{entry.pk}/"
    missing = api(deputy).patch(path, {"title": "走访十户选民"}, format="json")
    assert missing.status_code == 400 and missing.json()["code"] == "required"
    done = api(deputy).patch(path, {"title": "走访十户选民", "version": 1}, format="json")
    assert done.status_code == 200 and (done.json()["title"], done.json()["version"]) == ("走访十户选民", 2)
    stale = api(deputy).patch(path, {"title": "旧", "version": 1}, format="json")
    assert stale.status_code == 409 and stale.json()["code"] == "stale_version"
    withdrawn = api(deputy).post(path + "withdraw/")
    assert withdrawn.status_code == 200 and withdrawn.json()["available_actions"] == []


def test_the_entries_list_shows_each_user_what_they_may_see(deputy, colleague, office):
    world.entry(deputy)
    world.entry(colleague, title="李建国的走访")
    assert [e["title"] for e in api(deputy).get("/api/v1/duties/entries/").json()["results"]] == [
        "走访北街选民"
    ]
    assert api(office).get("/api/v1/duties/entries/", {"state": "submitted"}).json()["count"] == 2


# ---------------------------------------------------------------- reports to voters, ballots


def test_a_keeper_runs_a_report_and_voters_rate_once_per_token(keeper, other_keeper, deputy):
    body = {
        "station": keeper.station.pk,
        "date": "2025-06-08",
        "place": "北街社区",
        "deputies": [deputy.deputy.pk],
    }
    assert api(other_keeper).post("/api/v1/duties/reports/", body, format="json").status_code == 403
    created = api(keeper).post("/api/v1/duties/reports/", body, format="json")
    assert created.status_code == 201, created.json()
    report = created.json()
    assert report["state"] == "scheduled" and report["title"] == "王秀英代表向选民述职"
    assert [a["name"] for a in report["available_actions"]] == ["edit", "cancel", "hold"]
    path = f"/api/v1/duties/reports/{report['id']}/"
    assert api(other_keeper).get(path).status_code == 404
    assert api(deputy).get(path).status_code == 200  # a deputy reads the reports they give
    assert api(deputy).post(path + "hold/", {"voters_present": 3, "report_text": "述职"}).status_code == 403
    held = api(keeper).post(path + "hold/", {"voters_present": 3, "report_text": "述职"})
    assert held.status_code == 200 and held.json()["state"] == "held"
    paper = {"satisfied": 1, "basically_satisfied": 0, "dissatisfied": 0}
    assert api(keeper).post(path + "ratings/", paper).status_code == 200
    issued = api(keeper).post(path + "ballots/", {"count": 2})
    assert issued.status_code == 201
    tokens = [b["token"] for b in issued.json()]
    assert all(b["url"].endswith(f"/duties/rate/{b['token']}/") for b in issued.json())
    too_many = api(keeper).post(path + "ballots/", {"count": 1})
    assert too_many.status_code == 400 and too_many.json()["code"] == "too_many_ratings"
    voter = APIClient()
    cast = voter.post(f"/api/v1/duties/ballots/{tokens[0]}/", {"rating": "satisfied"}, format="json")
    assert cast.status_code == 200 and cast.json()["rating"] == "satisfied"
    again = voter.post(f"/api/v1/duties/ballots/{tokens[0]}/", {"rating": "dissatisfied"}, format="json")
    assert again.status_code == 400 and again.json()["code"] == "ballot_used"
    closed = api(keeper).post(path + "close/")
    result = closed.json()["result"]
    assert closed.status_code == 200 and (result["satisfied"], result["rated"], result["approving"]) == (
        2,
        2,
        2,
    )
    late = voter.post(f"/api/v1/duties/ballots/{tokens[1]}/", {"rating": "satisfied"}, format="json")
    assert late.status_code == 409 and late.json()["code"] == "invalid_transition"


def test_a_report_not_yet_held_cannot_be_recorded_and_is_changed_with_its_version(keeper, deputy, colleague):
    report = services.duty_report_schedule(
        station=keeper.station, date=D(2025, 6, 20), place="北街", deputies=[deputy.deputy], actor=keeper
    )
    path = f"/api/v1/duties/reports/{report.pk}/"
    early = api(keeper).post(path + "hold/", {"voters_present": 3, "report_text": "述职"})
    assert early.status_code == 400 and early.json()["code"] == "not_yet_held"
    changed = api(keeper).patch(path, {"deputies": [colleague.deputy.pk], "version": 1}, format="json")
    assert changed.status_code == 200 and changed.json()["deputies"] == [colleague.deputy.pk]
    assert api(keeper).patch(path, {"place": "x"}, format="json").status_code == 400
    cancelled = api(keeper).post(path + "cancel/", {"reason": "改期"})
    assert cancelled.status_code == 200 and cancelled.json()["state"] == "cancelled"


def test_who_may_not_act_is_refused_before_the_input_is_read(
    deputy, keeper, office, committee_member, officer
):
    """An empty body from who may not make the move, or for a move the state does not allow, is a 403 or 409,
    not a 400 naming the missing fields; those who may still get the 400."""
    entry = f"/api/v1/duties/entries/{world.entry(deputy).pk}/"
    scheduled = services.duty_report_schedule(
        station=keeper.station, date=D(2025, 6, 10), place="北街", deputies=[deputy.deputy], actor=keeper
    )
    held = world.report_held(keeper, [deputy.deputy], on=D(2025, 6, 1))
    report, done = f"/api/v1/duties/reports/{scheduled.pk}/", f"/api/v1/duties/reports/{held.pk}/"

    def status(user, method, path):
        return getattr(api(user), method)(path, {}, format="json").status_code

    for user in (committee_member, keeper, officer):
        assert status(user, "post", "/api/v1/duties/entries/") == 403
    for user in (committee_member, deputy, officer):
        assert status(user, "post", "/api/v1/duties/reports/") == 403
    assert status(office, "patch", entry) == 403  # only the deputy corrects their entry
    for path in (entry + "approve/", entry + "reject/"):
        assert status(deputy, "post", path) == 403 and status(committee_member, "post", path) == 403
    for method, path in (("patch", report), ("post", report + "cancel/"), ("post", report + "hold/")):
        assert status(deputy, method, path) == 403 and status(committee_member, method, path) == 403
    for path in (done + "ratings/", done + "ballots/"):
        assert status(deputy, "post", path) == 403
    assert status(keeper, "post", done + "cancel/") == 409  # held: no longer to cancel
    assert status(office, "post", entry + "reject/") == 400  # may: the reason is missing
    assert status(keeper, "post", report + "hold/") == 400
    assert status(deputy, "post", "/api/v1/duties/entries/") == 400


def test_the_reports_list_takes_a_fixed_number_of_queries(keeper, deputy, colleague):
    def schedule(n):
        for _ in range(n):
            report = world.report_held(keeper, [deputy.deputy, colleague.deputy], on=D(2025, 6, 1))
            services.duty_report_ballots_issue(report=report, count=2, actor=keeper)

    schedule(1)
    with CaptureQueriesContext(connection) as few:
        assert api(keeper).get("/api/v1/duties/reports/").json()["count"] == 1
    schedule(4)
    with CaptureQueriesContext(connection) as many:
        rows = api(keeper).get("/api/v1/duties/reports/").json()["results"]
    assert len(rows) == 5 and rows[0]["result"]["ballots_issued"] == 2
    assert len(many) == len(few)
    assert DutyReport.objects.count() == 5 and DutyEntry.objects.count() == 0


def test_list_filters_refuse_a_year_they_cannot_count(office):
    for path in ("/api/v1/duties/reports/", "/api/v1/duties/entries/"):
        for year in ("0", "-1", "2025.5", "99999"):
            response = api(office).get(path, {"year": year})
            assert response.status_code == 400, (path, year)
        assert api(office).get(path, {"year": "2025"}).status_code == 200
