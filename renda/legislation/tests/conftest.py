"""A draft of four articles in two chapters, received by the office; the consultation opens on OPEN."""

import datetime

import pytest

from renda.core import clock
from renda.legislation import services
from renda.legislation.models import DraftLevel

RECEIVED = datetime.date(2026, 3, 2)
OPEN = datetime.date(2026, 3, 3)
CLOSE = OPEN + datetime.timedelta(days=29)  # the 30th day, both ends counted

TEXT = """中华人民共和国治安管理处罚法（修订草案）
第一章 总则
第一条 为了维护社会治安秩序，保障公共安全，制定本法。
第二条 治安管理工作坚持中国共产党的领导。
第二章 处罚的种类和适用
第三条 治安管理处罚的种类分为：
（一）警告；
（二）罚款；
（三）行政拘留。
对违反治安管理的外国人，可以附加适用限期出境。
第四条 不满十四周岁的人违反治安管理的，不予处罚，但是应当责令其监护人严加管教。
"""

# the second version: 第二条 changed, 第三条 and 第四条 swapped (moved), a new 第五条, old 第一条 deleted
TEXT_2 = """第一章 总则
第一条 治安管理工作坚持中国共产党的领导，坚持综合治理。
第二章 处罚的种类和适用
第二条 不满十四周岁的人违反治安管理的，不予处罚，但是应当责令其监护人严加管教。
第三条 治安管理处罚的种类分为：
（一）警告；
（二）罚款；
（三）行政拘留。
对违反治安管理的外国人，可以附加适用限期出境。
第四条 公安机关应当依法保护个人信息，不得泄露。
"""


def at(day: datetime.date):
    return clock.at(datetime.datetime.combine(day, datetime.time(10), tzinfo=datetime.UTC))


@pytest.fixture
def draft(clerk):
    with at(RECEIVED):
        return services.draft_receive(
            title="治安管理处罚法（修订草案）", issuing_body="全国人大常委会法工委", level=DraftLevel.NATIONAL,
            received_on=RECEIVED, report_due=datetime.date(2026, 4, 10), text=TEXT, actor=clerk,
        )  # fmt: skip


@pytest.fixture
def consulting(draft, clerk, keeper):
    with at(OPEN):
        return services.draft_open(
            draft=draft, opens_on=OPEN, closes_on=CLOSE, stations=[keeper.station], actor=clerk
        )
