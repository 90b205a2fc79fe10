"""The consultation from receipt to adoption through the services, and each rule it enforces."""

import datetime
import io

import docx
import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from renda.core.models import Notification
from renda.legislation import selectors, services
from renda.legislation.docx import report
from renda.legislation.models import Adoption, ArticleChange, Channel, DraftState
from renda.legislation.tests.conftest import CLOSE, OPEN, RECEIVED, TEXT_2, at


def _articles(draft, number=None):
    version = services.current_version(draft) if number is None else draft.versions.get(number=number)
    return {t.number: t for t in version.texts.select_related("article")}


def test_received_draft_is_split_into_articles(draft):
    assert draft.state == DraftState.RECEIVED
    texts = _articles(draft)
    assert sorted(texts) == [1, 2, 3, 4]
    assert texts[3].chapter == "第二章 处罚的种类和适用"
    assert draft.events.get().action == "收到草案"


def test_a_draft_without_articles_is_refused(clerk):
    with pytest.raises(ValidationError) as error:
        services.draft_receive(
            title="空", issuing_body="省人大常委会", level="province", received_on=RECEIVED,
            report_due=RECEIVED, text="没有条文的文本", actor=clerk,
        )  # fmt: skip
    assert "text" in error.value.error_dict


def test_consultation_window_of_at_least_30_days(draft, clerk):
    """【国】 立法法 Art. 40: a draft is open for public comment for at least 30 days (both ends counted)."""
    with at(OPEN), pytest.raises(ValidationError) as error:
        services.draft_open(
            draft=draft, opens_on=OPEN, closes_on=CLOSE - datetime.timedelta(days=1), actor=clerk
        )
    assert error.value.error_dict["closes_on"][0].code == "window_too_short"
    with at(OPEN):
        opened = services.draft_open(draft=draft, opens_on=OPEN, closes_on=CLOSE, actor=clerk)
    assert opened.state == DraftState.CONSULTING


def test_shorter_internal_deadline_is_allowed_within_the_window(draft, clerk):
    internal = OPEN + datetime.timedelta(days=15)
    with at(OPEN):
        opened = services.draft_open(
            draft=draft, opens_on=OPEN, closes_on=CLOSE, internal_due=internal, actor=clerk
        )
    assert opened.internal_due == internal
    draft.refresh_from_db()
    with at(OPEN), pytest.raises(ValidationError):
        services.draft_open(
            draft=draft,
            opens_on=OPEN,
            closes_on=CLOSE,
            internal_due=CLOSE + datetime.timedelta(days=1),
            actor=clerk,
        )


def test_only_the_office_opens_a_consultation(draft, deputy_user):
    with at(OPEN), pytest.raises(PermissionDenied):
        services.draft_open(draft=draft, opens_on=OPEN, closes_on=CLOSE, actor=deputy_user)


def test_comments_stay_on_their_article_across_versions(consulting, clerk, deputy_user, keeper):
    """A new version is aligned article by article: moved, changed, new and deleted shown; every comment stays
    on its article."""
    first = _articles(consulting)
    with at(OPEN + datetime.timedelta(days=2)):
        on_two = services.comment_add(
            draft=consulting, article=first[2].article, content="建议增加综合治理的表述", channel=Channel.DEPUTY,
            actor=deputy_user,
        )  # fmt: skip
        on_four = services.comment_submit_public(
            draft=consulting, article=first[4].article, content="监护人责任应当更明确", contact="13800001234"
        )
        on_one = services.comment_add(
            draft=consulting, article=first[1].article, content="立法目的可以再完善", channel=Channel.STATION,
            actor=keeper,
        )  # fmt: skip
        services.version_add(draft=consulting, label="二次审议稿", text=TEXT_2, actor=clerk)
    second = _articles(consulting)
    assert second[1].article == first[2].article and second[1].change == ArticleChange.CHANGED
    assert second[2].article == first[4].article and second[2].change == ArticleChange.MOVED
    assert second[2].previous_number == 4
    assert second[3].article == first[3].article and second[3].change == ArticleChange.SAME
    assert second[4].change == ArticleChange.NEW
    version = services.current_version(consulting)
    assert [t.number for t in services.deleted_articles(version)] == [1]
    on_two.refresh_from_db()
    on_four.refresh_from_db()
    assert on_two.article == second[1].article and on_four.article == second[2].article
    assert on_one.article == first[1].article  # the deleted article keeps its comment
    counts = {t.number: t.comment_count for t in selectors.version_texts(version)}
    assert counts == {1: 1, 2: 1, 3: 0, 4: 0}
    assert "修改1条" in consulting.events.last().note and "删除1条" in consulting.events.last().note


