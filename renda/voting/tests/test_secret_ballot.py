"""Secret ballots must not be linkable to the voter (RULES.md, meetings and votes), by anyone, the database
administrator included, after the vote: what is stored of a secret vote is the same whoever chose what."""

import pytest
from django.db import connection, models

from renda.accounts.models import User
from renda.deputies.models import Deputy
from renda.voting import services
from renda.voting.models import Ballot, BallotChoice, VoteEvent, VoteLog, VoteOption, Voter
from renda.voting.tests.conftest import cast

pytestmark = pytest.mark.django_db
ON_POSTGRES = connection.vendor == "postgresql"


def _stored(event: VoteEvent) -> dict:
    """Every stored row of the vote, in physical order on PostgreSQL (ctid), keys made relative."""
    order = "ctid" if ON_POSTGRES else "id"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, deputy_id, has_voted FROM voting_voter WHERE event_id = %s ORDER BY {order}",
            [event.pk],
        )
        voters = cursor.fetchall()
        cursor.execute(
            'SELECT id, code, label, count, "order" FROM voting_voteoption'
            f" WHERE event_id = %s ORDER BY {order}",
            [event.pk],
        )
        options = cursor.fetchall()
    first_voter, first_option = voters[0][0], options[0][0]
    return {
        "voters": [(pk - first_voter, deputy, voted) for pk, deputy, voted in voters],
        "options": [(pk - first_option, *rest) for pk, *rest in options],
        "ballots": Ballot.objects.filter(voter__event=event).count(),
        "log": list(VoteLog.objects.filter(event=event).values_list("action", "note")),
        "result": services.vote_result(event).text,
    }


def _xmins(table: str, event: VoteEvent) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT xmin::text FROM {table} WHERE event_id = %s", [event.pk])
        return {row[0] for row in cursor.fetchall()}


def test_secret_ballots_cannot_be_rejoined_with_their_voters(voters, new_vote, clerk):
    users = voters(4)
    # the same voters cast in the same order; who chose what differs, the choices taken together do not
    plans = [["yes", "no", "abstain", "yes"], ["no", "yes", "yes", "abstain"]]
    events = [new_vote(users, method=VoteEvent.Method.SECRET, entitled=5, title="任命") for _ in plans]
    for event, plan in zip(events, plans, strict=True):
        for user in reversed(users):  # cast against the order of the voters' keys
            cast(event, user, plan[users.index(user)])
        if ON_POSTGRES:  # each cast wrote its voter's row in its own (sub)transaction
            assert len(_xmins("voting_voter", event)) == len(users)
        services.vote_close(event=event, actor=clerk)
    # what is stored of the two votes is the same: nothing tells who chose what
    first, second = (_stored(event) for event in events)
    assert first == second
    assert first["ballots"] == 0 and BallotChoice.objects.filter(ballot__voter__event__in=events).count() == 0
    assert [d for _, d, _ in first["voters"]] == sorted(
        u.deputy_id for u in users
    )  # rows in the deputies' order
    assert first["result"] == "应到5人，实到4人，赞成2票，反对1票，弃权1票，未表决0人，未通过"
    # the digest chained into the record holds the counts and who took part, not who chose what
    assert events[0].record.digest != events[1].record.digest  # the votes' keys differ…
    # …the tables that hold choices reference no deputy or user and carry no time
    for model in (VoteOption, Voter):
        for field in model._meta.get_fields():
            if model is VoteOption:
                assert not (field.is_relation and field.related_model in (Deputy, User)), field
            assert not isinstance(field, (models.DateTimeField, models.DateField)), field
    assert {f.name for f in VoteOption._meta.concrete_fields} == {
        "id",
        "event",
        "code",
        "label",
        "order",
        "count",
    }
    assert list(first["log"][i][0] for i in range(3)) == ["发起表决", "开始表决", "结束表决"]
    if ON_POSTGRES:
        # every voter row and counter of the vote was last written by the close transaction
        for event in events:
            [close_xid] = _xmins("voting_voter", event)
            assert _xmins("voting_voteoption", event) == {close_xid}
            assert _xmins("voting_voterecord", event) == {close_xid}
