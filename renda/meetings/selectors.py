"""Reads of meetings: who may see what, the members of each body, the quorum, papers and statistics."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404

from renda.core.calendar import add_months
from renda.core.queries import count_of
from renda.core.roles import can
from renda.deputies.choices import DeputyStatus, Level
from renda.deputies.models import Deputy
from renda.meetings.models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    ItemKind,
    Meeting,
    MeetingKind,
    MeetingState,
    Paper,
    Resolution,
    ResolutionState,
)
from renda.meetings.workflows import ATTEND, MANAGE, READ
from renda.org.models import CommitteeMembership, CommitteeOfficeMembership, Term
from renda.org.selectors import office_seats_on

# ------------------------------------------------------------------ visibility


def meetings_visible_to(user) -> QuerySet[Meeting]:
    """The office and the members of the standing committee see every meeting; a deputy sees the congress's
    sessions of their terms and the meetings they attend (列席) or belong to; others none."""
    meetings = Meeting.objects.select_related("term", "congress_session__term", "office", "presider")
    if can(user, MANAGE) or can(user, READ):
        return meetings
    deputy_id = getattr(user, "deputy_id", None)
    if not can(user, ATTEND) or deputy_id is None:
        return meetings.none()
    # One subquery per tie: OR-ing the joins themselves multiplies a term's deputies by each meeting's attendees.
    ties = (
        Q(kind=MeetingKind.CONGRESS, term__deputies=deputy_id),
        Q(attendees__deputy=deputy_id),
        Q(attendances__deputy=deputy_id),
        Q(
            kind__in=[MeetingKind.STANDING, MeetingKind.CHAIRPERSONS, MeetingKind.COMMITTEE],
            term__committee_memberships__deputy=deputy_id,
        ),
        Q(  # a committee's own members (the registry's special-committee seats), on the standing committee or not
            Exists(
                CommitteeOfficeMembership.objects.filter(
                    deputy=deputy_id, office=OuterRef("office"), term=OuterRef("term")
                )
            ),
            kind=MeetingKind.COMMITTEE,
        ),
    )
    visible = Q()
    for tie in ties:
        visible |= Q(pk__in=Meeting.objects.filter(tie).values("pk"))
    return meetings.filter(visible)


def meeting_get_for_user(user, pk) -> Meeting:
    try:
        return meetings_visible_to(user).get(pk=pk)
    except (Meeting.DoesNotExist, ValueError, TypeError):
        raise Http404("会议不存在或无权查看。") from None


def item_get_for_user(user, pk) -> AgendaItem:
    meeting_ids = meetings_visible_to(user).values("pk")
    try:
        return AgendaItem.objects.select_related("meeting").get(pk=pk, meeting__in=meeting_ids)
    except (AgendaItem.DoesNotExist, ValueError, TypeError):
        raise Http404("议题不存在或无权查看。") from None


def paper_get_for_user(user, pk) -> Paper:
    meeting_ids = meetings_visible_to(user).values("pk")
    try:
        return Paper.objects.select_related("item__meeting").get(pk=pk, item__meeting__in=meeting_ids)
    except (Paper.DoesNotExist, ValueError, TypeError):
        raise Http404("材料不存在或无权查看。") from None


def attendance_get_for_user(user, pk) -> Attendance:
    meeting_ids = meetings_visible_to(user).values("pk")
    try:
        return Attendance.objects.select_related("meeting", "deputy").get(pk=pk, meeting__in=meeting_ids)
    except (Attendance.DoesNotExist, ValueError, TypeError):
        raise Http404("出席记录不存在或无权查看。") from None


def resolution_get_for_user(user, pk) -> Resolution:
    meeting_ids = meetings_visible_to(user).values("pk")
    try:
        return Resolution.objects.select_related("item__meeting").get(pk=pk, item__meeting__in=meeting_ids)
    except (Resolution.DoesNotExist, ValueError, TypeError):
        raise Http404("决议决定不存在或无权查看。") from None


def resolutions_public(year: int | None = None) -> QuerySet[Resolution]:
    """Adopted resolutions and decisions: the public site's list."""
    adopted = Resolution.objects.filter(state=ResolutionState.ADOPTED).select_related("item__meeting__term")
    return adopted.filter(year=year) if year else adopted


# ------------------------------------------------------------------ members and quorum


def body_members(meeting: Meeting) -> QuerySet[Deputy]:
    """The members of the meeting's body on its date, from the registry: the term's serving county deputies for
    the congress; the standing committee's members (the chairperson and vice-chairpersons for the Council of
    Chairpersons); for a committee meeting, the special committee's own seats (org.CommitteeOfficeMembership),
    whether or not they sit on the standing committee."""
    return body_members_on(meeting.term_id, meeting.kind, meeting.date, meeting.office_id)


