"""Every read of motions and suggestions that applies visibility or aggregates."""

import datetime

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from renda.core.roles import Role, user_roles
from renda.core.rules import rule
from renda.suggestions.models import (
    TRANSITIONS,
    Assignment,
    AssignmentRole,
    AssignmentState,
    Cosigner,
    Reply,
    State,
    Suggestion,
)

NOT_YET_FILED = [State.DRAFT]


def _public_q() -> Q:
    return Q(Exists(Reply.objects.filter(assignment__suggestion=OuterRef("pk"), publishable=True)))


def suggestions_visible_to(user) -> QuerySet[Suggestion]:
    """Office staff and committee members: all (drafts only to their authors and the office); a deputy:
    own, co-signed and public ones; a handling unit: those assigned to it; anonymous: published replies."""
    base = Suggestion.objects.all()
    roles = user_roles(user)
    if not roles:
        return base.filter(_public_q()) if not getattr(user, "is_authenticated", False) else base.none()
    if roles & {Role.ADMIN, Role.CLERK}:
        return base
    query = Q(pk__in=[])
    if Role.MEMBER in roles:
        query |= ~Q(state__in=NOT_YET_FILED)
    if Role.DEPUTY in roles and user.deputy_id:
        query |= Q(lead_deputy_id=user.deputy_id)
        query |= Q(Exists(Cosigner.objects.filter(suggestion=OuterRef("pk"), deputy_id=user.deputy_id)))
        query |= _public_q()
    if Role.UNIT in roles and user.handling_unit_id:
        query |= Q(
            Exists(
                Assignment.objects.filter(suggestion=OuterRef("pk"), unit_id=user.handling_unit_id).exclude(
                    state=AssignmentState.WITHDRAWN
                )
            )
        )
    return base.filter(query)


def suggestion_get_for_user(user, pk) -> Suggestion:
    try:
        return (
            suggestions_visible_to(user)
            .select_related(
                "lead_deputy",
                "category",
                "congress_session__term",
                "merged_into",
                "refusal_reason",
                "delegation",
            )
            .get(pk=pk)
        )
    except (Suggestion.DoesNotExist, ValueError, TypeError):
        raise Http404("没有找到该建议。") from None


def published_suggestions() -> QuerySet[Suggestion]:
    """What the public portal shows: suggestions with a reply the unit agreed to publish."""
    return suggestions_visible_to(None).select_related("lead_deputy", "category")


def assignment_for_unit_user(user, pk) -> Assignment:
    """An assignment of the user's own handling unit, else 404."""
    if Role.UNIT not in user_roles(user) or not user.handling_unit_id:
        raise Http404("没有找到该交办。")
    try:
        return Assignment.objects.select_related("suggestion", "unit").get(
            pk=pk, unit_id=user.handling_unit_id
        )
    except (Assignment.DoesNotExist, ValueError, TypeError):
        raise Http404("没有找到该交办。") from None


def urgency(due: datetime.date | None, today: datetime.date | None = None) -> str:
    """Traffic light: ok (on time), soon (due within rule due_soon_days), overdue."""
    if due is None:
        return "ok"
    today = today or timezone.localdate()
    if due < today:
        return "overdue"
    if (due - today).days <= rule("due_soon_days"):
        return "soon"
    return "ok"


def unit_todo(user) -> QuerySet[Assignment]:
    """A handling unit's open assignments, soonest deadline first."""
    if Role.UNIT not in user_roles(user) or not user.handling_unit_id:
        return Assignment.objects.none()
    return (
        Assignment.objects.filter(
            unit_id=user.handling_unit_id,
            state__in=[
                AssignmentState.ASSIGNED,
                AssignmentState.ACCEPTED,
                AssignmentState.REASSIGN_REQUESTED,
            ],
            suggestion__state__in=[State.HANDLING, State.REHANDLING],
        )
        .select_related("suggestion", "suggestion__lead_deputy")
        .annotate(contact_count=Count("contacts"))
        .order_by("due", "pk")
    )


def deputy_suggestions(user) -> QuerySet[Suggestion]:
    """我的建议: led or co-signed by the user's deputy."""
    if Role.DEPUTY not in user_roles(user) or not user.deputy_id:
        return Suggestion.objects.none()
    return (
        Suggestion.objects.filter(
            Q(lead_deputy_id=user.deputy_id)
            | Q(Exists(Cosigner.objects.filter(suggestion=OuterRef("pk"), deputy_id=user.deputy_id)))
        )
        .select_related("lead_deputy", "category")
        .order_by("-created_at")
    )


def review_queue() -> QuerySet[Suggestion]:
    return Suggestion.objects.filter(state__in=[State.SUBMITTED, State.PRESIDIUM_REVIEW]).select_related(
        "lead_deputy", "category"
    )


def supervision_board(today: datetime.date | None = None) -> QuerySet:
    """Per unit: open answering assignments, overdue, and due soon — computed in the database."""
    today = today or timezone.localdate()
    soon = today + datetime.timedelta(days=rule("due_soon_days"))
    open_q = Q(
        assignments__role__in=[AssignmentRole.LEAD, AssignmentRole.SPLIT],
        assignments__state__in=[
            AssignmentState.ASSIGNED,
            AssignmentState.ACCEPTED,
            AssignmentState.REASSIGN_REQUESTED,
        ],
        assignments__suggestion__state__in=[State.HANDLING, State.REHANDLING],
    )
    from renda.org.models import HandlingUnit

    return (
        HandlingUnit.objects.annotate(
            open_count=Count("assignments", filter=open_q),
            overdue_count=Count("assignments", filter=open_q & Q(assignments__due__lt=today)),
            soon_count=Count(
                "assignments", filter=open_q & Q(assignments__due__gte=today, assignments__due__lte=soon)
            ),
        )
        .filter(open_count__gt=0)
        .order_by("-overdue_count", "-soon_count", "name")
    )


def available_moves(user, suggestion: Suggestion) -> dict[str, str]:
    """The transitions of TRANSITIONS the office may trigger from pages (buttons)."""
    if not user_roles(user) & {Role.ADMIN, Role.CLERK}:
        return {}
    return TRANSITIONS.get(suggestion.state, {})
