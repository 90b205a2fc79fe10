"""What the suggestions' statistics count, kept as cases move (core.facts): the tallies of suggestions
(`SuggestionFact`: per year and per congress session, per category and per township of the lead deputy, per
final result category) and of assignments (`AssignmentFact`: per year, unit and final result category), and
the state groups both the tallies and the row-reading statistics use.

A figure is a sum of fact rows, except what depends on today (overdue cases), which statistics.py reads from
the open cases' rows. Date ranges and a session's units are counted from rows too (statistics.py)."""

from typing import Any

from django.utils import timezone

from renda.casework.models import ANSWERING_ROLES, AssignmentState
from renda.core.facts import Tally
from renda.suggestions.models import Assignment, AssignmentFact, Rating, State, Suggestion, SuggestionFact

REGISTERED = [
    State.ACCEPTED,
    State.HANDLING,
    State.REPLIED,
    State.REHANDLING,
    State.COORDINATION,
    State.CLOSED,
]
ASSIGNED = REGISTERED[1:]
REPLIED = [State.REPLIED, State.REHANDLING, State.COORDINATION, State.CLOSED]  # answered at least once
IN_HANDLING = [State.HANDLING, State.REHANDLING]
ANSWERING = list(ANSWERING_ROLES)
RATINGS = {
    "satisfied": Rating.SATISFIED,
    "basically_satisfied": Rating.BASICALLY_SATISFIED,
    "dissatisfied": Rating.DISSATISFIED,
    "no_feedback": Rating.NO_FEEDBACK,
}
# How the suggestions' facts are grouped: the grouping's name and the suggestion's column.
GROUPINGS = (("category", "category_id"), ("township", "township_id"))
# The year's suggestions per month (yyyymm) in which they were submitted and closed: the dashboard's months.
MONTHS = (("submitted_month", "submitted_at"), ("closed_month", "closed_at"))


def year_scope(year: int) -> str:
    return f"year:{year}"


def session_scope(session_id: int) -> str:
    return f"session:{session_id}"


def suggestion_counts(row: dict[str, Any]) -> list[tuple[dict[str, Any], dict[str, int]]]:
    """A filed suggestion counts in its year and its congress session, once per grouping."""
    state = row["state"]
    if state == State.DRAFT:
        return []
    replied = state in REPLIED
    measures = {
        "submitted": 1,
        "registered": int(state in REGISTERED),
        "rejected": int(state == State.REJECTED),
        "merged": int(state == State.MERGED),
        "assigned": int(state in ASSIGNED),
        "replied": int(replied),
        "replied_on_time": int(replied and not row["answered_late"]),
        **{name: int(row["lead_rating"] == value) for name, value in RATINGS.items()},
    }
    scopes = [year_scope(row["year"])]
    if row["congress_session_id"]:
        scopes.append(session_scope(row["congress_session_id"]))
    result = row["result_category_id"] or 0
    counted = [
        ({"scope": scope, "grouping": grouping, "group": row[column] or 0, "result": result}, measures)
        for scope in scopes
        for grouping, column in GROUPINGS
    ]
    for grouping, column in MONTHS:  # the dashboard's months of the year: submitted in, closed in
        if row[column] is not None:
            moment = timezone.localtime(row[column])
            key = {
                "scope": scopes[0],
                "grouping": grouping,
                "group": moment.year * 100 + moment.month,
                "result": 0,
            }
            counted.append((key, {"submitted": 1}))
    return counted


def assignment_counts(row: dict[str, Any]) -> list[tuple[dict[str, Any], dict[str, int]]]:
    """An assignment that stands (not withdrawn) counts for its unit in its year: as lead or split unit
    (answering) or as joint or assisting unit (supporting)."""
    if row["state"] == AssignmentState.WITHDRAWN:
        return []
    answering = row["role"] in ANSWERING
    replied = answering and row["result_category_id"] is not None
    measures = {
        "assigned": int(answering),
        "supporting": int(not answering),
        "replied": int(replied),
        "replied_on_time": int(replied and not row["answered_late"]),
        **{name: int(answering and row["lead_rating"] == value) for name, value in RATINGS.items()},
    }
    key = {"year": row["year"], "unit": row["unit_id"], "result": row["result_category_id"] or 0}
    return [(key, measures)]


SUGGESTIONS = Tally(
    name="suggestions",
    source=Suggestion,
    fact=SuggestionFact,
    columns=(
        "state",
        "year",
        "congress_session_id",
        "category_id",
        "township_id",
        "result_category_id",
        "answered_late",
        "lead_rating",
        "submitted_at",
        "closed_at",
    ),
    counts=suggestion_counts,
)
ASSIGNMENTS = Tally(
    name="suggestion_assignments",
    source=Assignment,
    fact=AssignmentFact,
    columns=("year", "unit_id", "role", "state", "result_category_id", "answered_late", "lead_rating"),
    counts=assignment_counts,
)
TALLIES = [SUGGESTIONS, ASSIGNMENTS]