def body_members_on(
    term: Term | int, kind: str, day: datetime.date, office: int | None = None
) -> QuerySet[Deputy]:
    if kind == MeetingKind.CONGRESS:
        return Deputy.objects.filter(status=DeputyStatus.ACTIVE, level=Level.COUNTY, terms=term)
    if kind == MeetingKind.COMMITTEE:
        return Deputy.objects.filter(pk__in=office_seats_on(term, office, day).values("deputy"))
    seats = CommitteeMembership.objects.filter(term=term, start_date__lte=day).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=day)
    )
    if kind == MeetingKind.CHAIRPERSONS:
        seats = seats.filter(
            position__in=[CommitteeMembership.Position.CHAIR, CommitteeMembership.Position.VICE_CHAIR]
        )
    return Deputy.objects.filter(pk__in=seats.values("deputy"))


def is_member(meeting: Meeting, deputy_id: int | None) -> bool:
    return deputy_id is not None and body_members(meeting).filter(pk=deputy_id).exists()


@dataclass(frozen=True)
class Quorum:
    members: int  # 应到: all members of the body
    present: int  # 实到
    on_leave: int
    needed: int  # the fewest present that make a quorum
    met: bool

    @property
    def absent(self) -> int:
        return self.members - self.present - self.on_leave

    @property
    def text(self) -> str:
        state = "符合法定人数" if self.met else "不足法定人数"
        return (
            f"应到{self.members}人，实到{self.present}人，请假{self.on_leave}人，缺席{self.absent}人，{state}"
        )


def quorum_needed(kind: str, members: int) -> int:
    """【国】 地方组织法: a congress session needs at least two thirds of the deputies present; the standing
    committee (and, by the same practice, its other bodies) a majority of all members."""
    if kind == MeetingKind.CONGRESS:
        return -(-members * 2 // 3)  # ceil(2/3)
    return members // 2 + 1


def quorum(meeting: Meeting) -> Quorum:
    """Live, against ALL members of the body (not those expected to come)."""
    members = body_members(meeting)
    counts = Attendance.objects.filter(meeting=meeting, deputy__in=members).aggregate(
        present=Count("pk", filter=Q(status=AttendanceStatus.PRESENT)),
        on_leave=Count("pk", filter=Q(status=AttendanceStatus.LEAVE)),
    )
    total = members.count()
    needed = quorum_needed(meeting.kind, total)
    return Quorum(
        total, counts["present"], counts["on_leave"], needed, total > 0 and counts["present"] >= needed
    )


@dataclass(frozen=True)
class SheetRow:
    deputy: Deputy
    status: str  # 出席 / 请假 / 请假待批 / 缺席 (未签到 while open)
    attendance: Attendance | None


def attendance_sheet(meeting: Meeting) -> list[SheetRow]:
    """Every member of the body with their attendance, in the body's order."""
    rows = {a.deputy_id: a for a in Attendance.objects.filter(meeting=meeting)}
    missing = "缺席" if meeting.state == MeetingState.CLOSED else "未签到"
    sheet = []
    for deputy in body_members(meeting).order_by("name_pinyin"):
        attendance = rows.get(deputy.pk)
        status = attendance.get_status_display() if attendance else missing
        sheet.append(SheetRow(deputy, status, attendance))
    return sheet


# ------------------------------------------------------------------ papers


def papers_missing() -> QuerySet[Paper]:
    """Papers not yet submitted for meetings still to be held or in progress, earliest due first."""
    return (
        Paper.objects.filter(file="", item__meeting__state__in=[MeetingState.PLANNED, MeetingState.CONVENED])
        .select_related(
            "item__meeting__term", "item__meeting__office", "item__meeting__congress_session__term"
        )
        .order_by("due_date", "pk")
    )


def papers_to_read(user) -> QuerySet[Paper]:
    """Submitted papers of the user's upcoming meetings they have not opened yet."""
    return (
        Paper.objects.exclude(file="")
        .filter(item__meeting__in=meetings_visible_to(user).filter(state=MeetingState.PLANNED).values("pk"))
        .exclude(reads__user=user)
        .select_related("item__meeting")
    )


# ------------------------------------------------------------------ the two-month rule


def standing_committee_gap(today: datetime.date) -> tuple[Term, datetime.date] | None:
    """【国】 地方组织法: the standing committee meets at least once every two months. (term, date it should have
    met by) when the current term's last held meeting (or its start) is more than two months before today."""
    term = Term.objects.filter(is_current=True).first()
    if term is None:
        return None
    last = (
        Meeting.objects.filter(kind=MeetingKind.STANDING, term=term, date__lte=today)
        .exclude(state=MeetingState.PLANNED)
        .order_by("-date")
        .values_list("date", flat=True)
        .first()
    )
    due = add_months(last or term.start_date, 2)
    return (term, due) if due < today else None


# ------------------------------------------------------------------ statistics


@dataclass(frozen=True)
class YearFigures:
    year: int
    meetings: dict[str, int]  # kind -> held
    work_reports: int
    resolutions: int

    @property
    def standing(self) -> int:
        return self.meetings.get(MeetingKind.STANDING, 0)

    @property
    def chairpersons(self) -> int:
        return self.meetings.get(MeetingKind.CHAIRPERSONS, 0)

    @property
    def text(self) -> str:
        """The year's sentence, in the words of the standing committees' own work reports."""
        return (
            f"召开常委会会议{self.standing}次，主任会议{self.chairpersons}次，"
            f"听取和审议工作报告{self.work_reports}个，作出决议决定{self.resolutions}项"
        )


def year_figures(year: int) -> YearFigures:
    """The year's meetings per body (held: convened or closed), the work reports heard on their agendas and the
    resolutions and decisions adopted in the year, counted in the database: three queries whatever the numbers."""
    held = Meeting.objects.filter(date__year=year).exclude(state=MeetingState.PLANNED)
    per_kind = dict(held.order_by().values_list("kind").annotate(n=Count("pk")).values_list("kind", "n"))
    reports = AgendaItem.objects.filter(meeting__in=held, kind=ItemKind.WORK_REPORT).count()
    adopted = Resolution.objects.filter(state=ResolutionState.ADOPTED, year=year).count()
    return YearFigures(year, per_kind, reports, adopted)


def _seat(kind: str, deputy: Any, term: Any, day: Any, office: Any) -> Exists:
    """A seat of `deputy` in the body of meetings of `kind` of `term`, held on `day` (expressions, so that
    it can be asked of each meeting inside a query): the rule of `body_members_on`."""
    if kind == MeetingKind.CONGRESS:
        return Exists(
            Deputy.terms.through.objects.filter(
                deputy_id=deputy, term_id=term, deputy__status=DeputyStatus.ACTIVE, deputy__level=Level.COUNTY
            )
        )
    if kind == MeetingKind.COMMITTEE:
        return Exists(office_seats_on(term, office, day).filter(deputy_id=deputy))
    seats = CommitteeMembership.objects.filter(deputy_id=deputy, term_id=term, start_date__lte=day).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=day)
    )
    if kind == MeetingKind.CHAIRPERSONS:
        seats = seats.filter(
            position__in=[CommitteeMembership.Position.CHAIR, CommitteeMembership.Position.VICE_CHAIR]
        )
    return Exists(seats)


