"""Pages of the legislative outreach: drafts (list, detail with articles, versions and comments), the
consultation, comments from deputies, stations and symposiums, sorting and the upward report, the adoption,
the stations' outreach work, statistics, and the public pages. Each view validates a form, calls one service
or selector and renders; what a user may not see is a 404."""

import datetime
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from renda.core import clock
from renda.core.formats import cn_date
from renda.core.forms import form_page, post_action, show_errors
from renda.core.human import client_hash, new_question
from renda.core.listing import RendaListView
from renda.core.privacy import mask_phone
from renda.core.roles import can
from renda.legislation import docx, selectors, services
from renda.legislation import text as drafting
from renda.legislation.forms import (
    AdoptionForm,
    ArticleForm,
    ArticleMergeForm,
    CommentFilter,
    CommentForm,
    DraftFilter,
    DraftForm,
    FinalForm,
    LiaisonFilter,
    LiaisonForm,
    MergeForm,
    OpenForm,
    OpinionForm,
    PublicCommentForm,
    ReportForm,
    SplitForm,
    SymposiumForm,
    TrackForm,
    VersionForm,
    WorkFilter,
    WorkForm,
)
from renda.legislation.models import Adoption, ArticleText, Channel, ConsolidatedOpinion, Draft, DraftState
from renda.legislation.workflows import COMMENT, DRAFT_FLOW, KEEP, MANAGE, READ

FORM = "legislation/form.html"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _require(user: Any, capability: str) -> None:
    if not can(user, capability):
        raise Http404("没有找到该页面。")


