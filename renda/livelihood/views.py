"""Pages of the livelihood projects: the projects (list, detail, the unit's plan and progress, completion), the
candidate list and its ballot, proposals and their screening, the office's review and evaluation, statistics,
and the public pages (the year's projects, the ballot result, a citizen's proposal and its tracking). Each view
validates a form, calls one service or selector and renders; records a user may not see are a 404."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from renda.accounts.http import AuthenticatedHttpRequest
from renda.casework import services as casework
from renda.core import clock
from renda.core.export import xlsx_response
from renda.core.forms import form_page, post_action
from renda.core.human import client_hash, new_question
from renda.core.listing import RendaListView
from renda.core.privacy import mask_phone
from renda.core.roles import can
from renda.core.uploads import open_stored
from renda.livelihood import selectors, services
from renda.livelihood.forms import (
    BallotForm,
    CandidateForm,
    CompleteForm,
    FindingFilter,
    FindingReplyForm,
    InquiryForm,
    InspectionForm,
    MeetingForm,
    NoteForm,
    PlanForm,
    ProjectFilter,
    ProposalFilter,
    ProposalForm,
    PublicProposalForm,
    ReportForm,
    ReviewForm,
    ScreenForm,
    VoteForm,
    cn_day,
)
from renda.livelihood.models import BallotState, ProjectState
from renda.livelihood.workflows import (
    BALLOT_FLOW,
    FINDING_FLOW,
    FINDINGS,
    MANAGE,
    PROJECT_FLOW,
    PROPOSAL_FLOW,
    READ,
)
from renda.meetings.models import MeetingKind, MeetingState
from renda.meetings.selectors import meetings_visible_to
from renda.org.selectors import handling_units_for_picker

FORM = "livelihood/form.html"


def _require(user, capability: str) -> None:
    if not can(user, capability):
        from django.http import Http404

        raise Http404("没有找到该页面。")


def _page(request, form, *, title: str, save, success: str, next_url, context: dict | None = None, **extra):
    return form_page(
        request, form, save=save, success=success, next_url=next_url, template=FORM,
        context={"title": title, "multipart": form.is_multipart(), **extra, **(context or {})},
    )  # fmt: skip


def _posted(request: HttpRequest):
    return request.POST if request.method == "POST" else None


def _refused(request: HttpRequest, flow, obj, move: str, back: str) -> HttpResponse | None:
    """None when the user may make `move` on `obj` now; a redirect to `back` with the reason when the state does
    not allow it. Who may not make it at all is refused with 403 (PermissionDenied)."""
    try:
        flow.refuse(obj, move, actor=request.user)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
        return redirect(back)
    return None


def _year(request: HttpRequest, data: Any = None) -> int:
    try:
        return int((request.GET if data is None else data).get("year") or clock.today().year)
    except ValueError:
        return clock.today().year


# ------------------------------------------------------------------ inspections and their findings


def _may_inspect(user, project) -> bool:
    """The office, or a deputy following the project, records an inspection of a project adopted or done."""
    try:
        services.inspection_check(project=project, actor=user)
    except PermissionDenied:
        return False
    return project.state in (ProjectState.ADOPTED, ProjectState.COMPLETED)


@login_required
def inspection_create(request: HttpRequest, pk: int) -> HttpResponse:
    """代表视察 recorded by the office, with the problems found (one per line)."""
    project = selectors.project_get_for_user(request.user, pk)
    if not _may_inspect(request.user, project):
        raise PermissionDenied
    form = InspectionForm(
        _posted(request),
        initial={"date": clock.today(), "place": project.place, "deputies": project.followers.all()},
    )
    return _page(
        request, form, title=f"登记代表视察：{project.name}",
        save=lambda: services.inspection_record(project=project, actor=request.user, **form.cleaned_data),
        success="已登记代表视察，发现的问题请交责任单位办理。", next_url=reverse("livelihood:project", args=[pk]),
    )  # fmt: skip


class FindingListView(RendaListView):
    """视察发现问题: every problem the deputies found, where it is (the office's board; a unit sees its own)."""

    template_name = "livelihood/findings.html"
    filterset_class = FindingFilter
    sort_fields = {"date": ["inspection__date", "pk"], "due": ["due", "pk"]}
    default_sort = "-date"
    export_filename = "视察发现问题"
    export_columns = (
        ("项目", lambda f: f.inspection.project.name),
        ("视察日期", lambda f: f.inspection.date),
        ("发现的问题", lambda f: f.text),
        ("责任单位", lambda f: f.inspection.project.unit.name),
        ("状态", lambda f: f.get_state_display()),
        ("答复期限", lambda f: f.due),
        ("办结意见", lambda f: f.closing_note),
    )

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            _require(request.user, READ)
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        return selectors.findings_visible_to(self.request.user).select_related("inspection__project__unit")


@login_required
def finding_detail(request: HttpRequest, pk: int) -> HttpResponse:
    finding = selectors.finding_get_for_user(request.user, pk)
    assignments = finding.assignments.select_related("unit").prefetch_related("replies")
    context = {
        "finding": finding,
        "moves": {m.name for m in FINDING_FLOW.moves_for(request.user, finding)},
        "assignments": [(a, {m.name for m in FINDINGS.flow.moves_for(request.user, a)}) for a in assignments],
        "events": finding.events.select_related("actor"),
    }
    return render(request, "livelihood/finding_detail.html", context)


@login_required
@require_POST
def finding_forward(request: HttpRequest, pk: int) -> HttpResponse:
    finding = selectors.finding_get_for_user(request.user, pk)
    return post_action(
        request,
        lambda: services.finding_forward(finding=finding, actor=request.user),
        "已交责任单位办理。",
        finding.get_absolute_url(),
    )


def _finding_note(request: HttpRequest, pk: int, move: str, call, title: str, success: str) -> HttpResponse:
    finding = selectors.finding_get_for_user(request.user, pk)
    if refused := _refused(request, FINDING_FLOW, finding, move, finding.get_absolute_url()):
        return refused
    form = NoteForm(_posted(request))
    return _page(
        request, form, title=f"{title}：{finding.text[:30]}",
        save=lambda: call(finding=finding, note=form.cleaned_data["note"], actor=request.user),
        success=success, next_url=finding.get_absolute_url(),
    )  # fmt: skip


@login_required
def finding_close(request: HttpRequest, pk: int) -> HttpResponse:
    return _finding_note(request, pk, "close", services.finding_close, "办结", "已办结。")


@login_required
def finding_rehandle(request: HttpRequest, pk: int) -> HttpResponse:
    return _finding_note(
        request, pk, "rehandle", services.finding_rehandle, "退回重办", "已退回责任单位重新办理。"
    )


@login_required
@require_POST
def finding_sign_for(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assignment = selectors.finding_assignment_for_unit_user(request.user, pk)
    return post_action(
        request,
        lambda: casework.sign_for(assignment=assignment, actor=request.user),
        "已签收。",
        assignment.finding.get_absolute_url(),
    )


@login_required
def finding_reply(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = selectors.finding_assignment_for_unit_user(request.user, pk)
    back = assignment.finding.get_absolute_url()
    if refused := _refused(request, FINDINGS.flow, assignment, "reply", back):
        return refused
    form = FindingReplyForm(_posted(request), request.FILES or None)
    return _page(
        request, form, title=f"答复视察发现问题：{assignment.finding.text[:30]}",
        save=lambda: services.finding_reply(assignment=assignment, actor=request.user, **form.cleaned_data),
        success="已答复。", next_url=back,
    )  # fmt: skip


# ------------------------------------------------------------------ projects


class ProjectListView(RendaListView):
    """民生实事项目: every year's projects with progress, the lagging ones flagged (the office's board)."""

    template_name = "livelihood/projects.html"
    filterset_class = ProjectFilter
    sort_fields = {"year": ["year", "order"], "percent": ["percent"], "cost": ["cost"], "votes": ["votes"]}
    default_sort = "-year"
    export_filename = "民生实事项目"
    export_columns = (
        ("年度", lambda p: p.year),
        ("项目名称", lambda p: p.name),
        ("责任单位", lambda p: p.unit.name),
        ("状态", lambda p: p.get_state_display()),
        ("得票", lambda p: p.votes),
        ("计划投资（元）", lambda p: p.cost),
        ("已完成投资（元）", lambda p: p.spent),
        ("完成进度（%）", lambda p: p.percent),
        ("进度滞后", lambda p: "是" if p.lagging else ""),
        ("计划完成日期", lambda p: p.planned_completion),
        ("年终测评", lambda p: p.get_rating_display()),
    )

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            _require(request.user, READ)
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        return selectors.projects_for_list(self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        year = _year(self.request)
        office = can(self.request.user, MANAGE)
        return super().get_context_data(
            figures=selectors.year_figures(year), is_office=office, year=year,
            inquiry_open=office and selectors.inquiry_candidates(year).exists(),
            oversee_open=office and selectors.oversee_candidates(year).exists(), **kwargs,
        )  # fmt: skip


@login_required
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = selectors.project_get_for_user(request.user, pk)
    moves = {m.name for m in PROJECT_FLOW.moves_for(request.user, project)}
    deputy_id = getattr(request.user, "deputy_id", None)
    context = {
        "project": project,
        "milestones": project.milestones.all(),
        "reports": project.reports.all(),
        "events": project.events.select_related("actor"),
        "moves": moves,
        "can_follow": deputy_id is not None
        and project.state in (ProjectState.ADOPTED, ProjectState.COMPLETED)
        and not project.followers.filter(pk=deputy_id).exists(),
        "followers": project.followers.all(),
        "evaluation": getattr(project, "evaluation", None),
        "is_office": can(request.user, MANAGE),
        "carried_to": getattr(project, "carried_to", None) if project.pk else None,
        "inspections": project.inspections.prefetch_related("deputies", "findings"),
        "may_inspect": _may_inspect(request.user, project),
    }
    return render(request, "livelihood/project_detail.html", context)


@login_required
def project_report(request: HttpRequest, pk: int) -> HttpResponse:
    project = selectors.project_get_for_user(request.user, pk)
    if refused := _refused(
        request, PROJECT_FLOW, project, "report", reverse("livelihood:project", args=[pk])
    ):
        return refused
    form = ReportForm(_posted(request), request.FILES or None, initial={"month": services.previous_month()})
    return _page(
        request, form, title=f"报送进度：{project.name}",
        save=lambda: services.progress_report(project=project, actor=request.user, **form.cleaned_data),
        success="进度已报送。", next_url=reverse("livelihood:project", args=[pk]),
    )  # fmt: skip


@login_required
def project_plan(request: HttpRequest, pk: int) -> HttpResponse:
    project = selectors.project_get_for_user(request.user, pk)
    if refused := _refused(request, PROJECT_FLOW, project, "plan", reverse("livelihood:project", args=[pk])):
        return refused
    lines = "\n".join(
        f"{m.title}，{cn_day(m.due)}，{m.percent}" for m in project.milestones.filter(done_on=None)
    )
    initial = {"responsible_person": project.responsible_person, "planned_completion": project.planned_completion,
               "milestones": lines}  # fmt: skip
    form = PlanForm(_posted(request), initial=initial)
    return _page(
        request, form, title=f"实施计划：{project.name}",
        save=lambda: services.project_plan_update(project=project, actor=request.user, **form.cleaned_data),
        success="实施计划已保存。", next_url=reverse("livelihood:project", args=[pk]),
    )  # fmt: skip


@login_required
def project_complete(request: HttpRequest, pk: int) -> HttpResponse:
    project = selectors.project_get_for_user(request.user, pk)
    if refused := _refused(
        request, PROJECT_FLOW, project, "complete", reverse("livelihood:project", args=[pk])
    ):
        return refused
    form = CompleteForm(_posted(request), initial={"completed_on": clock.today()})
    return _page(
        request, form, title=f"报告完成：{project.name}",
        save=lambda: services.project_complete(project=project, actor=request.user, **form.cleaned_data),
        success="已报告项目完成。", next_url=reverse("livelihood:project", args=[pk]),
    )  # fmt: skip


@login_required
@require_POST
def project_follow(request: HttpRequest, pk: int) -> HttpResponse:
    project = selectors.project_get_for_user(request.user, pk)
    if getattr(request.user, "deputy_id", None) is None:
        raise PermissionDenied("只有人大代表可以跟踪项目。")
    back = reverse("livelihood:project", args=[pk])
    return post_action(
        request, lambda: services.project_follow(project=project, actor=request.user), "已跟踪该项目。", back
    )


@login_required
@require_POST
def project_carry(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request.user, MANAGE)
    project = selectors.project_get_for_user(request.user, pk)
    back = reverse("livelihood:project", args=[pk])
    return post_action(
        request,
        lambda: services.project_carry_over(project=project, actor=request.user),
        "已结转下一年度。",
        back,
    )


def _convened_meetings(user, kind: str):
    return meetings_visible_to(user).filter(kind=kind, state=MeetingState.CONVENED)


@login_required
def project_evaluate(request: HttpRequest, pk: int) -> HttpResponse:
    project = selectors.project_get_for_user(request.user, pk)
    if refused := _refused(
        request, PROJECT_FLOW, project, "evaluate", reverse("livelihood:project", args=[pk])
    ):
        return refused
    meetings = meetings_visible_to(request.user).filter(state=MeetingState.CONVENED)
    form = MeetingForm(_posted(request), meetings=meetings)
    return _page(
        request, form, title=f"年终满意度测评：{project.name}",
        save=lambda: services.evaluation_create(project=project, actor=request.user, **form.cleaned_data),
        success="已发起测评，请在表决页开始表决。",
        next_url=lambda evaluation: reverse("voting:control", args=[evaluation.vote_id]),
        submit_label="发起无记名测评",
    )  # fmt: skip


@login_required
def inquiry(request: HttpRequest) -> HttpResponse:
    """The office starts an inquiry (专题询问) on the year's lagging projects: an item of the year's oversight plan;
    the rest of it runs in oversight (its page, where the service sends the office)."""
    _require(request.user, MANAGE)
    year = _year(request)
    candidates = selectors.inquiry_candidates(year).select_related("unit")
    today = clock.today()
    initial = {"projects": list(candidates), "planned_month": today.month if today.year == year else 1}
    form = InquiryForm(
        _posted(request), initial=initial, projects=candidates, units=handling_units_for_picker(request.user)
    )
    return _page(
        request, form, title=f"{year}年推进滞后项目专题询问",
        save=lambda: services.inquiry_start(year=year, actor=request.user, **form.cleaned_data),
        success="已列入年度监督工作计划，请在监督事项中安排会议、登记询问和答询。",
        next_url=lambda item: item.get_absolute_url(), submit_label="列入监督计划",
        context={"lagging": candidates},
    )  # fmt: skip


@login_required
@require_POST
def project_oversee(request: HttpRequest, pk: int) -> HttpResponse:
    """A 不满意 project into next year's oversight plan (跟踪监督·回头看)."""
    _require(request.user, MANAGE)
    project = selectors.project_get_for_user(request.user, pk)
    back = reverse("livelihood:project", args=[pk])
    return post_action(
        request,
        lambda: services.project_oversee(project=project, actor=request.user),
        f"已列入{project.year + 1}年度监督工作计划。",
        back,
    )


@login_required
@require_POST
def projects_oversee(request: HttpRequest) -> HttpResponse:
    """All of a year's 不满意 projects not yet carried into next year's oversight plan, at once."""
    _require(request.user, MANAGE)
    year = _year(request, request.POST)
    return post_action(
        request,
        lambda: services.projects_oversee(year=year, actor=request.user),
        f"{year}年测评不满意的项目已列入{year + 1}年度监督工作计划。",
        f"{reverse('livelihood:list')}?year={year}",
    )


@login_required
def review(request: HttpRequest) -> HttpResponse:
    """The office puts the mid-year report or the inquiry on lagging projects on a standing-committee meeting."""
    _require(request.user, MANAGE)
    meetings = (
        meetings_visible_to(request.user).filter(kind=MeetingKind.STANDING).exclude(state=MeetingState.CLOSED)
    )
    form = ReviewForm(_posted(request), meetings=meetings, initial={"year": clock.today().year})
    return _page(
        request, form, title="民生实事项目：年中报告与专题询问",
        save=lambda: services.review_schedule(actor=request.user, **form.cleaned_data),
        success="已列入会议议程。", next_url=lambda item: f"/meetings/{item.meeting_id}/",
        context={"lagging": selectors.lagging_projects().select_related("unit")},
    )  # fmt: skip


# ------------------------------------------------------------------ ballots


@login_required
def ballot_list(request: HttpRequest) -> HttpResponse:
    _require(request.user, READ)
    ballots = selectors.ballots_visible_to(request.user).select_related("meeting").order_by("-year")
    return render(
        request, "livelihood/ballots.html", {"ballots": ballots, "is_office": can(request.user, MANAGE)}
    )


def _congress_meetings(user):
    return meetings_visible_to(user).filter(kind=MeetingKind.CONGRESS).exclude(state=MeetingState.CLOSED)


@login_required
def ballot_create(request: HttpRequest) -> HttpResponse:
    _require(request.user, MANAGE)
    form = BallotForm(_posted(request), meetings=_congress_meetings(request.user),
                      initial={"year": clock.today().year + 1})  # fmt: skip
    return _page(
        request, form, title="编制民生实事候选项目清单",
        save=lambda: services.ballot_create(actor=request.user, **form.cleaned_data),
        success="已新建候选项目清单。", next_url=lambda ballot: reverse("livelihood:ballot", args=[ballot.pk]),
    )  # fmt: skip


@login_required
def ballot_detail(request: HttpRequest, pk: int) -> HttpResponse:
    ballot = selectors.ballot_get_for_user(request.user, pk)
    context = {
        "ballot": ballot,
        "projects": ballot.projects.select_related("unit").prefetch_related("milestones"),
        "moves": {m.name for m in BALLOT_FLOW.moves_for(request.user, ballot)},
        "submit_confirm": BALLOT_FLOW["submit"].confirm,
        "events": ballot.events.select_related("actor"),
        "vote_form": VoteForm(),
    }
    return render(request, "livelihood/ballot_detail.html", context)


@login_required
def candidate_add(request: HttpRequest, pk: int) -> HttpResponse:
    ballot = selectors.ballot_get_for_user(request.user, pk)
    if refused := _refused(request, BALLOT_FLOW, ballot, "edit", reverse("livelihood:ballot", args=[pk])):
        return refused
    form = CandidateForm(_posted(request), units=handling_units_for_picker(request.user))
    return _page(
        request, form, title=f"新增候选项目：{ballot}",
        save=lambda: services.candidate_add(ballot=ballot, actor=request.user, **form.cleaned_data),
        success="已新增候选项目。", next_url=reverse("livelihood:ballot", args=[pk]),
    )  # fmt: skip


@login_required
@require_POST
def ballot_submit(request: HttpRequest, pk: int) -> HttpResponse:
    ballot = selectors.ballot_get_for_user(request.user, pk)
    back = reverse("livelihood:ballot", args=[pk])
    if refused := _refused(request, BALLOT_FLOW, ballot, "submit", back):
        return refused
    return post_action(
        request, lambda: services.ballot_submit(ballot=ballot, actor=request.user), "已提交代表。", back
    )


@login_required
@require_POST
def ballot_vote(request: HttpRequest, pk: int) -> HttpResponse:
    ballot = selectors.ballot_get_for_user(request.user, pk)
    if refused := _refused(request, BALLOT_FLOW, ballot, "vote", reverse("livelihood:ballot", args=[pk])):
        return refused
    form = VoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请选择投票方式。")
        return redirect(reverse("livelihood:ballot", args=[pk]))
    try:
        event = services.ballot_vote_create(
            ballot=ballot, method=form.cleaned_data["method"], actor=request.user
        )
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
        return redirect(reverse("livelihood:ballot", args=[pk]))
    messages.success(request, "已发起票决，请在表决页开始表决。")
    return redirect(reverse("voting:control", args=[event.pk]))


@login_required
@require_POST
def ballot_publish(request: HttpRequest, pk: int) -> HttpResponse:
    ballot = selectors.ballot_get_for_user(request.user, pk)
    back = reverse("livelihood:ballot", args=[pk])
    if refused := _refused(request, BALLOT_FLOW, ballot, "publish", back):
        return refused
    return post_action(
        request, lambda: services.ballot_publish(ballot=ballot, actor=request.user), "票决结果已公布。", back
    )


# ------------------------------------------------------------------ proposals


class ProposalListView(RendaListView):
    template_name = "livelihood/proposals.html"
    filterset_class = ProposalFilter
    sort_fields = {"year": ["year"], "state": ["state"]}
    default_sort = "-year"
    export_filename = "民生实事项目建议"
    export_columns = (
        ("年度", lambda p: p.year),
        ("项目名称", lambda p: p.title),
        ("来源", lambda p: p.get_source_display()),
        ("提出人", lambda p: p.proposer_name),
        ("估算投资（元）", lambda p: p.estimated_cost),
        ("状态", lambda p: p.get_state_display()),
        ("筛选意见", lambda p: p.reply),
    )

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            _require(request.user, READ)
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        return selectors.proposals_visible_to(self.request.user).select_related("unit")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(is_office=can(self.request.user, MANAGE), **kwargs)


def _proposal_fields(data: dict) -> dict:
    return {k: v for k, v in data.items()}


@login_required
def proposal_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require(request.user, READ)
    deputy = getattr(request.user, "deputy", None)
    name = deputy.name if deputy else (request.user.get_full_name() or request.user.username)
    form = ProposalForm(_posted(request), initial={"year": clock.today().year + 1, "proposer_name": name})
    return _page(
        request, form, title="提出民生实事项目建议",
        save=lambda: services.proposal_submit(actor=request.user, **form.cleaned_data),
        success="项目建议已提交。", next_url=lambda p: reverse("livelihood:proposal", args=[p.pk]),
    )  # fmt: skip


@login_required
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = selectors.proposal_get_for_user(request.user, pk)
    context = {
        "proposal": proposal,
        "phone": proposal.proposer_phone
        if can(request.user, MANAGE)
        else mask_phone(proposal.proposer_phone),
        "events": proposal.events.select_related("actor"),
        "can_screen": bool(PROPOSAL_FLOW.moves_for(request.user, proposal)),
    }
    return render(request, "livelihood/proposal_detail.html", context)


@login_required
def proposal_screen(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request.user, MANAGE)
    proposal = selectors.proposal_get_for_user(request.user, pk)
    others = selectors.proposals_visible_to(request.user).filter(year=proposal.year).exclude(pk=pk)
    ballots = selectors.ballots_visible_to(request.user).filter(state=BallotState.DRAFT)
    form = ScreenForm(
        _posted(request), proposals=others, ballots=ballots, units=handling_units_for_picker(request.user)
    )
    return _page(
        request, form, title=f"筛选项目建议：{proposal.title}",
        save=lambda: services.proposal_screen(proposal=proposal, actor=request.user, **form.cleaned_data),
        success="筛选结果已保存。", next_url=reverse("livelihood:proposal", args=[pk]),
    )  # fmt: skip


# ------------------------------------------------------------------ statistics


@login_required
def statistics(request: HttpRequest) -> HttpResponse:
    _require(request.user, READ)
    year = _year(request)
    units = list(selectors.unit_figures(year))
    if request.GET.get("export") == "xlsx":
        columns = [
            "责任单位",
            "项目",
            "已完成",
            "滞后",
            "计划投资（元）",
            "已完成投资（元）",
            "满意",
            "基本满意",
            "不满意",
        ]
        rows = [[u["unit__name"], u["projects"], u["completed"], u["lagging"], u["cost"], u["spent"],
                 u["satisfied"], u["basically"], u["dissatisfied"]] for u in units]  # fmt: skip
        return xlsx_response(f"{year}年民生实事项目统计", columns, rows)
    context = {"year": year, "figures": selectors.year_figures(year), "units": units,
               "years": range(clock.today().year + 1, clock.today().year - 5, -1)}  # fmt: skip
    return render(request, "livelihood/statistics.html", context)


# ------------------------------------------------------------------ photos and the public pages


@login_required
def photo(request: HttpRequest, pk: int) -> HttpResponseBase:
    report = selectors.report_get_for_user(request.user, pk)
    return FileResponse(open_stored(report.photo))


def public_photo(request: HttpRequest, pk: int) -> HttpResponseBase:
    report = selectors.public_report_get(pk)
    return FileResponse(open_stored(report.photo))


def public_projects(request: HttpRequest) -> HttpResponse:
    """The year's projects, progress bars and photos, the ballot result: a phone page for everyone."""
    ballots = list(selectors.public_ballots())
    years = [b.year for b in ballots]
    try:
        year = int(request.GET.get("year") or (years[0] if years else clock.today().year))
    except ValueError:
        year = years[0] if years else clock.today().year
    projects = selectors.public_projects(year)
    photos = selectors.latest_photos(projects)
    context = {
        "year": year,
        "years": years,
        "ballot": next((b for b in ballots if b.year == year), None),
        "projects": [(project, photos.get(project.pk)) for project in projects],
    }
    return render(request, "livelihood/public.html", context)


def public_propose(request: HttpRequest) -> HttpResponse:
    """A citizen proposes a project; the page shows the tracking code to follow it."""
    form = PublicProposalForm(
        _posted(request), initial={"year": clock.today().year + 1}, challenge=new_question()
    )
    hashed = client_hash(request.META.get("REMOTE_ADDR", ""))
    return form_page(
        request, form,
        save=lambda: services.proposal_submit(actor=request.user, client_hash=hashed, **form.submitted()),
        success="项目建议已提交，请记下查询码。",
        next_url=lambda p: reverse("livelihood_public:track") + f"?code={p.tracking_code}",
        template="livelihood/public_form.html", context={"title": "我要提民生实事项目建议"},
    )  # fmt: skip


def public_track(request: HttpRequest) -> HttpResponse:
    code = request.GET.get("code", "")
    proposal = selectors.proposal_by_code(code) if code else None
    return render(request, "livelihood/public_track.html", {"proposal": proposal, "code": code})
