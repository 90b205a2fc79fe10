"""The statistics reads of deputies' suggestions: totals and rates for a congress session, a year or a date
range; breakdowns by category, by the lead deputy's township and by handling unit; the unit ranking
(办理质效排名); the sentences of the office's reports; the year's dashboard. The suggestion fund's totals
(代表建议专项资金) they show are read from renda.fund (`fund_figures`).

Every figure is a COUNT or SUM in the database, in a fixed number of queries whatever the number of rows,
read from facts the services keep on each suggestion and assignment as they change (the final result, a
late answer, the lead deputy's last rating and township; on assignments the suggestion's year and lead
rating), so no query has to look through replies and evaluations, nor join suggestions to their deputies
or a year's assignments to their suggestions; on PostgreSQL covering indexes (`models.FACTS`) hold every
column the counts read.
Rates are kept as numerator and denominator (`Rate`) and formatted at the edge. The definitions, including
how re-handled and 未反馈 cases count, are in docs/workflows/suggestions-statistics.md:

- a suggestion counts once, in its final state: re-handled cases by their last answers and the lead
  deputy's last evaluation;
- reply rate = replied ÷ assigned; on-time reply rate = replied with no late answer ÷ assigned;
- resolution rate = resolved ÷ registered (立案), resolved meaning the least favourable final answer of its
  units is in a result category that counts as resolved (`ResultCategory.counts_as_resolved`);
- satisfaction rate = (满意 + 基本满意) ÷ evaluated, 未反馈 left out (rule satisfaction_includes_basic: 满意
  only when off).

Statistics are read by the office and the committee members, who see every filed suggestion."""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any, cast

from django.db.models import Count, F, Max, Q, QuerySet, Value
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from renda.casework.models import OPEN_STATES, AssignmentState
from renda.core.formats import cn_date, percent
from renda.core.roles import can
from renda.core.rules import rule
from renda.org.models import CongressSession, HandlingUnit, Township
from renda.suggestions.facts import (
    ANSWERING,
    ASSIGNED,
    IN_HANDLING,
    RATINGS,
    REGISTERED,
    REPLIED,
    session_scope,
    year_scope,
)
from renda.suggestions.models import (
    Assignment,
    AssignmentFact,
    ResultCategory,
    State,
    Suggestion,
    SuggestionCategory,
    SuggestionFact,
)

if TYPE_CHECKING:
    from renda.fund.selectors import FundFigures

OPEN_ASSIGNMENT = list(OPEN_STATES)
# The unit ranking's score: (rate, the rule giving its weight, label).
SCORE_WEIGHTS = [
    ("reply_rate", "ranking_weight_reply", "答复率"),
    ("on_time_rate", "ranking_weight_on_time", "按期答复率"),
    ("resolution_rate", "ranking_weight_resolved", "解决率"),
    ("satisfaction_rate", "ranking_weight_satisfied", "满意率"),
]


def can_read_statistics(user) -> bool:
    return can(user, "suggestions.read_all")


# ---------------------------------------------------------------- formatting (Chinese reports)


def _plain(value: Decimal) -> str:
    """A decimal without trailing zeros: 628, 5.87, 82.6."""
    return f"{value.normalize():f}"


def cn_amount(value, unit: str) -> str:
    """628万元, 5.87万人次 from ten thousand up (two decimals at most); 8000元, 870人次 below."""
    value = Decimal(value or 0)
    if abs(value) >= 10000:
        return f"{_plain((value / 10000).quantize(Decimal('0.01'), ROUND_HALF_UP))}万{unit}"
    return f"{_plain(value.quantize(Decimal('0.01'), ROUND_HALF_UP))}{unit}"


@dataclass(frozen=True)
class Rate:
    numerator: int
    denominator: int

    def __str__(self) -> str:
        return percent(self.numerator, self.denominator)


# ---------------------------------------------------------------- scope


