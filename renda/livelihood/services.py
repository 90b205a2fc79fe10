"""Every write of the livelihood projects (民生实事项目代表票决制): proposals and their screening, the candidate
list and its ballot on the meetings' voting, the plan and monthly progress, lagging projects and their inquiry,
the deputies' following and inspections (视察) whose findings the unit answers as casework, the year-end
evaluation and the carrying over of unsatisfactory projects.

Rules (docs/workflows/livelihood.md): a competitive list (M > N candidates); papers reach the deputies
`livelihood_paper_days` before the session; the ballot runs at a congress session with a quorum; projects with
most votes adopted in order, each needing more than half of the deputies' votes (`livelihood_adopt_base`), ties
by `livelihood_tie_rule`; the evaluation is secret."""

import datetime
import secrets
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max

from renda.casework import services as casework
from renda.casework.models import CaseReply
from renda.core import clock
from renda.core.calendar import add_months, add_working_days
from renda.core.human import too_often
from renda.core.roles import can
from renda.core.rules import rule
from renda.core.uploads import PHOTO_TYPES, check_upload, shortened_name
from renda.livelihood import results, selectors
from renda.livelihood.models import (
    BallotState,
    Finding,
    FindingAssignment,
    Inspection,
    LivelihoodProject,
    Milestone,
    ProgressReport,
    ProjectBallot,
    ProjectEvaluation,
    ProjectProposal,
    ProjectState,
    ProposalSource,
    ProposalState,
    Rating,
)
from renda.livelihood.workflows import (
    BALLOT_FLOW,
    FINDING_FLOW,
    FINDINGS,
    MANAGE,
    PROJECT_FLOW,
    PROPOSAL_FLOW,
)

RATING_OPTIONS = [Rating.SATISFIED.label, Rating.BASICALLY.label, Rating.DISSATISFIED.label]


def _office_only(actor: Any) -> None:
    if not can(actor, MANAGE):
        raise PermissionDenied("只有人大常委会工作机构可以进行此操作。")


def previous_month(today: datetime.date | None = None) -> datetime.date:
    """The first day of the month before `today` (the month a progress report is due for)."""
    first = (today or clock.today()).replace(day=1)
    return add_months(first, -1)


# ------------------------------------------------------------------ 1. proposals


@transaction.atomic
def proposal_submit(
    *,
    year: int,
    title: str,
    content: str,
    proposer_name: str,
    actor: Any,
    place: str = "",
    beneficiaries: str = "",
    estimated_cost: Decimal | None = None,
    unit: Any = None,
    proposer_phone: str = "",
    client_hash: str = "",
) -> ProjectProposal:
    """A proposed project: from a deputy (their account), a department (a unit's account) or a citizen (no
    account: the public page or a station, who keeps the tracking code). From the public page at most
    core.human.PER_HOUR from one address (`client_hash`) in an hour."""
    if too_often(ProjectProposal.objects.all(), client_hash):
        raise ValidationError("提交过于频繁，请一小时后再试。", code="throttled")
    errors = {}
    if not title.strip():
        errors["title"] = "请填写项目名称。"
    if not content.strip():
        errors["content"] = "请填写项目内容。"
    if not proposer_name.strip():
        errors["proposer_name"] = "请填写提出人。"
    if estimated_cost is not None and estimated_cost <= 0:
        errors["estimated_cost"] = "估算投资须大于0。"
    if errors:
        raise ValidationError(errors)
    user = actor if getattr(actor, "is_authenticated", False) else None
    deputy = getattr(user, "deputy", None) if user else None
    if deputy is not None:
        source = ProposalSource.DEPUTY
    elif user is not None and user.handling_unit_id:
        source = ProposalSource.DEPARTMENT
    else:
        source = ProposalSource.CITIZEN
    proposal = ProjectProposal.objects.create(
        year=year,
        source=source,
        title=title.strip(),
        content=content.strip(),
        place=place,
        beneficiaries=beneficiaries,
        estimated_cost=estimated_cost,
        unit=unit,
        proposer_name=proposer_name.strip(),
        proposer_phone=proposer_phone.strip(),
        deputy=deputy,
        submitted_by=user,
        tracking_code=secrets.token_hex(5).upper(),
        client_hash=client_hash,
    )
    PROPOSAL_FLOW.record(
        proposal,
        action="提出项目建议",
        actor=user,
        note=proposal.get_source_display(),
        from_state="",
        to_state=ProposalState.SUBMITTED,
        created_at=clock.now(),
    )
    return proposal


