"""Pages of the suggestions workflow for every role. Each view validates a form, calls one service or
selector and renders; what a user may see comes from selectors (anything else is a 404), which buttons
they get from the workflows' declarations (workflows.py: `moves_for`), the same list the API returns."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django.views.generic import ListView

from renda.accounts.http import AuthenticatedHttpRequest
from renda.core.export import sheets_response, xlsx_response
from renda.core.listing import HtmxPartialMixin, RendaListView
from renda.core.roles import Role, can, has_role
from renda.core.rules import rule
from renda.org.selectors import handling_units_for_picker
from renda.suggestions import charts, selectors, services, similarity, statistics
from renda.suggestions.docx import reply_letter_file
from renda.suggestions.forms import (
    AssignMeetingForm,
    AssignRowFormSet,
    AttachmentForm,
    CommitmentFormSet,
    CommitmentUpdateForm,
    ContactForm,
    CoordinationForm,
    CosignerInviteForm,
    EvaluationForm,
    KeySupervisionForm,
    MergeForm,
    MineFilter,
    OpinionForm,
    PaperSuggestionForm,
    PresidiumForm,
    ReassignDecideForm,
    ReassignRequestForm,
    RejectForm,
    ReplyForm,
    ReturnForm,
    SearchFilter,
    StatsScopeForm,
    SuggestionCreateForm,
    SuggestionEditForm,
    SuggestionFilter,
    SupervisionNoteForm,
    UnitKeywordFilter,
    UnitKeywordForm,
    YearForm,
    show_errors,
)
from renda.suggestions.models import (
    Assignment,
    AssignmentRole,
    PresidiumDecision,
    Suggestion,
)
from renda.suggestions.workflows import ASSIGNMENT_FLOW, AUTHOR, HANDLE, MANAGE, READ_ALL, SUGGESTION_FLOW


def _require(user, capability: str) -> None:
    """Pages of a capability the user lacks are not found (404), as records they may not see."""
    if not can(user, capability):
        raise Http404("没有找到该页面。")


def _detail(suggestion: Suggestion) -> str:
    return reverse("suggestions:detail", args=[suggestion.pk])


def _posted(request: HttpRequest):
    """Form data: bound on POST (even when empty), unbound otherwise."""
    return request.POST if request.method == "POST" else None


def _files(request: HttpRequest):
    return request.FILES if request.method == "POST" else None


def _back(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return default


# ---------------------------------------------------------------- buttons


@dataclass(frozen=True)
class Action:
    label: str
    url: str
    post: bool = False


# The page that carries out each move a user makes from the pages: move name → (URL name, one-click POST).
# The buttons are `moves_for(user, obj)` that have a page here; the other moves are consequences the services
# make (a reply completing the case, an evaluation window passing) or decided on the 调整申请 page.
SUGGESTION_PAGES: dict[str, tuple[str, bool]] = {
    "edit": ("suggestions:edit", False),
    "submit": ("suggestions:submit", True),
    "submit_motion": ("suggestions:submit", True),
    "resubmit": ("suggestions:submit", True),
    "put_on_agenda": ("suggestions:presidium", False),
    "handle_as_suggestion": ("suggestions:presidium", False),
    "not_accept": ("suggestions:presidium", False),
    "register": ("suggestions:accept", True),
    "return": ("suggestions:return", False),
    "reject": ("suggestions:reject", False),
    "merge": ("suggestions:merge", False),
    "assign": ("suggestions:assign", False),
    "evaluate": ("suggestions:evaluate", False),
    "close_coordination": ("suggestions:coordination", False),
    "supervise": ("suggestions:key_supervision", False),
}
ASSIGNMENT_PAGES: dict[str, tuple[str, bool]] = {
    "sign_for": ("suggestions:assignment_accept", True),
    "contact": ("suggestions:contact", False),
    "send_opinion": ("suggestions:opinion", False),
    "reply": ("suggestions:reply", False),
    "request_reassignment": ("suggestions:reassign", False),
    "approve_reassignment": ("suggestions:reassignment_decide", False),
}
PRESIDIUM_DECISIONS = {
    "put_on_agenda": PresidiumDecision.ON_AGENDA,
    "handle_as_suggestion": PresidiumDecision.AS_SUGGESTION,
    "not_accept": PresidiumDecision.NOT_ACCEPTED,
}


def suggestion_actions(user, suggestion: Suggestion) -> list[Action]:
    """Buttons for the suggestion's moves this user may make now."""
    actions = []
    for move in SUGGESTION_FLOW.moves_for(user, suggestion):
        if move.name not in SUGGESTION_PAGES:
            continue
        page, post = SUGGESTION_PAGES[move.name]
        if move.name == "assign":
            url = f"{reverse(page)}?ids={suggestion.pk}"
        else:
            url = reverse(page, args=[suggestion.pk])
        if move.name in PRESIDIUM_DECISIONS:
            url += f"?decision={PRESIDIUM_DECISIONS[move.name]}"
        actions.append(Action(move.label, url, post=post))
    return actions