@dataclass(frozen=True)
class Scope:
    """Which suggestions are counted: those of one congress session, of a year (`Suggestion.year`), or those
    submitted within a date range (both days included)."""

    label: str
    session: CongressSession | None = None
    year: int | None = None
    start: datetime.date | None = None
    end: datetime.date | None = None

    @classmethod
    def of_session(cls, session: CongressSession) -> "Scope":
        return cls(label=session.short_name, session=session)

    @classmethod
    def of_year(cls, year: int) -> "Scope":
        return cls(label=f"{year}年", year=year)

    @classmethod
    def of_range(cls, start: datetime.date, end: datetime.date) -> "Scope":
        return cls(label=f"{cn_date(start)}至{cn_date(end)}", start=start, end=end)

    def q(self, prefix: str = "") -> Q:
        """The filter on suggestions; `prefix` reaches them from a related model (e.g. "suggestion__")."""
        if self.session is not None:
            return Q(**{f"{prefix}congress_session": self.session})
        if self.year is not None:
            return Q(**{f"{prefix}year": self.year})
        start, end = self._range()
        zone = timezone.get_current_timezone()
        begin = datetime.datetime.combine(start, datetime.time(), zone)
        stop = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time(), zone)
        return Q(**{f"{prefix}submitted_at__gte": begin, f"{prefix}submitted_at__lt": stop})

    @property
    def facts(self) -> str | None:
        """The scope's key in the kept facts (facts.py): a year's or a session's; None for a date range."""
        if self.session is not None:
            return session_scope(self.session.pk)
        if self.year is not None:
            return year_scope(self.year)
        return None

    def assignments_q(self) -> Q:
        """The filter on assignments: a year by the year each keeps, other scopes through the suggestion."""
        return Q(year=self.year) if self.year is not None else self.q("suggestion__")

    @property
    def years(self) -> tuple[int, int]:
        """The first and last budget year the scope covers (for the suggestion fund)."""
        if self.session is not None:
            return self.session.start_date.year, self.session.start_date.year
        if self.year is not None:
            return self.year, self.year
        start, end = self._range()
        return start.year, end.year

    def _range(self) -> tuple[datetime.date, datetime.date]:
        if self.start is None or self.end is None:
            raise ValueError("A scope is a session, a year or a date range.")
        return self.start, self.end


# ---------------------------------------------------------------- suggestions (件)


@dataclass(frozen=True)
class Figures:
    """Suggestions of a scope, or of one group of it (a category, a township)."""

    submitted: int  # filed: every state but draft, motions included
    registered: int  # 立案 (merged-away and refused cases are not)
    rejected: int
    merged: int
    assigned: int
    replied: int  # answered at least once
    replied_on_time: int  # answered, and no answer of any round was late
    overdue: int  # in handling past its reply due date
    resolved: int
    satisfied: int  # the lead deputy's last evaluation
    basically_satisfied: int
    dissatisfied: int
    no_feedback: int
    label: str = ""

    @property
    def evaluated(self) -> int:
        return self.satisfied + self.basically_satisfied + self.dissatisfied

    @property
    def reply_rate(self) -> Rate:
        return Rate(self.replied, self.assigned)

    @property
    def on_time_rate(self) -> Rate:
        return Rate(self.replied_on_time, self.assigned)

    @property
    def resolution_rate(self) -> Rate:
        return Rate(self.resolved, self.registered)

    @property
    def satisfaction_rate(self) -> Rate:
        return Rate(_content(self.satisfied, self.basically_satisfied), self.evaluated)


def _cases(condition: Q | None = None) -> Count:
    """COUNT(1) FILTER (WHERE condition): counts rows without reading a column (`Count("*")` takes no filter),
    so a year's counts can come from a covering index alone."""
    return Count(Value(1), filter=condition)


def _content(satisfied: int, basically_satisfied: int) -> int:
    return satisfied + (basically_satisfied if rule("satisfaction_includes_basic") else 0)


FIGURE_FIELDS = [name for name in Figures.__dataclass_fields__ if name != "label"]


def result_categories() -> list[ResultCategory]:
    """Every result category (one query), those no longer in use included: old answers keep theirs."""
    return list(ResultCategory.objects.order_by("order", "code"))


def _resolved_ids(categories: list[ResultCategory]) -> list[int]:
    return [category.pk for category in categories if category.counts_as_resolved]


def _scoped(scope: Scope) -> QuerySet[Suggestion]:
    """The scope's filed suggestions (drafts are not filed)."""
    return Suggestion.objects.filter(scope.q()).exclude(state=State.DRAFT)


