"""Every read of motions and suggestions that applies visibility or aggregates. The statistics reads (totals
and rates, breakdowns, the unit ranking, the suggestion fund, the dashboard) are in statistics.py."""

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypedDict

from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from renda.casework import selectors as casework
from renda.casework.models import AssignmentState
from renda.core.roles import Role, user_roles
from renda.core.rules import rule
from renda.suggestions.models import (
    Assignment,
    Attachment,
    Commitment,
    ContactRecord,
    Cosigner,
    Evaluation,
    KeySupervision,
    RefusalReason,
    Reply,
    ResultCategory,
    State,
    Suggestion,
    SuggestionCategory,
    SuggestionEvent,
)
from renda.suggestions.workflows import CASES, deputys_draft

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations  # the model with annotations the stubs do not know

NOT_YET_FILED = [State.DRAFT]


def _public_q() -> Q:
    """A unit agreed to publish one of the case's replies (kept on the case by reply_send)."""
    return Q(reply_published=True)


def suggestions_visible_to(user) -> QuerySet[Suggestion]:
    """The cases a user takes part in (see CaseView): the office all; committee members all filed ones; a
    deputy those they lead or co-sign (invited or confirmed) and those their own were merged into; a handling
    unit those it handles (not withdrawn). The office sees no deputy's own draft (office_q). Anyone else, deputies included, reads published replies on the
    public page (published_suggestions), never a case's record. Anonymous: published replies."""
    base = Suggestion.objects.all()
    roles = user_roles(user)
    if not roles:
        return base.filter(_public_q()) if not getattr(user, "is_authenticated", False) else base.none()
    query = Q(pk__in=[])
    if roles & {Role.ADMIN, Role.CLERK}:
        query |= office_q()
    if Role.MEMBER in roles:
        query |= ~Q(state__in=NOT_YET_FILED)
    if Role.DEPUTY in roles and user.deputy_id:
        query |= _signed_q(user.deputy_id)
    if Role.UNIT in roles and user.handling_unit_id:
        query |= Q(Exists(_handling(user.handling_unit_id).filter(suggestion=OuterRef("pk"))))
    return base.filter(query)


def office_q() -> Q:
    """What the office sees: every case but a deputy's own draft, which is the deputy's until submitted —
    a draft the office entered on the deputy's behalf stays the office's too (workflows.deputys_draft)."""
    from renda.accounts.models import User

    by_the_deputy = User.objects.filter(pk=OuterRef("entered_by_id"), deputy_id=OuterRef("lead_deputy_id"))
    on_behalf = Q(entered_by__isnull=False) & ~Q(Exists(by_the_deputy))
    return ~Q(state=State.DRAFT) | on_behalf


SIGNING = [Cosigner.Status.INVITED, Cosigner.Status.CONFIRMED]  # a deputy who declined is no signer


def _signed_q(deputy_id: int, *, merged: bool = True) -> Q:
    """Led by the deputy or co-signed (invited or confirmed), or (`merged`) one such merged into the case."""
    signed = Q(lead_deputy_id=deputy_id) | Q(
        Exists(Cosigner.objects.filter(suggestion=OuterRef("pk"), deputy_id=deputy_id, status__in=SIGNING))
    )
    if not merged:
        return signed
    return signed | Q(Exists(Suggestion.objects.filter(signed, merged_into=OuterRef("pk"))))


def _handling(unit_id: int) -> QuerySet[Assignment]:
    """The unit's assignments that still stand (a withdrawn one went to another unit)."""
    return Assignment.objects.filter(unit_id=unit_id).exclude(state=AssignmentState.WITHDRAWN)


# The timeline entry a unit writes when it records a contact with the deputy (ContactRecord).
CONTACT_EVENT = "联系代表"


