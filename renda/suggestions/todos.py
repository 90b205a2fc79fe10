"""To-dos of the suggestions workflow for the 工作台 (see core.todos): the deputies', the committee members' and
the office's next steps (a unit's are casework's, across every kind of case)."""

from django.db.models import Count, Min, Q
from django.urls import reverse
from django.utils import timezone

from renda.core.calendar import add_working_days
from renda.core.roles import Role, has_role, is_office_staff
from renda.core.rules import rule
from renda.core.todos import OVERDUE, SOON, TodoItem
from renda.suggestions import selectors
from renda.suggestions.models import (
    KeySupervision,
    State,
    Timing,
)

SOURCE = "代表建议"
LIMIT = 20


def _detail(suggestion_id: int) -> str:
    return reverse("suggestions:detail", args=[suggestion_id])


def deputy_steps(user) -> list[TodoItem]:
    """For a deputy: invitations to co-sign, replies awaiting their evaluation, drafts returned to them."""
    if not (has_role(user, Role.DEPUTY) and user.deputy_id):
        return []
    items = [
        TodoItem(
            f"请确认附议：{cosigner.suggestion.title}（{cosigner.suggestion.lead_deputy.name}领衔）",
            reverse("suggestions:mine"),
            SOURCE,
        )
        for cosigner in selectors.cosign_invitations(user)[:LIMIT]
    ]
    awaiting = (
        selectors.deputy_suggestion_list(user)
        .prefetch_related(None)  # the list page's units and replies are not shown here
        .filter(can_evaluate=True)
        .order_by("evaluation_due", "pk")
    )
    items += [
        TodoItem(
            f"评价办理答复：{suggestion.title}",
            reverse("suggestions:evaluate", args=[suggestion.pk]),
            SOURCE,
            due=suggestion.evaluation_due,
        )
        for suggestion in awaiting[:LIMIT]
    ]
    returned = selectors.deputy_suggestions(user).filter(state=State.RETURNED, lead_deputy_id=user.deputy_id)
    items += [
        TodoItem(
            f"退回修改：{suggestion.title}",
            reverse("suggestions:edit", args=[suggestion.pk]),
            SOURCE,
            urgency=SOON,
        )
        for suggestion in returned[:LIMIT]
    ]
    return items


def member_steps(user) -> list[TodoItem]:
    """For a standing committee member: the key supervisions they lead that are not closed yet, and the
    answers the units owe that are overdue or due soon (督办看板), counted in the database."""
    if not has_role(user, Role.MEMBER):
        return []
    items = []
    if user.deputy_id:
        led = (
            KeySupervision.objects.filter(leader__deputy_id=user.deputy_id)
            .exclude(suggestion__state=State.CLOSED)
            .select_related("suggestion")
            .order_by("decided_on", "pk")
        )
        items += [
            TodoItem(f"领衔督办：{supervision.suggestion.title}", _detail(supervision.suggestion_id), SOURCE)
            for supervision in led[:LIMIT]
        ]
    board = selectors.supervision_totals()
    overdue, soon = board["overdue_count"], board["soon_count"]
    if overdue or soon:
        parts = [f"{overdue}件答复已超期"] if overdue else []
        parts += [f"{soon}件临近答复期限"] if soon else []
        items.append(
            TodoItem(
                f"督办建议办理：{'，'.join(parts)}",
                reverse("suggestions:board"),
                SOURCE,
                urgency=OVERDUE if overdue else SOON,
            )
        )
    return items


def office_queues(user) -> list[TodoItem]:
    """For the deputies' affairs office: how many cases wait in each of its queues, counted in the
    database. Accepted cases submitted between sessions are due for assignment within
    rule("assignment_working_days") working days of receipt; the earliest such date is shown."""
    if not is_office_staff(user):
        return []
    review = selectors.review_queue().count()
    unassigned = selectors.assignable_suggestions().aggregate(
        count=Count("pk"), first=Min("submitted_at", filter=Q(timing=Timing.BETWEEN_SESSIONS))
    )
    requests = selectors.reassignment_requests().count()
    coordination = selectors.coordination_queue().count()
    items = []
    if review:
        items.append(TodoItem(f"{review}件议案建议待审查", reverse("suggestions:review"), SOURCE))
    if unassigned["count"]:
        first = unassigned["first"]
        due = add_working_days(timezone.localdate(first), rule("assignment_working_days")) if first else None
        items.append(
            TodoItem(
                f"{unassigned['count']}件已立案建议待交办", reverse("suggestions:assign"), SOURCE, due=due
            )
        )
    if requests:
        items.append(
            TodoItem(
                f"{requests}件承办单位调整申请待处理",
                reverse("suggestions:reassignments"),
                SOURCE,
                urgency=SOON,
            )
        )
    if coordination:
        items.append(
            TodoItem(
                f"{coordination}件建议重新办理后仍不满意，待协调处理",
                reverse("suggestions:board"),
                SOURCE,
                urgency=SOON,
            )
        )
    return items
