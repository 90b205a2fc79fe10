"""Pages of the deputy: 我的建议, drafting, attachments, co-signers, submission."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from renda.core.roles import Role
from renda.deputies.tests.factories import DeputyFactory
from renda.suggestions.models import Cosigner, State, Suggestion
from renda.suggestions.tests import flow
from renda.suggestions.tests.factories import SuggestionCategoryFactory, SuggestionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded and generated files go to a temporary directory."""
    settings.MEDIA_ROOT = tmp_path


PDF = b"%PDF-1.4 test"


def test_mine_renders_for_a_deputy_and_404s_for_other_roles(client, deputy_user, unit_user, clerk):
    SuggestionFactory(lead_deputy=deputy_user.deputy, title="关于修缮村小学的建议")
    client.force_login(deputy_user)
    response = client.get(reverse("suggestions:mine"))
    assert response.status_code == 200
    assert "关于修缮村小学的建议" in response.content.decode()
    for user in (unit_user, clerk):
        client.force_login(user)
        assert client.get(reverse("suggestions:mine")).status_code == 404


def test_mine_asks_anonymous_users_to_log_in(client):
    response = client.get(reverse("suggestions:mine"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_mine_query_count_does_not_grow_with_rows(
    client, deputy_user, clerk, unit_user, django_assert_num_queries
):
    def make(n):
        for _ in range(n):
            flow.replied(clerk, deputy_user, unit_user)

    make(3)
    client.force_login(deputy_user)
    url = reverse("suggestions:mine")
    with CaptureQueriesContext(connection) as three:
        assert client.get(url).status_code == 200
    make(17)
    with django_assert_num_queries(len(three)):
        response = client.get(url)
    assert response.content.decode().count("评价</a>") == 20


def test_deputy_drafts_a_suggestion_with_an_attachment(client, deputy_user):
    category = SuggestionCategoryFactory()
    client.force_login(deputy_user)
    assert client.get(reverse("suggestions:create")).status_code == 200
    response = client.post(
        reverse("suggestions:create"),
        {
            "kind": "suggestion",
            "title": "关于增设公交站点的建议",
            "content": "建议在县医院门口增设公交站点。",
            "category": category.pk,
            "timing": "between_sessions",
            "attachments": [SimpleUploadedFile("现场照片.pdf", PDF, content_type="application/pdf")],
        },
    )
    suggestion = Suggestion.objects.get(title="关于增设公交站点的建议")
    assert response.status_code == 302
    assert response["Location"] == reverse("suggestions:detail", args=[suggestion.pk])
    assert suggestion.lead_deputy == deputy_user.deputy
    assert suggestion.state == State.DRAFT
    assert suggestion.attachments.get().name == "现场照片.pdf"
    download = client.get(reverse("suggestions:attachment", args=[suggestion.attachments.get().pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF


def test_draft_form_shows_chinese_errors_beside_fields(client, deputy_user):
    client.force_login(deputy_user)
    response = client.post(
        reverse("suggestions:create"),
        {
            "kind": "suggestion",
            "title": "",
            "content": "内容",
            "timing": "during_session",
            "attachments": [SimpleUploadedFile("病毒.exe", b"MZ", content_type="application/octet-stream")],
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["title"] == ["该字段是必填项。"]
    assert form.errors["congress_session"] == ["大会期间提出的建议须选择人代会会议。"]
    assert "类型不支持" in form.errors["attachments"][0]
    assert "invalid-feedback" in response.content.decode()
    assert not Suggestion.objects.exists()


def test_attachment_content_must_match_its_type(client, deputy_user):
    draft = SuggestionFactory(lead_deputy=deputy_user.deputy)
    client.force_login(deputy_user)
    response = client.post(
        reverse("suggestions:attachments", args=[draft.pk]),
        {"files": [SimpleUploadedFile("伪装.pdf", b"not a pdf")]},
    )
    assert response.status_code == 200
    assert "内容与文件类型不符" in response.context["form"].errors["files"][0]
    assert not draft.attachments.exists()


def test_stale_edit_is_rejected_with_a_chinese_message(client, deputy_user):
    draft = SuggestionFactory(lead_deputy=deputy_user.deputy, title="原标题")
    client.force_login(deputy_user)
    page = client.get(reverse("suggestions:edit", args=[draft.pk]))
    version = page.context["form"].initial["version"]
    data = {"kind": "suggestion", "title": "第一次修改", "content": "内容", "timing": "between_sessions"}
    assert (
        client.post(reverse("suggestions:edit", args=[draft.pk]), {**data, "version": version}).status_code
        == 302
    )
    stale = client.post(
        reverse("suggestions:edit", args=[draft.pk]), {**data, "title": "过时的修改", "version": version}
    )
    assert stale.status_code == 200
    assert "已被他人修改" in stale.content.decode()
    draft.refresh_from_db()
    assert draft.title == "第一次修改"


def test_only_the_author_edits_a_draft(client, deputy_user, make_user):
    draft = SuggestionFactory(lead_deputy=deputy_user.deputy)
    other = make_user(Role.DEPUTY, deputy=DeputyFactory())
    client.force_login(other)
    assert client.get(reverse("suggestions:detail", args=[draft.pk])).status_code == 404
    assert client.get(reverse("suggestions:edit", args=[draft.pk])).status_code == 404


def test_cosigners_found_by_pinyin_invited_confirmed_and_submitted(client, deputy_user, make_user):
    draft = SuggestionFactory(lead_deputy=deputy_user.deputy)
    colleague = DeputyFactory(name="李晓梅", name_initials="lxm", name_pinyin="lixiaomei")
    colleague_user = make_user(Role.DEPUTY, deputy=colleague)
    client.force_login(deputy_user)
    url = reverse("suggestions:cosigners", args=[draft.pk])
    found = client.get(url, {"q": "lxm"}, headers={"HX-Request": "true"})
    assert "李晓梅" in found.content.decode()
    assert "<html" not in found.content.decode()
    assert client.post(url, {"deputies": [colleague.pk]}).status_code == 302
    cosigner = Cosigner.objects.get(suggestion=draft, deputy=colleague)

    client.force_login(colleague_user)
    mine = client.get(reverse("suggestions:mine"))
    assert "待确认的附议邀请" in mine.content.decode()
    client.post(reverse("suggestions:cosigner_respond", args=[cosigner.pk]), {"confirm": "1"})
    cosigner.refresh_from_db()
    assert cosigner.status == Cosigner.Status.CONFIRMED

    client.force_login(deputy_user)
    detail = client.get(reverse("suggestions:detail", args=[draft.pk]))
    assert "提交</button>" in detail.content.decode()
    client.post(reverse("suggestions:submit", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.state == State.SUBMITTED


def test_lead_deputy_drops_an_unconfirmed_cosigner(client, deputy_user):
    draft = SuggestionFactory(lead_deputy=deputy_user.deputy)
    cosigner = Cosigner.objects.create(suggestion=draft, deputy=DeputyFactory())
    client.force_login(deputy_user)
    response = client.post(reverse("suggestions:cosigner_drop", args=[cosigner.pk]))
    assert response.status_code == 302
    assert not Cosigner.objects.filter(pk=cosigner.pk).exists()


def test_motion_without_enough_signers_cannot_be_submitted(client, deputy_user):
    draft = SuggestionFactory(lead_deputy=deputy_user.deputy, kind="motion")
    client.force_login(deputy_user)
    detail = client.get(reverse("suggestions:detail", args=[draft.pk]))
    assert "提交议案</button>" in detail.content.decode()
    response = client.post(reverse("suggestions:submit", args=[draft.pk]), follow=True)
    assert "10名以上代表联名" in response.content.decode()
    draft.refresh_from_db()
    assert draft.state == State.DRAFT
