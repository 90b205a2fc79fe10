"""The pages and the API from upload to adoption, as the office, a deputy, a keeper and the public use them."""

import datetime
import io

import docx
import pytest
from django.urls import reverse

from renda.legislation import services
from renda.legislation.models import Adoption, Comment, Draft, DraftState
from renda.legislation.tests.conftest import CLOSE, OPEN, RECEIVED, TEXT, TEXT_2, at


def _docx(text: str) -> io.BytesIO:
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    buffer.seek(0)
    buffer.name = "草案.docx"
    return buffer


def test_office_uploads_a_docx_and_opens_the_consultation_in_the_browser(client, clerk, keeper):
    client.force_login(clerk)
    with at(RECEIVED):
        response = client.post(
            reverse("legislation:create"),
            {"title": "治安管理处罚法（修订草案）", "issuing_body": "全国人大常委会法工委", "level": "national",
             "received_on": RECEIVED, "report_due": "2026-04-10", "upload": _docx(TEXT)},
        )  # fmt: skip
    draft = Draft.objects.get()
    assert response.status_code == 302 and draft.articles.count() == 4
    with at(OPEN):
        short = client.post(
            reverse("legislation:open", args=[draft.pk]),
            {"opens_on": OPEN, "closes_on": CLOSE - datetime.timedelta(days=1)},
        )
    assert "不得少于30日" in short.content.decode()  # the error beside the field
    with at(OPEN):
        client.post(
            reverse("legislation:open", args=[draft.pk]),
            {"opens_on": OPEN, "closes_on": CLOSE, "stations": [keeper.station.pk]},
        )
    draft.refresh_from_db()
    assert draft.state == DraftState.CONSULTING
    page = client.get(reverse("legislation:draft", args=[draft.pk]))
    assert "第二章 处罚的种类和适用" in page.content.decode()


def test_public_page_takes_a_comment_without_an_account_and_keeps_the_contact_private(
    client, consulting, clerk
):
    article = services.current_version(consulting).texts.get(number=2).article
    url = reverse("legislation_public:draft", args=[consulting.pk])
    with at(OPEN):
        page = client.get(url)
        challenge = page.context["form"]["challenge"].value()
        a, b = (int(x) for x in challenge.split(":")[:2])
        client.post(
            url,
            {"article": article.pk, "content": "建议写明综合治理", "contact": "13912345678", "challenge": challenge,
             "answer": a + b},
        )  # fmt: skip
        wrong = client.post(url, {"content": "x", "challenge": challenge, "answer": a + b + 1})
    comment = Comment.objects.get()
    assert comment.article == article and comment.contact == "13912345678"
    assert "验证问题回答不正确" in wrong.content.decode()
    assert "13912345678" not in client.get(url).content.decode()
    client.force_login(clerk)
    assert "13912345678" in client.get(reverse("legislation:draft", args=[consulting.pk])).content.decode()


def test_contact_masked_for_a_keeper(client, consulting, keeper):
    with at(OPEN):
        services.comment_add(
            draft=consulting, content="信息员收集", channel="station", contact="13912345678", actor=keeper
        )
    client.force_login(keeper)
    body = client.get(reverse("legislation:draft", args=[consulting.pk])).content.decode()
    assert "信息员收集" in body and "13912345678" not in body


def test_deputy_comments_on_an_article_and_a_unit_sees_nothing(client, consulting, deputy_user, make_user):
    article = services.current_version(consulting).texts.get(number=4).article
    client.force_login(deputy_user)
    with at(OPEN):
        response = client.post(
            reverse("legislation:comment_create", args=[consulting.pk]),
            {"article": article.pk, "channel": "deputy", "content": "监护人责任"},
        )
    assert response.status_code == 302
    assert Comment.objects.get().deputy == deputy_user.deputy
    from renda.core.roles import Role
    from renda.org.tests.factories import HandlingUnitFactory

    client.force_login(make_user(Role.UNIT, handling_unit=HandlingUnitFactory()))
    assert client.get(reverse("legislation:draft", args=[consulting.pk])).status_code == 404


