"""What a vote on an agenda item means to its meeting (the hooks renda/voting calls, `_subject_hook`): no vote
opens without a quorum of all members, wherever it is opened; once closed, its result is settled on the item and
its draft resolution adopted or failed."""

from typing import Any

from renda.meetings import services
from renda.meetings.models import AgendaItem


def before_open(event: Any) -> None:
    if isinstance(event.subject, AgendaItem):
        services.require_quorum(event.subject.meeting)


def after_close(event: Any, actor: Any) -> None:
    if isinstance(event.subject, AgendaItem):
        services.item_vote_settle(event=event, actor=actor)
