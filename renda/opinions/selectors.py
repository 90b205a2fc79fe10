"""Reads of citizens' opinions: who sees which opinion, and who sees the citizen's personal information."""

import dataclasses
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from renda.casework import selectors as casework
from renda.casework.models import AssignmentState
from renda.core.privacy import mask_phone
from renda.core.roles import can
from renda.opinions.models import Opinion, OpinionAssignment, RedirectReason
from renda.opinions.workflows import CASES, COLLECT, HANDLE, KEEP, MANAGE, READ_ALL
from renda.org.models import Township
from renda.suggestions.models import SuggestionCategory


def opinions_visible_to(user: Any) -> QuerySet[Opinion]:
    """The office and committee members: all; a keeper: their station's; a deputy: those they collected or that
    came to their station; a department: those forwarded to it (not withdrawn); anyone else: none."""
    opinions = Opinion.objects.all()
    if user is None or not user.is_authenticated:
        return opinions.none()
    if can(user, MANAGE) or can(user, READ_ALL):
        return opinions
    seen = Q(pk__in=[])
    if can(user, KEEP) and user.station_id:
        seen |= Q(station_id=user.station_id)
    if can(user, COLLECT) and user.deputy_id:
        seen |= Q(deputy_id=user.deputy_id)
        station_id = getattr(user.deputy, "station_id", None)
        if station_id:
            seen |= Q(station_id=station_id)
    if can(user, HANDLE) and user.handling_unit_id:
        forwarded = OpinionAssignment.objects.filter(
            citizen_opinion=OuterRef("pk"), unit_id=user.handling_unit_id
        ).exclude(state=AssignmentState.WITHDRAWN)
        seen |= Q(Exists(forwarded))
    return opinions.filter(seen)


def opinion_for(user: Any, pk: Any) -> Opinion:
    try:
        return (
            opinions_visible_to(user).select_related("station", "township", "category", "deputy").get(pk=pk)
        )
    except (Opinion.DoesNotExist, ValueError, TypeError):
        raise Http404("没有找到该群众意见。") from None


def sees_personal_data(user: Any, opinion: Opinion) -> bool:
    """The office, and the keepers of the opinion's station (who took it and tell the citizen)."""
    return can(user, MANAGE) or (
        can(user, KEEP) and opinion.station_id is not None and user.station_id == opinion.station_id
    )


def mask_name(name: str) -> str:
    """张** for 张三丰; blank stays blank."""
    return f"{name[:1]}{'*' * max(len(name) - 1, 1)}" if name else ""


@dataclass(frozen=True)
class Citizen:
    """The citizen's details as one user may see them: masked unless `revealed`."""

    name: str
    phone: str
    address: str
    revealed: bool
    may_reveal: bool
    erased: bool


def citizen_of(user: Any, opinion: Opinion, *, reveal: bool = False) -> Citizen:
    """Masked by default; `reveal` (an explicit request, logged by the caller) shows them to those who may."""
    may = sees_personal_data(user, opinion)
    shown = reveal and may
    return Citizen(
        name=opinion.citizen_name if shown else mask_name(opinion.citizen_name),
        phone=opinion.citizen_phone if shown else mask_phone(opinion.citizen_phone),
        address=opinion.citizen_address if shown else ("***" if opinion.citizen_address else ""),
        revealed=shown,
        may_reveal=may,
        erased=opinion.personal_data_erased_on is not None,
    )


def assignment_for_unit_user(user: Any, pk: Any) -> OpinionAssignment:
    """An opinion assignment of the user's own department that was not withdrawn, else 404."""
    return casework.unit_assignment(CASES, user, pk, "转办")


def assignments_visible_to(user: Any) -> QuerySet[OpinionAssignment]:
    """The departments' assignments of the opinions the user sees (as the detail page lists them)."""
    return OpinionAssignment.objects.filter(citizen_opinion__in=opinions_visible_to(user).values("pk"))


def redirect_reasons_visible_to(user: Any) -> QuerySet[RedirectReason]:
    """The redirect categories in use, for signed-in users."""
    if user is None or not user.is_authenticated:
        return RedirectReason.objects.none()
    return RedirectReason.objects.filter(active=True)


