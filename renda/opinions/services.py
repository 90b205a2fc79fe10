"""Every write on citizens' opinions. Moves are declared in workflows.py and made with OPINION_FLOW.apply;
forwarding to departments and their answers are casework (renda.casework.services, kind CASES). Dates come
from core.clock; local rules (forwarding, answer and follow-up windows, retention) from core.rules."""

import datetime
import re
from collections.abc import Sequence
from typing import Any, cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F

from renda.accounts.models import User
from renda.casework import services as casework
from renda.core import clock
from renda.core.formats import cn_date
from renda.core.human import too_often
from renda.core.notifications import notify
from renda.core.roles import can, holders
from renda.core.rules import rule
from renda.core.services import save_versioned
from renda.core.uploads import PHOTO_TYPES, check_upload, shortened_name
from renda.deputies.models import Deputy, LiaisonStation
from renda.opinions.models import (
    Channel,
    InformMethod,
    Opinion,
    OpinionAssignment,
    OpinionPhoto,
    OpinionReply,
    OpinionTerm,
    PersonalDataView,
    RedirectReason,
    Satisfaction,
    State,
)
from renda.opinions.workflows import BY_OFFICE, CASES, COLLECT, KEEP, MANAGE, OPINION_FLOW, office_users
from renda.org.models import HandlingUnit
from renda.suggestions.similarity import term_vector

MAX_PHOTOS = 6
PHONE = re.compile(r"^(1\d{10}|0\d{2,3}-?\d{7,8})$")
EDITABLE = frozenset({"title", "content", "category", "township", "village", "is_complex"})


def _url(opinion: Opinion) -> str:
    return f"/opinions/{opinion.pk}/"


def keepers(opinion: Opinion) -> list:
    """Who triages the opinion and tells the citizen: its station's keepers, or the office without one."""
    if opinion.station_id:
        found = list(holders(KEEP).filter(station_id=opinion.station_id))
        if found:
            return found
    return office_users()


def _check_phone(phone: str, *, required: bool) -> str:
    phone = (phone or "").strip().replace(" ", "")
    if not phone:
        if required:
            raise ValidationError({"citizen_phone": "请填写联系电话，以便告知办理结果。"})
        return ""
    if not PHONE.match(phone):
        raise ValidationError({"citizen_phone": "请填写11位手机号码或带区号的固定电话。"})
    return phone


def _station_of_township(township) -> LiaisonStation | None:
    """An online opinion goes to the township's own station (the first active one), if there is one."""
    if township is None:
        return None
    return LiaisonStation.objects.filter(township=township, active=True, parent=None).order_by("pk").first()


def _photos(opinion: Opinion, photos: Sequence) -> None:
    if len(photos) > MAX_PHOTOS:
        raise ValidationError({"photos": f"最多上传{MAX_PHOTOS}张照片。"})
    for upload in photos:
        check_upload(upload, PHOTO_TYPES)
        upload.name = shortened_name(upload.name)
        OpinionPhoto.objects.create(opinion=opinion, file=upload, name=upload.name)


def _create(
    *, actor: User | None, channel: str, received_on: datetime.date, photos: Sequence = (), **fields
) -> Opinion:
    if received_on > clock.today():
        raise ValidationError({"received_on": "收到日期不能晚于今天。"})
    if received_on.year < 2000:
        raise ValidationError({"received_on": "请核对收到日期。"})
    for name in ("title", "content"):
        if not str(fields.get(name, "")).strip():
            raise ValidationError(
                {name: "请填写反映的事项和具体内容。" if name == "content" else "请填写事项。"}
            )
    opinion = Opinion(
        channel=channel,
        received_on=received_on,
        year=received_on.year,
        received_by=actor,
        forward_due=received_on + datetime.timedelta(days=rule("opinion_forward_days")),
        **fields,
    )
    opinion.full_clean(exclude=["tracking_code"])
    opinion.save()
    OPINION_FLOW.record(
        opinion,
        action="受理",
        actor=actor,
        note=Channel(channel).label,
        from_state="",
        to_state=State.RECEIVED,
        created_at=clock.now(),
    )
    _photos(opinion, photos)
    _index_terms(opinion)
    return opinion