@transaction.atomic
def proposal_screen(
    *,
    proposal: ProjectProposal,
    decision: str,
    reply: str,
    actor: Any,
    merged_into: ProjectProposal | None = None,
    ballot: ProjectBallot | None = None,
    unit: Any = None,
    cost: Decimal | None = None,
) -> ProjectProposal:
    """The government's screening, recorded by the office: accept (a candidate on `ballot`'s list, drawn from
    the proposal), merge into another proposal, decline with a reason, or keep for a later year. The proposer
    reads the decision and the reply. An accepted proposal's unit and cost may be set by the screening."""
    if decision not in {"accept", "merge", "decline", "defer"}:
        raise ValidationError({"decision": "请选择筛选结果。"})
    if decision in {"decline", "defer", "merge"} and not reply.strip():
        raise ValidationError({"reply": "请填写理由，提出人可以看到。"})
    PROPOSAL_FLOW.refuse(proposal, decision, actor=actor)
    if decision == "merge":
        if merged_into is None or merged_into.pk == proposal.pk:
            raise ValidationError({"merged_into": "请选择合并到的另一项建议。"})
        return PROPOSAL_FLOW.apply(
            proposal, "merge", actor=actor, note=reply, reply=reply, merged_into=merged_into
        )
    if decision == "accept":
        if ballot is None:
            raise ValidationError({"ballot": "请选择列入的候选项目清单。"})
        project = candidate_add(
            ballot=ballot,
            name=proposal.title,
            content=proposal.content,
            place=proposal.place,
            cost=cost or proposal.estimated_cost or Decimal(0),
            funding_source="待定",
            unit=unit or proposal.unit,
            planned_completion=datetime.date(ballot.year, 12, 31),
            actor=actor,
        )
        return PROPOSAL_FLOW.apply(
            proposal, "accept", actor=actor, note=reply or project.name, reply=reply, project=project
        )
    return PROPOSAL_FLOW.apply(proposal, decision, actor=actor, note=reply, reply=reply)


# ------------------------------------------------------------------ 2. the candidate list


@transaction.atomic
def ballot_create(
    *, year: int, seats: int, candidates_count: int, actor: Any, meeting: Any = None, title: str = ""
) -> ProjectBallot:
    """The year's candidate list: N projects to be chosen from M candidates (差额: M > N)."""
    _office_only(actor)
    _check_counts(seats, candidates_count)
    if ProjectBallot.objects.filter(year=year).exists():
        raise ValidationError({"year": f"{year}年已有民生实事项目候选清单。"})
    _check_meeting(meeting)
    ballot = ProjectBallot.objects.create(
        year=year,
        title=title.strip() or f"{year}年民生实事项目代表票决",
        seats=seats,
        candidates_count=candidates_count,
        meeting=meeting,
    )
    BALLOT_FLOW.record(
        ballot,
        action="编制候选项目清单",
        actor=actor,
        note=f"{candidates_count}选{seats}",
        from_state="",
        to_state=BallotState.DRAFT,
        created_at=clock.now(),
    )
    return ballot


def _check_counts(seats: int, candidates_count: int) -> None:
    if seats < 1:
        raise ValidationError({"seats": "票决产生项目数须至少为1。"})
    if candidates_count <= seats:
        raise ValidationError({"candidates_count": "差额票决：候选项目数须多于票决产生的项目数。"})


def _check_meeting(meeting: Any) -> None:
    from renda.meetings.models import MeetingKind, MeetingState

    if meeting is None:
        return
    if meeting.kind != MeetingKind.CONGRESS:
        raise ValidationError({"meeting": "民生实事项目由人民代表大会会议票决。"})
    if meeting.state == MeetingState.CLOSED:
        raise ValidationError({"meeting": "该会议已闭会。"})


@transaction.atomic
def ballot_update(
    *, ballot: ProjectBallot, seats: int, candidates_count: int, meeting: Any, actor: Any
) -> ProjectBallot:
    _check_counts(seats, candidates_count)
    _check_meeting(meeting)
    return BALLOT_FLOW.apply(
        ballot, "edit", actor=actor, note=f"{candidates_count}选{seats}", seats=seats,
        candidates_count=candidates_count, meeting=meeting,
    )  # fmt: skip


def _check_milestones(milestones: Sequence[tuple[str, datetime.date, int]], year: int) -> None:
    last = 0
    for title, due, percent in milestones:
        if not title.strip():
            raise ValidationError({"milestones": "节点须有名称。"})
        if due.year < year:
            raise ValidationError({"milestones": f"节点「{title}」的日期早于{year}年。"})
        if not 0 < percent <= 100 or percent < last:
            raise ValidationError({"milestones": "节点的应达进度须在1至100之间，且逐个不减。"})
        last = percent


