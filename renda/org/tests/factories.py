import datetime

import factory

from renda.org.models import (
    CommitteeMembership,
    CommitteeOffice,
    CommitteeOfficeMembership,
    CongressSession,
    HandlingUnit,
    Jurisdiction,
    Term,
    Township,
)


class JurisdictionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Jurisdiction
        django_get_or_create = ("code",)

    name = "大方县"
    code = "520521"
    congress_name = "大方县人民代表大会"


class TownshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Township

    jurisdiction = factory.SubFactory(JurisdictionFactory)
    name = factory.Sequence(lambda n: f"第{n}镇")
    order = factory.Sequence(lambda n: n)


class TermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Term
        django_get_or_create = ("jurisdiction", "number")

    jurisdiction = factory.SubFactory(JurisdictionFactory)
    number = 18
    start_date = datetime.date(2021, 12, 28)
    is_current = True


class CongressSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CongressSession

    term = factory.SubFactory(TermFactory)
    number = factory.Sequence(lambda n: n + 1)
    start_date = datetime.date(2023, 1, 10)


class CommitteeOfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommitteeOffice
        django_get_or_create = ("name",)

    name = "代表工作委员会"
    kind = CommitteeOffice.Kind.WORKING
    handles_deputies_affairs = True


class HandlingUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HandlingUnit

    name = factory.Sequence(lambda n: f"县第{n}局")
    kind = HandlingUnit.Kind.GOVERNMENT


class CommitteeMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommitteeMembership

    term = factory.SubFactory(TermFactory)
    deputy = factory.SubFactory("renda.deputies.tests.factories.DeputyFactory")
    position = CommitteeMembership.Position.MEMBER
    start_date = datetime.date(2021, 12, 28)


class CommitteeOfficeMembershipFactory(factory.django.DjangoModelFactory):
    """A seat on a special committee; the deputy is made a deputy of the term, as the service requires."""

    class Meta:
        model = CommitteeOfficeMembership
        skip_postgeneration_save = True

    office = factory.SubFactory(
        CommitteeOfficeFactory, name="财政经济委员会", short_name="财经委", kind=CommitteeOffice.Kind.SPECIAL
    )
    term = factory.SubFactory(TermFactory)
    deputy = factory.SubFactory("renda.deputies.tests.factories.DeputyFactory")
    position = CommitteeOfficeMembership.Position.MEMBER
    start_date = datetime.date(2021, 12, 30)

    @factory.post_generation
    def of_the_term(self, create, extracted, **kwargs):
        if create:
            self.deputy.terms.add(self.term)