def _index_terms(opinion: Opinion) -> None:
    month = opinion.received_on.replace(day=1)
    OpinionTerm.objects.bulk_create(
        OpinionTerm(opinion=opinion, month=month, station_id=opinion.station_id, term=term, weight=weight)
        for term, weight in term_vector(opinion.title, opinion.content).items()
    )


@transaction.atomic
def opinion_take(
    *,
    actor: User,
    channel: str,
    title: str,
    content: str,
    received_on: datetime.date | None = None,
    citizen_phone: str = "",
    citizen_name: str = "",
    citizen_address: str = "",
    station: LiaisonStation | None = None,
    deputy: Deputy | None = None,
    photos: Sequence = (),
    **fields: Any,
) -> Opinion:
    """A keeper at a reception day, a deputy on a visit, or the office records what a citizen said. A keeper
    records for their own station; a deputy as the collecting deputy."""
    if channel not in {Channel.RECEPTION, Channel.VISIT}:
        raise ValidationError({"channel": "请选择接待日或走访。"})
    if can(actor, MANAGE):
        pass
    elif can(actor, KEEP) and actor.station_id:
        if station is not None and station.pk != actor.station_id:
            raise PermissionDenied("联络站管理员只能登记本站收到的意见。")
        station = actor.station
    elif can(actor, COLLECT) and actor.deputy_id:
        if deputy is not None and deputy.pk != actor.deputy_id:
            raise PermissionDenied("代表只能以本人名义登记收集的意见。")
        deputy = actor.deputy
        station = station or (deputy.station if deputy else None)
    else:
        raise PermissionDenied("只有联络站管理员、代表或代表工作机构可以登记群众意见。")
    return _create(
        actor=actor,
        channel=channel,
        received_on=received_on or clock.today(),
        title=title.strip(),
        content=content.strip(),
        citizen_phone=_check_phone(citizen_phone, required=False),
        citizen_name=citizen_name.strip(),
        citizen_address=citizen_address.strip(),
        station=station,
        deputy=deputy,
        photos=photos,
        **fields,
    )


@transaction.atomic
def opinion_submit_online(
    *,
    title: str,
    content: str,
    citizen_phone: str,
    township,
    consent: bool,
    citizen_name: str = "",
    village: str = "",
    category=None,
    photos: Sequence = (),
    client_hash: str = "",
) -> Opinion:
    """A citizen without an account sends an opinion from the public page; the phone is required for the answer
    and the consent to its use. The opinion goes to the township's station (or the office). At most
    core.human.PER_HOUR from one address (`client_hash`, a keyed hash the view makes of it) in an hour."""
    if too_often(Opinion.objects.all(), client_hash):
        raise ValidationError("提交过于频繁，请一小时后再试，或拨打联络站电话反映。", code="throttled")
    if not consent:
        raise ValidationError({"consent": "请阅读并同意个人信息使用说明。"})
    if township is None:
        raise ValidationError({"township": "请选择所在乡镇（街道）。"})
    opinion = _create(
        actor=None,
        channel=Channel.ONLINE,
        received_on=clock.today(),
        title=title.strip(),
        content=content.strip(),
        citizen_phone=_check_phone(citizen_phone, required=True),
        citizen_name=citizen_name.strip(),
        township=township,
        village=village.strip(),
        category=category,
        station=_station_of_township(township),
        photos=photos,
        client_hash=client_hash,
    )
    notify(recipients=keepers(opinion), title=f"收到网上反映：{opinion.title}", url=_url(opinion))
    return opinion


