"""The demo's citizens' opinions: a year in every state and channel played through the services, texts that vary,
the seeds' rates, the demo accounts' waiting work, pages that render, and the services carrying on."""

import datetime
import re
from collections import Counter
from types import SimpleNamespace
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import transaction
from django.db.models import F, Q

from renda.accounts.models import User
from renda.casework.models import AssignmentRole, AssignmentState
from renda.casework.selectors import unit_todo
from renda.core.calendar import add_working_days
from renda.core.models import Notification
from renda.core.rules import rule
from renda.core.todos import urgency_of
from renda.demo.opinions import PHONE_PREFIX, demo_opinions
from renda.demo.services import SCALES, demo_seed
from renda.opinions import selectors, services
from renda.opinions.models import (
    Channel,
    InformMethod,
    Opinion,
    OpinionAssignment,
    OpinionContact,
    OpinionEvent,
    OpinionReply,
    OpinionTerm,
    RedirectReason,
    Satisfaction,
    State,
)
from renda.opinions.todos import station_steps
from renda.opinions.workflows import TRANSITIONS
from renda.org.models import HandlingUnit
from renda.suggestions.models import State as SuggestionState
from renda.suggestions.models import Suggestion

ZONE = ZoneInfo("Asia/Shanghai")
TODAY = datetime.date(2026, 11, 23)
NOW = datetime.datetime(2026, 11, 23, 8, 30, tzinfo=ZONE)
START = datetime.datetime.combine(TODAY, datetime.time(), ZONE)
SEED = 11


def digest() -> list[list[str]]:
    """The rows (sorted, as text) of the opinions, their timelines, the units' steps, the messages, the accounts they act
    through and the drafts raised from them, by natural keys (primary keys differ between runs)."""
    case = ("citizen_opinion__tracking_code",)
    parts = [
        Opinion.objects.values_list(
            "tracking_code",
            "received_on",
            "title",
            "content",
            "channel",
            "state",
            "category__name",
            "township__name",
            "village",
            "station__name",
            "deputy__name",
            "reception_day__date",
            "received_by__username",
            "citizen_name",
            "citizen_phone",
            "citizen_address",
            "forward_due",
            "reply_due",
            "round",
            "answer",
            "redirect_reason__label",
            "merged_into__tracking_code",
            "suggestion__title",
            "answered_on",
            "informed_on",
            "informed_how",
            "resolved",
            "satisfaction",
            "feedback_on",
            "closed_on",
            "is_complex",
        ),
        OpinionEvent.objects.values_list(
            "opinion__tracking_code",
            "action",
            "from_state",
            "to_state",
            "note",
            "created_at",
            "actor__username",
        ),
        OpinionAssignment.objects.values_list(
            *case,
            "unit__name",
            "role",
            "state",
            "assigned_on",
            "due",
            "reassign_deadline",
            "opinion_due",
            "opinion",
        ),
        OpinionReply.objects.values_list(
            "assignment__citizen_opinion__tracking_code",
            "assignment__unit__name",
            "round",
            "text",
            "signer",
            "sent_at",
            "on_time",
        ),
        OpinionContact.objects.values_list(
            "assignment__citizen_opinion__tracking_code", "stage", "method", "date", "summary"
        ),
        OpinionTerm.objects.values_list("opinion__tracking_code", "term", "weight"),
        User.objects.values_list("username", "full_name", "station__name", "handling_unit__name"),
        Notification.objects.values_list("recipient__username", "title", "body", "url", "key", "read_at"),
        Suggestion.objects.filter(opinions__isnull=False).values_list(
            "title", "content", "lead_deputy__name"
        ),
    ]
    codes = dict(Opinion.objects.values_list("pk", "tracking_code"))

    def natural(value):  # a link to /opinions/<pk>/ names the opinion's code; other keys are left out
        if isinstance(value, str) and value.startswith("/"):
            found = re.fullmatch(r"/opinions/(\d+)/", value)
            return codes[int(found[1])] if found else re.sub(r"\d+", "#", value)
        if isinstance(value, str) and re.match(r"^[a-z][a-z_-]*:", value):  # a key: opinion-forward:<pk>
            return re.sub(r"\d+", "#", value)
        return value

    return [sorted(repr([natural(v) for v in row]) for row in rows) for rows in parts]


