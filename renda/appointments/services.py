"""Every write of appointments and removals (人事任免): posts and people, the nomination, the legal exam, the
agenda, papers, 供职发言, deliberation, the person-by-person vote (renda.voting), the decision and its effect on
the holdings, the announcement, the letter of appointment, the oath and the publication. Rules:
docs/workflows/appointments.md."""

import datetime
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max

from renda.accounts.models import User
from renda.appointments import selectors
from renda.appointments.models import (
    Appointment,
    AppointmentKind,
    Appraisal,
    Holding,
    LegalExam,
    Nominator,
    Person,
    Post,
    PostKind,
)
from renda.appointments.workflows import APPOINTMENT_FLOW, APPRAISAL_FLOW, MANAGE
from renda.core import clock
from renda.core.formats import cn_date
from renda.core.roles import can
from renda.core.rules import rule
from renda.core.services import save_versioned
from renda.core.uploads import ATTACHMENT_TYPES, check_upload, shortened_name
from renda.deputies.models import Deputy
from renda.org.models import CommitteeMembership, Term

# 【国】 监督法 Arts. 61–62: a dismissal (撤职案) is filed by the Council of Chairpersons or jointly by at least
# one fifth of the standing committee's members, and passes with a majority of ALL members.
DISMISS_FILERS_FRACTION = (1, 5)

# Who nominates for each kind of post (地方组织法 Art. 50; 法官法, 检察官法).
NOMINATORS: dict[str, set[str]] = {
    PostKind.DEPT_HEAD: {Nominator.GOVERNMENT_HEAD},
    PostKind.DEPT_DEPUTY: {Nominator.GOVERNMENT_HEAD},
    PostKind.COURT: {Nominator.COURT_PRESIDENT},
    PostKind.PROCURATORATE: {Nominator.CHIEF_PROCURATOR},
    PostKind.CONGRESS: {Nominator.COUNCIL},
    PostKind.OTHER: set(Nominator.values) - {Nominator.MEMBERS},
}


def _require_office(actor: User) -> None:
    if not can(actor, MANAGE):
        raise PermissionDenied("只有常委会办事机构可以进行此操作。")


def _file(upload: UploadedFile | None, default: str) -> UploadedFile | None:
    if upload is None:
        return None
    check_upload(upload, ATTACHMENT_TYPES)
    upload.name = shortened_name(upload.name or default, 80)
    return upload


# ------------------------------------------------------------------ posts, people and holders


def post_create(*, name: str, organ: str, kind: str, order: int = 0, seats: int = 1, actor: User) -> Post:
    _require_office(actor)
    _check_post_name(name)
    return Post.objects.create(
        name=name.strip(), organ=organ.strip(), kind=PostKind(kind), order=order, seats=max(seats, 1)
    )


def _check_post_name(name: str, *, exclude: int = 0) -> None:
    if not name.strip():
        raise ValidationError({"name": "请填写职务名称。"})
    if Post.objects.filter(name=name.strip()).exclude(pk=exclude).exists():
        raise ValidationError({"name": "该职务已经登记。"})


def post_update(*, post: Post, expected_version: int, changes: dict[str, Any], actor: User) -> Post:
    """Edits a post (name, organ, kind, order, 职数, in use); a form opened on an older version is refused."""
    _require_office(actor)
    changes = dict(changes)
    if "name" in changes:
        _check_post_name(changes["name"], exclude=post.pk)
        changes["name"] = changes["name"].strip()
    if "seats" in changes:
        open_count = Holding.objects.filter(post=post, end_date__isnull=True).count()
        if changes["seats"] < max(open_count, 1):
            raise ValidationError(
                {"seats": f"该职务现有在任{open_count}人，职数不能少于{max(open_count, 1)}。"}
            )
    return save_versioned(post, expected_version=expected_version, changes=changes, actor=actor)


