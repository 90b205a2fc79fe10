"""Badges of the suggestions pages: states, always with text (not colour alone) (the deadline traffic light,
`urgency_badge`, is core's); the rows of the statistics' breakdown tables."""

from django import template
from django.utils.html import format_html, format_html_join

from renda.suggestions.models import State

register = template.Library()

STATE_COLOURS: dict[str, str] = {
    State.DRAFT: "secondary",
    State.SUBMITTED: "info",
    State.PRESIDIUM_REVIEW: "info",
    State.RETURNED: "warning",
    State.ACCEPTED: "primary",
    State.HANDLING: "primary",
    State.REPLIED: "info",
    State.REHANDLING: "warning",
    State.COORDINATION: "danger",
    State.CLOSED: "success",
    State.ON_AGENDA: "success",
}


@register.simple_tag
def state_badge(state: str) -> str:
    colour = STATE_COLOURS.get(state, "dark")
    return format_html('<span class="badge text-bg-{}">{}</span>', colour, State(state).label)


GROUP_ROW = (
    '<tr><th scope="row" class="fw-normal">{}</th><td class="text-end">{}</td><td class="text-end">{}</td>'
    '<td class="text-end">{}</td><td class="text-end">{}</td><td class="text-end">{}</td>'
    '<td class="text-end">{}</td><td class="text-end">{}</td></tr>'
)


@register.simple_tag
def group_rows(groups) -> str:
    """The rows of a breakdown table (_group_table.html): label, submitted, registered, replied, on-time
    rate, resolved, resolution rate, satisfaction rate. Built here rather than in a template loop, which
    takes some 60 ms for a province's 1,000 townships."""
    return format_html_join(
        "\n",
        GROUP_ROW,
        (
            (
                g.label,
                g.submitted,
                g.registered,
                g.replied,
                g.on_time_rate,
                g.resolved,
                g.resolution_rate,
                g.satisfaction_rate,
            )
            for g in groups
        ),
    )
