"""The lists and the hot-topic page take a fixed number of queries whatever the number of opinions (house rule
10; at province scale see bench/opinions.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from renda.core import clock
from renda.opinions.tests.test_opinions import forwarded, taken

pytestmark = pytest.mark.django_db

TEXTS = [
    ("城关镇北街路灯不亮", "北街路灯坏了一个多月，晚上出行不便，希望尽快维修路灯。"),
    ("新寨村通组路破损", "进组路坑洼不平，下雨天积水，希望尽快修补路面。"),
    ("中心社区垃圾清运不及时", "垃圾桶满了没人收，气味很大，希望增加清运次数。"),
]


def _opinions(keeper, officer, n: int) -> None:
    """`n` opinions of every kind of row the pages read: to triage, forwarded, collected by a deputy or not."""
    for i in range(n):
        title, content = TEXTS[i % len(TEXTS)]
        if i % 2:
            forwarded(keeper, officer, title=title, content=content)
        else:
            taken(keeper, title=title, content=content)


PAGES = [
    ("opinions:list", {}),
    ("opinions:list", {"state": "handling", "page": "1"}),
    ("opinions:topics", {}),
]


@pytest.mark.parametrize("who", ["office", "keeper"])
def test_lists_and_hot_topics_take_the_same_queries_for_n_and_3n_opinions(
    client, keeper, officer, office, who, django_assert_num_queries
):
    client.force_login({"office": office, "keeper": keeper}[who])
    year = {"year": clock.today().year}
    _opinions(keeper, officer, 2)
    counts = {}
    for name, query in PAGES:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse(name), query | year).status_code == 200
        counts[name, tuple(query)] = len(captured.captured_queries)
    _opinions(keeper, officer, 4)  # 2 → 6
    for name, query in PAGES:
        with django_assert_num_queries(counts[name, tuple(query)]):
            client.get(reverse(name), query | year)
