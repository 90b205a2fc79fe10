"""The people of duty records: a township with its station and keeper, a deputy stationed there and a colleague,
another station's keeper, the office, a committee member, a handling unit's officer. Time stands at TODAY."""

import datetime

import pytest

from renda.core.roles import Role

TODAY = datetime.datetime(2025, 6, 10, 10, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=8)))


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(TODAY, tick=False)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def township(db):
    from renda.org.tests.factories import TownshipFactory

    return TownshipFactory(name="城关镇")


@pytest.fixture
def term(db):
    from renda.org.tests.factories import TermFactory

    return TermFactory(start_date=datetime.date(2021, 12, 28), end_date=datetime.date(2026, 12, 27))


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


def _deputy(make_user, station, term, name: str, **fields):
    from renda.deputies.tests.factories import DeputyFactory

    deputy = DeputyFactory(name=name, station=station, township=station.township, **fields)
    deputy.terms.add(term)
    return make_user(Role.DEPUTY, deputy=deputy, email=f"{deputy.pk}@renda.test")


@pytest.fixture
def deputy(make_user, station, term):
    return _deputy(
        make_user, station, term, "王秀英", phone="13912345678", occupation="城关镇北街社区党委书记"
    )


@pytest.fixture
def colleague(make_user, station, term):
    return _deputy(make_user, station, term, "李建国")


@pytest.fixture
def office(make_user):
    from renda.org.tests.factories import CommitteeOfficeFactory

    return make_user(Role.CLERK, office=CommitteeOfficeFactory(), email="office@renda.test")


@pytest.fixture
def committee_member(make_user):
    return make_user(Role.MEMBER)


@pytest.fixture
def officer(make_user):
    from renda.org.tests.factories import HandlingUnitFactory

    return make_user(Role.UNIT, handling_unit=HandlingUnitFactory(name="县交通运输局"))
