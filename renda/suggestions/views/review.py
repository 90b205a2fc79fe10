"""Registration review by the office: register (立案), return, reject, merge, and the presidium's decision
on a motion."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.views.decorators.http import require_POST

from renda.accounts.http import AuthenticatedHttpRequest
from renda.suggestions import selectors, services
from renda.suggestions.forms import MergeForm, PresidiumForm, RejectForm, ReturnForm
from renda.suggestions.views.common import _detail, _form_page, _office_suggestion, _post_action, _posted
from renda.suggestions.workflows import SUGGESTION_FLOW


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
        confirm=SUGGESTION_FLOW["return"].confirm,
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
        confirm=SUGGESTION_FLOW["reject"].confirm,
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
        confirm=SUGGESTION_FLOW["merge"].confirm,
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
        confirm=SUGGESTION_FLOW["put_on_agenda"].confirm,
    )
