"""The deliberation opinion (审议意见) as a kind of case (renda/casework): sent to the body overseen, it is on the
body's to-do with the suggestions, due with the handling report; the body signs for it and answers with its
handling report, which reports the item as the item's own report does; a failed satisfaction vote opens a second
round; a unit of another body sees none of it (404), in pages and API alike."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from rest_framework.test import APIClient

from renda.casework.kinds import kind_of
from renda.casework.models import AssignmentState
from renda.casework.selectors import unit_todo
from renda.core.roles import Role
from renda.core.todos import todos_for
from renda.org.tests.factories import HandlingUnitFactory
from renda.oversight import services
from renda.oversight.models import (
    DeliberationOpinionAssignment,
    DeliberationOpinionReply,
    ItemKind,
    ItemState,
    OversightItem,
)
from renda.oversight.tests.conftest import adopted, at, heard, rate, second_meeting
from renda.oversight.workflows import OPINIONS

SENT = datetime.date(2026, 3, 25)


def _sent(plan, meeting, committee, office) -> OversightItem:
    item = heard(plan, meeting, committee, office)
    with at(SENT):
        return services.item_send_opinions(item=item, opinion="一、……二、……", actor=office)


def _also_sent(plan, body, office, title: str) -> OversightItem:
    """Another item of the adopted plan, deliberated, its opinions sent on SENT."""
    with at(datetime.date(2026, 2, 1)):
        item = services.item_add(plan=plan, kind=ItemKind.WORK_REPORT, title=title, body=body, planned_month=3,
                                 actor=office)  # fmt: skip
    OversightItem.objects.filter(pk=item.pk).update(state=ItemState.DELIBERATED, heard_on=SENT)
    with at(SENT):
        return services.item_send_opinions(item=item, opinion="审议意见", actor=office)


def _rectify(item, body_user, day=datetime.date(2026, 4, 1)) -> None:
    with at(day):
        services.rectification_add(
            item=item, problem=item.problems.first(), measure="整治黑臭水体", responsible_person="张局长",
            due=day + datetime.timedelta(days=60), actor=body_user,
        )  # fmt: skip


def test_art_17_opinions_sent_are_on_the_body_s_to_do_due_with_the_handling_report_in_three_months(
    plan, meeting, committee, office, body, body_user, client
):
    """【国】 Art. 17: the opinions go to the body; 【地】 oversight_report_months (3): its handling report is due three
    months on. Sending them assigns the opinion to the body (casework), due with the report: on its officers'
    工作台 with the suggestions and the traffic light."""
    item = _sent(plan, meeting, committee, office)
    [assignment] = item.assignments.all()
    assert kind_of(assignment) is OPINIONS
    assert (assignment.unit, assignment.role, assignment.state) == (body, "lead", AssignmentState.ASSIGNED)
    assert assignment.assigned_on == SENT and assignment.due == item.report_due == datetime.date(2026, 6, 25)
    assert assignment.year == 2026
    with at(datetime.date(2026, 6, 20)):
        [owed] = unit_todo(body_user)
        assert (owed.kind.label, owed.step, owed.due, owed.url) == (
            "审议意见", "签收", datetime.date(2026, 6, 25), item.get_absolute_url(),
        )  # fmt: skip
        [todo] = [t for t in todos_for(body_user) if t.source == "审议意见"]
        assert todo.due == datetime.date(2026, 6, 25) and todo.urgency == "soon"
        assert not [t for t in todos_for(body_user) if t.title.startswith("落实审议意见")]  # once, as a case
        client.force_login(body_user)
        home = client.get("/").content.decode()
        assert "审议意见" in home and item.title in home
        page = client.get(item.get_absolute_url()).content.decode()
        assert "审议意见交办" in page and "临近期限" in page
        assert f"/oversight/opinion-assignments/{assignment.pk}/sign-for/" in page


def test_handling_report_within_two_months_for_budget_opinions_is_the_assignment_s_due(
    plan, meeting, committee, office, body, settings
):
    """【地】 oversight_report_months_budget (河南 2): a budget item's opinion is due in two months on the body's to-do."""
    settings.RENDA_RULE_PRESET = "河南"
    adopted(plan, office)
    with at(datetime.date(2026, 2, 1)):
        budget = services.item_add(
            plan=plan, kind=ItemKind.BUDGET_EXECUTION, title="预算执行情况", body=body, planned_month=3,
            actor=office,
        )  # fmt: skip
    OversightItem.objects.filter(pk=budget.pk).update(state=ItemState.DELIBERATED, heard_on=SENT)
    with at(SENT):
        budget = services.item_send_opinions(item=budget, opinion="审议意见", actor=office)
    assert budget.assignments.get().due == datetime.date(2026, 5, 25) == budget.report_due


def test_sending_the_opinions_and_assigning_them_is_one_transaction(plan, meeting, committee, office, body):
    """A body that can no longer receive cases (停用) refuses the opinions whole: the item stays deliberated."""
    item = heard(plan, meeting, committee, office)
    body.active = False
    body.save()
    with at(SENT), pytest.raises(ValidationError):
        services.item_send_opinions(item=item, opinion="审议意见", actor=office)
    item.refresh_from_db()
    assert item.state == ItemState.DELIBERATED and not item.assignments.exists()


def test_satisfaction_vote_failed_the_body_reports_again_in_a_second_round_of_its_assignment(
    term, plan, meeting, committee, office, body_user, make_user, client
):
    """The whole path: opinions sent → the body signs for them and replies with its handling report (the item
    reported as by the item's own report, on time) → 【地】 the satisfaction vote fails (满意 and 基本满意 not over
    half of ALL members): the assignment reopens for a second round due with the new report → the body replies late
    (flagged on the item, the reply and the assignment) → the vote passes."""
    item = _sent(plan, meeting, committee, office)
    assignment = item.assignments.get()
    client.force_login(body_user)
    with at(datetime.date(2026, 3, 30)):
        assert client.post(f"/oversight/opinion-assignments/{assignment.pk}/sign-for/").status_code == 302
        response = client.post(
            f"/oversight/opinion-assignments/{assignment.pk}/reply/", {"report": "报告", "signer": "王局长"}
        )
        assert "请先报送整改清单" in response.content.decode()  # the rectification list first, on the form
    assignment.refresh_from_db()
    assert assignment.state == AssignmentState.ACCEPTED and not assignment.replies.exists()
    _rectify(item, body_user)
    with at(datetime.date(2026, 5, 20)):
        assert client.get(f"/oversight/opinion-assignments/{assignment.pk}/reply/").status_code == 200
        response = client.post(
            f"/oversight/opinion-assignments/{assignment.pk}/reply/",
            {"report": "研究处理情况报告", "signer": "王局长"},
        )
        assert response.status_code == 302
        assert unit_todo(body_user) == []
    item.refresh_from_db()
    assignment.refresh_from_db()
    assert (item.state, item.handling_report, item.reported_on, item.report_late, item.rounds) == (
        ItemState.REPORTED, "研究处理情况报告", datetime.date(2026, 5, 20), False, 1,
    )  # fmt: skip
    assert assignment.state == AssignmentState.REPLIED and not assignment.answered_late
    [first] = assignment.replies.all()
    assert (first.round, first.text, first.signer, first.on_time) == (1, "研究处理情况报告", "王局长", True)

    m2 = second_meeting(term, committee, office)
    item = rate(item, m2, committee, office, make_user, {"满意": 6, "基本满意": 6, "不满意": 8})
    assert item.state == ItemState.FAILED and item.report_due == datetime.date(2026, 9, 19)
    assignment.refresh_from_db()
    assert assignment.state == AssignmentState.ACCEPTED and assignment.due == datetime.date(2026, 9, 19)
    with at(datetime.date(2026, 9, 1)):
        [owed] = unit_todo(body_user)
        assert (owed.assignment, owed.step, owed.due) == (assignment, "报送研究处理情况报告", item.report_due)

    api = APIClient()
    api.force_authenticate(body_user)
    with at(datetime.date(2026, 9, 25)):  # past the new due date
        response = api.post(
            f"/api/v1/oversight-items/{item.pk}/reply/",
            {"report": "再次报告", "signer": "王局长"},
            format="json",
        )
    assert response.status_code == 200, response.content
    assert response.json()["state"] == ItemState.REPORTED and response.json()["report_late"] is True
    assert [r["round"] for r in response.json()["assignments"][0]["replies"]] == [1, 2]
    item.refresh_from_db()
    assignment.refresh_from_db()
    assert (item.rounds, item.handling_report, item.report_late) == (2, "再次报告", True)
    assert assignment.answered_late and not assignment.replies.get(round=2).on_time
    assert "第2次报告（逾期）" in item.events.values_list("note", flat=True)

    item = rate(item, m2, committee, office, make_user, {"满意": 10, "基本满意": 5, "不满意": 5})
    assert item.state == ItemState.FOLLOW_UP
    assignment.refresh_from_db()
    assert assignment.state == AssignmentState.REPLIED and unit_todo(body_user) == []


def test_the_item_s_own_report_answers_the_open_assignment_too(plan, meeting, committee, office, body_user):
    """The handling report made on the item's own page (or by its API, or entered from paper) is the one rule: the
    item reported, and the body's open assignment signed for and answered with it, off the to-do."""
    item = _sent(plan, meeting, committee, office)
    _rectify(item, body_user)
    with at(datetime.date(2026, 5, 20)):
        item = services.item_report(item=item, report="纸质报告录入", actor=body_user)
    assignment = item.assignments.get()
    assert item.state == ItemState.REPORTED and item.rounds == 1
    assert assignment.state == AssignmentState.REPLIED
    assert list(assignment.replies.values_list("round", "text")) == [(1, "纸质报告录入")]
    actions = list(item.events.values_list("action", flat=True))
    assert actions[-3:] == ["签收", "答复", "报送研究处理情况报告"]
    assert unit_todo(body_user) == []