def _suggestion_counts(categories: list[ResultCategory], today: datetime.date) -> dict:
    """The counts of `Figures`, from the facts the services keep on each suggestion (`result_category`: the
    least favourable final answer; `answered_late`; `lead_rating`: the lead deputy's last evaluation)."""
    replied = Q(state__in=REPLIED)
    return {
        "submitted": _cases(),
        "registered": _cases(Q(state__in=REGISTERED)),
        "rejected": _cases(Q(state=State.REJECTED)),
        "merged": _cases(Q(state=State.MERGED)),
        "assigned": _cases(Q(state__in=ASSIGNED)),
        "replied": _cases(replied),
        "replied_on_time": _cases(replied & Q(answered_late=False)),
        "overdue": _cases(Q(state__in=IN_HANDLING, reply_due__lt=today)),
        "resolved": _cases(replied & Q(result_category__in=_resolved_ids(categories))),
        **{name: _cases(Q(lead_rating=value)) for name, value in RATINGS.items()},
    }


def suggestion_figures(
    scope: Scope,
    categories: list[ResultCategory] | None = None,
    today: datetime.date | None = None,
    *,
    from_rows: bool = False,
) -> Figures:
    """The scope's totals: from the kept facts and the overdue cases' rows for a year or a session (two
    queries), from the rows for a date range (one); and one for the result categories when not given."""
    categories = result_categories() if categories is None else categories
    today = today or timezone.localdate()
    if scope.facts is not None:
        rows = list(
            SuggestionFact.objects.filter(scope=scope.facts, grouping="category").values(*FACT_COLUMNS)
        )
        overdue = _overdue(scope, today).count()
        return _from_facts(scope.label, rows, categories, overdue)
    counts = _scoped(scope).aggregate(**_suggestion_counts(categories, today))
    return Figures(label=scope.label, **counts)


FACT_MEASURES = [
    "submitted",
    "registered",
    "rejected",
    "merged",
    "assigned",
    "replied",
    "replied_on_time",
    *RATINGS,
]
FACT_COLUMNS = ["grouping", "group", "result", *FACT_MEASURES]


def _overdue(scope: Scope, today: datetime.date) -> QuerySet[Suggestion]:
    """The scope's suggestions in handling past their reply due date (what depends on today is not kept)."""
    return _scoped(scope).filter(state__in=IN_HANDLING, reply_due__lt=today)


def _from_facts(label: str, rows: list[dict], categories: list[ResultCategory], overdue: int) -> Figures:
    """Figures adding up fact rows (one grouping's, or one group's)."""
    resolved = set(_resolved_ids(categories))
    return Figures(
        label=label,
        overdue=overdue,
        resolved=sum(row["replied"] for row in rows if row["result"] in resolved),
        **{name: sum(row[name] for row in rows) for name in FACT_MEASURES},
    )


def _breakdown_from_facts(
    scope: Scope, categories: list[ResultCategory], today: datetime.date
) -> tuple[Figures, list[Figures], list[Figures]]:
    """suggestion_breakdown from the kept facts: the scope's fact rows, its overdue cases per category and
    township, the categories' tree and the townships' names (four queries)."""
    rows = list(SuggestionFact.objects.filter(scope=scope.facts).values(*FACT_COLUMNS))
    late = list(
        _overdue(scope, today).values("category_id", "township_id").annotate(n=Count("pk")).order_by()
    )
    tree: dict[int, Any] = {
        c["id"]: c for c in SuggestionCategory.objects.values("id", "parent_id", "name", "order")
    }

    def top(category_id: int | None) -> dict | None:
        category = tree.get(category_id or 0)
        return tree.get(category["parent_id"]) or category if category else None

    by_category: dict[int | None, list[dict]] = {}
    by_township: dict[int | None, list[dict]] = {}
    for row in rows:
        if row["grouping"] == "category":
            node = top(row["group"])
            by_category.setdefault(node["id"] if node else None, []).append(row)
        elif row["grouping"] == "township":
            by_township.setdefault(row["group"] or None, []).append(row)
    late_by_category: dict[int | None, int] = {}
    late_by_township: dict[int | None, int] = {}
    for row in late:
        node = top(row["category_id"])
        key = node["id"] if node else None
        late_by_category[key] = late_by_category.get(key, 0) + row["n"]
        late_by_township[row["township_id"]] = late_by_township.get(row["township_id"], 0) + row["n"]
    places = {
        t["id"]: t
        for t in Township.objects.filter(pk__in=[k for k in by_township if k]).values("id", "name", "order")
    }

    def ordered(groups: dict, late: dict, names: dict, missing: str) -> list[Figures]:
        figures = [
            (
                key is None,
                (names[key]["order"] or 0) if key is not None else 0,
                names[key]["name"] if key is not None else missing,
                _from_facts(
                    names[key]["name"] if key is not None else missing, grouped, categories, late.get(key, 0)
                ),
            )
            for key, grouped in groups.items()
        ]
        return [f for *_, f in sorted(figures, key=lambda item: item[:3]) if f.submitted]

    return (
        _from_facts(
            scope.label,
            rows=[r for r in rows if r["grouping"] == "category"],
            categories=categories,
            overdue=sum(row["n"] for row in late),
        ),
        ordered(by_category, late_by_category, tree, "未分类"),
        ordered(by_township, late_by_township, places, "未填写乡镇"),
    )


