"""What a vote means to the livelihood projects (the hooks renda/voting calls): the ballot opens only with the
session's quorum; as it closes, the projects are adopted in order; as an evaluation closes, the project is
rated."""

from typing import Any

from renda.livelihood import services
from renda.livelihood.models import LivelihoodProject, ProjectBallot


def before_open(event: Any) -> None:
    from renda.meetings import services as meetings

    subject = event.subject
    if isinstance(subject, ProjectBallot) and subject.meeting is not None:
        meetings.require_quorum(subject.meeting)


def after_close(event: Any, actor: Any) -> None:
    if isinstance(event.subject, ProjectBallot):
        services.ballot_settle(event=event, actor=actor)
    elif isinstance(event.subject, LivelihoodProject):
        services.evaluation_settle(event=event, actor=actor)
