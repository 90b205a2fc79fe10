"""A vote in a real browser: the voter at phone size (390 × 844) taps 赞成, confirms and sees 已表决; the hall
screen, open in another context, shows 已表决 1 / 2 and then the result without being reloaded (htmx polling
under the platform's CSP)."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from renda.accounts.models import User
from renda.accounts.tests.factories import PASSWORD
from renda.core.roles import Role
from renda.voting import services
from renda.voting.models import VoteEvent

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH = 390


def test_a_voter_votes_on_the_phone_and_the_hall_screen_follows(live_server, open_page, make_user, voters):
    from playwright.sync_api import expect

    clerk = make_user(Role.CLERK)
    voter = voters(2)[0]
    voter.set_password(PASSWORD)
    voter.save()
    voter.groups.add(Group.objects.get(name=Role.DEPUTY))
    event = services.vote_event_create(
        subject=None,
        title="关于开展第八个五年法治宣传教育的决议",
        method=VoteEvent.Method.SECRET,
        threshold=VoteEvent.Threshold.ALL_MAJORITY,
        entitled=3,
        electorate=[u.deputy for u in User.objects.filter(deputy__isnull=False)],
        actor=clerk,
    )
    services.vote_open(event=event, actor=clerk)

    screen = open_page(clerk, 1280, 720)
    screen.goto(f"{live_server.url}{reverse('voting:screen', args=[event.pk])}")
    expect(screen.get_by_test_id("screen-count")).to_have_text("已表决 0 / 2")

    phone = open_page(voter)
    phone.goto(f"{live_server.url}{reverse('voting:vote', args=[event.pk])}")
    phone.get_by_role("button", name="赞成").click()
    expect(phone.get_by_test_id("chosen")).to_have_text("赞成")
    assert phone.evaluate("document.documentElement.scrollWidth") <= WIDTH
    phone.get_by_role("button", name="确认表决").click()
    expect(phone.get_by_test_id("voted")).to_have_text("已表决")
    assert phone.get_by_role("button", name="赞成").count() == 0

    expect(screen.get_by_test_id("screen-count")).to_have_text("已表决 1 / 2", timeout=3000)
    services.vote_close(event=event, actor=clerk)
    expect(screen.get_by_test_id("screen-result")).to_contain_text("赞成1票", timeout=3000)
