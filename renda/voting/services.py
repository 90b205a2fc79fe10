"""Every write of a vote (表决): create, open, cast, enter a paper tally, close and chain the record.

Other areas (meetings, appointments, satisfaction votes, livelihood ballots) call these with their subject;
voting knows nothing of them. See docs/workflows/voting.md for the rules and the secret-ballot design."""

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from importlib import import_module
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F

from renda.core import clock
from renda.core.roles import can
from renda.voting.models import (
    YES_NO_OPTIONS,
    Ballot,
    BallotChoice,
    PaperTally,
    State,
    VoteEvent,
    VoteOption,
    Voter,
    VoteRecord,
)
from renda.voting.results import OptionCount, VoteResult, compute
from renda.voting.workflows import RUN, VOTE_FLOW

Method, ChoiceKind, Threshold = VoteEvent.Method, VoteEvent.ChoiceKind, VoteEvent.Threshold

GENESIS = "0" * 64  # the prev_hash of a chain's first record


@transaction.atomic
def vote_event_create(
    *,
    subject: Any,
    title: str,
    method: str,
    choice_kind: str = ChoiceKind.YES_NO,
    candidates: Sequence[str] = (),
    max_choices: int = 1,
    threshold: str,
    entitled: int,
    electorate: Iterable[Any],
    chain_key: str = "",
    allow_change: bool = False,
    actor: Any,
) -> VoteEvent:
    """A vote on `subject` (any record, or None) among `electorate` (the deputies present; one Voter each),
    with `entitled` (应到) all members of the body."""
    if not can(actor, RUN):
        raise PermissionDenied("只有会议工作人员可以发起表决。")
    deputies = list(dict.fromkeys(electorate))
    if method not in Method.values:
        raise ValidationError({"method": "表决方式无效。"})
    if choice_kind not in ChoiceKind.values:
        raise ValidationError({"choice_kind": "表决类型无效。"})
    if threshold not in Threshold.values:
        raise ValidationError({"threshold": "通过标准无效。"})
    if not title.strip():
        raise ValidationError({"title": "请填写表决事项。"})
    if entitled < 1:
        raise ValidationError({"entitled": "应到人数须大于零。"})
    if len(deputies) > entitled:
        raise ValidationError({"entitled": f"实到{len(deputies)}人，多于应到{entitled}人。"})
    if allow_change and method != Method.NAMED:
        # changing a secret ballot would need to know the old choice: only named votes may allow it
        raise ValidationError({"allow_change": "只有记名表决可以允许改票。"})
    labels = [c.strip() for c in candidates]
    if choice_kind == ChoiceKind.CHOOSE:
        if not labels or any(not label for label in labels) or len(set(labels)) != len(labels):
            raise ValidationError({"candidates": "请列出候选人，不得为空或重复。"})
        if not 1 <= max_choices <= len(labels):
            raise ValidationError({"max_choices": f"最多可选人数须在1至{len(labels)}之间。"})
        options = [(f"c{i}", label) for i, label in enumerate(labels, 1)]
    else:
        max_choices = 1
        options = list(YES_NO_OPTIONS)
    event = VoteEvent(
        subject=subject,
        title=title.strip(),
        method=method,
        choice_kind=choice_kind,
        max_choices=max_choices,
        threshold=threshold,
        entitled=entitled,
        chain_key=chain_key,
        allow_change=allow_change,
        created_by=actor,
        created_at=clock.now(),
    )
    event.save()
    if not chain_key:
        event.chain_key = f"vote:{event.pk}"
        event.save(update_fields=["chain_key"])
    VoteOption.objects.bulk_create(
        VoteOption(event=event, code=code, label=label, order=i) for i, (code, label) in enumerate(options)
    )
    # in the order of the deputies' keys, not the order given (which might be the order of arrival)
    Voter.objects.bulk_create(Voter(event=event, deputy=d) for d in sorted(deputies, key=lambda d: d.pk))
    VOTE_FLOW.record(
        event,
        action="发起表决",
        actor=actor,
        note=f"{event.get_method_display()}，{event.get_threshold_display()}",
        from_state="",
        to_state=State.PREPARED,
        created_at=clock.now(),
    )
    return event