@transaction.atomic
def candidate_add(
    *,
    ballot: ProjectBallot,
    name: str,
    cost: Decimal,
    funding_source: str,
    unit: Any,
    planned_completion: datetime.date,
    actor: Any,
    content: str = "",
    place: str = "",
    responsible_person: str = "",
    milestones: Sequence[tuple[str, datetime.date, int]] = (),
) -> LivelihoodProject:
    """A candidate on the list, with its cost, funding source, responsible unit and milestones; only while the
    list is drawn up."""
    ballot = BALLOT_FLOW.apply(ballot, "edit", actor=actor, note=f"新增候选项目：{name}")
    errors = {}
    if not name.strip():
        errors["name"] = "请填写项目名称。"
    if cost is None or cost <= 0:
        errors["cost"] = "计划投资须大于0。"
    if not funding_source.strip():
        errors["funding_source"] = "请填写资金来源。"
    if unit is None:
        errors["unit"] = "请选择责任单位。"
    if errors:
        raise ValidationError(errors)
    _check_milestones(milestones, ballot.year)
    last = ballot.projects.aggregate(n=Max("order"))["n"] or 0
    project = LivelihoodProject.objects.create(
        year=ballot.year,
        ballot=ballot,
        order=last + 1,
        name=name.strip(),
        content=content,
        place=place,
        cost=cost,
        funding_source=funding_source.strip(),
        unit=unit,
        responsible_person=responsible_person,
        planned_completion=planned_completion,
    )
    Milestone.objects.bulk_create(
        Milestone(project=project, title=t.strip(), due=d, percent=p) for t, d, p in milestones
    )
    PROJECT_FLOW.record(
        project, action="列入候选项目", actor=actor, note=ballot.title, from_state="",
        to_state=ProjectState.CANDIDATE, created_at=clock.now(),
    )  # fmt: skip
    return project


@transaction.atomic
def ballot_submit(*, ballot: ProjectBallot, actor: Any) -> ProjectBallot:
    """The list goes to the deputies: exactly M candidates for N projects (差额), each with a unit and at least
    one milestone; papers later than `livelihood_paper_days` before the session are flagged late."""
    ballot = BALLOT_FLOW.require(ballot, "submit", actor=actor)
    count = ballot.projects.count()
    if count != ballot.candidates_count:
        raise ValidationError(f"候选项目应为{ballot.candidates_count}个，现有{count}个。", code="candidates")
    if count <= ballot.seats:
        raise ValidationError("差额票决：候选项目数须多于票决产生的项目数。", code="candidates")
    without = list(ballot.projects.filter(milestones__isnull=True).values_list("name", flat=True))
    if without:
        raise ValidationError(f"以下候选项目还没有实施节点：{'、'.join(without)}。", code="milestones")
    today = clock.today()
    late = bool(
        ballot.meeting and today > ballot.meeting.date - datetime.timedelta(rule("livelihood_paper_days"))
    )
    note = "材料晚于规定时间送达代表" if late else "候选项目材料已送达代表"
    return BALLOT_FLOW.apply(ballot, "submit", actor=actor, note=note, submitted_on=today, papers_late=late)


# ------------------------------------------------------------------ 3. the ballot


def _present_members(meeting: Any) -> tuple[int, list]:
    """All members of the meeting's body (应到) and those signed in (the electorate)."""
    from renda.deputies.models import Deputy
    from renda.meetings import selectors as meetings
    from renda.meetings.models import Attendance, AttendanceStatus

    members = meetings.body_members(meeting)
    present = Deputy.objects.filter(
        pk__in=Attendance.objects.filter(meeting=meeting, status=AttendanceStatus.PRESENT).values("deputy")
    ).filter(pk__in=members.values("pk"))
    return members.count(), list(present.order_by("pk"))


ADOPT_THRESHOLDS = {results.BASE_ALL: "all_majority", results.BASE_PRESENT: "present_majority",
                    results.BASE_VOTED: "cast_majority"}  # fmt: skip


@transaction.atomic
def ballot_vote_create(*, ballot: ProjectBallot, method: str, actor: Any) -> Any:
    """The ballot at the congress session, on the meetings' voting: an agenda item of the session and a vote
    choosing up to N of the M candidates; 应到 all deputies, the electorate those signed in."""
    from renda.meetings import services as meetings
    from renda.meetings.models import ItemKind, MeetingState
    from renda.voting import services as voting

    BALLOT_FLOW.refuse(ballot, "vote", actor=actor)
    if ballot.meeting is None:
        raise ValidationError({"meeting": "请先指定票决的人民代表大会会议。"})
    ballot.meeting.refresh_from_db(fields=["state"])
    if ballot.meeting.state != MeetingState.CONVENED:
        raise ValidationError("会议开会后才能票决。", code="meeting_not_convened")
    if method not in {"secret", "paper"}:
        raise ValidationError({"method": "民生实事项目票决采用无记名投票（电子或纸质）。"})
    item = ballot.item or meetings.agenda_item_add(
        meeting=ballot.meeting, kind=ItemKind.OTHER, title=f"票决{ballot.year}年民生实事项目", actor=actor
    )
    entitled, present = _present_members(ballot.meeting)
    projects = list(ballot.projects.order_by("order"))
    event = voting.vote_event_create(
        subject=ballot,
        title=ballot.title,
        method=method,
        choice_kind="choose",
        candidates=[p.name for p in projects],
        max_choices=ballot.seats,
        threshold=ADOPT_THRESHOLDS[rule("livelihood_adopt_base")],
        entitled=entitled,
        electorate=present,
        chain_key=f"meeting:{ballot.meeting_id}",
        actor=actor,
    )
    BALLOT_FLOW.apply(ballot, "vote", actor=actor, note=voting.Method(method).label, item=item, vote=event)
    return event


