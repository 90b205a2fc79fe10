"""The deputies' evaluation of the replies."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse

from renda.accounts.http import AuthenticatedHttpRequest
from renda.core.rules import rule
from renda.suggestions import selectors, services
from renda.suggestions.forms import EvaluationForm
from renda.suggestions.views.common import _detail, _form_page, _posted
from renda.suggestions.workflows import SUGGESTION_FLOW


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