def _subject_hook(event: VoteEvent, name: str) -> Any:
    """The hook `name` of the area whose record is voted on: a module `renda/<app>/votes.py` may define
    `before_open(event)` (raises to refuse, e.g. the meeting has no quorum) and `after_close(event, actor)` (the
    result's consequences on the record). Voting imports no area; the area's module is found by the subject's app."""
    if event.subject_type_id is None:
        return None
    app = ContentType.objects.get_for_id(event.subject_type_id).app_label
    try:
        module = import_module(f"renda.{app}.votes")
    except ModuleNotFoundError as missing:
        if missing.name != f"renda.{app}.votes":
            raise
        return None
    return getattr(module, name, None)


@transaction.atomic
def vote_open(*, event: VoteEvent, actor: Any) -> VoteEvent:
    """Open the vote, wherever it is opened from (the control page, the subject's own page, the API): the
    subject's area may refuse first (`before_open`)."""
    VOTE_FLOW.refuse(event, "open", actor=actor)
    if before_open := _subject_hook(event, "before_open"):
        before_open(event)
    return VOTE_FLOW.apply(event, "open", actor=actor, opened_at=clock.now())


def _choice(event: VoteEvent, choice: Any) -> tuple[str, list[str] | list[int]]:
    """What a choice names, checked in shape without reading the options: ("code", [an option code]) for
    赞成/反对/弃权, ("pk", [candidate ids]) for candidates. Codes and ids that are not the vote's are refused when
    the counters are updated (_count)."""
    if event.choice_kind == ChoiceKind.YES_NO:
        if not isinstance(choice, str) or choice not in {code for code, _ in YES_NO_OPTIONS}:
            raise ValidationError({"choice": "请选择赞成、反对或弃权。"}, code="invalid_choice")
        return "code", [choice]
    if isinstance(choice, (str, int)) or not isinstance(choice, Iterable):
        raise ValidationError({"choice": "请选择候选人。"}, code="invalid_choice")
    try:
        ids = sorted({int(c) for c in choice})
    except (TypeError, ValueError):
        raise ValidationError({"choice": "候选人无效。"}, code="invalid_choice") from None
    if len(ids) > event.max_choices:
        raise ValidationError({"choice": f"最多选{event.max_choices}人。"}, code="too_many")
    return "pk", ids  # none chosen: a ballot that chooses no one (弃权)


def _options(event: VoteEvent, key: str, values: list) -> Any:
    return VoteOption.objects.filter(event=event, **{f"{key}__in": values})


def _count(event: VoteEvent, key: str, values: list, step: int) -> None:
    """Add `step` to the chosen options' counters: one UPDATE, which must find every option named."""
    if values and _options(event, key, values).update(count=F("count") + step) != len(values):
        raise ValidationError({"choice": "候选人无效。"}, code="invalid_choice")


def _require_open(event: VoteEvent) -> None:
    state = VoteEvent.objects.filter(pk=event.pk).values_list("state", flat=True).get()
    if state != State.OPEN:
        raise ValidationError("表决未开始或已经结束。", code="invalid_transition")


@transaction.atomic
def ballot_cast(*, event: VoteEvent, deputy: Any, choice: Any, actor: Any) -> None:
    """`deputy` casts their own ballot: the voter's flag and the chosen options' counters in one transaction
    (and, for a named vote, the ballot linked to the voter). A cast ballot is final unless the vote allows
    changes; one ballot per voter is held by the database (the flag's conditional update; the ballot's unique
    key). Nothing is returned: a secret ballot leaves no row to return."""
    if actor is None or getattr(actor, "deputy_id", None) != deputy.pk:
        raise PermissionDenied("只能投本人的票。")
    if event.is_paper:
        raise ValidationError("纸质票表决由计票人录入结果。", code="paper_vote")
    key, values = _choice(event, choice)
    # First the voter's row: this locks it until commit, so a closing vote waits for this ballot (see close).
    first = Voter.objects.filter(event=event, deputy_id=deputy.pk, has_voted=False).update(has_voted=True)
    if not first and not Voter.objects.filter(event=event, deputy_id=deputy.pk).exists():
        raise PermissionDenied("您不是本次表决的表决人。")
    # Then the state, read after the lock: a vote closed meanwhile is seen closed here.
    _require_open(event)
    if not first:
        if not event.allow_change:
            raise ValidationError("您已表决，不能更改。", code="already_voted")
        ballot = Ballot.objects.select_for_update().get(voter__event=event, voter__deputy_id=deputy.pk)
        old = list(BallotChoice.objects.filter(ballot=ballot).values_list("option_id", flat=True))
        _count(event, "pk", old, -1)
        BallotChoice.objects.filter(ballot=ballot).delete()
        ballot.cast_at = clock.now()
        ballot.save(update_fields=["cast_at"])
    elif event.method == Method.NAMED:
        voter_pk = Voter.objects.filter(event=event, deputy_id=deputy.pk).values_list("pk", flat=True).get()
        try:
            with transaction.atomic():
                ballot = Ballot.objects.create(voter_id=voter_pk, cast_at=clock.now())
        except IntegrityError:
            raise ValidationError("您已表决，不能更改。", code="already_voted") from None
    _count(event, key, values, +1)
    if event.method == Method.NAMED:
        options = _options(event, key, values).values_list("pk", flat=True)
        BallotChoice.objects.bulk_create(BallotChoice(ballot=ballot, option_id=pk) for pk in options)


