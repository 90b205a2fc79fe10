"""The meetings API: the same steps and rules as the pages."""

from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from renda.meetings.models import Meeting, ResolutionState
from renda.meetings.tests.conftest import sign_in


def test_a_meeting_through_the_api(meeting, office, member_user, committee, term, make_user):
    api = APIClient()
    api.force_authenticate(office)
    created = api.post(
        "/api/v1/meetings/", {"kind": "chairpersons", "term": term.pk, "date": "2026-03-10"}, format="json"
    )
    assert created.status_code == 201 and created.json()["title"] == "第十八届人大常委会第一次主任会议"
    url = f"/api/v1/meetings/{meeting.pk}/"
    item = api.post(url + "items/", {"kind": "work_report", "title": "财政工作报告"}, format="json").json()[
        "items"
    ][0]
    assert [p["stage"] for p in item["papers"]] == ["committee", "standing", "members"]
    paper = item["papers"][2]["id"]
    done = api.post(
        url + "papers/",
        {"paper": paper, "file": SimpleUploadedFile("a.pdf", b"%PDF-1.4")},
        format="multipart",
    )
    assert done.status_code == 200 and done.json()["items"][0]["papers"][2]["submitted"]
    assert (
        api.post(
            url + "resolutions/",
            {"item": item["id"], "kind": "decision", "title": "决定", "text": "全文"},
            format="json",
        ).status_code
        == 201
    )
    body = api.post(url + "convene/").json()
    assert body["state"] == "convened" and body["quorum"]["needed"] == 13
    resolution = Meeting.objects.get(pk=meeting.pk).items.get().resolution
    refused = api.post(
        url + "vote-result/", {"resolution": resolution.pk, "adopted": True, "result": "通过"}, format="json"
    )
    assert refused.status_code == 400 and refused.json()["code"] == "no_quorum"
    sign_in(meeting, committee[:13], office)
    assert (
        api.post(
            url + "vote-result/",
            {"resolution": resolution.pk, "adopted": True, "result": "通过"},
            format="json",
        ).status_code
        == 200
    )
    resolution.refresh_from_db()
    assert resolution.state == ResolutionState.ADOPTED

    api.force_authenticate(member_user)
    assert api.post(url + "close/").status_code == 403
    assert api.post(url + "items/", {"kind": "other", "title": "x"}, format="json").status_code == 403
    mine = api.post(url + "sign-in/", {}, format="json")
    assert (
        mine.status_code == 200 and mine.json()["quorum"]["present"] == 13
    )  # committee[5] was signed in already
    outsider = make_user("deputy")
    api.force_authenticate(outsider)
    assert api.get(url).status_code == 404
    anonymous = APIClient()
    assert anonymous.get("/api/v1/public/resolutions/").json()["results"][0]["code"] == "2026年第1号"


def test_an_item_vote_through_the_api(meeting, office, committee):
    from renda.meetings import services
    from renda.voting import services as voting
    from renda.voting.models import VoteEvent

    item = services.agenda_item_add(meeting=meeting, kind="appointment", title="任命", actor=office)
    services.meeting_convene(meeting=meeting, actor=office)
    api = APIClient()
    api.force_authenticate(office)
    url = f"/api/v1/meetings/{meeting.pk}/"
    assert api.post(url + "votes/", {"item": item.pk, "method": "named"}, format="json").status_code == 201
    event = VoteEvent.objects.get()
    refused = api.post(url + "vote-open/", {"vote": event.pk}, format="json")
    assert refused.status_code == 400 and refused.json()["code"] == "no_quorum"
    sign_in(meeting, committee[:13], office)
    event = services.item_vote_create(item=item, method="named", actor=office)
    assert api.post(url + "vote-open/", {"vote": event.pk}, format="json").status_code == 200
    voting.vote_close(event=event, actor=office)
    settled = api.post(url + "vote-settle/", {"vote": event.pk}, format="json")
    assert settled.status_code == 200 and settled.json()["items"][0]["result"].endswith("未通过")