def person_create(
    *,
    name: str,
    gender: str = "",
    birth_month: str = "",
    current_job: str = "",
    resume: UploadedFile | None = None,
    actor: User,
) -> Person:
    _require_office(actor)
    if not name.strip():
        raise ValidationError({"name": "请填写姓名。"})
    from renda.deputies.services import name_index

    initials, full = name_index(name.strip())
    person = Person(
        name=name.strip(),
        name_initials=initials,
        name_pinyin=full,
        gender=gender,
        birth_month=birth_month,
        current_job=current_job,
    )
    if (upload := _file(resume, "简历")) is not None:
        person.resume = upload
    person.save()
    return person


def person_update(
    *,
    person: Person,
    expected_version: int,
    changes: dict[str, Any],
    resume: UploadedFile | None = None,
    actor: User,
) -> Person:
    """Corrects a person's particulars (the name's pinyin follows the name); a new résumé replaces the old one,
    none keeps it. A form opened on an older version is refused."""
    _require_office(actor)
    changes = dict(changes)
    if "name" in changes:
        if not changes["name"].strip():
            raise ValidationError({"name": "请填写姓名。"})
        from renda.deputies.services import name_index

        changes["name"] = changes["name"].strip()
        changes["name_initials"], changes["name_pinyin"] = name_index(changes["name"])
    if (upload := _file(resume, "简历")) is not None:
        changes["resume"] = upload
    return save_versioned(person, expected_version=expected_version, changes=changes, actor=actor)


@transaction.atomic
def holding_record(*, post: Post, person: Person, start_date: datetime.date, actor: User) -> Holding:
    """Registers a holder appointed before the platform was used (no decision recorded here)."""
    _require_office(actor)
    if Holding.objects.filter(post=post, person=person, end_date__isnull=True).exists():
        raise ValidationError({"person": f"{person.name}已在任{post.name}。"})
    return Holding.objects.create(post=post, person=person, start_date=start_date)


# ------------------------------------------------------------------ nomination


def _members_on(term: Term, day: datetime.date) -> Any:
    from renda.meetings.models import MeetingKind
    from renda.meetings.selectors import body_members_on

    return body_members_on(term, MeetingKind.STANDING, day)


@transaction.atomic
def appointment_nominate(
    *,
    term: Term,
    kind: str,
    person: Person,
    post: Post,
    nominator: str,
    nominated_on: datetime.date | None = None,
    letter: UploadedFile | None = None,
    reason: str = "",
    filers: Sequence[Deputy] = (),
    actor: User,
) -> Appointment:
    """A nomination (提请) with its letter. Appointments, removals and resignations come from the post's
    nominator; a dismissal from the Council of Chairpersons or at least one fifth of the members. A removal of
    any kind needs the person to hold the post. 【地】 A person rejected twice (a setting) for the same post is
    not nominated for it again in the term."""
    _require_office(actor)
    kind = AppointmentKind(kind)
    nominated_on = nominated_on or clock.today()
    errors: dict[str, str] = {}
    if kind == AppointmentKind.DISMISS:
        if nominator not in {Nominator.COUNCIL, Nominator.MEMBERS}:
            errors["nominator"] = "撤职案由主任会议或常委会组成人员五分之一以上联名提出。"
        elif nominator == Nominator.MEMBERS:
            members = _members_on(term, nominated_on)
            total = members.count()
            signed = members.filter(pk__in=[d.pk for d in filers]).count()
            num, den = DISMISS_FILERS_FRACTION
            if signed * den < total * num:
                errors["filers"] = (
                    f"常委会组成人员{total}人，联名提出撤职案须{-(-total * num // den)}人以上，现{signed}人。"
                )
    elif nominator not in NOMINATORS[PostKind(post.kind)]:
        allowed = "、".join(Nominator(n).label for n in sorted(NOMINATORS[PostKind(post.kind)]))
        errors["nominator"] = f"{post.name}由{allowed}提请。"
    holds = Holding.objects.filter(post=post, person=person, end_date__isnull=True).exists()
    if kind == AppointmentKind.APPOINT:
        if holds:
            errors["person"] = f"{person.name}已在任{post.name}。"
        bar = rule("appointment_rejections_bar")
        if bar and selectors.rejections(person, post, term) >= bar:
            errors["person"] = f"{person.name}本届已{bar}次未获通过{post.name}，本届不再提请任命为该职务。"
    elif not holds:
        errors["person"] = f"{person.name}未在任{post.name}，不能{kind.label}。"
    pending = Appointment.objects.filter(person=person, post=post, kind=kind, state__in=selectors.BEFORE_VOTE)
    if pending.exists():
        errors["post"] = "该人员的同一任免事项尚在办理中。"
    if errors:
        raise ValidationError(errors)
    appointment = Appointment(
        term=term,
        kind=kind,
        person=person,
        post=post,
        nominator=nominator,
        nominated_on=nominated_on,
        reason=reason,
        created_by=actor,
    )
    if (upload := _file(letter, "提请函")) is not None:
        appointment.letter = upload
    appointment.save()
    if kind == AppointmentKind.DISMISS and nominator == Nominator.MEMBERS:
        appointment.filers.set(filers)
    APPOINTMENT_FLOW.record(
        appointment,
        action="提请",
        actor=actor,
        note=f"{Nominator(nominator).label}提请{appointment.title}",
        from_state="",
        to_state=appointment.state,
        created_at=clock.now(),
    )
    return appointment