# Group keys, and each group's label and position (taken as MAX within the group, so that the database groups
# by the integer keys alone and can hash them).
CATEGORY_GROUP = {"category_key": Coalesce("category__parent_id", "category_id")}
CATEGORY_LABELS = {
    "category_label": Max(Coalesce("category__parent__name", "category__name")),
    "category_position": Max(Coalesce("category__parent__order", "category__order")),
}
TOWNSHIP_GROUP = {"township_key": F("township_id")}  # the lead deputy's township when filed
TOWNSHIP_LABELS = {"township_label": Max("township__name"), "township_position": Max("township__order")}


def _subtotals(
    scope: Scope, categories: list[ResultCategory], today: datetime.date | None, groups: dict, labels: dict
) -> list:
    """The counts per combination of the `groups` keys, with the groups' `labels` (one GROUP BY query)."""
    counts = _suggestion_counts(categories, today or timezone.localdate())
    return list(_scoped(scope).values(**groups).annotate(**labels, **counts).order_by())


def _add(label: str, rows: list[dict]) -> Figures:
    """Figures adding up subtotals the database counted."""
    return Figures(label=label, **{name: sum(row[name] for row in rows) for name in FIGURE_FIELDS})


def _by(rows: list, prefix: str, missing: str) -> list[Figures]:
    """The subtotals summed per group `prefix` (category or township), ordered as the groups are configured;
    the group without a value (no category, no township) last, labelled `missing`."""
    groups: dict = {}
    for row in rows:
        groups.setdefault(row[f"{prefix}_key"], []).append(row)
    ordered = sorted(
        groups.values(),
        key=lambda g: (
            g[0][f"{prefix}_key"] is None,
            g[0][f"{prefix}_position"] or 0,
            g[0][f"{prefix}_label"],
        ),
    )
    return [_add(g[0][f"{prefix}_label"] or missing, g) for g in ordered]


def suggestion_breakdown(
    scope: Scope,
    categories: list[ResultCategory],
    today: datetime.date | None = None,
    *,
    from_rows: bool = False,
) -> tuple[Figures, list[Figures], list[Figures]]:
    """The totals, per top-level category (a sub-category counts under its parent) and per township of the
    lead deputy: from the kept facts for a year or a session (_breakdown_from_facts), else two queries, one
    counting per category (the totals add them up), one per township. `from_rows`: count the rows even
    where facts are kept (the reference the kept facts are tested against)."""
    if scope.facts is not None and not from_rows:
        return _breakdown_from_facts(scope, categories, today or timezone.localdate())
    by_category = _subtotals(scope, categories, today, CATEGORY_GROUP, CATEGORY_LABELS)
    by_township = _subtotals(scope, categories, today, TOWNSHIP_GROUP, TOWNSHIP_LABELS)
    return (
        _add(scope.label, by_category),
        _by(by_category, "category", "未分类"),
        _by(by_township, "township", "未填写乡镇"),
    )


def figures_by_category(scope: Scope, today: datetime.date | None = None) -> list[Figures]:
    return suggestion_breakdown(scope, result_categories(), today)[1]