def violations() -> list[str]:
    """Where the opinions contradict their workflow: an illegal or broken chain of moves, a state its timeline
    does not end in, a step on or after today, a deadline not the rules', an answer's on-time flag wrong."""
    found, last = [], {}
    for pk, frm, to, at in OpinionEvent.objects.order_by("created_at", "pk").values_list(
        "opinion_id", "from_state", "to_state", "created_at"
    ):
        if at >= START:
            found.append(f"{pk}: a step at {at}")
        if to:
            if (frm and to not in TRANSITIONS[frm]) or last.get(pk, "") != frm:
                found.append(f"{pk}: {last.get(pk)} … {frm} → {to}")
            last[pk] = to
    if last != dict(Opinion.objects.values_list("pk", "state")):
        found.append("a state differs from its timeline")
    forward = datetime.timedelta(days=rule("opinion_forward_days"))
    for pk, received, due in Opinion.objects.values_list("pk", "received_on", "forward_due"):
        if due != received + forward:
            found.append(f"{pk}: forward_due")
    for on, due, is_complex in OpinionAssignment.objects.filter(
        citizen_opinion__round=1, role=AssignmentRole.LEAD
    ).values_list("assigned_on", "due", "citizen_opinion__is_complex"):
        days = rule("opinion_answer_working_days_complex" if is_complex else "opinion_answer_working_days")
        if due != add_working_days(on, days):
            found.append(f"due {due} after {on}")
    for sent, due, on_time in OpinionReply.objects.filter(
        round=1, assignment__citizen_opinion__round=1
    ).values_list("sent_at", "assignment__due", "on_time"):
        if on_time != (sent.astimezone(ZONE).date() <= due):
            found.append(f"on_time {sent} {due}")
    return found


@pytest.fixture(scope="module")
def county(django_db_setup, django_db_blocker):
    """The demo county of 2026-11-23 without its opinions, then its opinions played twice with the same seed
    (the first rolled back)."""
    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
        time_machine.travel(NOW, tick=False),
    ):
        with mock.patch("renda.demo.services.demo_opinions", return_value={}):
            demo_seed(scale=SCALES["county"], seed=2024, today=TODAY)
        with transaction.atomic():
            demo_opinions(scale=SCALES["county"], seed=SEED, today=TODAY)
            first = digest()
            transaction.set_rollback(True)
        counts = demo_opinions(scale=SCALES["county"], seed=SEED, today=TODAY)
        yield SimpleNamespace(counts=counts, first=first, second=digest())
        transaction.set_rollback(True)


@pytest.fixture
def users(county, db):
    return {user.username: user for user in User.objects.select_related("station", "deputy", "handling_unit")}


def test_the_same_seed_gives_the_same_opinions(county):
    for first, second in zip(county.first, county.second, strict=True):
        assert sorted(set(first) - set(second))[:5] == sorted(set(second) - set(first))[:5]
        assert first == second


def test_the_province_scale_is_skipped():
    assert demo_opinions(scale=SCALES["province"], seed=SEED, today=TODAY) == {}


def test_a_year_in_every_state_through_every_channel(county, db):
    opinions = Opinion.objects.all()
    assert county.counts[str(Opinion._meta.verbose_name)] == opinions.count()
    assert 180 <= opinions.count() <= 320
    assert set(opinions.values_list("state", flat=True)) == set(State.values)
    assert set(opinions.values_list("channel", flat=True)) == set(Channel.values)
    received = opinions.values_list("received_on", flat=True)
    assert min(received) >= TODAY - datetime.timedelta(days=366) and max(received) < TODAY
    assert set(
        opinions.filter(state=State.REDIRECTED).values_list("redirect_reason__label", flat=True)
    ) == set(RedirectReason.objects.values_list("label", flat=True))
    closed = opinions.filter(state=State.CLOSED)
    assert {True, False, None} == set(closed.values_list("resolved", flat=True))  # None: answered on the spot
    assert set(closed.exclude(satisfaction="").values_list("satisfaction", flat=True)) == set(
        Satisfaction.values
    )
    assert opinions.filter(state=State.RECEIVED, forward_due__lt=TODAY).exists()
    assert not opinions.filter(state=State.MERGED, merged_into=None).exists()
    raised = opinions.filter(state=State.RAISED)
    assert raised.exists() and not raised.exclude(suggestion__state=SuggestionState.DRAFT).exists()
    assert set(OpinionAssignment.objects.values_list("role", flat=True)) >= {
        AssignmentRole.LEAD,
        AssignmentRole.JOINT,
        AssignmentRole.SPLIT,
    }
    assert OpinionAssignment.objects.filter(state=AssignmentState.WITHDRAWN).exists()
    assert OpinionReply.objects.filter(on_time=False).exists()
    assert set(opinions.exclude(informed_how="").values_list("informed_how", flat=True)) == set(
        InformMethod.values
    )
    assert OpinionEvent.objects.filter(action="群众评价").exists()  # a citizen on the status page