def test_a_body_sees_only_its_own_assignments_others_get_404_in_pages_and_api(
    plan, meeting, committee, office, body_user, make_user, client
):
    """House rule 7: a unit of another body gets 404 for the item, its assignment's pages and the API; the office
    has no unit's steps (404 on the pages, 403 in the API)."""
    item = _sent(plan, meeting, committee, office)
    assignment = item.assignments.get()
    stranger = make_user(Role.UNIT, handling_unit=HandlingUnitFactory(name="县水务局"))
    assert unit_todo(stranger) == []
    client.force_login(stranger)
    api = APIClient()
    api.force_authenticate(stranger)
    with at(datetime.date(2026, 4, 1)):
        assert client.get(item.get_absolute_url()).status_code == 404
        assert client.post(f"/oversight/opinion-assignments/{assignment.pk}/sign-for/").status_code == 404
        assert client.get(f"/oversight/opinion-assignments/{assignment.pk}/reply/").status_code == 404
        assert api.get(f"/api/v1/oversight-items/{item.pk}/").status_code == 404
        assert api.post(f"/api/v1/oversight-items/{item.pk}/sign-for/").status_code == 404
        assert api.post(f"/api/v1/oversight-items/{item.pk}/reply/", {}, format="json").status_code == 404
        client.force_login(office)
        assert client.post(f"/oversight/opinion-assignments/{assignment.pk}/sign-for/").status_code == 404
        api.force_authenticate(office)
        assert api.post(f"/api/v1/oversight-items/{item.pk}/sign-for/").status_code == 403
        office_page = client.get(item.get_absolute_url()).content.decode()
    assert "审议意见交办" in office_page and "sign-for" not in office_page
    assignment.refresh_from_db()
    assert assignment.state == AssignmentState.ASSIGNED


