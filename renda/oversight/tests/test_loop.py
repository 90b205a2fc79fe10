"""The closed loop of a work report through the real services: plan → meeting (Art. 15 papers) → problem list →
deliberation opinions → rectification list → handling report → a failed and a passed satisfaction vote →
follow-up → every rectification closed; and each rule of docs/workflows/oversight.md."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from renda.meetings.models import Paper
from renda.oversight import selectors, services
from renda.oversight.models import ItemKind, ItemState, PlanState, RectificationState
from renda.oversight.tests.conftest import DAY, adopted, at, heard, rate, second_meeting
from renda.oversight.workflows import ITEM_FLOW


def test_work_report_closed_loop_with_failed_and_passed_satisfaction_vote(
    term, committee, meeting, office, body_user, plan, make_user
):
    item = heard(plan, meeting, committee, office)
    assert item.state == ItemState.DELIBERATED and [p.text for p in item.problems.all()] == [
        "问题一",
        "问题二",
    ]
    with at(datetime.date(2026, 3, 25)):
        item = services.item_send_opinions(item=item, opinion="一、……二、……", actor=office)
    assert item.report_due == datetime.date(2026, 6, 25) and not item.opinion_late
    assert body_user.notifications.filter(title__startswith="新交办审议意见").count() == 1  # the body's inbox
    with at(datetime.date(2026, 4, 1)):
        with pytest.raises(ValidationError):
            services.item_report(item=item, report="报告", actor=body_user)  # the rectification list first
        first = services.rectification_add(
            item=item, problem=item.problems.first(), measure="整治黑臭水体", responsible_person="张局长",
            due=datetime.date(2026, 5, 30), actor=body_user,
        )  # fmt: skip
        second = services.rectification_add(
            item=item, measure="完善监测网络", responsible_person="李副局长", due=datetime.date(2026, 9, 30),
            actor=body_user,
        )  # fmt: skip
    with at(datetime.date(2026, 5, 20)):
        item = services.item_report(item=item, report="研究处理情况报告", actor=body_user)
    assert item.state == ItemState.REPORTED and item.rounds == 1 and not item.report_late
    m2 = second_meeting(term, committee, office)
    item = rate(item, m2, committee, office, make_user, {"满意": 6, "基本满意": 6, "不满意": 8})
    assert item.state == ItemState.FAILED and item.result.endswith("未通过")
    assert item.report_due == datetime.date(2026, 9, 19)
    with at(datetime.date(2026, 7, 20)):
        services.rectification_done(rectification=first, note="已完成整治", actor=body_user)
        item = services.item_report(item=item, report="再次报告", actor=body_user)
    assert item.rounds == 2
    item = rate(item, m2, committee, office, make_user, {"满意": 10, "基本满意": 5, "不满意": 5})
    assert item.state == ItemState.FOLLOW_UP and item.satisfaction_votes.filter(passed=True).count() == 1
    with at(datetime.date(2026, 10, 10)):
        item = services.item_follow_up(item=item, note="回头看：黑臭水体未反弹", actor=office)
        services.rectification_done(rectification=second, note="监测站建成", actor=body_user)
        services.rectification_close(rectification=first, actor=office)
        item.refresh_from_db()
        assert item.state == ItemState.FOLLOW_UP  # one still open
        services.rectification_close(rectification=second, actor=office)
    item.refresh_from_db()
    assert item.state == ItemState.CLOSED and item.closed_on == datetime.date(2026, 10, 10)
    assert set(item.rectifications.values_list("state", flat=True)) == {RectificationState.CLOSED}
    with at(datetime.date(2026, 10, 11)):
        item = services.item_publish(item=item, actor=office)
    assert list(selectors.public_items()) == [item]
    actions = list(item.events.values_list("action", flat=True))
    assert actions[:4] == ["列入计划", "列入会议议程", "审议并列出问题清单", "交办审议意见"]
    assert actions.count("测评未通过") == 1 and actions.count("测评通过") == 1


def test_plan_is_adopted_by_the_council_of_chairpersons_and_published_art_63(office, plan, body):
    """【国】 监督法 Art. 63: the annual plan is adopted by the Council of Chairpersons (recorded) and published;
    an item is scheduled only from an adopted plan; changes afterwards are recorded as changes."""
    item = plan.items.get()
    assert not ITEM_FLOW.may(office, item, "schedule")  # the plan is still a draft
    assert list(selectors.public_plans()) == []
    with pytest.raises(ValidationError):
        services.plan_publish(plan=plan, actor=office)  # adopted first
    plan = adopted(plan, office)
    assert plan.state == PlanState.ADOPTED and plan.adopted_on == datetime.date(2026, 1, 15)
    plan = services.plan_publish(plan=plan, actor=office)
    assert list(selectors.public_plans()) == [plan]
    added = services.item_add(
        plan=plan, kind=ItemKind.LAW_INSPECTION, title="大气污染防治法执法检查", body=body, planned_month=6,
        actor=office,
    )  # fmt: skip
    assert added.added_after_adoption
    assert plan.events.filter(action="调整计划", note__contains="大气污染防治法").exists()


def test_council_meeting_must_be_a_council_of_chairpersons(term, meeting, office, plan):
    with pytest.raises(ValidationError) as error:
        services.plan_adopt(plan=plan, council_meeting=meeting, actor=office)
    assert "council_meeting" in error.value.error_dict


def test_work_report_papers_follow_art_15(term, committee, meeting, office, plan):
    """【国】 监督法 Art. 15: the work report's papers reach the committee 20 days, the standing committee 10 days
    and the members 7 days before the meeting (the meetings' agenda, created as the item is scheduled)."""
    adopted(plan, office)
    with at(datetime.date(2026, 2, 5)):
        item = services.item_schedule(item=plan.items.get(), meeting=meeting, actor=office)
    dues = sorted((DAY - p.due_date).days for p in Paper.objects.filter(item=item.agenda_item))
    assert dues == [7, 10, 20]


def test_deliberation_opinions_due_in_working_days_by_the_local_rule(
    term, committee, meeting, office, plan, settings
):
    """【地】 oversight_opinion_days: opinions sent within 7 (浙江) or 10 (河南) working days of the deliberation;
    a late one is flagged."""
    item = heard(plan, meeting, committee, office)
    assert item.opinion_due == datetime.date(2026, 3, 31)  # Friday 20 March + 7 working days
    settings.RENDA_RULE_PRESET = "河南"
    assert services.opinion_due(DAY) == datetime.date(2026, 4, 3)
    with at(datetime.date(2026, 4, 2)):
        item = services.item_send_opinions(item=item, opinion="意见", actor=office)
    assert item.opinion_late


def test_handling_report_within_three_months_two_for_budget_opinions(plan, body, office, settings):
    """【地】 oversight_report_months: the handling report within 3 months; oversight_report_months_budget: 2 for
    budget and audit opinions (河南)."""
    adopted(plan, office)
    budget = services.item_add(
        plan=plan,
        kind=ItemKind.BUDGET_EXECUTION,
        title="预算执行情况",
        body=body,
        planned_month=7,
        actor=office,
    )
    start = datetime.date(2026, 3, 25)
    assert services.report_due(plan.items.first(), start) == datetime.date(2026, 6, 25)
    assert services.report_due(budget, start) == datetime.date(2026, 6, 25)
    settings.RENDA_RULE_PRESET = "河南"
    assert services.report_due(budget, start) == datetime.date(2026, 5, 25)
    assert services.report_due(plan.items.first(), start) == datetime.date(2026, 6, 25)


def test_audit_rectification_report_within_six_months_art_27(term, committee, meeting, office, plan, body):
    """【国】 监督法 Art. 27: the audit rectification report comes within 6 months of the audit report."""
    adopted(plan, office)
    audit = services.item_add(
        plan=plan, kind=ItemKind.AUDIT, title="2025年度审计工作报告", body=body, planned_month=3, actor=office
    )
    with at(datetime.date(2026, 2, 5)):
        audit = services.item_schedule(item=audit, meeting=meeting, actor=office)
    with at(DAY):
        from renda.meetings import services as meetings

        meetings.meeting_convene(meeting=meeting, actor=office)
        audit = services.item_deliberate(item=audit, problems=["专项资金闲置"], actor=office)
    assert audit.audit_report_due == datetime.date(2026, 9, 20)


def test_satisfaction_vote_passes_over_half_of_all_members(
    term, committee, meeting, office, body_user, plan, make_user, settings
):
    """【地】 满意度测评: secret; passes when 满意+基本满意 (oversight_basic_counts 1) or 满意 alone (0) exceeds
    half of ALL members — 25 members: 13, not a majority of those voting."""
    assert services.passes(satisfied=8, basically_satisfied=5, entitled=25)
    assert not services.passes(satisfied=6, basically_satisfied=6, entitled=25)
    settings.RENDA_RULE_OVERRIDES = {"oversight_basic_counts": 0}
    assert not services.passes(satisfied=12, basically_satisfied=8, entitled=25)
    assert services.passes(satisfied=13, basically_satisfied=0, entitled=25)


def test_the_satisfaction_vote_is_secret_on_the_voting(
    term, committee, meeting, office, body_user, plan, make_user
):
    item = heard(plan, meeting, committee, office)
    with at(datetime.date(2026, 3, 25)):
        item = services.item_send_opinions(item=item, opinion="意见", actor=office)
        services.rectification_add(
            item=item, measure="措施", responsible_person="甲", due=datetime.date(2026, 5, 1), actor=body_user
        )
        item = services.item_report(item=item, report="报告", actor=body_user)
        event = services.item_vote_create(item=item, meeting=meeting, actor=office)
    assert event.is_secret and event.entitled == 25 and event.choice_kind == "choose"


def test_only_the_body_overseen_reports_and_only_its_items_are_visible(
    term, committee, meeting, office, body_user, plan, make_user
):
    from renda.core.roles import Role
    from renda.org.tests.factories import HandlingUnitFactory

    other = make_user(Role.UNIT, handling_unit=HandlingUnitFactory(name="县教育局"))
    item = heard(plan, meeting, committee, office)
    with at(datetime.date(2026, 3, 25)):
        item = services.item_send_opinions(item=item, opinion="意见", actor=office)
        with pytest.raises(PermissionDenied):
            services.rectification_add(
                item=item, measure="x", responsible_person="y", due=datetime.date(2026, 5, 1), actor=other
            )
    assert list(selectors.items_visible_to(other)) == []
    assert list(selectors.items_visible_to(body_user)) == [item]


def test_interpellation_needs_three_members_and_a_majority_dissatisfied_answers_again(
    term, committee, meeting, office, body, member_user
):
    """【国】 监督法 Art. 53: an interpellation is filed by at least three members; if a majority of the filers are
    dissatisfied with the answer, the body answers again."""
    with pytest.raises(ValidationError) as error:
        services.interpellation_file(
            title="案由", content="内容", body=body, filers=committee[:2], actor=office
        )
    assert error.value.error_dict["filers"][0].code == "too_few_filers"
    q = services.interpellation_file(
        title="案由", content="内容", body=body, filers=committee[:5], actor=office
    )
    q = services.interpellation_schedule(interpellation=q, meeting=meeting, actor=office)
    q = services.interpellation_answer(interpellation=q, answer="答复", actor=office)
    q = services.interpellation_assess(interpellation=q, dissatisfied=3, actor=office)
    assert q.state == "reanswer"
    q = services.interpellation_answer(interpellation=q, answer="再次答复", actor=office)
    assert q.state == "answered" and q.answer_rounds == 2
    q = services.interpellation_assess(
        interpellation=q, dissatisfied=2, actor=office
    )  # 2 of 5: not a majority
    assert q.state == "closed"


def test_normative_documents_filed_late_are_flagged(office, body, settings):
    """【地】 oversight_filing_days: a normative document is filed within 30 days of publication; later filings
    are flagged; reviewed actively or on request, then lawful, corrected or revoked."""
    published = datetime.date(2026, 3, 1)
    on_time = services.filing_register(
        title="甲", number="政发〔2026〕1号", issuer=body, published_on=published,
        filed_on=datetime.date(2026, 3, 31), actor=office,
    )  # fmt: skip
    late = services.filing_register(
        title="乙", number="政发〔2026〕2号", issuer=body, published_on=published,
        filed_on=datetime.date(2026, 4, 1), actor=office,
    )  # fmt: skip
    assert not on_time.filed_late and late.filed_late
    settings.RENDA_RULE_OVERRIDES = {"oversight_filing_days": 15}
    assert services.filing_due(published) == datetime.date(2026, 3, 16)
    late = services.filing_review(document=late, requested_by="公民王某", actor=office)
    late = services.filing_decide(document=late, outcome="correct", note="超越权限", actor=office)
    late = services.filing_corrected(document=late, note="已修改", actor=office)
    assert late.state == "corrected"
    report = selectors.filing_report(2026)
    assert (report.filed, report.late, report.reviewed, report.on_request, report.corrected) == (
        2,
        1,
        1,
        1,
        1,
    )
    assert report.sentence.startswith("2026年接收报备规范性文件2件（逾期报备1件）")


def test_the_board_and_the_year_in_the_seeds_words(term, committee, meeting, office, plan):
    item = heard(plan, meeting, committee, office)
    with at(datetime.date(2026, 4, 10)):
        board = selectors.board(2026)
    assert board["per_body"][0].overdue == 1  # opinions not sent by 31 March
    assert list(board["open_items"]) == [item]
    figures = selectors.year_figures(2026)
    assert figures.sentence.startswith("听取和审议专项工作报告1个，开展执法检查0次")


def test_law_inspection_field_work_and_inquiry_questions_with_follow_ups(
    term, committee, meeting, office, plan, body
):
    """A law inspection's plan of work (Arts. 31–37): the law's articles checked, places visited, questionnaires,
    what was found; an inquiry's questions: who asked, who answered, and the follow-up questions on the spot."""
    adopted(plan, office)
    inspection = services.item_add(
        plan=plan, kind=ItemKind.LAW_INSPECTION, title="大气污染防治法执法检查", body=body, planned_month=3,
        actor=office,
    )  # fmt: skip
    with pytest.raises(ValidationError):
        services.item_inspect(item=inspection, actor=office)  # nothing recorded
    inspection = services.item_inspect(
        item=inspection, articles_checked="第十八条、第二十条", places_visited="城东工业园区", questionnaires=120,
        findings="部分企业未安装在线监测设备", actor=office,
    )  # fmt: skip
    assert inspection.questionnaires == 120 and inspection.state == ItemState.PLANNED
    assert not ITEM_FLOW.may(office, plan.items.first(), "inspect")  # a work report has no field work
    inquiry = services.item_add(
        plan=plan,
        kind=ItemKind.INQUIRY,
        title="农村饮水安全专题询问",
        body=body,
        planned_month=3,
        actor=office,
    )
    with at(datetime.date(2026, 2, 5)):
        inquiry = services.item_schedule(item=inquiry, meeting=meeting, actor=office)
    assert inquiry.agenda_item.kind == "inquiry"
    services.question_record(
        item=inquiry, asker=committee[3], question="水源地保护如何落实？", answerer="县水务局局长", answer="……",
        actor=office,
    )  # fmt: skip
    services.question_record(
        item=inquiry, asker=committee[3], question="时间表呢？", answerer="县水务局局长", follow_up=True,
        actor=office,
    )  # fmt: skip
    assert list(inquiry.questions.values_list("order", "follow_up")) == [(1, False), (2, True)]


def test_withdrawing_an_item_from_an_adopted_plan_is_a_recorded_change(office, plan, body):
    """Changes to an adopted plan are recorded as such, with their reason; a draft is simply edited."""
    draft_item = services.item_add(
        plan=plan, kind=ItemKind.SURVEY, title="调研甲", body=body, planned_month=5, actor=office
    )
    services.item_withdraw(item=draft_item, reason="", actor=office)
    plan = adopted(plan, office)
    item = plan.items.get()
    with pytest.raises(ValidationError):
        services.item_withdraw(item=item, reason="", actor=office)
    services.item_withdraw(item=item, reason="并入执法检查", actor=office)
    assert plan.events.filter(action="调整计划", note__contains="并入执法检查").exists()
    assert not plan.items.exists()