# ------------------------------------------------------------------ exam, agenda, papers


@transaction.atomic
def exam_record(
    *,
    appointment: Appointment,
    taken_on: datetime.date,
    score: int,
    paper: UploadedFile | None = None,
    actor: User,
) -> LegalExam:
    """【地】 任前法律知识考试: passed at the pass mark (a setting, 60); valid for the term."""
    appointment = APPOINTMENT_FLOW.require(appointment, "exam", actor=actor)
    if not 0 <= score <= 100:
        raise ValidationError({"score": "成绩须在0至100分之间。"})
    passed = score >= rule("appointment_exam_pass_score")
    exam = LegalExam(
        person=appointment.person,
        term=appointment.term,
        taken_on=taken_on,
        score=score,
        passed=passed,
        recorded_by=actor,
    )
    if (upload := _file(paper, "试卷")) is not None:
        exam.paper = upload
    exam.save()
    APPOINTMENT_FLOW.apply(
        appointment,
        "exam",
        actor=actor,
        note=f"{cn_date(taken_on)}考试，{'合格' if passed else '不合格'}",  # the score is personal: not in the timeline
        exam=exam if passed else appointment.exam,
    )
    return exam


@transaction.atomic
def appointment_schedule(*, appointment: Appointment, meeting: Any, actor: User) -> Appointment:
    """Puts the appointment on a standing-committee meeting (its 人事任免 item, added when missing); the papers
    are due to the members a number of days ahead (【地】 meetings' rule, 7–10 days). An appointment needs a
    passed legal exam of this term."""
    from renda.meetings import services as meetings
    from renda.meetings.models import AgendaItem, ItemKind, MeetingKind, MeetingState

    appointment = APPOINTMENT_FLOW.require(appointment, "schedule", actor=actor)
    if meeting.kind != MeetingKind.STANDING or meeting.term_id != appointment.term_id:
        raise ValidationError({"meeting": "人事任免须提请本届常委会会议审议。"})
    if meeting.state == MeetingState.CLOSED:
        raise ValidationError({"meeting": "该会议已闭会。"})
    exam = appointment.exam
    if appointment.kind == AppointmentKind.APPOINT:
        exam = selectors.valid_exam(appointment.person, appointment.term_id)
        if exam is None:
            raise ValidationError(
                {"meeting": "拟任命人员尚未通过本届任前法律知识考试，不能提请审议。"}, code="no_exam"
            )
    item = AgendaItem.objects.filter(meeting=meeting, kind=ItemKind.APPOINTMENT).order_by("order").first()
    if item is None:
        item = meetings.agenda_item_add(
            meeting=meeting, kind=ItemKind.APPOINTMENT, title="人事任免事项", actor=actor
        )
    due = meeting.date - datetime.timedelta(days=rule("meeting_paper_days_appointment"))
    return APPOINTMENT_FLOW.apply(
        appointment,
        "schedule",
        actor=actor,
        note=f"{meeting.title}，材料应于{cn_date(due)}前送组成人员",
        meeting=meeting,
        item=item,
        exam=exam,
        papers_due=due,
    )