def _posted(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _files(request: HttpRequest) -> Any:
    return request.FILES if request.method == "POST" else None


def _draft(request: HttpRequest, pk: int) -> Draft:
    return get_object_or_404(selectors.drafts_visible_to(request.user), pk=pk)


def _page(request, form, *, title: str, save, success: str, next_url, **extra) -> HttpResponse:
    return form_page(
        request, form, save=save, success=success, next_url=next_url, template=FORM,
        context={"title": title, "multipart": form.is_multipart(), **extra},
    )  # fmt: skip


def _back(draft: Draft) -> str:
    return reverse("legislation:draft", args=[draft.pk])


class DraftListView(RendaListView):
    """法规草案征求意见: every draft with its comment and opinion counts."""

    template_name = "legislation/drafts.html"
    filterset_class = DraftFilter
    sort_fields = {"received": ["received_on"], "due": ["report_due"], "comments": ["comment_count"]}
    default_sort = "-received"
    export_filename = "法规草案征求意见"
    export_columns = (
        ("草案名称", lambda d: d.title),
        ("征求意见机关", lambda d: d.issuing_body),
        ("层级", lambda d: d.get_level_display()),
        ("收到日期", lambda d: d.received_on),
        ("报送截止日期", lambda d: d.report_due),
        ("状态", lambda d: d.get_state_display()),
        ("收集意见（条）", lambda d: d.comment_count),
        ("整理意见（条）", lambda d: d.opinion_count),
        ("报送日期", lambda d: d.reported_on),
    )

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            _require(request.user, READ)
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        return selectors.drafts_for_list(self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "is_office": can(self.request.user, MANAGE)}


@login_required
def draft_create(request: HttpRequest) -> HttpResponse:
    _require(request.user, MANAGE)
    form = DraftForm(_posted(request), _files(request))
    return _page(
        request, form, title="登记法规草案",
        save=lambda: services.draft_receive(actor=request.user, **form.cleaned_data),
        success="草案已登记，条文已自动拆分，请核对。", next_url=lambda d: _back(d),
    )  # fmt: skip


@login_required
def draft_detail(request: HttpRequest, pk: int) -> HttpResponse:
    draft = _draft(request, pk)
    versions = list(draft.versions.order_by("number"))
    try:
        chosen = int(request.GET.get("v") or 0)
    except ValueError:
        chosen = 0
    version = next((v for v in versions if v.number == chosen), None) or services.current_version(draft)
    texts = list(selectors.version_texts(version, request.user))
    article = request.GET.get("article", "")
    comments = selectors.comments_visible_to(request.user).filter(draft=draft)
    if article.isdigit():
        comments = comments.filter(article_id=int(article))
    office = can(request.user, MANAGE)
    reported, final = selectors.reported_version(draft), selectors.final_version(draft)
    opinions = list(selectors.opinions_of(draft))
    for opinion in opinions:
        opinion.original = selectors.text_in(opinion, reported)  # type: ignore[attr-defined]
        opinion.final_text = selectors.text_in(opinion, final)  # type: ignore[attr-defined]
        opinion.hint = selectors.adoption_hint(opinion, reported, final)  # type: ignore[attr-defined]
    moves = {m.name for m in DRAFT_FLOW.moves_for(request.user, draft)}
    may_comment = draft.state == DraftState.CONSULTING and (can(request.user, COMMENT) or office)
    context = {
        "draft": draft,
        "versions": versions,
        "version": version,
        "texts": texts,
        "deleted": services.deleted_articles(version),
        "comments": [
            (c, c.contact if office else mask_phone(c.contact))
            for c in comments.select_related("opinion")[:200]
        ],
        "article": article,
        "opinions": opinions,
        "final": final,
        "events": draft.events.select_related("actor"),
        "symposiums": draft.symposiums.select_related("station").annotate(n=Count("comments")),
        "liaisons": list(draft.liaisons.all()),
        "moves": moves,
        "is_office": office,
        "may_comment": may_comment,
        "may_symposium": draft.state in (DraftState.CONSULTING, DraftState.SORTING)
        and (office or can(request.user, KEEP)),
        "flow": DRAFT_FLOW,
    }
    return render(request, "legislation/draft_detail.html", context)


@login_required
def version_add(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request.user, MANAGE)
    draft = _draft(request, pk)
    form = VersionForm(_posted(request), _files(request))
    return _page(
        request, form, title=f"上传新版本：{draft.title}",
        save=lambda: services.version_add(draft=draft, actor=request.user, **form.cleaned_data),
        success="新版本已上传，条文已与上一版本逐条对照，意见仍在原条文上。",
        next_url=lambda v: f"{_back(draft)}?v={v.number}",
    )  # fmt: skip


def _text_row(request: HttpRequest, pk: int) -> ArticleText:
    _require(request.user, MANAGE)
    return get_object_or_404(
        ArticleText.objects.filter(
            version__draft__in=selectors.drafts_visible_to(request.user)
        ).select_related("version__draft", "article"),
        pk=pk,
    )


def _structure(row: ArticleText) -> str:
    return f"{reverse('legislation:structure', args=[row.version.draft_id])}?v={row.version.number}#t{row.pk}"


@login_required
def structure(request: HttpRequest, pk: int) -> HttpResponse:
    """条文结构校正: a version's chapters, articles and paragraphs as the automatic split recognised them, with
    the corrections by hand (edit, split, merge into the previous article)."""
    _require(request.user, MANAGE)
    draft = _draft(request, pk)
    versions = list(draft.versions.order_by("number"))
    try:
        chosen = int(request.GET.get("v") or 0)
    except ValueError:
        chosen = 0
    version = next((v for v in versions if v.number == chosen), None) or services.current_version(draft)
    texts = list(selectors.version_texts(version, request.user))
    for t in texts:
        t.clauses = drafting.clauses(t.text)  # type: ignore[attr-defined]
    context = {
        "draft": draft,
        "versions": versions,
        "version": version,
        "texts": texts,
        "may_correct": DRAFT_FLOW.may(request.user, draft, "correct"),
    }
    return render(request, "legislation/structure.html", context)


@login_required
def article_edit(request: HttpRequest, pk: int) -> HttpResponse:
    row = _text_row(request, pk)
    initial = {
        "number": row.number, "chapter": row.chapter, "text": row.text, "expected_version": row.version.draft.version,
    }  # fmt: skip
    form = ArticleForm(_posted(request), initial=initial)
    return _page(
        request, form, title=f"校正条文：{row.version}第{row.number}条",
        save=lambda: services.article_correct(text_row=row, actor=request.user, **form.cleaned_data),
        success="条文已校正。", next_url=_structure(row),
    )  # fmt: skip


@login_required
def article_split(request: HttpRequest, pk: int) -> HttpResponse:
    row = _text_row(request, pk)
    form = SplitForm(_posted(request), text_row=row, initial={"expected_version": row.version.draft.version})
    return _page(
        request, form, title=f"拆分条文：{row.version}第{row.number}条",
        save=lambda: services.article_split(text_row=row, actor=request.user, **form.cleaned_data),
        success="已拆分为两条；意见留在原条（选中的已移到新条）。", next_url=lambda second: _structure(second),
        subject=row.text, submit_label="拆分",
    )  # fmt: skip


@login_required
def article_merge(request: HttpRequest, pk: int) -> HttpResponse:
    row = _text_row(request, pk)
    form = ArticleMergeForm(_posted(request), initial={"expected_version": row.version.draft.version})
    return _page(
        request, form, title=f"并入上一条：{row.version}第{row.number}条",
        save=lambda: services.article_merge(text_row=row, actor=request.user, **form.cleaned_data),
        success="已并入上一条，本条的意见随之移到合并后的条文。", next_url=lambda merged: _structure(merged),
        subject=row.text, submit_label="并入上一条",
        note="本条的内容（连同“第X条”）接在上一条之后，本条的意见和整理意见移到上一条。",
    )  # fmt: skip


@login_required
def draft_open(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request.user, MANAGE)
    draft = _draft(request, pk)
    today = clock.today()
    form = OpenForm(
        _posted(request), initial={"opens_on": today, "closes_on": today + datetime.timedelta(days=29)}
    )
    return _page(
        request, form, title=f"发布征求意见：{draft.title}",
        save=lambda: services.draft_open(draft=draft, actor=request.user, **form.cleaned_data),
        success="已发布征求意见。", next_url=_back(draft),
    )  # fmt: skip


@login_required
@require_POST
def draft_close(request: HttpRequest, pk: int) -> HttpResponse:
    draft = _draft(request, pk)
    return post_action(
        request,
        lambda: services.draft_close(draft=draft, actor=request.user),
        "征求意见已结束。",
        _back(draft),
    )


def _channels(user: Any) -> list[Any]:
    if can(user, MANAGE):
        return [Channel.STATION, Channel.QUESTIONNAIRE, Channel.DEPARTMENT] + (
            [Channel.DEPUTY] if getattr(user, "deputy_id", None) else []
        )
    channels: list[Any] = []
    if getattr(user, "deputy_id", None):
        channels.append(Channel.DEPUTY)
    if can(user, KEEP) and getattr(user, "station_id", None):
        channels += [Channel.STATION, Channel.QUESTIONNAIRE]
    return channels


@login_required
def comment_create(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request.user, READ)
    draft = _draft(request, pk)
    channels = _channels(request.user)
    if not channels or not (can(request.user, COMMENT) or can(request.user, MANAGE)):
        raise Http404("没有找到该页面。")
    initial = {"article": request.GET.get("article", "")}
    form = CommentForm(_posted(request), draft=draft, channels=channels, initial=initial)
    return _page(
        request, form, title=f"提出意见：{draft.title}",
        save=lambda: services.comment_add(draft=draft, actor=request.user, **form.cleaned_data),
        success="意见已提交。", next_url=_back(draft),
    )  # fmt: skip


@login_required
def symposium_create(request: HttpRequest, pk: int) -> HttpResponse:
    if not (can(request.user, KEEP) or can(request.user, MANAGE)):
        raise Http404("没有找到该页面。")
    draft = _draft(request, pk)
    form = SymposiumForm(_posted(request), draft=draft)
    if not can(request.user, MANAGE):
        del form.fields["station"]
    return _page(
        request, form, title=f"登记座谈会：{draft.title}",
        save=lambda: services.symposium_record(draft=draft, actor=request.user, **form.cleaned_data),
        success="座谈会及意见已登记。", next_url=_back(draft),
    )  # fmt: skip


@login_required
def comment_merge(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request.user, MANAGE)
    comment = get_object_or_404(selectors.comments_visible_to(request.user), pk=pk)
    form = MergeForm(_posted(request), comment=comment)
    return _page(
        request, form, title="合并重复意见",
        save=lambda: services.comment_merge(comment=comment, actor=request.user, **form.cleaned_data),
        success="已合并。", next_url=_back(comment.draft), subject=comment.content,
    )  # fmt: skip


@login_required
def opinion_create(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request.user, MANAGE)
    draft = _draft(request, pk)
    initial: dict[str, Any] = {"article": request.GET.get("article", "")}
    if initial["article"].isdigit():
        initial["comments"] = list(draft.comments.filter(article_id=int(initial["article"]), opinion=None))
    form = OpinionForm(_posted(request), draft=draft, initial=initial)
    return _page(
        request, form, title=f"整理意见：{draft.title}",
        save=lambda: services.opinion_write(draft=draft, actor=request.user, **form.cleaned_data),
        success="整理意见已保存。", next_url=_back(draft),
    )  # fmt: skip


@login_required
def opinion_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request.user, MANAGE)
    opinion = get_object_or_404(
        ConsolidatedOpinion.objects.filter(draft__in=selectors.drafts_visible_to(request.user)), pk=pk
    )
    draft = opinion.draft
    initial = {
        "article": str(opinion.article_id or ""),
        "text": opinion.text,
        "reason": opinion.reason,
        "comments": list(opinion.comments.all()),
    }
    form = OpinionForm(_posted(request), draft=draft, initial=initial)
    return _page(
        request, form, title=f"修改整理意见：{draft.title}",
        save=lambda: services.opinion_write(draft=draft, opinion=opinion, actor=request.user, **form.cleaned_data),
        success="整理意见已保存。", next_url=_back(draft),
    )  # fmt: skip


