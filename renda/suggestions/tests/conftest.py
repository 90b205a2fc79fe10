"""People of the suggestions workflow: two deputies, two handling units (one with two officers), a chairperson.
Everyone has an e-mail address, so tests can count mail as well as in-app messages."""

import datetime

import pytest

from renda.core.roles import Role


@pytest.fixture
def deputy(make_user):
    """The lead deputy's user."""
    from renda.deputies.tests.factories import DeputyFactory

    return make_user(Role.DEPUTY, deputy=DeputyFactory(), email="lead@renda.test")


@pytest.fixture
def other_deputy(make_user):
    from renda.deputies.tests.factories import DeputyFactory

    return make_user(Role.DEPUTY, deputy=DeputyFactory(), email="other@renda.test")


@pytest.fixture
def office(make_user):
    """A clerk of the deputies' affairs committee."""
    from renda.org.tests.factories import CommitteeOfficeFactory

    return make_user(Role.CLERK, office=CommitteeOfficeFactory(), email="office@renda.test")


@pytest.fixture
def officer(make_user):
    """An officer of a handling unit."""
    from renda.org.tests.factories import HandlingUnitFactory

    return make_user(Role.UNIT, handling_unit=HandlingUnitFactory(name="县交通运输局"), email="jt@renda.test")


@pytest.fixture
def colleague(make_user, officer):
    """A second officer of the same unit."""
    return make_user(Role.UNIT, handling_unit=officer.handling_unit, email="jt2@renda.test")


@pytest.fixture
def other_officer(make_user):
    from renda.org.tests.factories import HandlingUnitFactory

    return make_user(
        Role.UNIT, handling_unit=HandlingUnitFactory(name="县住房和城乡建设局"), email="zj@renda.test"
    )


@pytest.fixture
def committee_member(make_user):
    return make_user(Role.MEMBER, email="member@renda.test")


@pytest.fixture
def chairpersons(db):
    """A vice-chairperson (member of the Council of Chairpersons) and an ordinary member of the committee."""
    from renda.deputies.tests.factories import DeputyFactory
    from renda.org.models import CommitteeMembership
    from renda.org.tests.factories import TermFactory

    term = TermFactory()
    start = datetime.date(2022, 1, 1)
    vice = CommitteeMembership.objects.create(
        term=term, deputy=DeputyFactory(), position=CommitteeMembership.Position.VICE_CHAIR, start_date=start
    )
    plain = CommitteeMembership.objects.create(
        term=term, deputy=DeputyFactory(), position=CommitteeMembership.Position.MEMBER, start_date=start
    )
    return vice, plain
