"""One suggestion's page, its print view, and its files (attachments, reply letters)."""

import io

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render

from renda.casework.selectors import case_deputies_contactable
from renda.core.privacy import mask_phone
from renda.core.roles import can
from renda.core.uploads import open_stored
from renda.suggestions import selectors
from renda.suggestions.docx import reply_letter, reply_letter_name
from renda.suggestions.forms import AttachmentForm
from renda.suggestions.letters import letter_for_reply
from renda.suggestions.views.common import assignment_actions, suggestion_actions
from renda.suggestions.workflows import CASES, MANAGE, SUGGESTION_FLOW


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
            # a unit handling it sees the deputies' phones masked, and shows one behind a logged button
            "contacts": [
                {"deputy": d, "masked": mask_phone(d.phone)}
                for d in case_deputies_contactable(user, CASES, suggestion)
            ],
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
    return FileResponse(open_stored(attachment.file), as_attachment=True, filename=attachment.name)


@login_required
def reply_letter_download(request: HttpRequest, pk: int) -> FileResponse:
    reply = selectors.reply_get_for_user(request.user, pk)
    if not reply.letter:  # a reply recorded with its 文号 but no stored file: its letter made on demand
        letter = io.BytesIO(reply_letter(letter_for_reply(reply)))
        return FileResponse(
            letter, as_attachment=True, filename=reply_letter_name(reply.assignment.suggestion)
        )
    name = reply.letter.name.rsplit("/", 1)[-1]
    return FileResponse(open_stored(reply.letter), as_attachment=True, filename=name)
