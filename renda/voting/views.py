"""Pages of voting: the office's list and control page, the voter's phone page, the hall screen (a partial
polled every 500 ms) and the result sheet. Votes a user may not see are 404 (selectors.votes_visible_to)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from renda.core.listing import RendaListView
from renda.core.roles import can
from renda.voting import selectors, services
from renda.voting.forms import ChoiceForm, TallyForm, VoteFilter
from renda.voting.models import State, VoteEvent
from renda.voting.sheets import result_docx as result_docx_bytes
from renda.voting.sheets import result_lines
from renda.voting.sheets import result_pdf as result_pdf_bytes
from renda.voting.workflows import READ, RUN, VOTE_FLOW


def _visible(request, pk: int) -> VoteEvent:
    return get_object_or_404(selectors.votes_visible_to(request.user), pk=pk)


def _office(request, pk: int) -> VoteEvent:
    event = _visible(request, pk)
    if not (can(request.user, RUN) or can(request.user, READ)):
        raise Http404
    return event


class VoteListView(RendaListView):
    """表决: every vote with its turnout, for the office."""

    template_name = "voting/list.html"
    filterset_class = VoteFilter
    sort_fields = {"created": ["created_at", "pk"], "title": ["title"]}
    default_sort = "-created"
    export_filename = "表决"
    export_columns = (
        ("表决事项", lambda v: v.title),
        ("表决方式", lambda v: v.get_method_display()),
        ("通过标准", lambda v: v.get_threshold_display()),
        ("状态", lambda v: v.get_state_display()),
        ("应到", lambda v: v.entitled),
        ("实到", lambda v: v.present),
        ("已表决", lambda v: v.voted),
    )

    def dispatch(self, request, *args: Any, **kwargs: Any):
        if request.user.is_authenticated and not (can(request.user, READ) or can(request.user, RUN)):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        return selectors.votes_listed(self.request.user)


@login_required
def vote_page(request, pk: int) -> HttpResponse:
    """The voter's phone page: the question, big buttons (or candidates), a confirmation step, then 已表决."""
    event = _visible(request, pk)
    voter = selectors.voter_of(request.user, event)
    if voter is None:
        if request.method == "POST":
            raise PermissionDenied("您不是本次表决的表决人。")
        return redirect("voting:control", pk=event.pk)
    form = ChoiceForm(request.POST or None, event=event)
    confirming = False
    if request.method == "POST" and form.is_valid():
        choice = form.cleaned_data["choice"]
        if request.POST.get("confirm") == "1":
            try:
                services.ballot_cast(event=event, deputy=voter.deputy, choice=choice, actor=request.user)
            except ValidationError as exc:
                messages.error(request, "；".join(exc.messages))
            else:
                messages.success(request, "已表决。")
            return redirect("voting:vote", pk=event.pk)
        confirming = True
    voter.refresh_from_db()
    chosen = form.cleaned_data.get("choice") if confirming else None
    labels = {(str(o.pk) if form.choosing else o.code): o.label for o in event.options.all()}
    return render(
        request,
        "voting/vote.html",
        {
            "event": event,
            "voter": voter,
            "form": form,
            "confirming": confirming,
            "chosen": chosen,
            "chosen_labels": [labels[c] for c in ([chosen] if isinstance(chosen, str) else chosen or [])],
            "may_cast": event.state == State.OPEN and not event.is_paper and not voter.has_voted,
            "result": services.vote_result(event) if event.state == State.CLOSED else None,
            "ballots": selectors.named_ballots(event)
            if selectors.may_see_ballots(request.user, event)
            else None,
        },
    )


@login_required
def control_page(request, pk: int) -> HttpResponse:
    """The office's page: open and close, 已表决 N / M live, the paper tally form, the result and the lists."""
    event = _office(request, pk)
    return render(request, "voting/control.html", _control_context(request, event, TallyForm(event=event)))


def _control_context(request, event: VoteEvent, tally_form: TallyForm) -> dict[str, Any]:
    return {
        "event": event,
        "moves": [m.name for m in VOTE_FLOW.moves_for(request.user, event)],
        "tally_form": tally_form,
        "result": services.vote_result(event),
        "turnout": selectors.turnout(event),
        "ballots": selectors.named_ballots(event) if selectors.may_see_ballots(request.user, event) else None,
        "log": event.log.select_related("actor"),
        "record": getattr(event, "record", None) if event.state == State.CLOSED else None,
    }


def _move(request, pk: int, service, done: str) -> HttpResponse:
    event = _office(request, pk)
    try:
        service(event=event, actor=request.user)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, done)
    return redirect("voting:control", pk=event.pk)


@require_POST
@login_required
def vote_open_view(request, pk: int) -> HttpResponse:
    return _move(request, pk, services.vote_open, "表决已开始。")


@require_POST
@login_required
def vote_close_view(request, pk: int) -> HttpResponse:
    return _move(request, pk, services.vote_close, "表决已结束。")


@require_POST
@login_required
def tally_view(request, pk: int) -> HttpResponse:
    event = _office(request, pk)
    VOTE_FLOW.refuse(event, "tally", actor=request.user)
    form = TallyForm(request.POST, event=event)
    if form.is_valid():
        try:
            services.paper_tally_enter(
                event=event,
                counts=form.counts(),
                issued=form.cleaned_data["issued"],
                returned=form.cleaned_data["returned"],
                actor=request.user,
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, "计票结果已录入。")
            return redirect("voting:control", pk=event.pk)
    return render(request, "voting/control.html", _control_context(request, event, form), status=400)


def _screen_context(event: VoteEvent) -> dict[str, Any]:
    voted, present = selectors.turnout(event)
    return {
        "event": event,
        "voted": voted,
        "present": present,
        "result": services.vote_result(event) if event.state == State.CLOSED else None,
    }


@login_required
def screen_page(request, pk: int) -> HttpResponse:
    """The hall screen: big type; its live part is polled every 500 ms (htmx), no reload."""
    return render(request, "voting/screen.html", _screen_context(_visible(request, pk)))


@login_required
def screen_live(request, pk: int) -> HttpResponse:
    response = render(request, "voting/_screen_live.html", _screen_context(_visible(request, pk)))
    response["Cache-Control"] = "no-store"
    return response


def _result(request, pk: int) -> tuple[VoteEvent, list]:
    event = _visible(request, pk)
    if event.state != State.CLOSED:
        raise Http404
    ballots = selectors.named_ballots(event) if selectors.may_see_ballots(request.user, event) else None
    return event, result_lines(event=event, result=services.vote_result(event), ballots=ballots)


@login_required
def result_docx(request, pk: int) -> HttpResponse:
    """The result sheet (表决结果) as a Word document, once the vote is closed."""
    event, lines = _result(request, pk)
    response = HttpResponse(
        result_docx_bytes(lines),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''vote-{event.pk}.docx"
    return response


@login_required
def result_pdf(request, pk: int) -> HttpResponse:
    """The result sheet (表决结果) as a PDF, to print or to file, once the vote is closed."""
    event, lines = _result(request, pk)
    response = HttpResponse(result_pdf_bytes(lines, title=event.title), content_type="application/pdf")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''vote-{event.pk}.pdf"
    return response
