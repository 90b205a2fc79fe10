"""The citizens' opinions on the standing committee's dashboard (驾驶舱): the year in the seeds' words
(接待群众X人次，收集意见建议X条，推动解决X件), counts by state and channel and the townships with most, computed in
the database in a fixed number of queries; on a fresh install with no opinions (the demo county:
test_dashboard_demo.py)."""

import datetime
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from renda.opinions import selectors, services
from renda.opinions.models import Channel, Opinion
from renda.opinions.tests.test_opinions import forwarded, taken

URL = reverse("suggestions:dashboard")
TODAY = datetime.date(2026, 11, 23)


@pytest.mark.django_db
def test_a_fresh_install_with_no_opinions_renders_the_dashboard(client, clerk):
    client.force_login(clerk)
    response = client.get(URL, {"year": TODAY.year})
    assert response.status_code == 200
    text = response.content.decode()
    assert "群众意见" in text and f"{TODAY.year}年尚无群众意见。" in text
    board = selectors.year_board(TODAY.year)
    assert (board.figures.collected, board.by_state, board.by_channel, board.townships) == (0, [], [], [])


@pytest.mark.django_db
def test_the_seeds_three_numbers_of_the_year(keeper, officer, township):
    """Received counts reception days and visits; resolved counts closed opinions not told unresolved
    (answered on the spot or resolved at 回访); other years are left out."""
    taken(keeper)
    spot = taken(keeper, channel=Channel.VISIT)
    services.opinion_answer_on_spot(opinion=spot, answer="已当场解释政策。", actor=keeper)
    services.opinion_submit_online(
        title="北街垃圾清运不及时", content="垃圾桶满了没人收。", citizen_phone="13812345678",
        township=township, consent=True,
    )  # fmt: skip
    forwarded(keeper, officer)
    taken(keeper, received_on=datetime.date(TODAY.year - 1, 6, 1))
    year = spot.year
    board = selectors.year_board(year)
    assert board.figures.sentence == "接待群众3人次，收集意见建议4条，推动解决1件"
    assert board.figures.forwarded == 1
    assert dict(board.by_state) == {"待处理": 2, "转办中": 1, "已办结": 1}
    assert dict(board.by_channel) == {"接待日": 2, "走访": 1, "网上反映": 1}
    assert [(p.name, p.received, p.collected, p.resolved) for p in board.townships] == [("城关镇", 3, 4, 1)]


@pytest.mark.django_db
def test_the_dashboard_takes_the_same_queries_for_n_and_3n_opinions(
    client, clerk, keeper, officer, django_assert_num_queries
):
    """House rule 10: statistics in the database, a fixed number of queries whatever the number of rows."""
    client.force_login(clerk)
    taken(keeper)
    forwarded(keeper, officer)
    year = {"year": Opinion.objects.first().year}
    client.get(URL, year)
    with CaptureQueriesContext(connection) as before:
        assert client.get(URL, year).status_code == 200
    for _ in range(2):
        taken(keeper, channel=Channel.VISIT)
        forwarded(keeper, officer)
    with django_assert_num_queries(len(before.captured_queries)):
        client.get(URL, year)
    with django_assert_num_queries(3):
        selectors.year_board(year["year"])


@pytest.mark.django_db
def test_the_section_is_for_those_who_read_every_opinion(client, clerk):
    """The dashboard's readers all read every opinion today; one without the capability sees no section."""
    client.force_login(clerk)
    with mock.patch("renda.suggestions.views.stats.can", return_value=False):
        text = client.get(URL).content.decode()
    assert "opinions-title" not in text and "接待群众" not in text
