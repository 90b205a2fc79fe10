"""What the pages of every section share: the 404 for a capability the user lacks, form data, the buttons
of a suggestion's and an assignment's moves (`moves_for` of workflows.py mapped to the pages that make
them), the one-service form page and one-click POST, and the list view of a capability."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from renda.core.forms import form_page, post_action
from renda.core.listing import RendaListView
from renda.core.roles import can
from renda.suggestions import selectors
from renda.suggestions.models import Assignment, PresidiumDecision, Suggestion
from renda.suggestions.workflows import ASSIGNMENT_FLOW, MANAGE, SUGGESTION_FLOW


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
    confirm: str = ""  # asked before a one-click POST is sent (Move.confirm; core/static/core/confirm.js)


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
        actions.append(Action(move.label, url, post=post, confirm=move.confirm if post else ""))
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
    confirm: str = "",
    template: str = "suggestions/form.html",
    context: dict | None = None,
) -> HttpResponse:
    """Show `form`; when it is valid, `call` the one service and go to `next_url` (or `next_url(result)`),
    else show the service's errors on the form (core.forms.form_page). `confirm`: the question asked before
    an act that cannot be undone is sent (the move's `confirm`)."""
    return form_page(
        request,
        form,
        save=lambda: call(form.cleaned_data),
        success=success,
        next_url=next_url,
        template=template,
        context={
            "title": title,
            "suggestion": suggestion,
            "submit_label": submit_label,
            "confirm": confirm,
            "multipart": form.is_multipart(),
            "cancel_url": cancel_url or next_url,
            **(context or {}),
        },
    )


def _post_action(request: HttpRequest, call: Callable[[], Any], success: str, default: str) -> HttpResponse:
    """A one-click POST, back where it came from."""
    return post_action(request, call, success, _back(request, default))


# ---------------------------------------------------------------- pages of a capability (lists, the office's)


class RoleListView(RendaListView):
    capability: str

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated:
            _require(request.user, self.capability)
        return super().dispatch(request, *args, **kwargs)


def _office_suggestion(request: HttpRequest, pk: int) -> Suggestion:
    _require(request.user, MANAGE)
    return selectors.suggestion_get_for_user(request.user, pk)
