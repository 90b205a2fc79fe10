"""Key supervision (重点督办) and its notes, and closing a case after coordination, by the office."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse

from renda.accounts.http import AuthenticatedHttpRequest
from renda.suggestions import selectors, services
from renda.suggestions.forms import CoordinationForm, KeySupervisionForm, SupervisionNoteForm
from renda.suggestions.views.common import _detail, _form_page, _office_suggestion, _posted


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
