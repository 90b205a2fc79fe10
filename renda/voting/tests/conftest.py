import pytest

from renda.core.roles import Role
from renda.voting import services
from renda.voting.models import VoteEvent


@pytest.fixture
def voters(db):
    """make(n) → n users, each a deputy with an account (no password: hashing one takes long)."""
    from django.contrib.auth.models import Group

    from renda.accounts.models import User
    from renda.deputies.tests.factories import DeputyFactory
    from renda.org.tests.factories import TownshipFactory

    def make(n: int) -> list:
        township = TownshipFactory()
        group, _ = Group.objects.get_or_create(name=Role.DEPUTY)
        users = [
            User.objects.create(username=f"voter-{d.pk}", full_name=d.name, deputy=d, password="!")
            for d in DeputyFactory.create_batch(n, township=township)
        ]
        for user in users:
            user.groups.add(group)
        return users

    return make


@pytest.fixture
def new_vote(clerk):
    """new_vote(users, **options) → a vote among the users' deputies, opened unless open=False."""

    def make(users, *, open: bool = True, **options):
        options.setdefault("method", VoteEvent.Method.NAMED)
        options.setdefault("threshold", VoteEvent.Threshold.ALL_MAJORITY)
        options.setdefault("entitled", len(users))
        options.setdefault("title", "关于开展第八个五年法治宣传教育的决议（草案）")
        event = services.vote_event_create(
            subject=None, electorate=[u.deputy for u in users], actor=clerk, **options
        )
        return services.vote_open(event=event, actor=clerk) if open else event

    return make


def cast(event, user, choice):
    services.ballot_cast(event=event, deputy=user.deputy, choice=choice, actor=user)