@transaction.atomic
def paper_tally_enter(
    *, event: VoteEvent, counts: Mapping[str, int], issued: int, returned: int, actor: Any
) -> PaperTally:
    """The tellers' count of a paper vote, checked: returned ≤ issued ≤ voters; a yes/no vote's counts add up
    to at most the ballots returned; no candidate has more votes than ballots returned, and all candidates
    together at most returned × max_choices. May be entered again until the vote closes."""
    event = VOTE_FLOW.require(event, "tally", actor=actor)
    options = {o.code: o for o in VoteOption.objects.filter(event=event)}
    present = Voter.objects.filter(event=event).count()
    errors: dict[str, str] = {}
    if issued < 0 or returned < 0 or any(not isinstance(n, int) or n < 0 for n in counts.values()):
        raise ValidationError({"counts": "票数不能为负数。"})
    unknown = set(counts) - set(options)
    if unknown:
        errors["counts"] = f"没有这些选项：{'、'.join(sorted(unknown))}。"
    elif issued > present:
        errors["issued"] = f"发出票数（{issued}）不能多于实到人数（{present}）。"
    elif returned > issued:
        errors["returned"] = f"收回票数（{returned}）不能多于发出票数（{issued}）。"
    elif event.choice_kind == ChoiceKind.YES_NO and sum(counts.values()) > returned:
        errors["counts"] = f"赞成、反对、弃权合计（{sum(counts.values())}）不能多于收回票数（{returned}）。"
    elif event.choice_kind == ChoiceKind.CHOOSE:
        if any(n > returned for n in counts.values()):
            errors["counts"] = f"候选人得票不能多于收回票数（{returned}）。"
        elif sum(counts.values()) > returned * event.max_choices:
            errors["counts"] = f"得票合计不能多于收回票数×最多可选人数（{returned * event.max_choices}）。"
    if errors:
        raise ValidationError(errors)
    for code, option in options.items():
        VoteOption.objects.filter(pk=option.pk).update(count=counts.get(code, 0))
    tally, _ = PaperTally.objects.update_or_create(
        event=event,
        defaults={"issued": issued, "returned": returned, "entered_by": actor, "entered_at": clock.now()},
    )
    note = "，".join(f"{options[c].label}{counts.get(c, 0)}票" for c in options)
    VOTE_FLOW.apply(event, "tally", actor=actor, note=f"发出{issued}张，收回{returned}张，{note}")
    return tally


@transaction.atomic
def vote_close(*, event: VoteEvent, actor: Any) -> VoteEvent:
    """Close the vote: no ballot after this. In the same transaction every voter row and counter of the vote is
    written again (a secret vote's voters deleted and inserted anew in the deputies' order), so each row's last
    writer is this transaction and no row's position or version points at the voter who last changed it; then
    the result and the digest of the ballots are chained into the record."""
    event = VOTE_FLOW.apply(event, "close", actor=actor, closed_at=clock.now())
    # Rewriting the voters waits for the casts in flight (each holds its voter's row); later casts find the
    # vote closed once they get their row. Voters before counters: a cast locks them in that order too.
    if event.is_secret:
        # Read under lock: FOR UPDATE waits for the casts in flight and then reads their committed flags (a plain
        # read would see the flags from before them and write those back, losing the participation).
        voters = list(
            Voter.objects.filter(event=event)
            .select_for_update()
            .order_by("deputy_id")
            .values_list("deputy_id", "has_voted")
        )
        Voter.objects.filter(event=event).delete()
        Voter.objects.bulk_create(Voter(event=event, deputy_id=d, has_voted=v) for d, v in voters)
    else:
        Voter.objects.filter(event=event).update(has_voted=F("has_voted"))
    VoteOption.objects.filter(event=event).update(count=F("count"))
    result = vote_result(event)
    _chain(event, result)
    if after_close := _subject_hook(event, "after_close"):
        after_close(event, actor)
    return event


