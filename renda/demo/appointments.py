"""The demo county's appointments and removals (renda.appointments), played through the services on the
standing-committee meetings of renda/demo/meetings.py that carry a 人事任免 item.

At the term's start the posts are registered with their holders (appointed before the platform). On each meeting
with appointments, a month ahead the nominator's letters come in, each appointee takes the legal exam, the office
puts them on the meeting and sends the papers eight days ahead; at the meeting each nominee makes their statement,
the committee deliberates and votes person by person (secret), the decision is announced, the letter of
appointment numbered and signed, the oath taken the same day and the decision published three days later.
The first such meeting accepts a resignation (县民政局局长) and appoints a successor; the second rejects one nominee
(most members vote 反对); later ones remove a department head and appoint another, or appoint judges and
procurators. The first vote of each meeting draws its ballots from the meetings' generator exactly as the item's
vote did before (so the rest of the demo draws the same); the others from a generator of the meeting's number.
Deterministic; robust to any date (only meetings on or before today are played)."""

import datetime
import random
from collections.abc import Callable
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from renda.appointments import services
from renda.appointments.models import (
    Appointment,
    AppointmentKind,
    Appraisal,
    Holding,
    Nominator,
    Person,
    Post,
    PostKind,
)
from renda.core import clock
from renda.demo import vocab
from renda.deputies.models import Deputy
from renda.voting import services as voting
from renda.voting.models import VoteOption

POSTS = [
    ("县教育局局长", "县教育局", PostKind.DEPT_HEAD),
    ("县财政局局长", "县财政局", PostKind.DEPT_HEAD),
    ("县公安局局长", "县公安局", PostKind.DEPT_HEAD),
    ("县卫生健康局局长", "县卫生健康局", PostKind.DEPT_HEAD),
    ("县自然资源局局长", "县自然资源局", PostKind.DEPT_HEAD),
    ("县农业农村局局长", "县农业农村局", PostKind.DEPT_HEAD),
    ("县民政局局长", "县民政局", PostKind.DEPT_HEAD),
    ("县交通运输局局长", "县交通运输局", PostKind.DEPT_HEAD),
    ("县人民法院副院长", "县人民法院", PostKind.COURT),
    ("县人民法院审判员", "县人民法院", PostKind.COURT),
    ("县人民检察院副检察长", "县人民检察院", PostKind.PROCURATORATE),
    ("县人民检察院检察员", "县人民检察院", PostKind.PROCURATORATE),
    ("县人大常委会法制工作委员会主任", "县人大常委会", PostKind.CONGRESS),
]
HELD_AT_START = 11  # the first eleven posts have holders when the term starts
NOMINATOR = {
    PostKind.DEPT_HEAD: Nominator.GOVERNMENT_HEAD,
    PostKind.COURT: Nominator.COURT_PRESIDENT,
    PostKind.PROCURATORATE: Nominator.CHIEF_PROCURATOR,
    PostKind.CONGRESS: Nominator.COUNCIL,
}
REJECTED_AT = 1  # the appointment-bearing meeting (from 0) where one nominee is rejected


def _at(day: datetime.date, hour: int = 9):
    return clock.at(
        datetime.datetime.combine(day, datetime.time(hour), tzinfo=timezone.get_default_timezone())
    )


def _name(rng: random.Random) -> str:
    surnames = list(vocab.SURNAMES)
    given = rng.choice([vocab.MALE_GIVEN, vocab.FEMALE_GIVEN])
    return rng.choice(surnames) + "".join(rng.choice(given) for _ in range(rng.choice([1, 2])))


def _person(rng: random.Random, office) -> Person:
    return services.person_create(
        name=_name(rng),
        gender=rng.choice(["male", "female"]),
        birth_month=f"{rng.randrange(1970, 1988)}.{rng.randrange(1, 13):02d}",
        current_job="县直机关副职",
        resume=SimpleUploadedFile("简历.pdf", vocab.PDF),
        actor=office,
    )


def setup(*, office, term, seed: int) -> None:
    """The posts and the holders appointed before the platform (on the term's start)."""
    rng = random.Random(seed)
    with _at(term.start_date):
        for n, (name, organ, kind) in enumerate(POSTS):
            post = services.post_create(name=name, organ=organ, kind=kind, order=n, actor=office)
            if n < HELD_AT_START:
                services.holding_record(
                    post=post, person=_person(rng, office), start_date=term.start_date, actor=office
                )