@login_required
def draft_report(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request.user, MANAGE)
    draft = _draft(request, pk)
    form = ReportForm(_posted(request), initial={"reported_on": clock.today()})
    return _page(
        request, form, title=f"报送上级人大：{draft.title}",
        save=lambda: services.draft_report(draft=draft, actor=request.user, **form.cleaned_data),
        success="已记录报送。", next_url=_back(draft),
        note="报送材料可在草案页面下载（Word）。",
    )  # fmt: skip


@login_required
def report_docx(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request.user, MANAGE)
    draft = _draft(request, pk)
    response = HttpResponse(docx.report(draft), content_type=DOCX_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''legislation-report-{draft.pk}.docx"
    return response


@login_required
def final_add(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request.user, MANAGE)
    draft = _draft(request, pk)
    form = FinalForm(_posted(request), _files(request))
    return _page(
        request, form, title=f"录入通过文本：{draft.title}",
        save=lambda: services.final_text_add(draft=draft, actor=request.user, **form.cleaned_data),
        success="通过文本已录入，已与报送版本逐条对照。", next_url=_back(draft),
    )  # fmt: skip


@login_required
def opinion_adopt(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request.user, MANAGE)
    opinion = get_object_or_404(
        ConsolidatedOpinion.objects.filter(draft__in=selectors.drafts_visible_to(request.user)), pk=pk
    )
    initial = {"adoption": opinion.adoption if opinion.adoption != Adoption.PENDING else Adoption.FULL}
    form = AdoptionForm(_posted(request), initial=initial)
    return _page(
        request, form, title="记录采纳情况",
        save=lambda: services.opinion_adoption_record(opinion=opinion, actor=request.user, **form.cleaned_data),
        success="采纳情况已记录。", next_url=_back(opinion.draft), subject=opinion.text,
    )  # fmt: skip


@login_required
@require_POST
def draft_conclude(request: HttpRequest, pk: int) -> HttpResponse:
    draft = _draft(request, pk)
    return post_action(
        request,
        lambda: services.draft_conclude(draft=draft, actor=request.user),
        "已反馈采纳情况。",
        _back(draft),
    )


class CommentListView(RendaListView):
    """立法意见: the comments the user may see (the office every one), by draft, channel and article, for sorting
    and for Excel."""

    template_name = "legislation/comments.html"
    filterset_class = CommentFilter
    sort_fields = {"time": ["created_at"], "channel": ["channel"]}
    default_sort = "-time"
    export_filename = "立法意见"

    def get_export_columns(self) -> Any:
        office = can(self.request.user, MANAGE)
        return (
            ("草案", lambda c: c.draft.title),
            ("条文", lambda c: str(c.article) if c.article else "整体"),
            ("意见内容", lambda c: c.content),
            ("来源", lambda c: c.get_channel_display()),
            ("联络站（室）", lambda c: c.station.name if c.station else ""),
            ("提出人", lambda c: c.author_name),
            ("联系方式", lambda c: c.contact if office else mask_phone(c.contact)),
            ("时间", lambda c: cn_date(c.created_at)),
            ("合并到", lambda c: c.merged_into_id or ""),
        )

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            _require(request.user, READ)
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        return selectors.comments_visible_to(self.request.user).select_related("draft")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        office = can(self.request.user, MANAGE)
        context = super().get_context_data(**kwargs)
        context["rows"] = [
            (c, c.contact if office else mask_phone(c.contact)) for c in context["object_list"]
        ]
        return context


class WorkListView(RendaListView):
    """联系点工作: trainings, legal publicity and mediations of the stations."""

    template_name = "legislation/work.html"
    filterset_class = WorkFilter
    sort_fields = {"date": ["held_on"], "count": ["count"]}
    default_sort = "-date"
    export_filename = "联系点工作"
    export_columns = (
        ("日期", lambda w: w.held_on),
        ("联络站（室）", lambda w: w.station.name),
        ("类别", lambda w: w.get_kind_display()),
        ("名称", lambda w: w.title),
        ("人数或件次", lambda w: w.count),
    )

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            _require(request.user, READ)
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        return selectors.work_visible_to(self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        return {**super().get_context_data(**kwargs), "may_record": can(user, MANAGE) or can(user, KEEP)}


@login_required
def work_create(request: HttpRequest) -> HttpResponse:
    if not (can(request.user, KEEP) or can(request.user, MANAGE)):
        raise Http404("没有找到该页面。")
    own = None if can(request.user, MANAGE) else request.user.station_id  # type: ignore[union-attr]
    form = WorkForm(_posted(request), initial={"held_on": clock.today()}, station_id=own)
    if own is not None:
        del form.fields["station"]
    return _page(
        request, form, title="登记联系点工作",
        save=lambda: services.outreach_work_record(actor=request.user, **form.cleaned_data),
        success="已登记。", next_url="legislation:work",
    )  # fmt: skip


@login_required
def statistics(request: HttpRequest) -> HttpResponse:
    _require(request.user, READ)
    try:
        year = int(request.GET.get("year") or clock.today().year)
    except ValueError:
        year = clock.today().year
    return render(request, "legislation/statistics.html", {"f": selectors.year_figures(year), "year": year})


class LiaisonListView(RendaListView):
    """信息员、联络员和专家: the people the office asks, by role and station; phones masked for all but the
    office and the keeper of their station (in the page and in Excel)."""

    template_name = "legislation/liaisons.html"
    filterset_class = LiaisonFilter
    sort_fields = {"name": ["name"], "role": ["role", "name"], "station": ["station__name", "name"]}
    default_sort = "role"
    export_filename = "信息员联络员和专家"

    def get_export_columns(self) -> Any:
        user = self.request.user
        return (
            ("姓名", lambda p: p.name),
            ("身份", lambda p: p.get_role_display()),
            ("联络站（室）", lambda p: p.station.name if p.station else ""),
            ("专业领域", lambda p: p.expertise),
            ("工作单位", lambda p: p.organisation),
            ("联系电话", lambda p: selectors.liaison_phone(user, p)),
            ("在册", lambda p: "是" if p.active else "否"),
            ("征求意见（部）", lambda p: p.draft_count),
            ("参加培训（次）", lambda p: p.training_count),
        )

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            _require(request.user, READ)
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        return selectors.liaisons_visible_to(self.request.user).annotate(
            draft_count=Count("drafts", distinct=True), training_count=Count("trainings", distinct=True)
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        context = super().get_context_data(**kwargs)
        context["rows"] = [(p, selectors.liaison_phone(user, p)) for p in context["object_list"]]
        context["may_record"] = can(user, MANAGE) or can(user, KEEP)
        return context


def _liaison_form(request: HttpRequest, form: LiaisonForm) -> LiaisonForm:
    if not can(request.user, MANAGE):
        del form.fields["station"]  # a keeper's records are their station's
    return form


@login_required
def liaison_create(request: HttpRequest) -> HttpResponse:
    if not (can(request.user, KEEP) or can(request.user, MANAGE)):
        raise Http404("没有找到该页面。")
    form = _liaison_form(request, LiaisonForm(_posted(request)))
    del form.fields["expected_version"]
    return _page(
        request, form, title="登记信息员、联络员或专家",
        save=lambda: services.liaison_create(actor=request.user, **form.cleaned_data),
        success="已登记。", next_url="legislation:liaisons",
    )  # fmt: skip


@login_required
def liaison_edit(request: HttpRequest, pk: int) -> HttpResponse:
    if not (can(request.user, KEEP) or can(request.user, MANAGE)):
        raise Http404("没有找到该页面。")
    liaison = get_object_or_404(selectors.liaisons_visible_to(request.user), pk=pk)
    initial = {name: getattr(liaison, name) for name in services.LIAISON_FIELDS}
    form = _liaison_form(
        request, LiaisonForm(_posted(request), initial={**initial, "expected_version": liaison.version})
    )
    form.fields["expected_version"].required = True
    return _page(
        request, form, title=f"修改：{liaison}",
        save=lambda: services.liaison_update(liaison=liaison, actor=request.user, **form.cleaned_data),
        success="已保存。", next_url="legislation:liaisons",
    )  # fmt: skip


# ------------------------------------------------------------------ public


def public_drafts(request: HttpRequest) -> HttpResponse:
    """立法意见征集: drafts open for comment, and what the passed laws adopted (X条意见被采纳)."""
    return render(request, "legislation/public.html", {"drafts": selectors.public_drafts()})


def public_draft(request: HttpRequest, pk: int) -> HttpResponse:
    """One draft's articles and the comment form: no account, contact never published."""
    draft = get_object_or_404(selectors.public_drafts(), pk=pk)
    version = services.current_version(draft)
    form = PublicCommentForm(
        _posted(request),
        draft=draft,
        challenge=new_question(),
        initial={"article": request.GET.get("article", "")},
    )
    sent = None
    if request.method == "POST" and form.is_valid():
        try:
            sent = services.comment_submit_public(
                draft=draft, client_hash=client_hash(request.META.get("REMOTE_ADDR", "")), **form.submitted()
            )
        except ValidationError as error:
            show_errors(form, error)
    context = {
        "draft": draft,
        "texts": version.texts.order_by("position"),
        "form": form,
        "sent": sent,
        "open": draft.state == DraftState.CONSULTING,
    }
    return render(request, "legislation/public_draft.html", context)


def public_track(request: HttpRequest) -> HttpResponse:
    """意见采纳情况查询: a public comment by its tracking code — whether it went into the report and was adopted;
    no name, contact or content shown."""
    form = TrackForm(request.GET or None)
    status = selectors.comment_status(form.cleaned_data["code"]) if form.is_valid() else None
    if form.is_bound and form.is_valid() and status is None:
        form.add_error("code", "没有找到该查询码，请核对。")
    return render(request, "legislation/public_track.html", {"form": form, "status": status})