@transaction.atomic
def ballot_settle(*, event: Any, actor: Any) -> ProjectBallot:
    """As the vote closes (votes.after_close): the candidates with most votes adopted in order, each with more
    than half of the deputies' votes; the result in the seeds' form on the ballot and its agenda item."""
    from renda.voting import services as voting

    ballot = ProjectBallot.objects.select_for_update().get(vote=event)
    result = voting.vote_result(event)
    projects = {p.name: p for p in ballot.projects.all()}
    candidates = [
        results.Candidate(projects[c.label].pk, c.label, c.count, float(projects[c.label].cost),
                          projects[c.label].order)
        for c in result.counts
    ]  # fmt: skip
    out = results.outcome(
        candidates, seats=ballot.seats, base=result.base, tie_rule=rule("livelihood_tie_rule")
    )
    text = results.result_text(out, entitled=result.entitled, present=result.present, voted=result.voted)
    adopted = {c.key: rank for rank, c in enumerate(out.adopted, 1)}
    by_pk = {c.key: c for c in candidates}
    for project in projects.values():
        votes = by_pk[project.pk].votes
        if project.pk in adopted:
            PROJECT_FLOW.apply(project, "adopt", actor=actor, note=f"得票{votes}票", votes=votes,
                               rank=adopted[project.pk])  # fmt: skip
        else:
            PROJECT_FLOW.apply(project, "reject", actor=actor, note=f"得票{votes}票", votes=votes)
    if ballot.item is not None:
        ballot.item.result = text[:200]
        ballot.item.save(update_fields=["result"])
    return BALLOT_FLOW.apply(ballot, "decide", actor=actor, note=text, result=text)


@transaction.atomic
def ballot_publish(*, ballot: ProjectBallot, actor: Any) -> ProjectBallot:
    return BALLOT_FLOW.apply(ballot, "publish", actor=actor, published_at=clock.now())


# ------------------------------------------------------------------ 4. implementation


@transaction.atomic
def project_plan_update(
    *,
    project: LivelihoodProject,
    responsible_person: str,
    planned_completion: datetime.date,
    milestones: Sequence[tuple[str, datetime.date, int]],
    actor: Any,
) -> LivelihoodProject:
    """The adopted project's plan: its responsible person, completion date and milestones (replacing those not
    yet done)."""
    _check_milestones(milestones, project.year)
    project = PROJECT_FLOW.apply(
        project, "plan", actor=actor, note=f"节点{len(milestones)}个", responsible_person=responsible_person,
        planned_completion=planned_completion,
    )  # fmt: skip
    project.milestones.filter(done_on__isnull=True).delete()
    Milestone.objects.bulk_create(
        Milestone(project=project, title=t.strip(), due=d, percent=p) for t, d, p in milestones
    )
    _lagging_update(project, clock.today())
    return project


@transaction.atomic
def progress_report(
    *,
    project: LivelihoodProject,
    month: datetime.date,
    percent: int,
    spent: Decimal,
    actor: Any,
    problems: str = "",
    photo: UploadedFile | None = None,
) -> ProgressReport:
    """The unit's monthly report (one per month, a later one for the same month replaces it): percent done,
    money spent, problems, a photo. Milestones reached are marked done; the lagging flag is recomputed."""
    project = PROJECT_FLOW.require(project, "report", actor=actor)
    month = month.replace(day=1)
    errors = {}
    if month > clock.today():
        errors["month"] = "不能报送以后月份的进度。"
    if not 0 <= percent <= 100:
        errors["percent"] = "完成进度须在0至100之间。"
    if spent is None or spent < 0:
        errors["spent"] = "完成投资不能为负数。"
    if errors:
        raise ValidationError(errors)
    if photo is not None:
        check_upload(photo, PHOTO_TYPES)
        photo.name = shortened_name(photo.name or "照片.jpg", 80)
    report, _ = ProgressReport.objects.update_or_create(
        project=project,
        month=month,
        defaults={"percent": percent, "spent": spent, "problems": problems, "reported_by": actor},
    )
    if photo is not None:
        report.photo = photo
        report.save(update_fields=["photo"])
    today = clock.today()
    project.milestones.filter(done_on__isnull=True, percent__lte=percent).update(done_on=today)
    latest = project.reports.order_by("-month").first()
    PROJECT_FLOW.apply(
        project, "report", actor=actor, note=f"{month.year}年{month.month}月：进度{percent}%，累计完成投资{spent:,.2f}元",
        percent=latest.percent if latest else percent, spent=latest.spent if latest else spent,
    )  # fmt: skip
    project.refresh_from_db()
    _lagging_update(project, today)
    return report


