"""The demo jurisdiction: a deterministic 大方县 for trying the platform, or a province-sized one for benchmarks.

This is a data generator, not a user workflow: it writes with `bulk_create` in large batches instead of
calling each app's services record by record, so the county takes seconds on SQLite and 100,000 deputies
stay practical on PostgreSQL. Everything random comes from one `random.Random(seed)`, so a seed always gives
the same names, counts and relations. Dates are fixed, except reception days and the year of activities,
which are placed relative to `today` so the demo always has a recent past and an announced future.
The county's citizens' opinions are the exception: demo/opinions.py plays a year of them through the services.
"""

import bisect
import datetime
import random
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from django.db import transaction
from django.utils import timezone

from renda.accounts.models import User
from renda.accounts.services import user_roles_set
from renda.core import facts
from renda.core.calendar import is_workday
from renda.core.roles import Role
from renda.core.rules import rule
from renda.demo import vocab
from renda.demo.budget import demo_budget
from renda.demo.legislation import demo_legislation
from renda.demo.livelihood import demo_livelihood
from renda.demo.meetings import demo_meetings
from renda.demo.opinions import demo_opinions
from renda.demo.oversight import demo_oversight_rest
from renda.demo.suggestions import demo_suggestions, planned
from renda.deputies.choices import (
    ActivityKind,
    DeputyStatus,
    GroupKind,
    Level,
    ModelLevel,
    Sector,
    StationKind,
)
from renda.deputies.models import (
    Activity,
    Constituency,
    Delegation,
    Deputy,
    DeputyGroup,
    LiaisonStation,
    ReceptionDay,
)
from renda.deputies.services import name_index
from renda.org.models import (
    CommitteeMembership,
    CommitteeOffice,
    CongressSession,
    HandlingUnit,
    Jurisdiction,
    Term,
    Township,
    cn_number,
)

DEMO_PASSWORD = "renda-demo"
BATCH = 2000
ELECTION = datetime.date(2021, 12, 28)  # 十八届人大一次会议
SESSIONS = {
    17: [(2016, 12, 27), (2018, 1, 16), (2019, 1, 8), (2020, 1, 7), (2021, 1, 12)],
    18: [(2021, 12, 28), (2023, 1, 10), (2024, 1, 9), (2025, 1, 7), (2026, 1, 6)],
}
COMMITTEE_SIZE = 30  # 1 主任, 5 副主任, 24 委员
MODEL_STATION_SHARE = 5 / 29  # 市级示范联络站 per township station, as in 大方


@dataclass(frozen=True)
class Scale:
    name: str
    code: str
    congress_name: str
    population: int
    townships: int
    county_deputies: int
    township_deputies: int
    rooms: int
    units: int
    activities: int


SCALES = {
    "county": Scale(
        name="大方县",
        code="520521",
        congress_name="大方县人民代表大会",
        population=1_079_400,
        townships=29,
        county_deputies=250,
        township_deputies=1800,
        rooms=115,
        units=60,
        activities=400,
    ),
    # For benchmarks: 100,000 deputies, 3,000 stations, 1,000 townships (codes spread over 34 counties).
    "province": Scale(
        name="毕节市（基准规模）",
        code="520500",
        congress_name="毕节市人民代表大会",
        population=9_400_000,
        townships=1000,
        county_deputies=12_000,
        township_deputies=88_000,
        rooms=1998,
        units=100,
        activities=6000,
    ),
}


def demo_seed(*, scale: Scale, seed: int, today: datetime.date) -> dict[str, int]:
    """Create the whole demo jurisdiction in one transaction; returns the number of rows per kind."""
    with transaction.atomic(), facts.deferred():  # the builder rebuilds the facts at its end
        return _Builder(scale, seed, today).run()


def _allocate(total: int, weights: list[float]) -> list[int]:
    """Split `total` in proportion to `weights` exactly (largest remainder)."""
    shares = [total * w / sum(weights) for w in weights]
    counts = [int(s) for s in shares]
    by_remainder = sorted(range(len(weights)), key=lambda i: (counts[i] - shares[i], i))
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return counts