def appointment_papers_send(*, appointment: Appointment, actor: User) -> Appointment:
    """The papers reach the members today; flagged late after their due date."""
    today = clock.today()
    late = appointment.papers_due is not None and today > appointment.papers_due
    return APPOINTMENT_FLOW.apply(
        appointment,
        "papers",
        actor=actor,
        note="逾期送达" if late else "",
        papers_sent_on=today,
        papers_late=late,
    )


def appointment_statement(*, appointment: Appointment, summary: str, actor: User) -> Appointment:
    """The nominee's statement to the committee (供职发言)."""
    return APPOINTMENT_FLOW.apply(
        appointment, "statement", actor=actor, note=summary, statement=summary, statement_on=clock.today()
    )


def appointment_deliberate(*, appointment: Appointment, summary: str, actor: User) -> Appointment:
    return APPOINTMENT_FLOW.apply(
        appointment,
        "deliberate",
        actor=actor,
        note=summary,
        deliberation=summary,
        deliberated_on=clock.today(),
    )


# ------------------------------------------------------------------ the vote (renda.voting)


def default_method() -> str:
    """【地】 person-by-person vote, secret by default (a setting)."""
    from renda.voting.models import VoteEvent

    return VoteEvent.Method.SECRET if rule("appointment_vote_secret") else VoteEvent.Method.NAMED


def _electorate(meeting: Any) -> tuple[Any, Any]:
    """All members of the meeting's body (应到) and those signed in (the voters)."""
    from renda.meetings import selectors as meetings
    from renda.meetings.models import Attendance, AttendanceStatus

    members = meetings.body_members(meeting)
    present = members.filter(
        pk__in=Attendance.objects.filter(meeting=meeting, status=AttendanceStatus.PRESENT).values("deputy")
    )
    return members, present


def appointment_vote_create(*, appointment: Appointment, method: str = "", actor: User) -> Any:
    """The vote on this one person (逐人表决): all members of the standing committee entitled, the members signed
    in as the electorate, a majority of ALL members to pass (【国】 地方组织法; 监督法 Art. 62 for a
    dismissal), chained per meeting. Papers must have reached the members; an appointee must have made their
    statement; every appointment is deliberated first."""
    from renda.voting import services as voting

    with transaction.atomic():
        current = APPOINTMENT_FLOW.require(appointment, "vote", actor=actor)
        if current.papers_sent_on is None:
            raise ValidationError("任免材料尚未送组成人员。", code="no_papers")
        if current.kind == AppointmentKind.APPOINT and current.statement_on is None:
            raise ValidationError("拟任命人员尚未作供职发言。", code="no_statement")
        if current.deliberated_on is None:
            raise ValidationError("尚未审议。", code="not_deliberated")
        meeting = current.meeting
        assert meeting is not None  # scheduled
        members, present = _electorate(meeting)
        event = voting.vote_event_create(
            subject=current,
            title=current.title,
            method=method or default_method(),
            threshold=voting.Threshold.ALL_MAJORITY,
            entitled=members.count(),
            electorate=list(present.order_by("pk")),
            chain_key=f"meeting:{meeting.pk}",
            actor=actor,
        )
        APPOINTMENT_FLOW.apply(current, "vote", actor=actor, note=event.get_method_display())
    return event