def test_the_whole_way_through_the_api(
    client, clerk, deputy_user, keeper, django_capture_on_commit_callbacks
):
    """Upload, 30-day consultation, per-article comments, a second version keeping them, the report, adoption."""
    client.force_login(clerk)
    with at(RECEIVED):
        created = client.post(
            "/api/v1/legislation/drafts/",
            {"title": "治安管理处罚法（修订草案）", "issuing_body": "全国人大常委会法工委", "level": "national",
             "received_on": RECEIVED, "report_due": "2026-04-10", "text": TEXT},
            content_type="application/json",
        )  # fmt: skip
    assert created.status_code == 201, created.json()
    draft = created.json()
    pk = draft["id"]
    articles = {t["number"]: t["article"] for t in draft["versions"][0]["texts"]}
    with at(OPEN):
        short = client.post(
            f"/api/v1/legislation/drafts/{pk}/open/",
            {"opens_on": OPEN, "closes_on": CLOSE - datetime.timedelta(days=1)},
            content_type="application/json",
        )
        assert short.status_code == 400
        opened = client.post(
            f"/api/v1/legislation/drafts/{pk}/open/", {"opens_on": OPEN, "closes_on": CLOSE},
            content_type="application/json",
        )  # fmt: skip
        assert opened.json()["state"] == "consulting"
        client.force_login(deputy_user)
        comment = client.post(
            f"/api/v1/legislation/drafts/{pk}/comments/",
            {"article": articles[4], "channel": "deputy", "content": "监护人责任应明确"},
            content_type="application/json",
        )
        assert comment.status_code == 201, comment.json()
        client.force_login(clerk)
        version = client.post(
            f"/api/v1/legislation/drafts/{pk}/versions/", {"label": "二次审议稿", "text": TEXT_2},
            content_type="application/json",
        )  # fmt: skip
    second = version.json()["versions"][1]
    moved = next(t for t in second["texts"] if t["article"] == articles[4])
    assert moved["number"] == 2 and moved["change"] == "moved"
    assert second["deleted"] == [articles[1]]
    with at(CLOSE):
        client.post(f"/api/v1/legislation/drafts/{pk}/close/")
        opinion = client.post(
            f"/api/v1/legislation/drafts/{pk}/opinions/",
            {"article": articles[4], "text": "建议规定管教措施", "comments": [comment.json()["id"]]},
            content_type="application/json",
        ).json()
        assert opinion["source_count"] == 0 or opinion["id"]
        reported = client.post(
            f"/api/v1/legislation/drafts/{pk}/report/",
            {"reported_on": CLOSE},
            content_type="application/json",
        )
        assert reported.json()["state"] == "reported"
        document = client.get(f"/api/v1/legislation/drafts/{pk}/report-document/")
        assert document.status_code == 200 and document.content[:2] == b"PK"
    passed = CLOSE + datetime.timedelta(days=30)
    with at(passed):
        client.post(
            f"/api/v1/legislation/drafts/{pk}/final/", {"passed_on": passed, "text": TEXT_2},
            content_type="application/json",
        )  # fmt: skip
        adopted = client.post(
            f"/api/v1/legislation/opinions/{opinion['id']}/adopt/", {"adoption": Adoption.NOT},
            content_type="application/json",
        )  # fmt: skip
        assert adopted.json()["adoption"] == "not"
        with django_capture_on_commit_callbacks(execute=True):
            done = client.post(f"/api/v1/legislation/drafts/{pk}/conclude/")
    assert done.json()["state"] == "concluded"
    public = client.get("/api/v1/public/legislation/drafts/").json()
    assert public[0]["adopted_count"] == 0 and public[0]["comment_count"] == 1


@pytest.mark.parametrize("name", ["legislation:list", "legislation:work", "legislation:statistics"])
def test_lists_and_statistics_render(client, clerk, consulting, name):
    client.force_login(clerk)
    assert client.get(reverse(name)).status_code == 200
    assert client.get(reverse(name) + "?export=xlsx").status_code == 200


def test_keeper_records_outreach_work_for_their_station(client, keeper):
    client.force_login(keeper)
    with at(OPEN):
        response = client.post(
            reverse("legislation:work_create"),
            {"kind": "training", "held_on": OPEN, "title": "信息员培训", "count": 25},
        )
    assert response.status_code == 302
    assert keeper.station.outreach_work.get().count == 25


def test_the_drafts_list_costs_the_same_queries_for_more_rows(
    client, clerk, draft, django_assert_max_num_queries
):
    """House rule 10: the list's counts come from the database, not a query per row."""
    client.force_login(clerk)
    client.get(reverse("legislation:list"))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(reverse("legislation:list"))
    with at(RECEIVED):
        for n in range(3):
            services.draft_receive(
                title=f"草案{n}", issuing_body="省人大常委会", level="province", received_on=RECEIVED,
                report_due=RECEIVED, text=TEXT, actor=clerk,
            )  # fmt: skip
    with django_assert_max_num_queries(len(one)):
        client.get(reverse("legislation:list"))


