"""A deputy's year made through the real services of every area (never by writing rows in their shape): what
the duty record of `deputy` must count, and what it must leave out."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from renda.core import clock
from renda.deputies import services as deputies
from renda.deputies.choices import ActivityKind
from renda.deputies.models import Activity
from renda.deputies.tests.factories import DelegationFactory
from renda.duties import services
from renda.duties.models import DutyEntry, DutyReport, EntryKind, VoterRating
from renda.meetings import services as meetings
from renda.meetings.models import MeetingKind
from renda.opinions import services as opinions
from renda.opinions.models import Channel
from renda.org.tests.factories import CommitteeMembershipFactory
from renda.suggestions import services as suggestions
from renda.suggestions.models import Kind

D = datetime.date
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32

# What the record of `deputy` counts in 2025 (the others are made too, to be left out).
EXPECTED = {
    "suggestions": 2,
    "motions": 1,
    "cosigned": 1,
    "receptions": 1,
    "meetings_present": 1,  # as a member, until their seat ended
    "meetings_attendee": 1,  # invited (列席) once no longer a member; the old activity of that kind not counted
    "activity_visit": 1,
    "activity_survey": 1,
    "activity_reception": 0,  # the reception day's own record is the reception day, not counted twice
    "opinions_collected": 2,
    "opinions_resolved": 1,
    "reports": 1,
    "entry_contact_voters": 1,
    "entry_publicity": 0,  # rejected
}
# With the default points: 2×3 + 5 + 1 + 2 + 2 + 2 + 2 + 2 + 2×1 + 1 + 5 + 1
EXPECTED_POINTS = 31


def proof(name: str = "照片.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG, content_type="image/png")


def suggestion(deputy_user, *, kind: str = Kind.SUGGESTION, cosigners=(), **fields):
    draft = suggestions.suggestion_create(
        lead_deputy=deputy_user.deputy,
        title=fields.pop("title", "关于加快北街路灯改造的建议"),
        content="北街路灯老化，夜间出行不便，建议纳入年度计划改造。",
        kind=kind,
        actor=deputy_user,
        **fields,
    )
    for user in cosigners:
        suggestions.cosigners_invite(suggestion=draft, deputies=[user.deputy], actor=deputy_user)
        cosigner = draft.cosigners.get(deputy=user.deputy)
        suggestions.cosigner_respond(cosigner=cosigner, confirm=True, actor=user)
    return draft


def submitted(deputy_user, **fields):
    return suggestions.suggestion_submit(suggestion=suggestion(deputy_user, **fields), actor=deputy_user)


def reception_day(time_machine, keeper, deputy_list, *, on: D, record: bool = True):
    """Announced three days ahead by the keeper, recorded the day after (both on their own dates)."""
    time_machine.move_to(datetime.datetime.combine(on - datetime.timedelta(days=3), datetime.time(9)))
    day = deputies_announce(keeper, deputy_list, on)
    if record:
        time_machine.move_to(datetime.datetime.combine(on + datetime.timedelta(days=1), datetime.time(9)))
        deputies.reception_day_record(reception_day=day, summary="接待群众5人次。", actor=keeper)
    return day


def deputies_announce(keeper, deputy_list, on: D):
    return deputies.reception_day_announce(
        station=keeper.station,
        date=on,
        start_time=datetime.time(9),
        end_time=datetime.time(11),
        topic="听取群众意见",
        deputies=deputy_list,
        actor=keeper,
    )


def activity(office, deputy_list, *, kind: str, on: D, title: str = "视察农村公路建设"):
    return deputies.activity_create(
        data={"kind": kind, "title": title, "date": on, "deputies": deputy_list}, actor=office
    )


def report_held(keeper, deputy_list, *, on: D, voters: int = 30) -> DutyReport:
    report = services.duty_report_schedule(
        station=keeper.station, date=on, place="北街社区会议室", deputies=deputy_list, actor=keeper
    )
    return services.duty_report_hold(
        report=report, voters_present=voters, report_text="一年来，本人围绕……开展履职。", actor=keeper
    )


def entry(
    deputy_user, *, kind: str = EntryKind.CONTACT_VOTERS, on: D = D(2025, 4, 2), title="走访北街选民"
) -> DutyEntry:
    return services.duty_entry_submit(
        deputy=deputy_user.deputy,
        kind=kind,
        title=title,
        date=on,
        description="走访选民十户，听取对旧城改造的意见。",
        proof=proof(),
        actor=deputy_user,
    )


def make_year(*, time_machine, now, deputy, colleague, keeper, office):
    """`deputy`'s 2025, with what must not count around it; the clock is back at `now` afterwards."""
    # Suggestions: two filed (one registered), a draft, one returned, one of last year; a motion of a delegation;
    # a colleague's suggestion the deputy co-signed, and one they declined.
    suggestions.suggestion_accept(suggestion=submitted(deputy), actor=office)
    submitted(deputy, title="关于增设北街公交站点的建议")
    suggestion(deputy, title="草稿不计")
    suggestions.suggestion_return(
        suggestion=submitted(deputy, title="退回修改的不计"), reason="请补充", actor=office
    )
    with clock.at(D(2024, 5, 6)):
        submitted(deputy, title="去年的建议")
    submitted(
        deputy, kind=Kind.MOTION, delegation=DelegationFactory(), title="关于制定城区停车管理办法的议案"
    )
    submitted(colleague, cosigners=[deputy], title="关于改造北街农贸市场的建议")
    declined = suggestion(colleague, title="谢绝附议的建议")
    suggestions.cosigners_invite(suggestion=declined, deputies=[deputy.deputy], actor=colleague)
    suggestions.cosigner_respond(cosigner=declined.cosigners.get(), confirm=False, actor=deputy)
    suggestions.suggestion_submit(suggestion=declined, actor=colleague)

    # Reception days: one served (and recorded), one last year, one to come.
    reception_day(time_machine, keeper, [deputy.deputy, colleague.deputy], on=D(2025, 3, 10))
    reception_day(time_machine, keeper, [deputy.deputy], on=D(2024, 9, 9))
    time_machine.move_to(now, tick=False)
    deputies_announce(keeper, [deputy.deputy], D(2025, 6, 20))

    # Activities: a visit and a survey this year; a training last year.
    activity(office, [deputy.deputy, colleague.deputy], kind=ActivityKind.VISIT, on=D(2025, 4, 1))
    activity(office, [deputy.deputy], kind=ActivityKind.SURVEY, on=D(2025, 5, 1), title="调研养老服务")
    activity(office, [deputy.deputy], kind=ActivityKind.TRAINING, on=D(2024, 11, 1), title="代表培训")

    # Standing-committee meetings: the deputy a member until March (present in March and last year), then invited
    # to 列席 in May; a meeting still to be held; an activity of the retired kind 列席常委会会议 recorded before
    # meetings were kept here (the service no longer takes it), which the record no longer counts.
    term = deputy.deputy.terms.get()
    CommitteeMembershipFactory(term=term, deputy=deputy.deputy, end_date=D(2025, 3, 31))

    def standing(on: D, *, present=(), invited=(), close: bool = True):
        meeting = meetings.meeting_create(kind=MeetingKind.STANDING, term=term, date=on, actor=office)
        for who in invited:
            meetings.attendee_add(meeting=meeting, deputy=who, actor=office)
        if close:
            meetings.meeting_convene(meeting=meeting, actor=office)
            for who in present:
                meetings.attendance_sign_in(meeting=meeting, deputy=who, actor=office)
            meetings.meeting_close(meeting=meeting, actor=office)

    standing(D(2024, 12, 20), present=[deputy.deputy])
    standing(D(2025, 3, 20), present=[deputy.deputy], invited=[colleague.deputy])
    standing(D(2025, 5, 15), invited=[deputy.deputy])
    standing(D(2025, 6, 30), invited=[deputy.deputy], close=False)
    legacy = Activity.objects.create(
        kind=ActivityKind.ATTEND_COMMITTEE, title="列席常委会会议", date=D(2025, 5, 15)
    )
    legacy.deputies.add(deputy.deputy)

    # Opinions the deputy collected on visits: one answered on the spot (resolved), one waiting.
    spot = opinions.opinion_take(
        actor=deputy,
        channel=Channel.VISIT,
        title="北街路灯不亮",
        content="路灯坏了一个月。",
        citizen_phone="13812345678",
    )
    opinions.opinion_answer_on_spot(opinion=spot, answer="已联系社区当天修复。", actor=keeper)
    opinions.opinion_take(
        actor=deputy, channel=Channel.VISIT, title="小区垃圾清运不及时", content="三天没人清运。"
    )

    # Reports to voters: one held and rated, one scheduled (not yet counted).
    report = report_held(keeper, [deputy.deputy], on=D(2025, 5, 20))
    services.duty_report_ratings_enter(
        report=report, satisfied=20, basically_satisfied=5, dissatisfied=1, actor=keeper
    )
    ballot = services.duty_report_ballots_issue(report=report, count=2, actor=keeper)[0]
    services.ballot_cast(token=ballot.token, rating=VoterRating.SATISFIED)
    services.duty_report_close(report=report, actor=keeper)
    services.duty_report_schedule(
        station=keeper.station, date=D(2025, 9, 1), place="北街社区", deputies=[deputy.deputy], actor=keeper
    )

    # Self-reported entries: one approved, one rejected, one waiting.
    services.duty_entry_approve(entry=entry(deputy), actor=office)
    services.duty_entry_reject(
        entry=entry(deputy, kind=EntryKind.PUBLICITY, title="宣讲"), reason="缺少活动照片", actor=office
    )
    entry(deputy, title="待认定的走访")
    return report
