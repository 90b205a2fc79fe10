"""Corrections by hand to the automatic split: an article edited, split in two at a paragraph, merged into the
previous one — on the structure page and in the API, refused on a stale form, comments kept on their article."""

import pytest
from django.urls import reverse

from renda.core.services import StaleEditError
from renda.legislation import services
from renda.legislation.models import Channel, Comment, DraftArticle
from renda.legislation.tests.conftest import OPEN, at


def _rows(draft):
    return list(services.current_version(draft).texts.select_related("article").order_by("position"))


def _by_number(draft, number):
    return next(t for t in _rows(draft) if t.number == number)


def _comment(draft, row, content, deputy_user):
    with at(OPEN):
        return services.comment_add(
            draft=draft, article=row.article, content=content, channel=Channel.DEPUTY, actor=deputy_user
        )


def test_split_keeps_comments_on_the_first_part_unless_moved(consulting, clerk, deputy_user):
    row = _by_number(consulting, 3)  # 种类分为： (一) (二) (三) 对违反治安管理的外国人…
    stays = _comment(consulting, row, "罚款数额应明确", deputy_user)
    moves = _comment(consulting, row, "外国人限期出境应写明程序", deputy_user)
    with at(OPEN):
        second = services.article_split(
            text_row=row, at=5, move_comments=[moves], expected_version=consulting.version, actor=clerk
        )
    first = _by_number(consulting, 3)
    assert first.text.split("\n") == [
        "治安管理处罚的种类分为：",
        "（一）警告；",
        "（二）罚款；",
        "（三）行政拘留。",
    ]
    assert (second.number, second.text, second.chapter) == (
        4,
        "对违反治安管理的外国人，可以附加适用限期出境。",
        first.chapter,
    )
    assert [t.position for t in _rows(consulting)] == [1, 2, 3, 4, 5]
    assert [t.number for t in _rows(consulting)] == [1, 2, 3, 4, 4]  # the office renumbers by hand if need be
    assert Comment.objects.get(pk=stays.pk).article == first.article
    assert Comment.objects.get(pk=moves.pk).article == second.article
    consulting.refresh_from_db()
    assert "拆分" in consulting.events.last().note


def test_split_takes_the_number_its_paragraph_names(consulting, clerk):
    row = _by_number(consulting, 4)
    with at(OPEN):
        services.article_correct(
            text_row=row, number=4, chapter=row.chapter, text=f"{row.text}\n第五条 本法自公布之日起施行。",
            expected_version=consulting.version, actor=clerk,
        )  # fmt: skip
        consulting.refresh_from_db()
        second = services.article_split(text_row=row, at=2, expected_version=consulting.version, actor=clerk)
    assert (second.number, second.text) == (5, "本法自公布之日起施行。")


def test_split_needs_a_paragraph_after_the_first(consulting, clerk):
    row = _by_number(consulting, 1)
    with at(OPEN), pytest.raises(Exception) as error:
        services.article_split(text_row=row, at=1, expected_version=consulting.version, actor=clerk)
    assert "请选择" in str(error.value)


def test_merge_moves_the_comments_to_the_merged_article(consulting, clerk, deputy_user):
    first, second = _by_number(consulting, 1), _by_number(consulting, 2)
    on_second = _comment(consulting, second, "应写明坚持党的领导的方式", deputy_user)
    with at(OPEN):
        merged = services.article_merge(text_row=second, expected_version=consulting.version, actor=clerk)
    assert merged.pk == first.pk
    assert merged.text.split("\n")[-1] == "第二条 治安管理工作坚持中国共产党的领导。"
    assert Comment.objects.get(pk=on_second.pk).article == first.article
    assert not DraftArticle.objects.filter(pk=second.article_id).exists()
    assert [(t.position, t.number) for t in _rows(consulting)] == [(1, 1), (2, 3), (3, 4)]
    with at(OPEN), pytest.raises(Exception) as error:
        consulting.refresh_from_db()
        services.article_merge(text_row=merged, expected_version=consulting.version, actor=clerk)
    assert "第一条" in str(error.value)


def test_stale_correction_form_is_refused(consulting, clerk):
    read_at = consulting.version
    row = _by_number(consulting, 2)
    with at(OPEN):
        services.article_correct(
            text_row=row, number=2, chapter=row.chapter, text="甲", expected_version=read_at, actor=clerk
        )
        with pytest.raises(StaleEditError):
            services.article_correct(
                text_row=row, number=2, chapter=row.chapter, text="乙", expected_version=read_at, actor=clerk
            )
        with pytest.raises(StaleEditError):
            services.article_merge(text_row=row, expected_version=read_at, actor=clerk)
    assert _by_number(consulting, 2).text == "甲"


def test_structure_page_splits_and_merges_in_the_browser(client, consulting, clerk, deputy_user):
    row = _by_number(consulting, 3)
    url = reverse("legislation:structure", args=[consulting.pk])
    client.force_login(deputy_user)
    assert client.get(url).status_code == 404
    assert client.get(reverse("legislation:article_split", args=[row.pk])).status_code == 404
    client.force_login(clerk)
    page = client.get(url).content.decode()
    assert (
        "第3条" in page
        and "（一）警告；" in page
        and reverse("legislation:article_split", args=[row.pk]) in page
    )
    stale = consulting.version
    with at(OPEN):
        done = client.post(
            reverse("legislation:article_split", args=[row.pk]),
            {"at": 5, "expected_version": consulting.version},
        )
        assert done.status_code == 302
        refused = client.post(
            reverse("legislation:article_merge", args=[_by_number(consulting, 2).pk]),
            {"expected_version": stale},
        )
    assert "已被他人修改" in refused.content.decode()
    assert len(_rows(consulting)) == 5


def test_corrections_through_the_api(client, consulting, clerk, deputy_user):
    row = _by_number(consulting, 3)
    on_row = _comment(consulting, row, "外国人", deputy_user)
    client.force_login(deputy_user)
    assert client.post(f"/api/v1/legislation/articles/{row.pk}/merge/", {"version": 1}).status_code == 404
    client.force_login(clerk)
    version = client.get(f"/api/v1/legislation/drafts/{consulting.pk}/").json()["version"]
    with at(OPEN):
        split = client.post(
            f"/api/v1/legislation/articles/{row.pk}/split/",
            {"at": 5, "number": 9, "move_comments": [on_row.pk], "version": version},
            content_type="application/json",
        )
        assert split.status_code == 200, split.json()
        body = split.json()
        assert [t["number"] for t in body["texts"]] == [1, 2, 3, 9, 4]
        stale = client.post(
            f"/api/v1/legislation/articles/{row.pk}/correct/",
            {"number": 3, "text": "x", "version": version},
            content_type="application/json",
        )
        assert stale.status_code == 409
        new_part = body["texts"][3]["id"]
        merged = client.post(
            f"/api/v1/legislation/articles/{new_part}/merge/",
            {"version": body["version"]},
            content_type="application/json",
        )
        assert merged.status_code == 200
    assert (
        Comment.objects.get(pk=on_row.pk).article_id == row.article_id
    )  # moved with the part, back on merge
    assert [t["number"] for t in merged.json()["texts"]] == [1, 2, 3, 4]