def test_office_corrects_an_article_by_hand(client, clerk, draft):
    row = services.current_version(draft).texts.get(number=3)
    client.force_login(clerk)
    response = client.post(
        reverse("legislation:article_edit", args=[row.pk]),
        {
            "number": 3,
            "chapter": "第二章 处罚的种类和适用",
            "text": "治安管理处罚的种类分为警告、罚款和拘留。",
            "expected_version": draft.version,
        },
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.text == "治安管理处罚的种类分为警告、罚款和拘留。"
    assert draft.events.last().action == "校正条文"


def test_dashboard_and_public_page_show_the_adoption(client, clerk, consulting, deputy_user):
    with at(OPEN):
        article = services.current_version(consulting).texts.get(number=2).article
        comment = services.comment_add(
            draft=consulting, article=article, content="意见", channel="deputy", actor=deputy_user
        )
    with at(CLOSE):
        services.draft_close(draft=consulting, actor=clerk)
        opinion = services.opinion_write(
            draft=consulting, article=article, text="修改", comments=[comment], actor=clerk
        )
        services.draft_report(draft=consulting, reported_on=CLOSE, actor=clerk)
        services.final_text_add(draft=consulting, passed_on=CLOSE, text=TEXT_2, actor=clerk)
        services.opinion_adoption_record(opinion=opinion, adoption=Adoption.FULL, actor=clerk)
        services.draft_conclude(draft=consulting, actor=clerk)
    body = client.get(reverse("legislation_public:draft", args=[consulting.pk])).content.decode()
    assert "1条被采纳" in body or "中1条被采纳" in body
    assert "1条意见被采纳" in client.get(reverse("legislation_public:drafts")).content.decode()
    client.force_login(clerk)
    with at(CLOSE):
        dashboard = client.get(reverse("suggestions:dashboard") + "?year=2026").content.decode()
    assert "围绕1部法律法规草案，收集报送意见建议1条，1条被采纳" in dashboard


def test_public_api_comment_without_an_account(client, consulting):
    with at(OPEN):
        listed = client.get("/api/v1/public/legislation/drafts/").json()[0]
        a, b = (int(x) for x in listed["challenge"].split(":")[:2])
        article = listed["texts"][0]["article"]
        sent = client.post(
            f"/api/v1/public/legislation/drafts/{consulting.pk}/comments/",
            {"article": article, "content": "意见", "contact": "13912345678", "challenge": listed["challenge"],
             "answer": a + b},
            content_type="application/json",
        )  # fmt: skip
        robot = client.post(
            f"/api/v1/public/legislation/drafts/{consulting.pk}/comments/",
            {"content": "x", "challenge": listed["challenge"], "answer": a + b, "website": "spam"},
            content_type="application/json",
        )  # fmt: skip
    assert sent.status_code == 201 and robot.status_code == 400
    assert Comment.objects.get().article_id == article
    assert "13912345678" not in str(client.get("/api/v1/public/legislation/drafts/").json())


def test_comments_list_filters_and_exports_with_the_contact_masked_for_a_keeper(
    client, consulting, keeper, clerk
):
    with at(OPEN):
        services.comment_add(
            draft=consulting,
            content="信息员收集的意见",
            channel="station",
            contact="13912345678",
            actor=keeper,
        )
        services.comment_submit_public(draft=consulting, content="网上意见")
    client.force_login(keeper)
    page = client.get(reverse("legislation:comments")).content.decode()
    assert "信息员收集的意见" in page and "网上意见" not in page and "13912345678" not in page
    client.force_login(clerk)
    listed = client.get(reverse("legislation:comments") + "?channel=public")
    assert listed.context["total"] == 1
    assert client.get(reverse("legislation:comments") + "?export=xlsx").status_code == 200


def test_office_edits_an_opinion_while_sorting(client, consulting, clerk, deputy_user):
    with at(OPEN):
        article = services.current_version(consulting).texts.get(number=2).article
        comment = services.comment_add(
            draft=consulting, article=article, content="意见", channel="deputy", actor=deputy_user
        )
    with at(CLOSE):
        services.draft_close(draft=consulting, actor=clerk)
        opinion = services.opinion_write(
            draft=consulting, article=article, text="初稿", comments=[comment], actor=clerk
        )
    client.force_login(clerk)
    response = client.post(
        reverse("legislation:opinion_edit", args=[opinion.pk]),
        {"article": article.pk, "text": "修改后的意见", "reason": "理由", "comments": []},
    )
    assert response.status_code == 302
    opinion.refresh_from_db()
    comment.refresh_from_db()
    assert opinion.text == "修改后的意见" and comment.opinion is None
