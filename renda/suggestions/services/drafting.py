"""Drafting a suggestion or motion and inviting co-signers (联名)."""

import datetime
from collections.abc import Iterable, Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from renda.accounts.models import User
from renda.core import clock
from renda.core.notifications import notify
from renda.core.roles import Role, has_role
from renda.core.services import StaleEditError
from renda.org.models import CongressSession
from renda.suggestions.models import (
    Attachment,
    Cosigner,
    Kind,
    State,
    Suggestion,
    Timing,
)
from renda.suggestions.services.common import attach, case_url, record_event
from renda.suggestions.similarity import terms_index
from renda.suggestions.workflows import (
    BY_INVITED,
    BY_OFFICE,
    SUGGESTION_FLOW,
    is_suggestion_office,
)


def _check_timing(timing: str, congress_session: CongressSession | None) -> None:
    if timing == Timing.DURING_SESSION and congress_session is None:
        raise ValidationError({"congress_session": "大会期间提出的建议须选择人代会会议。"})


def _year(timing: str, congress_session: CongressSession | None, written: datetime.date) -> int:
    """年度: the session's year for a suggestion made during a session, else the year it was written."""
    if timing == Timing.DURING_SESSION and congress_session is not None:
        return congress_session.start_date.year
    return written.year


@transaction.atomic
def suggestion_create(
    *,
    lead_deputy,
    title: str,
    content: str,
    actor: User,
    kind: str = Kind.SUGGESTION,
    category=None,
    timing: str = Timing.BETWEEN_SESSIONS,
    congress_session: CongressSession | None = None,
    delegation=None,
    attachments: Sequence = (),
) -> Suggestion:
    """A deputy drafts their own suggestion; a clerk may enter one on a deputy's behalf (paper suggestions)."""
    if not is_suggestion_office(actor) and not (
        has_role(actor, Role.DEPUTY) and actor.deputy_id == lead_deputy.pk
    ):
        raise PermissionDenied("代表只能以本人名义提出建议。")
    _check_timing(timing, congress_session)
    suggestion = Suggestion(
        kind=kind,
        title=title.strip(),
        content=content.strip(),
        category=category,
        timing=timing,
        congress_session=congress_session if timing == Timing.DURING_SESSION else None,
        lead_deputy=lead_deputy,
        delegation=delegation if kind == Kind.MOTION else None,
        entered_by=actor,
        year=_year(timing, congress_session, clock.today()),
    )
    suggestion.full_clean()
    suggestion.save()
    record_event(suggestion, action="起草", actor=actor, to_state=State.DRAFT)
    terms_index(suggestion=suggestion)
    for upload in attachments:
        attach(suggestion, upload, actor)
    return suggestion


@transaction.atomic
def suggestion_enter(*, lead_deputy, cosigners: Iterable, actor: User, **fields) -> Suggestion:
    """The office enters a paper suggestion on the deputies' behalf; the signatures were checked on paper,
    so co-signers are recorded as confirmed."""
    BY_OFFICE.require(actor)
    suggestion = suggestion_create(lead_deputy=lead_deputy, actor=actor, **fields)
    cosigners = list(cosigners)
    if cosigners:
        cosigners_invite(suggestion=suggestion, deputies=cosigners, actor=actor, confirmed=True)
    return suggestion


@transaction.atomic
def attachments_add(*, suggestion: Suggestion, files: Sequence, actor: User) -> list[Attachment]:
    """Attach files to a draft or a returned suggestion."""
    current = SUGGESTION_FLOW.require(suggestion, "edit", actor=actor)
    added = [attach(current, upload, actor) for upload in files]
    record_event(current, action="上传附件", actor=actor, note="、".join(a.name for a in added))
    return added


@transaction.atomic
def suggestion_update(
    *, suggestion: Suggestion, expected_version: int, changes: dict, actor: User
) -> Suggestion:
    """Edit a draft or a returned suggestion (a stale form cannot overwrite newer data)."""
    current = SUGGESTION_FLOW.require(suggestion, "edit", actor=actor)
    if current.version != expected_version:
        raise StaleEditError("该建议已被他人修改，请刷新页面后重新修改。", code="stale")
    allowed = {"title", "content", "category", "timing", "congress_session", "kind", "delegation"}
    for name, value in changes.items():
        if name not in allowed:
            raise ValidationError(f"不能修改字段 {name}。")
        setattr(current, name, value)
    _check_timing(current.timing, current.congress_session)
    if current.timing != Timing.DURING_SESSION:
        current.congress_session = None
    current.year = _year(current.timing, current.congress_session, timezone.localdate(current.created_at))
    current.version = expected_version + 1
    current.full_clean()
    current.save()
    record_event(current, action="修改", actor=actor)
    terms_index(suggestion=current)
    return current


@transaction.atomic
def cosigners_invite(
    *, suggestion: Suggestion, deputies: Iterable, actor: User, confirmed: bool = False
) -> list[Cosigner]:
    """Invite co-signers (附议). A clerk entering a paper suggestion may record signatures as confirmed."""
    current = SUGGESTION_FLOW.require(suggestion, "edit", actor=actor)
    if confirmed and not is_suggestion_office(actor):
        raise PermissionDenied("附议须由代表本人确认。")
    created = []
    for deputy in deputies:
        if deputy.pk == current.lead_deputy_id:
            continue
        cosigner, new = Cosigner.objects.get_or_create(suggestion=current, deputy=deputy)
        if confirmed:
            cosigner.status, cosigner.responded_at = Cosigner.Status.CONFIRMED, clock.now()
            cosigner.save(update_fields=["status", "responded_at", "updated_at"])
        if new:
            created.append(cosigner)
    record_event(current, action="邀请附议", actor=actor, note="、".join(c.deputy.name for c in created))
    from renda.accounts.models import User

    if not confirmed:
        invited = User.objects.filter(deputy__in=[c.deputy_id for c in created], is_active=True)
        notify(recipients=invited, title=f"请确认附议：{current.title}", url=case_url(current))
    return created


@transaction.atomic
def cosigner_respond(*, cosigner: Cosigner, confirm: bool, actor: User) -> Cosigner:
    BY_INVITED.require(actor, cosigner)
    SUGGESTION_FLOW.lock(
        cosigner.suggestion
    )  # serialises with suggestion_submit, which lets open invitations lapse
    current = Cosigner.objects.select_for_update().filter(pk=cosigner.pk).first()
    if current is None:
        raise ValidationError("该附议邀请已失效（建议已提交）。")
    if current.status != Cosigner.Status.INVITED:
        raise ValidationError("已经答复过该附议邀请。")
    current.status = Cosigner.Status.CONFIRMED if confirm else Cosigner.Status.DECLINED
    current.responded_at = clock.now()
    current.save(update_fields=["status", "responded_at", "updated_at"])
    record_event(
        current.suggestion,
        action="确认附议" if confirm else "谢绝附议",
        actor=actor,
        note=current.deputy.name,
    )
    return current


@transaction.atomic
def cosigner_drop(*, cosigner: Cosigner, actor: User) -> None:
    """The lead deputy may drop co-signers who have not confirmed."""
    suggestion = SUGGESTION_FLOW.require(cosigner.suggestion, "edit", actor=actor)
    if cosigner.status == Cosigner.Status.CONFIRMED:
        raise ValidationError("已确认附议的代表不能移除。")
    record_event(suggestion, action="移除附议代表", actor=actor, note=cosigner.deputy.name)
    cosigner.delete()
