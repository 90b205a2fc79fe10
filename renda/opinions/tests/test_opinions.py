"""Citizens' opinions from intake to the citizen's answer, through the services; each rule named."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from renda.casework import selectors as casework_selectors
from renda.casework import services as casework
from renda.casework.models import AssignmentState
from renda.core import clock, human
from renda.core.calendar import add_working_days
from renda.core.models import Notification
from renda.opinions import reminders, selectors, services
from renda.opinions.models import Channel, Opinion, OpinionTerm, PersonalDataView, RedirectReason, State
from renda.suggestions.models import State as SuggestionState
from renda.suggestions.tests import flow as suggestion_flow

pytestmark = pytest.mark.django_db

D = datetime.date
MONDAY = D(2025, 6, 9)


def taken(keeper, **fields) -> Opinion:
    values = {
        "channel": Channel.RECEPTION,
        "title": "城关镇北街路灯不亮",
        "content": "北街路灯坏了一个多月，晚上出行不便，希望尽快维修路灯。",
        "citizen_phone": "13812345678",
        "citizen_name": "王建国",
        "citizen_address": "北街12号",
    } | fields
    return services.opinion_take(actor=keeper, **values)


def forwarded(keeper, officer, **fields) -> Opinion:
    opinion = taken(keeper, **fields)
    return services.opinion_forward(opinion=opinion, actor=keeper, lead=officer.handling_unit)


def answered(keeper, officer) -> Opinion:
    opinion = forwarded(keeper, officer)
    assignment = opinion.assignments.get()
    assignment = casework.sign_for(assignment=assignment, actor=officer)
    services.opinion_reply_send(
        assignment=assignment, text="已安排维修，三日内修复。", signer="李局长", actor=officer
    )
    opinion.refresh_from_db()
    return opinion


def informed(keeper, officer) -> Opinion:
    return services.opinion_inform(opinion=answered(keeper, officer), how="phone", actor=keeper)


# ---------------------------------------------------------------- intake


def test_a_keeper_takes_an_opinion_for_their_station_with_a_tracking_code(keeper, station):
    opinion = taken(keeper)
    assert opinion.station == station and opinion.state == State.RECEIVED
    assert len(opinion.tracking_code) == 8 and set(opinion.tracking_code) <= set(
        "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
    )
    assert opinion.events.get().action == "受理"
    assert OpinionTerm.objects.filter(opinion=opinion, term="路灯").exists()  # indexed for hot topics


def test_a_keeper_cannot_take_for_another_station_and_outsiders_cannot_take(keeper, other_keeper, officer):
    with pytest.raises(PermissionDenied):
        taken(keeper, station=other_keeper.station)
    with pytest.raises(PermissionDenied):
        taken(officer)


def test_a_deputy_takes_an_opinion_on_a_visit_as_its_collector(deputy, station):
    opinion = taken(deputy, channel=Channel.VISIT)
    assert opinion.deputy == deputy.deputy and opinion.station == station


def test_intake_refuses_bad_input_with_chinese_errors_beside_the_field(keeper):
    with pytest.raises(ValidationError) as error:
        taken(keeper, citizen_phone="12345")
    assert error.value.message_dict == {"citizen_phone": ["请填写11位手机号码或带区号的固定电话。"]}
    with pytest.raises(ValidationError) as error:
        taken(keeper, received_on=clock.today() + datetime.timedelta(days=1))
    assert "received_on" in error.value.message_dict
    assert Opinion.objects.count() == 0


def test_an_online_opinion_needs_a_phone_and_consent_and_goes_to_the_township_station(
    township, station, keeper
):
    base = {"title": "垃圾清运不及时", "content": "小区垃圾三天没人清运。", "township": township}
    with pytest.raises(ValidationError) as error:
        services.opinion_submit_online(citizen_phone="", consent=True, **base)
    assert "citizen_phone" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.opinion_submit_online(citizen_phone="13812345678", consent=False, **base)
    assert "consent" in error.value.message_dict
    opinion = services.opinion_submit_online(citizen_phone="13812345678", consent=True, **base)
    assert opinion.channel == Channel.ONLINE and opinion.station == station and opinion.received_by is None
    assert Notification.objects.filter(recipient=keeper, title__startswith="收到网上反映").exists()


def test_online_opinions_are_limited_per_address_per_hour(township):
    base = {
        "title": "事项",
        "content": "内容",
        "township": township,
        "citizen_phone": "13812345678",
        "consent": True,
    }
    for _ in range(human.PER_HOUR):
        services.opinion_submit_online(client_hash="abc", **base)
    with pytest.raises(ValidationError) as error:
        services.opinion_submit_online(client_hash="abc", **base)
    assert error.value.code == "throttled"
    services.opinion_submit_online(client_hash="other", **base)


# ---------------------------------------------------------------- triage


def test_rule_court_arbitration_and_review_matters_are_redirected_with_the_referral_text(keeper):
    court = RedirectReason.objects.get(label="涉诉事项")
    assert {"涉诉事项", "仲裁事项", "行政复议事项"} <= set(
        RedirectReason.objects.values_list("label", flat=True)
    )
    opinion = services.opinion_redirect(opinion=taken(keeper), reason=court, actor=keeper)
    assert opinion.state == State.REDIRECTED and opinion.answer == court.referral


def test_the_same_matter_is_merged_after_similar_opinions_are_found(keeper):
    first = taken(keeper)
    second = taken(keeper, citizen_phone="13900001111", content="北街的路灯坏了，晚上很黑，请维修路灯。")
    unrelated = taken(
        keeper, title="学校门口缺少斑马线", content="小学门口没有斑马线和减速带，孩子过马路危险。"
    )
    assert selectors.similar_opinions(first) == [second]
    services.opinions_merge(into=first, others=[second], actor=keeper)
    second.refresh_from_db()
    assert second.state == State.MERGED and second.merged_into == first
    assert unrelated not in selectors.similar_opinions(first)


def test_rule_opinion_forward_days_sets_the_forward_due_date_and_late_triage_is_reminded(keeper, settings):
    with clock.at(MONDAY):
        opinion = taken(keeper, received_on=MONDAY)
    assert opinion.forward_due == MONDAY + datetime.timedelta(days=10)
    settings.RENDA_RULE_OVERRIDES = {"opinion_forward_days": 7}
    with clock.at(MONDAY):
        assert taken(keeper, received_on=MONDAY).forward_due == MONDAY + datetime.timedelta(days=7)
    assert reminders.FORWARD_LATE.send(today=MONDAY + datetime.timedelta(days=11)) >= 1
    assert reminders.FORWARD_LATE.send(today=MONDAY + datetime.timedelta(days=11)) == 0  # once


def test_rule_opinion_answer_working_days_5_or_10_when_complex(keeper, officer):
    with clock.at(MONDAY):
        simple = forwarded(keeper, officer)
        complex_ = services.opinion_forward(
            opinion=taken(keeper), actor=keeper, lead=officer.handling_unit, is_complex=True
        )
    assert simple.reply_due == add_working_days(MONDAY, 5) == D(2025, 6, 16)
    assert complex_.reply_due == add_working_days(MONDAY, 10) == D(2025, 6, 23)
    assert simple.assignments.get().due == simple.reply_due


def test_raising_an_opinion_makes_a_draft_suggestion_for_the_deputy_linked_both_ways(keeper, deputy, office):
    opinion = taken(keeper)
    with pytest.raises(PermissionDenied):
        services.opinion_raise(opinion=opinion, deputy=deputy.deputy, actor=keeper)  # keepers do not raise
    raised = services.opinion_raise(opinion=opinion, deputy=deputy.deputy, actor=deputy)
    draft = raised.suggestion
    assert raised.state == State.RAISED and draft.state == SuggestionState.DRAFT
    assert draft.lead_deputy == deputy.deputy and opinion.tracking_code in draft.content
    assert list(draft.opinions.all()) == [raised]
    assert Notification.objects.filter(
        recipient=deputy, title__startswith="群众意见已转为您的建议草稿"
    ).exists()


# ---------------------------------------------------------------- handling, telling the citizen, 回访


def test_an_opinion_goes_to_a_department_and_back_to_the_citizen_s_satisfaction(keeper, officer):
    opinion = informed(keeper, officer)
    assert opinion.state == State.INFORMED and opinion.informed_how == "phone"
    done = services.opinion_feedback(opinion=opinion, resolved=True, satisfaction="satisfied", actor=keeper)
    assert done.state == State.CLOSED and done.resolved is True and done.closed_on == clock.today()
    assert [e.action for e in done.events.order_by("created_at", "pk")] == [
        "受理",
        "转办",
        "签收",
        "答复",
        "部门答复",
        "告知群众",
        "回访",
        "办结",
    ]


def test_departments_answer_without_a_prior_contact_the_station_relays(keeper, officer):
    opinion = forwarded(keeper, officer)
    assignment = casework.sign_for(assignment=opinion.assignments.get(), actor=officer)
    services.opinion_reply_send(assignment=assignment, text="已处理。", signer="李局长", actor=officer)
    opinion.refresh_from_db()
    assert opinion.state == State.ANSWERED
    assert Notification.objects.filter(recipient=keeper, title__startswith="部门已答复，请告知群众").exists()


def test_not_resolved_goes_back_to_the_department_once_then_to_the_office(keeper, officer, office):
    opinion = informed(keeper, officer)
    again = services.opinion_feedback(
        opinion=opinion, resolved=False, satisfaction="dissatisfied", actor=keeper
    )
    assert again.state == State.REHANDLING and again.round == 2
    assignment = again.assignments.get()
    assert assignment.state == AssignmentState.ACCEPTED and assignment.due == again.reply_due
    services.opinion_reply_send(assignment=assignment, text="再次处理。", signer="李局长", actor=officer)
    opinion = services.opinion_inform(opinion=Opinion.objects.get(pk=opinion.pk), how="phone", actor=keeper)
    escalated = services.opinion_feedback(
        opinion=opinion, resolved=False, satisfaction="dissatisfied", actor=keeper
    )
    assert escalated.state == State.ESCALATED
    with pytest.raises(PermissionDenied):
        services.opinion_close_escalated(opinion=escalated, answer="协调解决。", actor=keeper)
    closed = services.opinion_close_escalated(opinion=escalated, answer="经协调，已落实维修。", actor=office)
    assert closed.state == State.CLOSED


def test_the_citizen_gives_feedback_without_an_account(keeper, officer):
    opinion = informed(keeper, officer)
    done = services.opinion_feedback(
        opinion=opinion, resolved=True, satisfaction="basically_satisfied", actor=None, by_citizen=True
    )
    assert done.state == State.CLOSED
    event = done.events.get(action="群众评价")
    assert event.actor is None and event.note == "已解决，基本满意"


def test_rule_the_citizen_is_asked_afterwards_a_reminder_when_not_asked_within_the_follow_up_days(
    keeper, officer
):
    with clock.at(MONDAY):
        opinion = answered(keeper, officer)
    assert opinion.answered_on == MONDAY
    assert reminders.FOLLOW_UP.send(today=MONDAY + datetime.timedelta(days=7)) == 0
    assert reminders.FOLLOW_UP.send(today=MONDAY + datetime.timedelta(days=8)) == 1
    assert Notification.objects.filter(recipient=keeper, title__startswith="请回访群众").count() == 1


def test_a_department_sees_opinions_and_suggestions_on_one_to_do_list(keeper, officer, make_user):
    from renda.core.roles import Role
    from renda.deputies.tests.factories import DeputyFactory
    from renda.org.tests.factories import CommitteeOfficeFactory

    forwarded(keeper, officer, title="路灯不亮")
    clerk = make_user(Role.CLERK, office=CommitteeOfficeFactory())
    author = make_user(Role.DEPUTY, deputy=DeputyFactory())
    suggestion_flow.assigned(clerk, author, lead=officer.handling_unit, title="关于修缮道路的建议")
    rows = casework_selectors.unit_todo(officer)
    assert {(row.kind.label, row.title) for row in rows} == {
        ("群众意见", "路灯不亮"),
        ("代表建议", "关于修缮道路的建议"),
    }
    loads = {load.name: load for load in casework_selectors.unit_loads(clock.today().year)}
    assert loads["县住房和城乡建设局"].by_kind["opinion"]["assigned"] == 1
    assert loads["县住房和城乡建设局"].total("assigned") == 2


# ---------------------------------------------------------------- who sees what; personal information


def test_who_sees_which_opinion(keeper, other_keeper, deputy, officer, other_officer, office):
    opinion = forwarded(keeper, officer)
    seen = lambda user: list(selectors.opinions_visible_to(user))  # noqa: E731
    assert seen(keeper) == seen(office) == seen(deputy) == seen(officer) == [opinion]
    assert seen(other_keeper) == seen(other_officer) == seen(None) == []


def test_privacy_personal_data_is_masked_by_default_and_each_unmasked_view_is_logged(
    keeper, officer, office, deputy
):
    opinion = forwarded(keeper, officer)
    assert selectors.citizen_of(officer, opinion).phone == "138****5678"
    assert selectors.citizen_of(deputy, opinion, reveal=True).phone == "138****5678"  # may not reveal
    assert selectors.citizen_of(keeper, opinion).name == "王**"
    assert selectors.citizen_of(keeper, opinion, reveal=True).phone == "13812345678"
    assert selectors.citizen_of(office, opinion, reveal=True).address == "北街12号"
    services.personal_data_viewed(opinion=opinion, viewer=keeper, where="详情页")
    assert PersonalDataView.objects.get().viewer == keeper


def test_privacy_personal_data_is_erased_after_the_retention_period(keeper, settings):
    with clock.at(D(2022, 3, 1)):
        old = services.opinion_answer_on_spot(
            opinion=taken(keeper, received_on=D(2022, 3, 1)), answer="已解释政策。", actor=keeper
        )
    fresh = services.opinion_answer_on_spot(opinion=taken(keeper), answer="已解释。", actor=keeper)
    today = D(2025, 3, 2)
    assert services.personal_data_erase(today=today) == {"personal_data_erased": 1}
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert (old.citizen_name, old.citizen_phone, old.citizen_address) == ("", "", "")
    assert old.personal_data_erased_on == today and fresh.citizen_phone == "13812345678"
    assert services.personal_data_erase(today=today) == {"personal_data_erased": 0}  # idempotent


def test_figures_in_the_seeds_words(keeper, officer):
    services.opinion_answer_on_spot(opinion=taken(keeper), answer="当场解释。", actor=keeper)
    services.opinion_feedback(
        opinion=informed(keeper, officer), resolved=True, satisfaction="satisfied", actor=keeper
    )
    taken(keeper)
    figures = selectors.figures(Opinion.objects.all())
    assert figures.sentence == "接待群众3人次，收集意见建议3条，推动解决2件"
    assert (figures.forwarded, figures.satisfied, figures.rated) == (1, 1, 1)


def test_a_joint_department_sends_its_view_to_the_lead_one(keeper, officer, other_officer):
    opinion = services.opinion_forward(
        opinion=taken(keeper), actor=keeper, lead=officer.handling_unit, joint=[other_officer.handling_unit]
    )
    joint = opinion.assignments.get(unit=other_officer.handling_unit)
    joint = casework.sign_for(assignment=joint, actor=other_officer)
    sent = casework.send_opinion(
        assignment=joint, opinion="建议结合老旧小区改造一并实施。", actor=other_officer
    )
    assert sent.state == AssignmentState.OPINION_SENT and sent.opinion == "建议结合老旧小区改造一并实施。"
    assert sent.citizen_opinion == opinion
    assert Notification.objects.filter(recipient=officer, title__startswith="收到会办意见").exists()


def test_the_status_page_stops_taking_ratings_after_five_wrong_phone_digits(keeper, officer):
    opinion = informed(keeper, officer)
    for _ in range(services.PHONE_TRIES):
        with pytest.raises(ValidationError) as error:
            services.opinion_citizen_feedback(
                opinion=opinion, phone_tail="0000", resolved=True, satisfaction="satisfied"
            )
        assert error.value.message_dict == {"phone_tail": ["与登记的联系电话不符。"]}
        opinion.refresh_from_db()
    with pytest.raises(ValidationError) as error:  # now even the right digits are refused
        services.opinion_citizen_feedback(
            opinion=opinion, phone_tail="5678", resolved=True, satisfaction="satisfied"
        )
    assert error.value.code == "too_many_tries"
    opinion.refresh_from_db()
    assert opinion.state == State.INFORMED


def test_an_approved_reassignment_moves_the_opinion_s_deadline_with_the_new_department(
    keeper, officer, other_officer, office
):
    with clock.at(MONDAY):
        opinion = forwarded(keeper, officer)
        asked = casework.request_reassignment(
            assignment=opinion.assignments.get(), reason="不属本单位职责", actor=officer
        )
    with clock.at(MONDAY + datetime.timedelta(days=1)):
        new = services.opinion_reassignment_decide(
            assignment=asked, approve=True, new_unit=other_officer.handling_unit, actor=office
        )
    opinion.refresh_from_db()
    assert new.unit == other_officer.handling_unit
    assert opinion.reply_due == new.due == add_working_days(MONDAY + datetime.timedelta(days=1), 5)
