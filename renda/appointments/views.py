"""Pages of appointments: the list of appointments, one appointment's page with its chain and timeline, the
form of each step, the letter, the office-holders and posts, statistics and the public announcements. Each view
validates input and calls one selector or service."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django.views.generic import ListView

from renda.accounts.http import AuthenticatedHttpRequest
from renda.appointments import docx, selectors, services
from renda.appointments.forms import (
    AppointmentFilter,
    AppraisalFilter,
    AppraisalPlanForm,
    AppraisalRateForm,
    AppraisalReportForm,
    ExamForm,
    FollowUpForm,
    HoldingFilter,
    HoldingForm,
    NominateForm,
    OathForm,
    PersonEditForm,
    PersonForm,
    PostEditForm,
    PostForm,
    ScheduleForm,
    SummaryForm,
    VoteForm,
    WithdrawForm,
)
from renda.appointments.models import Appointment, Person
from renda.appointments.workflows import APPOINTMENT_FLOW, APPRAISAL_FLOW, MANAGE, READ
from renda.core import clock
from renda.core.forms import form_page, post_action
from renda.core.listing import RendaListView
from renda.core.roles import can, capability_required
from renda.core.uploads import open_stored

FORM = "appointments/form.html"
POST_FIELDS = ("name", "organ", "kind", "order", "seats", "active")
PERSON_FIELDS = ("name", "gender", "birth_month", "current_job")


@method_decorator(capability_required(READ), name="dispatch")
class AppointmentListView(RendaListView):
    template_name = "appointments/list.html"
    filterset_class = AppointmentFilter
    sort_fields = {"nominated_on": ["nominated_on"], "decided_on": ["decided_on"], "kind": ["kind"]}
    default_sort = "-nominated_on"
    export_filename = "人事任免"
    export_columns = (
        ("任免事项", lambda a: a.title),
        ("任免类别", lambda a: a.get_kind_display()),
        ("姓名", lambda a: a.person.name),
        ("职务", lambda a: a.post.name),
        ("提请人", lambda a: a.get_nominator_display()),
        ("提请日期", lambda a: a.nominated_on),
        ("会议", lambda a: a.meeting.title if a.meeting else ""),
        ("表决结果", lambda a: a.result),
        ("决定日期", lambda a: a.decided_on),
        ("任命书", lambda a: a.letter_code),
        ("宣誓日期", lambda a: a.oath_on),
        ("状态", lambda a: a.get_state_display()),
    )

    def get_base_queryset(self):
        return selectors.appointments_visible_to(self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["may_manage"] = can(self.request.user, MANAGE)
        context["figures"] = selectors.year_figures(clock.today().year)
        return context


@method_decorator(capability_required(READ), name="dispatch")
class HoldingListView(RendaListView):
    """The current office-holders (在任人员); ?history=1 lists every holding, ended ones too."""

    template_name = "appointments/holders.html"
    filterset_class = HoldingFilter
    sort_fields = {"start_date": ["start_date"], "post": ["post__order", "post__pk"]}
    default_sort = "post"
    export_filename = "在任人员"
    export_columns = (
        ("职务", lambda h: h.post.name),
        ("所在机关", lambda h: h.post.organ),
        ("姓名", lambda h: h.person.name),
        ("任职日期", lambda h: h.start_date),
        ("离任日期", lambda h: h.end_date),
        ("任命决定", lambda h: h.appointed_by.title if h.appointed_by else "本平台启用前任命"),
    )

    def get_base_queryset(self):
        rows = selectors.holdings_visible_to(self.request.user)
        return rows if self.request.GET.get("history") else rows.filter(end_date__isnull=True)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["history"] = bool(self.request.GET.get("history"))
        context["may_manage"] = can(self.request.user, MANAGE)
        return context


@capability_required(READ)
def posts(request: AuthenticatedHttpRequest) -> HttpResponse:
    rows = list(selectors.posts_visible_to(request.user).order_by("order", "pk"))
    holders: dict[int, list] = {}
    for h in selectors.current_holdings().filter(post__in=rows):
        holders.setdefault(h.post_id, []).append(h.person.name)
    vacant = dict(selectors.posts_with_vacancy().values_list("pk", "vacant_since"))  # type: ignore[misc]
    for post in rows:
        post.holders = "、".join(holders.get(post.pk, []))  # type: ignore[attr-defined]
        post.vacant_since = vacant.get(post.pk)  # type: ignore[attr-defined]
    return render(
        request, "appointments/posts.html", {"posts": rows, "may_manage": can(request.user, MANAGE)}
    )


@capability_required(READ)
def post_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    post = selectors.post_get_for_user(request.user, pk)
    context = {
        "post": post,
        "holdings": selectors.holdings_visible_to(request.user).filter(post=post).order_by("-start_date"),
        "appointments": selectors.appointments_visible_to(request.user).filter(post=post),
        "may_manage": can(request.user, MANAGE),
    }
    return render(request, "appointments/post_detail.html", context)


def _office_page(request, form, save, *, title: str, success: str, next_url, cancel: str, multipart=False):
    return form_page(
        request,
        form,
        save=save,
        success=success,
        next_url=next_url,
        template=FORM,
        context={"title": title, "submit_label": "保存", "cancel_url": cancel, "multipart": multipart},
    )


@capability_required(MANAGE)
def post_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = PostForm(request.POST or None)
    return _office_page(
        request,
        form,
        lambda: services.post_create(**form.cleaned_data, actor=request.user),
        title="登记职务",
        success="已登记职务。",
        next_url="appointments:posts",
        cancel="/appointments/posts/",
    )


@capability_required(MANAGE)
def person_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = PersonForm(request.POST or None, request.FILES or None)
    return _office_page(
        request,
        form,
        lambda: services.person_create(**form.cleaned_data, actor=request.user),
        title="登记任免对象",
        success="已登记任免对象。",
        next_url="appointments:nominate",
        cancel="/appointments/",
        multipart=True,
    )


@capability_required(MANAGE)
def post_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    post = selectors.post_get_for_user(request.user, pk)
    initial = {name: getattr(post, name) for name in POST_FIELDS} | {"version": post.version}
    form = PostEditForm(request.POST or None, initial=initial)
    return _office_page(
        request,
        form,
        lambda: services.post_update(
            post=post,
            expected_version=form.cleaned_data["version"],
            changes={name: form.cleaned_data[name] for name in POST_FIELDS},
            actor=request.user,
        ),
        title=f"编辑职务：{post.name}",
        success="职务已保存。",
        next_url=post.get_absolute_url(),
        cancel=post.get_absolute_url(),
    )


@capability_required(MANAGE)
def person_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Person, pk=pk)
    initial = {name: getattr(person, name) for name in PERSON_FIELDS} | {"version": person.version}
    form = PersonEditForm(request.POST or None, request.FILES or None, initial=initial)
    back = request.GET.get("next", "")  # the appointment page it was opened from
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = "/appointments/holders/"
    return _office_page(
        request,
        form,
        lambda: services.person_update(
            person=person,
            expected_version=form.cleaned_data["version"],
            changes={name: form.cleaned_data[name] for name in PERSON_FIELDS},
            resume=form.cleaned_data["resume"],
            actor=request.user,
        ),
        title=f"编辑任免对象：{person.name}",
        success="任免对象信息已保存。",
        next_url=back,
        cancel=back,
        multipart=True,
    )


@capability_required(MANAGE)
def holding_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = HoldingForm(request.POST or None)
    return _office_page(
        request,
        form,
        lambda: services.holding_record(**form.cleaned_data, actor=request.user),
        title="登记在任人员（本平台启用前任命）",
        success="已登记在任人员。",
        next_url="appointments:holders",
        cancel="/appointments/holders/",
    )


@capability_required(MANAGE)
def nominate(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = NominateForm(request.POST or None, request.FILES or None)
    return form_page(
        request,
        form,
        save=lambda: services.appointment_nominate(**form.cleaned_data, actor=request.user),
        success=lambda a: f"已登记：{a.title}。",
        next_url=lambda a: a.get_absolute_url(),
        template=FORM,
        context={
            "title": "提请任免",
            "submit_label": "登记",
            "cancel_url": "/appointments/",
            "multipart": True,
        },
    )


PAGES = {  # a move → the page that makes it (others are one button)
    "exam": "appointments:exam",
    "schedule": "appointments:schedule",
    "statement": "appointments:statement",
    "deliberate": "appointments:deliberate",
    "vote": "appointments:vote",
    "oath": "appointments:oath",
    "withdraw": "appointments:withdraw",
}


@login_required
def detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    appointment = selectors.appointment_get_for_user(request.user, pk)
    moves = APPOINTMENT_FLOW.moves_for(request.user, appointment)
    context = {
        "appointment": appointment,
        "moves": [(m, PAGES.get(m.name)) for m in moves],
        "papers": selectors.may_see_papers(request.user, appointment),
        "votes": services.appointment_votes(appointment),
        "events": appointment.events.select_related("actor").order_by("created_at", "pk"),
        "filers": list(appointment.filers.all()),
        "may_manage": can(request.user, MANAGE),
    }
    return render(request, "appointments/detail.html", context)


def _act(request, appointment: Appointment, call: Callable[[], Any], success: str) -> HttpResponse:
    return post_action(request, call, success, appointment.get_absolute_url())


def _button(name: str, service: Callable[..., Any], success: str):
    @require_POST
    @login_required
    def view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        appointment = selectors.appointment_get_for_user(request.user, pk)
        APPOINTMENT_FLOW[name].who.require(request.user, appointment)  # type: ignore[union-attr]
        return _act(
            request, appointment, lambda: service(appointment=appointment, actor=request.user), success
        )

    return view


papers_send = _button("papers", services.appointment_papers_send, "已登记材料送达组成人员。")
announce = _button("announce", services.appointment_announce, "已登记当场宣布。")
letter_issue = _button("letter", services.appointment_letter_issue, "已编号任命书，可下载打印。")
publish = _button("publish", services.appointment_publish, "已公告。")


def _refused(request, appointment: Appointment, name: str) -> HttpResponse | None:
    """403 for who may not make the move; for a state that does not allow it now, back to the appointment's
    page with the reason."""
    try:
        APPOINTMENT_FLOW.refuse(appointment, name, actor=request.user)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
        return redirect(appointment.get_absolute_url())
    return None


def _step(name: str, form_class, save: Callable[..., Any], *, success: str, multipart: bool = False):
    @login_required
    def view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        appointment = selectors.appointment_get_for_user(request.user, pk)
        if (refused := _refused(request, appointment, name)) is not None:
            return refused
        kwargs = {"term": appointment.term} if form_class is ScheduleForm else {}
        form = form_class(request.POST or None, request.FILES or None, **kwargs)
        return form_page(
            request,
            form,
            save=lambda: save(appointment, form.cleaned_data, request.user),
            success=success,
            next_url=appointment.get_absolute_url(),
            template=FORM,
            context={
                "title": f"{APPOINTMENT_FLOW[name].label} · {appointment.title}",
                "submit_label": APPOINTMENT_FLOW[name].label,
                "cancel_url": appointment.get_absolute_url(),
                "multipart": multipart,
            },
        )

    return view


exam = _step(
    "exam",
    ExamForm,
    lambda a, data, user: services.exam_record(appointment=a, **data, actor=user),
    success="已登记考试成绩。",
    multipart=True,
)
schedule = _step(
    "schedule",
    ScheduleForm,
    lambda a, data, user: services.appointment_schedule(appointment=a, **data, actor=user),
    success="已列入会议议程。",
)
statement = _step(
    "statement",
    SummaryForm,
    lambda a, data, user: services.appointment_statement(appointment=a, **data, actor=user),
    success="已登记供职发言。",
)
deliberate = _step(
    "deliberate",
    SummaryForm,
    lambda a, data, user: services.appointment_deliberate(appointment=a, **data, actor=user),
    success="已登记审议意见。",
)
oath = _step(
    "oath",
    OathForm,
    lambda a, data, user: services.appointment_oath(appointment=a, **data, actor=user),
    success="已登记宪法宣誓。",
)
withdraw = _step(
    "withdraw",
    WithdrawForm,
    lambda a, data, user: services.appointment_withdraw(appointment=a, **data, actor=user),
    success="已撤回。",
)


@login_required
def vote(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The vote on this person: created here, then opened and run on the voting's control page."""
    appointment = selectors.appointment_get_for_user(request.user, pk)
    if (refused := _refused(request, appointment, "vote")) is not None:
        return refused
    form = VoteForm(request.POST or None, initial={"method": services.default_method()})
    return form_page(
        request,
        form,
        save=lambda: services.appointment_vote_create(
            appointment=appointment, method=form.cleaned_data["method"], actor=request.user
        ),
        success="已发起表决，请在表决控制页开始表决。",
        next_url=lambda event: f"/voting/{event.pk}/control/",
        template=FORM,
        context={
            "title": f"提付表决 · {appointment.title}",
            "submit_label": "发起表决",
            "cancel_url": appointment.get_absolute_url(),
        },
    )