def appointment_votes(appointment: Appointment) -> Any:
    from django.contrib.contenttypes.models import ContentType

    from renda.voting.models import VoteEvent

    return VoteEvent.objects.filter(
        subject_type=ContentType.objects.get_for_model(Appointment), subject_id=appointment.pk
    ).order_by("-pk")


@transaction.atomic
def appointment_vote_settle(*, event: Any, actor: User) -> Appointment:
    """After the vote has closed: adopted (the holding starts or ends on the meeting's date) or rejected."""
    from renda.voting import services as voting
    from renda.voting.models import State as VoteState

    appointment = event.subject
    if not isinstance(appointment, Appointment) or event.state != VoteState.CLOSED:
        raise ValidationError("表决尚未结束。", code="invalid_transition")
    result = voting.vote_result(event)
    day = appointment.meeting.date if appointment.meeting else clock.today()
    if not result.passed:
        return APPOINTMENT_FLOW.apply(
            appointment, "reject", actor=actor, note=result.text, result=result.text, decided_on=None
        )
    appointment = APPOINTMENT_FLOW.apply(
        appointment, "adopt", actor=actor, note=result.text, result=result.text, decided_on=day
    )
    if appointment.kind == AppointmentKind.APPOINT:
        _succeed(appointment, day)
    else:
        Holding.objects.filter(
            post=appointment.post, person=appointment.person, end_date__isnull=True
        ).update(end_date=day, ended_by=appointment)
    return appointment


def _succeed(appointment: Appointment, day: datetime.date) -> None:
    """The appointee's holding starts on `day`; where the post is then held by more than its 职数 (one for a
    局长), the longest-serving holdings end that day by this decision (the successor replaces them)."""
    post = appointment.post
    others = (
        Holding.objects.select_for_update()
        .filter(post=post, end_date__isnull=True)
        .exclude(person=appointment.person)
        .order_by("start_date", "pk")
    )
    surplus = len(others) + 1 - post.seats
    if surplus > 0:
        ended = [h.pk for h in others[:surplus]]
        Holding.objects.filter(pk__in=ended).update(end_date=day, ended_by=appointment)
    Holding.objects.create(post=post, person=appointment.person, start_date=day, appointed_by=appointment)


# ------------------------------------------------------------------ after the decision


def appointment_announce(*, appointment: Appointment, actor: User) -> Appointment:
    """Announced on the spot (当场宣布)."""
    return APPOINTMENT_FLOW.apply(appointment, "announce", actor=actor, announced_on=clock.today())


def chairperson_on(term: Term | int, day: datetime.date) -> Deputy | None:
    seat = (
        CommitteeMembership.objects.filter(
            term=term, position=CommitteeMembership.Position.CHAIR, start_date__lte=day
        )
        .exclude(end_date__lt=day)
        .select_related("deputy")
        .first()
    )
    return seat.deputy if seat else None


@transaction.atomic
def appointment_letter_issue(*, appointment: Appointment, actor: User) -> Appointment:
    """The letter of appointment (任命书), numbered within the year of the decision (任字〔年〕N号) and signed by
    the chairperson of the standing committee."""
    current = APPOINTMENT_FLOW.require(appointment, "letter", actor=actor)
    day = current.decided_on or clock.today()
    chair = chairperson_on(current.term_id, day)
    if chair is None:
        raise ValidationError("常委会主任未登记，任命书无人签署。", code="no_chairperson")
    Term.objects.select_for_update().get(pk=current.term_id)  # numbers are given one at a time
    last = Appointment.objects.filter(letter_year=day.year).aggregate(n=Max("letter_number"))["n"]
    number = (last or 0) + 1
    return APPOINTMENT_FLOW.apply(
        current,
        "letter",
        actor=actor,
        note=f"任字〔{day.year}〕{number}号，{chair.name}签署",
        letter_year=day.year,
        letter_number=number,
        letter_signed_by=chair.name,
    )