@dataclass(frozen=True)
class CaseView:
    """What parts of one case a user sees, by the parties the user is to it (a user may be several); the
    table is in docs/workflows/suggestions.md, "Who sees what". Signers are the lead deputy, co-signers
    (invited or confirmed; not those who declined) and the signers of a case merged into this one; a
    handling unit is one with an assignment of the case that was not withdrawn (lead, joint, assisting or
    split alike).

    Every party sees the record (content, signers, units, replies whether published or not, evaluations, key
    supervision, attachments, timeline); the differences are contact records (ContactRecord) and the notes of
    the timeline's 联系代表 entries, which the office sees all of and a handling unit its own only, and
    co-signers' invitations, which only the office and the signers see. An outsider (record False) gets a 404
    and reads the case, if published, on the public page."""

    office: bool = False
    signer: bool = False
    member: bool = False
    unit_id: int | None = None  # the user's handling unit, where it handles the case

    @property
    def record(self) -> bool:
        """Sees the case at all (else it is a 404, as suggestions_visible_to decides)."""
        return self.office or self.signer or self.member or self.unit_id is not None

    @property
    def cosigner_invitations(self) -> bool:
        return self.office or self.signer

    @property
    def contacts(self) -> bool:
        """Sees contact records: the office all, a handling unit its own."""
        return self.office or self.unit_id is not None

    def sees_contact_of(self, unit_id: int | None) -> bool:
        return self.office or (unit_id is not None and unit_id == self.unit_id)


def case_view(user, suggestion: Suggestion) -> CaseView:
    """The parties `user` is to `suggestion` (at most two queries)."""
    roles = user_roles(user)
    if roles & {Role.ADMIN, Role.CLERK} and not deputys_draft(suggestion):
        return CaseView(office=True)
    signer = bool(
        Role.DEPUTY in roles
        and user.deputy_id
        and Suggestion.objects.filter(_signed_q(user.deputy_id), pk=suggestion.pk).exists()
    )
    unit_id = None
    if (
        Role.UNIT in roles
        and user.handling_unit_id
        and _handling(user.handling_unit_id).filter(suggestion=suggestion).exists()
    ):
        unit_id = user.handling_unit_id
    member = Role.MEMBER in roles and suggestion.state not in NOT_YET_FILED
    return CaseView(signer=signer, member=member, unit_id=unit_id)


def suggestion_events(user, suggestion: Suggestion, view: CaseView | None = None) -> list[SuggestionEvent]:
    """The timeline as `user` may read it: a 联系代表 entry keeps its date, actor and action for every party, but
    its note (unit, method and summary of the contact) only for those who see that unit's contact records."""
    view = view or case_view(user, suggestion)
    if not view.record:
        return []
    events = list(suggestion.events.select_related("actor").order_by("created_at", "pk"))
    for event in events:
        if event.action == CONTACT_EVENT and not view.sees_contact_of(
            event.actor.handling_unit_id if event.actor else None
        ):
            event.note = ""
            event.note_withheld = True
    return events