def test_public_comment_needs_no_account_and_is_limited_per_address(consulting):
    for _ in range(5):
        with at(OPEN):
            services.comment_submit_public(draft=consulting, content="意见", client_hash="abc")
    with at(OPEN), pytest.raises(ValidationError) as error:
        services.comment_submit_public(draft=consulting, content="意见", client_hash="abc")
    assert error.value.code == "throttled"


def test_comments_only_within_the_window(consulting, deputy_user):
    with at(CLOSE + datetime.timedelta(days=1)), pytest.raises(ValidationError) as error:
        services.comment_submit_public(draft=consulting, content="晚了")
    assert error.value.code == "not_consulting"
    with at(CLOSE + datetime.timedelta(days=1)), pytest.raises(ValidationError):
        services.comment_add(draft=consulting, content="晚了", channel=Channel.DEPUTY, actor=deputy_user)


def test_a_deputy_comments_only_as_themself(consulting, keeper):
    with at(OPEN), pytest.raises(PermissionDenied):
        services.comment_add(draft=consulting, content="意见", channel=Channel.DEPUTY, actor=keeper)


def test_symposium_with_its_comments(consulting, keeper):
    article = _articles(consulting)[3].article
    with at(OPEN + datetime.timedelta(days=5)):
        symposium = services.symposium_record(
            draft=consulting, held_on=OPEN + datetime.timedelta(days=5), place="九驿街道立法联络站",
            attendees="居民代表、律师", attendee_count=12, minutes="讨论处罚种类",
            comments=[(article, "罚款数额应当与经济发展相适应"), (None, "建议加强普法")], actor=keeper,
        )  # fmt: skip
    assert symposium.station == keeper.station
    assert list(symposium.comments.values_list("channel", "station")) == [
        (Channel.SYMPOSIUM, keeper.station.pk),
        (Channel.SYMPOSIUM, keeper.station.pk),
    ]


def test_the_window_closes_by_the_daily_tick_idempotently(consulting):
    assert services.consultations_expire(today=CLOSE) == {"consultations_closed": 0}
    with at(CLOSE + datetime.timedelta(days=1)):
        assert services.consultations_expire(today=CLOSE + datetime.timedelta(days=1)) == {
            "consultations_closed": 1
        }
        assert services.consultations_expire(today=CLOSE + datetime.timedelta(days=1)) == {
            "consultations_closed": 0
        }
    consulting.refresh_from_db()
    assert consulting.state == DraftState.SORTING


def _sorted_and_reported(consulting, clerk, deputy_user):
    article = _articles(consulting)[4].article
    with at(OPEN + datetime.timedelta(days=3)):
        a = services.comment_add(
            draft=consulting,
            article=article,
            content="应明确监护人责任",
            channel=Channel.DEPUTY,
            actor=deputy_user,
        )
        b = services.comment_submit_public(draft=consulting, article=article, content="应明确监护人责任。")
        services.comment_submit_public(draft=consulting, content="整体很好")
    with at(CLOSE):
        services.draft_close(draft=consulting, actor=clerk)
        services.comment_merge(comment=b, into=a, actor=clerk)
        opinion = services.opinion_write(
            draft=consulting, article=article, text="建议规定监护人的具体管教措施", reason="便于执行", comments=[a],
            actor=clerk,
        )  # fmt: skip
        services.draft_report(draft=consulting, reported_on=CLOSE, actor=clerk)
    return opinion, a, b


