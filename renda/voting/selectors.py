"""Reads of votes that apply visibility: the office sees every vote; a voter sees the votes they may vote in
once opened; a named vote's ballot list is the office's, and the voters' after close. Anything else is 404."""

from typing import Any

from django.db.models import Count, Q, QuerySet

from renda.core.roles import can
from renda.voting.models import BallotChoice, State, VoteEvent, Voter
from renda.voting.workflows import READ, RUN


def votes_visible_to(user: Any) -> QuerySet[VoteEvent]:
    votes = VoteEvent.objects.all()
    if can(user, READ) or can(user, RUN):
        return votes
    if getattr(user, "deputy_id", None):
        # A subquery, not a join: the list's turnout counts every voter, not the deputy's own row.
        mine = Voter.objects.filter(deputy_id=user.deputy_id).values("event_id")
        return votes.filter(pk__in=mine).exclude(state=State.PREPARED)
    return votes.none()


def votes_listed(user: Any) -> QuerySet[VoteEvent]:
    """The list's rows with their turnout, counted in the database."""
    return votes_visible_to(user).annotate(
        present=Count("voters", distinct=True),
        voted=Count("voters", filter=Q(voters__has_voted=True), distinct=True),
    )


def voter_of(user: Any, event: VoteEvent) -> Voter | None:
    if not getattr(user, "deputy_id", None):
        return None
    return Voter.objects.filter(event=event, deputy_id=user.deputy_id).first()


def turnout(event: VoteEvent) -> tuple[int, int]:
    """(已表决, 实到) of a vote."""
    figures = Voter.objects.filter(event=event).aggregate(
        present=Count("pk"), voted=Count("pk", filter=Q(has_voted=True))
    )
    return figures["voted"], figures["present"]


def may_see_ballots(user: Any, event: VoteEvent) -> bool:
    if event.method != VoteEvent.Method.NAMED:
        return False
    if can(user, RUN) or can(user, READ):
        return True
    return event.state == State.CLOSED and voter_of(user, event) is not None


def named_ballots(event: VoteEvent) -> list[tuple[str, list[str]]]:
    """A named vote's list per option: (option, [voters' names]), and 未按表决器 last."""
    rows = (
        BallotChoice.objects.filter(ballot__voter__event=event)
        .order_by("option__order", "ballot__voter__deputy__name_pinyin")
        .values_list("option__label", "ballot__voter__deputy__name")
    )
    lists: dict[str, list[str]] = {o.label: [] for o in event.options.order_by("order")}
    for label, name in rows:
        lists[label].append(name)
    lists["未按表决器"] = list(
        Voter.objects.filter(event=event, has_voted=False)
        .order_by("deputy__name_pinyin")
        .values_list("deputy__name", flat=True)
    )
    return list(lists.items())
