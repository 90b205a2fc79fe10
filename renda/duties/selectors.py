"""Every read of duty records: a deputy's year assembled from the data already in the database (suggestions,
reception days, activities, opinions, reports to voters, approved self-reported entries), its points and rank,
the yearly ranking, who owes a report to voters this term, and who sees what.

Every count is a COUNT in the database, from one definition of what each figure counts (`figure_rows`): a record
annotates its deputy with one correlated subquery per figure (`counted`), a ranking groups the year's rows by
deputy, every figure in one query (`figure_counts`), so a record, a ranking page or an export takes the same few
queries whatever the number of rows (house rule 10)."""

import datetime
import functools
import operator
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import Coalesce
from django.http import Http404

from renda.core import clock
from renda.core.calendar import add_months
from renda.core.formats import percent
from renda.core.queries import count_of
from renda.core.roles import can
from renda.core.rules import rule
from renda.deputies.choices import DeputyStatus, Level
from renda.deputies.models import Activity, Deputy, ReceptionDay
from renda.deputies.selectors import deputies_in_scope, deputy_search
from renda.duties.figures import COUNTED_ACTIVITY_KINDS, FIGURES
from renda.duties.models import (
    Ballot,
    DutyEntry,
    DutyReport,
    EntryKind,
    EntryState,
    ReportState,
    VoterRating,
)
from renda.duties.workflows import KEEP, MANAGE, OWN, READ_ALL
from renda.meetings.models import Attendance, AttendanceStatus, Attendee, Meeting, MeetingKind, MeetingState
from renda.opinions.models import Opinion
from renda.opinions.models import State as OpinionState
from renda.org.models import Term
from renda.org.selectors import term_current
from renda.suggestions.models import Cosigner, Kind, Suggestion
from renda.suggestions.models import State as SuggestionState

# A suggestion counts for its lead deputy and confirmed co-signers once it is filed: not a draft, not back with
# the deputy for changes, not refused at registration.
NOT_FILED = [SuggestionState.DRAFT, SuggestionState.RETURNED, SuggestionState.REJECTED]
REPORTED = [ReportState.HELD, ReportState.CLOSED]  # a report to voters that took place
TERM_YEARS = 5


# ---------------------------------------------------------------- counting in the database


