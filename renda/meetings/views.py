"""Pages of meetings: the list, a meeting's page with everything in order, the chair's screen, the forms of
each step, the minutes, statistics and the public list of resolutions. Each view validates input and calls
one selector or service."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST
from django.views.generic import ListView

from renda.accounts.http import AuthenticatedHttpRequest
from renda.core import clock
from renda.core.forms import form_page, post_action
from renda.core.listing import RendaListView
from renda.core.roles import can, capability_required
from renda.core.uploads import open_stored
from renda.meetings import docx, selectors, services
from renda.meetings.forms import (
    AttendeeForm,
    DecideForm,
    ItemForm,
    LeaveForm,
    MeetingFilter,
    MeetingForm,
    PaperForm,
    RecordForm,
    ResolutionForm,
    SignInForm,
)
from renda.meetings.models import MeetingKind, PaperRead, Resolution
from renda.meetings.workflows import ATTEND, MANAGE, MEETING_FLOW, READ


class MeetingListView(RendaListView):
    template_name = "meetings/list.html"
    filterset_class = MeetingFilter
    sort_fields = {"date": ["date"], "kind": ["kind", "date"]}
    default_sort = "-date"
    export_filename = "会议"
    export_columns = (
        ("会议", lambda m: m.title),
        ("类型", lambda m: m.get_kind_display()),
        ("日期", lambda m: m.date),
        ("地点", lambda m: m.place),
        ("状态", lambda m: m.get_state_display()),
    )

    def get_base_queryset(self):
        return selectors.meetings_visible_to(self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["may_manage"] = can(self.request.user, MANAGE)
        context["figures"] = selectors.year_figures(clock.today().year)
        return context


@capability_required(MANAGE)
def create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = MeetingForm(request.POST or None)
    return form_page(
        request,
        form,
        save=lambda: services.meeting_create(**form.cleaned_data, actor=request.user),
        success=lambda m: f"已登记{m.title}。",
        next_url=lambda m: m.get_absolute_url(),
        template="meetings/form.html",
        context={"title": "登记会议", "submit_label": "登记", "cancel_url": "/meetings/"},
    )


def _meeting_context(user, meeting) -> dict[str, Any]:
    may_manage = can(user, MANAGE)
    deputy_id = getattr(user, "deputy_id", None)
    items = list(meeting.items.prefetch_related("papers").select_related("resolution").order_by("order"))
    votes = selectors.item_votes(meeting)
    for item in items:
        item.votes = votes.get(item.pk, [])
    mine = next((row for row in selectors.attendance_sheet(meeting) if row.deputy.pk == deputy_id), None)
    return {
        "meeting": meeting,
        "items": items,
        "quorum": selectors.quorum(meeting),
        "sheet": selectors.attendance_sheet(meeting) if (may_manage or can(user, READ)) else [],
        "mine": mine,
        "attendees": list(meeting.attendees.all()),
        "moves": [m.name for m in MEETING_FLOW.moves_for(user, meeting)],
        "may_manage": may_manage,
        "may_attend": mine is not None and can(user, ATTEND),
        "reads": (
            PaperRead.objects.filter(paper__item__meeting=meeting).select_related("paper__item", "user")
            if may_manage
            else []
        ),
        "leave_requests": [row for row in selectors.attendance_sheet(meeting) if row.status == "请假待批"]
        if may_manage
        else [],
        "events": meeting.events.select_related("actor").order_by("created_at", "pk"),
        "today": clock.today(),
    }


@login_required
def detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get_for_user(request.user, pk)
    return render(request, "meetings/detail.html", _meeting_context(request.user, meeting))


@login_required
def screen(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The chair's screen: big type, the quorum live (htmx polls the same URL every 2 seconds)."""
    meeting = selectors.meeting_get_for_user(request.user, pk)
    context = {
        "meeting": meeting,
        "quorum": selectors.quorum(meeting),
        "items": meeting.items.order_by("order"),
    }
    template = "meetings/screen.html#live" if getattr(request, "htmx", False) else "meetings/screen.html"
    response = render(request, template, context)
    response["Vary"] = "HX-Request"
    return response


def _act(request: AuthenticatedHttpRequest, meeting, call: Callable[[], Any], success: str) -> HttpResponse:
    return post_action(request, call, success, meeting.get_absolute_url())