def figures_by_township(scope: Scope, today: datetime.date | None = None) -> list[Figures]:
    return suggestion_breakdown(scope, result_categories(), today)[2]


# ---------------------------------------------------------------- handling units


@dataclass
class UnitFigures:
    """A handling unit's cases in a scope. Counts are of its assignments as lead or split unit (those that
    answer); joint and assisting assignments are counted apart (`supporting`)."""

    unit_id: int | None
    name: str
    assigned: int
    supporting: int
    replied: int
    replied_on_time: int
    overdue: int  # open past its due date
    resolved: int
    satisfied: int
    basically_satisfied: int
    dissatisfied: int
    no_feedback: int
    by_category: list[tuple[ResultCategory, int]] = field(default_factory=list)  # by its final answer
    score: Decimal | None = None
    rank: int | None = None

    @property
    def evaluated(self) -> int:
        return self.satisfied + self.basically_satisfied + self.dissatisfied

    @property
    def reply_rate(self) -> Rate:
        return Rate(self.replied, self.assigned)

    @property
    def on_time_rate(self) -> Rate:
        return Rate(self.replied_on_time, self.assigned)

    @property
    def resolution_rate(self) -> Rate:
        return Rate(self.resolved, self.assigned)

    @property
    def satisfaction_rate(self) -> Rate:
        return Rate(_content(self.satisfied, self.basically_satisfied), self.evaluated)


UNIT_FIELDS = [
    "assigned",
    "supporting",
    "replied",
    "replied_on_time",
    "overdue",
    "resolved",
    *RATINGS,
]


def _unit_counts(categories: list[ResultCategory], today: datetime.date) -> dict:
    """The counts of `UnitFigures`, from the facts the services keep on each assignment (`result_category`:
    its final answer's; `answered_late`; `lead_rating`: its suggestion's). An answering assignment is open
    only while its suggestion is in handling (the suggestion is answered when none is left open, and
    re-handling reopens them), so an open one past its due date is overdue without looking at the suggestion."""
    answering = Q(role__in=ANSWERING)
    replied = answering & Q(result_category__isnull=False)
    return {
        "assigned": _cases(answering),
        "supporting": _cases(~answering),
        "replied": _cases(replied),
        "replied_on_time": _cases(replied & Q(answered_late=False)),
        "overdue": _cases(answering & Q(state__in=OPEN_ASSIGNMENT, due__lt=today)),
        "resolved": _cases(replied & Q(result_category__in=_resolved_ids(categories))),
        **{name: _cases(answering & Q(lead_rating=value)) for name, value in RATINGS.items()},
        **{f"category_{c.pk}": _cases(answering & Q(result_category=c.pk)) for c in categories},
    }


def unit_figures(
    scope: Scope,
    categories: list[ResultCategory],
    today: datetime.date | None = None,
    *,
    from_rows: bool = False,
) -> list[UnitFigures]:
    """Per handling unit, by name: for a year from the kept facts, the open assignments past due and the
    units' names (three queries); else (or `from_rows`) one query over the scope's assignments that stand (not
    withdrawn)."""
    today = today or timezone.localdate()
    if scope.year is not None and not from_rows:
        return _units_from_facts(scope.year, categories, today)
    rows = (
        Assignment.objects.filter(scope.assignments_q())
        .exclude(state=AssignmentState.WITHDRAWN)
        .values("unit_id")
        .annotate(
            name=Max("unit__name"),
            position=Max("unit__order"),
            **_unit_counts(categories, today),
        )
        .order_by("position", "name")
    )
    return [
        UnitFigures(
            unit_id=row["unit_id"],
            name=row["name"],
            **{n: row[n] for n in UNIT_FIELDS},
            by_category=[(c, row[f"category_{c.pk}"]) for c in categories],
        )
        for row in rows
    ]


UNIT_MEASURES = ["assigned", "supporting", "replied", "replied_on_time", *RATINGS]