def suggestion_get_for_user(user, pk) -> Suggestion:
    try:
        return (
            suggestions_visible_to(user)
            .select_related(
                "lead_deputy",
                "entered_by",
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
    return suggestions_visible_to(None).select_related("lead_deputy", "category__parent")


def assignment_for_unit_user(user, pk) -> Assignment:
    """An assignment of the user's own handling unit that was not withdrawn (reassigned), else 404."""
    return casework.unit_assignment(CASES, user, pk)


def unit_todo(user) -> QuerySet[Assignment]:
    """A handling unit's open assignments of suggestions in handling, soonest deadline first."""
    return (
        casework.unit_open(CASES, user)
        .select_related("suggestion__lead_deputy")
        .annotate(contact_count=Count("contacts"))
    )


def deputy_suggestions(user) -> QuerySet[Suggestion]:
    """我的建议: led or co-signed by the user's deputy."""
    if Role.DEPUTY not in user_roles(user) or not user.deputy_id:
        return Suggestion.objects.none()
    return (
        Suggestion.objects.filter(_signed_q(user.deputy_id, merged=False))
        .select_related("lead_deputy", "category__parent")
        .order_by("-created_at")
    )


def review_queue() -> QuerySet[Suggestion]:
    return Suggestion.objects.filter(state__in=[State.SUBMITTED, State.PRESIDIUM_REVIEW]).select_related(
        "lead_deputy", "category"
    )


def _owing_counts(today: datetime.date | None) -> dict[str, Count]:
    today = today or timezone.localdate()
    soon = casework.soon(today)
    return {
        "open_count": Count("pk"),
        "overdue_count": Count("pk", filter=Q(due__lt=today)),
        "soon_count": Count("pk", filter=Q(due__gte=today, due__lte=soon)),
    }


def supervision_board(today: datetime.date | None = None) -> list:
    """Per unit with answers owed: open answering assignments, overdue, and due soon, most overdue first. Counted
    in the database over the owed assignments alone, grouped by unit (two queries), not over a join of every
    unit with every assignment ever made (seconds at province scale)."""
    from renda.org.models import HandlingUnit

    grouped = casework.owing(CASES).order_by().values("unit").annotate(**_owing_counts(today))
    counts = {row.pop("unit"): row for row in grouped}
    units = list(HandlingUnit.objects.filter(pk__in=list(counts)))
    for unit in units:
        for name, value in counts[unit.pk].items():
            setattr(unit, name, value)
    return sorted(units, key=lambda unit: (-unit.overdue_count, -unit.soon_count, unit.name))


def supervision_totals(today: datetime.date | None = None) -> dict[str, int]:
    """The board's totals (open_count, overdue_count, soon_count) in one query, for the office's 工作台."""
    return casework.owing(CASES).order_by().aggregate(**_owing_counts(today))


# ---------------------------------------------------------------- pages


def _current_assignments(with_replies: bool = False) -> Prefetch:
    """A suggestion's assignments that still stand (not withdrawn), with their units (and replies)."""
    queryset = Assignment.objects.exclude(state=AssignmentState.WITHDRAWN).select_related("unit")
    if with_replies:
        queryset = queryset.prefetch_related(
            Prefetch("replies", queryset=Reply.objects.select_related("result_category"))
        )
    return Prefetch("assignments", queryset=queryset.order_by("role", "pk"), to_attr="current_assignments")


def suggestion_list_for(user) -> QuerySet[Suggestion]:
    """The registry list: what the user may see, with its units and whether it is under key supervision."""
    return (
        suggestions_visible_to(user)
        .select_related("lead_deputy", "category__parent")
        .prefetch_related(_current_assignments())
        .annotate(is_key=Exists(KeySupervision.objects.filter(suggestion=OuterRef("pk"))))
    )


class CanEvaluate(TypedDict):
    can_evaluate: bool  # the user's turn to evaluate the case


def deputy_suggestion_list(user) -> "QuerySet[WithAnnotations[Suggestion, CanEvaluate]]":
    """我的建议 with units, replies and whether it is the user's turn to evaluate."""
    deputy_id = user.deputy_id
    evaluator = Q(lead_deputy_id=deputy_id)
    if rule("every_signer_evaluates"):
        evaluator |= Q(
            Exists(
                Cosigner.objects.filter(
                    suggestion=OuterRef("pk"), deputy_id=deputy_id, status=Cosigner.Status.CONFIRMED
                )
            )
        )
    evaluated = Evaluation.objects.filter(
        suggestion=OuterRef("pk"), deputy_id=deputy_id, round=OuterRef("round")
    )
    return (
        deputy_suggestions(user)
        .prefetch_related(_current_assignments(with_replies=True))
        .annotate(
            can_evaluate=ExpressionWrapper(
                Q(state=State.REPLIED) & evaluator & ~Q(Exists(evaluated)), output_field=BooleanField()
            )
        )
    )


def cosign_invitations(user) -> QuerySet[Cosigner]:
    """Invitations to co-sign waiting for the user's answer."""
    if Role.DEPUTY not in user_roles(user) or not user.deputy_id:
        return Cosigner.objects.none()
    return (
        Cosigner.objects.filter(
            deputy_id=user.deputy_id,
            status=Cosigner.Status.INVITED,
            suggestion__state__in=[State.DRAFT, State.RETURNED],
        )
        .select_related("suggestion__lead_deputy")
        .order_by("created_at", "pk")
    )


def cosigner_get_for_user(user, pk) -> Cosigner:
    try:
        return Cosigner.objects.select_related("suggestion", "deputy").get(
            pk=pk, suggestion__in=suggestions_visible_to(user)
        )
    except (Cosigner.DoesNotExist, ValueError, TypeError):
        raise Http404("没有找到该附议记录。") from None


def cosigner_candidates(user, suggestion: Suggestion, text: str) -> QuerySet:
    """Serving deputies to invite as co-signers, found by name or pinyin (at most 20)."""
    from renda.deputies.choices import DeputyStatus
    from renda.deputies.selectors import deputies_visible_to, deputy_search

    if not text.strip():
        return deputies_visible_to(user).none()
    return (
        deputy_search(deputies_visible_to(user), text)
        .filter(status=DeputyStatus.ACTIVE)
        .exclude(pk=suggestion.lead_deputy_id)
        .exclude(cosignings__suggestion=suggestion)
        .select_related("township")
        .order_by("name_pinyin", "pk")[:20]
    )


def suggestion_page(user, suggestion: Suggestion) -> dict:
    """Everything the detail and print pages (and the API's detail) show `user` of a case they may see, as
    their CaseView (`case_view`) decides: contact records only to the office and to each unit its own."""
    view = case_view(user, suggestion)
    replies = (
        Reply.objects.filter(assignment__suggestion=suggestion)
        .select_related("assignment__unit", "result_category")
        .prefetch_related("commitments__updates")
        .order_by("round", "pk")
    )
    supervision = (
        KeySupervision.objects.filter(suggestion=suggestion)
        .select_related("leader__deputy")
        .prefetch_related("notes")
        .first()
    )
    cosigners = suggestion.cosigners.select_related("deputy").order_by("created_at", "pk")
    if not view.cosigner_invitations:
        cosigners = cosigners.filter(status=Cosigner.Status.CONFIRMED)
    contacts = ContactRecord.objects.filter(assignment__suggestion=suggestion)
    contacts = contacts.select_related("assignment__unit")
    if not view.office:
        contacts = contacts.filter(assignment__unit_id=view.unit_id) if view.contacts else contacts.none()
    return {
        "case_view": view,  # not "view": class-based views put themselves there
        "cosigners": cosigners,
        "attachments": suggestion.attachments.order_by("created_at", "pk"),
        "assignments": suggestion.assignments.select_related("unit", "meeting").order_by("role", "pk"),
        "contacts": contacts,
        "replies": replies,
        "evaluations": suggestion.evaluations.select_related("deputy").order_by("round", "pk"),
        "supervision": supervision,
        "merged_cases": suggestion.merged_cases.order_by("pk"),
        "events": suggestion_events(user, suggestion, view),
    }


def attachment_get_for_user(user, pk) -> Attachment:
    try:
        return Attachment.objects.get(pk=pk, suggestion__in=suggestions_visible_to(user))
    except (Attachment.DoesNotExist, ValueError, TypeError):
        raise Http404("没有找到该附件。") from None


def reply_get_for_user(user, pk) -> Reply:
    try:
        return (
            Reply.objects.exclude(letter="", document_number="")
            .select_related("assignment__unit", "assignment__suggestion__lead_deputy", "result_category")
            .get(pk=pk, assignment__suggestion__in=suggestions_visible_to(user))
        )
    except (Reply.DoesNotExist, ValueError, TypeError):
        raise Http404("没有找到该答复函。") from None


def merge_candidates(suggestion: Suggestion) -> QuerySet[Suggestion]:
    """Suggestions that may be merged into `suggestion`."""
    return (
        Suggestion.objects.filter(state__in=[State.SUBMITTED, State.ACCEPTED])
        .exclude(pk=suggestion.pk)
        .select_related("lead_deputy")
        .order_by("-year", "serial", "pk")
    )


def assignable_suggestions() -> QuerySet[Suggestion]:
    """Accepted suggestions waiting for assignment (交办)."""
    return (
        Suggestion.objects.filter(state=State.ACCEPTED)
        .select_related("lead_deputy", "category__parent")
        .order_by("year", "serial", "pk")
    )


def reassignment_requests() -> QuerySet[Assignment]:
    return (
        Assignment.objects.filter(state=AssignmentState.REASSIGN_REQUESTED)
        .select_related("suggestion", "unit")
        .order_by("updated_at", "pk")
    )


def reassignment_request_get(pk) -> Assignment:
    try:
        return reassignment_requests().get(pk=pk)
    except (Assignment.DoesNotExist, ValueError, TypeError):
        raise Http404("没有找到该调整申请。") from None


def assignments_visible_to(user) -> QuerySet[Assignment]:
    """The assignments of the suggestions the user may see."""
    return Assignment.objects.filter(suggestion__in=suggestions_visible_to(user))


def assignment_get_for_user(user, pk) -> Assignment:
    try:
        return assignments_visible_to(user).select_related("suggestion", "unit").get(pk=pk)
    except (Assignment.DoesNotExist, ValueError, TypeError):
        raise Http404("没有找到该交办。") from None


def key_supervision_of(suggestion: Suggestion) -> KeySupervision:
    try:
        return KeySupervision.objects.get(suggestion=suggestion)
    except KeySupervision.DoesNotExist:
        raise Http404("该建议没有列为重点督办。") from None


def reassignment_requests_for(user) -> QuerySet[Assignment]:
    """Open reassignment requests: all for the office, a unit's own for the unit."""
    return reassignment_requests().filter(suggestion__in=suggestions_visible_to(user))


def _in_use(model, user) -> QuerySet:
    """The configurable lists are read by every signed-in user; only entries in use are offered."""
    if not getattr(user, "is_authenticated", False):
        return model.objects.none()
    return model.objects.filter(active=True)


def suggestion_categories_visible_to(user) -> QuerySet[SuggestionCategory]:
    return _in_use(SuggestionCategory, user).select_related("parent")


def result_categories_visible_to(user) -> QuerySet[ResultCategory]:
    return _in_use(ResultCategory, user)


def refusal_reasons_visible_to(user) -> QuerySet[RefusalReason]:
    return _in_use(RefusalReason, user)


def unit_commitments(user) -> QuerySet[Commitment]:
    """Open commitments of the unit's replies, soonest first."""
    if Role.UNIT not in user_roles(user) or not user.handling_unit_id:
        return Commitment.objects.none()
    return (
        Commitment.objects.filter(
            reply__assignment__unit_id=user.handling_unit_id, status=Commitment.Status.OPEN
        )
        .select_related("reply__assignment__suggestion", "reply__result_category")
        .order_by("due", "pk")
    )


def commitment_for_unit_user(user, pk) -> Commitment:
    try:
        return unit_commitments(user).get(pk=pk)
    except (Commitment.DoesNotExist, ValueError, TypeError):
        raise Http404("没有找到该承诺事项。") from None


def key_supervisions(today: datetime.date | None = None) -> QuerySet[KeySupervision]:
    """The board's key supervisions: those decided this year and those of earlier years still open (the
    closed ones of earlier years are found with the suggestions list's 重点督办 filter)."""
    year = (today or timezone.localdate()).year
    return (
        KeySupervision.objects.filter(Q(decided_on__year__gte=year) | ~Q(suggestion__state=State.CLOSED))
        .select_related("suggestion", "leader__deputy")
        .annotate(note_count=Count("notes"))
        .order_by("-decided_on", "pk")
    )


def coordination_queue() -> QuerySet[Suggestion]:
    """Suggestions still dissatisfied after re-handling, for the office to convene deputy and unit."""
    return Suggestion.objects.filter(state=State.COORDINATION).select_related("lead_deputy").order_by("pk")


def public_reply_list() -> QuerySet[Suggestion]:
    """The public page: published suggestions with their published replies and signers' names only."""
    public_replies = (
        Reply.objects.filter(publishable=True).select_related("result_category").order_by("round")
    )
    answering = (
        Assignment.objects.filter(replies__publishable=True)  # a join the page's cases narrow, then distinct
        .distinct()
        .select_related("unit")
        .prefetch_related(Prefetch("replies", queryset=public_replies, to_attr="public_replies"))
        .order_by("role", "pk")
    )
    return published_suggestions().prefetch_related(
        Prefetch("assignments", queryset=answering, to_attr="public_assignments"),
        Prefetch(
            "cosigners",
            queryset=Cosigner.objects.filter(status=Cosigner.Status.CONFIRMED)
            .select_related("deputy")
            .order_by("pk"),
            to_attr="confirmed_cosigners",
        ),
    )
