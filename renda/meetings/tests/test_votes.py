"""An agenda item's vote (renda.voting) created from its meeting: all members entitled, the members signed in
as the electorate, a majority of ALL members to pass, no vote opened without a quorum."""

import pytest
from django.core.exceptions import ValidationError

from renda.core.roles import Role
from renda.meetings import services
from renda.meetings.models import ItemKind, ResolutionKind, ResolutionState
from renda.meetings.tests.conftest import sign_in
from renda.voting import services as voting
from renda.voting.models import YES, VoteEvent


def test_resolution_fails_without_a_majority_of_all_members(meeting, committee, office, make_user):
    """【国】 地方组织法: a resolution of the standing committee needs a majority of ALL members (25 → 13 yes):
    12 of the 13 present voting yes is not enough. And no vote opens without a quorum."""
    item = services.agenda_item_add(meeting=meeting, kind=ItemKind.RESOLUTION, title="决议草案", actor=office)
    draft = services.resolution_draft(
        item=item, kind=ResolutionKind.RESOLUTION, title="关于某事项的决议", text="全文", actor=office
    )
    meeting = services.meeting_convene(meeting=meeting, actor=office)
    sign_in(meeting, committee[:12], office)
    early = services.item_vote_create(item=item, method=VoteEvent.Method.NAMED, actor=office)
    for open_vote in (services.item_vote_open, voting.vote_open):  # from the meeting or from the voting pages
        with pytest.raises(ValidationError) as refused:
            open_vote(event=early, actor=office)
        assert refused.value.code == "no_quorum"
    sign_in(meeting, committee[12:13], office)
    event = services.item_vote_create(item=item, method=VoteEvent.Method.NAMED, actor=office)
    assert (event.entitled, event.threshold, event.chain_key) == (25, "all_majority", f"meeting:{meeting.pk}")
    event = services.item_vote_open(event=event, actor=office)
    for deputy in committee[:12]:
        voter = make_user(Role.MEMBER, deputy=deputy)
        voting.ballot_cast(event=event, deputy=deputy, choice=YES, actor=voter)
    voting.vote_close(event=event, actor=office)  # the result settles on the item as the vote closes
    item.refresh_from_db()
    draft.refresh_from_db()
    assert draft.state == ResolutionState.FAILED and draft.number is None
    assert item.result.startswith("应到25人，实到13人，赞成12票") and item.result.endswith("未通过")


def test_the_vote_from_the_meeting_page(client, meeting, committee, office):
    item = services.agenda_item_add(meeting=meeting, kind=ItemKind.APPOINTMENT, title="任命", actor=office)
    meeting = services.meeting_convene(meeting=meeting, actor=office)
    client.force_login(office)
    assert client.post(f"/meetings/items/{item.pk}/vote/", {"method": "secret"}).status_code == 302
    event = VoteEvent.objects.get()
    assert client.post(f"/meetings/votes/{event.pk}/open/").status_code == 302
    event.refresh_from_db()
    assert event.state == "prepared"  # no quorum
    sign_in(meeting, committee[:13], office)
    event = services.item_vote_create(item=item, method=VoteEvent.Method.SECRET, actor=office)
    response = client.post(f"/meetings/votes/{event.pk}/open/")
    assert response["Location"] == f"/voting/{event.pk}/control/"
    voting.vote_close(event=event, actor=office)
    assert client.post(f"/meetings/votes/{event.pk}/settle/").status_code == 302
    item.refresh_from_db()
    assert "赞成0票" in item.result and item.result.endswith("未通过")
    assert "记入表决结果" in client.get(f"/meetings/{meeting.pk}/").content.decode()
