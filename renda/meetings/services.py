"""Every write of meetings: the meeting and its moves, agenda and papers, attendance, 列席 and resolutions.
Rules: docs/workflows/meetings.md."""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max

from renda.accounts.models import User
from renda.core import clock
from renda.core.roles import can
from renda.core.rules import rule
from renda.core.uploads import ATTACHMENT_TYPES, check_upload, shortened_name
from renda.deputies.models import Deputy
from renda.meetings import selectors
from renda.meetings.models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Attendee,
    ItemKind,
    Meeting,
    MeetingKind,
    MeetingState,
    Paper,
    PaperRead,
    PaperStage,
    Resolution,
    ResolutionKind,
    ResolutionState,
)
from renda.meetings.workflows import ATTEND, MANAGE, MEETING_FLOW, RESOLUTION_FLOW
from renda.org.models import CommitteeOffice, CongressSession, Term

# 【国】 监督法 Art. 15: a special work report reaches the committee (委室) 20 days, the standing committee
# 10 days and its members 7 days before the meeting.
WORK_REPORT_PAPER_DAYS = {PaperStage.COMMITTEE: 20, PaperStage.STANDING: 10, PaperStage.MEMBERS: 7}
# 【地】 other kinds: papers to the members this many days ahead (rules in platform.py)
PAPER_DAYS_RULE = {
    ItemKind.WORK_REPORT: "meeting_paper_days_work_report",  # bodies other than the standing committee
    ItemKind.RESOLUTION: "meeting_paper_days_resolution",
    ItemKind.APPOINTMENT: "meeting_paper_days_appointment",
    ItemKind.REGULATION: "meeting_paper_days_regulation",
    ItemKind.INQUIRY: "meeting_paper_days_inquiry",
    ItemKind.OTHER: "meeting_paper_days_other",
}


def _require_office(actor: User) -> None:
    if not can(actor, MANAGE):
        raise PermissionDenied("只有常委会办事机构可以进行此操作。")


# ------------------------------------------------------------------ meetings


@transaction.atomic
def meeting_create(
    *,
    kind: str,
    term: Term,
    date: datetime.date,
    place: str = "",
    presider: Deputy | None = None,
    congress_session: CongressSession | None = None,
    office: CommitteeOffice | None = None,
    actor: User,
) -> Meeting:
    """A meeting of a body, numbered within the term (第N次) for the standing committee, the Council of
    Chairpersons and each committee; a congress meeting is one of the term's sessions."""
    _require_office(actor)
    if kind == MeetingKind.CONGRESS:
        if congress_session is None or congress_session.term_id != term.pk:
            raise ValidationError({"congress_session": "人民代表大会会议须选择本届的会次。"})
        if Meeting.objects.filter(congress_session=congress_session).exists():
            raise ValidationError({"congress_session": "该次人代会已经登记。"})
        office, number = None, congress_session.number
    else:
        congress_session = None
        if kind == MeetingKind.COMMITTEE:
            if office is None:
                raise ValidationError({"office": "专门委员会会议须选择委员会。"})
            if office.kind != CommitteeOffice.Kind.SPECIAL:
                raise ValidationError({"office": f"{office}不是专门委员会，没有组成人员可以开会。"})
        else:
            office = None
        Term.objects.select_for_update().get(pk=term.pk)  # numbers are given one at a time
        last = Meeting.objects.filter(term=term, kind=kind, office=office).aggregate(n=Max("number"))["n"]
        number = (last or 0) + 1
    meeting = Meeting.objects.create(
        kind=kind,
        term=term,
        congress_session=congress_session,
        office=office,
        number=number,
        date=date,
        place=place,
        presider=presider,
        created_by=actor,
    )
    MEETING_FLOW.record(
        meeting,
        action="登记",
        actor=actor,
        note="",
        from_state="",
        to_state=meeting.state,
        created_at=clock.now(),
    )
    return meeting


def meeting_edit(
    *, meeting: Meeting, date: datetime.date, place: str, presider: Deputy | None, actor: User
) -> Meeting:
    """Date, place and presider while the meeting is being prepared; the papers' due dates follow the date."""
    with transaction.atomic():
        meeting = MEETING_FLOW.apply(meeting, "edit", actor=actor, date=date, place=place, presider=presider)
        for paper in Paper.objects.filter(item__meeting=meeting).select_related("item"):
            paper.due_date = _paper_due(meeting, paper.item.kind, paper.stage)
            paper.save(update_fields=["due_date", "updated_at"])
    return meeting


def meeting_convene(*, meeting: Meeting, actor: User) -> Meeting:
    return MEETING_FLOW.apply(meeting, "convene", actor=actor)


