"""The demo county's oversight (renda.oversight), played through the services under `clock.at(...)`, on the
standing-committee meetings of renda/demo/meetings.py (which call `planned` a month before each meeting and
`convened` at it).

This year's plan (年度监督工作计划) is drawn up in January with its work reports, a law inspection, an inquiry and
surveys, adopted by the Council of Chairpersons and published; a survey is added in May as a change of the
plan. A month before each of this year's meetings the office links a planned item to the meeting's work report
and puts one more item of the plan on the agenda (its papers by Art. 15, filed on time); a law inspection's or a
survey's field work is recorded three weeks before it is heard; at the meeting the items are deliberated and
their problem lists drawn up. Between meetings the opinions go to the body five working days later, the body
sends its rectification list (measures, persons responsible, due dates) ten days after and its handling report
25 days after the opinions; at the next meeting the members rate the report (secret, 满意/基本满意/不满意). The
first vote fails (few 满意): the body rectifies and reports again (on paper: the office enters it), and the next
meeting passes it; then follow-up (回头看) and the rectifications closed one by one until the item is closed (销号).

The last meeting before today fixes the stages the year would not otherwise show today (`Oversight._stage`): a
third item is heard there and its opinions are still being drafted, one item's opinions go out the same day and
its body is rectifying, another's body reports quickly; of the reports in, one fails its vote (the body
rectifying again) and one is put to the vote, not yet taken. So as of today the plan has items in every stage of
the loop, from planned and on the next meeting's agenda to closed (from about mid-year: earlier the year has too
few meetings). An interpellation by five members waits for its answer at the next meeting; normative documents
are filed (one late) and reviewed. Deterministic: everything follows `random.Random(seed)`; robust to any date
(no step after today is played). Not generated at the province scale used by bench/."""

import datetime
import random
from collections.abc import Callable
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from renda.accounts.models import User
from renda.core import clock
from renda.core.calendar import add_months, add_working_days
from renda.core.roles import Role
from renda.demo import vocab
from renda.deputies.models import Deputy, Level
from renda.meetings import services as meetings
from renda.org.models import HandlingUnit
from renda.oversight import services
from renda.oversight.models import (
    ItemKind,
    ItemState,
    OversightItem,
    OversightPlan,
    Rating,
    RectificationState,
)
from renda.oversight.workflows import FIELD_KINDS
from renda.voting import services as voting
from renda.voting.models import VoteOption, Voter

# (title, kind, body) of this year's plan; titles of work reports as the meetings' agenda names them
ITEMS = [
    ("县人民政府关于生态环境保护工作情况的报告", ItemKind.WORK_REPORT, "毕节市生态环境局大方分局"),
    ("县人民政府关于乡村振兴工作情况的报告", ItemKind.WORK_REPORT, "县乡村振兴局"),
    ("县人民政府关于财政预算执行情况的报告", ItemKind.BUDGET_EXECUTION, "县财政局"),
    ("县人民政府关于审计查出问题整改情况的报告", ItemKind.AUDIT, "县审计局"),
    ("关于全县旅游产业发展情况的专题调研", ItemKind.SURVEY, "县文体广电旅游局"),
    ("对县市场监督管理局食品安全监管工作的评议", ItemKind.APPRAISAL, "县市场监督管理局"),
    ("县人民政府关于义务教育均衡发展情况的报告", ItemKind.WORK_REPORT, "县教育局"),
    ("县人民政府关于国有资产管理情况的报告", ItemKind.STATE_ASSETS, "县财政局"),
    ("县人民法院关于行政审判工作情况的报告", ItemKind.WORK_REPORT, "大方县人民法院"),
    ("县人民检察院关于公益诉讼工作情况的报告", ItemKind.WORK_REPORT, "大方县人民检察院"),
    ("关于农村饮水安全工作的专题询问", ItemKind.INQUIRY, "县水务局"),
    ("县人民政府关于政府债务管理情况的报告", ItemKind.GOVERNMENT_DEBT, "县财政局"),
    ("县人民政府关于食品安全工作情况的报告", ItemKind.WORK_REPORT, "县市场监督管理局"),
    ("县人民政府关于城乡医疗卫生服务体系建设情况的报告", ItemKind.WORK_REPORT, "县卫生健康局"),
    ("县人民政府关于农村人居环境整治工作情况的报告", ItemKind.WORK_REPORT, "县农业农村局"),
    ("县人民政府关于计划执行情况的报告", ItemKind.PLAN_EXECUTION, "县发展和改革局"),
    ("县人民政府关于安全生产工作情况的报告", ItemKind.WORK_REPORT, "县应急管理局"),
    ("《中华人民共和国公路法》贯彻实施情况执法检查", ItemKind.LAW_INSPECTION, "县交通运输局"),  # heard last
]
ADDED = ("调研居家养老服务", ItemKind.SURVEY, "县民政局")
FINDINGS = [  # (finding, place or evidence, suggestion) of a survey's or a visit's field work
    ("乡村旅游同质化严重，缺少特色品牌", "走访4个乡镇12个乡村旅游点", "挖掘民族文化资源，打造精品线路"),
    ("旅游基础设施短板明显，停车、厕所不足", "问卷120份，63%的游客反映", "纳入年度项目计划，分步补齐"),
    ("专业人才缺乏，服务水平不高", "座谈会3场", "开展从业人员培训"),
]
PROBLEMS = [
    "工作推进不平衡，部分乡镇进度滞后",
    "资金投入不足，使用效益不高",
    "部门协作机制不健全，监管存在薄弱环节",
    "基层专业人员短缺，能力有待提升",
    "群众反映强烈的问题整改不到位",
]
MEASURES = [
    "制定专项整改方案，明确时间表和路线图",
    "加大资金统筹力度，建立绩效评价机制",
    "建立部门联席会议制度，强化联合执法",
    "开展专项培训，充实基层工作力量",
]


