"""An appointment's moves, declared once (core.workflow): nomination → agenda → vote → decision → letter →
oath → publication, and the steps that keep the state (exam, papers, statement, deliberation, announcement,
letter) as events on the timeline."""

from typing import Any

from renda.appointments.models import (
    Appointment,
    AppointmentEvent,
    AppointmentKind,
    AppointmentState,
    Appraisal,
    AppraisalEvent,
    AppraisalState,
)
from renda.core.roles import can
from renda.core.workflow import Who, Workflow, move

# Capabilities (declared and granted in platform.py)
MANAGE, READ = "appointments.manage", "appointments.read"

BY_OFFICE = Who(lambda user, _: can(user, MANAGE), "只有常委会办事机构可以进行此操作。")

S = AppointmentState


def _record(appointment: Appointment, **event: Any) -> None:
    AppointmentEvent.objects.create(appointment=appointment, **event)


def _is_appointment(a: Appointment) -> bool:
    return a.kind == AppointmentKind.APPOINT


def _meeting_convened(a: Appointment) -> bool:
    return a.meeting is not None and a.meeting.state == "convened"


APPOINTMENT_FLOW: Workflow[Appointment] = Workflow(
    Appointment,
    [
        move("exam", "登记任前法律知识考试", [S.NOMINATED, S.SCHEDULED], who=BY_OFFICE, when=_is_appointment),
        move("schedule", "列入会议议程", S.NOMINATED, S.SCHEDULED, who=BY_OFFICE),
        move("papers", "材料送组成人员", S.SCHEDULED, who=BY_OFFICE),
        move(
            "statement",
            "供职发言",
            S.SCHEDULED,
            who=BY_OFFICE,
            when=lambda a: _is_appointment(a) and _meeting_convened(a),
        ),
        move("deliberate", "审议", S.SCHEDULED, who=BY_OFFICE, when=_meeting_convened),
        move("vote", "提付表决", S.SCHEDULED, S.VOTING, who=BY_OFFICE, when=_meeting_convened),
        move("adopt", "表决通过", S.VOTING, S.ADOPTED),  # the vote's consequence (votes.after_close)
        move("reject", "表决未通过", S.VOTING, S.REJECTED),  # idem
        move("announce", "当场宣布", S.ADOPTED, who=BY_OFFICE, when=lambda a: a.announced_on is None),
        move(
            "letter",
            "颁发任命书",
            S.ADOPTED,
            who=BY_OFFICE,
            when=lambda a: _is_appointment(a) and a.letter_number is None and a.announced_on is not None,
        ),
        move(
            "oath",
            "宪法宣誓",
            S.ADOPTED,
            S.SWORN,
            who=BY_OFFICE,
            when=lambda a: _is_appointment(a) and a.letter_number is not None,
        ),
        move(
            "publish",
            "公告",
            [S.ADOPTED, S.SWORN],
            S.PUBLISHED,
            who=BY_OFFICE,
            when=lambda a: a.announced_on is not None and (not _is_appointment(a) or a.state == S.SWORN),
            confirm="公告后将在公开网站发布姓名、职务和任免决定，确定公告吗？",
        ),
        move(
            "withdraw",
            "撤回",
            [S.NOMINATED, S.SCHEDULED],
            S.WITHDRAWN,
            who=BY_OFFICE,
            confirm="撤回后本任免事项终止，确定撤回吗？",
        ),
    ],
    states=AppointmentState,
    record=_record,
)


def _record_appraisal(appraisal: Appraisal, **event: Any) -> None:
    AppraisalEvent.objects.create(appraisal=appraisal, **event)


A = AppraisalState

APPRAISAL_FLOW: Workflow[Appraisal] = Workflow(
    Appraisal,
    [
        move("report", "述职述法", A.PLANNED, A.REPORTED, who=BY_OFFICE),
        move("rate", "提付测评", A.REPORTED, A.RATING, who=BY_OFFICE),
        move("pass", "测评通过", A.RATING, A.PASSED),  # the vote's consequence (votes.after_close)
        move("fail", "测评未通过", A.RATING, A.FAILED),  # idem
        move("follow_up", "整改报告", A.FAILED, A.FOLLOWED_UP, who=BY_OFFICE),
    ],
    states=AppraisalState,
    record=_record_appraisal,
)
