"""To-dos of citizens' opinions for the 工作台 (core.todos): the station's and the office's next steps (the
departments' are casework's, beside their suggestions)."""

from django.db.models import Q
from django.urls import reverse

from renda.core.roles import can
from renda.core.todos import SOON, TodoItem
from renda.opinions.models import Opinion, State
from renda.opinions.workflows import KEEP, MANAGE

SOURCE = "群众意见"
LIMIT = 20


def _mine(user):
    if can(user, MANAGE):
        return Opinion.objects.all()
    if can(user, KEEP) and user.station_id:
        return Opinion.objects.filter(station_id=user.station_id)
    return Opinion.objects.none()


def station_steps(user) -> list[TodoItem]:
    """For keepers (their station) and the office (all): opinions to triage, answers to tell, citizens to ask."""
    opinions = _mine(user)
    steps = [
        (State.RECEIVED, "处理", "forward_due"),
        (State.ANSWERED, "告知群众", None),
        (State.INFORMED, "回访", None),
    ]
    items = []
    for state, verb, due_field in steps:
        for opinion in opinions.filter(state=state).order_by(due_field or "answered_on", "pk")[:LIMIT]:
            items.append(
                TodoItem(
                    f"{verb}：{opinion.title}",
                    reverse("opinions:detail", args=[opinion.pk]),
                    SOURCE,
                    due=getattr(opinion, due_field) if due_field else None,
                    urgency="" if due_field else SOON,
                )
            )
    if can(user, MANAGE):
        escalated = Opinion.objects.filter(Q(state=State.ESCALATED)).order_by("pk")[:LIMIT]
        items += [
            TodoItem(
                f"重新办理后仍未解决：{o.title}",
                reverse("opinions:detail", args=[o.pk]),
                SOURCE,
                urgency=SOON,
            )
            for o in escalated
        ]
    return items