@transaction.atomic
def project_complete(
    *, project: LivelihoodProject, completed_on: datetime.date, actor: Any
) -> LivelihoodProject:
    if completed_on > clock.today():
        raise ValidationError({"completed_on": "完成日期不能晚于今天。"})
    project.milestones.filter(done_on__isnull=True).update(done_on=completed_on)
    return PROJECT_FLOW.apply(
        project, "complete", actor=actor, note=f"完成于{completed_on.year}年{completed_on.month}月{completed_on.day}日", completed_on=completed_on,
        percent=100, lagging=False,
    )  # fmt: skip


def is_lagging(project: LivelihoodProject, today: datetime.date) -> bool:
    """Behind its milestones: a milestone due before today whose percent the project has not reached, or the
    planned completion passed."""
    if project.state != ProjectState.ADOPTED:
        return False
    if project.planned_completion < today:
        return True
    return project.milestones.filter(
        due__lt=today, done_on__isnull=True, percent__gt=project.percent
    ).exists()


def _lagging_update(project: LivelihoodProject, today: datetime.date) -> None:
    lagging = is_lagging(project, today)
    if lagging != project.lagging:
        LivelihoodProject.objects.filter(pk=project.pk).update(lagging=lagging)
        project.lagging = lagging
        PROJECT_FLOW.record(
            project, action="进度滞后" if lagging else "进度恢复正常", actor=None, note="", from_state=project.state,
            to_state=project.state, created_at=clock.now(),
        )  # fmt: skip


def lagging_mark(*, today: datetime.date) -> dict[str, int]:
    """Daily (renda_tick): flag the adopted projects behind their milestones and clear those caught up.
    Idempotent: a second run changes nothing."""
    flagged = 0
    for project in LivelihoodProject.objects.filter(state__in=[ProjectState.ADOPTED, ProjectState.COMPLETED]):
        before = project.lagging
        _lagging_update(project, today)
        flagged += int(project.lagging and not before)
    return {"lagging": flagged}


# ------------------------------------------------------------------ 5. monitoring


@transaction.atomic
def project_follow(*, project: LivelihoodProject, actor: Any) -> LivelihoodProject:
    """A deputy signs up to follow the project (invited to its mid-year report and inquiry)."""
    deputy = getattr(actor, "deputy", None)
    if deputy is None:
        raise PermissionDenied("只有人大代表可以跟踪项目。")
    if project.followers.filter(pk=deputy.pk).exists():
        raise ValidationError("您已在跟踪该项目。", code="already_following")
    project = PROJECT_FLOW.apply(project, "follow", actor=actor, note=deputy.name)
    project.followers.add(deputy)
    return project


@transaction.atomic
def review_schedule(*, meeting: Any, year: int, inquiry: bool, actor: Any) -> Any:
    """The mid-year report to the standing committee (a work-report item, the following deputies invited to
    列席) or the inquiry on lagging projects (an inquiry item, each lagging project linked to it)."""
    from renda.meetings import services as meetings
    from renda.meetings.models import Attendee, ItemKind, MeetingKind

    _office_only(actor)
    if meeting.kind != MeetingKind.STANDING:
        raise ValidationError({"meeting": "请选择常委会会议。"})
    projects = LivelihoodProject.objects.filter(year=year, state=ProjectState.ADOPTED)
    if inquiry:
        projects = projects.filter(lagging=True)
        if not projects.exists():
            raise ValidationError("没有进度滞后的项目。", code="no_lagging")
        title = f"关于{year}年民生实事项目进度滞后情况的专题询问"
        item = meetings.agenda_item_add(meeting=meeting, kind=ItemKind.INQUIRY, title=title, actor=actor)
        for project in projects:
            PROJECT_FLOW.apply(project, "inquiry", actor=actor, note=meeting.title, inquiry_item=item)
    else:
        title = f"关于{year}年民生实事项目实施情况的报告"
        item = meetings.agenda_item_add(meeting=meeting, kind=ItemKind.WORK_REPORT, title=title, actor=actor)
    invited = {d.pk: d for p in projects.prefetch_related("followers") for d in p.followers.all()}
    already = set(
        Attendee.objects.filter(meeting=meeting, deputy__isnull=False).values_list("deputy", flat=True)
    )
    for deputy in invited.values():
        if deputy.pk not in already:
            meetings.attendee_add(
                meeting=meeting, deputy=deputy, organisation="跟踪民生实事项目的代表", actor=actor
            )
    return item


# ------------------------------------------------------------------ 6. year-end evaluation