def year_span(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def figure_rows(year: int, *, today: datetime.date) -> dict[str, tuple[QuerySet, str]]:
    """figures.FIGURES key -> (the rows it counts in `year`, the field naming their deputy). Reception days
    count once they took place (up to `today`); activities recorded from a reception day are that reception
    day, not counted again."""
    start, end = year_span(year)
    filed = Suggestion.objects.filter(year=year).exclude(state__in=NOT_FILED)
    activities = Activity.deputies.through.objects.filter(
        activity__date__range=(start, end), activity__reception_day__isnull=True
    )
    approved = DutyEntry.objects.filter(year=year, state=EntryState.APPROVED)
    opinions = Opinion.objects.filter(year=year)
    standing_held = Meeting.objects.filter(
        kind=MeetingKind.STANDING, state=MeetingState.CLOSED, date__range=(start, end)
    ).values("pk")
    rows = {
        "suggestions": (filed.filter(kind=Kind.SUGGESTION), "lead_deputy"),
        "motions": (filed.filter(kind=Kind.MOTION), "lead_deputy"),
        "cosigned": (
            Cosigner.objects.filter(status=Cosigner.Status.CONFIRMED, suggestion__year=year).exclude(
                suggestion__state__in=NOT_FILED
            ),
            "deputy",
        ),
        "receptions": (
            ReceptionDay.deputies.through.objects.filter(receptionday__date__range=(start, min(end, today))),
            "deputy",
        ),
        "meetings_present": (
            Attendance.objects.filter(status=AttendanceStatus.PRESENT, meeting__in=standing_held),
            "deputy",
        ),
        "meetings_attendee": (Attendee.objects.filter(meeting__in=standing_held), "deputy"),
        **{
            f"activity_{kind.value}": (activities.filter(activity__kind=kind), "deputy")
            for kind in COUNTED_ACTIVITY_KINDS
        },
        "opinions_collected": (opinions, "deputy"),
        "opinions_resolved": (opinions.filter(state=OpinionState.CLOSED).exclude(resolved=False), "deputy"),
        "reports": (
            DutyReport.deputies.through.objects.filter(
                dutyreport__state__in=REPORTED, dutyreport__date__range=(start, end)
            ),
            "deputy",
        ),
        **{f"entry_{kind.value}": (approved.filter(kind=kind), "deputy") for kind in EntryKind},
    }
    assert list(rows) == [figure.key for figure in FIGURES]  # one list, one order
    return rows


def figure_expressions(year: int, *, today: datetime.date) -> dict[str, Coalesce]:
    """figures.FIGURES key -> its count for the outer deputy in `year`: one correlated subquery each, for the
    few deputies of a record or a public page (a ranking counts with `figure_counts`)."""
    return {
        key: count_of(rows.filter(**{by: OuterRef("pk")}), by)
        for key, (rows, by) in figure_rows(year, today=today).items()
    }


def figure_counts(
    deputies: QuerySet[Deputy], year: int, *, today: datetime.date
) -> dict[int, dict[str, int]]:
    """Deputy pk -> figure key -> count (missing: 0) of `deputies` in `year`, in one query: each figure's rows
    of the year grouped by deputy, joined by UNION ALL (a province's year in a few hundred ms, where one
    correlated subquery per deputy and figure took a minute)."""
    keys = []
    parts = []
    chosen = deputies.order_by().values("pk")
    for number, (key, (rows, by)) in enumerate(figure_rows(year, today=today).items()):
        keys.append(key)
        counted_rows = rows.filter(**{f"{by}__in": chosen}).order_by()
        parts.append(counted_rows.values_list(by).annotate(n=Count("pk"), figure=Value(number)))
    found: dict[int, dict[str, int]] = {}
    for pk, n, number in parts[0].union(*parts[1:], all=True):
        found.setdefault(pk, {})[keys[number]] = n
    return found


def points_expression() -> Any:
    """Σ count × points of its rule (rules read now, so a changed setting applies at once)."""
    terms = [F(figure.key) * rule(figure.rule) for figure in FIGURES if rule(figure.rule)]
    if not terms:
        return Value(0, output_field=IntegerField())
    return functools.reduce(operator.add, terms)


def points_each() -> dict[str, int]:
    """Figure key -> its points per unit (rules read now), for counts read by `figure_counts`: the sum of count
    × points is what `points_expression` computes in the database."""
    return {figure.key: rule(figure.rule) for figure in FIGURES}


def counted(deputies: QuerySet[Deputy], year: int, *, today: datetime.date | None = None) -> QuerySet[Deputy]:
    """`deputies` annotated with every figure's count for `year` and their `points` (for a few deputies)."""
    today = today or clock.today()
    return deputies.annotate(**figure_expressions(year, today=today)).annotate(points=points_expression())


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    unit: str
    count: int
    each: int  # points per unit
    points: int


def figures_of(row: Any) -> list[Figure]:
    """The figures of a deputy annotated by `counted`, in display order."""
    found = []
    for figure in FIGURES:
        count = getattr(row, figure.key)
        each = rule(figure.rule)
        found.append(Figure(figure.key, figure.label, figure.unit, count, each, count * each))
    return found


# ---------------------------------------------------------------- the ranking


def ranked_deputies(level: str = Level.COUNTY, *, user: Any = None) -> QuerySet[Deputy]:
    """Who is ranked: the deputies in office of one level (county deputies by default; OWN: those of the
    congress `user` works for), in the registry's scope (deputies.selectors.deputies_in_scope)."""
    return deputies_in_scope(Deputy.objects.all(), user, level=level, status=DeputyStatus.ACTIVE)


class Ranking(Sequence):
    """The deputies of a queryset by points in a year, highest first (equal points by name), with their `rank`
    (1, 2, 2, 4 …: equal points share a rank). Counting takes two queries (`figure_counts` and the deputies' pks
    by name); a page (a slice) then loads only its own deputies, each with every figure's count, `points` and
    `rank`."""

    def __init__(self, deputies: QuerySet[Deputy], year: int, *, today: datetime.date | None = None):
        self.deputies = deputies
        self.counts = figure_counts(deputies, year, today=today or clock.today())
        by_name = deputies.order_by("name_pinyin", "pk").values_list("pk", flat=True)
        each = points_each()
        points = {pk: sum(n * each[key] for key, n in counts.items()) for pk, counts in self.counts.items()}
        ordered = sorted(
            ((pk, points.get(pk, 0)) for pk in by_name), key=lambda row: -row[1]
        )  # stable: by name
        self.rows: list[tuple[int, int, int]] = []  # (pk, points, rank)
        for place, (pk, score) in enumerate(ordered, start=1):
            rank = self.rows[-1][2] if self.rows and self.rows[-1][1] == score else place
            self.rows.append((pk, score, rank))

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, int):
            return self[index : index + 1 or None][0]
        rows = self.rows[index]
        loaded = self.deputies.model.objects.select_related("township", "constituency").in_bulk(
            [pk for pk, _, _ in rows]
        )
        page = []
        for pk, score, rank in rows:
            deputy: Any = loaded[pk]  # annotated below as `counted` annotates
            for figure in FIGURES:
                setattr(deputy, figure.key, self.counts.get(pk, {}).get(figure.key, 0))
            deputy.points, deputy.rank = score, rank
            page.append(deputy)
        return page

    def __iter__(self) -> Any:
        for start in range(0, len(self.rows), 1000):
            yield from self[start : start + 1000]

    def standing(self, points: int) -> tuple[int, int]:
        """(1 + how many have more than `points`, how many are ranked)."""
        return 1 + sum(1 for _, score, _ in self.rows if score > points), len(self.rows)