@transaction.atomic
def opinions_import(*, rows: Sequence[dict[str, Any]], actor: User) -> list[Opinion]:
    """A hotline sheet (e.g. a 12345 export), already validated row by row (forms.OpinionImportRow): all rows
    or none. Each opinion goes to its township's station."""
    BY_OFFICE.require(actor)
    return [
        _create(
            actor=actor,
            channel=Channel.HOTLINE,
            received_on=row["received_on"],
            title=row["title"].strip(),
            content=row["content"].strip(),
            citizen_phone=_check_phone(row.get("citizen_phone", ""), required=False),
            citizen_name=row.get("citizen_name", "").strip(),
            township=row.get("township"),
            village=row.get("village", ""),
            category=row.get("category"),
            station=_station_of_township(row.get("township")),
        )
        for row in rows
    ]


@transaction.atomic
def opinion_update(*, opinion: Opinion, expected_version: int, changes: dict, actor: User) -> Opinion:
    """The triager corrects the matter, its place or category before it is handled."""
    unknown = set(changes) - EDITABLE
    if unknown:
        raise ValidationError(f"不能修改：{'、'.join(sorted(unknown))}。")
    OPINION_FLOW.require(opinion, "edit", actor=actor)
    current = save_versioned(opinion, expected_version=expected_version, changes=changes, actor=actor)
    labels = "、".join(
        str(getattr(Opinion._meta.get_field(name), "verbose_name", name)) for name in sorted(changes)
    )
    OPINION_FLOW.record(
        current, action="修改", actor=actor, note=labels, from_state="", to_state="", created_at=clock.now()
    )
    return current


# ---------------------------------------------------------------- triage


@transaction.atomic
def opinion_answer_on_spot(*, opinion: Opinion, answer: str, actor: User) -> Opinion:
    """The keeper or the deputy answered the citizen there and then (a policy explained, say)."""
    if not answer.strip():
        raise ValidationError({"answer": "请填写当场答复的内容。"})
    return OPINION_FLOW.apply(
        opinion, "answer_on_spot", actor=actor, note=answer, answer=answer, closed_on=clock.today()
    )


@transaction.atomic
def opinion_redirect(*, opinion: Opinion, reason: RedirectReason, actor: User, note: str = "") -> Opinion:
    """A court case, arbitration or administrative review matter is referred, not taken (RULES.md)."""
    if not reason.active:
        raise ValidationError({"reason": "该引导类别已停用。"})
    return OPINION_FLOW.apply(
        opinion,
        "redirect",
        actor=actor,
        note=f"{reason.label}。{note}".strip("。"),
        redirect_reason=reason,
        answer=reason.referral,
        closed_on=clock.today(),
    )


@transaction.atomic
def opinions_merge(*, into: Opinion, others: Sequence[Opinion], actor: User) -> Opinion:
    """The same matter raised by several citizens: handled once, as `into`; each citizen follows it."""
    if not others:
        raise ValidationError("请选择要合并的意见。")
    if any(other.pk == into.pk for other in others):
        raise ValidationError("不能将意见合并到其自身。")
    current = OPINION_FLOW.require(into, "merge", actor=actor)
    for other in others:
        OPINION_FLOW.apply(
            other,
            "merged",
            actor=actor,
            note=f"合并至 {current.tracking_code} {current.title}",
            merged_into=current,
            closed_on=clock.today(),
        )
    return OPINION_FLOW.apply(current, "merge", actor=actor, note="、".join(o.tracking_code for o in others))


@transaction.atomic
def opinion_forward(
    *,
    opinion: Opinion,
    actor: User,
    lead: HandlingUnit | None = None,
    joint: Sequence[HandlingUnit] = (),
    assisting: Sequence[HandlingUnit] = (),
    split: Sequence[HandlingUnit] = (),
    is_complex: bool = False,
) -> Opinion:
    """转办: to one lead department (with joint and assisting ones) or split among departments; the answer is
    due within opinion_answer_working_days (…_complex) working days."""
    current = OPINION_FLOW.require(opinion, "forward", actor=actor)
    roles = casework.assignment_roles(lead=lead, joint=joint, assisting=assisting, split=split)
    current.is_complex = is_complex
    on = clock.today()
    assignments = casework.assign(CASES, current, roles, on=on)
    note = "；".join(f"{a.get_role_display()}：{a.unit.name}" for a in assignments)
    return OPINION_FLOW.apply(
        current,
        "forward",
        actor=actor,
        note=note,
        is_complex=is_complex,
        reply_due=max(a.due for a in assignments),
    )


