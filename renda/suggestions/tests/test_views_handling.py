"""Pages of the handling unit: 待办 with traffic lights, accept, contacts, joint opinion, reply, commitments."""

import datetime
import io

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from renda.casework import services as casework
from renda.casework.models import AssignmentState
from renda.core.roles import Role
from renda.org.tests.factories import HandlingUnitFactory
from renda.suggestions import services
from renda.suggestions.models import (
    Commitment,
    ContactRecord,
    State,
)
from renda.suggestions.tests import flow
from renda.suggestions.tests.factories import ResultCategoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded and generated files go to a temporary directory."""
    settings.MEDIA_ROOT = tmp_path


def accepted_assignment(clerk, deputy_user, unit_user, **fields):
    suggestion = flow.assigned(clerk, deputy_user, lead=unit_user.handling_unit, **fields)
    return casework.sign_for(assignment=flow.assignment_of(suggestion, unit_user), actor=unit_user)


def contacted_assignment(clerk, deputy_user, unit_user, **fields):
    assignment = accepted_assignment(clerk, deputy_user, unit_user, **fields)
    flow.contact(assignment, unit_user)
    return assignment


def test_todo_renders_for_a_unit_and_404s_for_others(client, clerk, unit_user, deputy_user, member):
    flow.assigned(clerk, deputy_user, lead=unit_user.handling_unit, title="关于改造老旧小区的建议")
    client.force_login(unit_user)
    response = client.get(reverse("suggestions:todo"))
    content = response.content.decode()
    assert "关于改造老旧小区的建议" in content
    assert "正常</span>" in content and "签收</button>" in content and "申请调整" in content
    for user in (clerk, deputy_user, member):
        client.force_login(user)
        assert client.get(reverse("suggestions:todo")).status_code == 404


def test_todo_traffic_lights_say_overdue_and_due_soon_in_words(client, deputy_user, clerk, unit_user):
    today = timezone.localdate()
    for days_ago in (100, 85):
        suggestion = flow.accepted(clerk, deputy_user)
        services.suggestion_assign(
            suggestion=suggestion,
            on=today - datetime.timedelta(days=days_ago),
            lead=unit_user.handling_unit,
            actor=clerk,
        )
    client.force_login(unit_user)
    content = client.get(reverse("suggestions:todo")).content.decode()
    assert 'text-bg-danger">已超期</span>' in content
    assert 'text-bg-warning">临近期限</span>' in content


def test_todo_query_count_is_fixed(client, deputy_user, clerk, unit_user, django_assert_num_queries):
    for _ in range(3):
        contacted_assignment(clerk, deputy_user, unit_user)
    client.force_login(unit_user)
    with CaptureQueriesContext(connection) as three:
        client.get(reverse("suggestions:todo"))
    for _ in range(17):
        contacted_assignment(clerk, deputy_user, unit_user)
    with django_assert_num_queries(len(three)):
        response = client.get(reverse("suggestions:todo"))
    assert response.context["total"] == 20


def test_unit_accepts_and_records_a_contact(client, deputy_user, clerk, unit_user):
    suggestion = flow.assigned(clerk, deputy_user, lead=unit_user.handling_unit)
    assignment = suggestion.assignments.get()
    client.force_login(unit_user)
    client.post(reverse("suggestions:assignment_accept", args=[assignment.pk]))
    assignment.refresh_from_db()
    assert assignment.state == AssignmentState.ACCEPTED
    url = reverse("suggestions:contact", args=[assignment.pk])
    future = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    response = client.post(url, {"stage": "before", "method": "phone", "date": future, "summary": "电话沟通"})
    assert response.context["form"].errors["date"] == ["联系日期不能晚于今天。"]
    client.post(
        url, {"stage": "before", "method": "phone", "date": timezone.localdate(), "summary": "电话沟通"}
    )
    assert ContactRecord.objects.get(assignment=assignment).summary == "电话沟通"


def test_other_units_cannot_act_on_an_assignment(client, deputy_user, clerk, unit_user, make_user):
    assignment = accepted_assignment(clerk, deputy_user, unit_user)
    other = make_user(Role.UNIT, handling_unit=HandlingUnitFactory())
    client.force_login(other)
    assert client.get(reverse("suggestions:reply", args=[assignment.pk])).status_code == 404
    assert client.post(reverse("suggestions:assignment_accept", args=[assignment.pk])).status_code == 404
    assert client.get(reverse("suggestions:detail", args=[assignment.suggestion_id])).status_code == 404


def test_reply_needs_a_contact_first(client, deputy_user, clerk, unit_user):
    assignment = accepted_assignment(clerk, deputy_user, unit_user)
    category = ResultCategoryFactory()
    client.force_login(unit_user)
    response = client.post(
        reverse("suggestions:reply", args=[assignment.pk]),
        {
            "result_category": category.pk,
            "text": "答复内容",
            "signer": "李局长",
            "commitments-TOTAL_FORMS": 0,
            "commitments-INITIAL_FORMS": 0,
        },
    )
    assert "答复前须与代表联系沟通" in response.content.decode()
    assert not assignment.replies.exists()


def test_reply_letter_is_previewed_then_generated_with_each_part_once(client, deputy_user, clerk, unit_user):
    """The 答复函 (issue: one salutation, opening and thanks; 文号, 联系人, 电话 and 抄送 present), previewed
    on the page before the reply is sent, and refused without the fields a generated letter needs."""
    assignment = contacted_assignment(clerk, deputy_user, unit_user, title="关于治理噪声的建议")
    suggestion = assignment.suggestion
    category = ResultCategoryFactory()
    name = suggestion.lead_deputy.name
    client.force_login(unit_user)
    url = reverse("suggestions:reply", args=[assignment.pk])
    page = client.get(url).content.decode()
    assert (
        "县人大常委会代表工作委员会" in page and "预览答复函" in page
    )  # the default 抄送, the preview button
    # a text written the old way, with its own salutation, opening and thanks
    text = f"{name}代表：\n您提出的《{suggestion.title}》收悉，现答复如下：\n已安排执法队夜间巡查。\n噪声问题已解决。\n感谢您对我们工作的关心和支持。"
    data = {
        "result_category": category.pk,
        "text": text,
        "signer": "李局长",
        "publishable": "on",
        "generate_letter": "on",
        "copy_to": "县人大常委会代表工作委员会，县人民政府督查室",
        "commitments-TOTAL_FORMS": 3,
        "commitments-INITIAL_FORMS": 0,
    }
    refused = client.post(url, data).content.decode()
    for message in (
        "按模板生成答复函须填写文号。",
        "按模板生成答复函须填写联系人。",
        "按模板生成答复函须填写联系电话。",
    ):
        assert message in refused
    assert not assignment.replies.exists()
    data |= {
        "document_number": "方交函〔2026〕12号",
        "contact_person": "王小明",
        "contact_phone": "0857-5221234",
    }

    page = client.post(url, {**data, "preview": "1"}).content.decode()
    assert "答复函预览" in page
    preview = page[page.index("reply-letter") : page.index("预览答复函</button>")]
    assert "方交函〔2026〕12号" in preview and "联系电话：0857-5221234" in preview
    assert preview.count(f"{name}代表：") == 1 and preview.count("收悉") == 1 and preview.count("感谢") == 1
    assert not assignment.replies.exists()  # a preview sends nothing

    assert client.post(url, data).status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.state == State.REPLIED
    reply = assignment.replies.get()
    assert (reply.document_number, reply.contact_person, reply.contact_phone) == (
        "方交函〔2026〕12号",
        "王小明",
        "0857-5221234",
    )
    letter = client.get(reverse("suggestions:reply_letter", args=[reply.pk]))
    document = docx.Document(io.BytesIO(b"".join(letter.streaming_content)))
    lines = [paragraph.text for paragraph in document.paragraphs]
    full = "\n".join(lines)
    assert lines[0] == "A类" and lines[1] == "方交函〔2026〕12号　　签发人：李局长"
    assert lines[2] == f"关于{suggestion.number}建议的答复"
    for part in (f"{name}代表：", "收悉", "现答复如下", "感谢", "噪声问题已解决。", "签发人："):
        assert full.count(part) == 1, part
    assert "已安排执法队夜间巡查。" in lines and unit_user.handling_unit.name in lines
    assert "（联系人：王小明，联系电话：0857-5221234）" in lines
    assert "抄送：县人大常委会代表工作委员会，县人民政府督查室。" in lines


def test_reply_being_solved_needs_commitments_and_accepts_an_uploaded_letter(
    client, deputy_user, clerk, unit_user
):
    assignment = contacted_assignment(clerk, deputy_user, unit_user)
    planned = ResultCategoryFactory(
        code="B", label="正在解决或列入计划", counts_as_resolved=False, needs_follow_up=True
    )
    client.force_login(unit_user)
    url = reverse("suggestions:reply", args=[assignment.pk])
    base = {
        "result_category": planned.pk,
        "text": "已列入明年计划。",
        "signer": "李局长",
        "commitments-TOTAL_FORMS": 3,
        "commitments-INITIAL_FORMS": 0,
    }
    missing = client.post(url, base)
    assert "须填写承诺事项和期限" in missing.content.decode()
    bad_letter = client.post(url, {**base, "letter": SimpleUploadedFile("答复.txt", b"text")})
    assert "类型不支持" in bad_letter.context["form"].errors["letter"][0]
    client.post(
        url,
        {
            **base,
            "letter": SimpleUploadedFile("答复函.pdf", b"%PDF-1.4 letter"),
            "commitments-0-description": "2027年6月前完成道路硬化",
            "commitments-0-due": "2027-06-30",
        },
    )
    reply = assignment.replies.get()
    assert reply.letter.name.endswith(".pdf")
    assert reply.commitments.get().description == "2027年6月前完成道路硬化"


def test_commitment_update_raises_the_result_category(client, deputy_user, clerk, unit_user):
    assignment = contacted_assignment(clerk, deputy_user, unit_user)
    planned = ResultCategoryFactory(code="B", label="正在解决或列入计划", needs_follow_up=True)
    solved = ResultCategoryFactory()
    services.reply_send(
        assignment=assignment,
        result_category=planned,
        text="列入计划",
        signer="李局长",
        commitments=[("完成硬化", timezone.localdate())],
        actor=unit_user,
    )
    commitment = Commitment.objects.get()
    client.force_login(unit_user)
    todo = client.get(reverse("suggestions:todo")).content.decode()
    assert "完成硬化" in todo
    client.post(
        reverse("suggestions:commitment_update", args=[commitment.pk]),
        {"text": "道路已硬化通车", "solved": "on", "raise_to": solved.pk},
    )
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.DONE
    assert assignment.replies.get().result_category == solved


def test_todo_lists_the_soonest_commitments_and_says_when_there_are_more(
    client, deputy_user, clerk, unit_user, monkeypatch
):
    monkeypatch.setattr("renda.suggestions.views.lists.COMMITMENTS_SHOWN", 1)
    today = timezone.localdate()
    services.reply_send(
        assignment=contacted_assignment(clerk, deputy_user, unit_user),
        result_category=ResultCategoryFactory(code="B", needs_follow_up=True),
        text="列入计划",
        signer="李局长",
        commitments=[("后到期的事项", today + datetime.timedelta(days=30)), ("先到期的事项", today)],
        actor=unit_user,
    )
    client.force_login(unit_user)
    todo = client.get(reverse("suggestions:todo")).content.decode()
    assert "先到期的事项" in todo
    assert "后到期的事项" not in todo
    assert "仅列出期限最早的1项承诺事项" in todo


def test_joint_unit_sends_its_opinion(client, deputy_user, clerk, unit_user):
    suggestion = flow.accepted(clerk, deputy_user)
    services.suggestion_assign(
        suggestion=suggestion,
        on=timezone.localdate(),
        lead=HandlingUnitFactory(),
        joint=[unit_user.handling_unit],
        actor=clerk,
    )
    joint = suggestion.assignments.get(unit=unit_user.handling_unit)
    casework.sign_for(assignment=joint, actor=unit_user)
    client.force_login(unit_user)
    todo = client.get(reverse("suggestions:todo")).content.decode()
    assert "提交会办意见" in todo and "会办意见期限" in todo
    assert f"assignments/{joint.pk}/reply/" not in todo
    client.post(reverse("suggestions:opinion", args=[joint.pk]), {"opinion": "同意主办单位意见，配合实施。"})
    joint.refresh_from_db()
    assert joint.state == AssignmentState.OPINION_SENT
