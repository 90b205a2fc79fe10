"""The citizens' opinions of the demo county (as `seed_demo` makes them) on the standing committee's dashboard:
the year in the seeds' words, by state, by channel and by township, each equal to a count of the rows."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import transaction
from django.test import override_settings
from django.urls import reverse

from renda.accounts.models import User
from renda.demo.services import SCALES, demo_seed
from renda.opinions import selectors
from renda.opinions.models import Channel, Opinion, State

URL = reverse("suggestions:dashboard")
TODAY = datetime.date(2026, 11, 23)
NOW = datetime.datetime(2026, 11, 23, 8, 30, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture(scope="module")
def county(django_db_setup, django_db_blocker):
    """The demo county of 2026-11-23 with its opinions, as `seed_demo` makes it; rolled back afterwards."""
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]),
        transaction.atomic(),
        time_machine.travel(NOW, tick=False),
    ):
        demo_seed(scale=SCALES["county"], seed=2024, today=TODAY)
        yield
        transaction.set_rollback(True)


def test_the_demo_countys_year_in_the_seeds_words(county, db, client):
    year = Opinion.objects.latest("received_on").year
    of_year = Opinion.objects.filter(year=year)
    board = selectors.year_board(year)
    figures = board.figures
    reception_or_visit = of_year.filter(channel__in=[Channel.RECEPTION, Channel.VISIT]).count()
    resolved = of_year.filter(state=State.CLOSED).exclude(resolved=False).count()
    assert (figures.received, figures.collected, figures.resolved) == (
        reception_or_visit,
        of_year.count(),
        resolved,
    )
    assert figures.forwarded == of_year.filter(assignments__isnull=False).distinct().count() > 0
    assert 0 < figures.resolved < figures.collected and 0 < figures.received < figures.collected
    assert sum(n for _, n in board.by_state) == sum(n for _, n in board.by_channel) == figures.collected
    assert dict(board.by_state)["已办结"] == of_year.filter(state=State.CLOSED).count()
    assert dict(board.by_channel)["网上反映"] == of_year.filter(channel=Channel.ONLINE).count()
    collected = [place.collected for place in board.townships]
    assert collected == sorted(collected, reverse=True) and len(collected) <= selectors.TOWNSHIPS_SHOWN
    for place in board.townships:
        assert place.collected == of_year.filter(township_id=place.township_id).count()

    client.force_login(User.objects.get(username="clerk"))
    response = client.get(URL, {"year": year})
    text = response.content.decode()
    assert response.status_code == 200
    assert (
        f"{year}年接待群众{figures.received}人次，收集意见建议{figures.collected}条，"
        f"推动解决{figures.resolved}件。" in text
    )
    for chart in ("chart-opinion-states", "chart-opinion-channels", "chart-opinion-townships"):
        assert f'data-chart="{chart}"' in text
    assert board.townships[0].name in text