@dataclass(frozen=True)
class AttendanceRate:
    deputy_id: int
    name: str
    present: int  # meetings attended
    held: int  # closed meetings of the kind in the year held while they were a member (the denominator)
    on_leave: int  # of them, those they were excused from (请假), shown apart; counted in `held`

    @property
    def absent(self) -> int:
        return self.held - self.present - self.on_leave


def attendance_rates(year: int, kind: str = MeetingKind.STANDING) -> list[AttendanceRate]:
    """Per member, the closed meetings of `kind` in `year` they attended, against those held while they were a
    member of the body (their seat's start and end dates); leave apart. Members who never came are listed with
    0. Numerator and denominator, formatted at the edge; one query."""
    closed = Meeting.objects.filter(kind=kind, date__year=year, state=MeetingState.CLOSED)
    member = OuterRef(OuterRef("pk"))
    held = closed.filter(_seat(kind, member, OuterRef("term"), OuterRef("date"), OuterRef("office")))
    marked = Attendance.objects.filter(deputy_id=OuterRef("pk"), meeting__in=closed.values("pk")).filter(
        _seat(
            kind,
            OuterRef("deputy"),
            OuterRef("meeting__term"),
            OuterRef("meeting__date"),
            OuterRef("meeting__office"),
        )
    )

    rows = (
        Deputy.objects.annotate(
            held=count_of(held, "kind"),
            present=count_of(marked.filter(status=AttendanceStatus.PRESENT), "deputy"),
            on_leave=count_of(marked.filter(status=AttendanceStatus.LEAVE), "deputy"),
        )
        .filter(held__gt=0)
        .order_by("-present", "name_pinyin", "pk")
        .values_list("pk", "name", "present", "held", "on_leave")
    )
    return [AttendanceRate(*row) for row in rows]


def item_votes(meeting: Meeting) -> dict[int, list]:
    """The votes (renda.voting) on the meeting's agenda items, by item, oldest first."""
    from django.contrib.contenttypes.models import ContentType

    from renda.voting.models import VoteEvent

    events = VoteEvent.objects.filter(
        subject_type=ContentType.objects.get_for_model(AgendaItem),
        subject_id__in=AgendaItem.objects.filter(meeting=meeting).values("pk"),
    ).order_by("pk")
    by_item: dict[int, list] = {}
    for event in events:
        by_item.setdefault(int(event.subject_id or 0), []).append(event)
    return by_item


def vote_get_for_user(user, pk) -> Any:
    """A vote on an agenda item of a meeting the user sees."""
    from renda.voting.models import VoteEvent

    try:
        event = VoteEvent.objects.get(pk=pk)
    except (VoteEvent.DoesNotExist, ValueError, TypeError):
        raise Http404("表决不存在或无权查看。") from None
    if (
        not isinstance(event.subject, AgendaItem)
        or not meetings_visible_to(user).filter(pk=event.subject.meeting_id).exists()
    ):
        raise Http404("表决不存在或无权查看。")
    return event