@transaction.atomic
def evaluation_create(
    *, project: LivelihoodProject, meeting: Any, actor: Any, method: str = "secret"
) -> ProjectEvaluation:
    """The year-end evaluation of an adopted project: a secret vote at `meeting` (满意/基本满意/不满意, one
    choice), electronic or on paper, the deputies present its voters."""
    from renda.meetings.models import MeetingState
    from renda.voting import services as voting

    project = PROJECT_FLOW.require(project, "evaluate", actor=actor)
    if method not in {"secret", "paper"}:
        raise ValidationError({"method": "测评采用无记名投票（电子或纸质）。"})
    if ProjectEvaluation.objects.filter(project=project).exists():
        raise ValidationError("该项目已发起测评。", code="already_evaluated")
    meeting.refresh_from_db(fields=["state"])
    if meeting.state != MeetingState.CONVENED:
        raise ValidationError({"meeting": "会议开会后才能测评。"})
    entitled, present = _present_members(meeting)
    event = voting.vote_event_create(
        subject=project,
        title=f"{project.name}满意度测评",
        method=method,
        choice_kind="choose",
        candidates=RATING_OPTIONS,
        max_choices=1,
        threshold="cast_majority",
        entitled=entitled,
        electorate=present,
        chain_key=f"meeting:{meeting.pk}",
        actor=actor,
    )
    PROJECT_FLOW.apply(project, "evaluate", actor=actor, note=f"{meeting.title}，无记名")
    return ProjectEvaluation.objects.create(project=project, vote=event)


def rating_of(*, satisfied: int, basically: int, voted: int, entitled: int) -> str:
    """满意 where 满意 exceeds half of the base; 基本满意 where 满意+基本满意 does; else 不满意. The base is
    `livelihood_rating_base`: those voting (1) or all deputies (2)."""
    base = entitled if rule("livelihood_rating_base") == 2 else voted
    if results.majority(satisfied, base):
        return Rating.SATISFIED
    if results.majority(satisfied + basically, base):
        return Rating.BASICALLY
    return Rating.DISSATISFIED


@transaction.atomic
def evaluation_settle(*, event: Any, actor: Any) -> ProjectEvaluation:
    """As the evaluation vote closes: its counts on the evaluation, the rating on the project."""
    from renda.voting import services as voting

    evaluation = ProjectEvaluation.objects.select_for_update().get(vote=event)
    result = voting.vote_result(event)
    counts = {c.label: c.count for c in result.counts}
    evaluation.satisfied = counts.get(Rating.SATISFIED.label, 0)
    evaluation.basically_satisfied = counts.get(Rating.BASICALLY.label, 0)
    evaluation.dissatisfied = counts.get(Rating.DISSATISFIED.label, 0)
    evaluation.voted = result.voted
    evaluation.settled = True
    evaluation.save()
    rating = rating_of(
        satisfied=evaluation.satisfied, basically=evaluation.basically_satisfied, voted=result.voted,
        entitled=result.entitled,
    )  # fmt: skip
    note = (f"满意{evaluation.satisfied}票，基本满意{evaluation.basically_satisfied}票，"
            f"不满意{evaluation.dissatisfied}票：{Rating(rating).label}")  # fmt: skip
    project = evaluation.project
    PROJECT_FLOW.apply(project, "evaluate", actor=actor, note=note, rating=rating)
    return evaluation


@transaction.atomic
def project_carry_over(*, project: LivelihoodProject, actor: Any) -> LivelihoodProject:
    """An unsatisfactory project (rated 不满意 at the year-end evaluation) is carried into next year: a project of
    the next year, being carried out from 0% (its rectification), with its unfinished milestones moved a year on
    (or one milestone, the rectification done by the year's end)."""
    _office_only(actor)
    project = LivelihoodProject.objects.select_for_update().get(pk=project.pk)
    if project.rating != Rating.DISSATISFIED:
        raise ValidationError("只有年终测评不满意的项目结转下一年度。", code="not_carried")
    if LivelihoodProject.objects.filter(carried_from=project).exists():
        raise ValidationError("该项目已结转。", code="already_carried")
    carried = LivelihoodProject.objects.create(
        year=project.year + 1,
        ballot=None,
        name=project.name,
        content=project.content,
        place=project.place,
        cost=project.cost,
        funding_source=project.funding_source,
        unit=project.unit,
        responsible_person=project.responsible_person,
        planned_completion=datetime.date(project.year + 1, 12, 31),
        state=ProjectState.ADOPTED,
        carried_from=project,
    )
    Milestone.objects.bulk_create(
        Milestone(project=carried, title=m.title, due=add_months(m.due, 12), percent=m.percent)
        for m in project.milestones.filter(done_on__isnull=True)
    )
    if not carried.milestones.exists():
        Milestone.objects.create(
            project=carried, title="整改完成", due=carried.planned_completion, percent=100
        )
    PROJECT_FLOW.record(
        carried, action="上年结转", actor=actor, note=f"{project.year}年{project.get_rating_display() or '未完成'}",
        from_state="", to_state=ProjectState.ADOPTED, created_at=clock.now(),
    )  # fmt: skip
    return carried


# ------------------------------------------------------------------ links to oversight (renda/oversight)

FOLLOW_UP_MONTH = 6  # 回头看 of last year's unsatisfactory projects: by default at mid-year


