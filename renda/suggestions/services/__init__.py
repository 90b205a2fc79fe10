"""Every write on motions and suggestions, one module per section (the pages' and the API's sections):
`drafting`, `review`, `assignment`, `evaluation`, `supervision`, and what they share in `common`. Callers use
`services.<name>`; this module names what each section offers.

Moves are declared once in workflows.py and made with `SUGGESTION_FLOW.apply`, which locks the row, checks who
may move and when, and writes a SuggestionEvent. The units' side — signing for, reassignment, contacts, replies —
is the shared casework (renda.casework.services, with the suggestion's CaseKind `CASES`); the functions here add
what is a suggestion's own. Deadlines follow RULES.md (workflows.deadlines); dates come from core.clock."""

from renda.suggestions.services.assignment import (
    reassignment_decide,
    record_result,
    reply_letter_template_update,
    reply_send,
    suggestion_assign,
    suggestions_assign_batch,
)
from renda.suggestions.services.common import (
    signer_users,
)
from renda.suggestions.services.drafting import (
    attachments_add,
    cosigner_drop,
    cosigner_respond,
    cosigners_invite,
    suggestion_create,
    suggestion_enter,
    suggestion_update,
)
from renda.suggestions.services.evaluation import (
    coordination_close,
    evaluation_submit,
    evaluations_expire,
)
from renda.suggestions.services.history import historical_suggestions_import
from renda.suggestions.services.review import (
    MOTION_MIN_DEPUTIES,
    PRESIDIUM_MOVES,
    motion_presidium_decide,
    motion_signers,
    next_number,
    suggestion_accept,
    suggestion_reject,
    suggestion_return,
    suggestion_submit,
    suggestions_merge,
)
from renda.suggestions.services.supervision import (
    commitment_update_post,
    commitments_roll_over,
    key_supervision_select,
    supervision_note_add,
    unit_keyword_create,
    unit_keyword_update,
)

__all__ = [
    "MOTION_MIN_DEPUTIES",
    "record_result",
    "reply_letter_template_update",
    "next_number",
    "signer_users",
    "suggestion_create",
    "suggestion_enter",
    "attachments_add",
    "suggestion_update",
    "cosigners_invite",
    "cosigner_respond",
    "cosigner_drop",
    "motion_signers",
    "suggestion_submit",
    "motion_presidium_decide",
    "PRESIDIUM_MOVES",
    "suggestion_accept",
    "suggestion_return",
    "suggestion_reject",
    "suggestions_merge",
    "suggestion_assign",
    "suggestions_assign_batch",
    "reassignment_decide",
    "reply_send",
    "evaluation_submit",
    "coordination_close",
    "evaluations_expire",
    "key_supervision_select",
    "supervision_note_add",
    "commitment_update_post",
    "commitments_roll_over",
    "unit_keyword_create",
    "unit_keyword_update",
    "historical_suggestions_import",
]