def assignment_actions(user, assignment: Assignment) -> list[Action]:
    """Buttons for an assignment's moves this user may make now (its unit; the office on a request)."""
    actions = []
    for move in ASSIGNMENT_FLOW.moves_for(user, assignment):
        if move.name in ASSIGNMENT_PAGES:
            page, post = ASSIGNMENT_PAGES[move.name]
            label = "处理调整申请" if move.name == "approve_reassignment" else move.label
            actions.append(Action(label, reverse(page, args=[assignment.pk]), post=post))
    return actions


# ---------------------------------------------------------------- form pages


def _form_page(
    request: HttpRequest,
    form,
    *,
    title: str,
    call: Callable[[dict], Any],
    success: str,
    next_url: str | Callable[[Any], str],
    suggestion: Suggestion | None = None,
    cancel_url: str = "",
    submit_label: str = "提交",
    template: str = "suggestions/form.html",
    context: dict | None = None,
) -> HttpResponse:
    """Show `form`; when it is valid, `call` the one service and go to `next_url` (or `next_url(result)`),
    else show the service's errors on the form."""
    if request.method == "POST" and form.is_valid():
        try:
            result = call(form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, success)
            return redirect(next_url(result) if callable(next_url) else next_url)
    return render(
        request,
        template,
        {
            "title": title,
            "form": form,
            "suggestion": suggestion,
            "submit_label": submit_label,
            "multipart": form.is_multipart(),
            "cancel_url": cancel_url or next_url,
            **(context or {}),
        },
    )


def _post_action(request: HttpRequest, call: Callable[[], Any], success: str, default: str) -> HttpResponse:
    """A one-click POST: run the one service, report the outcome, go back."""
    try:
        call()
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(request, success)
    return redirect(_back(request, default))


# ---------------------------------------------------------------- lists


class RoleListView(RendaListView):
    capability: str

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated:
            _require(request.user, self.capability)
        return super().dispatch(request, *args, **kwargs)


def _unit_names(suggestion: Suggestion) -> str:
    return "、".join(
        f"{a.unit.name}（{a.get_role_display()}）" for a in getattr(suggestion, "current_assignments", [])
    )