def ranking(year: int, *, level: str = Level.COUNTY, user: Any = None) -> Ranking:
    """The deputies in office of `level` by points in `year` (see `Ranking`)."""
    return Ranking(ranked_deputies(level, user=user), year)


def can_read_ranking(user: Any) -> bool:
    return can(user, MANAGE) or can(user, READ_ALL)


@dataclass(frozen=True)
class Standing:
    points: int
    rank: int | None  # None: not ranked (not in office)
    ranked: int  # how many deputies of the level are ranked


def standing_of(deputy: Deputy, year: int, points: int) -> Standing:
    """The deputy's rank among the deputies in office of their level: 1 + those with more points (one query)."""
    if deputy.status != DeputyStatus.ACTIVE:
        return Standing(points, None, 0)
    rank, ranked = Ranking(ranked_deputies(deputy.level), year).standing(points)
    return Standing(points, rank, ranked)


# ---------------------------------------------------------------- who sees which record


def records_visible_to(user: Any) -> QuerySet[Deputy]:
    """Whose duty record `user` may read: the office and committee members every deputy's, a deputy their own,
    anyone else none (the public page shows the public figures of deputies in office to everyone)."""
    if user is None or not user.is_authenticated:
        return Deputy.objects.none()
    if can(user, MANAGE) or can(user, READ_ALL):
        return Deputy.objects.all()
    if can(user, OWN) and user.deputy_id:
        return Deputy.objects.filter(pk=user.deputy_id)
    return Deputy.objects.none()


def record_deputy_for(user: Any, pk: Any) -> Deputy:
    try:
        return records_visible_to(user).get(pk=pk)
    except (Deputy.DoesNotExist, ValueError, TypeError):
        raise Http404("没有找到该代表的履职档案。") from None


def entries_visible_to(user: Any) -> QuerySet[DutyEntry]:
    """The office and committee members: all; a deputy: their own; anyone else: none."""
    entries = DutyEntry.objects.all()
    if user is None or not user.is_authenticated:
        return entries.none()
    if can(user, MANAGE) or can(user, READ_ALL):
        return entries
    if can(user, OWN) and user.deputy_id:
        return entries.filter(deputy_id=user.deputy_id)
    return entries.none()


def entry_for(user: Any, pk: Any) -> DutyEntry:
    try:
        return entries_visible_to(user).select_related("deputy", "decided_by").get(pk=pk)
    except (DutyEntry.DoesNotExist, ValueError, TypeError):
        raise Http404("没有找到该履职事项。") from None


def reports_visible_to(user: Any) -> QuerySet[DutyReport]:
    """The office and committee members: all; a keeper: their station's; a deputy: those they report in."""
    reports = DutyReport.objects.all()
    if user is None or not user.is_authenticated:
        return reports.none()
    if can(user, MANAGE) or can(user, READ_ALL):
        return reports
    seen = Q(pk__in=[])
    if can(user, KEEP) and user.station_id:
        seen |= Q(station_id=user.station_id)
    if can(user, OWN) and user.deputy_id:
        seen |= Q(
            Exists(
                DutyReport.deputies.through.objects.filter(
                    dutyreport=OuterRef("pk"), deputy_id=user.deputy_id
                )
            )
        )
    return reports.filter(seen)


def report_for(user: Any, pk: Any) -> DutyReport:
    try:
        return reports_visible_to(user).select_related("station").get(pk=pk)
    except (DutyReport.DoesNotExist, ValueError, TypeError):
        raise Http404("没有找到该述职。") from None