def townships_for_public(user: Any) -> QuerySet[Township]:
    """The townships the public form offers, to everyone (signed in or not)."""
    return Township.objects.order_by("order", "name")


def categories_for_public(user: Any) -> QuerySet[SuggestionCategory]:
    """The categories the public form offers, to everyone: those in use."""
    return SuggestionCategory.objects.filter(active=True).order_by("order", "name")


def opinion_by_code(code: str) -> Opinion | None:
    """The public status page: an opinion by its tracking code (case-insensitive), or None."""
    code = (code or "").strip().upper()
    if len(code) != 8:
        return None
    return Opinion.objects.filter(tracking_code=code).select_related("suggestion").first()


def similar_opinions(opinion: Opinion, *, limit: int = 8) -> list[Opinion]:
    """Opinions still to triage in the same township (or station) that share the heaviest terms of this one,
    most shared weight first (the similarity engine's terms, counted in the database)."""
    from django.db.models import Sum

    from renda.opinions.models import OpinionTerm, State

    terms = dict(opinion.terms.values_list("term", "weight"))
    if not terms:
        return []
    place = (
        Q(opinion__township_id=opinion.township_id)
        if opinion.township_id
        else Q(opinion__station_id=opinion.station_id)
    )
    scores = (
        OpinionTerm.objects.filter(place, term__in=list(terms), opinion__state=State.RECEIVED)
        .exclude(opinion_id=opinion.pk)
        .values("opinion_id")
        .annotate(shared=Sum("weight"))
        .order_by("-shared", "opinion_id")[:limit]
    )
    ids = [row["opinion_id"] for row in scores if row["shared"] >= 0.3]
    found = Opinion.objects.in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


@dataclass(frozen=True)
class Figures:
    """What the seeds say of a year: 接待群众X人次，收集意见建议X条，推动解决X件."""

    received: int  # people received at reception days and visits
    collected: int  # opinions of every channel
    resolved: int  # closed as resolved (回访) or answered on the spot
    forwarded: int
    satisfied: int
    rated: int

    @property
    def sentence(self) -> str:
        return f"接待群众{self.received}人次，收集意见建议{self.collected}条，推动解决{self.resolved}件"


def seeds_counts() -> dict[str, Any]:
    """The counts of the seeds' sentence, as aggregates: people received at reception days and visits,
    opinions of every channel, and those closed as resolved (回访) or answered on the spot."""
    from django.db.models import Count

    from renda.opinions.models import Channel, State

    return {
        "received": Count("pk", filter=Q(channel__in=[Channel.RECEPTION, Channel.VISIT])),
        "collected": Count("pk"),
        "resolved": Count("pk", filter=Q(state=State.CLOSED) & ~Q(resolved=False)),
    }


def figures(opinions: QuerySet[Opinion]) -> Figures:
    """One aggregate over `opinions` (already filtered by year, station or township)."""
    from django.db.models import Count

    from renda.opinions.models import Satisfaction

    row = opinions.aggregate(
        **seeds_counts(),
        # forwarded: the services give an opinion its reply deadline when, and only when, they forward it; a
        # count of that column, not a subquery per opinion (seconds over a province's million opinions)
        forwarded=Count("pk", filter=Q(reply_due__isnull=False)),
        satisfied=Count("pk", filter=Q(satisfaction__in=[Satisfaction.SATISFIED, Satisfaction.BASICALLY])),
        rated=Count("pk", filter=~Q(satisfaction="")),
    )
    return Figures(**row)


KEPT_FILTERS = frozenset(
    {"year", "state", "channel"}
)  # the list's filters the kept (state, channel) counts hold


def sees_all(user: Any) -> bool:
    return can(user, MANAGE) or can(user, READ_ALL)


def kept_figures(*, year: int | None = None, state: str = "", channel: str = "") -> Figures:
    """The sentence of every opinion (the office's list), of a year, a state and a channel or of all: a sum of the
    counts kept per (state, channel) (facts.py), not an aggregate over a province's million rows."""
    from django.db.models import Sum
    from django.db.models.functions import Coalesce

    from renda.opinions.models import OpinionFact

    rows = OpinionFact.objects.filter(grouping="state_channel")
    if year:
        rows = rows.filter(year=year)
    if state:
        rows = rows.filter(group__startswith=f"{state}|")
    if channel:
        rows = rows.filter(group__endswith=f"|{channel}")
    names = [f.name for f in dataclasses.fields(Figures)]
    return Figures(**rows.aggregate(**{name: Coalesce(Sum(name), 0) for name in names}))