def test_the_body_signs_for_its_opinion_through_the_api(plan, meeting, committee, office, body_user):
    item = _sent(plan, meeting, committee, office)
    api = APIClient()
    api.force_authenticate(body_user)
    with at(datetime.date(2026, 3, 30)):
        response = api.post(f"/api/v1/oversight-items/{item.pk}/sign-for/")
    assert response.status_code == 200
    [row] = response.json()["assignments"]
    assert (row["state"], row["due"]) == (AssignmentState.ACCEPTED, "2026-06-25")
    assert DeliberationOpinionAssignment.objects.get().state == AssignmentState.ACCEPTED


def test_the_office_enters_the_body_s_paper_rectification_list_and_report_answering_its_assignment(
    plan, meeting, committee, office, body_user, client
):
    """A body that sends its rectification list and handling report on paper: the office enters them for it (the
    timeline says so), with the body's signer required; the report answers the body's assignment as the body's own
    would (its reply signed by the body's signer, entered by the office), in the page and the API."""
    item = _sent(plan, meeting, committee, office)
    client.force_login(office)
    with at(datetime.date(2026, 4, 1)):
        page = client.get(item.get_absolute_url()).content.decode()
        assert (
            f"/oversight/items/{item.pk}/rectifications/new/" in page
            and f"/oversight/items/{item.pk}/report/" in page
        )
        assert "/sign-for/" not in page  # the body's own buttons are the body's
        response = client.post(
            f"/oversight/items/{item.pk}/rectifications/new/",
            {"problem": item.problems.first().pk, "measure": "整治黑臭水体", "responsible_person": "张局长",
             "due": "2026-05-30"},
        )  # fmt: skip
        assert response.status_code == 302
        response = client.post(f"/oversight/items/{item.pk}/report/", {"report": "研究处理情况报告"})
        assert "据纸质报告代为登记时，请填写被监督单位的签发人。" in response.content.decode()
        item.refresh_from_db()
        assert item.state == ItemState.OPINIONS_SENT
        response = client.post(
            f"/oversight/items/{item.pk}/report/", {"report": "研究处理情况报告", "signer": "王局长"}
        )
        assert response.status_code == 302
    item.refresh_from_db()
    assert (item.state, item.rounds, item.report_late) == (ItemState.REPORTED, 1, False)
    assignment = item.assignments.get()
    [reply] = assignment.replies.all()
    assert assignment.state == AssignmentState.REPLIED
    assert (reply.signer, reply.sent_by, reply.on_time) == ("王局长", office, True)
    notes = list(item.events.values_list("action", "note"))
    assert ("报送整改清单", "整治黑臭水体（张局长）（据纸质材料代为登记）") in notes
    assert ("报送研究处理情况报告", "第1次报告（据纸质材料代为登记）") in notes