def _plan(k: int, rng: random.Random, office) -> list[tuple[str, Post, Person, bool]]:
    """The decisions the k-th meeting with appointments takes: (kind, post, person, rejected)."""
    posts = {p.name: p for p in Post.objects.all()}

    def holder(post: Post) -> Person | None:
        h = Holding.objects.filter(post=post, end_date__isnull=True).select_related("person").first()
        return h.person if h else None

    if k == 0:
        post = posts["县民政局局长"]
        current = holder(post)
        plan = [(AppointmentKind.RESIGN, post, current, False)] if current else []
        return [*plan, (AppointmentKind.APPOINT, post, _person(rng, office), False)]
    if k == REJECTED_AT:
        return [
            (AppointmentKind.APPOINT, posts["县人民法院审判员"], _person(rng, office), False),
            (AppointmentKind.APPOINT, posts["县人大常委会法制工作委员会主任"], _person(rng, office), True),
        ]
    if k % 2 == 0:
        heads = [p for p in posts.values() if p.kind == PostKind.DEPT_HEAD and p.name != "县民政局局长"]
        post = heads[(k // 2) % len(heads)]
        current = holder(post)
        plan = [(AppointmentKind.REMOVE, post, current, False)] if current else []
        return [*plan, (AppointmentKind.APPOINT, post, _person(rng, office), False)]
    post = posts["县人民检察院检察员" if k % 4 == 1 else "县人民法院审判员"]
    return [(AppointmentKind.APPOINT, post, _person(rng, office), False)]


def plan(*, meeting, k: int, office, today: datetime.date) -> list[tuple[Appointment, bool]]:
    """A month ahead: nominations with their letters, the appointees' exams, the agenda; the papers eight days
    ahead (when that day has come)."""
    rng = random.Random(meeting.number * 7919 + k)
    day = meeting.date
    out = []
    with _at(day - datetime.timedelta(days=30)):
        decisions = _plan(k, rng, office)
        for kind, post, person, rejected in decisions:
            appointment = services.appointment_nominate(
                term=meeting.term,
                kind=kind,
                person=person,
                post=post,
                nominator=NOMINATOR[PostKind(post.kind)],
                reason="工作需要" if kind != AppointmentKind.RESIGN else "本人申请辞去职务",
                letter=SimpleUploadedFile(
                    f"关于{person.name}{AppointmentKind(kind).label}的提请函.pdf", vocab.PDF
                ),
                actor=office,
            )
            if (
                kind == AppointmentKind.APPOINT
                and services.selectors.valid_exam(person, meeting.term_id) is None
            ):
                services.exam_record(
                    appointment=appointment,
                    taken_on=clock.today(),
                    score=rng.randrange(72, 99),
                    actor=office,
                )
            appointment = services.appointment_schedule(
                appointment=appointment, meeting=meeting, actor=office
            )
            out.append((appointment, rejected))
    sent = day - datetime.timedelta(days=8)
    if sent <= today:
        with _at(sent, 15):
            for appointment, _ in out:
                services.appointment_papers_send(appointment=appointment, actor=office)
    return out


def play(
    *,
    meeting,
    planned: list[tuple[Appointment, bool]],
    office,
    account: Callable[[Deputy], Any],
    first_choices: Callable[[list[Deputy], int], dict[Deputy, str]],
    today: datetime.date,
) -> int:
    """At the meeting (convened, members signed in): statement, deliberation, the secret vote person by person,
    then announcement, letter and oath for each adopted appointment; publication three days later. Returns the
    number of votes."""
    rng = random.Random(meeting.number * 104729)
    chair = meeting.presider
    votes = 0
    for n, (appointment, rejected) in enumerate(planned):
        appointment.refresh_from_db()
        if appointment.kind == AppointmentKind.APPOINT:
            appointment = services.appointment_statement(
                appointment=appointment, summary="拟任命人员作供职发言。", actor=office
            )
        appointment = services.appointment_deliberate(
            appointment=appointment, summary="组成人员进行了审议。", actor=office
        )
        event = services.appointment_vote_create(appointment=appointment, actor=office)
        event = voting.vote_open(event=event, actor=office)
        voters = list(Deputy.objects.filter(voters__event=event).order_by("pk"))
        if n == 0:
            choices = first_choices(voters, event.entitled)
        elif rejected:
            choices = {d: rng.choice(["no", "no", "abstain", "yes"]) for d in voters}
            for d in voters[: len(voters) // 2 + 1]:
                choices[d] = "no"
        else:
            choices = {d: rng.choices(["yes", "abstain", "no"], weights=[94, 4, 2])[0] for d in voters}
            for d in voters[: event.entitled // 2 + 1]:
                choices[d] = "yes"
        for deputy, choice in choices.items():
            if choice:
                voting.ballot_cast(event=event, deputy=deputy, choice=choice, actor=account(deputy))
        voting.vote_close(event=event, actor=office)  # adopted or rejected (appointments/votes.py)
        votes += 1
        appointment.refresh_from_db()
        if appointment.state != "adopted":
            continue
        appointment = services.appointment_announce(appointment=appointment, actor=office)
        if appointment.kind == AppointmentKind.APPOINT:
            appointment = services.appointment_letter_issue(appointment=appointment, actor=office)
            appointment = services.appointment_oath(
                appointment=appointment,
                oath_on=meeting.date,
                presider=chair.name if chair else "常委会主任",
                witnesses="出席会议的常委会组成人员",
                actor=office,
            )
    published = meeting.date + datetime.timedelta(days=3)
    if published <= today:
        with _at(published, 10):
            for appointment, _ in planned:
                appointment.refresh_from_db()
                if appointment.state in ("adopted", "sworn"):
                    services.appointment_publish(appointment=appointment, actor=office)
    return votes


def rate_year(*, meeting, office, account: Callable[[Deputy], Any], today: datetime.date) -> int:
    """A past year's 述职述法评议, done at that year's first meeting from October on: two department heads in
    office chosen in January, their reports, the members' secret rating at this meeting (convened, members
    signed in) — the second rated 不满意 by most, so the official rectifies and reports on it a month later.
    Returns the number of votes (0 when the year already has its appraisals)."""
    year = meeting.date.year
    if meeting.date.month < 10 or year >= today.year or Appraisal.objects.filter(year=year).exists():
        return 0
    rng = random.Random(year * 31)
    chosen = Holding.objects.filter(end_date__isnull=True, post__kind=PostKind.DEPT_HEAD).order_by(
        "-post__order"
    )[:2]
    with _at(datetime.date(year, 1, 5), 10):
        rows = [services.appraisal_plan(holding=h, year=year, actor=office) for h in chosen]
    with _at(meeting.date - datetime.timedelta(days=20), 10):
        rows = [
            services.appraisal_report(
                appraisal=a, report="一年来依法履职、学法用法和廉洁自律情况。", actor=office
            )
            for a in rows
        ]
    with _at(meeting.date, 11):
        for n, appraisal in enumerate(rows):
            event = services.appraisal_vote_create(appraisal=appraisal, meeting=meeting, actor=office)
            event = voting.vote_open(event=event, actor=office)
            voters = list(Deputy.objects.filter(voters__event=event).order_by("pk"))
            options = list(VoteOption.objects.filter(event=event).order_by("pk").values_list("pk", flat=True))
            weights = [80, 15, 5] if n == 0 else [15, 20, 65]
            for deputy in voters:
                choice = rng.choices(options, weights=weights)[0]
                voting.ballot_cast(event=event, deputy=deputy, choice=[choice], actor=account(deputy))
            voting.vote_close(event=event, actor=office)  # passed or failed (appointments/votes.py)
    for appraisal in rows:
        appraisal.refresh_from_db()
        follow_up = meeting.date + datetime.timedelta(days=30)
        if appraisal.state == "failed" and follow_up <= today:
            with _at(follow_up, 10):
                services.appraisal_follow_up(
                    appraisal=appraisal,
                    note="针对测评意见逐项整改，已向常委会书面报告整改情况。",
                    actor=office,
                )
    return len(rows)


def appraisals(*, office, today: datetime.date) -> int:
    """This year's 述职述法评议: three department heads in office chosen at the start of the year (or today, early
    in January), the first of whom has reported; their rating waits for a meeting."""
    chosen = Holding.objects.filter(end_date__isnull=True, post__kind=PostKind.DEPT_HEAD).order_by(
        "post__order"
    )[:3]
    with _at(min(today, today.replace(month=1, day=5)), 10):
        rows = [services.appraisal_plan(holding=h, year=today.year, actor=office) for h in chosen]
    if rows:
        with _at(today, 10):
            services.appraisal_report(
                appraisal=rows[0], report="一年来依法履职、学法用法情况。", actor=office
            )
    return len(rows)