def test_spread_over_stations_busier_where_more_people_live(county, db):
    by_station = Counter(Opinion.objects.values_list("station__name", flat=True))
    assert len(by_station) >= 25
    assert not Opinion.objects.filter(station=None).exists()
    assert by_station.most_common(1)[0][1] >= 3 * sorted(by_station.values())[len(by_station) // 4]
    for opinion in Opinion.objects.filter(channel=Channel.RECEPTION).select_related("reception_day"):
        day = opinion.reception_day
        assert day.station_id == opinion.station_id and day.date == opinion.received_on
        assert opinion.deputy is None or day.deputies.filter(pk=opinion.deputy_id).exists()
    visits = Opinion.objects.filter(channel=Channel.VISIT)
    assert not visits.filter(deputy=None).exists()
    assert not visits.exclude(deputy__station__township=F("station__township")).exists()
    assert not Opinion.objects.filter(channel=Channel.HOTLINE).exclude(received_by__username="clerk").exists()


def test_timelines_and_deadlines_come_from_the_services(county, db):
    assert violations() == []
    assert OpinionTerm.objects.values("opinion").distinct().count() == Opinion.objects.count()


def test_departments_follow_the_matters(county, db):
    leads = OpinionAssignment.objects.filter(role=AssignmentRole.LEAD).exclude(
        state=AssignmentState.WITHDRAWN
    )
    for words, units in [
        (["停水", "自来水", "饮水管道", "饮用水"], {"县水务局"}),
        (["医保", "报销"], {"县医疗保障局", "县卫生健康局"}),
        (["工资"], {"县人力资源和社会保障局"}),
    ]:
        matters = [
            u
            for title, u in leads.values_list("citizen_opinion__title", "unit__name")
            if any(w in title for w in words)
        ]
        # each goes to the matter's department or, now and then, to the township's government (the topics'
        # weights, e.g. 水务 85, 乡镇 15): every lead is one of them and most are the department — a share, not
        # a fixed fraction, as a small year (9 water matters) scatters around its weight
        assert matters and all(
            u in units or u.endswith(("镇人民政府", "乡人民政府", "街道办事处")) for u in matters
        ), words
        assert sum(u in units for u in matters) * 2 > len(matters), words
    # the 通组路 matter, whichever of its titles the year drew: the transport bureau or the township's government
    roads = leads.filter(
        Q(citizen_opinion__title__contains="路面破损")
        | Q(citizen_opinion__title__contains="道路坑洼不平")
        | Q(citizen_opinion__title__contains="进组路坑槽多")
    )
    assert roads.exists()
    assert all(
        unit.name == "县交通运输局" or unit.township_id == township
        for unit, township in (
            (a.unit, a.citizen_opinion.township_id) for a in roads.select_related("unit", "citizen_opinion")
        )
    )


def test_about_nine_in_ten_resolved_and_95_percent_satisfied(county, db):
    figures = selectors.figures(Opinion.objects.all())
    assert figures.rated >= 120
    assert 0.92 <= figures.satisfied / figures.rated <= 0.98
    asked = Opinion.objects.exclude(resolved=None)
    assert 0.85 <= asked.filter(resolved=True).count() / asked.count() <= 0.95


def test_texts_vary_and_citizens_are_fictional(county, db):
    opinions = list(
        Opinion.objects.values_list("title", "content", "citizen_name", "citizen_phone", "citizen_address")
    )
    titles = {title for title, *_ in opinions}
    assert len(titles) >= 0.8 * len(opinions)
    assert len({content for _, content, *_ in opinions}) == len(opinions)
    words = ["路", "路灯", "积水", "垃圾", "水", "学", "卫生", "医保", "老人", "小区", "停车", "噪音", "市场", "渠",
             "快递", "就业", "工资", "纠纷", "养老", "低保", "信号"]  # fmt: skip
    assert sum(any(w in t for t in titles) for w in words) >= 18
    lengths = sorted(len(content) for _, content, *_ in opinions)
    assert lengths[-1] >= 2 * lengths[0]
    for _, content, name, phone, address in opinions:
        assert phone.startswith(PHONE_PREFIX) and len(phone) == 11
        assert phone not in content and (not name or name not in content)


def test_the_demo_keeper_finds_work_at_their_station(users):
    keeper = users["keeper"]
    steps = Counter(item.title.split("：")[0] for item in station_steps(keeper))
    assert steps["处理"] >= 3 and steps["告知群众"] >= 1 and steps["回访"] >= 1
    mine = Opinion.objects.filter(station=keeper.station)
    assert mine.filter(state=State.RECEIVED, forward_due__lt=TODAY).count() >= 2
    assert mine.filter(state=State.RECEIVED, forward_due__gte=TODAY).exists()
    assert any(selectors.similar_opinions(o) for o in mine.filter(state=State.RECEIVED))
    assert {
        State.RECEIVED,
        State.HANDLING,
        State.ANSWERED,
        State.INFORMED,
        State.CLOSED,
        State.REDIRECTED,
    } <= set(mine.values_list("state", flat=True))
    titles = list(keeper.notifications.filter(read_at=None).values_list("title", flat=True))
    assert any(t.startswith("群众意见逾期未处理") for t in titles)
    assert any(t.startswith("请回访群众") for t in titles)
    assert not keeper.notifications.exclude(read_at=None).filter(title__startswith="请回访群众").exists()


def test_the_demo_unit_finds_open_assignments(users):
    unit = users["unit"]
    todo = [row for row in unit_todo(unit) if row.kind.name == "opinion"]
    assert {"overdue", "soon"} <= {urgency_of(row.due, TODAY) for row in todo}
    assert {AssignmentState.ASSIGNED, AssignmentState.ACCEPTED, AssignmentState.REASSIGN_REQUESTED} <= {
        row.assignment.state for row in todo
    }
    assert {AssignmentRole.LEAD, AssignmentRole.JOINT} <= {row.assignment.role for row in todo}
    assert {"签收", "答复", "提交会办意见", "调整申请待处理"} <= {row.step for row in todo}
    assert State.REHANDLING in {row.case.state for row in todo}
    titles = unit.notifications.filter(read_at=None).values_list("title", flat=True)
    assert any(t.startswith("群众意见答复已超期") for t in titles)
    assert any(t.startswith("群众意见答复即将到期") for t in titles)


def test_the_demo_deputy_finds_the_opinions_they_collected(users):
    deputy = users["deputy"]
    collected = selectors.opinions_visible_to(deputy).filter(deputy=deputy.deputy, received_by=deputy)
    assert {State.RECEIVED, State.HANDLING, State.INFORMED, State.CLOSED, State.RAISED} <= set(
        collected.values_list("state", flat=True)
    )
    draft = collected.get(state=State.RAISED).suggestion
    assert draft.lead_deputy == deputy.deputy and draft.state == SuggestionState.DRAFT


def test_the_office_finds_escalated_opinions_and_a_reassignment_request(users):
    clerk = users["clerk"]
    assert any(item.title.startswith("重新办理后仍未解决") for item in station_steps(clerk))
    assert OpinionAssignment.objects.filter(
        state=AssignmentState.REASSIGN_REQUESTED, unit=users["unit"].handling_unit
    ).exists()
    assert clerk.notifications.filter(read_at=None, title__startswith="群众意见经重新办理仍未解决").exists()


@pytest.mark.parametrize("username", ["clerk", "member", "keeper", "deputy", "unit"])
def test_the_opinion_pages_render_for_the_demo_accounts(users, client, username):
    user = users[username]
    client.force_login(user)
    assert client.get("/opinions/").status_code == 200
    visible = selectors.opinions_visible_to(user)
    for state in [State.RECEIVED, State.HANDLING, State.INFORMED, State.CLOSED, State.ESCALATED]:
        opinion = visible.filter(state=state).first()
        if opinion is None:
            continue
        page = client.get(f"/opinions/{opinion.pk}/")
        assert page.status_code == 200
        assert opinion.citizen_phone not in page.content.decode()  # masked unless revealed on purpose


def test_the_services_carry_on_from_the_demo(users):
    keeper, unit, clerk = users["keeper"], users["unit"], users["clerk"]
    waiting = (
        Opinion.objects.filter(station=keeper.station, state=State.RECEIVED).order_by("forward_due").first()
    )
    housing = HandlingUnit.objects.get(name="县住房和城乡建设局")
    forwarded = services.opinion_forward(opinion=waiting, actor=keeper, lead=housing)
    assert forwarded.state == State.HANDLING
    soon = next(
        row.assignment for row in unit_todo(unit) if row.kind.name == "opinion" and row.step == "答复"
    )
    services.opinion_reply_send(assignment=soon, text="已安排修复。", signer="王强", actor=unit)
    assert Opinion.objects.get(pk=soon.citizen_opinion_id).state == State.ANSWERED
    escalated = Opinion.objects.filter(state=State.ESCALATED).first()
    closed = services.opinion_close_escalated(opinion=escalated, answer="已协调解决。", actor=clerk)
    assert closed.state == State.CLOSED
