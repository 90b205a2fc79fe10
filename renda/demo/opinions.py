"""Citizens' opinions of the demo county (renda.opinions): a year before `today`, played through the services.

Unlike the rest of the demo, which writes rows in bulk, every opinion here is created and moved only by the
real services — renda.opinions.services for intake, triage, telling the citizen and 回访, renda.casework.services
for the departments' steps — each call inside `with clock.at(moment):`. So every deadline (forward_due, the
departments' due dates, reassignment windows), every timeline event, the hot-topic term index, the on-time flag
of an answer and the reminders' keys come from the services. Each opinion follows a story planned from
`random.Random(seed)`: taken at a reception day (the demo's ReceptionDay rows of township stations and the
industry station, with a deputy who sat that day), on a deputy's visit, sent in online or imported by the office
from the weekly 12345 hotline sheet; then answered on the spot, redirected (arbitration, court, administrative
review), merged with the same matter raised by a neighbour, raised into a deputy's suggestion, or forwarded to the
departments of its topic (roads → 县交通运输局 or the township, water → 县水务局, …), answered, told, followed up
(回访), handled again once and taken up by the office when still unresolved. A story stops at the first step that
falls on or after `today`, so the last weeks' opinions wait in every state; the demo accounts' waiting work is
planned relative to `today` (see `_Generator.pinned`). About nine in ten answered opinions end resolved and about
95% of the citizens asked are satisfied or basically satisfied, as the seeds report. Finally the opinions' daily
tick sends today's reminders.

One row is written directly, and two setup steps are not demo history:
- tracking codes: the model draws each from `secrets`, so the same seed would give other codes, and the drafts
  raised from opinions (their content quotes the code) and the merge notes would differ between runs. Right after
  each intake, before anything quotes it, the demo replaces the code with one drawn from the seed (same
  alphabet and length, unique). A deployment's own opinions keep codes from `secrets`; the demo's codes are
  predictable from its seed, which is harmless for fictional citizens.
- accounts: a keeper for each township station and the industry station, and an officer for each department
  that gets opinions, where the demo has none (the services check that the actor keeps the station or works for
  the unit). They are created like the demo accounts in services.build_users (create_user, then their role's
  group, as accounts.services gives it, the groups' permissions synced once), without a usable password: they act in the history, nobody signs in with them.
- messages: the services' messages are stamped with the real time (Notification.created_at), not the clock's.
  Once the history is played, each message about an opinion that no longer waits for its recipient is marked
  read with core.services.notifications_mark_read, so the inboxes hold what is still to do.
Also stamped with the real time, and so not the history's: the created_at of opinions, assignments, contacts and
replies (auto_now_add). Nothing reads them but the online form's per-hour limit, which the demo's online opinions
(without an address hash) do not touch.

Not generated: opinions at village rooms (rooms have no keeper accounts), photos, reveals of personal data.
Citizens' names are drawn from the demo's name lists and their phones are 1380000xxxx: fictional, and masked
on the pages like any citizen's. At the province scale used by bench/ nothing is generated (skipped).
"""

import bisect
import datetime
import math
import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import Group
from django.db.models import Max
from django.utils import timezone

from renda.accounts.models import User
from renda.accounts.services import role_groups_sync_once
from renda.casework import services as casework
from renda.casework.models import ANSWERING_ROLES, OPEN_STATES, AssignmentRole, AssignmentState
from renda.core import clock
from renda.core.calendar import is_workday
from renda.core.models import Notification
from renda.core.roles import Role
from renda.core.services import notifications_mark_read
from renda.demo import vocab
from renda.demo.opinion_topics import (
    CLOSINGS,
    CONTACTS,
    ESCALATED_CLOSES,
    FINISH,
    JOINT_OPINIONS,
    OPENINGS,
    REASSIGN_REASONS,
    SECOND_REPLIES,
    TOPICS,
    TOWNSHIP,
    UNITS,
    WISHES,
    Matter,
    Topic,
)
from renda.deputies.choices import DeputyStatus, Level, StationKind
from renda.deputies.models import Deputy, LiaisonStation, ReceptionDay
from renda.opinions import services
from renda.opinions.models import (
    CODE_ALPHABET,
    DEFAULT_REDIRECT_REASONS,
    Channel,
    InformMethod,
    Opinion,
    OpinionAssignment,
    OpinionContact,
    OpinionEvent,
    OpinionReply,
    OpinionTerm,
    RedirectReason,
    Satisfaction,
    State,
)
from renda.org.models import HandlingUnit, Township
from renda.suggestions.models import Suggestion, SuggestionCategory, SuggestionEvent, SuggestionTerm

# A year at county scale: opinions per reception day and unit of township weight, then the other channels.
RECEPTION_RATE = 0.3
VISITS, ONLINE, HOTLINE = 40, 40, 30
SPOT_SHARE = 0.45  # of the opinions whose topic can be answered on the spot
TWIN_SHARE = 0.03  # forwarded opinions whose matter a neighbour raises again within days (merged)
LATE_TRIAGE, LATE_REPLY, COMPLEX, REASSIGN = 0.08, 0.08, 0.15, 0.03
FIRST_UNRESOLVED, SECOND_RESOLVED = (
    0.14,
    0.3,
)  # 回访: not resolved the first time; resolved when handled again
BY_CITIZEN = 0.3  # online and hotline citizens who answer the 回访 on the status page themselves
PHONE_PREFIX = "1380000"  # fictional numbers


class _Cut(Exception):
    """The step falls on or after today (or the demo keeps it waiting): the story stops here."""


@dataclass(eq=False)
class Story:
    """The plan of one opinion. Dates left empty are drawn while it is played; `stops` names steps that have
    not happened by today (the work the demo accounts find waiting)."""

    rng: random.Random
    topic: Topic
    matter: Matter
    channel: str
    township: Township
    village: str
    received: datetime.datetime
    station: LiaisonStation | None = None
    reception_day: ReceptionDay | None = None
    deputy: Deputy | None = None
    by_deputy: bool = False  # the demo deputy records it themself
    imported: datetime.datetime | None = None  # a hotline sheet's import
    fate: str = "forward"  # spot, redirect, raise, merged (a twin), forward
    twins: list["Story"] = field(default_factory=list)
    stops: frozenset[str] = frozenset()
    reason: str = ""  # a redirect's RedirectReason label
    triage_on: datetime.date | None = None
    reply_on: datetime.date | None = None
    inform_on: datetime.date | None = None
    feedback_on: datetime.date | None = None
    rounds: tuple[bool, ...] = (True,)  # resolved at each 回访
    lead: HandlingUnit | None = None
    joint: HandlingUnit | None = None
    complex: bool | None = None
    reassign: str = ""  # approve, refuse, or pending (the office has not decided)
    opinion: Opinion | None = None

    @property
    def intake(self) -> datetime.datetime:
        return self.imported or self.received