# ---------------------------------------------------------------- a report's result


@dataclass(frozen=True)
class ReportResult:
    """满意 / 基本满意 / 不满意: the keeper's paper tallies plus the ballots cast through the QR link."""

    satisfied: int
    basically_satisfied: int
    dissatisfied: int
    ballots_issued: int
    ballots_cast: int

    @property
    def rated(self) -> int:
        return self.satisfied + self.basically_satisfied + self.dissatisfied

    @property
    def approving(self) -> int:
        """The satisfaction rate's numerator: 满意, plus 基本满意 unless the rule says otherwise."""
        basic = self.basically_satisfied if rule("duty_report_satisfaction_includes_basic") else 0
        return self.satisfied + basic

    @property
    def rate(self) -> str:
        return percent(self.approving, self.rated)


def report_result(report: DutyReport) -> ReportResult:
    """One aggregate over the report's ballots, added to its paper tallies."""
    cast = report.ballots.aggregate(
        issued=Count("pk"),
        cast=Count("pk", filter=~Q(rating="")),
        satisfied=Count("pk", filter=Q(rating=VoterRating.SATISFIED)),
        basic=Count("pk", filter=Q(rating=VoterRating.BASICALLY_SATISFIED)),
        dissatisfied=Count("pk", filter=Q(rating=VoterRating.DISSATISFIED)),
    )
    return ReportResult(
        satisfied=report.paper_satisfied + cast["satisfied"],
        basically_satisfied=report.paper_basically_satisfied + cast["basic"],
        dissatisfied=report.paper_dissatisfied + cast["dissatisfied"],
        ballots_issued=cast["issued"],
        ballots_cast=cast["cast"],
    )


def reports_with_results(reports: QuerySet[DutyReport]) -> QuerySet[DutyReport]:
    """Reports annotated with their ballots cast per rating (for lists: no query per row)."""
    ballots = Ballot.objects.filter(report=OuterRef("pk"))
    return reports.annotate(
        ballots_issued=count_of(ballots, "report"),
        cast_satisfied=count_of(ballots.filter(rating=VoterRating.SATISFIED), "report"),
        cast_basic=count_of(ballots.filter(rating=VoterRating.BASICALLY_SATISFIED), "report"),
        cast_dissatisfied=count_of(ballots.filter(rating=VoterRating.DISSATISFIED), "report"),
    )


def result_of_annotated(report: Any) -> ReportResult:
    return ReportResult(
        satisfied=report.paper_satisfied + report.cast_satisfied,
        basically_satisfied=report.paper_basically_satisfied + report.cast_basic,
        dissatisfied=report.paper_dissatisfied + report.cast_dissatisfied,
        ballots_issued=report.ballots_issued,
        ballots_cast=report.cast_satisfied + report.cast_basic + report.cast_dissatisfied,
    )


def ballot_by_token(token: str) -> Ballot | None:
    """The public rating page: an unused or used ballot by its token, or None."""
    token = (token or "").strip()
    if not token or len(token) > 32:
        return None
    return Ballot.objects.filter(token=token).select_related("report__station").first()


# ---------------------------------------------------------------- reports to voters in the term


def term_span(term: Term) -> tuple[datetime.date, datetime.date]:
    """The term's first and last day: its end date, or five years after its start."""
    end = term.end_date or add_months(term.start_date, 12 * TERM_YEARS) - datetime.timedelta(days=1)
    return term.start_date, end


def reports_in_term(term: Term) -> Coalesce:
    """The outer deputy's reports to voters that took place within `term`."""
    start, end = term_span(term)
    return count_of(
        DutyReport.deputies.through.objects.filter(
            deputy_id=OuterRef("pk"), dutyreport__state__in=REPORTED, dutyreport__date__range=(start, end)
        ),
        "deputy",
    )


def deputies_owing_reports(term: Term) -> QuerySet[Deputy]:
    """【地】 Deputies in office in `term` who reported to their voters fewer times than rule
    duty_reports_per_term asks (at least once a term by default)."""
    return (
        Deputy.objects.filter(status=DeputyStatus.ACTIVE, terms=term)
        .annotate(term_reports=reports_in_term(term))
        .filter(term_reports__lt=rule("duty_reports_per_term"))
    )