def hot_topics(opinions: QuerySet[Opinion], *, year: int) -> dict[str, Any]:
    """Counts by month, township and category, and the terms rising most in the latest month with opinions
    against the three before it — every count in the database."""
    import datetime

    from django.db.models import Count
    from django.db.models.functions import TruncMonth

    from renda.opinions.models import OpinionTerm

    of_year = opinions.filter(year=year)
    if opinions.query.has_filters():  # a station's or a deputy's own: counted from their rows
        by_month = list(
            of_year.annotate(month=TruncMonth("received_on"))
            .values("month")
            .annotate(n=Count("pk"))
            .order_by("month")
        )
        by_township = list(
            of_year.values("township__name").annotate(n=Count("pk")).order_by("-n", "township__name")[:15]
        )
        by_category = list(
            of_year.values("category__name").annotate(n=Count("pk")).order_by("-n", "category__name")[:15]
        )
    else:  # every opinion (the office): from the kept counts
        by_month, by_township, by_category = _topic_counts(year)
    rising: list[dict[str, Any]] = []
    if by_month:
        latest = by_month[-1]["month"]
        latest = latest.date() if isinstance(latest, datetime.datetime) else latest
        before = (latest - datetime.timedelta(days=85)).replace(day=1)
        terms = OpinionTerm.objects.all()
        if opinions.query.has_filters():  # not every opinion: only the terms of those the user sees
            terms = terms.filter(opinion__in=opinions.values("pk"))
        now = dict(
            terms.filter(month=latest)
            .values("term")
            .annotate(n=Count("pk"))
            .order_by("-n")
            .values_list("term", "n")[:200]
        )
        earlier = dict(
            terms.filter(month__gte=before, month__lt=latest, term__in=list(now))
            .values("term")
            .annotate(n=Count("pk"))
            .values_list("term", "n")
        )
        rising = sorted(
            (
                {"term": t, "now": n, "before": round(earlier.get(t, 0) / 3, 1)}
                for t, n in now.items()
                if n >= 2
            ),
            key=lambda r: (-(r["now"] - r["before"]), r["term"]),
        )[:15]
        rising = [dict(r, month=latest) for r in rising]
    return {"by_month": by_month, "by_township": by_township, "by_category": by_category, "rising": rising}


def _topic_counts(year: int) -> tuple[list, list, list]:
    """hot_topics' counts of every opinion of `year` from the kept counts (facts.py): per month received, and
    the 15 townships and categories with most opinions (three queries: the counts, the names of each)."""
    import datetime

    from renda.opinions.models import OpinionFact

    rows = list(
        OpinionFact.objects.filter(
            year=year, grouping__in=["month", "township", "category"], collected__gt=0
        ).values_list("grouping", "group", "collected")
    )
    by_month: list[dict[str, Any]] = sorted(
        (
            {"month": datetime.date(int(group[:4]), int(group[5:]), 1), "n": n}
            for grouping, group, n in rows
            if grouping == "month"
        ),
        key=lambda row: row["month"],
    )

    def top(grouping: str, model: Any, field: str) -> list[dict[str, Any]]:
        counts = {int(group): n for g, group, n in rows if g == grouping}
        names = dict(model.objects.filter(pk__in=[k for k in counts if k]).values_list("pk", "name"))
        named: list[dict[str, Any]] = [
            {field: names.get(pk) if pk else None, "n": n} for pk, n in counts.items()
        ]
        return sorted(named, key=lambda row: (-row["n"], row[field] is None, row[field] or ""))[:15]

    return (
        by_month,
        top("township", Township, "township__name"),
        top("category", SuggestionCategory, "category__name"),
    )


@dataclass(frozen=True)
class PlaceFigures:
    """The seeds' three numbers of one township in a year (None: opinions with no township nor station)."""

    township_id: int | None
    name: str
    received: int
    collected: int
    resolved: int


