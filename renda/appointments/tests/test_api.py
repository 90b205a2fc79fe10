"""The appointments API: the same chain and rules as the pages, the vote on the voting's API, the public list
with nothing personal."""

from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from renda.accounts.models import User
from renda.appointments.tests.conftest import DAY, at, sign_in
from renda.core.roles import Role
from renda.meetings import services as meetings


def test_a_nomination_goes_to_the_oath_through_the_api(term, committee, meeting, office, make_user):
    api = APIClient()
    api.force_authenticate(office)
    with at(DAY.replace(day=1)):
        post = api.post(
            "/api/v1/appointment-posts/",
            {"name": "县审判员", "organ": "县人民法院", "kind": "court"},
            format="json",
        ).json()
        person = api.post(
            "/api/v1/appointment-people/",
            {"name": "孙丽", "resume": SimpleUploadedFile("r.pdf", b"%PDF-1.4")},
            format="multipart",
        ).json()
        refused = api.post(
            "/api/v1/appointments/",
            {
                "term": term.pk,
                "kind": "appoint",
                "person": person["id"],
                "post": post["id"],
                "nominator": "government_head",
            },
            format="json",
        )
        assert refused.status_code == 400 and "nominator" in refused.json()
        created = api.post(
            "/api/v1/appointments/",
            {
                "term": term.pk,
                "kind": "appoint",
                "person": person["id"],
                "post": post["id"],
                "nominator": "court_president",
            },
            format="json",
        )
        assert created.status_code == 201, created.json()
        body = created.json()
        url = f"/api/v1/appointments/{body['id']}/"
        assert [a["name"] for a in body["available_actions"]] == ["exam", "schedule", "withdraw"]
        assert (
            api.post(url + "exam/", {"taken_on": "2026-03-01", "score": 75}, format="json").json()[
                "exam_score"
            ]
            == 75
        )
        assert (
            api.post(url + "schedule/", {"meeting": meeting.pk}, format="json").json()["state"] == "scheduled"
        )
        assert api.post(url + "papers/").json()["papers_late"] is False
        early = api.post(url + "statement/", {"summary": "发言"}, format="json")
        assert early.status_code == 409  # not before the meeting convenes
    with at(DAY):
        meetings.meeting_convene(meeting=meeting, actor=office)
        sign_in(meeting, committee[:14], office)
        assert api.post(url + "statement/", {"summary": "发言"}, format="json").status_code == 200
        assert api.post(url + "deliberate/", {"summary": "同意"}, format="json").status_code == 200
        vote = api.post(url + "vote/", {}, format="json")
        assert vote.status_code == 201
        vote_url = f"/api/v1/voting/votes/{vote.json()['vote']}/"
        assert api.post(vote_url + "open/").status_code == 200
        for deputy in committee[:13]:
            voter = APIClient()
            voter.force_authenticate(
                User.objects.filter(deputy=deputy).first() or make_user(Role.MEMBER, deputy=deputy)
            )
            assert voter.post(vote_url + "cast/", {"choice": "yes"}, format="json").status_code in (200, 204)
        assert api.post(vote_url + "close/").status_code == 200
        body = api.get(url).json()
        assert body["state"] == "adopted" and body["decided_on"] == DAY.isoformat()
        api.post(url + "announce/")
        assert api.post(url + "letter/").json()["letter_code"] == "任字〔2026〕1号"
        sworn = api.post(
            url + "oath/", {"oath_on": DAY.isoformat(), "presider": committee[0].name}, format="json"
        )
        assert sworn.json()["state"] == "sworn"
        assert api.post(url + "publish/").json()["state"] == "published"
    holders = api.get("/api/v1/appointment-holders/").json()
    assert [h["person_name"] for h in holders["results"]] == ["孙丽"]
    assert api.get("/api/v1/appointment-statistics/").json()[0]["appoint"] == 1
    public = APIClient().get("/api/v1/public/appointments/").json()
    assert public["results"][0]["title"] == "任命孙丽为县审判员"
    assert set(public["results"][0]) == {
        "id",
        "title",
        "kind",
        "person_name",
        "post_name",
        "decided_on",
        "published_on",
    }


def test_others_get_404_and_403(term, office, make_user):
    api = APIClient()
    api.force_authenticate(make_user(Role.DEPUTY))
    assert api.get("/api/v1/appointments/").json()["results"] == []
    assert api.get("/api/v1/appointments/1/").status_code == 404
    assert api.post("/api/v1/appointments/", {}, format="json").status_code == 403