def _at(day: datetime.date, hour: int = 9):
    return clock.at(datetime.datetime(day.year, day.month, day.day, hour, tzinfo=datetime.UTC))


def _unit(name: str) -> HandlingUnit:
    unit = HandlingUnit.objects.filter(name=name).first() or HandlingUnit.objects.order_by("pk").first()
    assert unit is not None, "the demo county has handling units"
    return unit


class Oversight:
    """This year's oversight, played as renda/demo/meetings.py walks the term's meetings."""

    def __init__(self, *, office: User, seed: int, today: datetime.date) -> None:
        self.rng = random.Random(seed)
        self.office = office
        self.today = today
        self.year = today.year
        self.plan: OversightPlan | None = None
        self.votes = 0
        # the items kept where they stand as of today (item pk → its state), so that the plan shows every stage
        # of the loop: chosen at the last meeting before today (`_last`), see `_stage`
        self.hold: dict[int, str] = {}
        self.fast: set[int] = set()  # heard at the last meeting, reported before today
        self.counts = {"监督事项": 0, "满意度测评": 0}

    # ------------------------------------------------------------ the plan

    def _ensure_plan(self) -> OversightPlan | None:
        if self.plan is not None:
            return self.plan
        start = datetime.date(self.year, 1, 10)
        if start > self.today:
            return None
        with _at(start):
            plan = services.plan_create(year=self.year, actor=self.office)
            invited = list(  # county deputies outside the standing committee, invited to the appraisal
                Deputy.objects.filter(level=Level.COUNTY, committee_memberships__isnull=True).order_by("pk")[
                    :3
                ]
            )
            for n, (title, kind, body) in enumerate(ITEMS):
                services.item_add(
                    plan=plan, kind=kind, title=title, body=_unit(body), planned_month=2 + n * 10 // len(ITEMS),
                    invited_deputies=invited if kind == ItemKind.APPRAISAL else [], actor=self.office,
                )  # fmt: skip
        with _at(datetime.date(self.year, 1, 16)):
            plan = services.plan_adopt(
                plan=plan, adopted_on=datetime.date(self.year, 1, 16), actor=self.office
            )
        with _at(datetime.date(self.year, 1, 20)):
            plan = services.plan_publish(plan=plan, actor=self.office)
        self.counts["监督事项"] += len(ITEMS)
        self.plan = plan
        return plan

    def _maybe_add(self, day: datetime.date) -> None:
        added = datetime.date(self.year, 5, 12)
        if (
            self.plan is None
            or day < added
            or self.plan.items.filter(title=ADDED[0]).exists()
            or added > self.today
        ):
            return
        with _at(added):
            services.item_add(
                plan=self.plan, kind=ADDED[1], title=ADDED[0], body=_unit(ADDED[2]), planned_month=11,
                actor=self.office,
            )  # fmt: skip
        self.counts["监督事项"] += 1

    def _maybe_inspect(self, day: datetime.date) -> None:
        """The law inspection's field work in September, while it waits for its meeting late in the year."""
        inspected = datetime.date(self.year, 9, 18)
        assert self.plan is not None
        item = OversightItem.objects.filter(plan=self.plan, kind=ItemKind.LAW_INSPECTION).first()
        if (
            item is None
            or day < inspected
            or item.places_visited
            or inspected > self.today
            or item.state not in (ItemState.PLANNED, ItemState.SCHEDULED)
        ):
            return
        with _at(inspected, 16):
            self._field_work(item)

    def _field_work(self, item: OversightItem) -> None:
        if item.kind == ItemKind.LAW_INSPECTION:
            services.item_inspect(
                item=item, articles_checked="第二十条、第三十五条、第四十三条、第五十二条",
                places_visited="3个乡镇、5条农村公路、2个超限检测站", questionnaires=160,
                findings="农村公路养护资金不足；超限运输治理联合执法不够", actor=self.office,
            )  # fmt: skip
        else:
            services.item_inspect(
                item=item, places_visited="4个乡镇、6个村（社区）", questionnaires=120,
                findings="基础设施短板明显；专业人才不足；扶持政策落实不到位", actor=self.office,
            )  # fmt: skip
            for text, evidence, suggestion in FINDINGS:
                services.finding_add(
                    item=item, text=text, evidence=evidence, suggestion=suggestion, actor=self.office
                )

    def _inspect(self, item: OversightItem, meeting: Any) -> None:
        """A law inspection's, a survey's or a visit's field work three weeks before it is heard."""
        day = meeting.date - datetime.timedelta(days=21)
        if item.kind not in FIELD_KINDS or item.places_visited or day > self.today:
            return
        with _at(day, 16):
            self._field_work(item)

    def _last(self, meeting: Any) -> bool:
        """The last meeting before today: meetings are at most two months apart, so one held within two months
        before today is the last (or the one before it: the stages it fixes are then kept, see `_stage`)."""
        return meeting.date <= self.today < add_months(meeting.date, 2)

    # ------------------------------------------------------------ the meetings' hooks

    def planned(self, *, meeting: Any, report: Any) -> None:
        """A month before a meeting of this year: a planned item linked to its work report."""
        if meeting.date.year != self.year or self._ensure_plan() is None:
            return
        if clock.today() < datetime.date(self.year, 1, 16):  # before the plan was adopted
            return
        assert self.plan is not None
        planned = OversightItem.objects.filter(
            plan=self.plan, state=ItemState.PLANNED, kind__in=_REPORT_KINDS
        )
        item = planned.filter(title=report.title).first() or planned.order_by("planned_month", "pk").first()
        if item is not None:
            services.item_schedule(item=item, meeting=meeting, agenda_item=report, actor=self.office)
            self._inspect(item, meeting)
        # one more item of the plan on each meeting's agenda (two more at the last meeting before today, which
        # fixes the stages of the loop still missing); its papers filed on time (监督法 Art. 15)
        extra = 2 if self._last(meeting) and not self.hold else 1
        more = OversightItem.objects.filter(plan=self.plan, state=ItemState.PLANNED).order_by(
            "planned_month", "pk"
        )
        for other in list(more[:extra]):
            services.item_schedule(item=other, meeting=meeting, actor=self.office)
            other.refresh_from_db()
            assert other.agenda_item is not None
            for paper in other.agenda_item.papers.order_by("due_date"):
                filed = paper.due_date - datetime.timedelta(days=1)
                if filed <= self.today:
                    with _at(filed, 15):
                        meetings.paper_submit(
                            paper=paper, upload=SimpleUploadedFile(f"{other.title}.pdf", vocab.PDF),
                            actor=self.office,
                        )  # fmt: skip
            self._inspect(other, meeting)

    def convened(self, *, meeting: Any, account: Callable[[Any], User]) -> None:
        """At a meeting of this year: what happened since, the items heard deliberated, the reports rated."""
        if meeting.date.year != self.year or self.plan is None:
            return
        self.catch_up(meeting.date)
        heard = []
        for item in OversightItem.objects.filter(meeting=meeting, state=ItemState.SCHEDULED).order_by("pk"):
            if item.kind == ItemKind.APPRAISAL:
                self._appraise(item, meeting)
            rows = list(item.finding_rows.filter(problem__isnull=True))  # the first two head the problem list
            problems = self.rng.sample(PROBLEMS, 3 - min(len(rows), 2))
            heard.append(
                services.item_deliberate(
                    item=item,
                    problems=problems,
                    from_findings=rows[:2],
                    findings="组成人员审议认为……",
                    actor=self.office,
                )  # fmt: skip
            )
        reported = list(
            OversightItem.objects.filter(state=ItemState.REPORTED, plan=self.plan)
            .exclude(pk__in=self.hold)
            .order_by("pk")
        )
        staged = self._last(meeting) and not self.hold
        if staged:
            reported = self._stage(meeting, heard, reported, account)
        for item in reported:
            self._rate(item, meeting, account)
        if staged:  # the latest report passed stays in follow-up, its last rectification still open
            latest = (
                OversightItem.objects.filter(plan=self.plan, state=ItemState.FOLLOW_UP)
                .order_by("-reported_on", "-pk")
                .first()
            )
            if latest is not None:
                self.hold[latest.pk] = ItemState.FOLLOW_UP

    def _appraise(self, item: OversightItem, meeting: Any) -> None:
        """工作评议: the members present and the deputies invited each rate the body."""
        from renda.meetings.models import Attendance, AttendanceStatus

        present = Attendance.objects.filter(meeting=meeting, status=AttendanceStatus.PRESENT)
        raters = list(Deputy.objects.filter(pk__in=present.values("deputy")).order_by("pk"))
        raters += list(item.invited_deputies.exclude(pk__in=[d.pk for d in raters]).order_by("pk"))
        for rater in raters:
            rating = self.rng.choices(Rating.values, weights=[6, 3, 1])[0]
            services.appraisal_rating_record(item=item, rater=rater, rating=rating, actor=self.office)

    def _stage(
        self, meeting: Any, heard: list[OversightItem], reported: list[OversightItem], account: Callable
    ) -> list[OversightItem]:
        """At the last meeting before today, the stages of the loop the year would otherwise not show today are
        fixed on items of this meeting (the rest of their loop left for after today): one heard and its opinions
        still being drafted (已审议), one whose opinions go out the same day (整改中), one whose body reports
        quickly (已报告办理情况), and of the reports in, one whose vote fails (测评未通过, the body still
        rectifying) and one put to the vote and not yet voted on (满意度测评中). Returns the reports to rate."""
        if len(heard) >= 3:
            self.hold[heard[2].pk] = ItemState.DELIBERATED
            with _at(meeting.date, 16):
                for item, state in ((heard[1], ItemState.OPINIONS_SENT), (heard[0], ItemState.REPORTED)):
                    services.item_send_opinions(item=item, opinion=_opinion(item), actor=self.office)
                    self.hold[item.pk] = state
            self.fast.add(heard[0].pk)
        if len(reported) >= 2 and self.votes:  # (the year's first vote fails anyway, and is re-run)
            failing, rating = reported[:2]
            self._rate(failing, meeting, account, fails=True)
            self.hold[failing.pk] = ItemState.FAILED
            services.item_vote_create(item=rating, meeting=meeting, actor=self.office)  # taken up later
            self.hold[rating.pk] = ItemState.RATING
            reported = reported[2:]
        return reported

    def _rate(
        self, item: OversightItem, meeting: Any, account: Callable[[Any], User], fails: bool | None = None
    ) -> None:
        event = services.item_vote_create(item=item, meeting=meeting, actor=self.office)
        event = voting.vote_open(event=event, actor=self.office)
        codes = {o.label: o.pk for o in VoteOption.objects.filter(event=event)}
        voters = list(Voter.objects.filter(event=event).select_related("deputy").order_by("deputy_id"))
        fails = self.votes == 0 if fails is None else fails
        self.votes += 1
        for n, voter in enumerate(voters):
            if fails:  # few satisfied: 满意 and 基本满意 together not over half of all members
                label = "满意" if n < 4 else ("基本满意" if n < 8 else "不满意")
            else:
                label = self.rng.choices(["满意", "基本满意", "不满意"], weights=[7, 2, 1])[0]
            voting.ballot_cast(
                event=event, deputy=voter.deputy, choice=[codes[label]], actor=account(voter.deputy)
            )
        voting.vote_close(event=event, actor=self.office)
        self.counts["满意度测评"] += 1

    # ------------------------------------------------------------ between meetings

    def _body_user(self, item: OversightItem) -> User:
        user = (
            User.objects.filter(handling_unit=item.body_id, groups__name=Role.UNIT, is_active=True)
            .order_by("pk")
            .first()
        )
        if user is None:
            from django.contrib.auth.models import Group

            username = f"unit{item.body.order:02d}o"  # the body's oversight liaison
            user = User.objects.filter(username=username).first() or User.objects.create_user(
                username, password=None, full_name=f"{item.body.short_name or item.body.name}联络员",
                handling_unit=item.body,
            )  # fmt: skip
            user.groups.add(Group.objects.get(name=Role.UNIT))
        return user

    def catch_up(self, until: datetime.date) -> None:
        """Every step between meetings dated on or before `until` (and today)."""
        until = min(until, self.today)
        if self.plan is None:
            return
        self._maybe_add(until)
        self._maybe_inspect(until)
        for item in (
            OversightItem.objects.filter(plan=self.plan).exclude(state=ItemState.PLANNED).order_by("pk")
        ):
            self._advance(item, until)

    def _advance(self, item: OversightItem, until: datetime.date) -> None:
        office = self.office
        fast = item.pk in self.fast
        for _ in range(12):  # each pass plays at most one step, in date order
            item.refresh_from_db()
            state = item.state
            held = self.hold.get(item.pk) == state
            if held and state not in (ItemState.OPINIONS_SENT, ItemState.FAILED, ItemState.FOLLOW_UP):
                return
            if state == ItemState.DELIBERATED:
                assert item.heard_on is not None
                day = add_working_days(item.heard_on, 5)
                if day > until:
                    return
                with _at(day, 10):
                    services.item_send_opinions(item=item, opinion=_opinion(item), actor=office)
            elif state in (ItemState.OPINIONS_SENT, ItemState.FAILED):
                body = self._body_user(item)
                start = item.opinion_sent_on if state == ItemState.OPINIONS_SENT else item.events.filter(
                    action="测评未通过"
                ).latest("created_at").created_at.date()  # fmt: skip
                assert start is not None
                if not item.rectifications.exists():
                    day = start + datetime.timedelta(days=10)
                    if fast:  # the body quick, before today
                        day = max(start, min(start + datetime.timedelta(days=5), self.today))
                    if day > until:
                        return
                    with _at(day, 10):
                        for n, problem in enumerate(item.problems.all()):
                            services.rectification_add(
                                item=item, problem=problem, measure=MEASURES[n % len(MEASURES)],
                                responsible_person=f"{item.body.short_name or item.body.name}负责人",
                                due=day + datetime.timedelta(days=60 + 45 * n), actor=body,
                            )  # fmt: skip
                    continue
                if held:  # the rectification list sent, the report still to come
                    return
                day = start + datetime.timedelta(days=25 if state == ItemState.OPINIONS_SENT else 30)
                if fast:
                    day = max(start, min(start + datetime.timedelta(days=20), self.today))
                if day > until:
                    return
                with _at(day, 10):
                    if state == ItemState.FAILED:
                        first = item.rectifications.filter(state=RectificationState.OPEN).first()
                        if first is not None:
                            services.rectification_done(
                                rectification=first, note="已按期完成整改", actor=body
                            )
                    if state == ItemState.FAILED:  # the second report comes on paper: the office enters it
                        services.item_report(
                            item=item, report=_report(item), actor=office,
                            signer=f"{item.body.short_name or item.body.name}负责人",
                        )  # fmt: skip
                        continue
                    services.item_report(item=item, report=_report(item), actor=body)
            elif state in (ItemState.FOLLOW_UP, ItemState.RATING, ItemState.REPORTED):
                if state != ItemState.FOLLOW_UP:
                    return
                passed = item.events.filter(action="测评通过").latest("created_at").created_at.date()
                if item.published_on is None:
                    day = passed + datetime.timedelta(days=5)
                    if day > until:
                        return
                    with _at(day, 10):
                        services.item_publish(item=item, actor=office)
                        services.item_follow_up(
                            item=item, note="开展“回头看”，整改措施正在落实", actor=office
                        )
                    continue
                body = self._body_user(item)
                step = None
                for r in item.rectifications.order_by("due", "pk"):
                    if r.state == RectificationState.OPEN:
                        step = (r.due - datetime.timedelta(days=5), "done", r)
                        break
                    if r.state == RectificationState.DONE:
                        step = (max(r.done_on or passed, passed) + datetime.timedelta(days=7), "close", r)
                        break
                if step is None or step[0] > until:
                    return
                last = (
                    not item.rectifications.exclude(state=RectificationState.CLOSED)
                    .exclude(pk=step[2].pk)
                    .exists()
                )
                if held and step[1] == "close" and last:
                    return
                day, what, r = step
                with _at(day, 10):
                    if what == "done":
                        services.rectification_done(rectification=r, note="整改完成，群众满意", actor=body)
                    else:
                        services.rectification_close(rectification=r, actor=office)
            else:
                return


