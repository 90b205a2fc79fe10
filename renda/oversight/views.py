"""Pages of oversight: the plans and their items, one item's closed loop with its problem list, rectification
list, satisfaction votes and timeline, the form of each step, the rectification list across items, the
chairpersons' board, interpellations, filing review and the public page. Each view validates input and calls one
selector or service."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_POST

from renda.accounts.http import AuthenticatedHttpRequest
from renda.casework import services as casework
from renda.core import clock
from renda.core.forms import form_page, post_action
from renda.core.listing import RendaListView
from renda.core.roles import can, capability_required
from renda.core.workflow import Workflow
from renda.oversight import docx, selectors, services
from renda.oversight import forms as f
from renda.oversight.workflows import (
    FILING_FLOW,
    INTERPELLATION_FLOW,
    ITEM_FLOW,
    MANAGE,
    OPINIONS,
    PLAN_FLOW,
    READ,
    RECTIFY,
)

FORM = "oversight/form.html"


def readers_and_bodies(view):
    """Signed-in users who read oversight or whose body is overseen (they see their own items); others 403."""

    @login_required
    def checked(request, *args, **kwargs):
        if not (can(request.user, READ) or can(request.user, RECTIFY)):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return checked


def _step(
    flow: Workflow,
    getter: Callable[[Any, Any], Any],
    name: str,
    form_class: Callable[..., Any],
    save: Callable[[Any, dict, Any], Any],
    *,
    success: str,
    next_url: Callable[[Any], str] | None = None,
    form_kwargs: Callable[[Any], dict] | None = None,
):
    """The page of one move: refused moves go back to the record with the reason; the form calls one service."""

    @login_required
    def view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        record = getter(request.user, pk)
        try:
            flow.refuse(record, name, actor=request.user)
        except ValidationError as error:
            messages.error(request, "；".join(error.messages))
            return redirect(record.get_absolute_url())
        form = form_class(request.POST or None, **(form_kwargs(record) if form_kwargs else {}))
        return form_page(
            request,
            form,
            save=lambda: save(record, form.cleaned_data, request.user),
            success=success,
            next_url=next_url or (lambda _: record.get_absolute_url()),
            template=FORM,
            context={
                "title": f"{flow[name].label} · {record}",
                "submit_label": flow[name].label,
                "cancel_url": record.get_absolute_url(),
            },
        )

    return view


# ------------------------------------------------------------------ plans


@method_decorator(capability_required(READ), name="dispatch")
class PlanListView(RendaListView):
    template_name = "oversight/plans.html"
    sort_fields = {"year": ["year"]}
    default_sort = "-year"
    export_filename = "年度监督工作计划"
    export_columns = (
        ("年度", lambda p: p.year),
        ("名称", lambda p: p.title),
        ("监督事项", lambda p: p.item_count),
        ("通过日期", lambda p: p.adopted_on),
        ("公布日期", lambda p: p.published_on),
        ("状态", lambda p: p.get_state_display()),
    )

    def get_base_queryset(self):
        return selectors.plans_visible_to(self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["may_manage"] = can(self.request.user, MANAGE)
        return context


@capability_required(MANAGE)
def plan_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = f.PlanForm(request.POST or None, initial={"year": clock.today().year})
    return form_page(
        request,
        form,
        save=lambda: services.plan_create(**form.cleaned_data, actor=request.user),
        success="已建立年度监督工作计划。",
        next_url=lambda plan: plan.get_absolute_url(),
        template=FORM,
        context={"title": "编制年度监督工作计划", "submit_label": "保存", "cancel_url": "/oversight/plans/"},
    )


PLAN_PAGES = {"edit": "oversight:item_add", "change": "oversight:item_add", "adopt": "oversight:plan_adopt"}


@login_required
def plan_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get_for_user(request.user, pk)
    context = {
        "plan": plan,
        "items": selectors.items_visible_to(request.user).filter(plan=plan).order_by("planned_month", "pk"),
        "moves": [(m, PLAN_PAGES.get(m.name)) for m in PLAN_FLOW.moves_for(request.user, plan)],
        "events": plan.events.select_related("actor").order_by("created_at", "pk"),
    }
    return render(request, "oversight/plan_detail.html", context)


plan_adopt = _step(
    PLAN_FLOW,
    selectors.plan_get_for_user,
    "adopt",
    f.AdoptForm,
    lambda plan, data, user: services.plan_adopt(plan=plan, **data, actor=user),
    success="已登记主任会议通过。",
)


@require_POST
@login_required
def plan_publish(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get_for_user(request.user, pk)
    return post_action(
        request,
        lambda: services.plan_publish(plan=plan, actor=request.user),
        "已公布监督工作计划。",
        plan.get_absolute_url(),
    )


@login_required
def item_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get_for_user(request.user, pk)
    name = "edit" if plan.state == "draft" else "change"
    try:
        PLAN_FLOW.refuse(plan, name, actor=request.user)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
        return redirect(plan.get_absolute_url())
    form = f.ItemForm(request.POST or None)
    return form_page(
        request,
        form,
        save=lambda: services.item_add(plan=plan, **form.cleaned_data, actor=request.user),
        success="已列入计划。" if name == "edit" else "已作为计划调整列入。",
        next_url=lambda _: plan.get_absolute_url(),
        template=FORM,
        context={
            "title": f"增加监督事项 · {plan}",
            "submit_label": "保存",
            "cancel_url": plan.get_absolute_url(),
        },
    )


# ------------------------------------------------------------------ items


ITEM_EXPORT = (
    ("年度", lambda i: i.plan.year),
    ("监督事项", lambda i: i.title),
    ("监督方式", lambda i: i.get_kind_display()),
    ("监督对象", lambda i: i.body.name),
    ("牵头委室", lambda i: i.committee.name if i.committee else ""),
    ("计划月份", lambda i: i.planned_month),
    ("审议日期", lambda i: i.heard_on),
    ("审议意见交办期限", lambda i: i.opinion_due),
    ("审议意见交办日期", lambda i: i.opinion_sent_on),
    ("办理情况报告期限", lambda i: i.report_due),
    ("报告日期", lambda i: i.reported_on),
    ("测评结果", lambda i: i.result),
    ("评议测评：满意", lambda i: i.appraisal_satisfied),
    ("评议测评：基本满意", lambda i: i.appraisal_basically_satisfied),
    ("评议测评：不满意", lambda i: i.appraisal_dissatisfied),
    ("状态", lambda i: i.get_state_display()),
)


@method_decorator(readers_and_bodies, name="dispatch")
class ItemListView(RendaListView):
    template_name = "oversight/items.html"
    filterset_class = f.ItemFilter
    sort_fields = {"month": ["plan__year", "planned_month"], "report_due": ["report_due"]}
    default_sort = "-month"
    export_filename = "监督事项"
    export_columns = ITEM_EXPORT

    def get_base_queryset(self):
        return selectors.with_appraisal_counts(selectors.items_visible_to(self.request.user))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["today"] = clock.today()
        return context


ITEM_PAGES = {
    "schedule": "oversight:item_schedule",
    "inspect": "oversight:item_inspect",
    "finding": "oversight:item_finding",
    "question": "oversight:item_question",
    "appraise": "oversight:item_rating",
    "deliberate": "oversight:item_deliberate",
    "send_opinions": "oversight:item_opinions",
    "rectification_add": "oversight:rectification_add",
    "report": "oversight:item_report",
    "rate": "oversight:item_rate",
    "follow_up": "oversight:item_follow_up",
}
ITEM_BUTTONS = {"publish": "oversight:item_publish"}  # one-click POSTs


@login_required
def item_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = selectors.item_get_for_user(request.user, pk)
    moves = ITEM_FLOW.moves_for(request.user, item)
    names = {m.name for m in moves}
    # the body's own steps on its assignments; the office enters a paper report through the item's own step
    own_unit = request.user.handling_unit_id
    assignments = [
        (a, {m.name for m in OPINIONS.flow.moves_for(request.user, a)} if a.unit_id == own_unit else set())
        for a in selectors.item_assignments(item)
    ]
    # the body reports through its assignment (签收, 报送研究处理情况报告) where it has one open
    answering = any("sign_for" in own or "reply" in own for _, own in assignments)
    context = {
        "item": item,
        "assignments": assignments,
        "pages": [
            (m, ITEM_PAGES[m.name])
            for m in moves
            if m.name in ITEM_PAGES and not (answering and m.name == "report")
        ],
        "buttons": [(m, ITEM_BUTTONS[m.name]) for m in moves if m.name in ITEM_BUTTONS],
        "may_done": "rectification_done" in names,
        "may_close": "rectification_close" in names,
        "problems": item.problems.all(),
        "questions": item.questions.select_related("asker"),
        "finding_rows": item.finding_rows.select_related("problem"),
        "ratings": item.ratings.select_related("rater"),
        "appraisal": selectors.appraisal_result(item),
        "members": item.members.all(),
        "invited": item.invited_deputies.all(),
        "rectifications": item.rectifications.select_related("problem"),
        "votes": item.satisfaction_votes.select_related("vote", "meeting"),
        "may_manage": can(request.user, MANAGE),
        "today": clock.today(),
        "events": item.events.select_related("actor").order_by("created_at", "pk"),
    }
    return render(request, "oversight/item_detail.html", context)


G = selectors.item_get_for_user
item_schedule = _step(
    ITEM_FLOW, G, "schedule", f.MeetingForm,
    lambda i, data, user: services.item_schedule(item=i, **data, actor=user),
    success="已列入会议议程，请按期报送会议材料。",
)  # fmt: skip
item_inspect = _step(
    ITEM_FLOW, G, "inspect", f.InspectForm,
    lambda i, data, user: services.item_inspect(item=i, **data, actor=user),
    success="已登记检查情况。",
)  # fmt: skip
item_question = _step(
    ITEM_FLOW, G, "question", f.QuestionForm,
    lambda i, data, user: services.question_record(item=i, **data, actor=user),
    success="已登记询问和答询。",
)  # fmt: skip
item_deliberate = _step(
    ITEM_FLOW, G, "deliberate", f.DeliberateForm,
    lambda i, data, user: services.item_deliberate(item=i, **data, actor=user),
    success="已登记审议情况和问题清单。", form_kwargs=lambda i: {"item": i},
)  # fmt: skip
item_finding = _step(
    ITEM_FLOW, G, "finding", f.FindingForm,
    lambda i, data, user: services.finding_add(item=i, **data, actor=user),
    success="已登记调研发现。",
)  # fmt: skip
item_rating = _step(
    ITEM_FLOW, G, "appraise", f.RatingForm,
    lambda i, data, user: services.appraisal_rating_record(item=i, **data, actor=user),
    success="已登记评议意见。", form_kwargs=lambda i: {"item": i},
)  # fmt: skip
item_opinions = _step(
    ITEM_FLOW, G, "send_opinions", f.OpinionForm,
    lambda i, data, user: services.item_send_opinions(item=i, **data, actor=user),
    success="已交办审议意见。",
)  # fmt: skip
rectification_add = _step(
    ITEM_FLOW, G, "rectification_add", f.RectificationForm,
    lambda i, data, user: services.rectification_add(item=i, **data, actor=user),
    success="已列入整改清单。", form_kwargs=lambda i: {"item": i},
)  # fmt: skip
item_report = _step(
    ITEM_FLOW, G, "report", f.ReportForm,
    lambda i, data, user: services.item_report(item=i, **data, actor=user),
    success="已报送研究处理情况报告。",
)  # fmt: skip
item_rate = _step(
    ITEM_FLOW, G, "rate", f.ConvenedMeetingForm,
    lambda i, data, user: services.item_vote_create(item=i, **data, actor=user),
    success="已发起满意度测评，请在表决控制页开始测评。",
    next_url=lambda event: f"/voting/{event.pk}/control/",
)  # fmt: skip
item_follow_up = _step(
    ITEM_FLOW, G, "follow_up", f.NoteForm,
    lambda i, data, user: services.item_follow_up(item=i, **data, actor=user),
    success="已登记跟踪监督情况。",
)  # fmt: skip


@require_POST
@login_required
def opinion_sign_for(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """签收: the body's officer takes up the deliberation opinion (its own body's assignment, else 404)."""
    assignment = selectors.opinion_assignment_for_unit_user(request.user, pk)
    return post_action(
        request,
        lambda: casework.sign_for(assignment=assignment, actor=request.user),
        "已签收审议意见。",
        assignment.item.get_absolute_url(),
    )


@login_required
def opinion_reply(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """报送研究处理情况报告 as the reply to the body's assignment (its own body's, else 404): the item is reported."""
    assignment = selectors.opinion_assignment_for_unit_user(request.user, pk)
    back = assignment.item.get_absolute_url()
    try:
        OPINIONS.flow.refuse(assignment, "reply", actor=request.user)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
        return redirect(back)
    form = f.OpinionReplyForm(request.POST or None, request.FILES or None)
    return form_page(
        request,
        form,
        save=lambda: services.opinion_reply(assignment=assignment, **form.cleaned_data, actor=request.user),
        success="已报送研究处理情况报告。",
        next_url=back,
        template=FORM,
        context={
            "title": f"报送研究处理情况报告 · {assignment.item}",
            "submit_label": "报送",
            "cancel_url": back,
            "multipart": True,
        },
    )


@require_POST
@login_required
def item_publish(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = selectors.item_get_for_user(request.user, pk)
    return post_action(
        request,
        lambda: services.item_publish(item=item, actor=request.user),
        "已向代表通报并公开。",
        item.get_absolute_url(),
    )


@login_required
def rectification_done(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    rectification = selectors.rectification_get_for_user(request.user, pk)
    item = rectification.item
    try:
        ITEM_FLOW.refuse(item, "rectification_done", actor=request.user)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
        return redirect(item.get_absolute_url())
    form = f.NoteForm(request.POST or None)
    return form_page(
        request,
        form,
        save=lambda: services.rectification_done(
            rectification=rectification, **form.cleaned_data, actor=request.user
        ),
        success="已报告整改完成。",
        next_url=item.get_absolute_url(),
        template=FORM,
        context={
            "title": f"报告整改完成 · {rectification}",
            "submit_label": "报告整改完成",
            "cancel_url": item.get_absolute_url(),
        },
    )


@require_POST
@login_required
def rectification_close(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    rectification = selectors.rectification_get_for_user(request.user, pk)
    return post_action(
        request,
        lambda: services.rectification_close(rectification=rectification, actor=request.user),
        "已销号。",
        rectification.item.get_absolute_url(),
    )


@method_decorator(readers_and_bodies, name="dispatch")
class RectificationListView(RendaListView):
    """Every rectification with its state (整改清单、责任清单、销号清单)."""

    template_name = "oversight/rectifications.html"
    filterset_class = f.RectificationFilter
    sort_fields = {"due": ["due"]}
    default_sort = "due"
    export_filename = "整改清单"
    export_columns = (
        ("监督事项", lambda r: r.item.title),
        ("被监督单位", lambda r: r.item.body.name),
        ("问题", lambda r: r.problem.text if r.problem else ""),
        ("整改措施", lambda r: r.measure),
        ("责任人", lambda r: r.responsible_person),
        ("完成时限", lambda r: r.due),
        ("整改情况", lambda r: r.done_note),
        ("销号日期", lambda r: r.closed_on),
        ("状态", lambda r: r.get_state_display()),
    )

    def get_base_queryset(self):
        return selectors.rectifications_visible_to(self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["today"] = clock.today()
        return context


@capability_required(READ)
def board(request: AuthenticatedHttpRequest) -> HttpResponse:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = clock.today().year
    if not 2000 <= year <= 2100:
        year = clock.today().year
    context = {
        "board": selectors.board(year),
        "figures": selectors.year_figures(year),
        "filing_report": selectors.filing_report(year),
        "year": year,
    }
    return render(request, "oversight/board.html", context)


# ------------------------------------------------------------------ interpellations


@method_decorator(capability_required(READ), name="dispatch")
class InterpellationListView(RendaListView):
    template_name = "oversight/interpellations.html"
    filterset_class = f.InterpellationFilter
    sort_fields = {"filed_on": ["filed_on"]}
    default_sort = "-filed_on"
    export_filename = "质询案"
    export_columns = (
        ("案由", lambda q: q.title),
        ("质询对象", lambda q: q.body.name),
        ("提出日期", lambda q: q.filed_on),
        ("答复次数", lambda q: q.answer_rounds),
        ("状态", lambda q: q.get_state_display()),
    )

    def get_base_queryset(self):
        return selectors.interpellations_visible_to(self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["may_file"] = selectors.may_file_interpellation(self.request.user)
        return context


@login_required
def interpellation_file(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not selectors.may_file_interpellation(request.user):
        raise PermissionDenied
    form = f.InterpellationForm(request.POST or None)
    return form_page(
        request,
        form,
        save=lambda: services.interpellation_file(**form.cleaned_data, actor=request.user),
        success="已提出质询案。",
        next_url=lambda q: q.get_absolute_url(),
        template=FORM,
        context={"title": "提出质询案", "submit_label": "提出", "cancel_url": "/oversight/interpellations/"},
    )


INTERPELLATION_PAGES = {
    "schedule": "oversight:interpellation_schedule",
    "answer": "oversight:interpellation_answer",
    "answer_again": "oversight:interpellation_answer",
    "close": "oversight:interpellation_assess",
}


@login_required
def interpellation_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    interpellation = selectors.interpellation_get_for_user(request.user, pk)
    context = {
        "q": interpellation,
        "filers": interpellation.filers.all(),
        "moves": [
            (m, INTERPELLATION_PAGES[m.name])
            for m in INTERPELLATION_FLOW.moves_for(request.user, interpellation)
            if m.name in INTERPELLATION_PAGES
        ],
        "events": interpellation.events.select_related("actor").order_by("created_at", "pk"),
    }
    return render(request, "oversight/interpellation_detail.html", context)


Q = selectors.interpellation_get_for_user
interpellation_schedule = _step(
    INTERPELLATION_FLOW, Q, "schedule", f.MeetingForm,
    lambda q, data, user: services.interpellation_schedule(interpellation=q, **data, actor=user),
    success="已交付答复。",
)  # fmt: skip


@login_required
def interpellation_answer(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    interpellation = selectors.interpellation_get_for_user(request.user, pk)
    name = "answer_again" if interpellation.state == "reanswer" else "answer"
    return _step(
        INTERPELLATION_FLOW, Q, name, f.AnswerForm,
        lambda q, data, user: services.interpellation_answer(interpellation=q, **data, actor=user),
        success="已登记答复。",
    )(request, pk)  # fmt: skip


interpellation_assess = _step(
    INTERPELLATION_FLOW, Q, "close", f.AssessForm,
    lambda q, data, user: services.interpellation_assess(interpellation=q, **data, actor=user),
    success="已登记提案人对答复的意见。",
)  # fmt: skip


# ------------------------------------------------------------------ filing review


@method_decorator(capability_required(READ), name="dispatch")
class FilingListView(RendaListView):
    template_name = "oversight/filings.html"
    filterset_class = f.FilingFilter
    sort_fields = {"filed_on": ["filed_on"]}
    default_sort = "-filed_on"
    export_filename = "规范性文件备案审查"
    export_columns = (
        ("文件名称", lambda d: d.title),
        ("文号", lambda d: d.number),
        ("制定机关", lambda d: d.issuer.name),
        ("公布日期", lambda d: d.published_on),
        ("报备日期", lambda d: d.filed_on),
        ("逾期报备", lambda d: "是" if d.filed_late else "否"),
        ("审查意见", lambda d: d.review_note),
        ("状态", lambda d: d.get_state_display()),
    )

    def get_base_queryset(self):
        return selectors.filings_visible_to(self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["may_manage"] = can(self.request.user, MANAGE)
        year = _year(self.request)
        context["report_years"] = [year, year - 1] if year == clock.today().year else [year]
        return context


def _year(request) -> int:
    text = request.GET.get("year", "")
    year = int(text) if text.isdigit() else clock.today().year
    return year if 2000 <= year <= 2100 else clock.today().year


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@capability_required(READ)
def filing_report_docx(request: AuthenticatedHttpRequest) -> HttpResponse:
    """备案审查工作情况报告 of the year (?year=), as a Word document."""
    year = _year(request)
    response = HttpResponse(
        docx.filing_report(year, issuer=selectors.standing_committee_name()), content_type=DOCX
    )
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''filing-review-report-{year}.docx"
    return response


@capability_required(MANAGE)
def filing_register(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = f.FilingForm(request.POST or None)
    return form_page(
        request,
        form,
        save=lambda: services.filing_register(**form.cleaned_data, actor=request.user),
        success="已登记备案。",
        next_url=lambda d: d.get_absolute_url(),
        template=FORM,
        context={"title": "登记规范性文件备案", "submit_label": "登记", "cancel_url": "/oversight/filings/"},
    )


FILING_PAGES = {
    "review": "oversight:filing_review",
    "lawful": "oversight:filing_decide",
    "corrected": "oversight:filing_corrected",
}


@login_required
def filing_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    document = selectors.filing_get_for_user(request.user, pk)
    context = {
        "document": document,
        "moves": [
            (m, FILING_PAGES[m.name])
            for m in FILING_FLOW.moves_for(request.user, document)
            if m.name in FILING_PAGES
        ],
        "events": document.events.select_related("actor").order_by("created_at", "pk"),
    }
    return render(request, "oversight/filing_detail.html", context)


D = selectors.filing_get_for_user
filing_review = _step(
    FILING_FLOW, D, "review", f.ReviewForm,
    lambda d, data, user: services.filing_review(document=d, **data, actor=user),
    success="已开始审查。",
)  # fmt: skip
filing_decide = _step(
    FILING_FLOW, D, "lawful", f.DecideForm,
    lambda d, data, user: services.filing_decide(document=d, **data, actor=user),
    success="已登记审查结论。",
)  # fmt: skip
filing_corrected = _step(
    FILING_FLOW, D, "corrected", f.NoteForm,
    lambda d, data, user: services.filing_corrected(document=d, **data, actor=user),
    success="已登记纠正情况。",
)  # fmt: skip


# ------------------------------------------------------------------ public (Arts. 17, 63)


def public(request) -> HttpResponse:
    context = {
        "plans": selectors.public_plans(),
        "items": selectors.public_items().order_by("-published_on", "-pk")[:100],
    }
    return render(request, "oversight/public.html", context)