def demo_opinions(*, scale, seed: int, today: datetime.date) -> dict[str, int]:
    """Seed the citizens' opinions of the county `demo_seed` has built; returns the rows per kind."""
    from renda.demo.services import SCALES  # that module calls this one

    if scale != SCALES["county"]:  # the stories name the county's townships and departments
        return {}
    return _Generator(seed, today).run()


def _aware(day: datetime.date, minute: int) -> datetime.datetime:
    return datetime.datetime.combine(
        day, datetime.time(minute // 60, minute % 60), tzinfo=timezone.get_default_timezone()
    )


def _poisson(rng: random.Random, mean: float) -> int:
    limit, count, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


def _deck(rng: random.Random, total: int, shares: dict[Any, float]) -> list[Any]:
    """`total` values in the given shares, shuffled: the demo's rates hold for any seed."""
    cards = [value for value, share in shares.items() for _ in range(round(total * share))]
    first = next(iter(shares))
    cards = (cards + [first] * total)[:total]
    rng.shuffle(cards)
    return cards


class _Generator:
    def __init__(self, seed: int, today: datetime.date):
        self.rng = random.Random(seed)
        self.today = today
        self.cut = _aware(today, 0)
        self.first = today - datetime.timedelta(days=365)
        self.keepers: dict[int, User] = {}
        self.officers: dict[int, User] = {}
        self.signers: dict[int, str] = {}
        self.created_users = 0
        self.codes = random.Random(seed)
        self.used_codes = set(Opinion.objects.values_list("tracking_code", flat=True))
        self.contents: set[str] = set()  # no two opinions say the same

    # ------------------------------------------------------------ the county as demo_seed built it

    def run(self) -> dict[str, int]:
        self.load()
        self.staff()
        first_message = Notification.objects.aggregate(n=Max("pk"))["n"] or 0
        stories = self.plan() + self.pinned()
        self.take(stories)
        for story in sorted(stories, key=lambda s: s.intake):
            if story.opinion is not None and story.fate != "merged":
                try:
                    self.play(story)
                except _Cut:
                    pass
        from renda.opinions.platform import PLATFORM  # the daily job: today's reminders

        for job in PLATFORM.tick_jobs:
            job.run(today=self.today)
        self.read_handled(first_message)
        return self.counts()

    def load(self) -> None:
        days, day = [], self.first - datetime.timedelta(days=30)
        while day <= self.today + datetime.timedelta(days=60):
            if is_workday(day):
                days.append(day)
            day += datetime.timedelta(days=1)
        self.workdays = days
        self.townships = list(Township.objects.order_by("order", "pk"))
        weight = {name: w for name, _, w in vocab.TOWNSHIPS}
        self.weight = {t.pk: weight.get(t.name, 1.0) for t in self.townships}
        stations = LiaisonStation.objects.filter(active=True).select_related("township").order_by("pk")
        self.station_of = {
            s.township_id: s for s in stations.filter(kind=StationKind.TOWNSHIP_STATION, parent=None)
        }
        self.industry = stations.filter(kind=StationKind.INDUSTRY_STATION).first()
        self.villages: dict[int, list[str]] = defaultdict(list)
        names = {t.pk: t.name for t in self.townships}
        for name, township in stations.filter(kind=StationKind.VILLAGE_ROOM).values_list(
            "name", "township_id"
        ):
            self.villages[township].append(name.removeprefix(names[township]).removesuffix("人大代表联络室"))
        # township → the serving deputies stationed there
        self.deputies: dict[int, list[Deputy]] = defaultdict(list)
        for deputy in (
            Deputy.objects.filter(status=DeputyStatus.ACTIVE).select_related("station").order_by("pk")
        ):
            if deputy.station is not None and deputy.station.township_id:
                self.deputies[deputy.station.township_id].append(deputy)
        self.reception_days = list(
            ReceptionDay.objects.filter(
                date__gte=self.first,
                date__lt=self.today,
                station__in=[*self.station_of.values(), *([self.industry] if self.industry else [])],
            )
            .select_related("station")
            .prefetch_related("deputies")
            .order_by("date", "pk")
        )
        self.units = {u.name: u for u in HandlingUnit.objects.filter(active=True).order_by("order", "pk")}
        self.township_unit = {u.township_id: u for u in self.units.values() if u.township_id}
        for (
            label,
            referral,
        ) in DEFAULT_REDIRECT_REASONS:  # seeded by migration; a flushed test database lacks them
            RedirectReason.objects.get_or_create(label=label, defaults={"referral": referral})
        self.reasons = {r.label: r for r in RedirectReason.objects.filter(active=True)}
        self.categories: dict[str, SuggestionCategory | None] = {}
        for topic in TOPICS:
            parent, _, child = topic.category.partition("/")
            found = SuggestionCategory.objects.filter(
                name=child or parent, parent__name=parent if child else None
            )
            self.categories[topic.category] = (
                found.first() or SuggestionCategory.objects.filter(name=parent, parent=None).first()
            )
        users = User.objects.filter(is_active=True).order_by("pk")  # the demo accounts (build_users) first
        self.clerk: User = planned(users.filter(groups__name=Role.CLERK).first())
        self.keeper: User = planned(users.filter(groups__name=Role.KEEPER, station__isnull=False).first())
        self.deputy_user: User = planned(users.filter(groups__name=Role.DEPUTY, deputy__isnull=False).first())
        self.unit_user: User = planned(
            users.filter(groups__name=Role.UNIT, handling_unit__isnull=False).first()
        )
        for user in users.filter(groups__name=Role.KEEPER, station__isnull=False):
            self.keepers.setdefault(planned(user.station_id), user)
        for user in users.filter(groups__name=Role.UNIT, handling_unit__isnull=False):
            self.officers.setdefault(planned(user.handling_unit_id), user)

    # ------------------------------------------------------------ dates

    def workday(self, day: datetime.date, n: int = 0) -> datetime.date:
        """The n-th working day after `day` (n = 0: `day` itself, or the next working day)."""
        i = bisect.bisect_left(self.workdays, day)
        if n and i < len(self.workdays) and self.workdays[i] == day:
            i += 1
            n -= 1
        return self.workdays[i + n]

    def workdays_ago(self, n: int) -> datetime.date:
        return self.workdays[bisect.bisect_left(self.workdays, self.today) - n]

    def ago(self, days: int) -> datetime.date:
        return self.today - datetime.timedelta(days=days)

    @staticmethod
    def moment(
        rng: random.Random, day: datetime.date, after: datetime.datetime | None = None, hours=(8.5, 17.5)
    ) -> datetime.datetime:
        """A time on `day` within `hours`, later than `after`."""
        value = _aware(day, rng.randrange(int(hours[0] * 60), int(hours[1] * 60)))
        if after is not None and value <= after:
            value = after + datetime.timedelta(minutes=rng.randint(5, 60))
        return value

    def between(
        self, rng: random.Random, start: datetime.datetime, end: datetime.datetime
    ) -> datetime.datetime:
        """A moment in office hours on a working day after `start` and before `end` (halfway if none fits)."""
        days = self.workdays[
            bisect.bisect_left(self.workdays, start.date()) : bisect.bisect_right(self.workdays, end.date())
        ]
        value = self.moment(rng, rng.choice(days), after=start) if days else end
        return value if value < end else start + (end - start) / 2

    def act(self, story: Story, step: str, moment: datetime.datetime, call: Callable[[], Any]) -> Any:
        """Make one step through the services at `moment`, unless it is still waiting."""
        if step in story.stops or moment >= self.cut:
            raise _Cut
        with clock.at(moment):
            return call()

    # ------------------------------------------------------------ people

    def person(self, rng: random.Random) -> str:
        given = vocab.FEMALE_GIVEN if rng.random() < 0.45 else vocab.MALE_GIVEN
        surname = rng.choices(list(vocab.SURNAMES), weights=list(vocab.SURNAMES.values()))[0]
        return surname + "".join(rng.choice(given) for _ in range(rng.choice([1, 2, 2, 2])))

    def citizen(self, story: Story) -> dict[str, str]:
        """A fictional citizen: a name from the demo's lists (or 王女士 on the phone), a 1380000xxxx number."""
        rng = story.rng
        surname = rng.choices(list(vocab.SURNAMES), weights=list(vocab.SURNAMES.values()))[0]
        polite = surname + rng.choice(["先生", "女士"])
        if story.channel == Channel.HOTLINE or (story.channel != Channel.VISIT and rng.random() < 0.3):
            name = polite
        elif story.channel == Channel.ONLINE and rng.random() < 0.4:
            name = ""  # the online form does not ask for it
        else:
            name = self.person(rng)
        fields = {"citizen_name": name, "citizen_phone": f"{PHONE_PREFIX}{rng.randrange(10_000):04d}"}
        if story.channel in (Channel.RECEPTION, Channel.VISIT):
            place = f"{story.township.name}{story.village}"
            fields["citizen_address"] = (
                f"{place}{rng.randint(1, 12)}组"
                if story.village.endswith("村")
                else f"{place}{rng.randint(1, 30)}号"
            )
        return fields

    def account(self, username: str, **links: Any) -> User:
        """An account the history acts through (see the module's docstring): no usable password."""
        role = Role.KEEPER if "station" in links else Role.UNIT
        user = User.objects.create_user(username, password=None, full_name=self.person(self.rng), **links)
        role_groups_sync_once()
        user.groups.set(Group.objects.filter(name=role))
        self.created_users += 1
        return user

    def staff(self) -> None:
        """A keeper for every township station and the industry station, an officer for every department the
        topics name and every township government, where the demo has none — before the history, so that the
        services' messages reach them."""
        stations = [*self.station_of.values(), *([self.industry] if self.industry else [])]
        for station in stations:
            if station.pk not in self.keepers:
                code = planned_township(station).order if station.kind == StationKind.TOWNSHIP_STATION else 0
                self.keepers[station.pk] = self.account(f"keeper{code:02d}", station=station)
        units = [self.units[name] for name in UNITS.values() if name in self.units]
        for unit in [*units, *self.township_unit.values()]:
            if unit.pk not in self.officers:
                self.officers[unit.pk] = self.account(f"unit{unit.order:02d}", handling_unit=unit)

    def keeper_of(self, station: LiaisonStation | None) -> User:
        """Who records and triages at `station`: its keeper, or the office where it has none."""
        return self.keepers.get(station.pk, self.clerk) if station is not None else self.clerk

    def officer(self, unit: HandlingUnit) -> User:
        return self.officers[unit.pk]

    def signer(self, unit: HandlingUnit) -> str:
        if unit.pk not in self.signers:
            self.signers[unit.pk] = self.person(self.rng)
        return self.signers[unit.pk]

    def unit(self, alias: str, township: Township) -> HandlingUnit:
        return self.township_unit[township.pk] if alias == TOWNSHIP else self.units[UNITS[alias]]

    # ------------------------------------------------------------ texts

    def place(self, rng: random.Random, topic: Topic, township: Township) -> str:
        """A village (rural topics), a community of a street or the market town (urban topics)."""
        villages = self.villages.get(township.pk) or [f"{township.name[:2]}村"]
        if township.kind == Township.Kind.STREET:
            return rng.choice(villages)
        if topic.where == "urban" or (topic.where in ("any", "health") and rng.random() < 0.3):
            return "集镇"
        return rng.choice(villages)

    def fill(self, rng: random.Random, text: str, story: Story, **more: str) -> str:
        """The text with the story's places and a few numbers; a market town reads 猫场镇集镇, a street of the
        county seat has no 集镇."""
        received, township = story.received.date(), story.township.name
        village = f"{township}集镇" if story.village == "集镇" else story.village
        text = text.format(
            t=township,
            v=village,
            g=str(rng.randint(1, 9)),
            n=str(rng.randint(2, 9)),
            m=str((received.month - rng.randint(1, 3) - 1) % 12 + 1),
            w=rng.choice(FINISH),
            deputy=story.deputy.name if story.deputy else "",
            **more,
        )
        text = text.replace(township + township, township)
        return text.replace("街道集镇", "街道") if story.township.kind == Township.Kind.STREET else text

    def title(self, story: Story) -> str:
        return self.fill(story.rng, story.rng.choice(story.matter.titles), story)

    def content(self, story: Story) -> str:
        """An opening of the channel, one to three details, a wish and maybe a closing: no two alike (drawn
        again, from the same seeded generator, while it repeats an earlier one)."""
        for _ in range(50):
            text = self.draw_content(story)
            if text not in self.contents:
                break
        self.contents.add(text)
        return text

    def draw_content(self, story: Story) -> str:
        rng, matter = story.rng, story.matter
        opening = rng.choice(OPENINGS[story.channel])
        if story.channel == Channel.VISIT and not story.deputy:
            opening = "走访中群众反映："
        facts = rng.sample(matter.facts, k=min(len(matter.facts), rng.choice([1, 2, 2, 3])))
        wish = rng.choice(WISHES).format(a=rng.choice(matter.asks))
        closing = rng.choice(CLOSINGS)
        if closing == "谢谢！" and story.channel != Channel.ONLINE:
            closing = ""
        return self.fill(rng, opening + "，".join(facts) + "。" + wish + closing, story)

    # ------------------------------------------------------------ a year of opinions

    def topics_for(self, township: Township, station: LiaisonStation | None) -> list[Topic]:
        if station is not None and station.kind == StationKind.INDUSTRY_STATION:
            return [t for t in TOPICS if t.where == "health" or t.key in ("医保", "卫生室")]
        if township.kind == Township.Kind.STREET:
            return [t for t in TOPICS if t.where in ("urban", "any")]
        return [t for t in TOPICS if t.where != "health"]

    def story(
        self,
        channel: str,
        township: Township,
        received: datetime.datetime,
        topic: Topic | None = None,
        station: LiaisonStation | None = None,
        matter: int | None = None,
        **plan: Any,
    ) -> Story:
        rng = random.Random(self.rng.randrange(2**32))
        if topic is None:
            topics = self.topics_for(township, station)
            topic = rng.choices(topics, weights=[t.weight for t in topics])[0]
        if matter is None and plan.get("fate") == "redirect":
            matter = next(i for i, m in enumerate(topic.matters) if m.redirect)
        chosen = topic.matters[matter] if matter is not None else rng.choice(topic.matters)
        if channel in (Channel.ONLINE, Channel.HOTLINE) or station is None:
            station = self.station_of.get(township.pk)
        return Story(
            rng=rng,
            topic=topic,
            matter=chosen,
            channel=channel,
            township=township,
            village=self.place(rng, topic, township),
            received=received,
            station=station,
            **plan,
        )

    def pick_township(self, boost: float = 1.0) -> Township:
        weights = [
            self.weight[t.pk] * (boost if self.keeper and t.pk == self.keeper_township else 1)
            for t in self.townships
        ]
        return self.rng.choices(self.townships, weights=weights)[0]

    def plan(self) -> list[Story]:
        """Reception days (more at the busy townships), visits, online and hotline opinions over the year, and
        what becomes of each."""
        rng = self.rng
        self.keeper_township = (
            self.keeper.station.township_id if self.keeper and self.keeper.station else None
        )
        stories: list[Story] = []
        for reception in self.reception_days:
            station = reception.station
            township = planned_township(station)
            mean = RECEPTION_RATE * (
                0.8 if station.kind == StationKind.INDUSTRY_STATION else self.weight[township.pk]
            )
            sat = list(reception.deputies.all())
            for _ in range(_poisson(rng, mean)):
                start, end = reception.start_time, reception.end_time
                received = self.moment(
                    rng,
                    reception.date,
                    hours=(start.hour + start.minute / 60, end.hour + end.minute / 60 - 0.2),
                )
                deputy = rng.choice(sat) if sat and rng.random() < 0.7 else None
                stories.append(
                    self.story(
                        Channel.RECEPTION,
                        township,
                        received,
                        station=station,
                        reception_day=reception,
                        deputy=deputy,
                    )
                )
        span = [d for d in self.workdays if self.first <= d < self.today]
        for _ in range(VISITS):
            township = self.pick_township(boost=1.5)
            if not self.deputies[township.pk]:
                continue
            deputy = rng.choice(self.deputies[township.pk])
            stories.append(
                self.story(
                    Channel.VISIT, township, self.moment(rng, rng.choice(span), hours=(9, 18)), deputy=deputy
                )
            )
        for _ in range(ONLINE):
            day = self.first + datetime.timedelta(days=rng.randrange(365))
            stories.append(
                self.story(Channel.ONLINE, self.pick_township(), self.moment(rng, day, hours=(7, 23)))
            )
        for _ in range(HOTLINE):
            day = self.first + datetime.timedelta(days=rng.randrange(365))
            monday = day + datetime.timedelta(days=7 - day.weekday())
            imported = self.moment(rng, self.workday(monday), hours=(9.5, 11.5))
            if imported < self.cut:  # this week's sheet is not in yet
                stories.append(
                    self.story(
                        Channel.HOTLINE,
                        self.pick_township(),
                        self.moment(rng, day, hours=(8, 21)),
                        imported=imported,
                    )
                )
        self.fates(stories)
        return stories

    def fates(self, stories: list[Story]) -> None:
        """On the spot, redirected, raised or forwarded; the forwarded ones' 回访 outcomes in fixed shares; some
        matters raised again by a neighbour and merged."""
        rng = self.rng
        forwarded = []
        for story in stories:
            redirect = story.matter.redirect
            if redirect and story.rng.random() < redirect[1]:
                story.fate, story.reason = "redirect", redirect[0]
            elif story.matter.spot and story.rng.random() < SPOT_SHARE:
                story.fate = "spot"
            else:
                forwarded.append(story)
        outcomes = _deck(
            rng,
            len(forwarded),
            {
                (True,): 1 - FIRST_UNRESOLVED,
                (False, True): FIRST_UNRESOLVED * SECOND_RESOLVED,
                (False, False): FIRST_UNRESOLVED * (1 - SECOND_RESOLVED),
            },
        )
        for story, rounds in zip(forwarded, outcomes, strict=True):
            story.rounds = rounds
        county = [
            s for s in forwarded if s.channel == Channel.VISIT and s.deputy and s.deputy.level == Level.COUNTY
        ]
        if county:
            rng.choice(county).fate = "raise"
        candidates = [
            s
            for s in forwarded
            if s.fate == "forward" and s.station is not None and s.channel != Channel.HOTLINE
        ]
        for main in rng.sample(candidates, round(len(forwarded) * TWIN_SHARE)):
            received = main.received + datetime.timedelta(hours=rng.randint(8, 72))
            twin = Story(
                rng=random.Random(rng.randrange(2**32)),
                topic=main.topic,
                matter=main.matter,
                channel=Channel.ONLINE,
                township=main.township,
                village=main.village,
                received=received,
                station=self.station_of.get(main.township.pk),
                fate="merged",
            )
            if twin.station == main.station:
                main.twins.append(twin)
                stories.append(twin)

    # ------------------------------------------------------------ what the demo accounts find

    def pinned(self) -> list[Story]:
        """The demo keeper's station: opinions to triage (two past their forward_due, two alike to merge),
        answers to tell and citizens to ask (two past the follow-up window), one of each redirect; the demo
        unit's open assignments (new, overdue, due soon, not yet due, handled again, joint, a reassignment
        request for the office); the demo deputy's opinions (waiting, handled, told, closed, raised into their
        draft); two escalated to the office."""
        station = planned(self.keeper.station)
        home = planned_township(station)
        others = sorted(
            (t for t in self.townships if t.pk != home.pk and t.kind != Township.Kind.STREET),
            key=lambda t: (-self.weight[t.pk], t.order),
        )
        street = next(t for t in self.townships if t.kind == Township.Kind.STREET)
        topic = {t.key: t for t in TOPICS}
        road, unit = topic["通组路"], self.unit_user.handling_unit
        deputy: Deputy = planned(self.deputy_user.deputy)
        neighbours = [d for d in self.deputies[home.pk] if d != deputy] or [deputy]
        days = [d for d in self.reception_days if d.station_id == station.pk]
        at = self.moment

        def visit(township: Township, received: datetime.date, **plan: Any) -> Story:
            mine = plan.pop("mine", False) and township == home
            return self.story(
                Channel.VISIT,
                township,
                at(self.rng, received, hours=(9, 17)),
                deputy=deputy if mine else self.rng.choice(self.deputies[township.pk] or neighbours),
                by_deputy=mine,
                **plan,
            )

        def online(township: Township, received: datetime.date, **plan: Any) -> Story:
            return self.story(Channel.ONLINE, township, at(self.rng, received, hours=(19, 22)), **plan)

        def after(days: int) -> dict[str, Any]:  # forwarded the next working day, not late, not complex
            return {"triage_on": self.workday(self.ago(days), 1), "complex": False}

        township_unit, housing = self.township_unit[home.pk], self.units[UNITS["住建"]]
        stories = [
            # the demo keeper's station, and the demo deputy's opinions
            visit(home, self.workdays_ago(2), mine=True, topic=topic["路灯"], stops={"triage"}),
            online(home, self.ago(13), topic=topic["饮水"], stops={"triage"}),
            online(home, self.ago(16), topic=topic["灌溉"], stops={"triage"}),
            online(
                home,
                self.ago(20),
                topic=road,
                lead=township_unit,
                reply_on=self.workdays_ago(7),
                stops={"inform"},
                **after(20),
            ),
            visit(
                home,
                self.ago(26),
                topic=topic["垃圾清运"],
                lead=township_unit,
                reply_on=self.workdays_ago(6),
                inform_on=self.workdays_ago(2),
                stops={"feedback"},
                **after(26),
            ),
            visit(
                home,
                self.ago(30),
                mine=True,
                topic=topic["卫生室"],
                lead=self.units[UNITS["卫健"]],
                reply_on=self.workdays_ago(10),
                inform_on=self.workdays_ago(8),
                stops={"feedback"},
                **after(30),
            ),
            visit(home, self.ago(70), mine=True, topic=topic["饮水"], rounds=(True,), **after(70)),
            visit(
                home,
                self.workdays_ago(6),
                mine=True,
                topic=topic["产业"],
                fate="raise",
                triage_on=self.workdays_ago(4),
            ),
            visit(
                home,
                self.workdays_ago(5),
                mine=True,
                topic=road,
                lead=unit,
                triage_on=self.workdays_ago(3),
                complex=False,
                stops={"reply"},
            ),
            online(home, self.ago(40), topic=topic["欠薪"], fate="redirect", reason="仲裁事项"),
            visit(home, self.ago(100), topic=topic["土地纠纷"], fate="redirect", reason="涉诉事项"),
            online(home, self.ago(150), topic=topic["征地补偿"], fate="redirect", reason="行政复议事项"),
            # the demo unit: overdue, not yet due (complex), handled again, joint, asking to be replaced
            visit(
                others[0],
                self.ago(16),
                topic=road,
                lead=unit,
                triage_on=self.workdays_ago(9),
                complex=False,
                stops={"reply"},
            ),
            visit(
                others[1],
                self.workdays_ago(2),
                topic=road,
                lead=unit,
                complex=True,
                triage_on=self.workdays_ago(1),
                stops={"reply"},
            ),
            online(
                others[2],
                self.ago(30),
                topic=topic["农村客运"],
                lead=unit,
                reply_on=self.workdays_ago(12),
                inform_on=self.workdays_ago(10),
                feedback_on=self.workdays_ago(2),
                rounds=(False, True),
                stops={"reply2"},
                **after(30),
            ),
            online(
                others[3],
                self.workdays_ago(4),
                topic=topic["学校"],
                matter=1,
                lead=self.units[UNITS["教育"]],
                joint=unit,
                triage_on=self.workdays_ago(2),
                complex=False,
                stops={"opinion", "reply"},
            ),
            online(
                others[4],
                self.workdays_ago(4),
                topic=topic["排水内涝"],
                lead=unit,
                triage_on=self.workdays_ago(2),
                reassign="pending",
                complex=False,
            ),
            # the office: still unresolved after handling again
            online(
                others[5],
                self.ago(75),
                topic=topic["饮水"],
                rounds=(False, False),
                stops={"close"},
                **after(75),
            ),
            self.story(
                Channel.ONLINE,
                street,
                at(self.rng, self.ago(90)),
                topic=topic["老旧小区"],
                rounds=(False, False),
                stops={"close"},
                **after(90),
            ),
        ]
        if days:
            day = days[-1]
            stories.append(
                self.story(
                    Channel.RECEPTION,
                    home,
                    at(self.rng, day.date, hours=(9, 11)),
                    topic=topic["学校"],
                    station=station,
                    reception_day=day,
                    deputy=next(iter(day.deputies.all()), None),
                    stops={"triage"},
                )
            )
        if len(days) > 1:  # answered: the citizen is to be told
            day = days[-2]
            stories.append(
                self.story(
                    Channel.RECEPTION,
                    home,
                    at(self.rng, day.date, hours=(9, 11)),
                    topic=topic["排水内涝"],
                    station=station,
                    reception_day=day,
                    lead=housing,
                    triage_on=self.workday(day.date, 1),
                    complex=False,
                    reply_on=self.workdays_ago(1),
                    stops={"inform"},
                )
            )
        hotline = self.story(
            Channel.HOTLINE,
            others[0],
            at(self.rng, self.ago(9), hours=(8, 20)),
            topic=road,
            imported=at(self.rng, self.workdays_ago(3), hours=(9.5, 11)),
            lead=unit,
            triage_on=self.workdays_ago(1),
            stops={"sign"},
        )
        stories.append(hotline)
        # the same matter twice at the keeper's station, not yet merged
        garbage = topic["垃圾清运"]
        first = online(home, self.ago(4), topic=garbage, matter=0, stops={"triage"})
        second = visit(home, self.workdays_ago(1), topic=garbage, matter=0, stops={"triage"})
        second.village = first.village
        stories += [first, second]
        # waiting for triage at another township's station: the office sees every station's, the keeper theirs
        stories.append(online(others[2], self.ago(3), topic=topic["路灯"], stops={"triage"}))
        return stories

    # ------------------------------------------------------------ playing the stories

    def take(self, stories: list[Story]) -> None:
        """Every opinion's intake, in time order: recorded at the station or by the deputy, sent online, or
        imported with its week's hotline sheet."""
        sheets: dict[datetime.datetime, list[Story]] = defaultdict(list)
        for story in stories:
            if story.channel == Channel.HOTLINE:
                sheets[planned(story.imported)].append(story)
        done: set[datetime.datetime] = set()
        for story in sorted(stories, key=lambda s: (s.intake, s.received)):
            if story.intake >= self.cut:
                continue
            if story.channel == Channel.HOTLINE:
                if story.intake not in done:
                    done.add(story.intake)
                    sheet = sorted(sheets[story.intake], key=lambda s: s.received)
                    self.import_sheet(story.intake, sheet)
                    for taken in sheet:
                        self.recode(taken)
                continue
            with clock.at(story.intake):
                story.opinion = self.intake(story)
            self.recode(story)

    def recode(self, story: Story) -> None:
        """The demo-only step (see the module's docstring): a tracking code drawn from the seed instead of
        `secrets`, set right after intake, before a merge note or a raised draft quotes it."""
        opinion = planned(story.opinion)
        code = "".join(self.codes.choice(CODE_ALPHABET) for _ in range(8))
        while code in self.used_codes:
            code = "".join(self.codes.choice(CODE_ALPHABET) for _ in range(8))
        self.used_codes.add(code)
        Opinion.objects.filter(pk=opinion.pk).update(tracking_code=code)
        opinion.tracking_code = code

    def fields(self, story: Story) -> dict[str, Any]:
        return {
            "title": self.title(story),
            "content": self.content(story),
            "category": self.categories[story.topic.category],
            "township": story.township,
            "village": story.village,
            **self.citizen(story),
        }

    def intake(self, story: Story) -> Opinion:
        fields = self.fields(story)
        if story.channel == Channel.ONLINE:
            fields.pop("citizen_address", None)
            return services.opinion_submit_online(consent=True, **fields)
        if story.by_deputy:
            return services.opinion_take(
                actor=self.deputy_user,
                channel=story.channel,
                received_on=story.received.date(),
                station=story.station,
                **fields,
            )
        return services.opinion_take(
            actor=self.keeper_of(story.station),
            channel=story.channel,
            received_on=story.received.date(),
            station=story.station,
            deputy=story.deputy,
            reception_day=story.reception_day,
            **fields,
        )

    def import_sheet(self, moment: datetime.datetime, sheet: list[Story]) -> None:
        rows = []
        for story in sheet:
            row = self.fields(story)
            row.pop("citizen_address", None)
            rows.append(row | {"received_on": story.received.date()})
        with clock.at(moment):
            taken = services.opinions_import(rows=rows, actor=self.clerk)
        for story, opinion in zip(sheet, taken, strict=True):
            story.opinion = opinion

    def play(self, story: Story) -> None:
        """The opinion's triage and whatever follows, up to today."""
        rng, opinion = story.rng, planned(story.opinion)
        keeper = self.keeper_of(opinion.station)
        start = story.intake
        if story.fate == "spot" and story.channel in (Channel.RECEPTION, Channel.VISIT):
            triage = start + datetime.timedelta(minutes=rng.randint(5, 40))
        elif story.triage_on:
            triage = self.moment(rng, story.triage_on, after=start)
        else:
            late = rng.random() < LATE_TRIAGE
            delay = rng.randint(7, 11) if late else rng.choice([0, 1, 1, 2, 2, 3, 4])
            triage = self.moment(rng, self.workday(start.date(), delay), after=start)
        for twin in story.twins:
            triage = max(triage, self.moment(rng, twin.intake.date(), after=twin.intake))
        if story.fate == "spot":
            answer = self.fill(rng, rng.choice(story.matter.spot), story)
            self.act(
                story,
                "triage",
                triage,
                lambda: services.opinion_answer_on_spot(opinion=opinion, answer=answer, actor=keeper),
            )
            return
        if story.fate == "redirect":
            reason = self.reasons[story.reason]
            notes = story.matter.redirect[2] if story.matter.redirect else ("",)
            note = self.fill(rng, rng.choice(notes), story)
            self.act(
                story,
                "triage",
                triage,
                lambda: services.opinion_redirect(opinion=opinion, reason=reason, actor=keeper, note=note),
            )
            return
        if story.fate == "raise":
            actor = self.deputy_user if story.by_deputy else self.clerk
            deputy = planned(story.deputy)
            self.act(
                story,
                "triage",
                triage,
                lambda: services.opinion_raise(opinion=opinion, deputy=deputy, actor=actor),
            )
            return
        twins = [planned(t.opinion) for t in story.twins if t.opinion is not None]
        if twins:
            self.act(
                story,
                "triage",
                triage,
                lambda: services.opinions_merge(into=opinion, others=twins, actor=keeper),
            )
            triage += datetime.timedelta(minutes=rng.randint(3, 20))
        self.forward(story, keeper, triage)

    def lead_of(self, story: Story) -> tuple[HandlingUnit, HandlingUnit | None, list[HandlingUnit]]:
        rng, topic = story.rng, story.topic
        if story.lead:
            return story.lead, story.joint, []
        if topic.split and rng.random() < 0.25:
            return (
                self.unit(topic.split[0], story.township),
                None,
                [self.unit(a, story.township) for a in topic.split],
            )
        units = story.matter.units or topic.units
        lead = self.unit(rng.choices(list(units), weights=list(units.values()))[0], story.township)
        joint = None
        alias = topic.joint if story.matter.joint is None else story.matter.joint
        if alias and rng.random() < 0.12 and self.unit(alias, story.township) != lead:
            joint = self.unit(alias, story.township)
        return lead, joint, []

    def forward(self, story: Story, keeper: User, at: datetime.datetime) -> None:
        rng, opinion = story.rng, planned(story.opinion)
        lead, joint, split = self.lead_of(story)
        is_complex = story.complex if story.complex is not None else rng.random() < COMPLEX
        self.act(
            story,
            "triage",
            at,
            lambda: services.opinion_forward(
                opinion=opinion,
                actor=keeper,
                lead=None if split else lead,
                joint=[joint] if joint else [],
                split=split,
                is_complex=is_complex,
            ),
        )
        if not story.reassign and not joint and not split and rng.random() < REASSIGN:
            story.reassign = rng.choice(["approve", "approve", "refuse"])
        answered = self.departments(story, at, round_=1)
        for round_, resolved in enumerate(story.rounds, start=1):
            told = self.tell(story, keeper, answered, round_)
            feedback = self.ask(story, keeper, told, round_, resolved)
            if resolved:
                return
            if round_ == 2:
                break
            answered = self.departments(story, feedback, round_=2)
        closed = self.moment(
            rng, feedback.date() + datetime.timedelta(days=rng.randint(5, 25)), after=feedback
        )
        unit = (
            planned(story.opinion)
            .assignments.filter(role__in=ANSWERING_ROLES)
            .exclude(state=AssignmentState.WITHDRAWN)
            .select_related("unit")
            .first()
        )
        answer = self.fill(rng, rng.choice(ESCALATED_CLOSES), story, u=unit.unit.name if unit else "承办单位")
        self.act(
            story,
            "close",
            closed,
            lambda: services.opinion_close_escalated(
                opinion=planned(story.opinion), answer=answer, actor=self.clerk
            ),
        )

    def departments(self, story: Story, since: datetime.datetime, round_: int) -> datetime.datetime:
        """The units' steps of a round: sign for (round 1), perhaps ask to be replaced, send a joint view,
        contact the citizen, answer — in time order across the units. Returns when the last answer came."""
        rng = story.rng
        standing = list(
            OpinionAssignment.objects.filter(citizen_opinion=story.opinion)
            .exclude(state=AssignmentState.WITHDRAWN)
            .select_related("unit")
            .order_by("pk")
        )
        answering = [a for a in standing if a.role in ANSWERING_ROLES]
        steps: list[tuple[datetime.datetime, int, str, Callable[[], Any]]] = []
        replies: list[datetime.datetime] = []
        for chain, assignment in enumerate(answering):
            if round_ == 1 and story.reassign and chain == 0:
                assignment, since = self.reassign(story, assignment, since)
            replies.append(self.answer(story, assignment, since, round_, chain, steps))
        if round_ == 1:
            for assignment in standing:
                if assignment.role == AssignmentRole.JOINT:  # signs for it, sends its view before the answer
                    by = min(*replies, self.cut)  # before the answer, and by today if that is later
                    signed = self.between(rng, since, by)
                    view = self.between(rng, signed, by)
                    officer = self.officer(assignment.unit)
                    steps.append(
                        (signed, 99, "sign", bound(casework.sign_for, assignment=assignment, actor=officer))
                    )
                    text = rng.choice(JOINT_OPINIONS)
                    send = bound(casework.send_opinion, assignment=assignment, opinion=text, actor=officer)
                    steps.append((view, 99, "opinion", send))
        dead: set[int] = set()
        for moment, chain, step, call in sorted(steps, key=lambda s: (s[0], s[1])):
            if chain in dead:
                continue
            try:
                self.act(story, step, moment, call)
            except _Cut:
                dead.add(chain)
        if dead:
            raise _Cut
        return max(replies)

    def reassign(
        self, story: Story, assignment: OpinionAssignment, since: datetime.datetime
    ) -> tuple[OpinionAssignment, datetime.datetime]:
        """The unit asks within its window to be replaced; the office agrees (a new unit takes over from that
        day) or refuses."""
        rng, officer = story.rng, self.officer(assignment.unit)
        asked = self.moment(rng, self.workday(since.date(), rng.randint(0, 1)), after=since)
        units = story.matter.units or story.topic.units
        alternatives = [self.unit(a, story.township) for a in units] + [self.units[UNITS["住建"]]]
        new_unit = next(u for u in alternatives if u != assignment.unit)
        reason = rng.choice(REASSIGN_REASONS).format(u=new_unit.name)
        self.act(
            story,
            "reassign",
            asked,
            lambda: casework.request_reassignment(assignment=assignment, reason=reason, actor=officer),
        )
        decided = self.moment(rng, self.workday(asked.date(), 1), after=asked)
        if story.reassign == "pending":
            raise _Cut
        current = OpinionAssignment.objects.get(pk=assignment.pk)
        if story.reassign == "refuse":
            self.act(
                story,
                "decide",
                decided,
                lambda: casework.refuse_reassignment(
                    assignment=current, actor=self.clerk, note="该事项属于你单位职责，请继续办理。"
                ),
            )
            return OpinionAssignment.objects.get(pk=assignment.pk), decided
        replacement = self.act(
            story,
            "decide",
            decided,
            lambda: casework.approve_reassignment(assignment=current, new_unit=new_unit, actor=self.clerk),
        )
        return replacement, decided

    def answer(
        self,
        story: Story,
        assignment: OpinionAssignment,
        since: datetime.datetime,
        round_: int,
        chain: int,
        steps: list,
    ) -> datetime.datetime:
        """Plan one answering unit's steps (added to `steps`); returns when it answers."""
        rng, officer = story.rng, self.officer(assignment.unit)
        signed = since
        if assignment.state == AssignmentState.ASSIGNED:
            signed = self.moment(rng, self.workday(since.date(), rng.choice([0, 0, 1, 1, 2])), after=since)
            steps.append(
                (signed, chain, "sign", bound(casework.sign_for, assignment=assignment, actor=officer))
            )
        due = assignment.due  # set by the services: at forwarding, at reassignment, when handled again
        first, last = (
            bisect.bisect_right(self.workdays, signed.date()),
            bisect.bisect_right(self.workdays, due),
        )
        if story.reply_on and round_ == 1:
            day = story.reply_on
        elif rng.random() < LATE_REPLY:
            day = self.workday(due, rng.randint(1, 5))
        else:
            day = self.workdays[rng.randrange(first, max(first + 1, last))]
        replied = self.moment(rng, max(day, signed.date()), after=signed)
        if rng.random() < 0.5:
            stage, method, summary = rng.choice(CONTACTS)
            contacted = self.moment(
                rng,
                self.workdays[rng.randrange(first - 1, bisect.bisect_right(self.workdays, replied.date()))],
                after=signed,
            )
            contacted = min(contacted, replied - datetime.timedelta(minutes=2))
            steps.append(
                (
                    contacted,
                    chain,
                    "contact",
                    lambda: casework.record_contact(
                        assignment=assignment,
                        stage=stage,
                        method=method,
                        date=clock.today(),
                        summary=summary,
                        actor=officer,
                    ),
                )
            )
        if round_ == 1:
            text = self.fill(rng, rng.choice(story.matter.replies), story)
        else:
            text = rng.choice(SECOND_REPLIES[story.rounds[1]])
        signer = self.signer(assignment.unit)
        steps.append(
            (
                replied,
                chain,
                "reply" if round_ == 1 else "reply2",
                lambda: services.opinion_reply_send(
                    assignment=assignment,
                    text=text,
                    signer=signer,
                    actor=officer,
                ),
            )
        )
        return replied

    def tell(self, story: Story, keeper: User, answered: datetime.datetime, round_: int) -> datetime.datetime:
        rng = story.rng
        day = (
            story.inform_on
            if story.inform_on and round_ == 1
            else self.workday(answered.date(), rng.choice([0, 1, 1, 2, 3]))
        )
        told = self.moment(rng, day, after=answered)
        how = (
            InformMethod.ONLINE
            if story.channel == Channel.ONLINE and rng.random() < 0.4
            else rng.choice(
                [
                    InformMethod.PHONE,
                    InformMethod.PHONE,
                    InformMethod.PHONE,
                    InformMethod.SMS,
                    InformMethod.VISIT,
                ]
            )
        )
        answer = "；".join(
            OpinionReply.objects.filter(assignment__citizen_opinion=story.opinion, round=round_)
            .order_by("sent_at", "pk")
            .values_list("text", flat=True)
        )
        self.act(
            story,
            "inform" if round_ == 1 else "inform2",
            told,
            lambda: services.opinion_inform(
                opinion=planned(story.opinion), how=how, actor=keeper, answer=answer
            ),
        )
        return told

    def ask(
        self, story: Story, keeper: User, told: datetime.datetime, round_: int, resolved: bool
    ) -> datetime.datetime:
        rng = story.rng
        if story.feedback_on and round_ == 1:
            day = story.feedback_on
        else:
            day = told.date() + datetime.timedelta(days=rng.choice([1, 2, 3, 3, 5, 7, 8]))
        by_citizen = story.channel in (Channel.ONLINE, Channel.HOTLINE) and rng.random() < BY_CITIZEN
        asked = self.moment(
            rng,
            day if by_citizen else self.workday(day),
            after=told,
            hours=(8.5, 21) if by_citizen else (8.5, 17.5),
        )
        if resolved:
            satisfaction = Satisfaction.SATISFIED if rng.random() < 0.85 else Satisfaction.BASICALLY
        else:
            satisfaction = Satisfaction.DISSATISFIED if rng.random() < 0.5 else Satisfaction.BASICALLY
        self.act(
            story,
            "feedback" if round_ == 1 else "feedback2",
            asked,
            lambda: services.opinion_feedback(
                opinion=planned(story.opinion),
                resolved=resolved,
                satisfaction=satisfaction,
                actor=None if by_citizen else keeper,
                by_citizen=by_citizen,
            ),
        )
        return asked

    # ------------------------------------------------------------ afterwards

    def read_handled(self, after: int) -> None:
        """Mark read the history's messages about opinions that no longer wait for their recipient."""
        waiting: set[tuple[int, int]] = set()
        station_waits = Opinion.objects.filter(state__in=[State.RECEIVED, State.ANSWERED, State.INFORMED])
        for pk, station in station_waits.values_list("pk", "station_id"):
            keeper = self.keepers.get(station) if station else None
            waiting.add(((keeper or self.clerk).pk, pk))
        for pk in Opinion.objects.filter(state=State.ESCALATED).values_list("pk", flat=True):
            waiting.add((self.clerk.pk, pk))
        open_ = OpinionAssignment.objects.filter(state__in=OPEN_STATES).values_list(
            "unit_id", "citizen_opinion_id"
        )
        officers = {unit: user.pk for unit, user in self.officers.items()}
        for unit, pk in open_:
            if unit in officers:
                waiting.add((officers[unit], pk))
        for pk in OpinionAssignment.objects.filter(state=AssignmentState.REASSIGN_REQUESTED).values_list(
            "citizen_opinion_id", flat=True
        ):
            waiting.add((self.clerk.pk, pk))
        messages = Notification.objects.filter(
            pk__gt=after, key="", url__startswith="/opinions/"
        ).select_related("recipient")
        for message in messages:
            opinion = int(message.url.strip("/").split("/")[1])
            if (message.recipient_id, opinion) not in waiting:
                notifications_mark_read(actor=message.recipient, pk=message.pk)

    def counts(self) -> dict[str, int]:
        counts = {
            str(model._meta.verbose_name): model.objects.count()
            for model in (Opinion, OpinionEvent, OpinionAssignment, OpinionContact, OpinionReply, OpinionTerm)
        }
        counts["联络站管理员和承办单位经办账号"] = self.created_users
        for model in (Suggestion, SuggestionEvent, SuggestionTerm):  # with the drafts raised from opinions
            counts[str(model._meta.verbose_name)] = model.objects.count()
        return counts


def bound(function: Callable[..., Any], **kwargs: Any) -> Callable[[], Any]:
    return lambda: function(**kwargs)


def planned_township(station: LiaisonStation) -> Township:
    return planned(station.township)


def planned(value: Any) -> Any:
    if value is None:
        raise ValueError("The demo plan has no value for this step.")
    return value
