"""Pages of duty records. Each page validates with a form and calls one selector or service.

Signed-in: a deputy's workspace (我的履职), a deputy's yearly record and its printable Word file, the ranking and
its Excel export, self-reported entries and their decision, reports to voters and their ratings, the deputies
who owe a report this term. Without an account: the public index and page of each deputy in office (代表法
Art. 58), and a voter's ballot reached through its QR code."""

from collections.abc import Callable
from functools import wraps
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST
from django.views.generic import ListView

from renda.accounts.http import AuthenticatedHttpRequest
from renda.core import clock
from renda.core.export import sheets_response
from renda.core.listing import HtmxPartialMixin, RendaListView
from renda.core.roles import can
from renda.core.rules import rule
from renda.core.uploads import open_stored
from renda.deputies.models import Deputy
from renda.deputies.selectors import scope_label, stations_visible_to
from renda.duties import selectors, services
from renda.duties.docx import record_document
from renda.duties.figures import FIGURES
from renda.duties.forms import (
    ApproveForm,
    BallotsForm,
    CastForm,
    ConfirmForm,
    DeputySearchFilter,
    EntryEditForm,
    EntryFilter,
    EntryForm,
    HoldForm,
    OwingFilter,
    RatingsForm,
    ReasonForm,
    ReportEditForm,
    ReportFilter,
    ReportForm,
    YearForm,
)
from renda.duties.models import DutyEntry, DutyReport, ReportState
from renda.duties.qr import qr_svg
from renda.duties.workflows import ENTRY_FLOW, KEEP, MANAGE, OWN, REPORT_FLOW
from renda.org.selectors import term_current

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _posted(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _show_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, found in error.message_dict.items():
            form.add_error(name if name in form.fields else None, found)
    else:
        form.add_error(None, error.messages)


def _form_page(
    request: HttpRequest,
    form,
    *,
    title: str,
    call: Callable[[dict], Any],
    success: str,
    next_url: str | Callable[[Any], str],
    cancel_url: str,
    submit_label: str = "提交",
    extra: dict | None = None,
) -> HttpResponse:
    """Show `form`; on a valid POST call the one service and go on, else show its errors on the form."""
    if request.method == "POST" and form.is_valid():
        try:
            result = call(form.cleaned_data)
        except ValidationError as error:
            _show_errors(form, error)
        else:
            messages.success(request, success)
            return redirect(next_url(result) if callable(next_url) else next_url)
    context = {
        "form": form,
        "title": title,
        "submit_label": submit_label,
        "cancel_url": cancel_url,
        "multipart": any(getattr(f.field.widget, "needs_multipart_form", False) for f in form),
        **(extra or {}),
    }
    return render(request, "duties/form.html", context)


def _year(request: HttpRequest) -> tuple[YearForm, int]:
    form = YearForm(request.GET or None)
    return form, form.year_or_now()


# ---------------------------------------------------------------- a deputy's year


@login_required
def mine(request: AuthenticatedHttpRequest) -> HttpResponse:
    """我的履职: phones first — what is coming, what is owed, the points, then the year's lists."""
    form, year = _year(request)
    workspace = selectors.workspace_for(request.user, year)
    return render(
        request, "duties/mine.html", {"workspace": workspace, "record": workspace.record, "form": form}
    )


@login_required
def record(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A deputy's yearly record: the office and members any deputy's, a deputy their own (others 404)."""
    deputy = selectors.record_deputy_for(request.user, pk)
    form, year = _year(request)
    found = selectors.duty_record(deputy, year)
    return render(request, "duties/record.html", {"record": found, "form": form})


@login_required
def record_docx(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The printable record (Word), with the approved self-reported entries only."""
    deputy = selectors.record_deputy_for(request.user, pk)
    _, year = _year(request)
    found = selectors.duty_record(deputy, year, entries_all=False)
    content = record_document(found, congress_name=selectors.congress_name())
    response = HttpResponse(content, content_type=DOCX_TYPE)
    filename = f"履职档案-{deputy.name}-{year}.docx"
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename) or ""
    return response


class RankingView(RendaListView):
    """履职积分排名: the deputies in office of one level by points in a year; Excel export of every figure."""

    template_name = "duties/ranking.html"
    paginate_by = 50

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not selectors.can_read_ranking(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        self.form = YearForm(self.request.GET or None)
        self.year = self.form.year_or_now()
        return selectors.ranking(self.year, level=self.form.level_or_own(), user=self.request.user)

    def get(self, request, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.GET.get("export") == "xlsx":
            rows = self.get_base_queryset()
            headers = ["名次", "姓名", "乡镇（街道）", *(f.label for f in FIGURES), "积分"]
            data = (
                [d.rank, d.name, str(d.township or ""), *(getattr(d, f.key) for f in FIGURES), d.points]
                for d in rows
            )
            return sheets_response(f"履职积分排名-{self.year}", [(f"{self.year}年度", headers, data)])
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            form=self.form,
            year=self.year,
            figures=FIGURES,
            scope_label=scope_label(self.request.user, level=self.form.level_or_own()),
        )
        return context


# ---------------------------------------------------------------- self-reported entries


class EntryListView(RendaListView):
    """履职自报: the office's queue to decide (and every entry), a deputy's own."""

    template_name = "duties/entry_list.html"
    filterset_class = EntryFilter
    sort_fields = {"date": ["date"], "state": ["state"], "created": ["created_at"]}
    default_sort = "-created"
    export_filename = "履职自报事项"
    export_columns = (
        ("代表", lambda e: e.deputy.name),
        ("类别", lambda e: e.get_kind_display()),
        ("事项", lambda e: e.title),
        ("日期", lambda e: e.date),
        ("状态", lambda e: e.get_state_display()),
        ("审核意见", lambda e: e.decision_note),
    )

    def get_base_queryset(self):
        return selectors.entries_visible_to(self.request.user).select_related("deputy")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["may_submit"] = can(self.request.user, OWN) or can(self.request.user, MANAGE)
        return context


@login_required
def entry_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    for_deputy = not can(user, MANAGE)
    if for_deputy and not (can(user, OWN) and user.deputy_id):
        raise PermissionDenied
    form = EntryForm(_posted(request), request.FILES or None, for_deputy=for_deputy)

    def call(data: dict) -> DutyEntry:
        deputy = cast(Deputy, user.deputy) if for_deputy else data.pop("deputy")
        return services.duty_entry_submit(deputy=deputy, actor=user, **data)

    return _form_page(
        request,
        form,
        title="填报履职事项",
        call=call,
        success="已提交，待代表工作机构认定。",
        next_url=lambda entry: reverse("duties:entry_detail", args=[entry.pk]),
        cancel_url=reverse("duties:entry_list"),
    )


@login_required
def entry_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    entry = selectors.entry_for(request.user, pk)
    context = {
        "entry": entry,
        "moves": [m.name for m in ENTRY_FLOW.moves_for(request.user, entry)],
        "events": entry.events.select_related("actor").order_by("created_at", "pk"),
    }
    return render(request, "duties/entry_detail.html", context)


class Refused(Exception):
    """A move the record's state (or date) does not allow now: its reason is shown on the record's page."""

    def __init__(self, url: str, error: ValidationError):
        self.url, self.error = url, error


def move_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A page of one move on an entry or a report (signed in): a move Refused by the record's state sends the
    user back to the record's page with the reason, not to an error page."""

    @wraps(view)
    def page(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        try:
            return view(request, pk)
        except Refused as refused:
            messages.error(request, "；".join(refused.error.messages))
            return redirect(refused.url)

    return login_required(page)


def _entry_move(request: AuthenticatedHttpRequest, pk: int, move: str) -> DutyEntry:
    """The entry, if the user may make `move` on it now: 404 outside what they see, 403 if not theirs to make,
    Refused (see move_page) when its state does not allow it."""
    entry = selectors.entry_for(request.user, pk)
    try:
        ENTRY_FLOW.refuse(entry, move, actor=request.user)
    except ValidationError as error:
        raise Refused(_entry_url(entry), error) from None
    return entry


def _entry_url(entry: DutyEntry) -> str:
    return reverse("duties:entry_detail", args=[entry.pk])


@move_page
def entry_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    entry = _entry_move(request, pk, "edit")
    initial = {name: getattr(entry, name) for name in ("kind", "title", "date", "description")}
    form = EntryEditForm(
        _posted(request), request.FILES or None, initial={**initial, "version": entry.version}
    )

    def call(data: dict) -> DutyEntry:
        changes = {k: v for k, v in data.items() if k not in {"version", "proof"} and v != initial.get(k)}
        if data.get("proof"):
            changes["proof"] = data["proof"]
        return services.duty_entry_update(
            entry=entry, expected_version=data["version"], changes=changes, actor=request.user
        )

    return _form_page(
        request,
        form,
        title="修改履职事项",
        call=call,
        success="已保存。",
        next_url=_entry_url(entry),
        cancel_url=_entry_url(entry),
    )


@move_page
def entry_approve(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    entry = _entry_move(request, pk, "approve")
    return _form_page(
        request,
        ApproveForm(_posted(request)),
        title=f"认定：{entry.title}",
        call=lambda d: services.duty_entry_approve(entry=entry, note=d["note"], actor=request.user),
        success="已认定，计入该代表的履职档案。",
        next_url=_entry_url(entry),
        cancel_url=_entry_url(entry),
        submit_label="认定",
        extra={"entry": entry},
    )


@move_page
def entry_reject(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    entry = _entry_move(request, pk, "reject")
    return _form_page(
        request,
        ReasonForm(_posted(request)),
        title=f"不予认定：{entry.title}",
        call=lambda d: services.duty_entry_reject(entry=entry, reason=d["reason"], actor=request.user),
        success="已不予认定，代表将收到通知。",
        next_url=_entry_url(entry),
        cancel_url=_entry_url(entry),
        submit_label="不予认定",
        extra={"entry": entry},
    )


@move_page
@require_POST
def entry_withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    entry = _entry_move(request, pk, "withdraw")
    try:
        services.duty_entry_withdraw(entry=entry, actor=request.user)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(request, "已撤回。")
    return redirect(_entry_url(entry))


@login_required
def entry_proof(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    entry = selectors.entry_for(request.user, pk)
    return FileResponse(open_stored(entry.proof), as_attachment=True, filename=entry.proof_name)


# ---------------------------------------------------------------- reports to voters


class ReportListView(RendaListView):
    """代表述职: the office and members all, a keeper their station's, a deputy their own."""

    template_name = "duties/report_list.html"
    filterset_class = ReportFilter
    sort_fields = {"date": ["date"], "state": ["state"]}
    default_sort = "-date"
    export_filename = "代表述职"
    export_columns = (
        ("名称", lambda r: r.title),
        ("述职日期", lambda r: r.date),
        ("地点", lambda r: r.place),
        ("联络站", lambda r: r.station.name),
        ("状态", lambda r: r.get_state_display()),
        ("到会选民", lambda r: r.voters_present),
        ("满意", lambda r: selectors.result_of_annotated(r).satisfied),
        ("基本满意", lambda r: selectors.result_of_annotated(r).basically_satisfied),
        ("不满意", lambda r: selectors.result_of_annotated(r).dissatisfied),
        ("满意率", lambda r: selectors.result_of_annotated(r).rate),
    )

    def get_base_queryset(self):
        return selectors.reports_with_results(selectors.reports_visible_to(self.request.user)).select_related(
            "station"
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["may_schedule"] = can(self.request.user, MANAGE) or can(self.request.user, KEEP)
        context["rows"] = [(r, selectors.result_of_annotated(r)) for r in context["object_list"]]
        return context


def _stations_kept_by(user) -> Any:
    if can(user, MANAGE):
        return stations_visible_to(user)
    if can(user, KEEP) and user.station_id:
        return stations_visible_to(user).filter(pk=user.station_id)
    return stations_visible_to(user).none()


def _report_url(report: DutyReport) -> str:
    return reverse("duties:report_detail", args=[report.pk])


@login_required
def report_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    if not (can(user, MANAGE) or can(user, KEEP)):
        raise PermissionDenied
    form = ReportForm(_posted(request), stations=_stations_kept_by(user))
    return _form_page(
        request,
        form,
        title="安排代表述职",
        call=lambda d: services.duty_report_schedule(actor=user, **d),
        success="已安排，述职代表将收到通知。",
        next_url=_report_url,
        cancel_url=reverse("duties:report_list"),
        submit_label="安排",
    )


@login_required
def report_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_for(request.user, pk)
    moves = [m.name for m in REPORT_FLOW.moves_for(request.user, report)]
    context = {
        "report": report,
        "deputies": report.deputies.select_related("township").order_by("name_pinyin", "pk"),
        "result": selectors.report_result(report),
        "moves": moves,
        "events": report.events.select_related("actor").order_by("created_at", "pk"),
        "may_print_ballots": "issue_ballots" in moves,
    }
    return render(request, "duties/report_detail.html", context)


def _report_move(request: AuthenticatedHttpRequest, pk: int, move: str) -> DutyReport:
    """The report, if the user may make `move` on it now: 404 outside what they see, 403 if not theirs to make,
    Refused (see move_page) when its state or date does not allow it."""
    report = selectors.report_for(request.user, pk)
    try:
        REPORT_FLOW.refuse(report, move, actor=request.user)
    except ValidationError as error:
        raise Refused(_report_url(report), error) from None
    return report


@move_page
def report_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report = _report_move(request, pk, "edit")
    chosen = sorted(report.deputies.values_list("pk", flat=True))
    initial = {
        "title": report.title,
        "date": report.date,
        "place": report.place,
        "deputies": chosen,
        "version": report.version,
    }
    form = ReportEditForm(_posted(request), initial=initial, report=report)

    def call(data: dict) -> DutyReport:
        changes = {k: v for k, v in data.items() if k not in {"version", "deputies"} and v != initial.get(k)}
        if sorted(d.pk for d in data["deputies"]) != chosen:
            changes["deputies"] = list(data["deputies"])
        return services.duty_report_update(
            report=report, expected_version=data["version"], changes=changes, actor=request.user
        )

    return _form_page(
        request,
        form,
        title="修改述职安排",
        call=call,
        success="已保存。",
        next_url=_report_url(report),
        cancel_url=_report_url(report),
    )


@move_page
def report_cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report = _report_move(request, pk, "cancel")
    return _form_page(
        request,
        ReasonForm(_posted(request)),
        title=f"取消述职：{report.title}",
        call=lambda d: services.duty_report_cancel(report=report, reason=d["reason"], actor=request.user),
        success="已取消。",
        next_url=_report_url(report),
        cancel_url=_report_url(report),
        submit_label="取消述职",
    )


@move_page
def report_hold(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report = _report_move(request, pk, "hold")
    return _form_page(
        request,
        HoldForm(_posted(request)),
        title=f"登记述职情况：{report.title}",
        call=lambda d: services.duty_report_hold(report=report, actor=request.user, **d),
        success="已登记，可以录入评议票或生成现场评议码。",
        next_url=_report_url(report),
        cancel_url=_report_url(report),
    )


@move_page
def report_ratings(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report = _report_move(request, pk, "enter_ratings")
    initial = {
        "satisfied": report.paper_satisfied,
        "basically_satisfied": report.paper_basically_satisfied,
        "dissatisfied": report.paper_dissatisfied,
    }
    return _form_page(
        request,
        RatingsForm(_posted(request), initial=initial),
        title=f"录入纸质评议票：{report.title}",
        call=lambda d: services.duty_report_ratings_enter(report=report, actor=request.user, **d),
        success="已录入。",
        next_url=_report_url(report),
        cancel_url=_report_url(report),
        extra={
            "note": "录入清点后的纸质评议票张数（再次录入将替换上次的数字）；现场扫码评议的结果自动计入。"
        },
    )


@move_page
def report_ballots(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report = _report_move(request, pk, "issue_ballots")
    return _form_page(
        request,
        BallotsForm(_posted(request), initial={"count": report.voters_present}),
        title=f"生成现场评议码：{report.title}",
        call=lambda d: services.duty_report_ballots_issue(
            report=report, count=d["count"], actor=request.user
        ),
        success="已生成，请打印后分发给到会选民。",
        next_url=reverse("duties:report_ballot_sheet", args=[report.pk]),
        cancel_url=_report_url(report),
        submit_label="生成",
    )


@move_page
def report_ballot_sheet(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The unused ballots of a report as slips to print, each with its QR code and its link."""
    report = _report_move(request, pk, "issue_ballots")
    slips = []
    for ballot in report.ballots.filter(rating="").order_by("pk"):
        url = request.build_absolute_uri(reverse("duties:rate", args=[ballot.token]))
        slips.append({"url": url, "svg": qr_svg(url), "number": ballot.pk})
    return render(request, "duties/ballot_sheet.html", {"report": report, "slips": slips})


@move_page
def report_close(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report = _report_move(request, pk, "close")
    return _form_page(
        request,
        ConfirmForm(_posted(request)),
        title=f"结束评议：{report.title}",
        call=lambda d: services.duty_report_close(report=report, actor=request.user),
        success="评议已结束。",
        next_url=_report_url(report),
        cancel_url=_report_url(report),
        submit_label="结束评议",
        extra={
            "result": selectors.report_result(report),
            "note": "结束后未使用的现场评议码失效，结果不再变化。",
        },
    )


class OwingView(RendaListView):
    """尚未述职的代表: deputies in office in the current term below rule duty_reports_per_term."""

    template_name = "duties/owing.html"
    filterset_class = OwingFilter
    export_filename = "本届尚未向选民述职的代表"
    export_columns = (
        ("姓名", lambda d: d.name),
        ("代表层级", lambda d: d.get_level_display()),
        ("乡镇（街道）", lambda d: str(d.township or "")),
        ("进驻联络站", lambda d: str(d.station or "")),
        ("本届述职次数", lambda d: d.term_reports),
    )

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not selectors.can_read_ranking(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        self.term = term_current()
        if self.term is None:
            return selectors.public_deputies().none()
        return (
            selectors.deputies_owing_reports(self.term)
            .select_related("township", "station")
            .order_by("township__order", "name_pinyin", "pk")
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["term"] = self.term
        context["term_end"] = selectors.term_span(self.term)[1] if self.term else None
        context["required"] = rule("duty_reports_per_term")
        return context


# ---------------------------------------------------------------- without an account


def rate(request: HttpRequest, token: str) -> HttpResponse:
    """A voter's ballot, reached through the QR code of their slip: one rating per slip, while rating is open."""
    ballot = selectors.ballot_by_token(token)
    form = CastForm(_posted(request))
    done = False
    if ballot is not None and request.method == "POST" and form.is_valid():
        try:
            services.ballot_cast(token=ballot.token, rating=form.cleaned_data["rating"])
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            done = True
    if ballot is not None and not done:
        ballot.refresh_from_db()
    context = {
        "ballot": ballot,
        "report": ballot.report if ballot else None,
        "form": form,
        "done": done,
        "open": ballot is not None and ballot.report.state == ReportState.HELD and not ballot.rating,
    }
    return render(request, "duties/rate.html", context, status=200 if ballot else 404)


class PublicIndexView(HtmxPartialMixin, ListView):
    """代表履职公开: every deputy in office, by name or township, without signing in."""

    template_name = "duties/public_index.html"
    paginate_by = 30

    def get_queryset(self):
        self.filterset = DeputySearchFilter(
            self.request.GET or None, queryset=selectors.public_index(), request=self.request
        )
        return self.filterset.qs if self.filterset.is_bound else self.filterset.queryset

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(filter=self.filterset, **kwargs)


def public_deputy(request: HttpRequest, pk: int) -> HttpResponse:
    """A deputy's public page: basic information and the year's duty figures; never phone, ID or address."""
    form = YearForm(request.GET or None)
    year = form.year_or_now()
    profile = selectors.public_profile(pk, year)
    years = list(range(clock.today().year, clock.today().year - 5, -1))
    return render(request, "duties/public_deputy.html", {"profile": profile, "years": years, "year": year})
