"""What a vote on an appointment or an appraisal means (the hooks renda/voting calls): no vote opens without a
quorum of the meeting's members; once closed, the appointment is adopted or rejected, the appraisal passed or
failed, by its result."""

from typing import Any

from renda.appointments.models import Appointment, Appraisal


def before_open(event: Any) -> None:
    from renda.meetings.services import require_quorum

    if isinstance(event.subject, Appointment | Appraisal) and event.subject.meeting is not None:
        require_quorum(event.subject.meeting)


def after_close(event: Any, actor: Any) -> None:
    from renda.appointments import services

    if isinstance(event.subject, Appointment):
        services.appointment_vote_settle(event=event, actor=actor)
    elif isinstance(event.subject, Appraisal):
        services.appraisal_vote_settle(event=event, actor=actor)