def _oversight_plan(year: int, actor: Any) -> Any:
    """The year's oversight plan; drawn up (a draft) through oversight's services when there is none yet."""
    from renda.oversight import services as oversight
    from renda.oversight.models import OversightPlan

    plan = OversightPlan.objects.filter(year=year).first()
    return plan if plan is not None else oversight.plan_create(year=year, actor=actor)


@transaction.atomic
def inquiry_start(
    *,
    year: int,
    projects: Sequence[LivelihoodProject],
    actor: Any,
    body: Any = None,
    planned_month: int | None = None,
    invited_deputies: Sequence[Any] | None = None,
    title: str = "",
) -> Any:
    """The inquiry on lagging projects (专题询问): an item of the inquiry kind in the year's oversight plan (a
    recorded change when the plan is adopted; the plan drawn up when there is none), linked to each chosen
    project, the deputies following them invited by default. The inquiry itself (the meeting, questions and
    answers, 现场追问, the result) runs in oversight. `body`: the body questioned — by default the projects'
    responsible unit, to be chosen when they have several."""
    from renda.oversight import services as oversight
    from renda.oversight.models import ItemKind

    _office_only(actor)
    chosen = list({p.pk: p for p in projects}.values())
    if not chosen:
        raise ValidationError({"projects": "请选择进度滞后的项目。"})
    locked = list(LivelihoodProject.objects.select_for_update().filter(pk__in=[p.pk for p in chosen]))
    for project in locked:
        if project.oversight_inquiry_id is not None:
            raise ValidationError({"projects": f"「{project.name}」已列入专题询问。"})
        if project.year != year or project.state != ProjectState.ADOPTED or not project.lagging:
            raise ValidationError({"projects": f"「{project.name}」不是{year}年推进滞后的实施中项目。"})
        PROJECT_FLOW.refuse(project, "inquiry", actor=actor)
    if body is None:
        units = {p.unit_id: p.unit for p in locked}
        if len(units) > 1:
            raise ValidationError({"body": "所选项目分属不同责任单位，请选择被询问的单位（如县人民政府）。"})
        body = next(iter(units.values()))
    today = clock.today()
    if planned_month is None:
        planned_month = today.month if today.year == year else (1 if year > today.year else 12)
    if invited_deputies is None:
        invited = {d.pk: d for p in locked for d in p.followers.all()}
        invited_deputies = list(invited.values())
    names = "、".join(f"「{p.name}」" for p in locked)
    item = oversight.item_add(
        plan=_oversight_plan(year, actor),
        kind=ItemKind.INQUIRY,
        title=title.strip() or f"关于{year}年民生实事项目{names}推进滞后情况的专题询问"[:200],
        body=body,
        planned_month=planned_month,
        invited_deputies=invited_deputies,
        actor=actor,
    )
    for project in locked:
        PROJECT_FLOW.apply(
            project, "inquiry", actor=actor, note=f"{item.plan.title}：{item.title}", oversight_inquiry=item
        )
    return item


@transaction.atomic
def project_oversee(*, project: LivelihoodProject, actor: Any, planned_month: int = FOLLOW_UP_MONTH) -> Any:
    """An unsatisfactory project (rated 不满意 at the year-end evaluation) carried into NEXT year's oversight plan:
    a follow-up item (跟踪监督·回头看) for its responsible unit, the deputies following it invited; a recorded
    change when that plan is adopted, the plan drawn up (a draft) when there is none. Once per project; only a
    不满意 one. Oversight has no follow-up kind of item: the follow-up is heard as a work report (the unit
    reports, the members rate it and follow it to its close)."""
    from renda.oversight import services as oversight
    from renda.oversight.models import ItemKind

    _office_only(actor)
    project = LivelihoodProject.objects.select_for_update().get(pk=project.pk)
    if project.rating != Rating.DISSATISFIED:
        raise ValidationError("只有年终测评为不满意的项目才能列入下一年度监督计划。", code="not_dissatisfied")
    if project.oversight_follow_up_id is not None:
        raise ValidationError(f"该项目已列入{project.year + 1}年度监督计划。", code="already_overseen")
    PROJECT_FLOW.refuse(project, "oversee", actor=actor)
    item = oversight.item_add(
        plan=_oversight_plan(project.year + 1, actor),
        kind=ItemKind.WORK_REPORT,
        title=f"关于{project.year}年民生实事项目「{project.name}」整改落实情况的跟踪监督（回头看）"[:200],
        body=project.unit,
        planned_month=planned_month,
        invited_deputies=list(project.followers.all()),
        actor=actor,
    )
    PROJECT_FLOW.apply(
        project, "oversee", actor=actor, note=f"{item.plan.title}：{item.title}", oversight_follow_up=item
    )
    return item


@transaction.atomic
def projects_oversee(*, year: int, actor: Any, planned_month: int = FOLLOW_UP_MONTH) -> list[Any]:
    """All of the year's 不满意 projects not yet carried, at once (`project_oversee` for each)."""
    _office_only(actor)
    projects = list(selectors.oversee_candidates(year))
    if not projects:
        raise ValidationError(f"{year}年没有待列入下一年度监督计划的不满意项目。", code="none_to_oversee")
    return [project_oversee(project=p, actor=actor, planned_month=planned_month) for p in projects]


