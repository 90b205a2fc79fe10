"""The API: the same services and rules as the pages — list, detail, open, cast, close, tally, result; a vote
the user may not see is 404, a move the state does not allow 409."""

import pytest
from rest_framework.test import APIClient

from renda.voting.models import VoteEvent

pytestmark = pytest.mark.django_db


def test_a_vote_through_the_api(voters, new_vote, clerk):
    users = voters(3)
    event = new_vote(users, entitled=5, open=False, chain_key="meeting:7")
    api = APIClient()
    base = f"/api/v1/voting/votes/{event.pk}/"
    api.force_authenticate(users[0])
    assert api.get(base).status_code == 404  # not opened yet: not the voters' to see
    api.force_authenticate(clerk)
    detail = api.get(base).json()
    assert [a["name"] for a in detail["available_actions"]] == ["open"] and detail["present"] == 3
    assert api.post(base + "open/").json()["state"] == "open"
    assert api.post(base + "open/").status_code == 409
    for user, choice in zip(users, ["yes", "yes", "abstain"], strict=True):
        api.force_authenticate(user)
        assert api.get(base).json()["i_may_vote"] is True
        assert api.post(base + "cast/", {"choice": choice}, format="json").status_code == 200
    again = api.post(base + "cast/", {"choice": "no"}, format="json")
    assert again.status_code == 400 and "不能更改" in str(again.json())
    assert api.post(base + "close/").status_code == 403
    assert api.get("/api/v1/voting/votes/").json()["count"] == 1
    api.force_authenticate(clerk)
    assert api.post(base + "close/").json()["state"] == "closed"
    result = api.get(base + "result/").json()
    assert result["text"] == "应到5人，实到3人，赞成2票，反对0票，弃权1票，未表决0人，未通过"
    assert len(result["ballots"]["赞成"]) == 2 and len(result["ballots"]["弃权"]) == 1
    outsider = voters(1)[0]
    api.force_authenticate(outsider)
    assert api.get(base).status_code == 404 and api.post(base + "cast/", {"choice": "yes"}).status_code == 404
    # a paper vote's tally, checked
    paper = new_vote(users, method=VoteEvent.Method.PAPER)
    api.force_authenticate(clerk)
    url = f"/api/v1/voting/votes/{paper.pk}/tally/"
    bad = api.post(url, {"issued": 3, "returned": 3, "counts": {"yes": 3, "no": 1}}, format="json")
    assert bad.status_code == 400 and "counts" in bad.json()
    good = api.post(url, {"issued": 3, "returned": 3, "counts": {"yes": 3}}, format="json")
    assert good.status_code == 200
    api.post(f"/api/v1/voting/votes/{paper.pk}/close/")
    assert api.get(f"/api/v1/voting/votes/{paper.pk}/result/").json()["passed"] is True