_REPORT_KINDS = [k for k in ItemKind.values if k != ItemKind.INQUIRY]


def _opinion(item: OversightItem) -> str:
    lines = "；".join(f"{n}.针对“{p.text}”，抓紧研究解决" for n, p in enumerate(item.problems.all(), 1))
    return f"常委会组成人员对{item.title}进行了审议，提出如下意见：{lines}。请于三个月内报告研究处理情况。"


def _report(item: OversightItem) -> str:
    return f"{item.body.name}关于落实《{item.title}》审议意见的研究处理情况报告：已逐条制定整改措施，明确责任人和完成时限。"


def demo_oversight_rest(*, office: User, seed: int, today: datetime.date) -> dict[str, int]:
    """After the meetings: an interpellation answered twice, normative documents filed and reviewed."""
    from renda.meetings.models import Meeting, MeetingKind, MeetingState
    from renda.org.models import CommitteeMembership

    rng = random.Random(seed)
    counts = {"质询案": 0, "规范性文件": 0}
    upcoming = (
        Meeting.objects.filter(kind=MeetingKind.STANDING, state=MeetingState.PLANNED).order_by("date").first()
    )
    members = list(
        CommitteeMembership.objects.filter(end_date__isnull=True, start_date__lte=today)
        .order_by("deputy_id")
        .values_list("deputy", flat=True)
    )
    if upcoming is not None and len(members) >= 8:
        from renda.deputies.models import Deputy

        filers = list(Deputy.objects.filter(pk__in=rng.sample(members[1:], 5)))
        day = today - datetime.timedelta(days=10)
        with _at(day):
            q = services.interpellation_file(
                title="关于城区学校大班额问题久拖不决的质询案", content="城区学校大班额问题多年未解决，请县教育局说明原因和解决时限。",
                body=_unit("县教育局"), filers=filers, actor=office,
            )  # fmt: skip
            q = services.interpellation_schedule(interpellation=q, meeting=upcoming, actor=office)
        counts["质询案"] += 1
    issuers = ["县人民政府办公室", "县自然资源局", "县住房和城乡建设局", "县市场监督管理局"]
    for n, issuer in enumerate(issuers):
        published = today - datetime.timedelta(days=120 - 25 * n)
        late = n == 1
        filed = published + datetime.timedelta(days=40 if late else 12)
        if filed > today:
            continue
        with _at(filed):
            d = services.filing_register(
                title=f"关于{['规范城区建设管理', '加强耕地保护', '推进老旧小区改造', '规范市场秩序'][n]}的实施意见",
                number=f"大府发〔{published.year}〕{n + 3}号", issuer=_unit(issuer), published_on=published,
                filed_on=filed, actor=office,
            )  # fmt: skip
        counts["规范性文件"] += 1
        if n < 3 and filed + datetime.timedelta(days=10) <= today:
            with _at(filed + datetime.timedelta(days=10)):
                d = services.filing_review(
                    document=d, requested_by="公民张某" if n == 2 else "", actor=office
                )
                if n == 0:
                    services.filing_decide(document=d, outcome="lawful", note="", actor=office)
                elif n == 1:
                    services.filing_decide(
                        document=d, outcome="correct", note="部分条款与上位法不一致", actor=office
                    )
    return counts