@login_required
def letter_file(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The letter of appointment (任命书, .docx) once numbered."""
    appointment = selectors.appointment_get_for_user(request.user, pk)
    if not appointment.letter_number:
        raise Http404("任命书尚未编号。")
    from renda.org.models import Jurisdiction

    jurisdiction = Jurisdiction.objects.first()
    name = jurisdiction.congress_name if jurisdiction else "人民代表大会"
    response = HttpResponse(
        docx.letter(appointment, name),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''appointment-{appointment.pk}.docx"
    return response


@login_required
def paper_file(request: AuthenticatedHttpRequest, pk: int, which: str = "") -> HttpResponseBase:
    """A nominee's personal document (résumé, exam paper, nominating letter): the office always, the members
    before the vote only; anyone else 404."""
    appointment = selectors.appointment_get_for_user(request.user, pk)
    if not selectors.may_see_papers(request.user, appointment):
        raise PermissionDenied("表决后，任免对象的个人材料仅限常委会办事机构查阅。")
    files = {
        "resume": appointment.person.resume,
        "exam": appointment.exam.paper if appointment.exam else None,
        "letter": appointment.letter,
    }
    file = files.get(which)
    if not file:
        raise Http404("材料不存在。")
    return FileResponse(open_stored(file), filename=file.name.rsplit("/", 1)[-1])


@capability_required(READ)
def statistics(request: AuthenticatedHttpRequest) -> HttpResponse:
    try:
        year = int(request.GET.get("year") or clock.today().year)
    except ValueError:
        year = clock.today().year
    from renda.org.models import Term

    term = Term.objects.filter(is_current=True).first()
    context = {
        "year": year,
        "figures": selectors.year_figures(year),
        "term_figures": selectors.term_figures(term) if term else None,
        "by_year": selectors.figures_by_year(),
    }
    return render(request, "appointments/statistics.html", context)


@capability_required(MANAGE)
def members(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Members of the standing committee whose deputy status ended: their seat ends with it."""
    return render(request, "appointments/members.html", {"seats": selectors.lost_deputy_status_members()})


@require_POST
@capability_required(MANAGE)
def member_vacate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    seat = selectors.lost_deputy_status_members().filter(pk=pk).first()
    if seat is None:
        raise Http404("没有该组成人员。")
    try:
        services.membership_vacate(membership=seat, actor=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, f"{seat.deputy.name}的常委会组成人员职务已相应终止。")
    return redirect("appointments:members")


class PublicAppointmentListView(ListView):
    """任免公告: published decisions — name, post and decision only."""

    template_name = "appointments/public.html"
    paginate_by = 50

    def get_queryset(self):
        try:
            self.year = int(self.request.GET.get("year") or 0) or None
        except ValueError:
            self.year = None
        return selectors.appointments_public(self.year).order_by("-decided_on", "-pk")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["year"] = self.year
        context["total"] = context["paginator"].count
        return context


# ------------------------------------------------------------------ appraisal (述职述法评议)


@method_decorator(capability_required(READ), name="dispatch")
class AppraisalListView(RendaListView):
    """The officials appraised this year (述职述法评议) and other years', with their results."""

    template_name = "appointments/appraisals.html"
    filterset_class = AppraisalFilter
    sort_fields = {"year": ["year"]}
    default_sort = "-year"
    export_filename = "述职述法评议"
    export_columns = (
        ("年度", lambda a: a.year),
        ("职务", lambda a: a.holding.post.name),
        ("姓名", lambda a: a.holding.person.name),
        ("述职日期", lambda a: a.reported_on),
        ("测评结果", lambda a: a.result),
        ("整改情况", lambda a: a.follow_up),
        ("状态", lambda a: a.get_state_display()),
    )

    def get_base_queryset(self):
        return selectors.appraisals_visible_to(self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["may_manage"] = can(self.request.user, MANAGE)
        return context


@capability_required(MANAGE)
def appraisal_plan(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = AppraisalPlanForm(request.POST or None, initial={"year": clock.today().year})
    return form_page(
        request,
        form,
        save=lambda: services.appraisal_plan(**form.cleaned_data, actor=request.user),
        success="已列入述职述法评议。",
        next_url=lambda a: a.get_absolute_url(),
        template=FORM,
        context={
            "title": "列入述职述法评议",
            "submit_label": "保存",
            "cancel_url": "/appointments/appraisals/",
        },
    )


APPRAISAL_PAGES = {
    "report": "appointments:appraisal_report",
    "rate": "appointments:appraisal_rate",
    "follow_up": "appointments:appraisal_follow_up",
}


@login_required
def appraisal_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    from django.contrib.contenttypes.models import ContentType

    from renda.appointments.models import Appraisal
    from renda.voting.models import VoteEvent

    appraisal = selectors.appraisal_get_for_user(request.user, pk)
    context = {
        "appraisal": appraisal,
        "moves": [
            (m, APPRAISAL_PAGES.get(m.name)) for m in APPRAISAL_FLOW.moves_for(request.user, appraisal)
        ],
        "votes": VoteEvent.objects.filter(
            subject_type=ContentType.objects.get_for_model(Appraisal), subject_id=appraisal.pk
        ).order_by("-pk"),
        "events": appraisal.events.select_related("actor").order_by("created_at", "pk"),
        "may_manage": can(request.user, MANAGE),
    }
    return render(request, "appointments/appraisal_detail.html", context)


def _appraisal_step(name: str, form_class, save: Callable[..., Any], *, success: str, next_url=None):
    @login_required
    def view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        appraisal = selectors.appraisal_get_for_user(request.user, pk)
        try:
            APPRAISAL_FLOW.refuse(appraisal, name, actor=request.user)
        except ValidationError as error:
            messages.error(request, "；".join(error.messages))
            return redirect(appraisal.get_absolute_url())
        form = form_class(request.POST or None)
        return form_page(
            request,
            form,
            save=lambda: save(appraisal, form.cleaned_data, request.user),
            success=success,
            next_url=next_url or appraisal.get_absolute_url(),
            template=FORM,
            context={
                "title": f"{APPRAISAL_FLOW[name].label} · {appraisal}",
                "submit_label": APPRAISAL_FLOW[name].label,
                "cancel_url": appraisal.get_absolute_url(),
            },
        )

    return view


appraisal_report = _appraisal_step(
    "report",
    AppraisalReportForm,
    lambda a, data, user: services.appraisal_report(appraisal=a, **data, actor=user),
    success="已登记述职述法报告。",
)
appraisal_rate = _appraisal_step(
    "rate",
    AppraisalRateForm,
    lambda a, data, user: services.appraisal_vote_create(appraisal=a, **data, actor=user),
    success="已发起测评，请在表决控制页开始测评。",
    next_url=lambda event: f"/voting/{event.pk}/control/",
)
appraisal_follow_up = _appraisal_step(
    "follow_up",
    FollowUpForm,
    lambda a, data, user: services.appraisal_follow_up(appraisal=a, **data, actor=user),
    success="已登记整改情况。",
)