def meeting_close(*, meeting: Meeting, actor: User) -> Meeting:
    """Closes the meeting; members who neither signed in nor had leave approved are recorded absent (缺席)."""
    q = selectors.quorum(meeting)
    return MEETING_FLOW.apply(meeting, "close", actor=actor, note=q.text)


# ------------------------------------------------------------------ agenda and papers


def _paper_due(meeting: Meeting, kind: str, stage: str) -> datetime.date:
    if kind == ItemKind.WORK_REPORT and meeting.kind == MeetingKind.STANDING:
        days = WORK_REPORT_PAPER_DAYS[PaperStage(stage)]
    else:
        days = rule(PAPER_DAYS_RULE[ItemKind(kind)])
    return meeting.date - datetime.timedelta(days=days)


def paper_stages(meeting: Meeting, kind: str) -> list[str]:
    """A work report to the standing committee passes three stages (监督法 Art. 15); other papers one."""
    if kind == ItemKind.WORK_REPORT and meeting.kind == MeetingKind.STANDING:
        return list(WORK_REPORT_PAPER_DAYS)
    return [PaperStage.MEMBERS]


@transaction.atomic
def agenda_item_add(
    *, meeting: Meeting, kind: str, title: str, reporter: str = "", actor: User
) -> AgendaItem:
    """The next item of the agenda, with the papers it needs and their due dates."""
    meeting = MEETING_FLOW.apply(meeting, "agenda", actor=actor, note=title)
    if not title.strip():
        raise ValidationError({"title": "请填写议题。"})
    last = AgendaItem.objects.filter(meeting=meeting).aggregate(n=Max("order"))["n"]
    item = AgendaItem.objects.create(
        meeting=meeting, order=(last or 0) + 1, kind=kind, title=title.strip(), reporter=reporter
    )
    Paper.objects.bulk_create(
        Paper(item=item, stage=stage, due_date=_paper_due(meeting, kind, stage))
        for stage in paper_stages(meeting, kind)
    )
    return item


def item_record(*, item: AgendaItem, remarks: str, result: str, actor: User) -> AgendaItem:
    """The summary of the remarks on an item and its result, for the minutes."""
    with transaction.atomic():
        MEETING_FLOW.apply(item.meeting, "record", actor=actor, note=item.title)
        item.remarks, item.result = remarks, result
        item.save(update_fields=["remarks", "result", "updated_at"])
    return item


@transaction.atomic
def paper_submit(*, paper: Paper, upload: UploadedFile, actor: User) -> Paper:
    """The office files a paper; one filed after its due date is flagged late."""
    _require_office(actor)
    paper = Paper.objects.select_for_update().select_related("item__meeting").get(pk=paper.pk)
    if paper.item.meeting.state == MeetingState.CLOSED:
        raise ValidationError("会议已闭会，不能再上传材料。", code="invalid_transition")
    check_upload(upload, ATTACHMENT_TYPES)
    upload.name = shortened_name(upload.name or "材料", 80)
    paper.file = upload
    paper.submitted_on = clock.today()
    paper.submitted_by = actor
    paper.save()
    return paper


def paper_open(*, paper: Paper, actor: User) -> PaperRead:
    """Logs that `actor` opened the paper (first, last time and how often): the office's read log."""
    if not paper.file:
        raise ValidationError("材料尚未上传。", code="missing")
    now = clock.now()
    with transaction.atomic():
        read = PaperRead.objects.select_for_update().filter(paper=paper, user=actor).first()
        if read is None:
            try:
                with transaction.atomic():
                    return PaperRead.objects.create(
                        paper=paper, user=actor, first_opened_at=now, last_opened_at=now
                    )
            except IntegrityError:
                read = PaperRead.objects.select_for_update().get(paper=paper, user=actor)
        read.times += 1
        read.last_opened_at = now
        read.save(update_fields=["times", "last_opened_at"])
    return read


# ------------------------------------------------------------------ attendance


def _for_self_or_office(meeting: Meeting, deputy: Deputy, actor: User) -> bool:
    """True when the office acts; a member acts only for themself."""
    if can(actor, MANAGE):
        return True
    if can(actor, ATTEND) and actor.deputy_id == deputy.pk:
        return False
    raise PermissionDenied("只能为本人签到或请假。")


@transaction.atomic
def attendance_sign_in(*, meeting: Meeting, deputy: Deputy, actor: User) -> Attendance:
    """A member signs in on their phone, or the office signs them in, while the meeting is in progress."""
    _for_self_or_office(meeting, deputy, actor)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.state != MeetingState.CONVENED:
        raise ValidationError("会议未在进行中，不能签到。", code="invalid_transition")
    if not selectors.is_member(meeting, deputy.pk):
        raise ValidationError(f"{deputy.name}不是本会议的组成人员。", code="not_member")
    attendance, _ = Attendance.objects.update_or_create(
        meeting=meeting,
        deputy=deputy,
        defaults={"status": AttendanceStatus.PRESENT, "signed_in_at": clock.now(), "recorded_by": actor},
    )
    return attendance


