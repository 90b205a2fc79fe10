"""Handling by the units: signing for an assignment, asking for reassignment, contacting the deputy, the
joint unit's opinion, the reply with its letter and commitments, and progress on commitments."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from renda.accounts.http import AuthenticatedHttpRequest
from renda.casework import services as casework
from renda.core import clock
from renda.core.forms import show_errors
from renda.suggestions import selectors, services
from renda.suggestions.forms import (
    CommitmentFormSet,
    CommitmentUpdateForm,
    ContactForm,
    OpinionForm,
    ReassignRequestForm,
    ReplyForm,
    ReplyLetterTemplateForm,
)
from renda.suggestions.letters import copy_to_default, letter_build
from renda.suggestions.models import LETTER_PLACEHOLDERS, ReplyLetterTemplate, ResultCategory
from renda.suggestions.views.common import _detail, _files, _form_page, _post_action, _posted, _require
from renda.suggestions.workflows import MANAGE


@login_required
@require_POST
def assignment_accept(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assignment = selectors.assignment_for_unit_user(request.user, pk)
    return _post_action(
        request,
        lambda: casework.sign_for(assignment=assignment, actor=request.user),
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
        call=lambda assignment, data: casework.request_reassignment(
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
        call=lambda assignment, data: casework.record_contact(
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
        call=lambda assignment, data: casework.send_opinion(
            assignment=assignment, opinion=data["opinion"], actor=request.user
        ),
        success="会办意见已提交主办单位。",
    )


@login_required
def reply(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """答复: result category, text, the letter's fields, commitments; upload the letter or generate it from the
    office's template. "预览答复函" shows the letter as it will be generated, without sending."""
    assignment = selectors.assignment_for_unit_user(request.user, pk)
    suggestion = selectors.suggestion_get_for_user(request.user, assignment.suggestion_id)
    initial = {}
    if request.method != "POST" and (category := ResultCategory.objects.filter(active=True).first()):
        initial["copy_to"] = copy_to_default(
            suggestion, unit_name=assignment.unit.name, result_category=category, date=clock.today()
        )
    form = ReplyForm(_posted(request), _files(request), initial=initial)
    commitments = CommitmentFormSet(_posted(request), prefix="commitments")
    preview = None
    if request.method == "POST" and form.is_valid() and commitments.is_valid():
        data = form.cleaned_data
        if "preview" in request.POST:
            preview = letter_build(
                suggestion=suggestion,
                unit_name=assignment.unit.name,
                result_category=data["result_category"],
                text=data["text"],
                signer=data["signer"],
                date=clock.today(),
                document_number=data["document_number"],
                contact_person=data["contact_person"],
                contact_phone=data["contact_phone"],
                copy_to=data["copy_to"],
            )
        else:
            try:
                services.reply_send(
                    assignment=assignment,
                    commitments=[(c["description"], c["due"]) for c in commitments.cleaned_data if c],
                    actor=request.user,
                    **data,
                )
            except ValidationError as error:
                show_errors(form, error)
            else:
                messages.success(request, "答复已发送，领衔代表和附议代表将收到通知。")
                return redirect(_detail(suggestion))
    return render(
        request,
        "suggestions/reply.html",
        {
            "assignment": assignment,
            "suggestion": suggestion,
            "form": form,
            "commitments": commitments,
            "preview": preview,
        },
    )


@login_required
def reply_letter_template(request: AuthenticatedHttpRequest) -> HttpResponse:
    """答复函模板: the office edits the parts of the letter the units do not write."""
    _require(request.user, MANAGE)
    template = ReplyLetterTemplate.current()
    fields = ("heading", "salutation", "opening", "closing", "signature", "copy_to")
    initial = {"version": template.version, **{name: getattr(template, name) for name in fields}}
    form = ReplyLetterTemplateForm(_posted(request), initial=initial)
    return _form_page(
        request,
        form,
        title="答复函模板",
        call=lambda data: services.reply_letter_template_update(
            expected_version=data["version"],
            changes={name: data[name] for name in fields},
            actor=request.user,
        ),
        success="答复函模板已保存，此后生成的答复函按新模板。",
        next_url=reverse("suggestions:letter_template"),
        cancel_url=reverse("suggestions:list"),
        submit_label="保存",
        template="suggestions/letter_template.html",
        context={"placeholders": LETTER_PLACEHOLDERS},
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