def _chain(event: VoteEvent, result: VoteResult) -> VoteRecord:
    last = (
        VoteRecord.objects.select_for_update().filter(chain_key=event.chain_key).order_by("-position").first()
    )
    position = last.position + 1 if last else 1
    prev_hash = last.hash if last else GENESIS
    digest = ballots_digest(event)
    return VoteRecord.objects.create(
        chain_key=event.chain_key,
        position=position,
        event=event,
        result=result.text,
        digest=digest,
        prev_hash=prev_hash,
        hash=record_hash(
            prev_hash=prev_hash, digest=digest, result=result.text, event_id=event.pk, position=position
        ),
        created_at=clock.now(),
    )


def ballots_digest(event: VoteEvent) -> str:
    """sha256 over the vote's counts, who took part (sorted deputy keys), the tally and, for a named vote, each
    ballot (deputy key and chosen options, sorted). A secret vote's digest holds no link between the two."""
    data: dict[str, Any] = {
        "event": event.pk,
        "method": event.method,
        "counts": sorted(VoteOption.objects.filter(event=event).values_list("code", "count")),
        "voted": sorted(
            Voter.objects.filter(event=event, has_voted=True).values_list("deputy_id", flat=True)
        ),
        "present": Voter.objects.filter(event=event).count(),
    }
    if event.method == Method.NAMED:
        rows = BallotChoice.objects.filter(ballot__voter__event=event).values_list(
            "ballot__voter__deputy_id", "option__code"
        )
        data["ballots"] = sorted(rows)
    tally = PaperTally.objects.filter(event=event).values_list("issued", "returned").first()
    data["tally"] = list(tally) if tally else None
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def record_hash(*, prev_hash: str, digest: str, result: str, event_id: int, position: int) -> str:
    payload = json.dumps([prev_hash, digest, result, event_id, position], ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()


def verify_chain(chain_key: str) -> list[str]:
    """What is wrong with a record chain (empty when it holds): each record's digest against the ballots as they
    are now, its result against the result computed now, its hash, and its link to the one before."""
    problems = []
    prev_hash = GENESIS
    records = VoteRecord.objects.filter(chain_key=chain_key).select_related("event").order_by("position")
    for expected, record in enumerate(records, 1):
        where = f"{chain_key} 第{record.position}条（表决 {record.event_id}）"
        if record.position != expected:
            problems.append(f"{where}：序号不连续，应为{expected}")
        if record.prev_hash != prev_hash:
            problems.append(f"{where}：与前一条记录的哈希不符")
        if record.digest != ballots_digest(record.event):
            problems.append(f"{where}：票据与记录的摘要不符")
        if record.result != vote_result(record.event).text:
            problems.append(f"{where}：结果与票据不符")
        recomputed = record_hash(
            prev_hash=record.prev_hash,
            digest=record.digest,
            result=record.result,
            event_id=record.event_id,
            position=record.position,
        )
        if record.hash != recomputed:
            problems.append(f"{where}：记录哈希不符")
        prev_hash = record.hash
    return problems


def vote_result(event: VoteEvent) -> VoteResult:
    """The result as the law counts it (results.compute), from the counters and the voters' flags."""
    counts = [
        OptionCount(o["pk"], o["code"], o["label"], o["count"])
        for o in VoteOption.objects.filter(event=event)
        .order_by("order")
        .values("pk", "code", "label", "count")
    ]
    present = Voter.objects.filter(event=event).count()
    invalid = 0
    if event.is_paper:
        tally = PaperTally.objects.filter(event=event).first()
        voted = tally.returned if tally else 0
        if tally and event.choice_kind == ChoiceKind.YES_NO:
            invalid = tally.returned - sum(c.count for c in counts)
    else:
        voted = Voter.objects.filter(event=event, has_voted=True).count()
    return compute(event, counts=counts, present=present, voted=voted, invalid=invalid)
