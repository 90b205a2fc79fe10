"""A vote closing while its voters cast (threads on PostgreSQL, each with its own connection): every cast either
counts or is refused as too late, and the closed result counts exactly the casts that were accepted."""

import pytest
from django.core.exceptions import ValidationError

from renda.core.tests.concurrency import postgres_only, race  # noqa: F401 - postgres_only is a fixture
from renda.voting import services
from renda.voting.models import Ballot, State, VoteEvent, Voter
from renda.voting.tests.conftest import cast

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("postgres_only")]


@pytest.mark.parametrize("method", [VoteEvent.Method.SECRET, VoteEvent.Method.NAMED])
def test_closing_while_voters_cast_counts_exactly_the_accepted_ballots(voters, new_vote, clerk, method):
    users = voters(12)
    event = new_vote(users, method=method)
    choices = ["yes", "no", "abstain"]
    calls = [lambda u=u, i=i: cast(event, u, choices[i % 3]) for i, u in enumerate(users)]
    calls.insert(6, lambda: services.vote_close(event=event, actor=clerk))

    results = race(*calls)

    closed = results.pop(6)
    assert isinstance(closed, VoteEvent), closed
    accepted = sum(r is None for r in results)
    refused = [r for r in results if r is not None]
    assert all(isinstance(r, ValidationError) and r.code == "invalid_transition" for r in refused), refused
    event.refresh_from_db()
    assert event.state == State.CLOSED
    result = services.vote_result(event)
    assert result.voted == accepted == Voter.objects.filter(event=event, has_voted=True).count()
    assert sum(option.count for option in result.counts) == accepted
    if method == VoteEvent.Method.NAMED:
        assert Ballot.objects.filter(voter__event=event).count() == accepted
    # After the close nothing more is counted.
    with pytest.raises(ValidationError):
        cast(event, users[0], "yes")
    assert services.vote_result(event).voted == accepted
