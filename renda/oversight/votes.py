"""What a satisfaction vote means to an oversight item (the hooks renda/voting calls): it opens only with the
meeting's quorum; as it closes, the handling report passes (follow-up) or fails (rectify and report again)."""

from typing import Any

from renda.oversight.models import OversightItem


def before_open(event: Any) -> None:
    from renda.meetings.services import require_quorum
    from renda.oversight.models import SatisfactionVote

    if isinstance(event.subject, OversightItem):
        sv = SatisfactionVote.objects.select_related("meeting").filter(vote=event).first()
        if sv is not None:
            require_quorum(sv.meeting)


def after_close(event: Any, actor: Any) -> None:
    from renda.oversight import services

    if isinstance(event.subject, OversightItem):
        services.item_vote_settle(event=event, actor=actor)