@transaction.atomic
def opinion_raise(*, opinion: Opinion, deputy: Deputy, actor: User) -> Opinion:
    """A deputy takes the matter up as their own suggestion: a draft in the deputy's name, prefilled from the
    opinion, the link kept both ways. The office may raise it for any serving deputy; a deputy for themself."""
    from renda.suggestions import services as suggestions

    OPINION_FLOW.require(opinion, "raise", actor=actor)
    if not can(actor, MANAGE) and actor.deputy_id != deputy.pk:
        raise PermissionDenied("代表只能以本人名义将群众意见转为建议。")
    draft = suggestions.suggestion_create(
        lead_deputy=deputy,
        title=f"关于{opinion.title}的建议" if not opinion.title.startswith("关于") else opinion.title,
        content=f"{opinion.content}\n\n（来源：群众意见 {opinion.tracking_code}，{cn_date(opinion.received_on)}）",
        category=opinion.category,
        actor=actor,
    )
    current = OPINION_FLOW.apply(
        opinion, "raise", actor=actor, note=f"{deputy.name}代表", suggestion=draft, closed_on=clock.today()
    )
    notify(
        recipients=list(User.objects.filter(deputy=deputy, is_active=True)),
        title=f"群众意见已转为您的建议草稿：{draft.title}",
        body="请完善后提交。",
        url=f"/suggestions/{draft.pk}/",
    )
    return current


# ---------------------------------------------------------------- departments' answers, telling the citizen, 回访


@transaction.atomic
def opinion_reply_send(
    *, assignment: OpinionAssignment, text: str, signer: str, actor: User, letter=None
) -> OpinionReply:
    """A lead or split department answers; once every one has, the station tells the citizen."""
    reply = cast(
        OpinionReply,
        casework.reply(assignment=assignment, text=text, signer=signer, actor=actor, letter=letter),
    )
    opinion = OPINION_FLOW.lock(assignment.citizen_opinion)
    if casework.answered(CASES, opinion):
        name = "answered" if opinion.state == State.HANDLING else "answered_again"
        opinion = OPINION_FLOW.apply(opinion, name, actor=actor, answered_on=clock.today())
        notify(
            recipients=keepers(opinion), title=f"部门已答复，请告知群众：{opinion.title}", url=_url(opinion)
        )
    return reply


@transaction.atomic
def opinion_reassignment_decide(
    *,
    assignment: OpinionAssignment,
    approve: bool,
    actor: User,
    new_unit: HandlingUnit | None = None,
    note: str = "",
) -> OpinionAssignment:
    """The office approves a department's request to be replaced (the new one's deadline restarts, and so
    does the opinion's) or refuses it."""
    if not approve:
        return casework.refuse_reassignment(assignment=assignment, actor=actor, note=note)
    replacement = casework.approve_reassignment(
        assignment=assignment, new_unit=new_unit, actor=actor, note=note
    )
    if replacement.answers:
        opinion = OPINION_FLOW.lock(assignment.citizen_opinion)
        opinion.reply_due = max(casework.answering(CASES, opinion).values_list("due", flat=True))
        opinion.save(update_fields=["reply_due", "updated_at"])
    return replacement


@transaction.atomic
def opinion_inform(*, opinion: Opinion, how: str, actor: User, answer: str = "") -> Opinion:
    """The station tells the citizen the departments' answer (recorded how)."""
    if how not in InformMethod.values:
        raise ValidationError({"how": "请选择告知方式。"})
    return OPINION_FLOW.apply(
        opinion,
        "inform",
        actor=actor,
        note=InformMethod(how).label,
        informed_on=clock.today(),
        informed_how=how,
        answer=answer or opinion.answer,
    )


