"""A public comment's tracking code: the contributor looks up whether it went into the report and was adopted,
on the public page and in the API, without any personal data."""

import datetime

from django.urls import reverse

from renda.legislation import selectors, services
from renda.legislation.models import Adoption
from renda.legislation.tests.conftest import CLOSE, OPEN, TEXT_2, at


def _public(consulting, number, content, **extra):
    article = services.current_version(consulting).texts.get(number=number).article
    with at(OPEN):
        return services.comment_submit_public(draft=consulting, article=article, content=content, **extra)


def test_public_comment_gets_a_tracking_code_and_its_adoption_is_looked_up(client, consulting, clerk):
    mine = _public(consulting, 4, "应明确监护人的管教措施", author_name="王某", contact="13912345678")
    duplicate = _public(consulting, 4, "应明确监护人的管教措施。")
    ignored = _public(consulting, 1, "无关意见")
    assert len(mine.tracking_code) == 8 and mine.tracking_code != duplicate.tracking_code
    url = reverse("legislation_public:track")
    assert "征求意见仍在进行" in client.get(url, {"code": mine.tracking_code.lower()}).content.decode()
    with at(CLOSE):
        services.draft_close(draft=consulting, actor=clerk)
        services.comment_merge(comment=duplicate, into=mine, actor=clerk)
        opinion = services.opinion_write(
            draft=consulting, article=mine.article, text="建议规定管教措施", comments=[mine], actor=clerk
        )
        services.draft_report(draft=consulting, reported_on=CLOSE, actor=clerk)
    assert selectors.comment_status(
        duplicate.tracking_code
    ).in_report  # through the comment it was merged into
    assert not selectors.comment_status(ignored.tracking_code).in_report
    passed = CLOSE + datetime.timedelta(days=30)
    with at(passed):
        services.final_text_add(draft=consulting, passed_on=passed, text=TEXT_2, actor=clerk)
        services.opinion_adoption_record(opinion=opinion, adoption=Adoption.PARTLY, actor=clerk)
        services.draft_conclude(draft=consulting, actor=clerk)
    page = client.get(url, {"code": mine.tracking_code}).content.decode()
    assert "部分采纳" in page and "已反馈" in page
    for private in ("王某", "13912345678", "应明确监护人的管教措施"):
        assert private not in page
    assert "未采纳该意见" not in page
    assert "未写入报送上级人大的意见" in client.get(url, {"code": ignored.tracking_code}).content.decode()
    assert "没有找到该查询码" in client.get(url, {"code": "ZZZZZZZZ"}).content.decode()
    api = client.get(f"/api/v1/public/legislation/comments/{duplicate.tracking_code}/").json()
    assert api["in_report"] and api["adoption"] == "部分采纳" and api["reported_on"] == CLOSE.isoformat()
    assert "13912345678" not in str(api) and "王某" not in str(api)
    assert client.get("/api/v1/public/legislation/comments/ZZZZZZZZ/").status_code == 404


def test_the_public_page_shows_the_code_after_sending(client, consulting):
    url = reverse("legislation_public:draft", args=[consulting.pk])
    with at(OPEN):
        challenge = client.get(url).context["form"]["challenge"].value()
        a, b = (int(x) for x in challenge.split(":")[:2])
        sent = client.post(url, {"content": "建议", "challenge": challenge, "answer": a + b})
        listed = client.get("/api/v1/public/legislation/drafts/").json()[0]
        a, b = (int(x) for x in listed["challenge"].split(":")[:2])
        api = client.post(
            f"/api/v1/public/legislation/drafts/{consulting.pk}/comments/",
            {"content": "意见", "challenge": listed["challenge"], "answer": a + b},
            content_type="application/json",
        )
    code = sent.context["sent"].tracking_code
    assert code in sent.content.decode()
    assert len(api.json()["tracking_code"]) == 8
