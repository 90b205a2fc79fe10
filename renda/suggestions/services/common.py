"""What the services of suggestions share: the timeline entry, the signers, attachments, links."""

from renda.accounts.models import User
from renda.core.notifications import notify
from renda.core.uploads import ATTACHMENT_TYPES, check_upload, shortened_name
from renda.suggestions.models import (
    Attachment,
    Cosigner,
    Suggestion,
    SuggestionEvent,
)


def record_event(
    suggestion: Suggestion,
    *,
    action: str,
    actor: User | None,  # None: a move the system makes (a window that passes, the year's roll-over)
    note: str = "",
    from_state: str = "",
    to_state: str = "",
) -> None:
    SuggestionEvent.objects.create(
        suggestion=suggestion, action=action, actor=actor, note=note, from_state=from_state, to_state=to_state
    )


def signer_users(suggestion: Suggestion) -> list:
    """Users of the lead deputy and confirmed co-signers: every signer receives answers (RULES.md)."""
    from renda.accounts.models import User

    deputy_ids = [
        suggestion.lead_deputy_id,
        *suggestion.cosigners.filter(status=Cosigner.Status.CONFIRMED).values_list("deputy_id", flat=True),
    ]
    return list(User.objects.filter(deputy_id__in=deputy_ids, is_active=True))


def attach(suggestion: Suggestion, upload, actor: User) -> Attachment:
    check_upload(upload, ATTACHMENT_TYPES)
    upload.name = shortened_name(upload.name)
    return Attachment.objects.create(suggestion=suggestion, file=upload, name=upload.name, uploaded_by=actor)


def case_url(suggestion: Suggestion) -> str:
    return f"/suggestions/{suggestion.pk}/"


def notify_signers(suggestion: Suggestion, title: str, body: str = "", key: str = "") -> None:
    notify(recipients=signer_users(suggestion), title=title, body=body, url=case_url(suggestion), key=key)
