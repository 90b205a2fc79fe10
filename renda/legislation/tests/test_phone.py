"""Phones (390 px) in a real browser: the citizen's lookup by tracking code, the public draft after sending, and
the keeper's list of their station's 信息员 fit the width (core/tests/test_phone.py's checks)."""

import pytest
from django.urls import reverse

from renda.core.tests.test_phone import PROBLEMS
from renda.legislation import services
from renda.legislation.models import LiaisonRole
from renda.legislation.tests.conftest import OPEN, at

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_tracking_and_liaison_pages_fit_a_phone(live_server, open_page, consulting, clerk, keeper):
    with at(OPEN):
        comment = services.comment_submit_public(
            draft=consulting, content="建议明确监护人的管教措施，并规定不履行管教义务的法律责任。"
        )
    for name in ("欧阳建华", "司马秀英"):
        services.liaison_create(
            name=name, role=LiaisonRole.INFORMANT, station=keeper.station, expertise="社区治理、人民调解",
            organisation="羊场镇凤坝村村民委员会", phone="13912345678", actor=clerk,
        )  # fmt: skip
    page = open_page()
    problems = []
    for path in (f"{reverse('legislation_public:track')}?code={comment.tracking_code}",):
        page.goto(f"{live_server.url}{path}")
        assert "写入报送意见" in page.content()
        problems += [f"{path}: {p}" for p in page.evaluate(PROBLEMS)]
    page.context.close()
    page = open_page(keeper)
    path = reverse("legislation:liaisons")
    page.goto(f"{live_server.url}{path}")
    assert "欧阳建华" in page.content()
    problems += [f"{path}: {p}" for p in page.evaluate(PROBLEMS)]
    page.context.close()
    assert problems == []
