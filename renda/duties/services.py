"""Every write of duty records: the entries deputies report themselves and the office decides, and the reports
to voters with their ratings. Moves are declared in workflows.py and made with ENTRY_FLOW / REPORT_FLOW.apply;
dates come from core.clock."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from renda.accounts.models import User
from renda.core import clock
from renda.core.formats import cn_date
from renda.core.notifications import notify
from renda.core.roles import can, holders
from renda.core.services import STALE_MESSAGE, StaleEditError
from renda.core.uploads import ATTACHMENT_TYPES, check_upload, shortened_name
from renda.deputies.choices import DeputyStatus
from renda.deputies.models import Deputy, LiaisonStation
from renda.duties.models import (
    Ballot,
    DutyEntry,
    DutyReport,
    EntryKind,
    EntryState,
    ReportState,
    VoterRating,
)
from renda.duties.workflows import ENTRY_FLOW, KEEP, MANAGE, OWN, REPORT_FLOW

MAX_BALLOTS = 500  # ballots issued for one report at a time (one printed sheet of slips per voter)
ENTRY_EDITABLE = frozenset({"kind", "title", "date", "description", "proof"})
REPORT_EDITABLE = frozenset({"title", "date", "place", "deputies"})


def entry_url(entry: DutyEntry) -> str:
    return f"/duties/entries/{entry.pk}/"


def report_url(report: DutyReport) -> str:
    return f"/duties/reports/{report.pk}/"


def _users_of(deputies: Iterable[Deputy]) -> list[User]:
    return list(User.objects.filter(deputy__in=[d.pk for d in deputies], is_active=True))


def office_users() -> list[User]:
    return list(holders(MANAGE))


# ---------------------------------------------------------------- self-reported entries


def _check_entry(kind: str, title: str, date: datetime.date, description: str) -> None:
    errors: dict[str, str] = {}
    if kind not in EntryKind.values:
        errors["kind"] = "请选择类别。"
    if not title.strip():
        errors["title"] = "请填写事项。"
    if not description.strip():
        errors["description"] = "请说明履职的时间、地点和内容。"
    if date > clock.today():
        errors["date"] = "日期不能晚于今天。"
    elif date.year < 2000:
        errors["date"] = "请核对日期。"
    if errors:
        raise ValidationError(errors)


def _proof(upload: Any) -> Any:
    if upload is None:
        raise ValidationError({"proof": "请上传证明材料（照片、PDF或Word文件）。"})
    try:
        check_upload(upload, ATTACHMENT_TYPES)
    except ValidationError as error:
        raise ValidationError({"proof": error.messages}) from None
    upload.name = shortened_name(upload.name)
    return upload


@transaction.atomic
def duty_entry_submit(
    *,
    deputy: Deputy,
    kind: str,
    title: str,
    date: datetime.date,
    description: str,
    proof: Any,
    actor: User,
) -> DutyEntry:
    """A deputy reports a duty of their own with a proof file; the office approves or rejects it. The office
    may enter one for a deputy in office (a paper form); it is decided the same way."""
    if can(actor, MANAGE):
        if deputy.status != DeputyStatus.ACTIVE:
            raise ValidationError({"deputy": "该代表不在任。"})
    elif not (can(actor, OWN) and actor.deputy_id == deputy.pk):
        raise PermissionDenied("代表只能填报本人的履职事项。")
    _check_entry(kind, title, date, description)
    upload = _proof(proof)
    entry = DutyEntry.objects.create(
        deputy=deputy,
        kind=kind,
        title=title.strip(),
        date=date,
        year=date.year,
        description=description.strip(),
        proof=upload,
        proof_name=upload.name,
        created_by=actor,
    )
    ENTRY_FLOW.record(
        entry,
        action="填报",
        actor=actor,
        note=EntryKind(kind).label,
        from_state="",
        to_state=EntryState.SUBMITTED,
        created_at=clock.now(),
    )
    notify(
        recipients=office_users(), title=f"履职事项待认定：{deputy.name} {entry.title}", url=entry_url(entry)
    )
    return entry


@transaction.atomic
def duty_entry_update(*, entry: DutyEntry, expected_version: int, changes: dict, actor: User) -> DutyEntry:
    """The deputy corrects an entry the office has not decided yet (a new proof replaces the old one)."""
    unknown = set(changes) - ENTRY_EDITABLE
    if unknown:
        raise ValidationError(f"不能修改：{'、'.join(sorted(unknown))}。")
    current = ENTRY_FLOW.require(entry, "edit", actor=actor)
    if current.version != expected_version:
        raise StaleEditError(STALE_MESSAGE.format(current=current.version, expected=expected_version))
    values = {
        name: changes.get(name, getattr(current, name)) for name in ("kind", "title", "date", "description")
    }
    _check_entry(**values)
    fields: dict[str, Any] = {**values, "year": values["date"].year}
    fields["title"], fields["description"] = values["title"].strip(), values["description"].strip()
    if changes.get("proof") is not None:
        upload = _proof(changes["proof"])
        fields |= {"proof": upload, "proof_name": upload.name}
    labels = "、".join(
        str(getattr(DutyEntry._meta.get_field(name), "verbose_name", name)) for name in sorted(changes)
    )
    return ENTRY_FLOW.apply(current, "edit", actor=actor, note=labels, **fields)


@transaction.atomic
def duty_entry_withdraw(*, entry: DutyEntry, actor: User) -> DutyEntry:
    return ENTRY_FLOW.apply(entry, "withdraw", actor=actor)


def _decided(entry: DutyEntry, title: str) -> None:
    notify(recipients=_users_of([entry.deputy]), title=title, url=entry_url(entry))


@transaction.atomic
def duty_entry_approve(*, entry: DutyEntry, actor: User, note: str = "") -> DutyEntry:
    """The office accepts the entry: it counts in the deputy's record and points."""
    current = ENTRY_FLOW.apply(
        entry,
        "approve",
        actor=actor,
        note=note.strip(),
        decided_by=actor,
        decided_at=clock.now(),
        decision_note=note.strip(),
    )
    _decided(current, f"履职事项已认定：{current.title}")
    return current


