"""Assignment by the office: the assignment meeting (交办会) and the decision on a unit's reassignment
request."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from renda.accounts.http import AuthenticatedHttpRequest
from renda.org.selectors import handling_units_for_picker
from renda.suggestions import selectors, services
from renda.suggestions.forms import (
    AssignMeetingForm,
    AssignRowFormSet,
    ReassignDecideForm,
    assign_row_choices,
)
from renda.suggestions.similarity import proposed_leads, recommend_units
from renda.suggestions.views.common import _form_page, _posted, _require
from renda.suggestions.workflows import MANAGE, SUGGESTION_FLOW


@login_required
def assign(request: AuthenticatedHttpRequest) -> HttpResponse:
    """交办会: pick many accepted suggestions, choose units for each; one date, all or nothing."""
    _require(request.user, MANAGE)
    suggestions = list(selectors.assignable_suggestions())
    units = {unit.pk: unit for unit in handling_units_for_picker(request.user)}
    picked = set(request.GET.get("ids", "").split(","))
    initial = [
        {"suggestion": s.pk, "pick": True, "lead": _recommended_lead(s, units)}
        if str(s.pk) in picked
        else {"suggestion": s.pk, "pick": False}
        for s in suggestions
    ]
    meeting_form = AssignMeetingForm(_posted(request))
    formset = AssignRowFormSet(
        _posted(request),
        initial=initial,
        form_kwargs=assign_row_choices(units.values()),
        prefix="rows",
    )
    by_pk = {s.pk: s for s in suggestions}
    if request.method == "POST" and meeting_form.is_valid() and formset.is_valid():
        picked_forms = [
            form
            for form in formset
            if form.cleaned_data.get("pick") and form.cleaned_data.get("suggestion") in by_pk
        ]
        items = [
            {
                "suggestion": by_pk[f.cleaned_data["suggestion"]],
                **f.item(units),
                "proposed": proposed_leads(by_pk[f.cleaned_data["suggestion"]]),
            }
            for f in picked_forms
        ]
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
        {
            "meeting_form": meeting_form,
            "formset": formset,
            "rows": rows,
            "confirm": SUGGESTION_FLOW["assign"].confirm,
        },
    )


def _recommended_lead(suggestion, units: dict) -> str:
    """The unit recommended to lead `suggestion` (similarity.recommend_units), preselected as its lead unit
    when it is one the office may pick; the office may still choose another. Only for the rows the office
    picked to assign (from a case or the list), so the page does not rank units for every accepted case."""
    best = recommend_units(suggestion, limit=1)
    return str(best[0].unit.pk) if best and best[0].unit.pk in units else ""


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