class _Builder:
    def __init__(self, scale: Scale, seed: int, today: datetime.date):
        self.scale = scale
        self.rng = random.Random(seed)
        self.today = today
        self.index = cache(name_index)
        self.counts: dict[str, int] = {}
        self.workdays: list[datetime.date] = []
        self.place_name = scale.congress_name.removesuffix("人民代表大会")

    def run(self) -> dict[str, int]:
        self.build_org()
        self.build_stations()
        self.build_deputies()
        self.build_bodies()
        self.build_users()
        self.build_receptions()
        self.build_activities()
        self.counts.update(
            demo_suggestions(scale=self.scale, seed=self.rng.randrange(2**32), today=self.today)
        )
        self.counts.update(demo_opinions(scale=self.scale, seed=self.rng.randrange(2**32), today=self.today))
        self.counts.update(demo_meetings(scale=self.scale, seed=self.rng.randrange(2**32), today=self.today))
        self.counts.update(
            demo_livelihood(scale=self.scale, seed=self.rng.randrange(2**32), today=self.today)
        )
        self.counts.update(
            demo_legislation(scale=self.scale, seed=self.rng.randrange(2**32), today=self.today)
        )
        if self.scale == SCALES["county"]:  # after the meetings: its last draw
            self.counts.update(
                demo_oversight_rest(
                    office=User.objects.get(username="clerk"),
                    seed=self.rng.randrange(2**32),
                    today=self.today,
                )
            )
        self.counts.update(demo_budget(scale=self.scale, seed=self.rng.randrange(2**32), today=self.today))
        facts.rebuild()  # the history years and the province scale are written in bulk (core.facts)
        return self.counts

    # ------------------------------------------------------------ helpers

    def create(self, model, objects: list) -> list:
        model.objects.bulk_create(objects, batch_size=BATCH)
        self.counts[model._meta.verbose_name] = self.counts.get(model._meta.verbose_name, 0) + len(objects)
        return objects

    def link(self, relation, pairs: list[tuple[int, int]]) -> None:
        """Rows of a many-to-many table from (source pk, target pk) pairs."""
        through = relation.through
        source, target = (
            relation.field.m2m_field_name() + "_id",
            relation.field.m2m_reverse_field_name() + "_id",
        )
        through.objects.bulk_create([through(**{source: a, target: b}) for a, b in pairs], batch_size=BATCH)

    def pick(self, weights: dict):
        return self.rng.choices(list(weights), weights=list(weights.values()))[0]

    def place(self) -> str:
        return self.rng.choice(vocab.PLACE_HEADS) + self.rng.choice(vocab.PLACE_TAILS)

    def phone(self) -> str:
        return self.rng.choice(vocab.PHONE_PREFIXES) + f"{self.rng.randrange(10**8):08d}"

    def landline(self) -> str:
        return f"0857-{self.rng.randrange(10**6, 10**7)}"

    def person(self, female: bool) -> str:
        given = vocab.FEMALE_GIVEN if female else vocab.MALE_GIVEN
        length = 1 if self.rng.random() < 0.25 else 2
        return self.pick(vocab.SURNAMES) + "".join(self.rng.choice(given) for _ in range(length))

    def fill(self, template: str, township: Township) -> str:
        kind = township.kind
        return template.format(
            t=township.name,
            v=self.place(),
            c=self.place(),
            p=self.rng.choice(vocab.PRODUCTS),
            head={"town": "镇长", "street": "街道办事处主任"}.get(kind, "乡长"),
            head2={"town": "镇长", "street": "主任"}.get(kind, "乡长"),
            congress="人大工委主任" if kind == "street" else "人大主席",
        )

    # ------------------------------------------------------------ jurisdiction, terms, offices, units

    def build_org(self) -> None:
        s = self.scale
        self.jurisdiction = self.create(
            Jurisdiction,
            [Jurisdiction(name=s.name, code=s.code, congress_name=s.congress_name, population=s.population)],
        )[0]
        self.terms = {
            17: Term(
                jurisdiction=self.jurisdiction,
                number=17,
                start_date=datetime.date(2016, 12, 27),
                end_date=ELECTION - datetime.timedelta(days=1),
            ),
            18: Term(
                jurisdiction=self.jurisdiction,
                number=18,
                start_date=ELECTION,
                end_date=datetime.date(2026, 12, 27),
                is_current=True,
            ),
        }
        self.create(Term, list(self.terms.values()))
        self.create(
            CongressSession,
            [
                CongressSession(
                    term=self.terms[number],
                    number=i,
                    start_date=datetime.date(*ymd),
                    end_date=datetime.date(*ymd) + datetime.timedelta(days=2),
                    place="大方县人民会堂",
                )
                for number, dates in SESSIONS.items()
                for i, ymd in enumerate(dates, start=1)
            ],
        )
        self.townships = self.create(Township, self.township_rows())
        self.offices = self.create(
            CommitteeOffice,
            [
                CommitteeOffice(
                    name=name, short_name=short, kind=kind, handles_deputies_affairs=deputies, order=i
                )
                for i, (name, short, kind, deputies) in enumerate(vocab.COMMITTEE_OFFICES, start=1)
            ],
        )
        units = [
            HandlingUnit(name=name, short_name=name.removeprefix("县"), kind=HandlingUnit.Kind.GOVERNMENT)
            for name in vocab.DEPARTMENTS
        ]
        units += [
            HandlingUnit(name=name, short_name=short, kind=kind) for name, short, kind in vocab.JUDICIAL_UNITS
        ]
        for township in self.townships[: self.scale.units - len(units)]:
            suffix = "办事处" if township.kind == "street" else "人民政府"
            units.append(
                HandlingUnit(
                    name=township.name + suffix,
                    short_name=township.name,
                    kind=HandlingUnit.Kind.TOWNSHIP,
                    township=township,
                )
            )
        for order, unit in enumerate(units, start=1):
            unit.order = order
            unit.contact_person = self.person(self.rng.random() < 0.4)
            unit.contact_phone = self.landline()
        self.units = self.create(HandlingUnit, units)

    def township_rows(self) -> list[Township]:
        rows = list(vocab.TOWNSHIPS[: self.scale.townships])
        taken = {name for name, _, _ in rows}
        bases = [h + t for h in vocab.PLACE_HEADS for t in vocab.PLACE_TAILS if h != t]
        self.rng.shuffle(bases)
        suffixes = {"town": "镇", "township": "乡", "street": "街道"}
        for base in bases:
            if len(rows) >= self.scale.townships:
                break
            kind = self.pick({"town": 60, "township": 35, "street": 5})
            if base + suffixes[kind] not in taken:
                taken.add(base + suffixes[kind])
                rows.append((base + suffixes[kind], kind, self.rng.uniform(0.6, 1.6)))
        self.weights = [weight for _, _, weight in rows]
        return [
            Township(
                jurisdiction=self.jurisdiction,
                name=name,
                kind=kind,
                code=f"5205{21 + i // 30:02d}{i % 30 + 1:03d}000",
                order=i + 1,
            )
            for i, (name, kind, _) in enumerate(rows)
        ]

    # ------------------------------------------------------------ liaison stations

    def build_stations(self) -> None:
        rng = self.rng
        model = set(rng.sample(range(len(self.townships)), round(len(self.townships) * MODEL_STATION_SHARE)))
        self.township_station = {}
        stations = []
        for i, township in enumerate(self.townships):
            station = LiaisonStation(
                name=f"{township.name}人大代表联络站",
                kind=StationKind.TOWNSHIP_STATION,
                township=township,
                address=self.fill(rng.choice(vocab.STATION_ADDRESSES), township),
                opening_hours=rng.choice(vocab.OPENING_HOURS),
                contact_phone=self.landline(),
                is_model=i in model,
                model_level=ModelLevel.CITY if i in model else "",
            )
            self.township_station[township.pk] = station
            stations.append(station)
        seat = self.townships[0]
        self.industry_station = LiaisonStation(
            name=f"{self.place_name}医疗卫生行业人大代表联络站",
            kind=StationKind.INDUSTRY_STATION,
            township=seat,
            address="大方县人民医院行政楼三楼",
            opening_hours="每月15日 9:00-17:00",
            contact_phone=self.landline(),
        )
        online = LiaisonStation(
            name=f"{self.place_name}人大代表网上联络站",
            kind=StationKind.ONLINE,
            address="“大方人大”微信公众号",
            opening_hours="全天",
        )
        self.create(LiaisonStation, [*stations, self.industry_station, online])

        self.rooms: dict[int, list[LiaisonStation]] = defaultdict(list)  # township pk → its village rooms
        rooms: list[LiaisonStation] = []
        names = set()
        room_counts = _allocate(self.scale.rooms, self.weights)
        model_rooms = set(rng.sample(range(self.scale.rooms), len(model)))
        for township, count in zip(self.townships, room_counts, strict=True):
            while len(self.rooms[township.pk]) < count:
                place = self.place() + ("社区" if township.kind == "street" else "村")
                name = f"{township.name}{place}人大代表联络室"
                if name in names:
                    continue
                names.add(name)
                room = LiaisonStation(
                    name=name,
                    kind=StationKind.VILLAGE_ROOM,
                    township=township,
                    parent=self.township_station[township.pk],
                    address=f"{township.name}{place}党群服务中心",
                    opening_hours=rng.choice(vocab.OPENING_HOURS),
                    is_model=len(rooms) in model_rooms,
                    model_level=ModelLevel.CITY if len(rooms) in model_rooms else "",
                )
                self.rooms[township.pk].append(room)
                rooms.append(room)
        self.create(LiaisonStation, rooms)

    # ------------------------------------------------------------ deputies

    def sectors(self, level: str, total: int) -> list[str]:
        shares = vocab.SECTOR_SHARES[level]
        sectors = [
            s for s, n in zip(shares, _allocate(total, list(shares.values())), strict=True) for _ in range(n)
        ]
        self.rng.shuffle(sectors)
        return sectors

    def build_deputies(self) -> None:
        s = self.scale
        self.county_posts = list(vocab.COUNTY_POSTS)
        self.by_township: dict[int, list[Deputy]] = defaultdict(list)
        county_sectors = iter(self.sectors(Level.COUNTY, s.county_deputies))
        township_sectors = iter(self.sectors(Level.TOWNSHIP, s.township_deputies))
        county_counts = _allocate(s.county_deputies, self.weights)
        # Streets (街道) have no people's congress of their own: township-level deputies live in 乡 and 镇.
        township_counts = _allocate(
            s.township_deputies,
            [
                0 if t.kind == Township.Kind.STREET else w
                for t, w in zip(self.townships, self.weights, strict=True)
            ],
        )
        self.county: list[Deputy] = []
        self.deputies: list[Deputy] = []
        for township, n_county, n_township in zip(
            self.townships, county_counts, township_counts, strict=True
        ):
            posts = [self.fill(p, township) for p in vocab.TOWNSHIP_POSTS_COUNTY]
            for _ in range(n_county):
                deputy = self.deputy(township, Level.COUNTY, next(county_sectors), posts)
                self.county.append(deputy)
            for _ in range(n_township):
                self.deputy(township, Level.TOWNSHIP, next(township_sectors), [])
        self.committee = self.choose_committee()
        self.demo_deputy = next(
            d
            for d in self.by_township[self.townships[min(4, len(self.townships) - 1)].pk]
            if d.level == Level.COUNTY and d.is_grassroots and d not in self.committee
        )
        self.set_statuses()
        self.create(Constituency, self.constituencies())
        self.create(Deputy, self.deputies)
        self.model_stations_staffed()
        current, previous = self.terms[18].pk, self.terms[17].pk
        pairs = [(d.pk, current) for d in self.deputies]
        pairs += [
            (d.pk, previous) for d in self.county if self.rng.random() < (0.7 if d in self.committee else 0.4)
        ]
        self.link(Deputy.terms, pairs)
        self.active = [d for d in self.deputies if d.status == DeputyStatus.ACTIVE]
        self.active_county = [d for d in self.county if d.status == DeputyStatus.ACTIVE]

    def model_stations_staffed(self) -> None:
        """A 示范 station or room is one where deputies meet people: a model place that got no (serving)
        deputies passes its title to a staffed place of its township, else of the county, of the same kind."""
        staffed = {d.station.pk for d in self.deputies if d.station and d.status == DeputyStatus.ACTIVE}
        places = [*self.township_station.values(), *(r for rooms in self.rooms.values() for r in rooms)]
        changed = []
        for place in places:
            if not place.is_model or place.pk in staffed:
                continue
            candidates = [p for p in places if p.kind == place.kind and p.pk in staffed and not p.is_model]
            heir = next((p for p in candidates if p.township_id == place.township_id), None) or next(
                iter(candidates), None
            )
            if heir is None:
                continue
            heir.is_model, heir.model_level = True, place.model_level
            place.is_model, place.model_level = False, ""
            changed += [place, heir]
        LiaisonStation.objects.bulk_update(changed, ["is_model", "model_level"])

    def deputy(self, township: Township, level: str, sector: str, posts: list[str]) -> Deputy:
        rng = self.rng
        female = rng.random() < vocab.WOMEN_SHARE[sector]
        name = self.person(female)
        age = rng.randint(*vocab.AGE_RANGE[sector])
        occupation, title = self.occupation(township, level, sector, posts)
        deputy = Deputy(
            name=name,
            name_initials=self.index(name)[0],
            name_pinyin=self.index(name)[1],
            gender="female" if female else "male",
            ethnicity=self.ethnicity(township),
            birth_date=datetime.date(ELECTION.year - age, rng.randint(1, 12), rng.randint(1, 28)),
            affiliation=self.affiliation(level, sector, age),
            education=self.pick(vocab.EDUCATION[sector]),
            occupation=occupation,
            title=title,
            sector=sector,
            is_grassroots=sector in (Sector.WORKER, Sector.FARMER, Sector.PROFESSIONAL),
            level=level,
            township=township,
            phone=self.phone(),
        )
        if "医院" in occupation or "卫生院" in occupation:
            deputy.station = (
                self.industry_station if level == Level.COUNTY else self.township_station[township.pk]
            )
        elif (
            self.rooms[township.pk]
            and (level == Level.TOWNSHIP or township.kind == Township.Kind.STREET)
            and rng.random() < 0.7
        ):
            deputy.station = rng.choice(self.rooms[township.pk])
        else:
            deputy.station = self.township_station[township.pk]
        self.by_township[township.pk].append(deputy)
        self.deputies.append(deputy)
        return deputy

    def ethnicity(self, township: Township) -> str:
        local = [e for e in vocab.MINORITIES if e in township.name]
        if local and self.rng.random() < 0.55:
            return self.rng.choice(local)
        if self.rng.random() < 0.22:
            return self.pick(vocab.MINORITIES)
        return "汉族"

    def affiliation(self, level: str, sector: str, age: int) -> str:
        roll = self.rng.random()
        if sector in (Sector.OFFICIAL, Sector.MILITARY):
            return (
                "cpc"
                if roll < 0.94 or sector == Sector.MILITARY
                else self.rng.choice([*vocab.PARTIES, "independent"])
            )
        if sector == Sector.PROFESSIONAL and roll > 0.84:
            return self.rng.choice([*vocab.PARTIES, "independent"])
        if roll < (0.5 if level == Level.COUNTY else 0.42):
            return "cpc"
        if age < 30 and roll > 0.6:
            return "cyl"
        return "masses"

    def occupation(self, township: Township, level: str, sector: str, posts: list[str]) -> tuple[str, str]:
        rng = self.rng
        if sector == Sector.OFFICIAL:
            if level == Level.COUNTY and self.county_posts and rng.random() < 0.5:
                return self.county_posts.pop(0), ""
            if posts:
                return posts.pop(0), ""
            return self.fill(rng.choice(vocab.TOWNSHIP_POSTS), township), ""
        if sector == Sector.PROFESSIONAL:
            job, title = rng.choice(vocab.PROFESSIONAL_JOBS)
            return self.fill(job, township), title
        jobs = {
            Sector.WORKER: vocab.WORKER_JOBS,
            Sector.FARMER: vocab.FARMER_JOBS,
            Sector.BUSINESS: vocab.BUSINESS_JOBS,
            Sector.MILITARY: vocab.MILITARY_POSTS,
            Sector.OTHER: vocab.OTHER_JOBS,
        }[Sector(sector)]
        return self.fill(rng.choice(jobs), township), ""

    def choose_committee(self) -> list[Deputy]:
        """1 主任, 5 副主任 and the 9 heads of offices from township officials; 15 part-time 委员 from the
        professions, business and social organisations."""
        officials = [
            d for d in self.county if d.sector == Sector.OFFICIAL and planned(d.township).name in d.occupation
        ]
        others = [
            d
            for d in self.county
            if d.sector in (Sector.PROFESSIONAL, Sector.BUSINESS, Sector.OTHER)
            and ELECTION.year - planned(d.birth_date).year >= 35
        ]
        leaders = self.rng.sample(officials, 15)
        committee = leaders + self.rng.sample(others, COMMITTEE_SIZE - 15)
        offices = [o for o in self.offices if o.kind != CommitteeOffice.Kind.SPECIAL]
        specials = [o for o in self.offices if o.kind == CommitteeOffice.Kind.SPECIAL]
        self.memberships = []
        for order, deputy in enumerate(committee):
            office = None
            if order == 0:
                position, deputy.occupation = CommitteeMembership.Position.CHAIR, "大方县人大常委会主任"
            elif order <= 5:
                position, deputy.occupation = (
                    CommitteeMembership.Position.VICE_CHAIR,
                    "大方县人大常委会副主任",
                )
                office = specials[order - 1] if order <= len(specials) else None
            else:
                position = CommitteeMembership.Position.MEMBER
                if order - 6 < len(offices):
                    office = offices[order - 6]
                    deputy.occupation = f"大方县人大常委会{office.name.removeprefix('大方县人大常委会')}主任"
            if order == 5:
                deputy.affiliation = "cdl"
            elif order < 15 or (deputy.affiliation == "masses" and self.rng.random() < 0.7):
                deputy.affiliation = "cpc"
            self.memberships.append(
                CommitteeMembership(
                    term=self.terms[18],
                    deputy=deputy,
                    position=position,
                    office=office,
                    start_date=ELECTION + datetime.timedelta(days=2),
                    order=order + 1,
                )
            )
        return committee

    def set_statuses(self) -> None:
        """A few deputies resigned or died during the term; dates and reasons are recorded."""
        keep = {id(d) for d in [*self.committee, self.demo_deputy]}
        candidates = [d for d in self.deputies if id(d) not in keep]
        changed = self.rng.sample(candidates, round(len(self.deputies) * 0.015))
        for i, deputy in enumerate(changed):
            deputy.status_date = datetime.date(2022, 3, 1) + datetime.timedelta(days=self.rng.randrange(1340))
            if i % 5 == 4:
                deputy.status, deputy.status_reason = (
                    DeputyStatus.DECEASED,
                    self.rng.choice(vocab.DEATH_REASONS),
                )
            else:
                level = "县" if deputy.level == Level.COUNTY else planned(deputy.township).name[-1]
                reason = self.rng.choice(vocab.RESIGN_REASONS).format(level=level)
                deputy.status, deputy.status_reason = DeputyStatus.RESIGNED, reason

    def constituencies(self) -> list[Constituency]:
        """County deputies are elected in constituencies of one to three seats within their township."""
        rows = []
        for township in self.townships:
            members = [d for d in self.by_township[township.pk] if d.level == Level.COUNTY]
            number = 0
            while members:
                number += 1
                seats = min(len(members), self.rng.choice([1, 2, 2, 3]))
                constituency = Constituency(
                    term=self.terms[18],
                    name=f"{township.name}第{cn_number(number)}选区",
                    township=township,
                    seats=seats,
                )
                for deputy in members[:seats]:
                    deputy.constituency = constituency
                members = members[seats:]
                rows.append(constituency)
        return rows

    # ------------------------------------------------------------ delegations, groups, the standing committee

    def build_bodies(self) -> None:
        county_of = {
            t.pk: [d for d in self.by_township[t.pk] if d.level == Level.COUNTY] for t in self.townships
        }
        delegations = [
            Delegation(
                term=self.terms[18], name=f"{t.name}代表团", township=t, leader=self.leader(county_of[t.pk])
            )
            for t in self.townships
            if county_of[t.pk]
        ]
        self.create(Delegation, delegations)
        self.link(
            Delegation.members, [(g.pk, d.pk) for g in delegations for d in county_of[planned(g.township).pk]]
        )

        self.groups = []
        group_members = []
        for township in self.townships:
            members = [d for d in county_of[township.pk] if d.status == DeputyStatus.ACTIVE]
            if members:
                group = DeputyGroup(
                    name=f"{township.name}代表小组", township=township, leader=self.leader(members)
                )
                self.groups.append(group)
                group_members.append(members)
        for name, sectors in vocab.FIELD_GROUPS:
            pool = [d for d in self.active_county if d.sector in sectors]
            members = self.rng.sample(pool, min(len(pool), self.rng.randint(10, 18)))
            self.groups.append(DeputyGroup(name=name, kind=GroupKind.FIELD, leader=members[0]))
            group_members.append(members)
        self.create(DeputyGroup, self.groups)
        self.group_members = dict(zip([g.pk for g in self.groups], group_members, strict=True))
        self.link(
            DeputyGroup.members, [(pk, d.pk) for pk, members in self.group_members.items() for d in members]
        )
        self.create(CommitteeMembership, self.memberships)

    @staticmethod
    def leader(members: list[Deputy]) -> Deputy:
        return next((d for d in members if d.sector == Sector.OFFICIAL), members[0])

    # ------------------------------------------------------------ demo accounts

    def build_users(self) -> None:
        deputies_office = next(o for o in self.offices if o.handles_deputies_affairs)
        transport = next(u for u in self.units if u.name == "县交通运输局")
        member = self.committee[15]
        keeper_station = self.township_station[planned(self.demo_deputy.township).pk]
        accounts = [
            ("admin", "系统管理员", Role.ADMIN, {"is_staff": True, "is_superuser": True}),
            ("clerk", self.person(True), Role.CLERK, {"office": deputies_office}),
            ("member", member.name, Role.MEMBER, {"deputy": member}),
            ("deputy", self.demo_deputy.name, Role.DEPUTY, {"deputy": self.demo_deputy}),
            ("unit", self.person(False), Role.UNIT, {"handling_unit": transport}),
            ("keeper", self.person(True), Role.KEEPER, {"station": keeper_station}),
        ]
        self.users = {}
        for username, full_name, role, links in accounts:
            user = User.objects.create_user(username, password=DEMO_PASSWORD, full_name=full_name, **links)
            user_roles_set(user=user, roles=[role])
            self.users[username] = user
        self.counts[str(User._meta.verbose_name)] = len(accounts)

    # ------------------------------------------------------------ reception days and activities

    def on_workday(self, day: datetime.date, forward: bool) -> datetime.date:
        """The nearest working day on or after (or before) `day`, on the official calendar."""
        if not self.workdays:
            start = self.today - datetime.timedelta(days=400)
            self.workdays = [
                d for d in (start + datetime.timedelta(days=i) for i in range(480)) if is_workday(d)
            ]
        if forward:
            return self.workdays[bisect.bisect_left(self.workdays, day)]
        return self.workdays[bisect.bisect_right(self.workdays, day) - 1]

    def build_receptions(self) -> None:
        """Township stations receive citizens monthly and rooms quarterly over the past year; some have
        announced days ahead, always at least `reception_notice_days` before the day."""
        rng, today = self.rng, self.today
        notice = rule("reception_notice_days")
        pools: dict[int, list[Deputy]] = defaultdict(list)
        for deputy in self.active:
            pools[planned(deputy.station).pk].append(deputy)
        plan = []  # (station, date, upcoming)
        for station in [*self.township_station.values(), self.industry_station]:
            plan += [
                (station, today - datetime.timedelta(days=15 + 30 * k + rng.randint(-5, 5)), False)
                for k in range(12)
            ]
            plan.append((station, today + datetime.timedelta(days=rng.randint(notice, 35)), True))
        for rooms in self.rooms.values():
            for room in rooms:
                plan += [
                    (room, today - datetime.timedelta(days=45 + 90 * k + rng.randint(-10, 10)), False)
                    for k in range(4)
                ]
                if rng.random() < 0.3:
                    plan.append((room, today + datetime.timedelta(days=rng.randint(notice, 40)), True))
        receptions, members = [], []
        keeper = self.users["keeper"]
        for station, day, upcoming in plan:
            day = self.on_workday(day, forward=upcoming)
            announced = day - datetime.timedelta(days=notice + rng.randint(0, 7))
            if upcoming:
                announced = min(announced, today - datetime.timedelta(days=1))
            morning = rng.random() < 0.6
            pool = pools[station.pk] or pools[self.township_station[station.township_id].pk]
            receptions.append(
                ReceptionDay(
                    station=station,
                    date=day,
                    start_time=datetime.time(9) if morning else datetime.time(14, 30),
                    end_time=datetime.time(12) if morning else datetime.time(17, 30),
                    topic=rng.choice(vocab.RECEPTION_TOPICS),
                    announced_at=timezone.make_aware(datetime.datetime.combine(announced, datetime.time(9))),
                    created_by=keeper if station.pk == keeper.station_id else self.users["clerk"],
                )
            )
            members.append(rng.sample(pool, min(len(pool), rng.randint(2, 4))))
        self.create(ReceptionDay, receptions)
        self.link(
            ReceptionDay.deputies,
            [(r.pk, d.pk) for r, ds in zip(receptions, members, strict=True) for d in ds],
        )

        held = [(r, ds) for r, ds in zip(receptions, members, strict=True) if r.date < today]
        activities = [
            Activity(
                kind=ActivityKind.RECEPTION,
                title=f"“{r.topic}”主题接待选民",
                date=r.date,
                place=r.station.address,
                summary=f"接待群众{rng.randint(3, 40)}人次，收集意见建议{rng.randint(1, 12)}条。",
                station=r.station,
                reception_day=r,
                created_by=r.created_by,
            )
            for r, _ in held
        ]
        self.create(Activity, activities)
        self.link(
            Activity.deputies, [(a.pk, d.pk) for a, (_, ds) in zip(activities, held, strict=True) for d in ds]
        )

    def build_activities(self) -> None:
        """A year of other duty activities: visits, surveys, inspections, group activities and trainings (the
        standing committee's sittings deputies attend are the meetings' 列席 lists, renda/demo/meetings.py)."""
        rng, today = self.rng, self.today
        clerk = self.users["clerk"]
        township_groups = [g for g in self.groups if g.kind == GroupKind.TOWNSHIP]
        rows: list[Activity] = []
        members: list[list] = []
        kinds = {
            "visit": 15,
            "survey": 20,
            "law_inspection": 5,
            "group_activity": 45,
            "training": 5,
            "other": 10,
        }
        for _ in range(self.scale.activities):
            kind = self.pick(kinds)
            day = self.on_workday(today - datetime.timedelta(days=rng.randint(1, 365)), forward=False)
            township = rng.choice(self.townships)
            activity = Activity(kind=kind, date=day, place=f"{township.name}等地")
            if kind == "group_activity":
                group = rng.choice(township_groups)
                station = self.township_station[group.township_id]
                activity.title = f"{group.name}{rng.choice(vocab.GROUP_ACTIVITIES)}"
                activity.place, activity.station = station.address, station
                pool = self.group_members[group.pk]
                chosen = rng.sample(pool, max(1, round(len(pool) * rng.uniform(0.6, 1))))
            elif kind == "training":
                activity.title, activity.place = rng.choice(vocab.TRAININGS), "大方县会议中心"
                chosen = rng.sample(self.active, rng.randint(30, 60))
            else:
                titles = {
                    "visit": vocab.VISITS,
                    "survey": vocab.SURVEYS,
                    "law_inspection": vocab.INSPECTIONS,
                    "other": vocab.OTHERS,
                }
                activity.title = rng.choice(titles[kind])
                chosen = rng.sample(self.active_county, rng.randint(8, 20))
            activity.summary = f"{len(chosen)}名代表参加。"
            rows.append(activity)
            members.append(chosen)
        for activity in rows:
            activity.created_by = clerk
        self.create(Activity, rows)
        self.link(Activity.deputies, [(a.pk, d.pk) for a, ds in zip(rows, members, strict=True) for d in ds])
