"""The meeting pages end to end: the office prepares and runs a meeting, a member signs in on the phone and
reads the papers, the minutes and the public list of resolutions."""

import io

import docx
from django.core.files.uploadedfile import SimpleUploadedFile

from renda.meetings import services
from renda.meetings.models import ItemKind, Meeting, PaperRead, ResolutionState
from renda.meetings.tests.conftest import sign_in

PDF = b"%PDF-1.4 paper"


def test_a_standing_committee_meeting_through_the_pages(
    client, meeting, office, member_user, committee, term
):
    client.force_login(office)
    assert client.get("/meetings/").status_code == 200
    assert client.get("/meetings/new/").status_code == 200
    response = client.post(
        "/meetings/new/", {"kind": "standing", "term": term.pk, "date": "2026-05-20", "place": "会议室"}
    )
    second = Meeting.objects.get(number=2)
    assert response.status_code == 302 and response["Location"] == second.get_absolute_url()
    response = client.post(
        f"/meetings/{meeting.pk}/items/new/", {"kind": ItemKind.WORK_REPORT, "title": "财政工作报告"}
    )
    assert response.status_code == 302
    item = meeting.items.get()
    paper = item.papers.get(stage="members")
    response = client.post(
        f"/meetings/papers/{paper.pk}/submit/", {"file": SimpleUploadedFile("报告.pdf", PDF)}
    )
    assert response.status_code == 302
    page = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert "未送达" in page and "阅读材料" in page and "应到25人，实到0人" in page
    assert client.post(f"/meetings/{meeting.pk}/convene/").status_code == 302

    client.force_login(member_user)  # on the phone
    assert client.get(f"/meetings/papers/{paper.pk}/file/").status_code == 200
    assert PaperRead.objects.get(paper=paper).user == member_user
    assert client.post(f"/meetings/{meeting.pk}/sign-in/").status_code == 302
    assert "本人：<strong>出席</strong>" in client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert client.post(f"/meetings/{meeting.pk}/close/").status_code == 403

    client.force_login(office)
    sign_in(meeting, committee[:14], office)
    response = client.post(
        f"/meetings/items/{item.pk}/resolution/", {"kind": "decision", "title": "决定", "text": "全文"}
    )
    assert response.status_code == 302
    resolution = item.resolution
    response = client.post(
        f"/meetings/resolutions/{resolution.pk}/decide/",
        {"outcome": "adopt", "result": "应到25人，实到15人，赞成15票，通过"},
    )
    assert response.status_code == 302
    resolution.refresh_from_db()
    assert resolution.state == ResolutionState.ADOPTED
    screen = client.get(f"/meetings/{meeting.pk}/screen/", HTTP_HX_REQUEST="true").content.decode()
    assert "实到14人" in screen and "<html" not in screen
    assert client.post(f"/meetings/{meeting.pk}/close/").status_code == 302
    minutes = client.get(f"/meetings/{meeting.pk}/minutes/")
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(minutes.content)).paragraphs)
    assert "应到25人，实到14人" in text and "财政工作报告" in text and "2026年第1号" in text
    assert "1 / 1" in client.get("/meetings/statistics/?year=2026").content.decode()
    client.logout()
    public = client.get("/public/resolutions/?year=2026").content.decode()
    assert "作出决议决定1项" in public and "决定" in public
    assert client.get(f"/meetings/{meeting.pk}/").status_code == 302  # sign in first


def test_leave_request_and_approval_pages(client, meeting, office, member_user):
    client.force_login(member_user)
    assert (
        client.post(f"/meetings/{meeting.pk}/leave/", {"reason": ""}).status_code == 200
    )  # error beside the field
    assert client.post(f"/meetings/{meeting.pk}/leave/", {"reason": "出差"}).status_code == 302
    client.force_login(office)
    attendance = meeting.attendances.get()
    assert "请假待批" in client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert client.post(f"/meetings/attendances/{attendance.pk}/decide/", {"approve": "1"}).status_code == 302
    attendance.refresh_from_db()
    assert attendance.status == "leave"
    services.meeting_convene(meeting=meeting, actor=office)
