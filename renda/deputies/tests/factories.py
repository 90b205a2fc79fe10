import datetime

import factory

from renda.deputies.choices import Gender, Level, Sector, StationKind
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
from renda.org.tests.factories import TermFactory, TownshipFactory


class LiaisonStationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LiaisonStation

    name = factory.Sequence(lambda n: f"第{n}代表联络站")
    kind = StationKind.TOWNSHIP_STATION
    township = factory.SubFactory(TownshipFactory)
    address = "县城人民路1号"
    opening_hours = "工作日 9:00-17:00"


class DeputyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Deputy

    name = factory.Sequence(lambda n: f"张{'一二三四五六七八九'[n % 9]}{n}")
    gender = Gender.MALE
    birth_date = datetime.date(1975, 5, 1)
    sector = Sector.FARMER
    level = Level.COUNTY
    township = factory.SubFactory(TownshipFactory)
    phone = factory.Sequence(lambda n: f"138{n:08d}")

    @factory.lazy_attribute
    def name_initials(self):
        return name_index(self.name)[0]

    @factory.lazy_attribute
    def name_pinyin(self):
        return name_index(self.name)[1]


class DeputyGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DeputyGroup

    name = factory.Sequence(lambda n: f"第{n}代表小组")


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    kind = "visit"
    title = "视察农村公路建设"
    date = datetime.date(2024, 5, 8)


class ConstituencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Constituency

    term = factory.SubFactory(TermFactory)
    name = factory.Sequence(lambda n: f"第{n}选区")


class DelegationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delegation

    term = factory.SubFactory(TermFactory)
    name = factory.Sequence(lambda n: f"第{n}代表团")


class ReceptionDayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReceptionDay
        skip_postgeneration_save = True

    station = factory.SubFactory(LiaisonStationFactory)
    date = datetime.date(2024, 5, 20)
    start_time = datetime.time(9, 0)
    end_time = datetime.time(11, 30)
    topic = "听取群众对农村公路建设的意见"
    announced_at = datetime.datetime(2024, 5, 10, 9, 0, tzinfo=datetime.UTC)

    @factory.post_generation
    def deputies(self, create, extracted, **kwargs):
        if create and extracted:
            self.deputies.set(extracted)
