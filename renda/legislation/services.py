"""Every write of the legislative outreach (基层立法联系点). Rules: docs/workflows/legislation.md."""

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q

from renda.core import clock
from renda.core.formats import cn_date
from renda.core.human import too_often
from renda.core.notifications import notify
from renda.core.roles import can
from renda.core.services import STALE_MESSAGE, StaleEditError, save_versioned
from renda.core.uploads import check_upload
from renda.legislation import text as drafting
from renda.legislation.models import (
    Adoption,
    ArticleChange,
    ArticleText,
    Channel,
    Comment,
    ConsolidatedOpinion,
    Draft,
    DraftArticle,
    DraftState,
    DraftVersion,
    Liaison,
    LiaisonRole,
    OutreachWork,
    Symposium,
    WorkKind,
)
from renda.legislation.workflows import COMMENT, DRAFT_FLOW, KEEP, MANAGE
from renda.opinions.models import new_tracking_code

MIN_CONSULTATION_DAYS = 30  # 【国】 立法法 Art. 40: drafts open for public comment for at least 30 days
DOCX = {".docx": b"PK\x03\x04"}


def _text_of(text: str, upload: Any) -> str:
    if upload is not None:
        check_upload(upload, DOCX)
        text = drafting.docx_text(upload.read())
    if not drafting.split(text).articles:
        raise ValidationError({"text": "没有识别出条文（应以“第一条”等开头分行），请检查文本。"})
    return text