@transaction.atomic
def attendance_sign_in_many(*, meeting: Meeting, deputies: list[Deputy], actor: User) -> int:
    """The office checks off the members present from the list at the door; returns how many were signed in."""
    _require_office(actor)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.state != MeetingState.CONVENED:
        raise ValidationError("会议未在进行中，不能签到。", code="invalid_transition")
    wanted = {deputy.pk for deputy in deputies}
    outsiders = wanted - set(
        selectors.body_members(meeting).filter(pk__in=wanted).values_list("pk", flat=True)
    )
    if outsiders:
        raise ValidationError("所选人员不全是本会议的组成人员。", code="not_member")
    now = clock.now()
    existing = Attendance.objects.filter(meeting=meeting, deputy__in=wanted)
    known = set(existing.values_list("deputy_id", flat=True))
    existing.update(status=AttendanceStatus.PRESENT, signed_in_at=now, recorded_by=actor, updated_at=now)
    Attendance.objects.bulk_create(
        Attendance(
            meeting=meeting,
            deputy_id=pk,
            status=AttendanceStatus.PRESENT,
            signed_in_at=now,
            recorded_by=actor,
        )
        for pk in sorted(wanted - known)
    )
    return len(wanted)


@transaction.atomic
def leave_request(*, meeting: Meeting, deputy: Deputy, reason: str, actor: User) -> Attendance:
    """A member asks for leave (请假) before or during the meeting; the office approves or refuses. Leave
    requested by the office on a member's behalf is approved at once."""
    by_office = _for_self_or_office(meeting, deputy, actor)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.state == MeetingState.CLOSED:
        raise ValidationError("会议已闭会，不能请假。", code="invalid_transition")
    if not reason.strip():
        raise ValidationError({"reason": "请填写请假事由。"})
    if not selectors.is_member(meeting, deputy.pk):
        raise ValidationError(f"{deputy.name}不是本会议的组成人员。", code="not_member")
    if Attendance.objects.filter(meeting=meeting, deputy=deputy, status=AttendanceStatus.PRESENT).exists():
        raise ValidationError("已签到，不能请假。", code="present")
    attendance, _ = Attendance.objects.update_or_create(
        meeting=meeting,
        deputy=deputy,
        defaults={
            "status": AttendanceStatus.LEAVE if by_office else AttendanceStatus.LEAVE_REQUESTED,
            "leave_reason": reason.strip(),
            "recorded_by": actor,
        },
    )
    return attendance


@transaction.atomic
def leave_decide(*, attendance: Attendance, approve: bool, actor: User) -> Attendance | None:
    """The office approves a leave request, or refuses it (the member is then expected; absent if not there)."""
    _require_office(actor)
    attendance = Attendance.objects.select_for_update().select_related("meeting").get(pk=attendance.pk)
    if (
        attendance.status != AttendanceStatus.LEAVE_REQUESTED
        or attendance.meeting.state == MeetingState.CLOSED
    ):
        raise ValidationError("没有待批准的请假。", code="invalid_transition")
    if not approve:
        attendance.delete()
        return None
    attendance.status = AttendanceStatus.LEAVE
    attendance.recorded_by = actor
    attendance.save(update_fields=["status", "recorded_by", "updated_at"])
    return attendance


def attendee_add(
    *, meeting: Meeting, name: str = "", organisation: str = "", deputy: Deputy | None = None, actor: User
) -> Attendee:
    """列席: an official by name, or an invited deputy (credited in their duty record)."""
    with transaction.atomic():
        meeting = MEETING_FLOW.apply(
            meeting, "agenda", actor=actor, note=f"列席：{deputy.name if deputy else name}"
        )
        if deputy is None and not name.strip():
            raise ValidationError({"name": "请填写列席人员姓名或选择代表。"})
        if deputy is not None and Attendee.objects.filter(meeting=meeting, deputy=deputy).exists():
            raise ValidationError({"deputy": f"{deputy.name}已在列席名单中。"})
        return Attendee.objects.create(
            meeting=meeting,
            deputy=deputy,
            name=deputy.name if deputy else name.strip(),
            organisation=organisation,
        )


# ------------------------------------------------------------------ resolutions


