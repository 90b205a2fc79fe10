"""The pages and the API: a work report through its closed loop in the browser and through the API, the lists
with their Excel export, the board, and what a body and others see."""

import datetime

from rest_framework.test import APIClient

from renda.oversight.models import ItemState, Rectification
from renda.oversight.tests.conftest import DAY, adopted, at, rate, second_meeting, sign_in


def test_work_report_closed_loop_in_the_browser(
    client, term, committee, meeting, office, body_user, plan, make_user
):
    from renda.meetings import services as meetings

    item = plan.items.get()
    client.force_login(office)
    with at(datetime.date(2026, 1, 15)):
        assert (
            client.post(f"/oversight/plans/{plan.pk}/adopt/", {"adopted_on": "2026-01-15"}).status_code == 302
        )
        assert client.post(f"/oversight/plans/{plan.pk}/publish/").status_code == 302
    with at(datetime.date(2026, 2, 5)):
        assert (
            client.post(f"/oversight/items/{item.pk}/schedule/", {"meeting": meeting.pk}).status_code == 302
        )
    with at(DAY):
        meetings.meeting_convene(meeting=meeting, actor=office)
        sign_in(meeting, committee[:20], office)
        response = client.post(f"/oversight/items/{item.pk}/deliberate/", {"problems": "问题一\n问题二"})
        assert response.status_code == 302
        response = client.post(f"/oversight/items/{item.pk}/opinions/", {"opinion": ""})
        assert (
            "请填写" in response.content.decode() or "必填" in response.content.decode()
        )  # beside the field
        assert (
            client.post(f"/oversight/items/{item.pk}/opinions/", {"opinion": "审议意见"}).status_code == 302
        )
    client.force_login(body_user)
    with at(datetime.date(2026, 3, 30)):
        page = client.get(f"/oversight/items/{item.pk}/").content.decode()
        assert "报送整改清单" in page
        response = client.post(
            f"/oversight/items/{item.pk}/rectifications/new/",
            {"measure": "整改措施", "responsible_person": "张局长", "due": "2026-05-30"},
        )
        assert response.status_code == 302
        assert client.post(f"/oversight/items/{item.pk}/report/", {"report": "办理情况"}).status_code == 302
    m2 = second_meeting(term, committee, office)
    item = rate(item, m2, committee, office, make_user, {"满意": 2, "基本满意": 2, "不满意": 16})
    assert item.state == ItemState.FAILED
    rectification = Rectification.objects.get(item=item)
    with at(datetime.date(2026, 6, 25)):
        assert (
            client.post(f"/oversight/rectifications/{rectification.pk}/done/", {"note": "已整改"}).status_code
            == 302
        )
        assert client.post(f"/oversight/items/{item.pk}/report/", {"report": "再次报告"}).status_code == 302
    item = rate(item, m2, committee, office, make_user, {"满意": 15, "基本满意": 3, "不满意": 2})
    assert item.state == ItemState.FOLLOW_UP
    client.force_login(office)
    with at(datetime.date(2026, 7, 1)):
        assert client.post(f"/oversight/items/{item.pk}/follow-up/", {"note": "回头看"}).status_code == 302
        assert client.post(f"/oversight/rectifications/{rectification.pk}/close/").status_code == 302
    item.refresh_from_db()
    assert item.state == ItemState.CLOSED
    page = client.get(f"/oversight/items/{item.pk}/").content.decode()
    assert "测评未通过" in page and "测评通过" in page and "已销号" in page
    export = client.get("/oversight/?year=2026&export=xlsx")
    assert export.status_code == 200 and "spreadsheet" in export["Content-Type"]
    assert client.get("/oversight/rectifications/?export=xlsx").status_code == 200
    assert "听取和审议专项工作报告1个" in client.get("/oversight/board/?year=2026").content.decode()


