"""Pages of the office: review queue, registration decisions, paper entry, the registry list and export."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from renda.core.roles import Role
from renda.deputies.tests.factories import DeputyFactory
from renda.org.tests.factories import HandlingUnitFactory
from renda.suggestions import services
from renda.suggestions.models import Cosigner, Kind, State, Suggestion
from renda.suggestions.tests import flow
from renda.suggestions.tests.factories import RefusalReasonFactory, SuggestionFactory

pytestmark = pytest.mark.django_db


def submitted(clerk, **kwargs) -> Suggestion:
    return services.suggestion_submit(suggestion=SuggestionFactory(entered_by=clerk, **kwargs), actor=clerk)


def test_review_queue_renders_for_the_office_and_404s_for_others(
    client, clerk, deputy_user, unit_user, member
):
    submitted(clerk, title="关于整治河道的建议")
    client.force_login(clerk)
    response = client.get(reverse("suggestions:review"))
    assert response.status_code == 200
    assert "关于整治河道的建议" in response.content.decode()
    assert "立案</button>" in response.content.decode()
    for user in (deputy_user, unit_user, member):
        client.force_login(user)
        assert client.get(reverse("suggestions:review")).status_code == 404


def test_review_queue_query_count_is_fixed(client, clerk, django_assert_num_queries):
    for _ in range(3):
        submitted(clerk)
    client.force_login(clerk)
    with CaptureQueriesContext(connection) as three:
        client.get(reverse("suggestions:review"))
    for _ in range(17):
        submitted(clerk)
    with django_assert_num_queries(len(three)):
        client.get(reverse("suggestions:review"))


def test_clerk_accepts_and_the_number_is_shown(client, clerk):
    suggestion = submitted(clerk)
    client.force_login(clerk)
    response = client.post(reverse("suggestions:accept", args=[suggestion.pk]), follow=True)
    suggestion.refresh_from_db()
    assert suggestion.state == State.ACCEPTED
    assert suggestion.number in response.content.decode()
    assert "交办</a>" in response.content.decode()


def test_return_needs_a_reason_shown_beside_the_field(client, clerk):
    suggestion = submitted(clerk)
    client.force_login(clerk)
    url = reverse("suggestions:return", args=[suggestion.pk])
    response = client.post(url, {"reason": ""})
    assert response.context["form"].errors["reason"] == ["该字段是必填项。"]
    client.post(url, {"reason": "请补充具体地点。"})
    suggestion.refresh_from_db()
    assert suggestion.state == State.RETURNED
    assert suggestion.return_reason == "请补充具体地点。"


def test_reject_with_a_reason_from_the_list(client, clerk):
    suggestion = submitted(clerk)
    reason = RefusalReasonFactory()
    client.force_login(clerk)
    client.post(
        reverse("suggestions:reject", args=[suggestion.pk]), {"reason": reason.pk, "note": "系个人诉求"}
    )
    suggestion.refresh_from_db()
    assert suggestion.state == State.REJECTED
    assert suggestion.refusal_reason == reason


def test_merge_selected_suggestions_into_one(client, clerk):
    target, other = submitted(clerk), submitted(clerk, title="关于同一条公路的建议")
    client.force_login(clerk)
    url = reverse("suggestions:merge", args=[target.pk])
    assert "关于同一条公路的建议" in client.get(url).content.decode()
    empty = client.post(url, {})
    assert empty.context["form"].errors["others"] == ["请选择要并案的建议。"]
    client.post(url, {"others": [other.pk]})
    other.refresh_from_db()
    assert other.state == State.MERGED
    assert other.merged_into == target


def test_presidium_decision_on_a_motion(client, clerk, make_user):
    from renda.deputies.tests.factories import DelegationFactory

    lead = make_user(Role.DEPUTY, deputy=DeputyFactory())
    motion = SuggestionFactory(lead_deputy=lead.deputy, kind=Kind.MOTION, delegation=DelegationFactory())
    services.suggestion_submit(suggestion=motion, actor=lead)
    client.force_login(clerk)
    detail = client.get(reverse("suggestions:detail", args=[motion.pk])).content.decode()
    assert "列入大会议程" in detail and "作为建议处理" in detail and "不作为议案" in detail
    url = reverse("suggestions:presidium", args=[motion.pk])
    assert (
        client.get(url, {"decision": "as_suggestion"}).context["form"].initial["decision"] == "as_suggestion"
    )
    client.post(url, {"decision": "as_suggestion", "note": "作为建议交有关部门研究办理"})
    motion.refresh_from_db()
    assert motion.state == State.SUBMITTED
    assert motion.kind == Kind.SUGGESTION


def test_clerk_enters_a_paper_suggestion_with_confirmed_signatures(client, clerk):
    lead, cosigner = DeputyFactory(), DeputyFactory()
    client.force_login(clerk)
    data = {
        "lead_deputy": lead.pk,
        "cosigners": [cosigner.pk],
        "kind": "suggestion",
        "title": "关于纸质提交的建议",
        "content": "内容",
        "timing": "between_sessions",
    }
    unchecked = client.post(reverse("suggestions:create"), data)
    assert unchecked.context["form"].errors["signatures_checked"] == ["该字段是必填项。"]
    client.post(reverse("suggestions:create"), {**data, "signatures_checked": "on"})
    suggestion = Suggestion.objects.get(title="关于纸质提交的建议")
    assert suggestion.lead_deputy == lead
    assert suggestion.entered_by == clerk
    assert suggestion.cosigners.get().status == Cosigner.Status.CONFIRMED


def test_registry_list_filters_by_unit_and_lead_deputy(client, deputy_user, clerk, make_user):
    unit = HandlingUnitFactory(name="县交通运输局")
    wang = make_user(
        Role.DEPUTY, deputy=DeputyFactory(name="王建国", name_initials="wjg", name_pinyin="wangjianguo")
    )
    flow.assigned(clerk, wang, lead=unit, title="关于公路养护的建议")
    flow.accepted(clerk, deputy_user, title="关于学校食堂的建议")
    client.force_login(clerk)
    url = reverse("suggestions:list")
    by_unit = client.get(url, {"unit": unit.pk}).content.decode()
    assert "关于公路养护的建议" in by_unit and "关于学校食堂的建议" not in by_unit
    by_deputy = client.get(url, {"deputy": "wjg"}).content.decode()
    assert "关于公路养护的建议" in by_deputy and "关于学校食堂的建议" not in by_deputy
    by_state = client.get(url, {"state": "accepted"}).content.decode()
    assert "关于学校食堂的建议" in by_state and "关于公路养护的建议" not in by_state
    partial = client.get(url, {"q": "公路"}, headers={"HX-Request": "true"})
    assert "<html" not in partial.content.decode()
    assert partial["Vary"] and "HX-Request" in partial["Vary"]


def test_registry_list_query_count_is_fixed(client, deputy_user, clerk, django_assert_num_queries):
    unit = HandlingUnitFactory()
    for _ in range(3):
        flow.assigned(clerk, deputy_user, lead=unit)
    client.force_login(clerk)
    url = reverse("suggestions:list")
    with CaptureQueriesContext(connection) as three:
        client.get(url)
    for _ in range(17):
        flow.assigned(clerk, deputy_user, lead=unit)
    with django_assert_num_queries(len(three)):
        response = client.get(url)
    assert response.context["total"] == 20


def test_registry_export_to_excel(client, deputy_user, clerk):
    unit = HandlingUnitFactory(name="县水务局")
    suggestion = flow.assigned(clerk, deputy_user, lead=unit, title="关于农村饮水安全的建议")
    client.force_login(clerk)
    response = client.get(reverse("suggestions:list"), {"export": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][:2] == ("编号", "标题")
    assert rows[1][0] == suggestion.number
    assert rows[1][1] == "关于农村饮水安全的建议"
    assert "县水务局（主办）" in rows[1]


def test_registry_list_is_for_office_and_members_only(client, clerk, member, deputy_user, unit_user):
    flow.accepted(clerk, deputy_user, title="关于路灯的建议")
    client.force_login(member)
    assert "关于路灯的建议" in client.get(reverse("suggestions:list")).content.decode()
    for user in (deputy_user, unit_user):
        client.force_login(user)
        assert client.get(reverse("suggestions:list")).status_code == 404


def test_detail_and_print_for_a_member_without_contacts(client, deputy_user, clerk, member, unit_user):

    suggestion = flow.replied(clerk, deputy_user, unit_user)
    client.force_login(member)
    detail = client.get(reverse("suggestions:detail", args=[suggestion.pk])).content.decode()
    assert "办理记录" in detail and "已纳入年度计划并组织实施。" in detail
    assert "联系代表情况" not in detail
    printed = client.get(reverse("suggestions:print", args=[suggestion.pk])).content.decode()
    assert "答复" in printed and "办理记录" in printed
    client.force_login(clerk)
    assert (
        "电话听取代表意见" in client.get(reverse("suggestions:detail", args=[suggestion.pk])).content.decode()
    )


def test_irreversible_acts_ask_for_confirmation(client, clerk, deputy_user):
    """Issue 11 item 5: 立案, 提交, 交办, 退回 (and the other acts that cannot be undone) carry their question in
    the move's declaration; their buttons carry it as data-confirm (core/static/core/confirm.js asks)."""
    from renda.suggestions.workflows import SUGGESTION_FLOW

    for name in ("register", "submit", "submit_motion", "resubmit", "assign", "return", "reject", "merge"):
        assert SUGGESTION_FLOW[name].confirm.endswith("此操作不可撤回。"), name
    assert SUGGESTION_FLOW["edit"].confirm == ""
    case = submitted(clerk, title="关于整治河道的建议")
    client.force_login(clerk)
    queue = client.get(reverse("suggestions:review")).content.decode()
    assert 'data-confirm="确定立案？此操作不可撤回。">立案</button>' in queue
    back = client.get(reverse("suggestions:return", args=[case.pk])).content.decode()
    assert 'data-confirm="确定退回领衔代表修改？此操作不可撤回。">退回</button>' in back
    draft = flow.draft(deputy_user)
    client.force_login(deputy_user)
    page = client.get(reverse("suggestions:detail", args=[draft.pk])).content.decode()
    assert f'data-confirm="{SUGGESTION_FLOW["submit"].confirm}">提交</button>' in page
    assert "data-confirm" not in page.split(">修改</a>")[0].rsplit("<a", 1)[1]  # editing is no act to confirm
    assert '<script src="/static/core/confirm.js" defer></script>' in page
