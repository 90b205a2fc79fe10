"""The deputies' evaluation (评价), re-handling, coordination by the office, and the window that closes it."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from renda.accounts.models import User
from renda.casework import services as casework
from renda.core import clock, facts
from renda.core.calendar import add_months
from renda.core.formats import cn_date
from renda.core.notifications import notify
from renda.core.roles import Role, has_role
from renda.core.rules import rule
from renda.suggestions.models import (
    Evaluation,
    Rating,
    State,
    Suggestion,
)
from renda.suggestions.services.common import case_url, notify_signers
from renda.suggestions.workflows import (
    BY_EVALUATOR,
    BY_OFFICE,
    CASES,
    SUGGESTION_FLOW,
    evaluators,
    office_users,
)


@transaction.atomic
def evaluation_submit(
    *,
    suggestion: Suggestion,
    rating: str,
    actor: User,
    comment: str = "",
    attitude: str = "",
    result: str = "",
) -> Evaluation:
    """满意 / 基本满意 / 不满意. The lead deputy's evaluation decides the next step: dissatisfied → one
    re-handling round (rule rehandling_months); dissatisfied again → coordination by the office."""
    current = SUGGESTION_FLOW.lock(suggestion)
    deputy_id = actor.deputy_id if has_role(actor, Role.DEPUTY) else None
    if (
        deputy_id is not None
        and Evaluation.objects.filter(suggestion=current, deputy_id=deputy_id, round=current.round).exists()
    ):
        raise ValidationError("本轮已经评价过。")
    current = SUGGESTION_FLOW.require(current, "evaluate", actor=actor)
    if deputy_id is None:  # only a deputy evaluates (the move's who); an evaluation names its deputy
        raise PermissionDenied(BY_EVALUATOR.denied)
    if rating not in {Rating.SATISFIED, Rating.BASICALLY_SATISFIED, Rating.DISSATISFIED}:
        raise ValidationError({"rating": "请选择满意、基本满意或不满意。"})
    if rule("separate_attitude_and_result") and not (attitude and result):
        raise ValidationError("请分别评价办理态度和办理结果。")
    note = f"{Rating(rating).label}。{comment}".strip("。")
    current = SUGGESTION_FLOW.apply(current, "evaluate", actor=actor, note=note)
    evaluation = Evaluation.objects.create(
        suggestion=current,
        deputy_id=deputy_id,
        round=current.round,
        rating=rating,
        attitude=attitude,
        result=result,
        comment=comment,
    )
    if deputy_id == current.lead_deputy_id:
        with facts.tracked(current.assignments.all()):
            current.assignments.update(lead_rating=rating)  # what each unit's satisfaction rate counts
        _resolve_evaluation(current, rating, actor=actor)
    return evaluation


def _resolve_evaluation(suggestion: Suggestion, rating: str, *, actor: User) -> None:
    """The lead deputy's rating (what the satisfaction rate counts) decides the next move."""
    if rating != Rating.DISSATISFIED:
        SUGGESTION_FLOW.apply(suggestion, "close", actor=actor, closed_at=clock.now(), lead_rating=rating)
        return
    if suggestion.round == 1:
        due = add_months(clock.today(), rule("rehandling_months"))
        answering = casework.reopen(CASES, suggestion, due=due, actor=actor)
        SUGGESTION_FLOW.apply(
            suggestion,
            "rehandle",
            actor=actor,
            round=2,
            reply_due=due,
            evaluation_due=None,
            lead_rating=rating,
        )
        for assignment in answering:
            notify(
                recipients=casework.unit_users(assignment.unit_id),
                title=f"代表不满意，请重新办理：{suggestion.title}",
                body=f"期限：{cn_date(due)}",
                url=case_url(suggestion),
            )
        notify(
            recipients=office_users(), title=f"代表对答复不满意：{suggestion.title}", url=case_url(suggestion)
        )
    else:
        SUGGESTION_FLOW.apply(suggestion, "coordinate", actor=actor, evaluation_due=None, lead_rating=rating)
        notify(
            recipients=office_users(),
            title=f"重新办理后仍不满意，请组织协调：{suggestion.title}",
            url=case_url(suggestion),
        )


@transaction.atomic
def coordination_close(*, suggestion: Suggestion, outcome: str, actor: User) -> Suggestion:
    """The deputies' affairs committee convened deputy and unit; record the outcome and close."""
    BY_OFFICE.require(actor)
    if not outcome.strip():
        raise ValidationError({"outcome": "请填写协调处理结果。"})
    current = SUGGESTION_FLOW.apply(
        suggestion,
        "close_coordination",
        actor=actor,
        note=outcome,
        outcome=outcome,
        closed_at=clock.now(),
    )
    notify_signers(current, f"建议已办结：{current.title}", outcome)
    return current


@transaction.atomic
def evaluations_expire(*, today: datetime.date, actor: User | None = None) -> int:
    """Close replied suggestions whose evaluation window passed: missing evaluations become 未反馈,
    left out of the satisfaction rate. Idempotent."""
    count = 0
    for suggestion in Suggestion.objects.select_for_update().filter(
        state=State.REPLIED, evaluation_due__lt=today
    ):
        done = set(
            Evaluation.objects.filter(suggestion=suggestion, round=suggestion.round).values_list(
                "deputy_id", flat=True
            )
        )
        Evaluation.objects.bulk_create(
            [
                Evaluation(
                    suggestion=suggestion,
                    deputy_id=deputy_id,
                    round=suggestion.round,
                    rating=Rating.NO_FEEDBACK,
                )
                for deputy_id in evaluators(suggestion)
                if deputy_id not in done
            ]
        )
        SUGGESTION_FLOW.apply(
            suggestion,
            "close",
            actor=actor,
            note="评价期限届满未反馈",
            closed_at=clock.now(),
            lead_rating=Rating.NO_FEEDBACK,  # the lead deputy has not evaluated, or it would not be REPLIED
        )
        with facts.tracked(suggestion.assignments.all()):
            suggestion.assignments.update(lead_rating=Rating.NO_FEEDBACK)
        count += 1
    return count