class SuggestionListView(RoleListView):
    """全部建议: the registry with filters, sort and Excel export."""

    capability = READ_ALL
    template_name = "suggestions/list.html"
    filterset_class = SuggestionFilter
    sort_fields = {
        "number": ["-year", "serial"],
        "title": ["title"],
        "state": ["state"],
        "deputy": ["lead_deputy__name_pinyin"],
        "submitted": ["submitted_at"],
        "due": ["reply_due"],
    }
    export_filename = "代表建议"
    export_columns = (
        ("编号", lambda s: s.number),
        ("标题", lambda s: s.title),
        ("类型", lambda s: s.get_kind_display()),
        ("领衔代表", lambda s: s.lead_deputy.name),
        ("分类", lambda s: str(s.category or "")),
        ("提出时间", lambda s: s.get_timing_display()),
        ("状态", lambda s: s.get_state_display()),
        ("承办单位", _unit_names),
        ("交办日期", lambda s: s.assigned_on),
        ("答复期限", lambda s: s.reply_due),
        ("超期", lambda s: "是" if s.is_overdue else ""),
        ("重点督办", lambda s: "是" if s.is_key else ""),
    )

    def get_base_queryset(self):
        return selectors.suggestion_list_for(self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(is_office=can(self.request.user, MANAGE), **kwargs)


class MineView(RoleListView):
    """我的建议: the deputy's own and co-signed suggestions, and invitations to co-sign."""

    capability = AUTHOR
    template_name = "suggestions/mine.html"
    filterset_class = MineFilter
    sort_fields = {"created": ["created_at"], "state": ["state"], "due": ["reply_due"]}
    default_sort = "-created"

    def get_base_queryset(self):
        return selectors.deputy_suggestion_list(self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["invitations"] = selectors.cosign_invitations(self.request.user)
        return context


class ReviewQueueView(RoleListView):
    """审查: submitted suggestions and motions awaiting the presidium."""

    capability = MANAGE
    template_name = "suggestions/review.html"
    filterset_class = SearchFilter
    sort_fields = {"submitted": ["submitted_at"], "title": ["title"]}
    default_sort = "submitted"

    def get_base_queryset(self):
        return selectors.review_queue()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        for suggestion in context["object_list"]:
            suggestion.actions = suggestion_actions(self.request.user, suggestion)
        return context


COMMITMENTS_SHOWN = 20


class TodoView(RoleListView):
    """承办单位待办: open assignments with traffic lights, and open commitments."""

    capability = HANDLE
    template_name = "suggestions/todo.html"
    sort_fields = {"due": ["due"]}

    def get_base_queryset(self):
        return selectors.unit_todo(self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        for assignment in context["object_list"]:
            assignment.deadline = (
                assignment.opinion_due if assignment.role == AssignmentRole.JOINT else assignment.due
            )
            assignment.actions = assignment_actions(self.request.user, assignment)
            assignment.can_request_reassignment = today <= assignment.reassign_deadline
        # The soonest due only: a busy unit keeps thousands open over the years (one more row tells if any).
        commitments = list(selectors.unit_commitments(self.request.user)[: COMMITMENTS_SHOWN + 1])
        context["commitments"] = commitments[:COMMITMENTS_SHOWN]
        context["more_commitments"] = len(commitments) > COMMITMENTS_SHOWN
        return context


class ReassignmentListView(RoleListView):
    """调整申请: units that think they are the wrong unit."""

    capability = MANAGE
    template_name = "suggestions/reassignments.html"

    def get_base_queryset(self):
        return selectors.reassignment_requests()


class BoardView(RoleListView):
    """督办看板: open, overdue and due-soon answers by unit; key supervision; coordination."""

    capability = READ_ALL
    template_name = "suggestions/board.html"
    export_filename = "建议办理督办"
    export_columns = (
        ("承办单位", lambda u: u.name),
        ("在办件数", lambda u: u.open_count),
        ("已超期", lambda u: u.overdue_count),
        ("临近期限", lambda u: u.soon_count),
    )

    def get_base_queryset(self):
        return selectors.supervision_board()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["supervisions"] = selectors.key_supervisions()
        context["coordination"] = selectors.coordination_queue()
        context["due_soon_days"] = rule("due_soon_days")
        return context


class PublicReplyListView(HtmxPartialMixin, ListView):
    """公开答复: published replies for everyone, without signing in; deputies' names only."""

    template_name = "suggestions/public_replies.html"
    paginate_by = 10

    def get_queryset(self):
        self.filterset = SearchFilter(self.request.GET or None, queryset=selectors.public_reply_list())
        queryset = self.filterset.qs if self.filterset.is_bound else self.filterset.queryset
        return queryset.order_by("-year", "serial", "-pk")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(filter=self.filterset, **kwargs)


# ---------------------------------------------------------------- detail, print, files


@login_required
def suggestion_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    suggestion = selectors.suggestion_get_for_user(user, pk)
    page = selectors.suggestion_page(user, suggestion)
    for assignment in page["assignments"]:
        assignment.actions = assignment_actions(user, assignment)
    office = can(user, MANAGE)
    author = SUGGESTION_FLOW.may(user, suggestion, "edit")
    return render(
        request,
        "suggestions/detail.html",
        {
            "suggestion": suggestion,
            **page,
            "actions": suggestion_actions(user, suggestion),
            "is_author": author,
            "is_office": office,
            "attachment_form": AttachmentForm() if author else None,
        },
    )


@login_required
def suggestion_print(request: HttpRequest, pk: int) -> HttpResponse:
    suggestion = selectors.suggestion_get_for_user(request.user, pk)
    context = {"suggestion": suggestion, **selectors.suggestion_page(request.user, suggestion)}
    return render(request, "suggestions/print.html", context)


@login_required
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    attachment = selectors.attachment_get_for_user(request.user, pk)
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)


@login_required
def reply_letter_download(request: HttpRequest, pk: int) -> FileResponse:
    reply = selectors.reply_get_for_user(request.user, pk)
    name = reply.letter.name.rsplit("/", 1)[-1]
    return FileResponse(reply.letter.open("rb"), as_attachment=True, filename=name)


# ---------------------------------------------------------------- drafting (deputies, and the office on paper)


@login_required
def suggestion_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    form: SuggestionCreateForm
    if can(user, MANAGE):
        form = PaperSuggestionForm(_posted(request), _files(request))
        title = "代为录入纸质建议"

        def call(data):
            return services.suggestion_enter(
                lead_deputy=data["lead_deputy"],
                cosigners=data["cosigners"],
                attachments=data["attachments"],
                actor=user,
                **form.suggestion_fields(),
            )

    elif has_role(user, Role.DEPUTY) and user.deputy_id:
        form = SuggestionCreateForm(_posted(request), _files(request))
        title = "提出建议"

        def call(data):
            return services.suggestion_create(
                lead_deputy=user.deputy,
                attachments=data["attachments"],
                actor=user,
                **form.suggestion_fields(),
            )

    else:
        raise Http404("没有找到该页面。")
    return _form_page(
        request,
        form,
        title=title,
        call=call,
        success="已保存为草稿。可以邀请附议代表，确认无误后提交。",
        next_url=_detail,
        cancel_url=reverse("suggestions:list" if can(user, MANAGE) else "suggestions:mine"),
        submit_label="保存草稿",
    )


@login_required
def suggestion_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    suggestion = selectors.suggestion_get_for_user(request.user, pk)
    if not SUGGESTION_FLOW.may(request.user, suggestion, "edit"):
        raise Http404("没有找到该页面。")
    initial = {
        "kind": suggestion.kind,
        "title": suggestion.title,
        "content": suggestion.content,
        "category": suggestion.category_id,
        "timing": suggestion.timing,
        "congress_session": suggestion.congress_session_id,
        "delegation": suggestion.delegation_id,
        "version": suggestion.version,
    }
    form = SuggestionEditForm(_posted(request), initial=initial)
    return _form_page(
        request,
        form,
        title="修改建议",
        suggestion=suggestion,
        call=lambda data: services.suggestion_update(
            suggestion=suggestion,
            expected_version=data["version"],
            changes=form.suggestion_fields(),
            actor=request.user,
        ),
        success="修改已保存。",
        next_url=_detail(suggestion),
        submit_label="保存",
    )


@login_required
@require_POST
def attachments_upload(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    suggestion = selectors.suggestion_get_for_user(request.user, pk)
    if not SUGGESTION_FLOW.may(request.user, suggestion, "edit"):
        raise Http404("没有找到该页面。")
    form = AttachmentForm(request.POST, request.FILES)
    return _form_page(
        request,
        form,
        title="上传附件",
        suggestion=suggestion,
        call=lambda data: services.attachments_add(
            suggestion=suggestion, files=data["files"], actor=request.user
        ),
        success="附件已上传。",
        next_url=_detail(suggestion),
        submit_label="上传",
    )


@login_required
def cosigners(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Invite co-signers found by name or pinyin; drop those who have not confirmed."""
    suggestion = selectors.suggestion_get_for_user(request.user, pk)
    if not SUGGESTION_FLOW.may(request.user, suggestion, "edit"):
        raise Http404("没有找到该页面。")
    form = CosignerInviteForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            invited = services.cosigners_invite(
                suggestion=suggestion, deputies=form.cleaned_data["deputies"], actor=request.user
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, f"已邀请{len(invited)}名代表附议，待其确认。")
            return redirect("suggestions:cosigners", pk=suggestion.pk)
    query = request.GET.get("q", "")
    context = {
        "suggestion": suggestion,
        "form": form,
        "q": query,
        "candidates": selectors.cosigner_candidates(request.user, suggestion, query),
        "cosigners": selectors.suggestion_page(request.user, suggestion)["cosigners"],
    }
    template = "suggestions/cosigners.html#results" if request.htmx else "suggestions/cosigners.html"
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request",))
    return response


@login_required
@require_POST
def cosigner_drop(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    cosigner = selectors.cosigner_get_for_user(request.user, pk)
    return _post_action(
        request,
        lambda: services.cosigner_drop(cosigner=cosigner, actor=request.user),
        f"已移除附议代表{cosigner.deputy.name}。",
        reverse("suggestions:cosigners", args=[cosigner.suggestion_id]),
    )


@login_required
@require_POST
def cosigner_respond(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    cosigner = selectors.cosigner_get_for_user(request.user, pk)
    confirm = request.POST.get("confirm") == "1"
    return _post_action(
        request,
        lambda: services.cosigner_respond(cosigner=cosigner, confirm=confirm, actor=request.user),
        "已确认附议。" if confirm else "已谢绝附议。",
        reverse("suggestions:mine"),
    )


@login_required
@require_POST
def suggestion_submit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    suggestion = selectors.suggestion_get_for_user(request.user, pk)
    return _post_action(
        request,
        lambda: services.suggestion_submit(suggestion=suggestion, actor=request.user),
        "已提交，等待代表工作机构审查。",
        _detail(suggestion),
    )


# ---------------------------------------------------------------- registration review (office)


def _office_suggestion(request: HttpRequest, pk: int) -> Suggestion:
    _require(request.user, MANAGE)
    return selectors.suggestion_get_for_user(request.user, pk)


@login_required
@require_POST
def suggestion_accept(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    suggestion = _office_suggestion(request, pk)
    return _post_action(
        request,
        lambda: services.suggestion_accept(suggestion=suggestion, actor=request.user),
        "已立案。",
        _detail(suggestion),
    )


@login_required
def suggestion_return(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    suggestion = _office_suggestion(request, pk)
    return _form_page(
        request,
        ReturnForm(_posted(request)),
        title="退回修改",
        suggestion=suggestion,
        call=lambda data: services.suggestion_return(
            suggestion=suggestion, reason=data["reason"], actor=request.user
        ),
        success="已退回领衔代表修改。",
        next_url=_detail(suggestion),
        submit_label="退回",
    )


@login_required
def suggestion_reject(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    suggestion = _office_suggestion(request, pk)
    return _form_page(
        request,
        RejectForm(_posted(request)),
        title="不予立案",
        suggestion=suggestion,
        call=lambda data: services.suggestion_reject(
            suggestion=suggestion, reason=data["reason"], note=data["note"], actor=request.user
        ),
        success="已决定不予立案。",
        next_url=_detail(suggestion),
        submit_label="不予立案",
    )


@login_required
def suggestions_merge(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    suggestion = _office_suggestion(request, pk)
    form = MergeForm(
        _posted(request),
        candidates=selectors.merge_candidates(suggestion),
        initial={"others": request.GET.getlist("others")},  # preselected from the similar suggestions
    )
    return _form_page(
        request,
        form,
        title="并案：选择并入本件一并办理的建议",
        suggestion=suggestion,
        call=lambda data: services.suggestions_merge(
            into=suggestion, others=list(data["others"]), actor=request.user
        ),
        success="已并案。",
        next_url=_detail(suggestion),
        submit_label="并案",
    )


@login_required
def motion_presidium(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    suggestion = _office_suggestion(request, pk)
    form = PresidiumForm(_posted(request), initial={"decision": request.GET.get("decision")})
    return _form_page(
        request,
        form,
        title="登记主席团决定",
        suggestion=suggestion,
        call=lambda data: services.motion_presidium_decide(
            suggestion=suggestion, decision=data["decision"], note=data["note"], actor=request.user
        ),
        success="已登记主席团决定。",
        next_url=_detail(suggestion),
        submit_label="登记",
    )


# ---------------------------------------------------------------- assignment (office)


@login_required
def assign(request: AuthenticatedHttpRequest) -> HttpResponse:
    """交办会: pick many accepted suggestions, choose units for each; one date, all or nothing."""
    _require(request.user, MANAGE)
    suggestions = list(selectors.assignable_suggestions())
    units = {unit.pk: unit for unit in handling_units_for_picker(request.user)}
    picked = set(request.GET.get("ids", "").split(","))
    initial = [{"suggestion": s.pk, "pick": str(s.pk) in picked} for s in suggestions]
    meeting_form = AssignMeetingForm(_posted(request))
    formset = AssignRowFormSet(
        _posted(request),
        initial=initial,
        form_kwargs={"units": [(str(pk), unit.name) for pk, unit in units.items()]},
        prefix="rows",
    )
    by_pk = {s.pk: s for s in suggestions}
    if request.method == "POST" and meeting_form.is_valid() and formset.is_valid():
        picked_forms = [
            form
            for form in formset
            if form.cleaned_data.get("pick") and form.cleaned_data.get("suggestion") in by_pk
        ]
        items = [{"suggestion": by_pk[f.cleaned_data["suggestion"]], **f.item(units)} for f in picked_forms]
        try:
            meeting = services.suggestions_assign_batch(
                items=items,
                meeting_name=meeting_form.cleaned_data["meeting_name"],
                on=meeting_form.cleaned_data["on"],
                actor=request.user,
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for key, texts in error.message_dict.items():
                    if key.isdigit():  # an item's position (services.suggestions_assign_batch)
                        picked_forms[int(key)].add_error(None, texts)
                    else:
                        meeting_form.add_error(key if key in meeting_form.fields else None, texts)
            else:
                meeting_form.add_error(None, error.messages)
        else:
            messages.success(request, f"已在「{meeting.name}」交办{len(items)}件建议。")
            return redirect("suggestions:list")
    rows = [(form, by_pk.get(form.initial.get("suggestion", 0))) for form in formset]  # 0: no suggestion
    return render(
        request,
        "suggestions/assign.html",
        {"meeting_form": meeting_form, "formset": formset, "rows": rows},
    )


@login_required
def reassignment_decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require(request.user, MANAGE)
    assignment = selectors.reassignment_request_get(pk)
    return _form_page(
        request,
        ReassignDecideForm(_posted(request)),
        title=f"处理调整申请：{assignment.unit.name}",
        suggestion=assignment.suggestion,
        call=lambda data: services.reassignment_decide(
            assignment=assignment,
            approve=data["approve"],
            new_unit=data["new_unit"],
            note=data["note"],
            actor=request.user,
        ),
        success="已处理调整申请。",
        next_url=reverse("suggestions:reassignments"),
        context={"assignment": assignment},
    )


# ---------------------------------------------------------------- supervision and coordination (office)


@login_required
def key_supervision(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    suggestion = _office_suggestion(request, pk)
    return _form_page(
        request,
        KeySupervisionForm(_posted(request)),
        title="列为重点督办",
        suggestion=suggestion,
        call=lambda data: services.key_supervision_select(suggestion=suggestion, actor=request.user, **data),
        success="已列为重点督办。",
        next_url=_detail(suggestion),
    )


@login_required
def supervision_note(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    suggestion = _office_suggestion(request, pk)
    supervision = selectors.suggestion_page(request.user, suggestion)["supervision"]
    if supervision is None:
        raise Http404("该建议没有列为重点督办。")
    return _form_page(
        request,
        SupervisionNoteForm(_posted(request)),
        title="登记督办情况",
        suggestion=suggestion,
        call=lambda data: services.supervision_note_add(supervision=supervision, actor=request.user, **data),
        success="已登记督办情况。",
        next_url=_detail(suggestion),
    )


@login_required
def coordination(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    suggestion = _office_suggestion(request, pk)
    return _form_page(
        request,
        CoordinationForm(_posted(request)),
        title="协调处理结果",
        suggestion=suggestion,
        call=lambda data: services.coordination_close(
            suggestion=suggestion, outcome=data["outcome"], actor=request.user
        ),
        success="已办结。",
        next_url=_detail(suggestion),
        submit_label="办结",
    )


# ---------------------------------------------------------------- handling (units)


@login_required
@require_POST
def assignment_accept(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assignment = selectors.assignment_for_unit_user(request.user, pk)
    return _post_action(
        request,
        lambda: services.assignment_sign_for(assignment=assignment, actor=request.user),
        "已签收。",
        reverse("suggestions:todo"),
    )


def _unit_form_page(request: HttpRequest, pk: int, form, *, title: str, call, success: str, **kwargs):
    assignment = selectors.assignment_for_unit_user(request.user, pk)
    return _form_page(
        request,
        form,
        title=title,
        suggestion=assignment.suggestion,
        call=lambda data: call(assignment, data),
        success=success,
        next_url=_detail(assignment.suggestion),
        context={"assignment": assignment},
        **kwargs,
    )


@login_required
def assignment_reassign(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _unit_form_page(
        request,
        pk,
        ReassignRequestForm(_posted(request)),
        title="申请调整承办单位",
        call=lambda assignment, data: services.assignment_request_reassignment(
            assignment=assignment, reason=data["reason"], actor=request.user
        ),
        success="已提出调整申请，等待代表工作机构处理。",
    )


@login_required
def contact(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _unit_form_page(
        request,
        pk,
        ContactForm(_posted(request)),
        title="登记联系代表情况",
        call=lambda assignment, data: services.contact_record(
            assignment=assignment, actor=request.user, **data
        ),
        success="已登记联系代表情况。",
    )


@login_required
def opinion(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _unit_form_page(
        request,
        pk,
        OpinionForm(_posted(request)),
        title="向主办单位提交会办意见",
        call=lambda assignment, data: services.joint_opinion_send(
            assignment=assignment, opinion=data["opinion"], actor=request.user
        ),
        success="会办意见已提交主办单位。",
    )


@login_required
def reply(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """答复: result category, text, signer, commitments; upload the letter or generate it from the template."""
    assignment = selectors.assignment_for_unit_user(request.user, pk)
    suggestion = selectors.suggestion_get_for_user(request.user, assignment.suggestion_id)
    form = ReplyForm(_posted(request), _files(request))
    commitments = CommitmentFormSet(_posted(request), prefix="commitments")
    if request.method == "POST" and form.is_valid() and commitments.is_valid():
        data = form.cleaned_data
        letter = data["letter"]
        if data["generate_letter"]:
            letter = reply_letter_file(
                assignment=assignment,
                result_category=data["result_category"],
                text=data["text"],
                signer=data["signer"],
            )
        try:
            services.reply_send(
                assignment=assignment,
                result_category=data["result_category"],
                text=data["text"],
                signer=data["signer"],
                publishable=data["publishable"],
                letter=letter,
                commitments=[(c["description"], c["due"]) for c in commitments.cleaned_data if c],
                actor=request.user,
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, "答复已发送，领衔代表和附议代表将收到通知。")
            return redirect(_detail(suggestion))
    return render(
        request,
        "suggestions/reply.html",
        {"assignment": assignment, "suggestion": suggestion, "form": form, "commitments": commitments},
    )


@login_required
def commitment_update(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    commitment = selectors.commitment_for_unit_user(request.user, pk)
    suggestion = commitment.reply.assignment.suggestion
    return _form_page(
        request,
        CommitmentUpdateForm(_posted(request)),
        title=f"报告承诺事项进展：{commitment.description}",
        suggestion=suggestion,
        call=lambda data: services.commitment_update_post(commitment=commitment, actor=request.user, **data),
        success="已报告进展，代表将收到通知。",
        next_url=reverse("suggestions:todo"),
    )


# ---------------------------------------------------------------- evaluation (deputies)


@login_required
def evaluate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    suggestion = selectors.suggestion_get_for_user(request.user, pk)
    if not SUGGESTION_FLOW.may(request.user, suggestion, "evaluate"):
        raise Http404("该建议当前不需要您评价。")
    form = EvaluationForm(_posted(request), separate=bool(rule("separate_attitude_and_result")))
    return _form_page(
        request,
        form,
        title="评价办理情况",
        suggestion=suggestion,
        call=lambda data: services.evaluation_submit(
            suggestion=suggestion,
            rating=data["rating"],
            attitude=data.get("attitude", ""),
            result=data.get("result", ""),
            comment=data["comment"],
            actor=request.user,
        ),
        success="评价已提交。",
        next_url=_detail(suggestion),
        context={"replies": selectors.suggestion_page(request.user, suggestion)["replies"]},
    )


# ---------------------------------------------------------------- near duplicates, recommended units (office)


def _page_or_partial(request: AuthenticatedHttpRequest, template: str, context: dict) -> HttpResponse:
    """The full page, or its `results` partial for htmx (the detail and assignment pages load it)."""
    response = render(request, f"{template}#results" if request.htmx else template, context)
    patch_vary_headers(response, ("HX-Request",))
    return response


@login_required
def similar(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """相似建议: the most similar suggestions of the same session and the last three years, with their score,
    the differing passages and, while both may still be merged, a button to merge them."""
    suggestion = _office_suggestion(request, pk)
    items = [
        {
            "similar": item,
            "diff": similarity.text_diff(suggestion.content, item.suggestion.content),
            "merge": similarity.merge_target(suggestion, item.suggestion),
        }
        for item in similarity.similar_suggestions(request.user, suggestion)
    ]
    context = {"suggestion": suggestion, "items": items, "threshold": rule("duplicate_threshold_percent")}
    return _page_or_partial(request, "suggestions/similar.html", context)


@login_required
def recommended_units(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """推荐主办单位: the top three lead units with their reasons; the clerk decides."""
    suggestion = _office_suggestion(request, pk)
    context = {"suggestion": suggestion, "recommendations": similarity.recommend_units(suggestion)}
    return _page_or_partial(request, "suggestions/recommended_units.html", context)


class UnitKeywordListView(RoleListView):
    """承办单位关键词: the editable keyword → unit hints of the recommendations."""

    capability = MANAGE
    template_name = "suggestions/keywords.html"
    filterset_class = UnitKeywordFilter
    sort_fields = {"keyword": ["keyword"], "unit": ["unit__name"], "weight": ["weight"]}
    default_sort = "keyword"
    export_filename = "承办单位关键词"
    export_columns = (
        ("关键词", lambda k: k.keyword),
        ("承办单位", lambda k: k.unit.name),
        ("权重", lambda k: k.weight),
        ("在用", lambda k: "是" if k.active else "否"),
    )

    def get_base_queryset(self):
        return similarity.unit_keywords_visible_to(self.request.user)


@login_required
def unit_keyword_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require(request.user, MANAGE)
    return _form_page(
        request,
        UnitKeywordForm(_posted(request)),
        title="新增承办单位关键词",
        call=lambda data: services.unit_keyword_create(actor=request.user, **data),
        success="已新增关键词。",
        next_url=reverse("suggestions:keywords"),
        submit_label="保存",
    )


@login_required
def unit_keyword_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    keyword = similarity.unit_keyword_get_for_user(request.user, pk)
    initial = {field: getattr(keyword, field) for field in ("keyword", "unit", "weight", "active")}
    return _form_page(
        request,
        UnitKeywordForm(_posted(request), initial=initial, unit_id=keyword.unit_id),
        title=f"修改关键词「{keyword.keyword}」",
        call=lambda data: services.unit_keyword_update(
            unit_keyword=keyword, changes=data, actor=request.user
        ),
        success="关键词已保存。",
        next_url=reverse("suggestions:keywords"),
        submit_label="保存",
    )


# ---------------------------------------------------------------- statistics, ranking, dashboard (office, members)


GROUP_HEADERS = [
    "提出", "立案", "交办", "已答复", "按期答复", "超期未答复", "已解决", "解决率", "满意", "基本满意", "不满意",
    "未反馈", "满意率",
]  # fmt: skip


def _group_row(group: statistics.Figures) -> list:
    return [
        group.label, group.submitted, group.registered, group.assigned, group.replied, group.replied_on_time,
        group.overdue, group.resolved, str(group.resolution_rate), group.satisfied, group.basically_satisfied,
        group.dissatisfied, group.no_feedback, str(group.satisfaction_rate),
    ]  # fmt: skip


def _unit_headers(categories) -> list[str]:
    return [
        "承办单位", "主办、分办", "会办、协办", "已答复", "答复率", "按期答复", "按期答复率", "超期未答复",
        *(f"{c.code}类" for c in categories), "已解决", "解决率", "满意", "基本满意", "不满意", "未反馈", "满意率",
    ]  # fmt: skip


def _unit_row(unit: statistics.UnitFigures) -> list:
    return [
        unit.name, unit.assigned, unit.supporting, unit.replied, str(unit.reply_rate), unit.replied_on_time,
        str(unit.on_time_rate), unit.overdue, *(n for _, n in unit.by_category), unit.resolved,
        str(unit.resolution_rate), unit.satisfied, unit.basically_satisfied, unit.dissatisfied, unit.no_feedback,
        str(unit.satisfaction_rate),
    ]  # fmt: skip


def _statistics_sheets(stats: statistics.Statistics) -> list:
    figures, fund = stats.figures, stats.fund
    counts = [
        ("提出", figures.submitted), ("立案", figures.registered), ("不予立案", figures.rejected),
        ("并案", figures.merged), ("交办", figures.assigned), ("已答复", figures.replied),
        ("按期答复", figures.replied_on_time), ("超期未答复", figures.overdue), ("已解决", figures.resolved),
        ("满意", figures.satisfied), ("基本满意", figures.basically_satisfied), ("不满意", figures.dissatisfied),
        ("未反馈", figures.no_feedback),
    ]  # fmt: skip
    rates = [
        ("办理答复率", figures.reply_rate), ("按期答复率", figures.on_time_rate),
        ("解决率", figures.resolution_rate), ("满意率", figures.satisfaction_rate),
    ]  # fmt: skip
    totals = [
        *((label, n, None, None) for label, n in counts),
        *((label, r.numerator, r.denominator, str(r)) for label, r in rates),
        ("专项资金（元）", fund.amount, None, None),
        ("安排到项目（元）", fund.allocated, None, None),
        ("项目（个）", fund.projects, None, None),
        ("惠及群众（人次）", fund.beneficiaries, None, None),
        (stats.sentence, None, None, None),
        (fund.sentence, None, None, None),
    ]
    return [
        ("总体", [stats.scope.label, "件数（分子）", "分母", "比率"], totals),
        ("按分类", ["分类", *GROUP_HEADERS], [_group_row(g) for g in stats.by_category]),
        ("按乡镇", ["乡镇（街道）", *GROUP_HEADERS], [_group_row(g) for g in stats.by_township]),
        (
            "按承办单位",
            _unit_headers(stats.categories),
            [_unit_row(u) for u in [*stats.units, stats.unit_total]],
        ),
    ]


def _satisfaction_hint() -> str:
    satisfied = "满意＋基本满意" if rule("satisfaction_includes_basic") else "满意"
    return f"{satisfied} ÷ 已评价，未反馈不计"


def _scope_form(request: HttpRequest) -> StatsScopeForm:
    _require(request.user, READ_ALL)
    return StatsScopeForm(request.GET or None, initial={"year": timezone.localdate().year})


@login_required
def stats(request: HttpRequest) -> HttpResponse:
    """统计: totals, rates, breakdowns by category, township and unit for a session, a year or a date range."""
    form = _scope_form(request)
    data = statistics.suggestion_statistics(form.scope())
    if request.GET.get("export") == "xlsx":
        return sheets_response(f"代表建议办理统计（{data.scope.label}）", _statistics_sheets(data))
    context = {
        "form": form,
        "stats": data,
        "charts": charts.statistics_charts(data),
        "satisfaction_hint": _satisfaction_hint(),
    }
    return render(request, "suggestions/stats.html", context)


RANKING_HEADERS = [
    "排名",
    "承办单位",
    "得分",
    "主办、分办",
    "答复率",
    "按期答复率",
    "解决率",
    "满意率",
    "超期未答复",
]


@login_required
def ranking(request: HttpRequest) -> HttpResponse:
    """办理质效排名 of the handling units, with its score's weights."""
    form = _scope_form(request)
    scope = form.scope()
    units = statistics.unit_ranking(scope)
    if request.GET.get("export") == "xlsx":
        rows = [
            [u.rank, u.name, float(u.score or 0), u.assigned, str(u.reply_rate), str(u.on_time_rate),
             str(u.resolution_rate), str(u.satisfaction_rate), u.overdue]
            for u in units
        ]  # fmt: skip
        return xlsx_response(f"办理质效排名（{scope.label}）", RANKING_HEADERS, rows)
    weights = [(label, rule(name)) for _, name, label in statistics.SCORE_WEIGHTS]
    context = {
        "form": form,
        "scope": scope,
        "units": units,
        "weights": weights,
        "chart": charts.ranking_chart(units),
        "chart_height": charts.rows_height(len(units)),
    }
    return render(request, "suggestions/ranking.html", context)


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """驾驶舱: the year at a glance for the office and the chairpersons."""
    _require(request.user, READ_ALL)
    form = YearForm(request.GET or None, initial={"year": timezone.localdate().year})
    board = statistics.dashboard(form.chosen_year())
    context = {"form": form, "board": board, "charts": charts.dashboard_charts(board)}
    return render(request, "suggestions/dashboard.html", context)