def appointment_oath(
    *, appointment: Appointment, oath_on: datetime.date, presider: str, witnesses: str = "", actor: User
) -> Appointment:
    """宪法宣誓: its date (not before the decision), who presided (监誓) and who witnessed."""
    errors = {}
    if appointment.decided_on and oath_on < appointment.decided_on:
        errors["oath_on"] = f"宣誓日期不能早于任命日期{cn_date(appointment.decided_on)}。"
    if oath_on > clock.today():
        errors["oath_on"] = "宣誓日期不能晚于今天。"
    if not presider.strip():
        errors["presider"] = "请填写监誓人。"
    if errors:
        APPOINTMENT_FLOW.refuse(appointment, "oath", actor=actor)
        raise ValidationError(errors)
    return APPOINTMENT_FLOW.apply(
        appointment,
        "oath",
        actor=actor,
        note=f"{cn_date(oath_on)}，{presider.strip()}监誓",
        oath_on=oath_on,
        oath_presider=presider.strip(),
        oath_witnesses=witnesses.strip(),
    )


def appointment_publish(*, appointment: Appointment, actor: User) -> Appointment:
    """公告: the decision (name, post, kind) on the public site."""
    return APPOINTMENT_FLOW.apply(appointment, "publish", actor=actor, published_on=clock.today())


def appointment_withdraw(*, appointment: Appointment, reason: str, actor: User) -> Appointment:
    if not reason.strip():
        APPOINTMENT_FLOW.refuse(appointment, "withdraw", actor=actor)
        raise ValidationError({"reason": "请填写撤回理由。"})
    return APPOINTMENT_FLOW.apply(appointment, "withdraw", actor=actor, note=reason.strip())


# ------------------------------------------------------------------ members who lose deputy status


def membership_vacate(*, membership: CommitteeMembership, actor: User) -> CommitteeMembership:
    """代表法 Art. 50: a member of the standing committee whose deputy status ends loses the seat with it, on the
    day the status ended."""
    from renda.deputies.choices import DeputyStatus
    from renda.org import services as org

    _require_office(actor)
    if membership.deputy.status == DeputyStatus.ACTIVE:
        raise ValidationError(f"{membership.deputy.name}的代表资格未终止。", code="still_deputy")
    day = membership.deputy.status_date or clock.today()
    return org.committee_membership_end(
        membership=membership, end_date=max(day, membership.start_date), actor=actor
    )


# ------------------------------------------------------------------ appraisal of appointed officials (述职述法评议)

RATINGS = ["满意", "基本满意", "不满意"]  # the options of the rating, c1 c2 c3 on renda/voting


@transaction.atomic
def appraisal_plan(*, holding: Holding, year: int, actor: User) -> Appraisal:
    """Chooses an official in office for this year's appraisal (述职述法评议)."""
    _require_office(actor)
    if holding.end_date is not None:
        raise ValidationError({"holding": f"{holding.person.name}已离任{holding.post.name}。"})
    if Appraisal.objects.filter(holding=holding, year=year).exists():
        raise ValidationError({"holding": f"{holding.person.name}已列入{year}年述职述法评议。"})
    appraisal = Appraisal.objects.create(holding=holding, year=year)
    APPRAISAL_FLOW.record(
        appraisal,
        action="列入评议",
        actor=actor,
        note=f"{year}年，{holding.person.name}（{holding.post.name}）",
        from_state="",
        to_state=appraisal.state,
        created_at=clock.now(),
    )
    return appraisal


def appraisal_report(*, appraisal: Appraisal, report: str, actor: User) -> Appraisal:
    if not report.strip():
        APPRAISAL_FLOW.refuse(appraisal, "report", actor=actor)
        raise ValidationError({"report": "请填写述职述法报告摘要。"})
    return APPRAISAL_FLOW.apply(
        appraisal, "report", actor=actor, report=report.strip(), reported_on=clock.today()
    )