@dataclass(frozen=True)
class Owed:
    """What a deputy still owes: reception days this year (rule receptions_per_deputy_per_year of the deputies
    area) and reports to voters this term (rule duty_reports_per_term)."""

    receptions_required: int
    receptions_done: int
    receptions_scheduled: int
    reports_required: int
    reports_done: int
    term: Term | None

    @property
    def receptions_missing(self) -> int:
        return max(self.receptions_required - self.receptions_done, 0)

    @property
    def reports_missing(self) -> int:
        return max(self.reports_required - self.reports_done, 0) if self.term else 0

    @property
    def receptions_sentence(self) -> str:
        sentence = f"本年度已接待{self.receptions_done}次"
        if self.receptions_missing:
            sentence += f"，还需{self.receptions_missing}次"
            if self.receptions_scheduled:
                sentence += f"（已安排{self.receptions_scheduled}次）"
        else:
            sentence += f"，已达到每年{self.receptions_required}次的要求"
        return sentence

    @property
    def reports_sentence(self) -> str:
        if self.term is None:
            return ""
        sentence = f"本届已向选民述职{self.reports_done}次"
        if self.reports_missing:
            return sentence + f"，还需{self.reports_missing}次"
        return sentence + f"，已达到每届{self.reports_required}次的要求"


# ---------------------------------------------------------------- a deputy's year


@dataclass(frozen=True)
class DutyRecord:
    deputy: Deputy
    year: int
    figures: list[Figure]
    standing: Standing
    delegations: list = field(default_factory=list)
    led: list = field(default_factory=list)
    cosigned: list = field(default_factory=list)
    reception_days: list = field(default_factory=list)
    activities: list = field(default_factory=list)
    meetings: list = field(default_factory=list)  # standing-committee meetings attended: `present` or 列席
    opinions: list = field(default_factory=list)
    reports: list = field(default_factory=list)
    entries: list = field(default_factory=list)
    owed: Owed | None = None

    @property
    def points(self) -> int:
        return self.standing.points

    @property
    def counted(self) -> list[Figure]:
        """The figures with something to count."""
        return [figure for figure in self.figures if figure.count]

    @property
    def reception_days_done(self) -> list:
        today = clock.today()
        return [day for day in self.reception_days if day.date <= today]

    @property
    def reception_days_upcoming(self) -> list:
        today = clock.today()
        return [day for day in self.reception_days if day.date > today]


def _annotated(deputy_id: int, year: int) -> Any:
    return counted(
        Deputy.objects.filter(pk=deputy_id).select_related("township", "constituency", "station"), year
    ).get()


def standing_meetings_of(deputy: Deputy, year: int) -> QuerySet[Meeting]:
    """The closed standing-committee meetings of `year` the deputy attended as a member (`present`) or was
    invited to (列席): what the figures meetings_present and meetings_attendee count."""
    start, end = year_span(year)
    return (
        Meeting.objects.filter(kind=MeetingKind.STANDING, state=MeetingState.CLOSED, date__range=(start, end))
        .annotate(
            present=Exists(
                Attendance.objects.filter(
                    meeting=OuterRef("pk"), deputy=deputy, status=AttendanceStatus.PRESENT
                )
            ),
            invited=Exists(Attendee.objects.filter(meeting=OuterRef("pk"), deputy=deputy)),
        )
        .filter(Q(present=True) | Q(invited=True))
        .select_related("term", "office", "congress_session__term")
        .order_by("date", "pk")
    )


def duty_record(deputy: Deputy, year: int, *, entries_all: bool = True) -> DutyRecord:
    """A deputy's year: the figures and points, the rank, and what each figure counts, in a fixed number of
    queries. `entries_all`: every self-reported entry (the deputy and the office), else the approved ones."""
    row = _annotated(deputy.pk, year)
    figures = figures_of(row)
    start, end = year_span(year)
    filed = Suggestion.objects.filter(year=year).exclude(state__in=NOT_FILED)
    entries = DutyEntry.objects.filter(deputy=row, year=year)
    if not entries_all:
        entries = entries.filter(state=EntryState.APPROVED)
    return DutyRecord(
        deputy=row,
        year=year,
        figures=figures,
        standing=standing_of(row, year, row.points),
        delegations=list(row.delegations.select_related("term").order_by("-term__number", "name")),
        led=list(filed.filter(lead_deputy=row).order_by("serial", "pk")),
        cosigned=list(
            filed.filter(cosigners__deputy=row, cosigners__status=Cosigner.Status.CONFIRMED)
            .select_related("lead_deputy")
            .order_by("serial", "pk")
        ),
        reception_days=list(
            ReceptionDay.objects.filter(deputies=row, date__range=(start, end))
            .select_related("station")
            .order_by("date", "start_time", "pk")
        ),
        activities=list(
            Activity.objects.filter(
                deputies=row,
                date__range=(start, end),
                reception_day__isnull=True,
                kind__in=COUNTED_ACTIVITY_KINDS,
            )
            .select_related("station")
            .order_by("date", "pk")
        ),
        meetings=list(standing_meetings_of(row, year)),
        opinions=list(Opinion.objects.filter(deputy=row, year=year).order_by("-received_on", "-pk")),
        reports=list(
            reports_with_results(DutyReport.objects.filter(deputies=row, date__range=(start, end)))
            .select_related("station")
            .order_by("date", "pk")
        ),
        entries=list(entries.order_by("date", "pk")),
    )