def _units_from_facts(year: int, categories: list[ResultCategory], today: datetime.date) -> list[UnitFigures]:
    rows = list(AssignmentFact.objects.filter(year=year).values("unit", "result", *UNIT_MEASURES))
    late = dict(
        Assignment.objects.filter(year=year, role__in=ANSWERING, state__in=OPEN_ASSIGNMENT, due__lt=today)
        .values_list("unit_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    per_unit: dict[int, list[dict]] = {}
    for row in rows:
        per_unit.setdefault(row["unit"], []).append(row)
    names = {u["id"]: u for u in HandlingUnit.objects.filter(pk__in=per_unit).values("id", "name", "order")}
    resolved = set(_resolved_ids(categories))
    units = []
    for unit_id, grouped in per_unit.items():
        counts = {name: sum(row[name] for row in grouped) for name in UNIT_MEASURES}
        if not (counts["assigned"] or counts["supporting"]):
            continue
        units.append(
            UnitFigures(
                unit_id=unit_id,
                name=names[unit_id]["name"],
                overdue=late.get(unit_id, 0),
                resolved=sum(row["replied"] for row in grouped if row["result"] in resolved),
                **counts,
                by_category=[
                    (c, sum(r["assigned"] for r in grouped if r["result"] == c.pk)) for c in categories
                ],
            )
        )
    return sorted(units, key=lambda u: (names[cast(int, u.unit_id)]["order"], u.name))


def unit_totals(units: list[UnitFigures], categories: list[ResultCategory]) -> UnitFigures:
    """The units' table's total line, adding up the units' counts: assignments, so a split case counts once
    per unit."""
    return UnitFigures(
        unit_id=None,
        name="合计",
        **{n: sum(getattr(u, n) for u in units) for n in UNIT_FIELDS},
        by_category=[(c, sum(u.by_category[i][1] for u in units)) for i, c in enumerate(categories)],
    )


def ranking_score(unit: UnitFigures, overall: UnitFigures | None = None) -> Decimal | None:
    """办理质效得分 (0–100, one decimal): the weighted mean of the reply, on-time reply, resolution and
    satisfaction rates, weights from the ranking_weight_* rules; a rate with nothing to divide (no case
    evaluated yet, say) is left out with its weight. None when the unit has no rate at all.

    Given `overall` (every ranked unit's counts added up), each rate is shrunk toward the overall rate as if
    the unit also had `ranking_prior_cases` cases at that rate: (numerator + m × overall rate) ÷ (denominator +
    m). One case answered well then weighs as one case, not as 100 points: a unit with few cases stays near
    the average until its own cases show otherwise."""
    prior = rule("ranking_prior_cases") if overall is not None else 0
    weighted: list[tuple[int, Rate, Rate]] = [
        (rule(name), getattr(unit, rate), getattr(overall or unit, rate)) for rate, name, _ in SCORE_WEIGHTS
    ]
    usable = [(weight, rate, mean) for weight, rate, mean in weighted if weight and rate.denominator]
    total = sum(weight for weight, _, _ in usable)
    if not total:
        return None
    value = Decimal(0)
    for weight, rate, mean in usable:
        shrink = prior if mean.denominator else 0
        expected = Decimal(mean.numerator) / mean.denominator if shrink else Decimal(0)
        value += Decimal(weight) * (rate.numerator + shrink * expected) / (rate.denominator + shrink)
    return (value * 100 / total).quantize(Decimal("0.1"), ROUND_HALF_UP)


def unit_ranking(
    scope: Scope,
    categories: list[ResultCategory] | None = None,
    today: datetime.date | None = None,
    *,
    from_rows: bool = False,
) -> list[UnitFigures]:
    """办理质效排名: units with cases to answer, best score first (then more cases, then name); equal scores
    share a rank. Scores are shrunk toward the scope's overall rates (see ranking_score), so a unit's few
    cases do not outrank another's many."""
    categories = result_categories() if categories is None else categories
    units = unit_figures(scope, categories, today, from_rows=from_rows)
    overall = unit_totals(units, categories)
    for unit in units:
        unit.score = ranking_score(unit, overall)
    ranked = sorted(
        (unit for unit in units if unit.score is not None),
        key=lambda u: (-(u.score or 0), -u.assigned, u.name),
    )
    for position, unit in enumerate(ranked, start=1):
        previous = ranked[position - 2] if position > 1 else None
        unit.rank = previous.rank if previous and previous.score == unit.score else position
    return ranked


# ---------------------------------------------------------------- the suggestion fund's figures


def fund_figures(first_year: int, last_year: int) -> "FundFigures":
    """The suggestion fund's totals of the budget years given (代表建议专项资金), which the report and the
    dashboard show: read through the fund app's selectors. renda.fund builds on this app, so it is imported
    here on use, never at the top of a module of this app."""
    from renda.fund.selectors import fund_figures as figures_of_years

    return figures_of_years(first_year, last_year)


# ---------------------------------------------------------------- the report: statistics of a scope


@dataclass
class Statistics:
    scope: Scope
    figures: Figures
    by_category: list[Figures]
    by_township: list[Figures]
    units: list[UnitFigures]
    unit_total: UnitFigures
    categories: list[ResultCategory]
    fund: "FundFigures"

    @property
    def sentence(self) -> str:
        """十八届二次会议提出的92件代表建议，已经解决或基本解决的有76件，占82.6%，办理答复率达到100%，
        办理满意率达到98% — the resolved phrase is the label of the categories counting as resolved."""
        return report_sentence(self.scope, self.figures, self.categories)


def report_sentence(scope: Scope, figures: Figures, categories: list[ResultCategory]) -> str:
    resolved = "或".join(c.label for c in categories if c.counts_as_resolved) or "已解决"
    return (
        f"{scope.label}提出的{figures.registered}件代表建议，{resolved}的有{figures.resolved}件，"
        f"占{figures.resolution_rate}，办理答复率达到{figures.reply_rate}，"
        f"办理满意率达到{figures.satisfaction_rate}"
    )


def suggestion_statistics(scope: Scope, today: datetime.date | None = None) -> Statistics:
    """Everything the statistics page and API show, in at most ten queries (a year: ten, a session: eight, a date range: six)."""
    today = today or timezone.localdate()
    categories = result_categories()
    figures, by_category, by_township = suggestion_breakdown(scope, categories, today)
    units = unit_figures(scope, categories, today)
    return Statistics(
        scope=scope,
        figures=figures,
        by_category=by_category,
        by_township=by_township,
        units=units,
        unit_total=unit_totals(units, categories),
        categories=categories,
        fund=fund_figures(*scope.years),
    )


# ---------------------------------------------------------------- dashboard (驾驶舱)


@dataclass
class Dashboard:
    year: int
    figures: Figures
    by_category: list[Figures]
    overdue_units: list[UnitFigures]  # units with open cases past due, most first
    units: list[UnitFigures]
    months: list[tuple[int, int, int]]  # (month, submitted in it, closed in it)
    fund: "FundFigures"


def dashboard(year: int, today: datetime.date | None = None, *, from_rows: bool = False) -> Dashboard:
    """The year's suggestions at a glance for the office and the chairpersons: the breakdown, the ranking and
    the months (submitted in, closed in) from the kept facts, or counted from the rows (`from_rows`: the cases
    per (month submitted, month closed))."""
    today = today or timezone.localdate()
    scope = Scope.of_year(year)
    categories = result_categories()
    figures, by_category, _ = suggestion_breakdown(scope, categories, today, from_rows=from_rows)
    units = unit_ranking(scope, categories, today, from_rows=from_rows)
    if from_rows:
        months = list(
            _scoped(scope)
            .values(submitted_month=TruncMonth("submitted_at"), closed_month=TruncMonth("closed_at"))
            .annotate(cases=_cases())
            .order_by()
        )
        counted: dict[tuple[str, int], int] = {}
        for key in ("submitted_month", "closed_month"):
            for row in months:
                if row[key]:
                    at = (key, row[key].year * 100 + row[key].month)
                    counted[at] = counted.get(at, 0) + row["cases"]
        counts = counted
    else:
        counts = {
            (grouping, group): n
            for grouping, group, n in SuggestionFact.objects.filter(
                scope=scope.facts, grouping__in=["submitted_month", "closed_month"]
            ).values_list("grouping", "group", "submitted")
        }
    return Dashboard(
        year=year,
        figures=figures,
        by_category=by_category,
        overdue_units=sorted((u for u in units if u.overdue), key=lambda u: (-u.overdue, u.name)),
        units=units,
        months=[
            (
                month,
                counts.get(("submitted_month", year * 100 + month), 0),
                counts.get(("closed_month", year * 100 + month), 0),
            )
            for month in range(1, 13)
        ],
        fund=fund_figures(year, year),
    )