def appraisal_vote_create(*, appraisal: Appraisal, meeting: Any, actor: User) -> Any:
    """The secret rating (满意/基本满意/不满意) at a standing-committee meeting in progress, on renda/voting: all
    members entitled, the members signed in voting, chained per meeting. 【地】 With `appraisal_deputies_rate`
    (1 by default) the deputies invited to the meeting (列席) rate too: they count among those entitled, so the
    result is over members and invited deputies together."""
    from renda.meetings.models import Attendee, MeetingKind, MeetingState
    from renda.voting import services as voting

    with transaction.atomic():
        current = APPRAISAL_FLOW.require(appraisal, "rate", actor=actor)
        if meeting.kind != MeetingKind.STANDING or meeting.state != MeetingState.CONVENED:
            raise ValidationError({"meeting": "测评须在进行中的常委会会议上进行。"})
        members, present = _electorate(meeting)
        voters, entitled = list(present.order_by("pk")), members.count()
        if rule("appraisal_deputies_rate"):
            invited = Deputy.objects.filter(
                pk__in=Attendee.objects.filter(meeting=meeting, deputy__isnull=False).values("deputy")
            ).exclude(pk__in=members.values("pk"))
            voters += list(invited.order_by("pk"))
            entitled += invited.count()
        holding = current.holding
        event = voting.vote_event_create(
            subject=current,
            title=f"对{holding.person.name}（{holding.post.name}）的述职述法测评",
            method=voting.Method.SECRET,
            choice_kind=voting.ChoiceKind.CHOOSE,
            candidates=RATINGS,
            max_choices=1,
            threshold=voting.Threshold.ALL_MAJORITY,
            entitled=entitled,
            electorate=voters,
            chain_key=f"meeting:{meeting.pk}",
            actor=actor,
        )
        APPRAISAL_FLOW.apply(current, "rate", actor=actor, meeting=meeting)
    return event


@transaction.atomic
def appraisal_vote_settle(*, event: Any, actor: User) -> Appraisal:
    """【地】 The rating passes when 满意 and 基本满意 together (or 满意 alone, `appraisal_basic_counts` 0) exceed
    half of ALL members (as the satisfaction vote, RULES.md); otherwise the official rectifies."""
    from renda.voting import services as voting
    from renda.voting.models import State as VoteState

    appraisal = event.subject
    if not isinstance(appraisal, Appraisal) or event.state != VoteState.CLOSED:
        raise ValidationError("测评尚未结束。", code="invalid_transition")
    result = voting.vote_result(event)
    satisfied, basic, dissatisfied = (result.count(code) for code in ("c1", "c2", "c3"))
    favour = satisfied + (basic if rule("appraisal_basic_counts") else 0)
    passed = favour * 2 > result.entitled
    text = (
        f"应到{result.entitled}人，实到{result.present}人，满意{satisfied}票，基本满意{basic}票，"
        f"不满意{dissatisfied}票，{'通过' if passed else '未通过'}"
    )
    return APPRAISAL_FLOW.apply(
        appraisal,
        "pass" if passed else "fail",
        actor=actor,
        note=text,
        result=text,
        satisfied=satisfied,
        basically_satisfied=basic,
        dissatisfied=dissatisfied,
        entitled=result.entitled,
    )


def appraisal_follow_up(*, appraisal: Appraisal, note: str, actor: User) -> Appraisal:
    """The official's rectification report after a failed rating."""
    if not note.strip():
        APPRAISAL_FLOW.refuse(appraisal, "follow_up", actor=actor)
        raise ValidationError({"note": "请填写整改情况。"})
    return APPRAISAL_FLOW.apply(
        appraisal,
        "follow_up",
        actor=actor,
        note=note.strip(),
        follow_up=note.strip(),
        followed_up_on=clock.today(),
    )