def test_work_report_closed_loop_through_the_api(
    term, committee, meeting, office, body_user, body, make_user
):
    from renda.meetings import services as meetings
    from renda.voting import services as voting

    api = APIClient()
    api.force_authenticate(office)
    with at(datetime.date(2026, 1, 10)):
        plan = api.post("/api/v1/oversight-plans/", {"year": 2026}, format="json").json()
        item = api.post(
            f"/api/v1/oversight-plans/{plan['id']}/items/",
            {
                "kind": "work_report",
                "title": "关于生态环境保护工作情况的报告",
                "body": body.pk,
                "planned_month": 3,
            },
            format="json",
        ).json()
        assert (
            api.post(
                f"/api/v1/oversight-items/{item['id']}/schedule/", {"meeting": meeting.pk}, format="json"
            ).status_code
            == 409
        )
        assert (
            api.post(f"/api/v1/oversight-plans/{plan['id']}/adopt/", {}, format="json").json()["state"]
            == "adopted"
        )
    url = f"/api/v1/oversight-items/{item['id']}/"
    with at(datetime.date(2026, 2, 5)):
        assert (
            api.post(url + "schedule/", {"meeting": meeting.pk}, format="json").json()["state"] == "scheduled"
        )
    with at(DAY):
        meetings.meeting_convene(meeting=meeting, actor=office)
        sign_in(meeting, committee[:20], office)
        body_ = api.post(url + "deliberate/", {"problems": ["问题一"]}, format="json").json()
        assert body_["opinion_due"] == "2026-03-31" and body_["problems"][0]["text"] == "问题一"
        assert (
            api.post(url + "opinions/", {"opinion": "意见"}, format="json").json()["report_due"]
            == "2026-06-20"
        )
    api.force_authenticate(body_user)
    with at(datetime.date(2026, 4, 1)):
        assert api.post(url + "report/", {"report": "报告"}, format="json").status_code == 400  # list first
        row = api.post(
            url + "rectifications/",
            {
                "measure": "措施",
                "responsible_person": "张",
                "due": "2026-05-01",
                "problem": body_["problems"][0]["id"],
            },
            format="json",
        ).json()
        assert api.post(url + "report/", {"report": "报告"}, format="json").json()["state"] == "reported"
    api.force_authenticate(office)
    with at(DAY):
        vote = api.post(url + "rate/", {"meeting": meeting.pk}, format="json").json()["vote"]
    from renda.voting.models import VoteEvent

    with at(DAY, 11):
        voting.vote_open(event=VoteEvent.objects.get(pk=vote), actor=office)
        voting.vote_close(event=VoteEvent.objects.get(pk=vote), actor=office)  # nobody voted: fails
    assert api.get(url).json()["state"] == "failed"
    board = api.get("/api/v1/oversight-board/?year=2026").json()
    assert board["stages"]["测评未通过"] == 1 and board["sentence"].startswith("听取和审议专项工作报告1个")
    api.force_authenticate(body_user)
    with at(datetime.date(2026, 4, 10)):
        assert (
            api.post(
                f"/api/v1/oversight-rectifications/{row['id']}/done/", {"note": "完成"}, format="json"
            ).status_code
            == 200
        )
    assert api.get("/api/v1/oversight-items/").json()["count"] == 1


def test_a_body_sees_its_own_items_and_others_none(client, office, plan, body_user, make_user):
    from renda.core.roles import Role
    from renda.org.tests.factories import HandlingUnitFactory

    adopted(plan, office)
    item = plan.items.get()
    other = make_user(Role.UNIT, handling_unit=HandlingUnitFactory(name="县教育局"))
    client.force_login(body_user)
    assert client.get(f"/oversight/items/{item.pk}/").status_code == 200
    client.force_login(other)
    assert client.get(f"/oversight/items/{item.pk}/").status_code == 404
    assert item.title not in client.get("/oversight/").content.decode()
    client.logout()
    assert client.get("/public/oversight/").status_code == 200
