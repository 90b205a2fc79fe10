"""Pages of the office after registration: batch assignment, reassignment requests, the supervision board,
key supervision and coordination."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from renda.casework.models import AssignmentRole, AssignmentState
from renda.core.roles import Role
from renda.deputies.tests.factories import DeputyFactory
from renda.org.models import CommitteeMembership
from renda.org.tests.factories import HandlingUnitFactory, TermFactory
from renda.suggestions import services
from renda.suggestions.models import (
    Assignment,
    State,
)
from renda.suggestions.tests import flow
from renda.suggestions.tests.factories import ResultCategoryFactory

pytestmark = pytest.mark.django_db


def rows_data(suggestions, rows: dict, *, name="2026年第四季度建议交办会", on=None) -> dict:
    data = {
        "meeting_name": name,
        "on": (on or timezone.localdate()).isoformat(),
        "rows-TOTAL_FORMS": len(suggestions),
        "rows-INITIAL_FORMS": len(suggestions),
    }
    for index, suggestion in enumerate(suggestions):
        data[f"rows-{index}-suggestion"] = suggestion.pk
        for key, value in rows.get(suggestion.pk, {}).items():
            data[f"rows-{index}-{key}"] = value
    return data


def test_assign_page_is_for_the_office_only(client, clerk, deputy_user, unit_user, member):
    suggestion = flow.accepted(clerk, deputy_user, title="关于建设农贸市场的建议")
    client.force_login(clerk)
    response = client.get(reverse("suggestions:assign"), {"ids": suggestion.pk})
    assert "关于建设农贸市场的建议" in response.content.decode()
    assert response.context["formset"].forms[0].initial["pick"] is True
    for user in (deputy_user, unit_user, member):
        client.force_login(user)
        assert client.get(reverse("suggestions:assign")).status_code == 404


def test_batch_assignment_with_lead_joint_and_split(client, deputy_user, clerk):
    first, second = flow.accepted(clerk, deputy_user), flow.accepted(clerk, deputy_user)
    lead, joint, split_a, split_b = (HandlingUnitFactory() for _ in range(4))
    client.force_login(clerk)
    data = rows_data(
        [first, second],
        {
            first.pk: {"pick": "on", "lead": lead.pk, "joint": [joint.pk]},
            second.pk: {"pick": "on", "split": [split_a.pk, split_b.pk], "is_complex": "on"},
        },
    )
    response = client.post(reverse("suggestions:assign"), data)
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.state == second.state == State.HANDLING
    assert {(a.unit, a.role) for a in first.assignments.all()} == {
        (lead, AssignmentRole.LEAD),
        (joint, AssignmentRole.JOINT),
    }
    assert second.assignments.filter(role=AssignmentRole.SPLIT).count() == 2
    assert second.is_complex
    assert first.assignments.first().meeting.name == "2026年第四季度建议交办会"


def test_batch_assignment_is_all_or_nothing_with_errors_per_row(client, deputy_user, clerk):
    good, bad = flow.accepted(clerk, deputy_user), flow.accepted(clerk, deputy_user)
    unit = HandlingUnitFactory()
    client.force_login(clerk)
    data = rows_data([good, bad], {good.pk: {"pick": "on", "lead": unit.pk}, bad.pk: {"pick": "on"}})
    response = client.post(reverse("suggestions:assign"), data)
    assert response.status_code == 200
    forms = response.context["formset"].forms
    assert forms[0].non_field_errors() == []
    assert forms[1].non_field_errors() == ["须指定一个主办单位（或选择分办）。"]
    assert "table-danger" in response.content.decode()
    assert not Assignment.objects.exists()
    good.refresh_from_db()
    assert good.state == State.ACCEPTED


def test_batch_assignment_query_count_is_fixed(client, deputy_user, clerk, django_assert_num_queries):
    for _ in range(3):
        flow.accepted(clerk, deputy_user)
    HandlingUnitFactory.create_batch(5)
    client.force_login(clerk)
    with CaptureQueriesContext(connection) as three:
        client.get(reverse("suggestions:assign"))
    for _ in range(17):
        flow.accepted(clerk, deputy_user)
    with django_assert_num_queries(len(three)):
        client.get(reverse("suggestions:assign"))


def test_reassignment_request_and_approval(client, deputy_user, clerk, unit_user):
    suggestion = flow.assigned(clerk, deputy_user, lead=unit_user.handling_unit)
    assignment = suggestion.assignments.get()
    client.force_login(unit_user)
    client.post(reverse("suggestions:reassign", args=[assignment.pk]), {"reason": "该事项属县住建局职责。"})
    client.force_login(clerk)
    queue = client.get(reverse("suggestions:reassignments")).content.decode()
    assert "该事项属县住建局职责。" in queue
    new_unit = HandlingUnitFactory(name="县住房和城乡建设局")
    url = reverse("suggestions:reassignment_decide", args=[assignment.pk])
    missing = client.post(url, {"approve": "1"})
    assert missing.context["form"].errors["new_unit"] == ["同意调整时须指定新的承办单位。"]
    client.post(url, {"approve": "1", "new_unit": new_unit.pk})
    assignment.refresh_from_db()
    assert assignment.state == AssignmentState.WITHDRAWN
    assert suggestion.assignments.get(unit=new_unit).role == AssignmentRole.LEAD
    client.force_login(unit_user)
    assert client.get(reverse("suggestions:detail", args=[suggestion.pk])).status_code == 404


def test_reassignment_queue_is_for_the_office_only(client, unit_user, deputy_user):
    for user in (unit_user, deputy_user):
        client.force_login(user)
        assert client.get(reverse("suggestions:reassignments")).status_code == 404


def test_supervision_board_shows_overdue_by_unit(
    client, clerk, member, deputy_user, django_assert_num_queries
):
    late = HandlingUnitFactory(name="县自然资源局")
    suggestion = flow.accepted(clerk, deputy_user)
    services.suggestion_assign(
        suggestion=suggestion, on=timezone.localdate() - datetime.timedelta(days=120), lead=late, actor=clerk
    )
    client.force_login(member)
    response = client.get(reverse("suggestions:board"))
    content = response.content.decode()
    assert "县自然资源局" in content and "已超期 1" in content
    export = client.get(reverse("suggestions:board"), {"export": "xlsx"})
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("suggestions:board"))
    for _ in range(17):
        flow.assigned(clerk, deputy_user, lead=HandlingUnitFactory())
    with django_assert_num_queries(len(few)):
        client.get(reverse("suggestions:board"))
    client.force_login(deputy_user)
    assert client.get(reverse("suggestions:board")).status_code == 404


def test_key_supervision_and_notes(client, deputy_user, clerk):
    suggestion = flow.assigned(clerk, deputy_user, lead=HandlingUnitFactory())
    chair = CommitteeMembership.objects.create(
        term=TermFactory(),
        deputy=DeputyFactory(name="赵主任"),
        position=CommitteeMembership.Position.VICE_CHAIR,
        start_date=datetime.date(2022, 1, 1),
    )
    client.force_login(clerk)
    detail = client.get(reverse("suggestions:detail", args=[suggestion.pk])).content.decode()
    assert "列为重点督办" in detail
    client.post(
        reverse("suggestions:key_supervision", args=[suggestion.pk]),
        {"decided_on": "2026-11-20", "leader": chair.pk, "decision": "列为年度重点督办"},
    )
    assert suggestion.key_supervision.leader == chair
    client.post(
        reverse("suggestions:supervision_note", args=[suggestion.pk]),
        {"kind": "visit", "date": "2026-11-21", "text": "赵主任带队现场视察"},
    )
    detail = client.get(reverse("suggestions:detail", args=[suggestion.pk])).content.decode()
    assert "赵主任带队现场视察" in detail
    assert "赵主任" in client.get(reverse("suggestions:board")).content.decode()
    keyed = client.get(reverse("suggestions:list"), {"key": "true"}).content.decode()
    assert suggestion.title in keyed


def test_coordination_close_after_a_second_dissatisfied_evaluation(client, clerk, unit_user, make_user):
    deputy = make_user(Role.DEPUTY, deputy=DeputyFactory())
    suggestion = flow.replied(clerk, deputy, unit_user)
    services.evaluation_submit(suggestion=suggestion, rating="dissatisfied", actor=deputy)
    services.reply_send(
        assignment=suggestion.assignments.get(),
        result_category=ResultCategoryFactory(),
        text="再次答复",
        signer="王局长",
        actor=unit_user,
    )
    services.evaluation_submit(suggestion=suggestion, rating="dissatisfied", actor=deputy)
    suggestion.refresh_from_db()
    assert suggestion.state == State.COORDINATION
    client.force_login(clerk)
    assert suggestion.title in client.get(reverse("suggestions:board")).content.decode()
    url = reverse("suggestions:coordination", args=[suggestion.pk])
    assert client.post(url, {"outcome": ""}).context["form"].errors["outcome"] == ["该字段是必填项。"]
    client.post(url, {"outcome": "代表工委组织座谈，代表接受答复。"})
    suggestion.refresh_from_db()
    assert suggestion.state == State.CLOSED


def test_assign_page_preselects_the_recommended_lead_unit_asks_before_assigning_and_searches_units(
    client, deputy_user, clerk
):
    """Issue 11 items 5 and 6: the recommended lead unit (similarity.recommend_units) is the picked row's
    initial lead unit; the units to choose many of are searchable multi-selects (no Ctrl-click); the button
    asks before it assigns (Move.confirm)."""
    water, other = HandlingUnitFactory(name="县水务局"), HandlingUnitFactory(name="县教育局")
    services.unit_keyword_create(keyword="饮水", unit=water, weight=5, actor=clerk)
    picked = flow.accepted(clerk, deputy_user, title="关于解决坪寨村安全饮水的建议")
    flow.accepted(
        clerk, deputy_user, title="关于解决另一个村安全饮水的建议"
    )  # not picked: nothing preselected
    client.force_login(clerk)
    response = client.get(reverse("suggestions:assign"), {"ids": picked.pk})
    rows = {form.initial["suggestion"]: form for form in response.context["formset"].forms}
    assert rows[picked.pk].initial["lead"] == str(water.pk)
    assert [pk for pk, form in rows.items() if form.initial.get("lead")] == [picked.pk]
    html = response.content.decode()
    index = [form.initial["suggestion"] for form in response.context["formset"].forms].index(picked.pk)
    lead = html.split(f'name="rows-{index}-lead"')[1].split("</select>")[0]
    assert f'<option value="{water.pk}" selected>县水务局</option>' in lead
    assert f'<option value="{other.pk}">' in lead
    joint = html.split(f'name="rows-{index}-joint"')[1].split(">")[0]
    assert "data-searchable" in joint and "multiple" in joint
    assert 'data-confirm="确定交办？此操作不可撤回。"' in html
