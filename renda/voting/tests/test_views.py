"""The pages: the voter's phone page with its confirmation, the office's control page, the hall screen's live
part, the result sheet, the list; a vote a user may not see is 404."""

import io

import pytest
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from renda.voting import services
from renda.voting.models import VoteEvent
from renda.voting.tests.conftest import cast

pytestmark = pytest.mark.django_db


def test_a_voter_chooses_confirms_and_sees_voted_without_a_way_to_change(client, voters, new_vote, clerk):
    users = voters(3)
    event = new_vote(users, entitled=5)
    url = reverse("voting:vote", args=[event.pk])
    client.force_login(users[0])
    page = client.get(url).content.decode()
    assert "赞成" in page and "反对" in page and "弃权" in page
    confirm = client.post(url, {"choice": "no"}).content.decode()
    assert "请确认您的选择" in confirm and 'value="no"' in confirm
    assert services.vote_result(event).voted == 0  # nothing cast before the confirmation
    response = client.post(url, {"choice": "no", "confirm": "1"})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "已表决" in page and "确认表决" not in page and "btn-success" not in page
    client.post(url, {"choice": "yes", "confirm": "1"})
    assert services.vote_result(event).count("no") == 1 and services.vote_result(event).count("yes") == 0
    # the office: live count on the screen, close, the result on the screen, the sheet
    client.force_login(clerk)
    live = client.get(reverse("voting:screen_live", args=[event.pk])).content.decode()
    assert "已表决 1 / 3" in live
    assert "every 500ms" in client.get(reverse("voting:screen", args=[event.pk])).content.decode()
    control = reverse("voting:control", args=[event.pk])
    assert "结束表决" in client.get(control).content.decode()
    client.post(reverse("voting:close", args=[event.pk]))
    live = client.get(reverse("voting:screen_live", args=[event.pk])).content.decode()
    assert "应到5人，实到3人，赞成0票，反对1票，弃权0票，未表决2人，未通过" in live
    sheet = client.get(reverse("voting:result_docx", args=[event.pk]))
    text = "\n".join(p.text for p in Document(io.BytesIO(sheet.content)).paragraphs)
    assert "未通过" in text and "记名表决名单" in text and users[0].deputy.name in text
    pdf = client.get(reverse("voting:result_pdf", args=[event.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    printed = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages).replace(
        "\n", ""
    )
    assert "应到5人，实到3人，赞成0票，反对1票，弃权0票，未表决2人，未通过" in printed
    assert "记名表决名单" in printed and users[0].deputy.name in printed
    listing = client.get(reverse("voting:list")).content.decode()
    assert event.title in listing
    # after close, the voters see the named list; others see nothing of the vote
    client.force_login(users[1])
    assert users[0].deputy.name in client.get(url).content.decode()
    outsider = voters(1)[0]
    client.force_login(outsider)
    for name in ["vote", "control", "screen", "screen_live", "result_docx", "result_pdf"]:
        assert client.get(reverse(f"voting:{name}", args=[event.pk])).status_code == 404, name
    assert client.get(reverse("voting:list")).status_code == 403
    client.force_login(users[1])
    assert client.get(control).status_code == 404
    assert client.post(reverse("voting:close", args=[event.pk])).status_code == 404


def test_candidates_page_and_paper_tally_form(client, voters, new_vote, clerk):
    users = voters(3)
    event = new_vote(users, choice_kind="choose", candidates=["甲", "乙", "丙"], max_choices=2)
    url = reverse("voting:vote", args=[event.pk])
    client.force_login(users[0])
    assert "最多选2人" in client.get(url).content.decode()
    ids = [str(o.pk) for o in event.options.order_by("order")]
    assert "最多选2人" in client.post(url, {"choice": ids}).content.decode()  # three is too many
    client.post(url, {"choice": ids[:2], "confirm": "1"})
    assert services.vote_result(event).voted == 1
    paper = new_vote(users, method=VoteEvent.Method.PAPER)
    client.force_login(clerk)
    tally = reverse("voting:tally", args=[paper.pk])
    bad = client.post(tally, {"issued": 3, "returned": 4, "count_yes": 1, "count_no": 0, "count_abstain": 0})
    assert bad.status_code == 400 and "不能多于发出票数" in bad.content.decode()
    client.post(tally, {"issued": 3, "returned": 3, "count_yes": 2, "count_no": 1, "count_abstain": 0})
    client.post(reverse("voting:close", args=[paper.pk]))
    paper.refresh_from_db()
    assert services.vote_result(paper).text == "应到3人，实到3人，赞成2票，反对1票，弃权0票，未表决0人，通过"


def test_a_deputy_s_list_counts_every_voter_s_turnout(voters, new_vote):
    from renda.voting.selectors import votes_listed

    users = voters(3)
    event = new_vote(users)
    cast(event, users[1], "yes")
    row = votes_listed(users[0]).get(pk=event.pk)
    assert (row.voted, row.present) == (1, 3)