@transaction.atomic
def duty_entry_reject(*, entry: DutyEntry, reason: str, actor: User) -> DutyEntry:
    """The office does not accept the entry, and says why."""
    if not reason.strip():
        raise ValidationError({"reason": "请说明不予认定的理由。"})
    current = ENTRY_FLOW.apply(
        entry,
        "reject",
        actor=actor,
        note=reason.strip(),
        decided_by=actor,
        decided_at=clock.now(),
        decision_note=reason.strip(),
    )
    _decided(current, f"履职事项未予认定：{current.title}")
    return current


# ---------------------------------------------------------------- reports to voters


def _may_keep(actor: User, station: LiaisonStation) -> bool:
    return can(actor, MANAGE) or (can(actor, KEEP) and actor.station_id == station.pk)


def _check_deputies(deputies: list[Deputy]) -> None:
    if not deputies:
        raise ValidationError({"deputies": "请至少选择一名述职代表。"})
    absent = [d.name for d in deputies if d.status != DeputyStatus.ACTIVE]
    if absent:
        raise ValidationError({"deputies": f"不在任的代表不能述职：{'、'.join(absent)}。"})


@transaction.atomic
def duty_report_schedule(
    *,
    station: LiaisonStation,
    date: datetime.date,
    place: str,
    deputies: Iterable[Deputy],
    actor: User,
    title: str = "",
) -> DutyReport:
    """Schedule deputies' report to their voters at a station (a keeper at their own station, the office at any);
    the deputies are told. A report already held may be recorded afterwards: schedule it, then record it."""
    if not _may_keep(actor, station):
        raise PermissionDenied("只能在本人管理的联络站安排代表述职。")
    deputies = list(deputies)
    _check_deputies(deputies)
    errors: dict[str, str] = {}
    if not place.strip():
        errors["place"] = "请填写述职地点。"
    if date.year < 2000:
        errors["date"] = "请核对述职日期。"
    if errors:
        raise ValidationError(errors)
    names = "、".join(d.name for d in deputies)
    report = DutyReport.objects.create(
        title=(title.strip() or f"{names}代表向选民述职")[:120],
        date=date,
        place=place.strip(),
        station=station,
        created_by=actor,
    )
    report.deputies.set(deputies)
    REPORT_FLOW.record(
        report,
        action="安排述职",
        actor=actor,
        note=f"{cn_date(date)}，{report.place}；述职代表：{names}",
        from_state="",
        to_state=ReportState.SCHEDULED,
        created_at=clock.now(),
    )
    notify(
        recipients=_users_of(deputies),
        title=f"请于{cn_date(date)}在{report.place}向选民述职",
        url=report_url(report),
    )
    return report


@transaction.atomic
def duty_report_update(
    *, report: DutyReport, expected_version: int, changes: dict, actor: User
) -> DutyReport:
    """Change the date, place, title or deputies of a report not yet held."""
    unknown = set(changes) - REPORT_EDITABLE
    if unknown:
        raise ValidationError(f"不能修改：{'、'.join(sorted(unknown))}。")
    current = REPORT_FLOW.require(report, "edit", actor=actor)
    if current.version != expected_version:
        raise StaleEditError(STALE_MESSAGE.format(current=current.version, expected=expected_version))
    fields = {name: value for name, value in changes.items() if name != "deputies"}
    if "place" in fields and not str(fields["place"]).strip():
        raise ValidationError({"place": "请填写述职地点。"})
    if "title" in fields and not str(fields["title"]).strip():
        raise ValidationError({"title": "请填写名称。"})
    deputies = None
    if "deputies" in changes:
        deputies = list(changes["deputies"])
        _check_deputies(deputies)
    labels = "、".join(
        str(getattr(DutyReport._meta.get_field(name), "verbose_name", name)) for name in sorted(changes)
    )
    current = REPORT_FLOW.apply(current, "edit", actor=actor, note=labels, **fields)
    if deputies is not None:
        current.deputies.set(deputies)
    return current