def owed_by(deputy: Deputy, *, today: datetime.date | None = None) -> Owed:
    """This year's reception days and, if the deputy serves in the current term, this term's reports to voters,
    against their rules (three queries)."""
    today = today or clock.today()
    start, end = year_span(today.year)
    term = term_current()
    days = ReceptionDay.objects.filter(deputies=deputy, date__range=(start, end)).aggregate(
        done=Count("pk", filter=Q(date__lte=today)), scheduled=Count("pk", filter=Q(date__gt=today))
    )
    reports_done = 0
    if term is not None:
        found = (
            Deputy.objects.filter(pk=deputy.pk, terms=term)
            .annotate(n=reports_in_term(term))
            .values_list("n", flat=True)
            .first()
        )
        if found is None:  # not a deputy of the current term: nothing owed in it
            term = None
        else:
            reports_done = found
    return Owed(
        receptions_required=rule("receptions_per_deputy_per_year"),
        receptions_done=days["done"],
        receptions_scheduled=days["scheduled"],
        reports_required=rule("duty_reports_per_term"),
        reports_done=reports_done,
        term=term,
    )


# ---------------------------------------------------------------- the workspace of a deputy


@dataclass(frozen=True)
class Workspace:
    record: DutyRecord
    owed: Owed
    upcoming_reports: list


def workspace_for(user: Any, year: int) -> Workspace:
    """我的履职: the signed-in deputy's own year, what they still owe, their reports to come."""
    if not (can(user, OWN) and user.deputy_id):
        raise Http404("只有代表本人可以查看“我的履职”。")
    deputy = record_deputy_for(user, user.deputy_id)
    record = duty_record(deputy, year)
    return Workspace(
        record=record,
        owed=owed_by(deputy),
        upcoming_reports=list(
            DutyReport.objects.filter(deputies=deputy, state=ReportState.SCHEDULED)
            .select_related("station")
            .order_by("date", "pk")
        ),
    )


# ---------------------------------------------------------------- the public pages (代表法 Art. 58)


def public_deputies() -> QuerySet[Deputy]:
    """Deputies in office: their public page and the index. Only public fields are ever shown."""
    return Deputy.objects.filter(status=DeputyStatus.ACTIVE)


def public_index(text: str = "", township_id: Any = None) -> QuerySet[Deputy]:
    deputies = deputy_search(public_deputies(), text)
    if township_id:
        try:
            deputies = deputies.filter(township_id=int(township_id))
        except (TypeError, ValueError):
            pass
    return deputies.select_related("township", "constituency").order_by("name_pinyin", "pk")


@dataclass(frozen=True)
class PublicProfile:
    """What the public page shows: name, gender, level, township, constituency, delegations, occupation, and the
    year's duty figures (no points, no phone, no dates of birth)."""

    deputy: Deputy
    year: int
    figures: list[Figure]
    delegations: list


def public_profile(pk: Any, year: int) -> PublicProfile:
    try:
        row = counted(public_deputies().filter(pk=pk).select_related("township", "constituency"), year).get()
    except (Deputy.DoesNotExist, ValueError, TypeError):
        raise Http404("没有找到该代表。") from None
    delegations = row.delegations.select_related("term").order_by("-term__number", "name")
    return PublicProfile(
        deputy=row,
        year=year,
        figures=[figure for figure in figures_of(row) if figure.count],
        delegations=list(delegations),
    )


def congress_name() -> str:
    """The congress the record belongs to (the current term's jurisdiction), for titles of printed records."""
    term = Term.objects.filter(is_current=True).select_related("jurisdiction").order_by("-number").first()
    return term.jurisdiction.congress_name if term is not None else "人民代表大会"