@transaction.atomic
def opinion_feedback(
    *, opinion: Opinion, resolved: bool, satisfaction: str, actor: User | None, by_citizen: bool = False
) -> Opinion:
    """回访: resolved → closed; not resolved → back to the departments once (round 2), then to the office.
    The keeper records it after a call, or the citizen gives it on the status page (`by_citizen`)."""
    if satisfaction not in Satisfaction.values:
        raise ValidationError({"satisfaction": "请选择满意、基本满意或不满意。"})
    name = "citizen_feedback" if by_citizen else "feedback"
    note = f"{'已解决' if resolved else '未解决'}，{Satisfaction(satisfaction).label}"
    current = OPINION_FLOW.apply(
        opinion,
        name,
        actor=None if by_citizen else actor,
        note=note,
        resolved=resolved,
        satisfaction=satisfaction,
        feedback_on=clock.today(),
    )
    if resolved:
        return OPINION_FLOW.apply(current, "close", actor=actor, closed_on=clock.today())
    if current.round == 1:
        due = CASES.deadlines(clock.today(), current)["due"]
        casework.reopen(CASES, current, due=due, actor=actor)
        current = OPINION_FLOW.apply(
            current, "rehandle", actor=actor, round=2, reply_due=due, answered_on=None
        )
        for assignment in casework.answering(CASES, current):
            notify(
                recipients=casework.unit_users(assignment.unit_id),
                title=f"群众反映未解决，请重新办理：{current.title}",
                body=f"期限：{cn_date(due)}",
                url=_url(current),
            )
        return current
    current = OPINION_FLOW.apply(current, "escalate", actor=actor)
    notify(recipients=office_users(), title=f"群众意见经重新办理仍未解决：{current.title}", url=_url(current))
    return current


PHONE_TRIES = 5  # wrong last-four-digit tries before the status page stops taking the citizen's rating


def opinion_citizen_feedback(
    *, opinion: Opinion, phone_tail: str, resolved: bool, satisfaction: str
) -> Opinion:
    """The citizen rates the answer on the public status page, proving it is them with the last four digits of
    the phone they gave. After PHONE_TRIES wrong tries the page refuses (the keeper records it by phone)."""
    if opinion.phone_tries >= PHONE_TRIES:
        raise ValidationError("核对错误次数过多，请联系联络站反映办理结果。", code="too_many_tries")
    if not opinion.citizen_phone or not opinion.citizen_phone.endswith(phone_tail):
        with transaction.atomic():
            Opinion.objects.filter(pk=opinion.pk).update(phone_tries=F("phone_tries") + 1)
        raise ValidationError({"phone_tail": ["与登记的联系电话不符。"]}, code="phone_mismatch")
    return opinion_feedback(
        opinion=opinion, resolved=resolved, satisfaction=satisfaction, actor=None, by_citizen=True
    )


@transaction.atomic
def opinion_close_escalated(*, opinion: Opinion, answer: str, actor: User) -> Opinion:
    """The office took the matter up with the departments; it records the outcome and closes."""
    if not answer.strip():
        raise ValidationError({"answer": "请填写处理结果。"})
    return OPINION_FLOW.apply(
        opinion, "close_escalated", actor=actor, note=answer, answer=answer, closed_on=clock.today()
    )


# ---------------------------------------------------------------- personal information


def personal_data_viewed(*, opinion: Opinion, viewer: User, where: str) -> None:
    PersonalDataView.objects.create(opinion=opinion, viewer=viewer, where=where)


FINISHED = [State.CLOSED, State.REDIRECTED, State.MERGED, State.RAISED]


@transaction.atomic
def personal_data_erase(*, today: datetime.date) -> dict[str, int]:
    """Finished opinions older than the retention period (rule opinion_retention_days) lose the citizen's
    name, phone and address. Idempotent."""
    cutoff = today - datetime.timedelta(days=rule("opinion_retention_days"))
    count = Opinion.objects.filter(
        state__in=FINISHED, closed_on__lt=cutoff, personal_data_erased_on=None
    ).update(citizen_name="", citizen_phone="", citizen_address="", personal_data_erased_on=today)
    return {"personal_data_erased": count}