def test_sorting_merging_and_the_upward_report(consulting, clerk, deputy_user):
    opinion, a, b = _sorted_and_reported(consulting, clerk, deputy_user)
    b.refresh_from_db()
    assert b.merged_into == a and b.opinion == opinion  # the duplicate follows its comment
    assert selectors.opinions_of(consulting).get().source_count == 2
    consulting.refresh_from_db()
    assert consulting.state == DraftState.REPORTED and consulting.reported_on == CLOSE
    document = docx.Document(io.BytesIO(report(consulting)))
    cells = [cell.text for cell in document.tables[0].rows[1].cells]
    assert cells[1].startswith("第4条") and cells[2] == "建议规定监护人的具体管教措施" and cells[4] == "2"


def test_nothing_to_report_without_an_opinion(consulting, clerk):
    with at(CLOSE):
        services.draft_close(draft=consulting, actor=clerk)
        with pytest.raises(ValidationError) as error:
            services.draft_report(draft=consulting, reported_on=CLOSE, actor=clerk)
    assert error.value.code == "invalid_transition"


def test_adoption_is_recorded_and_contributors_told(
    consulting, clerk, deputy_user, django_capture_on_commit_callbacks
):
    opinion, _a, _b = _sorted_and_reported(consulting, clerk, deputy_user)
    passed = CLOSE + datetime.timedelta(days=60)
    final = TEXT_2.replace("严加管教。", "严加管教，必要时依法予以专门矫治教育。")
    with at(passed):
        version = services.final_text_add(draft=consulting, passed_on=passed, text=final, actor=clerk)
        assert (
            selectors.adoption_hint(opinion, selectors.reported_version(consulting), version)
            == "该条在通过文本中有修改"
        )
        with pytest.raises(ValidationError) as error:
            services.draft_conclude(draft=consulting, actor=clerk)
        assert error.value.code == "adoption_pending"
        services.opinion_adoption_record(
            opinion=opinion, adoption=Adoption.PARTLY, note="增加专门矫治教育", actor=clerk
        )
        with django_capture_on_commit_callbacks(execute=True):
            services.draft_conclude(draft=consulting, actor=clerk)
    consulting.refresh_from_db()
    assert consulting.state == DraftState.CONCLUDED
    assert Notification.objects.filter(recipient=deputy_user, title__contains="1条整理意见被采纳").exists()
    assert selectors.public_drafts().get(pk=consulting.pk).adopted_count == 1
    figures = selectors.year_figures(2026)
    assert figures["sentence"] == "围绕1部法律法规草案，收集报送意见建议3条，2条被采纳"


def test_outreach_work_of_a_keeper_is_their_stations(keeper, clerk):
    with at(OPEN):
        work = services.outreach_work_record(
            kind="training", held_on=OPEN, title="信息员业务培训", count=30, actor=keeper
        )
        services.outreach_work_record(
            kind="mediation", held_on=OPEN, title="邻里纠纷调处", count=4, station=keeper.station, actor=clerk
        )
    assert work.station == keeper.station
    figures = selectors.year_figures(2026)
    assert figures["work"]["training"]["events"] == 1 and figures["work"]["mediation"]["people"] == 4
    with at(OPEN), pytest.raises(ValidationError):
        services.outreach_work_record(
            kind="training", held_on=OPEN + datetime.timedelta(days=1), title="x", actor=keeper
        )


def test_to_dos_of_the_office_and_the_stations_asked(consulting, clerk, keeper, deputy_user):
    from renda.legislation.platform import _office_to_report, _open_for_comment

    assert [t.title for t in _open_for_comment(keeper)] == [f"对法规草案提出意见：{consulting.title}"]
    assert _open_for_comment(deputy_user) == []  # not among the deputies asked
    with at(CLOSE):
        services.draft_close(draft=consulting, actor=clerk)
    assert [t.title for t in _office_to_report(clerk)] == [f"整理报送立法意见：{consulting.title}"]