@dataclass(frozen=True)
class YearBoard:
    """The citizens' opinions of a year on the standing committee's dashboard (驾驶舱)."""

    year: int
    figures: Figures
    by_state: list[tuple[str, int]]  # (label, opinions) in the workflow's order, those with none left out
    by_channel: list[tuple[str, int]]
    townships: list[PlaceFigures]  # the TOWNSHIPS_SHOWN townships with the most opinions, most first


TOWNSHIPS_SHOWN = 10


def year_board(year: int, *, from_rows: bool = False) -> YearBoard:
    """The year's figures in the seeds' words, the counts by state and by channel, and the townships with most
    opinions: from the counts kept as opinions move (facts.py: the year's rows, the stations' townships and the
    townships' names — three queries), or (`from_rows`, the reference they are tested against) counted from the
    opinions in three queries."""
    from renda.opinions.models import Channel, State

    if from_rows:
        return _year_board_from_rows(year)
    from renda.deputies.models import LiaisonStation
    from renda.opinions.models import OpinionFact

    kept = OpinionFact.objects.filter(year=year, grouping__in=["state_channel", "place"])
    rows: list[dict[str, Any]] = [
        dict(row)
        for row in kept.values(
            "grouping", "group", "collected", "received", "resolved", "forwarded", "satisfied", "rated"
        )
    ]
    states = {state: 0 for state in State.values}
    channels = {channel: 0 for channel in Channel.values}
    totals = dict.fromkeys(Figures.__dataclass_fields__, 0)
    for row in rows:
        if row["grouping"] == "state_channel":
            state, channel = row["group"].split("|")
            states[state] += row["collected"]
            channels[channel] += row["collected"]
            for name in totals:
                totals[name] += row[name]
    stations = [
        int(row["group"][1:]) for row in rows if row["grouping"] == "place" and row["group"][0] == "s"
    ]
    station_townships = dict(
        LiaisonStation.objects.filter(pk__in=stations).values_list("pk", "township_id") if stations else []
    )
    per_place: dict[int | None, dict[str, int]] = {}
    for row in rows:
        if row["grouping"] != "place":
            continue
        key = row["group"]
        township = (
            int(key[1:]) if key[0] == "t" else station_townships.get(int(key[1:])) if key[0] == "s" else None
        )
        counts = per_place.setdefault(township, {"received": 0, "collected": 0, "resolved": 0})
        for name in counts:
            counts[name] += row[name]
    names = dict(Township.objects.filter(pk__in=[k for k in per_place if k]).values_list("pk", "name"))
    places = sorted(
        (
            PlaceFigures(township, names.get(township, "未填乡镇") if township else "未填乡镇", **counts)
            for township, counts in per_place.items()
            if counts["collected"]
        ),
        key=lambda p: (-p.collected, p.name),
    )[:TOWNSHIPS_SHOWN]
    return YearBoard(
        year=year,
        figures=Figures(**totals),
        by_state=[(State(state).label, n) for state, n in states.items() if n],
        by_channel=[(Channel(channel).label, n) for channel, n in channels.items() if n],
        townships=places,
    )


def _year_board_from_rows(year: int) -> YearBoard:
    from django.db.models import Count, Value
    from django.db.models.functions import Coalesce

    from renda.opinions.models import Channel, State

    of_year = Opinion.objects.filter(year=year)
    pairs = list(of_year.values_list("state", "channel").annotate(n=Count("pk")).order_by())
    states = {state: 0 for state in State.values}
    channels = {channel: 0 for channel in Channel.values}
    for state, channel, n in pairs:
        states[state] += n
        channels[channel] += n
    seeds = seeds_counts()
    places = list(  # an opinion taken at a station without its township counts for the station's township
        of_year.annotate(
            place=Coalesce("township_id", "station__township_id"),
            place_name=Coalesce("township__name", "station__township__name", Value("未填乡镇")),
        )
        .values("place", "place_name")
        .annotate(**seeds)
        .order_by("-collected", "place_name")[:TOWNSHIPS_SHOWN]
    )
    return YearBoard(
        year=year,
        figures=figures(of_year),
        by_state=[(State(state).label, n) for state, n in states.items() if n],
        by_channel=[(Channel(channel).label, n) for channel, n in channels.items() if n],
        townships=[PlaceFigures(row.pop("place"), row.pop("place_name"), **row) for row in places],
    )