def resolution_draft(*, item: AgendaItem, kind: str, title: str, text: str, actor: User) -> Resolution:
    """The draft resolution or decision put to the vote on an agenda item."""
    with transaction.atomic():
        MEETING_FLOW.apply(item.meeting, "agenda", actor=actor, note=title)
        if Resolution.objects.filter(item=item).exists():
            raise ValidationError("该议题已有决议决定草案。", code="exists")
        if not title.strip() or not text.strip():
            raise ValidationError({"title": "请填写标题和正文。"})
        return Resolution.objects.create(item=item, kind=ResolutionKind(kind), title=title.strip(), text=text)


def require_quorum(meeting: Meeting) -> None:
    q = selectors.quorum(meeting)
    if not q.met:
        raise ValidationError(f"不足法定人数，不能表决：{q.text}。", code="no_quorum")


@transaction.atomic
def resolution_adopt(*, resolution: Resolution, result: str, actor: User) -> Resolution:
    """Adopted by the item's vote: numbered within the year (第N号), published on the public site. No vote
    without a quorum."""
    meeting = resolution.item.meeting
    require_quorum(meeting)
    year = meeting.date.year
    Term.objects.select_for_update().get(pk=meeting.term_id)  # numbers are given one at a time
    last = Resolution.objects.filter(year=year).aggregate(n=Max("number"))["n"]
    resolution = RESOLUTION_FLOW.apply(
        resolution,
        "adopt",
        actor=actor,
        note=result,
        year=year,
        number=(last or 0) + 1,
        adopted_on=meeting.date,
        result=result,
    )
    AgendaItem.objects.filter(pk=resolution.item_id).update(result=result)
    return resolution


@transaction.atomic
def resolution_fail(*, resolution: Resolution, result: str, actor: User) -> Resolution:
    require_quorum(resolution.item.meeting)
    resolution = RESOLUTION_FLOW.apply(resolution, "fail", actor=actor, note=result, result=result)
    AgendaItem.objects.filter(pk=resolution.item_id).update(result=result)
    return resolution


# ------------------------------------------------------------------ votes (renda.voting)

# 【国】 地方组织法: resolutions, decisions and appointments pass with a majority of ALL members (of all deputies
# at the congress), not of those present; two thirds of all where a law requires it (`two_thirds`).


def item_vote_create(*, item: AgendaItem, method: str, two_thirds: bool = False, actor: User) -> Any:
    """The vote on an agenda item, created from its meeting: 应到 all members of the body, the electorate the
    members signed in, the threshold a majority (or two thirds) of all members, chained per meeting."""
    from renda.voting import services as voting

    with transaction.atomic():
        meeting = MEETING_FLOW.apply(item.meeting, "record", actor=actor, note=f"表决：{item.title}")
        present = Deputy.objects.filter(
            pk__in=Attendance.objects.filter(meeting=meeting, status=AttendanceStatus.PRESENT).values(
                "deputy"
            )
        ).filter(pk__in=selectors.body_members(meeting).values("pk"))
        threshold = voting.Threshold.ALL_TWO_THIRDS if two_thirds else voting.Threshold.ALL_MAJORITY
        title = item.resolution.title if hasattr(item, "resolution") else item.title
        return voting.vote_event_create(
            subject=item,
            title=title,
            method=method,
            threshold=threshold,
            entitled=selectors.body_members(meeting).count(),
            electorate=list(present.order_by("pk")),
            chain_key=f"meeting:{meeting.pk}",
            actor=actor,
        )


def item_vote_open(*, event: Any, actor: User) -> Any:
    """No vote opens without a quorum of the item's meeting (against all members)."""
    from renda.voting import services as voting

    if not isinstance(event.subject, AgendaItem):
        raise ValidationError("该表决不属于会议议题。", code="invalid")
    return voting.vote_open(event=event, actor=actor)  # which asks renda/meetings/votes.py for the quorum


def item_vote_settle(*, event: Any, actor: User) -> AgendaItem:
    """After the item's vote has closed: its result text on the item, and the draft resolution adopted
    (numbered, published) or failed by it."""
    from renda.voting import services as voting
    from renda.voting.models import State as VoteState

    item = event.subject
    if not isinstance(item, AgendaItem) or event.state != VoteState.CLOSED:
        raise ValidationError("表决尚未结束。", code="invalid_transition")
    result = voting.vote_result(event)
    with transaction.atomic():
        resolution = Resolution.objects.filter(item=item).first()
        if resolution is not None and resolution.state == ResolutionState.DRAFT:
            decide = resolution_adopt if result.passed else resolution_fail
            decide(resolution=resolution, result=result.text, actor=actor)
        else:
            item_record(item=item, remarks=item.remarks, result=result.text, actor=actor)
    item.refresh_from_db()
    return item
