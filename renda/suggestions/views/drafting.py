"""Drafting: the deputy writes (or the office enters a paper suggestion), edits, attaches files, invites
co-signers, and submits; co-signers confirm or decline."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_POST

from renda.accounts.http import AuthenticatedHttpRequest
from renda.core.forms import show_errors
from renda.core.roles import Role, can, has_role
from renda.suggestions import selectors, services
from renda.suggestions.forms import (
    AttachmentForm,
    CosignerInviteForm,
    PaperSuggestionForm,
    SuggestionCreateForm,
    SuggestionEditForm,
)
from renda.suggestions.views.common import _detail, _files, _form_page, _post_action, _posted
from renda.suggestions.workflows import MANAGE, SUGGESTION_FLOW


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
