"""Hot topics (热点问题): the rising terms count the terms of the opinions the reader sees — every opinion for the
office, the station's for a keeper."""

import pytest

from renda.core import clock
from renda.opinions import selectors
from renda.opinions.tests.test_opinions import taken

pytestmark = pytest.mark.django_db

LIGHTS = ("北街路灯不亮", "北街路灯坏了一个多月，晚上出行不便，希望尽快维修路灯。")


def _rising(user) -> dict[str, int]:
    found = selectors.hot_topics(selectors.opinions_visible_to(user), year=clock.today().year)
    return {row["term"]: row["now"] for row in found["rising"]}


def test_the_office_counts_every_stations_terms_and_a_keeper_their_own(keeper, other_keeper, office):
    for who in (keeper, keeper, other_keeper, other_keeper, other_keeper):
        taken(who, title=LIGHTS[0], content=LIGHTS[1])
    assert _rising(office)["路灯"] == 5
    assert _rising(keeper)["路灯"] == 2
    assert _rising(other_keeper)["路灯"] == 3
