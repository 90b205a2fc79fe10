"""The people of citizens' opinions: a township with its station and keeper, another station's keeper, a deputy
stationed there, the office, two departments."""

import pytest

from renda.core.roles import Role


@pytest.fixture
def township(db):
    from renda.org.tests.factories import TownshipFactory

    return TownshipFactory(name="城关镇")


@pytest.fixture
def station(township):
    from renda.deputies.tests.factories import LiaisonStationFactory

    return LiaisonStationFactory(name="城关镇人大代表联络站", township=township)


@pytest.fixture
def keeper(make_user, station):
    return make_user(Role.KEEPER, station=station, email="keeper@renda.test")


@pytest.fixture
def other_keeper(make_user):
    from renda.deputies.tests.factories import LiaisonStationFactory

    return make_user(Role.KEEPER, station=LiaisonStationFactory(name="河西乡联络站"))


@pytest.fixture
def deputy(make_user, station):
    from renda.deputies.tests.factories import DeputyFactory

    return make_user(Role.DEPUTY, deputy=DeputyFactory(station=station))


@pytest.fixture
def office(make_user):
    from renda.org.tests.factories import CommitteeOfficeFactory

    return make_user(Role.CLERK, office=CommitteeOfficeFactory(), email="office@renda.test")


@pytest.fixture
def officer(make_user):
    from renda.org.tests.factories import HandlingUnitFactory

    return make_user(
        Role.UNIT, handling_unit=HandlingUnitFactory(name="县住房和城乡建设局"), email="zj@renda.test"
    )


@pytest.fixture
def other_officer(make_user):
    from renda.org.tests.factories import HandlingUnitFactory

    return make_user(Role.UNIT, handling_unit=HandlingUnitFactory(name="县交通运输局"))


@pytest.fixture(autouse=True)
def _redirect_reasons(db):
    """The reasons migration 0002 seeds (a test database flushed by an earlier transactional test lacks them)."""
    from renda.opinions.models import DEFAULT_REDIRECT_REASONS, RedirectReason

    for label, referral in DEFAULT_REDIRECT_REASONS:
        RedirectReason.objects.get_or_create(label=label, defaults={"referral": referral})