@transaction.atomic
def duty_report_cancel(*, report: DutyReport, reason: str, actor: User) -> DutyReport:
    if not reason.strip():
        raise ValidationError({"reason": "请说明取消的原因。"})
    current = REPORT_FLOW.apply(report, "cancel", actor=actor, note=reason.strip())
    notify(
        recipients=_users_of(current.deputies.all()),
        title=f"述职已取消：{current.title}",
        url=report_url(current),
    )
    return current


@transaction.atomic
def duty_report_hold(*, report: DutyReport, voters_present: int, report_text: str, actor: User) -> DutyReport:
    """The report took place: how many voters came and what the deputies reported. Rating opens."""
    errors: dict[str, str] = {}
    if voters_present is None or voters_present < 1:
        errors["voters_present"] = "请填写到会选民人数。"
    if not report_text.strip():
        errors["report_text"] = "请填写述职报告或其要点。"
    if errors:
        raise ValidationError(errors)
    return REPORT_FLOW.apply(
        report,
        "hold",
        actor=actor,
        note=f"到会选民{voters_present}人",
        voters_present=voters_present,
        report_text=report_text.strip(),
    )


def _check_total(report: DutyReport, paper: int, ballots: int) -> None:
    """Paper tallies and on-site ballots together cannot exceed the voters present."""
    if report.voters_present is not None and paper + ballots > report.voters_present:
        raise ValidationError(
            f"评议票（纸质{paper}张、现场评议码{ballots}个）超过到会选民人数{report.voters_present}人。",
            code="too_many_ratings",
        )


@transaction.atomic
def duty_report_ratings_enter(
    *, report: DutyReport, satisfied: int, basically_satisfied: int, dissatisfied: int, actor: User
) -> DutyReport:
    """The keeper enters the counted paper ballots (they replace an earlier entry)."""
    values = {
        "satisfied": satisfied,
        "basically_satisfied": basically_satisfied,
        "dissatisfied": dissatisfied,
    }
    negative = {name: "不能为负数。" for name, value in values.items() if value is None or value < 0}
    if negative:
        raise ValidationError(negative)
    current = REPORT_FLOW.require(report, "enter_ratings", actor=actor)
    _check_total(current, sum(values.values()), current.ballots.count())
    return REPORT_FLOW.apply(
        current,
        "enter_ratings",
        actor=actor,
        note=f"满意{satisfied}、基本满意{basically_satisfied}、不满意{dissatisfied}",
        paper_satisfied=satisfied,
        paper_basically_satisfied=basically_satisfied,
        paper_dissatisfied=dissatisfied,
    )


@transaction.atomic
def duty_report_ballots_issue(*, report: DutyReport, count: int, actor: User) -> list[Ballot]:
    """One-time rating slips for the voters on site, each with its own QR link (MAX_BALLOTS at a time)."""
    if count is None or not 1 <= count <= MAX_BALLOTS:
        raise ValidationError({"count": f"一次可生成1至{MAX_BALLOTS}个评议码。"})
    current = REPORT_FLOW.require(report, "issue_ballots", actor=actor)
    paper = current.paper_satisfied + current.paper_basically_satisfied + current.paper_dissatisfied
    _check_total(current, paper, current.ballots.count() + count)
    now = clock.now()
    ballots = Ballot.objects.bulk_create(Ballot(report=current, issued_at=now) for _ in range(count))
    REPORT_FLOW.apply(current, "issue_ballots", actor=actor, note=f"{count}个")
    return ballots


@transaction.atomic
def ballot_cast(*, token: str, rating: str) -> Ballot:
    """A voter rates the report through their slip's QR link, without an account: once per token, while the
    report is open for rating. No event per ballot: the result is the count."""
    if rating not in VoterRating.values:
        raise ValidationError({"rating": "请选择满意、基本满意或不满意。"})
    found = Ballot.objects.filter(token=token).select_related("report").first()
    if found is None:
        raise ValidationError("评议码无效。", code="invalid_token")
    REPORT_FLOW.require(found.report, "cast", actor=None)
    ballot = Ballot.objects.select_for_update().get(pk=found.pk)
    if ballot.rating:
        raise ValidationError("该评议码已经使用过，每个评议码只能评议一次。", code="ballot_used")
    ballot.rating, ballot.cast_at = rating, clock.now()
    ballot.save(update_fields=["rating", "cast_at"])
    return ballot


@transaction.atomic
def duty_report_close(*, report: DutyReport, actor: User) -> DutyReport:
    """Rating ends; unused ballots no longer work. The deputies are told the result."""
    from renda.duties.selectors import report_result

    current = REPORT_FLOW.require(report, "close", actor=actor)
    result = report_result(current)
    note = (
        f"满意{result.satisfied}、基本满意{result.basically_satisfied}、不满意{result.dissatisfied}，"
        f"满意率{result.rate}"
    )
    current = REPORT_FLOW.apply(current, "close", actor=actor, note=note)
    notify(
        recipients=_users_of(current.deputies.all()), title=f"述职评议结果：{note}", url=report_url(current)
    )
    return current
