"""To-dos of liaison stations for the 工作台 (see core.todos)."""

from django.urls import reverse
from django.utils import timezone

from renda.core.roles import Role, can, has_role
from renda.core.rules import rule
from renda.core.todos import TodoItem
from renda.deputies.selectors import (
    deputies_in_scope,
    deputies_short_of_receptions,
    deputies_visible_to,
    reception_days_upcoming_for,
    reception_days_visible_to,
    scope_label,
)

SOURCE = "接待日"
LIMIT = 20


def _when(reception_day) -> str:
    return f"{reception_day.start_time:%H:%M}–{reception_day.end_time:%H:%M}"


def reception_days_upcoming(user) -> list[TodoItem]:
    """For keepers and deputies: reception days from today on at their station or with them on duty."""
    items = []
    for reception_day in reception_days_upcoming_for(user)[:LIMIT]:
        topic = f"：{reception_day.topic}" if reception_day.topic else ""
        items.append(
            TodoItem(
                f"{reception_day.station.name}接待日 {_when(reception_day)}{topic}",
                reverse("deputies:station_detail", args=[reception_day.station_id]),
                SOURCE,
                due=reception_day.date,
            )
        )
    return items


def reception_days_unrecorded(user) -> list[TodoItem]:
    """For keepers: past reception days at their station not yet recorded as held."""
    if not (has_role(user, Role.KEEPER) and user.station_id):
        return []
    unrecorded = (
        reception_days_visible_to(user)
        .filter(station_id=user.station_id, date__lt=timezone.localdate(), activity__isnull=True)
        .select_related("station")
        .order_by("date", "start_time", "pk")[:LIMIT]
    )
    return [
        TodoItem(
            f"登记接待情况：{reception_day.station.name} {_when(reception_day)}",
            reverse("deputies:reception_record", args=[reception_day.pk]),
            SOURCE,
            due=reception_day.date,
        )
        for reception_day in unrecorded
    ]


def deputies_short_of_receptions_this_year(user) -> list[TodoItem]:
    """For office staff: serving deputies of their congress (the registry's default scope, which the link
    opens) below the yearly reception count (one COUNT query)."""
    if not can(user, "deputies.manage_stations"):
        return []
    today = timezone.localdate()
    deputies = deputies_in_scope(deputies_visible_to(user), user)
    count = deputies_short_of_receptions(deputies, today.year).count()
    if not count:
        return []
    return [
        TodoItem(
            f"{count}名{scope_label(user)}今年进站接待选民不足{rule('receptions_per_deputy_per_year')}次",
            reverse("deputies:deputy_list") + "?few_receptions=true",
            SOURCE,
            due=today.replace(month=12, day=31),
        )
    ]
