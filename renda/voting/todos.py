"""The 工作台 to-do of voting: an open vote the deputy has not yet cast."""

from django.urls import reverse

from renda.core.todos import SOON, TodoItem
from renda.voting.models import State, Voter

SOURCE = "表决"


def votes_to_cast(user) -> list[TodoItem]:
    if not getattr(user, "deputy_id", None):
        return []
    voters = (
        Voter.objects.filter(deputy_id=user.deputy_id, has_voted=False, event__state=State.OPEN)
        .exclude(event__method="paper")
        .select_related("event")
        .order_by("event_id")[:20]
    )
    return [
        TodoItem(f"请表决：{v.event.title}", reverse("voting:vote", args=[v.event_id]), SOURCE, urgency=SOON)
        for v in voters
    ]