# ------------------------------------------------------------------ inspections (代表视察) and their findings


def inspection_check(*, project: LivelihoodProject, actor: Any) -> bool:
    """Who records an inspection: the office, or a deputy following the project (True: recorded by that deputy,
    who is then among those who inspected). Anyone else: PermissionDenied."""
    if can(actor, MANAGE):
        return False
    deputy_id = getattr(actor, "deputy_id", None)
    if deputy_id is None or not project.followers.filter(pk=deputy_id).exists():
        raise PermissionDenied("只有人大常委会工作机构或跟踪该项目的代表可以登记视察。")
    return True


@transaction.atomic
def inspection_record(
    *,
    project: LivelihoodProject,
    date: datetime.date,
    place: str,
    deputies: Sequence[Any],
    summary: str,
    findings: Sequence[str] = (),
    actor: Any,
) -> Inspection:
    """The deputies' inspection of a project under way or done: when, where, who, what they saw, and each
    problem they found (one per line), which the office then sends to the project's unit. Recorded by the office,
    or by a deputy following the project (who is then among those who inspected)."""
    if inspection_check(project=project, actor=actor) and actor.deputy not in deputies:
        deputies = [*deputies, actor.deputy]
    errors: dict[str, str] = {}
    if project.state not in (ProjectState.ADOPTED, ProjectState.COMPLETED):
        errors["project"] = "只有票决产生的项目才能组织代表视察。"
    if date > clock.today():
        errors["date"] = "视察日期不能晚于今天。"
    if not deputies:
        errors["deputies"] = "请选择参加视察的代表。"
    if not place.strip():
        errors["place"] = "请填写视察地点。"
    if not summary.strip():
        errors["summary"] = "请填写视察情况。"
    if errors:
        raise ValidationError(errors)
    inspection = Inspection.objects.create(
        project=project, date=date, place=place.strip(), summary=summary.strip(), recorded_by=actor
    )
    inspection.deputies.set(deputies)
    texts = [t.strip() for t in findings if t.strip()]
    for text in texts:
        finding = Finding.objects.create(inspection=inspection, text=text)
        FINDING_FLOW.record(
            finding, action="视察发现", actor=actor, note=text, from_state="", to_state=finding.state,
            created_at=clock.now(),
        )  # fmt: skip
    names = "、".join(d.name for d in deputies)
    PROJECT_FLOW.record(
        project, action="代表视察", actor=actor, note=f"{names}视察{place.strip()}，发现问题{len(texts)}个",
        from_state=project.state, to_state=project.state, created_at=clock.now(),
    )  # fmt: skip
    return inspection


@transaction.atomic
def finding_forward(*, finding: Finding, actor: Any) -> Finding:
    """The finding goes to the project's responsible unit as casework (its 待办, deadline, answer)."""
    current = FINDING_FLOW.require(finding, "forward", actor=actor)
    unit = current.inspection.project.unit
    roles = casework.assignment_roles(lead=unit)
    [assignment] = casework.assign(FINDINGS, current, roles, on=clock.today())
    return FINDING_FLOW.apply(current, "forward", actor=actor, note=unit.name, due=assignment.due)


@transaction.atomic
def finding_reply(
    *, assignment: FindingAssignment, text: str, signer: str, letter: Any = None, actor: Any
) -> CaseReply:
    """The unit's answer (casework); the finding is answered once its unit has replied."""
    answer = casework.reply(assignment=assignment, text=text, signer=signer, letter=letter, actor=actor)
    finding = Finding.objects.get(pk=assignment.finding_id)
    if casework.answered(FINDINGS, finding):
        FINDING_FLOW.apply(finding, "answered", actor=actor, note=assignment.unit.name)
    return answer


def finding_close(*, finding: Finding, note: str, actor: Any) -> Finding:
    """The office accepts the answer (办结), with its view."""
    if not note.strip():
        FINDING_FLOW.refuse(finding, "close", actor=actor)
        raise ValidationError({"note": "请填写办结意见。"})
    return FINDING_FLOW.apply(finding, "close", actor=actor, note=note.strip(), closing_note=note.strip())


@transaction.atomic
def finding_rehandle(*, finding: Finding, note: str, actor: Any) -> Finding:
    """The answer does not solve it: back to the unit for another round, with a new deadline."""
    if not note.strip():
        FINDING_FLOW.refuse(finding, "rehandle", actor=actor)
        raise ValidationError({"note": "请填写退回重办的理由。"})
    due = add_working_days(clock.today(), rule("livelihood_finding_working_days"))
    current = FINDING_FLOW.apply(
        finding, "rehandle", actor=actor, note=note.strip(), round=finding.round + 1, due=due
    )
    casework.reopen(FINDINGS, current, due=due, actor=actor)
    return current