def _move(name: str, service: Callable[..., Any], success: str):
    @require_POST
    @login_required
    def view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        meeting = selectors.meeting_get_for_user(request.user, pk)
        MEETING_FLOW[name].who.require(request.user, meeting)  # type: ignore[union-attr]
        return _act(request, meeting, lambda: service(meeting=meeting, actor=request.user), success)

    return view


convene = _move("convene", services.meeting_convene, "会议已开始，组成人员可以签到。")
close = _move("close", services.meeting_close, "会议已闭会。")


@require_POST
@login_required
def sign_in(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A member signs in themself; the office names the member it signs in."""
    meeting = selectors.meeting_get_for_user(request.user, pk)
    form = SignInForm(request.POST)
    deputy = form.cleaned_data.get("deputy") if form.is_valid() else None
    if deputy is None or not can(request.user, MANAGE):
        deputy = request.user.deputy
    if deputy is None:
        raise PermissionDenied("只有组成人员本人或常委会办事机构可以签到。")
    return _act(
        request,
        meeting,
        lambda: services.attendance_sign_in(meeting=meeting, deputy=deputy, actor=request.user),
        f"{deputy.name}已签到。",
    )


@login_required
def leave(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get_for_user(request.user, pk)
    by_office = can(request.user, MANAGE)
    if not by_office and not (
        can(request.user, ATTEND) and selectors.is_member(meeting, request.user.deputy_id)
    ):
        raise PermissionDenied("只有本会议的组成人员或常委会办事机构可以请假。")
    form = LeaveForm(request.POST or None, by_office=by_office)

    def save():
        deputy = form.cleaned_data.get("deputy") or request.user.deputy
        if deputy is None:
            raise ValidationError({"deputy": "请选择请假的组成人员。"})
        return services.leave_request(
            meeting=meeting, deputy=deputy, reason=form.cleaned_data["reason"], actor=request.user
        )

    return form_page(
        request,
        form,
        save=save,
        success="已提交请假。",
        next_url=meeting.get_absolute_url(),
        template="meetings/form.html",
        context={
            "title": f"请假 · {meeting.title}",
            "submit_label": "提交",
            "cancel_url": meeting.get_absolute_url(),
        },
    )


@require_POST
@capability_required(MANAGE)
def leave_decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    attendance = selectors.attendance_get_for_user(request.user, pk)
    approve = request.POST.get("approve") == "1"
    return _act(
        request,
        attendance.meeting,
        lambda: services.leave_decide(attendance=attendance, approve=approve, actor=request.user),
        f"已{'批准' if approve else '不批准'}{attendance.deputy.name}的请假。",
    )


def _office_form(request, meeting, form, save, *, title: str, success: str, multipart: bool = False):
    return form_page(
        request,
        form,
        save=save,
        success=success,
        next_url=meeting.get_absolute_url(),
        template="meetings/form.html",
        context={
            "title": f"{title} · {meeting.title}",
            "submit_label": "保存",
            "cancel_url": meeting.get_absolute_url(),
            "multipart": multipart,
        },
    )


@capability_required(MANAGE)
def attendee_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get_for_user(request.user, pk)
    form = AttendeeForm(request.POST or None)
    return _office_form(
        request,
        meeting,
        form,
        lambda: services.attendee_add(meeting=meeting, **form.cleaned_data, actor=request.user),
        title="列席人员",
        success="已登记列席人员。",
    )


@capability_required(MANAGE)
def item_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get_for_user(request.user, pk)
    form = ItemForm(request.POST or None)
    return _office_form(
        request,
        meeting,
        form,
        lambda: services.agenda_item_add(meeting=meeting, **form.cleaned_data, actor=request.user),
        title="安排议题",
        success="已加入议程，所需材料及送达期限已列出。",
    )


@capability_required(MANAGE)
def item_record(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = selectors.item_get_for_user(request.user, pk)
    form = RecordForm(request.POST or None, initial={"remarks": item.remarks, "result": item.result})
    return _office_form(
        request,
        item.meeting,
        form,
        lambda: services.item_record(item=item, **form.cleaned_data, actor=request.user),
        title=f"审议情况：{item.title}",
        success="已记录审议情况。",
    )


@capability_required(MANAGE)
def resolution_draft(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = selectors.item_get_for_user(request.user, pk)
    form = ResolutionForm(request.POST or None, initial={"title": item.title})
    return _office_form(
        request,
        item.meeting,
        form,
        lambda: services.resolution_draft(item=item, **form.cleaned_data, actor=request.user),
        title="决议决定草案",
        success="已拟定草案。",
    )


@capability_required(MANAGE)
def resolution_decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    resolution = selectors.resolution_get_for_user(request.user, pk)
    form = DecideForm(request.POST or None)

    def save() -> Resolution:
        decide = (
            services.resolution_adopt if form.cleaned_data["outcome"] == "adopt" else services.resolution_fail
        )
        return decide(resolution=resolution, result=form.cleaned_data["result"], actor=request.user)

    return _office_form(
        request,
        resolution.item.meeting,
        form,
        save,
        title=f"表决：{resolution.title}",
        success="已记录表决结果。",
    )


@capability_required(MANAGE)
def paper_submit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    paper = selectors.paper_get_for_user(request.user, pk)
    form = PaperForm(request.POST or None, request.FILES or None)
    return _office_form(
        request,
        paper.item.meeting,
        form,
        lambda: services.paper_submit(paper=paper, upload=form.cleaned_data["file"], actor=request.user),
        title=f"上传材料：{paper}",
        success="已上传材料。",
        multipart=True,
    )


@require_POST
@capability_required(MANAGE)
def item_vote(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Creates the item's vote from the meeting (named or secret; two thirds where the law requires it)."""
    item = selectors.item_get_for_user(request.user, pk)
    method = request.POST.get("method", "named")
    two_thirds = request.POST.get("two_thirds") == "1"
    return _act(
        request,
        item.meeting,
        lambda: services.item_vote_create(
            item=item, method=method, two_thirds=two_thirds, actor=request.user
        ),
        "已发起表决，核对法定人数后开始表决。",
    )


@require_POST
@capability_required(MANAGE)
def vote_open(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Opens the item's vote once the meeting has a quorum; then the vote's own control page."""
    event = selectors.vote_get_for_user(request.user, pk)
    meeting = event.subject.meeting
    try:
        services.item_vote_open(event=event, actor=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(meeting.get_absolute_url())
    return redirect(f"/voting/{event.pk}/control/")


@require_POST
@capability_required(MANAGE)
def vote_settle(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = selectors.vote_get_for_user(request.user, pk)
    return _act(
        request,
        event.subject.meeting,
        lambda: services.item_vote_settle(event=event, actor=request.user),
        "已记入表决结果。",
    )


@login_required
def paper_file(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse | FileResponse:
    """Opens a paper (on the phone too) and logs who opened it."""
    paper = selectors.paper_get_for_user(request.user, pk)
    if not paper.file:
        messages.error(request, "材料尚未上传。")
        return redirect(paper.item.meeting.get_absolute_url())
    services.paper_open(paper=paper, actor=request.user)
    name = paper.file.name.rsplit("/", 1)[-1]
    return FileResponse(open_stored(paper.file), filename=name)


@login_required
def minutes(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get_for_user(request.user, pk)
    if not (can(request.user, MANAGE) or can(request.user, READ)):
        raise PermissionDenied("只有常委会办事机构和组成人员可以下载会议纪要。")
    response = HttpResponse(
        docx.minutes(meeting),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{meeting.pk}-minutes.docx"
    return response


@capability_required(READ)
def statistics(request: AuthenticatedHttpRequest) -> HttpResponse:
    try:
        year = int(request.GET.get("year") or clock.today().year)
    except ValueError:
        year = clock.today().year
    context = {
        "year": year,
        "figures": selectors.year_figures(year),
        "rates": selectors.attendance_rates(year),
        "kinds": MeetingKind,
    }
    return render(request, "meetings/statistics.html", context)


class PublicResolutionListView(ListView):
    """决议决定: the adopted resolutions and decisions, public, by year."""

    template_name = "meetings/public_resolutions.html"
    paginate_by = 50

    def get_queryset(self):
        try:
            self.year = int(self.request.GET.get("year") or 0) or None
        except ValueError:
            self.year = None
        return selectors.resolutions_public(self.year)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["year"] = self.year
        context["total"] = context["paginator"].count
        return context