def test_the_office_enters_a_paper_report_through_the_api_with_the_body_s_signer(
    plan, meeting, committee, office, body_user
):
    item = _sent(plan, meeting, committee, office)
    _rectify(item, body_user)
    api = APIClient()
    api.force_authenticate(office)
    with at(datetime.date(2026, 5, 1)):
        response = api.post(f"/api/v1/oversight-items/{item.pk}/report/", {"report": "报告"}, format="json")
        assert response.status_code == 400 and "signer" in response.json()
        response = api.post(
            f"/api/v1/oversight-items/{item.pk}/report/",
            {"report": "报告", "signer": "王局长"},
            format="json",
        )
        assert response.status_code == 200 and response.json()["state"] == ItemState.REPORTED
    assert item.assignments.get().replies.get().signer == "王局长"


def test_sending_the_opinions_tells_the_body_once(plan, meeting, committee, office, body_user):
    item = _sent(plan, meeting, committee, office)
    [notice] = body_user.notifications.all()
    assert notice.title == f"新交办审议意见（主办）：{item.title}"
    assert notice.body == "报送研究处理情况报告期限：2026年6月25日"


def test_opinions_sent_before_they_were_cases_are_assigned_to_their_body_by_the_migration(
    plan, meeting, committee, office, body, body_user, make_user
):
    """Migration oversight 0005: an item still in handling with no open assignment (sent before 0004) gets the one
    `item_send_opinions` makes now — due with its report, dated the day it was sent; items with one, and items
    already reported, are left alone."""
    from importlib import import_module

    from django.apps import apps

    migration = import_module("renda.oversight.migrations.0005_assign_opinions_sent_before_cases")
    old = _sent(plan, meeting, committee, office)
    kept, reported = (_also_sent(plan, body, office, title) for title in ("另一报告", "已报告的报告"))
    _rectify(reported, body_user)
    with at(datetime.date(2026, 5, 1)):
        services.item_report(item=reported, report="报告", actor=body_user)
    DeliberationOpinionReply.objects.filter(assignment__item=reported).delete()
    DeliberationOpinionAssignment.objects.filter(item__in=[old, reported]).delete()
    migration.assign(apps, None)
    [assignment] = old.assignments.all()
    assert (assignment.unit, assignment.role, assignment.state) == (body, "lead", AssignmentState.ASSIGNED)
    assert (assignment.assigned_on, assignment.due, assignment.year) == (SENT, old.report_due, 2026)
    assert kept.assignments.count() == 1 and not reported.assignments.exists()
    with at(datetime.date(2026, 6, 1)):
        assert old.title in [owed.title for owed in unit_todo(body_user)]
