"""Pages of citizens' opinions. Each page validates with a form and calls one selector or service."""

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from renda.accounts.http import AuthenticatedHttpRequest
from renda.casework import services as casework
from renda.core import clock
from renda.core.forms import form_page, show_errors
from renda.core.human import client_hash, new_question
from renda.core.imports import read_xlsx, template_response, validate_rows
from renda.core.listing import RendaListView
from renda.core.roles import can
from renda.deputies.models import Deputy
from renda.opinions import selectors, services
from renda.opinions.forms import (
    AnswerForm,
    CitizenFeedbackForm,
    ConfirmForm,
    EditForm,
    FeedbackForm,
    ForwardForm,
    ImportForm,
    ImportRow,
    InformForm,
    JointOpinionForm,
    MergeForm,
    OpinionFilter,
    PublicSubmitForm,
    RaiseForm,
    ReasonForm,
    ReassignDecisionForm,
    RedirectForm,
    ReplyForm,
    TakeForm,
    TrackForm,
)
from renda.opinions.models import Opinion, OpinionAssignment, State
from renda.opinions.workflows import CASES, KEEP, MANAGE, OPINION_FLOW, READ_ALL, TAKE


def _posted(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _files(request: HttpRequest) -> Any:
    return request.FILES if request.method == "POST" else None


def _detail(opinion: Opinion) -> str:
    return reverse("opinions:detail", args=[opinion.pk])


def _form_page(
    request: HttpRequest,
    form,
    *,
    title: str,
    call: Callable[[dict], Any],
    success: str,
    next_url: str | Callable[[Any], str],
    opinion: Opinion | None = None,
    submit_label: str = "提交",
    cancel_url: str = "",
    extra: dict | None = None,
    template: str = "opinions/form.html",
) -> HttpResponse:
    """Show `form`; on a valid POST call the one service and go on, else show its errors on the form."""
    context = {
        "title": title,
        "opinion": opinion,
        "submit_label": submit_label,
        "cancel_url": cancel_url or (_detail(opinion) if opinion else reverse("opinions:list")),
        "multipart": form.is_multipart(),
        **(extra or {}),
    }
    return form_page(
        request,
        form,
        save=lambda: call(form.cleaned_data),
        success=success,
        next_url=next_url,
        template=template,
        context=context,
    )


# ---------------------------------------------------------------- lists


class OpinionListView(RendaListView):
    """全部群众意见 (office, members), 本站 (keeper), 我收集的 (deputy), 转办 (department): filter, sort, export."""

    template_name = "opinions/list.html"
    filterset_class = OpinionFilter
    sort_fields = {"received": ["received_on"], "due": ["reply_due"], "state": ["state"]}
    default_sort = "-received"
    export_filename = "群众意见"
    export_columns = (
        ("查询码", lambda o: o.tracking_code),
        ("收到日期", lambda o: o.received_on),
        ("来源", lambda o: o.get_channel_display()),
        ("事项", lambda o: o.title),
        ("类别", lambda o: str(o.category or "")),
        ("乡镇（街道）", lambda o: str(o.township or "")),
        ("联络站", lambda o: str(o.station or "")),
        ("状态", lambda o: o.get_state_display()),
        ("答复期限", lambda o: o.reply_due),
        ("是否解决", lambda o: {True: "已解决", False: "未解决"}.get(o.resolved, "")),
        ("满意度", lambda o: o.get_satisfaction_display()),
    )

    def get_base_queryset(self):
        return selectors.opinions_visible_to(self.request.user).select_related(
            "station", "township", "category"
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["may_take"] = can(user, TAKE)
        context["figures"] = self._figures()
        return context

    def _figures(self) -> selectors.Figures:
        """The sentence of what the list holds: from the kept counts when it is every opinion, unfiltered or by
        year, state and channel (the office's list); else one aggregate over the list's rows."""
        found = self.filterset
        chosen: dict[str, Any] | None
        if found is None or not found.is_bound:
            rows, chosen = self.get_base_queryset(), {}
        else:
            rows = found.qs
            chosen = (
                {k: v for k, v in found.form.cleaned_data.items() if v} if found.form.is_valid() else None
            )
        if (
            chosen is not None
            and selectors.sees_all(self.request.user)
            and set(chosen) <= selectors.KEPT_FILTERS
        ):
            return selectors.kept_figures(
                year=int(chosen["year"]) if "year" in chosen else None,
                state=chosen.get("state", ""),
                channel=chosen.get("channel", ""),
            )
        return selectors.figures(rows)


@login_required
def topics(request: AuthenticatedHttpRequest) -> HttpResponse:
    """热点问题: by month, township and category, and the rising terms; a keeper sees their station's."""
    user = request.user
    if not (can(user, READ_ALL) or can(user, KEEP)):
        raise PermissionDenied
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = clock.today().year
    opinions = selectors.opinions_visible_to(user)
    found = selectors.hot_topics(opinions, year=year)
    chart = {
        "xAxis": {"type": "category", "data": [f"{row['month']:%m}月" for row in found["by_month"]]},
        "yAxis": {"type": "value"},
        "series": [{"type": "bar", "name": "意见条数", "data": [row["n"] for row in found["by_month"]]}],
        "tooltip": {"trigger": "axis"},
    }
    context = {
        "year": year,
        "chart": chart,
        "figures": selectors.figures(opinions.filter(year=year)),
        **found,
    }
    return render(request, "opinions/topics.html", context)


# ---------------------------------------------------------------- intake


@login_required
def take(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    if not can(user, TAKE):
        raise PermissionDenied
    form = TakeForm(_posted(request), _files(request))
    return _form_page(
        request,
        form,
        title="登记群众意见",
        call=lambda data: services.opinion_take(actor=user, **data),
        success="已登记。请将查询码告知群众。",
        next_url=_detail,
        submit_label="登记",
    )


def submit(request: HttpRequest) -> HttpResponse:
    """网上反映: the public page; no account."""
    form = PublicSubmitForm(_posted(request), _files(request), challenge=new_question())
    if request.method == "POST" and form.is_valid():
        try:
            opinion = services.opinion_submit_online(
                client_hash=client_hash(request.META.get("REMOTE_ADDR", "")), **form.submitted()
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            return render(request, "opinions/submitted.html", {"opinion": opinion})
    return render(request, "opinions/submit.html", {"form": form})


def track(request: HttpRequest) -> HttpResponse:
    """办理进度查询: by tracking code; no personal data shown. The citizen may say whether it was resolved
    (with the last four digits of their phone)."""
    form = TrackForm(request.GET or None)
    opinion = selectors.opinion_by_code(request.GET.get("code", "")) if form.is_valid() else None
    feedback = None
    if opinion and opinion.state == State.INFORMED:
        feedback = CitizenFeedbackForm(_posted(request))
        if request.method == "POST" and feedback.is_valid():
            try:
                services.opinion_citizen_feedback(opinion=opinion, **feedback.cleaned_data)
            except ValidationError as error:
                show_errors(feedback, error)
            else:
                messages.success(request, "感谢您的评价。")
                return redirect(f"{reverse('opinions:track')}?code={opinion.tracking_code}")
    if form.is_bound and form.is_valid() and opinion is None:
        form.add_error("code", "没有找到该查询码，请核对。")
    events = opinion.events.exclude(action__in=["修改"]).order_by("created_at", "pk") if opinion else []
    return render(
        request,
        "opinions/track.html",
        {"form": form, "opinion": opinion, "events": events, "feedback": feedback},
    )


@login_required
def import_sheet(request: AuthenticatedHttpRequest) -> HttpResponse:
    """导入热线数据: all rows or none; every bad row named."""
    if not can(request.user, MANAGE):
        raise PermissionDenied
    if request.GET.get("template"):
        return template_response(
            "群众意见导入模板",
            ImportRow,
            {"received_on": clock.today(), "title": "某小区路灯不亮", "content": "小区北门路灯已坏一个月。"},
        )
    form = ImportForm(_posted(request), _files(request))
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            rows = read_xlsx(form.cleaned_data["file"], required_headers=["受理日期", "事项", "内容"])
            valid, errors = validate_rows(rows, ImportRow)
            if not errors:
                created = services.opinions_import(rows=[data for _, data in valid], actor=request.user)
                messages.success(request, f"已导入{len(created)}条群众意见。")
                return redirect("opinions:list")
        except ValidationError as error:
            errors = error.messages
    return render(request, "opinions/import.html", {"form": form, "errors": errors})


# ---------------------------------------------------------------- one opinion


@login_required
def detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    user = request.user
    opinion = selectors.opinion_for(user, pk)
    reveal = request.GET.get("reveal") == "1"
    citizen = selectors.citizen_of(user, opinion, reveal=reveal)
    if citizen.revealed:
        services.personal_data_viewed(opinion=opinion, viewer=user, where="详情页")
    assignments = list(
        opinion.assignments.select_related("unit").prefetch_related("replies").order_by("role", "pk")
    )
    mine = [
        a
        for a in assignments
        if a.unit_id == getattr(user, "handling_unit_id", None) and a.state != "withdrawn"
    ]
    for assignment in mine:
        assignment.actions = [m.name for m in CASES.flow.moves_for(user, assignment)]  # type: ignore[attr-defined]
    context = {
        "opinion": opinion,
        "citizen": citizen,
        "moves": [m.name for m in OPINION_FLOW.moves_for(user, opinion)],
        "assignments": assignments,
        "mine": mine,
        "events": opinion.events.select_related("actor").order_by("created_at", "pk"),
        "photos": opinion.photos.all(),
        "similar": selectors.similar_opinions(opinion) if OPINION_FLOW.may(user, opinion, "merge") else [],
        "may_decide": can(user, MANAGE),
    }
    return render(request, "opinions/detail.html", context)


class Refused(Exception):
    """A triage page the user may not open now: its reason is shown on the opinion's page."""

    def __init__(self, opinion: Opinion, error: ValidationError):
        self.opinion, self.error = opinion, error


def _triage(request: AuthenticatedHttpRequest, pk: int, move: str) -> Opinion:
    """The opinion, if the user may make `move` on it now: 404 outside what they see, 403 if not theirs to
    make; a move the state does not allow is Refused (views catch it with `triage_page`)."""
    opinion = selectors.opinion_for(request.user, pk)
    try:
        OPINION_FLOW.refuse(opinion, move, actor=request.user)
    except ValidationError as error:
        raise Refused(opinion, error) from None
    return opinion


def triage_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Send a refused move back to the opinion's page with its reason."""

    @wraps(view)
    def page(request: AuthenticatedHttpRequest, pk: int, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, pk, **kwargs)
        except Refused as refused:
            messages.error(request, "；".join(refused.error.messages))
            return redirect(_detail(refused.opinion))

    return login_required(page)


@triage_page
def edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    opinion = _triage(request, pk, "edit")
    initial = {f: getattr(opinion, f) for f in services.EDITABLE} | {"version": opinion.version}
    form = EditForm(_posted(request), initial=initial)

    def call(data: dict) -> Opinion:
        changes = {k: v for k, v in data.items() if k != "version" and v != initial.get(k)}
        return services.opinion_update(
            opinion=opinion, expected_version=data["version"], changes=changes, actor=request.user
        )

    return _form_page(
        request,
        form,
        title="修改群众意见",
        call=call,
        success="已保存。",
        next_url=_detail(opinion),
        opinion=opinion,
    )


@dataclass(frozen=True)
class Step:
    """A triage step's page: its form, whose fields are its service's arguments besides the opinion and actor."""

    form: type[forms.Form]
    title: str
    service: Callable[..., Any]
    success: str
    initial: Callable[[Opinion], dict] = lambda opinion: {}


STEPS = {
    "answer_on_spot": Step(
        AnswerForm, "当场答复", services.opinion_answer_on_spot, "已记录当场答复，意见办结。"
    ),
    "redirect": Step(RedirectForm, "引导至其他渠道", services.opinion_redirect, "已引导。"),
    "forward": Step(
        ForwardForm, "转办", services.opinion_forward, "已转办。", lambda o: {"is_complex": o.is_complex}
    ),
    "inform": Step(InformForm, "告知群众", services.opinion_inform, "已记录告知情况。"),
    "feedback": Step(FeedbackForm, "回访", services.opinion_feedback, "已记录回访结果。"),
    "close_escalated": Step(AnswerForm, "协调处理后办结", services.opinion_close_escalated, "已办结。"),
}


@triage_page
def step(request: AuthenticatedHttpRequest, pk: int, move: str) -> HttpResponse:
    """The page of one of STEPS: the form, then the one service."""
    opinion = _triage(request, pk, move)
    found = STEPS[move]
    return _form_page(
        request,
        found.form(_posted(request), initial=found.initial(opinion)),
        title=found.title,
        call=lambda data: found.service(opinion=opinion, actor=request.user, **data),
        success=found.success,
        next_url=_detail(opinion),
        opinion=opinion,
    )


@triage_page
def merge(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    opinion = _triage(request, pk, "merge")
    candidates = selectors.similar_opinions(opinion, limit=20)
    return _form_page(
        request,
        MergeForm(_posted(request), candidates=candidates),
        title="合并相同事项",
        call=lambda d: services.opinions_merge(into=opinion, others=list(d["others"]), actor=request.user),
        success="已合并。",
        next_url=_detail(opinion),
        opinion=opinion,
        extra={"empty_note": "" if candidates else "没有找到相似的待处理意见。"},
    )


@triage_page
def raise_to_suggestion(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    opinion = _triage(request, pk, "raise")
    user = request.user
    form: RaiseForm | ConfirmForm
    if can(user, MANAGE):
        form = RaiseForm(_posted(request))
        call = lambda d: services.opinion_raise(opinion=opinion, deputy=d["deputy"], actor=user)  # noqa: E731
    else:
        form = ConfirmForm(_posted(request))  # nothing to fill in: the deputy raises it as their own
        call = lambda d: services.opinion_raise(opinion=opinion, deputy=cast(Deputy, user.deputy), actor=user)  # noqa: E731
    return _form_page(
        request,
        form,
        title="转为代表建议",
        call=call,
        success="已生成代表建议草稿。",
        next_url=lambda o: reverse("suggestions:detail", args=[o.suggestion_id]),
        opinion=opinion,
        submit_label="生成建议草稿",
    )


# ---------------------------------------------------------------- the departments' side


def _unit_page(
    request: AuthenticatedHttpRequest,
    pk: int,
    form,
    *,
    title: str,
    call: Callable[[OpinionAssignment, dict], Any],
    success: str,
) -> HttpResponse:
    assignment = selectors.assignment_for_unit_user(request.user, pk)
    return _form_page(
        request,
        form,
        title=title,
        call=lambda d: call(assignment, d),
        success=success,
        next_url=_detail(assignment.citizen_opinion),
        opinion=assignment.citizen_opinion,
        extra={"assignment": assignment},
    )


@login_required
@require_POST
def sign_for(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assignment = selectors.assignment_for_unit_user(request.user, pk)
    try:
        casework.sign_for(assignment=assignment, actor=request.user)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(request, "已签收。")
    return redirect(_detail(assignment.citizen_opinion))


@login_required
def reply(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _unit_page(
        request,
        pk,
        ReplyForm(_posted(request), _files(request)),
        title="答复群众意见",
        call=lambda a, d: services.opinion_reply_send(assignment=a, actor=request.user, **d),
        success="已答复，联络站将告知群众。",
    )


@login_required
def request_reassignment(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _unit_page(
        request,
        pk,
        ReasonForm(_posted(request)),
        title="申请调整承办单位",
        call=lambda a, d: casework.request_reassignment(assignment=a, reason=d["reason"], actor=request.user),
        success="已提出调整申请。",
    )


@login_required
def send_opinion(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _unit_page(
        request,
        pk,
        JointOpinionForm(_posted(request)),
        title="提交会办意见",
        call=lambda a, d: casework.send_opinion(assignment=a, opinion=d["opinion"], actor=request.user),
        success="已提交会办意见。",
    )


@login_required
def decide_reassignment(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The office decides a department's request to be replaced."""
    if not can(request.user, MANAGE):
        raise PermissionDenied
    found = OpinionAssignment.objects.select_related("citizen_opinion", "unit").filter(pk=pk).first()
    if found is None:
        raise Http404("没有找到该转办。")

    def call(d: dict) -> Any:
        return services.opinion_reassignment_decide(assignment=found, actor=request.user, **d)

    return _form_page(
        request,
        ReassignDecisionForm(_posted(request)),
        title=f"处理调整申请：{found.unit.name}",
        call=call,
        success="已处理调整申请。",
        next_url=_detail(found.citizen_opinion),
        opinion=found.citizen_opinion,
        extra={"assignment": found},
    )
