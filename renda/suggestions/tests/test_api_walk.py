"""The whole chain through the API with token authentication, as an OA system would drive it:
deputy drafts and gathers a co-signer → office accepts and assigns → unit signs, contacts the deputy and
replies → deputy is dissatisfied → the unit handles it again → deputy is satisfied → closed and published."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from renda.core.calendar import add_months
from renda.suggestions.tests import flow
from renda.suggestions.tests.factories import SuggestionCategoryFactory

pytestmark = pytest.mark.django_db

SUGGESTIONS = "/api/v1/suggestions/"
ASSIGNMENTS = "/api/v1/suggestions/assignments/"


def client_for(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


def ok(response, status: int = 200) -> dict | list:
    assert response.status_code == status, response.content.decode()
    return response.json()


def letter() -> SimpleUploadedFile:
    return SimpleUploadedFile("答复函.pdf", b"%PDF-1.4 reply", content_type="application/pdf")


def test_deputy_office_unit_deputy_with_rehandling(settings, tmp_path, deputy, other_deputy, office, officer):
    settings.MEDIA_ROOT = tmp_path
    lead, cosigner, clerk, unit = (client_for(user) for user in (deputy, other_deputy, office, officer))
    category, solved = SuggestionCategoryFactory(), flow.category_a()
    today = timezone.localdate()

    # the lead deputy drafts, invites a co-signer who confirms, and submits
    draft = ok(
        lead.post(
            SUGGESTIONS,
            {
                "title": "关于修缮村小学校舍的建议",
                "content": "校舍漏雨，建议列入年度维修计划。",
                "category": category.pk,
            },
            format="json",
        ),
        201,
    )
    assert (draft["state"], draft["lead_deputy"]["id"], draft["category"]["id"]) == (
        "draft",
        deputy.deputy_id,
        category.pk,
    )
    url = f"{SUGGESTIONS}{draft['id']}/"
    invited = ok(lead.post(f"{url}cosigners/", {"deputies": [other_deputy.deputy_id]}, format="json"), 201)
    answer = cosigner.post(
        f"{SUGGESTIONS}cosigners/{invited[0]['id']}/respond/", {"confirm": True}, format="json"
    )
    assert ok(answer)["status"] == "confirmed"
    assert ok(lead.post(f"{url}submit/"))["state"] == "submitted"

    # the office accepts (numbering) and assigns to the unit
    accepted = ok(clerk.post(f"{url}accept/"))
    assert accepted["state"] == "accepted"
    assert accepted["number"] == f"{today.year}年闭会期间第001号"
    assigned = ok(clerk.post(f"{url}assign/", {"lead": officer.handling_unit_id}, format="json"))
    assert assigned["state"] == "handling"
    assert assigned["reply_due"] == add_months(today, 3).isoformat()  # 代表法 Art. 51

    # the unit finds it on its to-do list, signs, contacts the deputy and replies with a letter
    todo = ok(unit.get(ASSIGNMENTS))["results"]
    assert [(row["suggestion"]["id"], row["deadline"], row["urgency"]) for row in todo] == [
        (draft["id"], assigned["reply_due"], "ok")
    ]
    assignment = f"{ASSIGNMENTS}{todo[0]['id']}/"
    assert ok(unit.post(f"{assignment}accept/"))["state"] == "accepted"
    contact = {"stage": "before", "method": "phone", "summary": "电话听取代表意见"}
    assert ok(unit.post(f"{assignment}contacts/", contact, format="json"), 201)["date"] == today.isoformat()
    reply = {
        "result_category": solved.pk,
        "text": "已列入维修计划。",
        "signer": "李局长",
        "publishable": True,
    }
    first = ok(unit.post(f"{assignment}reply/", {**reply, "letter": letter()}, format="multipart"), 201)
    assert (first["round"], first["on_time"], first["unit"]["id"]) == (1, True, officer.handling_unit_id)
    downloaded = lead.get(first["letter_url"])
    assert (downloaded.status_code, b"".join(downloaded.streaming_content)) == (200, b"%PDF-1.4 reply")

    # the lead deputy is dissatisfied: one more round for the unit
    assert ok(lead.get(url))["state"] == "replied"
    rating = ok(
        lead.post(f"{url}evaluations/", {"rating": "dissatisfied", "comment": "未落实"}, format="json"), 201
    )
    assert (rating["rating"], rating["round"]) == ("dissatisfied", 1)
    rehandling = ok(lead.get(url))
    assert (rehandling["state"], rehandling["round"]) == ("rehandling", 2)
    assert [row["state"] for row in ok(unit.get(ASSIGNMENTS))["results"]] == ["accepted"]
    second = ok(unit.post(f"{assignment}reply/", {**reply, "text": "已完成维修。"}, format="json"), 201)
    assert second["round"] == 2

    # satisfied this time: closed, and the answer is public
    ok(lead.post(f"{url}evaluations/", {"rating": "satisfied"}, format="json"), 201)
    closed = ok(lead.get(url))
    assert closed["state"] == "closed"
    assert [row["rating"] for row in closed["evaluations"]] == ["dissatisfied", "satisfied"]
    assert [row["text"] for row in closed["replies"]] == ["已列入维修计划。", "已完成维修。"]
    assert [row["deputy"]["id"] for row in closed["cosigners"]] == [other_deputy.deputy_id]
    assert ok(unit.get(ASSIGNMENTS))["results"] == []

    timeline = [event["action"] for event in ok(cosigner.get(f"{url}events/"))]
    assert timeline == [
        "起草",
        "邀请附议",
        "确认附议",
        "提交",
        "立案",
        "交办",
        "签收",
        "联系代表",
        "答复",
        "答复",
        "评价",
        "重新办理",
        "重新办理",
        "答复",
        "再次答复",
        "评价",
        "办结",
    ]  # fmt: skip  (the unit's assignment reopened, then the case)

    published = ok(APIClient().get(f"{SUGGESTIONS}public-replies/"))["results"]
    assert [(row["number"], row["deputies"]) for row in published] == [
        (accepted["number"], [deputy.deputy.name, other_deputy.deputy.name])
    ]
    assert [reply["text"] for reply in published[0]["answers"][0]["replies"]] == [
        "已列入维修计划。",
        "已完成维修。",
    ]