def _add_version(draft: Draft, text: str, label: str, final: bool) -> DraftVersion:
    """A new text of `draft`, split into articles, each aligned with the previous version's article."""
    previous = draft.versions.filter(final=False).order_by("-number").first()
    number = (draft.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    parsed = drafting.split(text)
    version = DraftVersion.objects.create(
        draft=draft, number=number, label=label, final=final, preamble=parsed.preamble, text=text
    )
    old = list(previous.texts.select_related("article").order_by("position")) if previous else []
    matches, _deleted = drafting.align([t.text for t in old], [a.text for a in parsed.articles])
    rows = []
    for m in matches:
        article = parsed.articles[m.new]
        before = old[m.old] if m.old is not None else None
        rows.append(
            ArticleText(
                version=version,
                article=before.article if before else DraftArticle.objects.create(draft=draft),
                position=m.new + 1,
                number=article.number,
                chapter=article.chapter,
                text=article.text,
                change=m.kind if before else ArticleChange.NEW,
                previous_number=before.number if before else None,
            )
        )
    ArticleText.objects.bulk_create(rows)
    return version


@transaction.atomic
def draft_receive(
    *,
    title: str,
    issuing_body: str,
    level: str,
    received_on: datetime.date,
    report_due: datetime.date,
    text: str = "",
    upload: Any = None,
    label: str = "征求意见稿",
    actor: Any,
) -> Draft:
    """A draft received from above: its text (pasted or a .docx) split into chapters and articles."""
    if not can(actor, MANAGE):
        raise PermissionDenied("只有人大常委会工作机构可以登记草案。")
    if report_due < received_on:
        raise ValidationError({"report_due": "报送截止日期不能早于收到日期。"})
    body = _text_of(text, upload)
    draft = Draft.objects.create(
        title=title, issuing_body=issuing_body, level=level, received_on=received_on, report_due=report_due,
        created_by=actor,
    )  # fmt: skip
    version = _add_version(draft, body, label, final=False)
    DRAFT_FLOW.record(
        draft, action="收到草案", actor=actor, note=f"{version.label}，{version.texts.count()}条",
        from_state="", to_state=DraftState.RECEIVED, created_at=clock.now(),
    )  # fmt: skip
    return draft


def version_add(*, draft: Draft, label: str, text: str = "", upload: Any = None, actor: Any) -> DraftVersion:
    """A new version of the draft (二审稿…): aligned article by article with the previous one; the comments and
    opinions stay on their articles."""
    body = _text_of(text, upload)
    with transaction.atomic():
        draft = DRAFT_FLOW.require(draft, "revise", actor=actor)
        version = _add_version(draft, body, label, final=False)
        counts = _change_counts(version)
        DRAFT_FLOW.apply(draft, "revise", actor=actor, note=f"{label}：{counts}")
    return version


def _change_counts(version: DraftVersion) -> str:
    texts = list(version.texts.all())
    parts = [
        f"{label}{sum(1 for t in texts if t.change == value)}条"
        for value, label in ArticleChange.choices
        if value != ArticleChange.SAME and any(t.change == value for t in texts)
    ]
    deleted = len(deleted_articles(version))
    if deleted:
        parts.append(f"删除{deleted}条")
    return "，".join(parts) or "条文未变"


def deleted_articles(version: DraftVersion) -> list[ArticleText]:
    """The previous version's articles this version no longer has."""
    previous = (
        version.draft.versions.filter(number__lt=version.number, final=False).order_by("-number").first()
    )
    if previous is None:
        return []
    return list(previous.texts.exclude(article__in=version.texts.values("article")).order_by("position"))


def _corrected(text_row: ArticleText, expected_version: int, actor: Any) -> Draft:
    """The draft locked for a correction by hand of `text_row`'s version, if nobody changed it since the form
    was read (`expected_version`, the draft's version); a stale form is refused."""
    draft = DRAFT_FLOW.require(text_row.version.draft, "correct", actor=actor)
    if draft.version != expected_version:
        raise StaleEditError(STALE_MESSAGE.format(current=draft.version, expected=expected_version))
    return draft


def article_correct(
    *, text_row: ArticleText, number: int, chapter: str, text: str, expected_version: int, actor: Any
) -> ArticleText:
    """A correction by hand of an article's recognised number, chapter (heading) or text; its comments stay."""
    if not text.strip():
        raise ValidationError({"text": "条文内容不能为空。"})
    with transaction.atomic():
        draft = _corrected(text_row, expected_version, actor)
        text_row.number, text_row.chapter, text_row.text = number, chapter.strip(), text.strip()
        text_row.save()
        DRAFT_FLOW.apply(draft, "correct", actor=actor, note=f"{text_row.version.label}第{number}条")
    return text_row


def article_split(
    *,
    text_row: ArticleText,
    at: int,
    expected_version: int,
    number: int | None = None,
    move_comments: Iterable[Comment] = (),
    actor: Any,
) -> ArticleText:
    """An article the automatic split left whole split in two before its paragraph `at` (1-based, at least
    the second): the first part keeps the article and its comments, the second becomes a new article (number
    `number`, or the one its first line names as 第X条, or the next) placed right after it; the comments in
    `move_comments` go with the second part. Returns the second part."""
    paragraphs = [line for line in text_row.text.split("\n") if line.strip()]
    if not 2 <= at <= len(paragraphs):
        raise ValidationError({"at": f"请选择从第2至第{len(paragraphs)}段中的一段作为新条文的开头。"})
    moved = list(move_comments)
    if any(c.article_id != text_row.article_id for c in moved):
        raise ValidationError({"move_comments": "只能移动本条的意见。"})
    head, rest = paragraphs[at - 1], paragraphs[at:]
    if match := drafting.ARTICLE.match(head.replace("\u3000", " ")):
        number = number or drafting.cn_number(match.group(1))
        head = match.group(2).strip()
    second_text = "\n".join([p for p in [head, *rest] if p.strip()])
    if not second_text:
        raise ValidationError({"at": "新条文没有内容。"})
    with transaction.atomic():
        draft = _corrected(text_row, expected_version, actor)
        version = text_row.version
        text_row.text = "\n".join(paragraphs[: at - 1])
        text_row.save(update_fields=["text"])
        # Room for the new part right after this one (positions are not unique, but keep them distinct).
        for later in version.texts.filter(position__gt=text_row.position).order_by("-position"):
            later.position += 1
            later.save(update_fields=["position"])
        second = ArticleText.objects.create(
            version=version, article=DraftArticle.objects.create(draft=draft), position=text_row.position + 1,
            number=number or text_row.number + 1, chapter=text_row.chapter, text=second_text,
            change=ArticleChange.NEW,
        )  # fmt: skip
        Comment.objects.filter(pk__in=[c.pk for c in moved]).update(article=second.article)
        DRAFT_FLOW.apply(
            draft, "correct", actor=actor,
            note=f"{version.label}第{text_row.number}条拆分为第{text_row.number}条、第{second.number}条"
            + (f"，移动意见{len(moved)}条" if moved else ""),
        )  # fmt: skip
    return second


def article_merge(*, text_row: ArticleText, expected_version: int, actor: Any) -> ArticleText:
    """An article the automatic split cut off wrongly merged into the previous article of the same version: its
    text (with its 第X条 line restored) is appended to the previous one, its comments and opinions move to the
    merged article. Returns the merged article's text."""
    with transaction.atomic():
        draft = _corrected(text_row, expected_version, actor)
        version = text_row.version
        previous = version.texts.filter(position__lt=text_row.position).order_by("-position").first()
        if previous is None:
            raise ValidationError("这是本版本的第一条，没有可并入的上一条。", code="no_previous")
        article = text_row.article
        lines = text_row.text.split("\n")
        lines[0] = f"第{drafting.cn_numeral(text_row.number)}条 {lines[0]}".strip()
        previous.text = "\n".join([previous.text, *lines]).strip()
        if previous.change == ArticleChange.SAME:
            previous.change = ArticleChange.CHANGED
        previous.save(update_fields=["text", "change"])
        moved = Comment.objects.filter(article=article).update(article=previous.article)
        ConsolidatedOpinion.objects.filter(article=article).update(article=previous.article)
        number = text_row.number
        text_row.delete()
        for later in version.texts.filter(position__gt=text_row.position).order_by("position"):
            later.position -= 1
            later.save(update_fields=["position"])
        if not article.texts.exists():
            article.delete()
        DRAFT_FLOW.apply(
            draft, "correct", actor=actor,
            note=f"{version.label}第{number}条并入第{previous.number}条" + (f"，意见{moved}条随之移动" if moved else ""),
        )  # fmt: skip
    return previous


def draft_open(
    *,
    draft: Draft,
    opens_on: datetime.date,
    closes_on: datetime.date,
    internal_due: datetime.date | None = None,
    stations: Iterable = (),
    deputies: Iterable = (),
    liaisons: Iterable = (),
    others: str = "",
    actor: Any,
) -> Draft:
    """The office opens the consultation: a public window of at least MIN_CONSULTATION_DAYS days (both ends
    counted); a shorter internal deadline for the stations and deputies is allowed."""
    if (closes_on - opens_on).days + 1 < MIN_CONSULTATION_DAYS:
        short = f"公开征求意见的时间不得少于{MIN_CONSULTATION_DAYS}日（立法法第四十条）。"
        raise ValidationError({"closes_on": ValidationError(short, code="window_too_short")})
    if internal_due is not None and not opens_on <= internal_due <= closes_on:
        raise ValidationError({"internal_due": "内部截止日期应在征求意见期间内。"})
    with transaction.atomic():
        draft = DRAFT_FLOW.apply(
            draft, "open", actor=actor, note=f"{cn_date(opens_on)}至{cn_date(closes_on)}",
            opens_on=opens_on, closes_on=closes_on, internal_due=internal_due, others=others,
        )  # fmt: skip
        draft.stations.set(stations)
        draft.deputies.set(deputies)
        draft.liaisons.set(liaisons)
    return draft


def draft_close(*, draft: Draft, actor: Any) -> Draft:
    return DRAFT_FLOW.apply(draft, "close", actor=actor)


def consultations_expire(*, today: datetime.date) -> dict[str, int]:
    """Daily: consultations whose window has passed go to sorting. Idempotent."""
    count = 0
    for draft in Draft.objects.filter(state=DraftState.CONSULTING, closes_on__lt=today):
        DRAFT_FLOW.apply(draft, "expire", actor=None)
        count += 1
    return {"consultations_closed": count}


def current_version(draft: Draft) -> DraftVersion:
    version = draft.versions.filter(final=False).order_by("-number").first()
    assert version is not None  # a draft is received with its first version
    return version


def _check_article(draft: Draft, article: DraftArticle | None) -> None:
    if article is not None and article.draft_id != draft.pk:
        raise ValidationError({"article": "该条文不属于本草案。"})


def _window_open(draft: Draft) -> None:
    draft.refresh_from_db(fields=["state", "closes_on"])  # as it is now, not as the caller read it
    today = clock.today()
    if draft.state != DraftState.CONSULTING or (draft.closes_on and today > draft.closes_on):
        raise ValidationError("该草案不在征求意见期间。", code="not_consulting")


@transaction.atomic
def comment_submit_public(
    *,
    draft: Draft,
    content: str,
    article: DraftArticle | None = None,
    author_name: str = "",
    contact: str = "",
    client_hash: str = "",
) -> Comment:
    """A citizen's comment from the public page, no account: name optional, contact kept private; at most
    core.human.PER_HOUR from one address in an hour (as the citizens' opinions). It gets a tracking code, with
    which the contributor looks up whether it went into the report and was adopted (selectors.comment_status)."""
    _window_open(draft)
    _check_article(draft, article)
    if too_often(Comment.objects.all(), client_hash):
        raise ValidationError("提交过于频繁，请一小时后再试。", code="throttled")
    return Comment.objects.create(
        draft=draft, article=article, version=current_version(draft), channel=Channel.PUBLIC, content=content,
        author_name=author_name, contact=contact, client_hash=client_hash, tracking_code=_new_code(),
    )  # fmt: skip


def _new_code() -> str:
    """A tracking code no comment has (the citizens' opinions' alphabet: read out over the phone)."""
    while Comment.objects.filter(tracking_code=(code := new_tracking_code())).exists():
        pass
    return code


def _source_of(actor: Any, channel: str) -> dict[str, Any]:
    if channel == Channel.DEPUTY:
        if not getattr(actor, "deputy_id", None):
            raise PermissionDenied("只有代表本人可以以代表身份提出意见。")
        return {"deputy_id": actor.deputy_id}
    if can(actor, MANAGE):
        return {}
    if can(actor, KEEP) and getattr(actor, "station_id", None):
        return {"station_id": actor.station_id}
    raise PermissionDenied("您不能登记该来源的意见。")


@transaction.atomic
def comment_add(
    *,
    draft: Draft,
    content: str,
    channel: str,
    article: DraftArticle | None = None,
    author_name: str = "",
    contact: str = "",
    station: Any = None,
    actor: Any,
) -> Comment:
    """A comment from a deputy (their own), or entered by a station keeper or the office (信息员收集、问卷、部门和专家)."""
    if not can(actor, COMMENT) and not can(actor, MANAGE):
        raise PermissionDenied("您不能提出立法意见。")
    source = _source_of(actor, channel)
    if channel == Channel.PUBLIC or channel == Channel.SYMPOSIUM:
        raise ValidationError({"channel": "网上意见由公众页面提交，座谈会意见随座谈会登记。"})
    if can(actor, MANAGE) and draft.state == DraftState.SORTING:
        pass  # the office may still enter what arrived by post before the window closed
    else:
        _window_open(draft)
    _check_article(draft, article)
    if station is not None and "station_id" not in source:
        source["station"] = station
    return Comment.objects.create(
        draft=draft, article=article, version=current_version(draft), channel=channel, content=content,
        author_name=author_name or (actor.deputy.name if channel == Channel.DEPUTY else ""), contact=contact,
        entered_by=actor, **source,
    )  # fmt: skip


@transaction.atomic
def symposium_record(
    *,
    draft: Draft,
    held_on: datetime.date,
    place: str,
    attendees: str,
    attendee_count: int = 0,
    minutes: str = "",
    comments: Sequence[tuple[DraftArticle | None, str]] = (),
    station: Any = None,
    actor: Any,
) -> Symposium:
    """座谈会: the keeper (their station) or the office enters the meeting and the comments made at it."""
    if can(actor, MANAGE):
        pass
    elif can(actor, KEEP) and getattr(actor, "station_id", None):
        station = actor.station
    else:
        raise PermissionDenied("只有联络站管理员或人大常委会工作机构可以登记座谈会。")
    if draft.state not in (DraftState.CONSULTING, DraftState.SORTING):
        raise ValidationError("该草案不在征求意见期间。", code="not_consulting")
    if draft.opens_on and held_on < draft.opens_on or held_on > clock.today():
        raise ValidationError({"held_on": "座谈会日期应在征求意见开始之后、不晚于今天。"})
    symposium = Symposium.objects.create(
        draft=draft, station=station, held_on=held_on, place=place, attendees=attendees,
        attendee_count=attendee_count, minutes=minutes, entered_by=actor,
    )  # fmt: skip
    version = current_version(draft)
    for article, content in comments:
        _check_article(draft, article)
        Comment.objects.create(
            draft=draft, article=article, version=version, channel=Channel.SYMPOSIUM, content=content,
            station=station, symposium=symposium, entered_by=actor,
        )  # fmt: skip
    DRAFT_FLOW.record(
        draft, action="登记座谈会", actor=actor, note=f"{place}，{len(comments)}条意见",
        from_state="", to_state="", created_at=clock.now(),
    )  # fmt: skip
    return symposium


@transaction.atomic
def comment_merge(*, comment: Comment, into: Comment, actor: Any) -> Comment:
    """A duplicate comment merged into another of the same draft; its source is kept and still counted."""
    DRAFT_FLOW.require(comment.draft, "sort", actor=actor)
    if into.draft_id != comment.draft_id or into.pk == comment.pk or into.merged_into_id:
        raise ValidationError({"into": "只能合并到同一草案的另一条未合并的意见。"})
    comment.merged_into = into
    comment.save(update_fields=["merged_into", "updated_at"])
    comment.duplicates.update(merged_into=into)
    return comment


@transaction.atomic
def opinion_write(
    *,
    draft: Draft,
    text: str,
    reason: str = "",
    article: DraftArticle | None = None,
    comments: Iterable[Comment] = (),
    opinion: ConsolidatedOpinion | None = None,
    actor: Any,
) -> ConsolidatedOpinion:
    """The office's consolidated opinion on an article (采纳建议) and the comments behind it."""
    draft = DRAFT_FLOW.require(draft, "sort", actor=actor)
    _check_article(draft, article)
    chosen = list(comments)
    if any(c.draft_id != draft.pk for c in chosen):
        raise ValidationError({"comments": "只能归入本草案的意见。"})
    if opinion is None:
        opinion = ConsolidatedOpinion.objects.create(draft=draft, article=article, text=text, reason=reason)
    else:
        opinion.article, opinion.text, opinion.reason = article, text, reason
        opinion.save()
        opinion.comments.exclude(pk__in=[c.pk for c in chosen]).update(opinion=None)
    Comment.objects.filter(pk__in=[c.pk for c in chosen]).update(opinion=opinion)
    Comment.objects.filter(merged_into__in=[c.pk for c in chosen]).update(opinion=opinion)
    return opinion


def draft_report(*, draft: Draft, reported_on: datetime.date, actor: Any) -> Draft:
    """The report went to the upper congress on `reported_on` (not before the draft was received)."""
    if reported_on < draft.received_on or reported_on > clock.today():
        raise ValidationError({"reported_on": "报送日期应在收到草案之后、不晚于今天。"})
    late = "（逾期）" if reported_on > draft.report_due else ""
    return DRAFT_FLOW.apply(
        draft, "report", actor=actor, note=f"{cn_date(reported_on)}报送{late}", reported_on=reported_on
    )


def final_text_add(
    *, draft: Draft, passed_on: datetime.date, text: str = "", upload: Any = None, actor: Any
) -> DraftVersion:
    """The text as passed: aligned with the reported version, so each opinion's article can be compared."""
    body = _text_of(text, upload)
    with transaction.atomic():
        draft = DRAFT_FLOW.require(draft, "final", actor=actor)
        draft.versions.filter(final=True).delete()
        version = _add_version(draft, body, "通过文本", final=True)
        DRAFT_FLOW.apply(draft, "final", actor=actor, note=f"{cn_date(passed_on)}通过", passed_on=passed_on)
    return version


def opinion_adoption_record(
    *, opinion: ConsolidatedOpinion, adoption: str, note: str = "", actor: Any
) -> ConsolidatedOpinion:
    """Whether the passed law adopted a reported opinion (采纳, 部分采纳, 未采纳)."""
    if adoption not in Adoption.values or adoption == Adoption.PENDING:
        raise ValidationError({"adoption": "请选择采纳情况。"})
    with transaction.atomic():
        DRAFT_FLOW.require(opinion.draft, "adopt", actor=actor)
        opinion.adoption, opinion.adoption_note = adoption, note
        opinion.save(update_fields=["adoption", "adoption_note", "updated_at"])
        DRAFT_FLOW.apply(
            opinion.draft, "adopt", actor=actor, note=f"{opinion.text[:20]}：{opinion.get_adoption_display()}"
        )
    return opinion


def draft_conclude(*, draft: Draft, actor: Any) -> Draft:
    """Every reported opinion has its adoption recorded; the contributors with an account are told."""
    if draft.opinions.filter(adoption=Adoption.PENDING).exists():
        raise ValidationError("还有整理意见未记录采纳情况。", code="adoption_pending")
    with transaction.atomic():
        draft = DRAFT_FLOW.apply(draft, "conclude", actor=actor)
        adopted = draft.opinions.exclude(adoption=Adoption.NOT).count()
        users = _contributors(draft)
        transaction.on_commit(
            lambda: notify(
                recipients=users,
                title=f"您对《{draft.title}》提出的意见：{adopted}条整理意见被采纳",
                url=f"/legislation/{draft.pk}/",
                key=f"legislation-adopted:{draft.pk}",
            )
        )
    return draft


def _contributors(draft: Draft) -> list[Any]:
    from renda.accounts.models import User

    comments = draft.comments.exclude(opinion=None)
    return list(
        User.objects.filter(is_active=True)
        .filter(Q(deputy__in=comments.values("deputy")) | Q(pk__in=comments.values("entered_by")))
        .distinct()
    )


def outreach_work_record(
    *,
    kind: str,
    held_on: datetime.date,
    title: str,
    count: int = 1,
    note: str = "",
    station: Any = None,
    attendees: Iterable[Liaison] = (),
    actor: Any,
) -> OutreachWork:
    """A station's training, publicity event or mediation; a keeper records their own station's. A training
    names the 信息员 and 联络员 on record who attended (of its station, or of none); `count` is everyone there."""
    if can(actor, MANAGE):
        if station is None:
            raise ValidationError({"station": "请选择联络站。"})
    elif can(actor, KEEP) and getattr(actor, "station_id", None):
        station = actor.station
    else:
        raise PermissionDenied("只有联络站管理员或人大常委会工作机构可以登记。")
    if held_on > clock.today():
        raise ValidationError({"held_on": "日期不能晚于今天。"})
    present = list(attendees)
    if present and kind != WorkKind.TRAINING:
        raise ValidationError({"attendees": "只有信息员、联络员培训登记参加人员。"})
    if any(a.station_id not in (None, station.pk) for a in present):
        raise ValidationError({"attendees": "只能选择本联络站（室）的信息员、联络员。"})
    if len(present) > count:
        raise ValidationError({"count": f"参加人数不能少于所选的{len(present)}名信息员、联络员。"})
    with transaction.atomic():
        work = OutreachWork.objects.create(
            station=station, kind=kind, held_on=held_on, title=title, count=count, note=note, entered_by=actor
        )
        work.attendees.set(present)
    return work


LIAISON_FIELDS = ("name", "role", "station", "expertise", "organisation", "phone", "active", "note")


def _liaison_station(actor: Any, station: Any) -> Any:
    """The office names any station (or none, for an expert); a keeper only their own."""
    if can(actor, MANAGE):
        return station
    if can(actor, KEEP) and getattr(actor, "station_id", None):
        return actor.station
    raise PermissionDenied("只有人大常委会工作机构或联络站管理员可以登记信息员、联络员和专家。")


def liaison_create(
    *,
    name: str,
    role: str,
    station: Any = None,
    expertise: str = "",
    organisation: str = "",
    phone: str = "",
    active: bool = True,
    note: str = "",
    actor: Any,
) -> Liaison:
    """A 信息员, 联络员 or expert on record; a keeper adds their own station's."""
    station = _liaison_station(actor, station)
    if role != LiaisonRole.EXPERT and station is None:
        raise ValidationError({"station": "信息员、联络员应选择所在联络站（室）。"})
    liaison = Liaison(
        name=name.strip(), role=role, station=station, expertise=expertise, organisation=organisation,
        phone=phone.strip(), active=active, note=note,
    )  # fmt: skip
    liaison.full_clean()
    liaison.save()
    return liaison


def liaison_update(*, liaison: Liaison, expected_version: int, actor: Any, **changes: Any) -> Liaison:
    """A change to a record, on the version the form was read at (a stale form is refused); a keeper edits
    only their own station's, and cannot move a record to another station."""
    if not can(actor, MANAGE) and liaison.station_id != getattr(actor, "station_id", None):
        raise PermissionDenied("只能修改本联络站（室）的信息员、联络员。")
    changes = {k: v for k, v in changes.items() if k in LIAISON_FIELDS}
    changes["station"] = _liaison_station(actor, changes.get("station", liaison.station))
    if changes.get("role", liaison.role) != LiaisonRole.EXPERT and changes["station"] is None:
        raise ValidationError({"station": "信息员、联络员应选择所在联络站（室）。"})
    return save_versioned(liaison, expected_version=expected_version, changes=changes, actor=actor)
