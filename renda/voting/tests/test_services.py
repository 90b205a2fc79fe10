"""The rules of a vote, through its services: thresholds as the law counts them, one final ballot per voter,
nothing changes after close, paper tallies checked, the record chain verified."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction

from renda.voting import services
from renda.voting.models import Ballot, State, VoteEvent, VoteOption, Voter, VoteRecord
from renda.voting.tests.conftest import cast

pytestmark = pytest.mark.django_db
M, T = VoteEvent.Method, VoteEvent.Threshold


def test_resolution_passes_with_a_majority_of_all_members_not_of_those_present(voters, new_vote, clerk):
    users = voters(7)
    # 7 present of 15 members; all 7 vote yes: a majority of those present, not of all members
    event = new_vote(users, entitled=15)
    for user in users:
        cast(event, user, "yes")
    services.vote_close(event=event, actor=clerk)
    result = services.vote_result(event)
    assert (result.entitled, result.present, result.count("yes"), result.passed) == (15, 7, 7, False)
    assert result.text == "应到15人，实到7人，赞成7票，反对0票，弃权0票，未表决0人，未通过"
    # 8 of 15 is more than half of all members
    users = voters(9)
    event = new_vote(users, entitled=15)
    for user in users[:8]:
        cast(event, user, "yes")
    cast(event, users[8], "no")
    assert services.vote_result(event).passed is True
    # exactly half is not more than half: 5 of 10
    users = voters(6)
    event = new_vote(users, entitled=10)
    for user in users[:5]:
        cast(event, user, "yes")
    result = services.vote_result(event)
    assert (result.passed, result.not_voted) == (False, 1)
    assert result.text.endswith("未表决1人，未通过")


def test_two_thirds_of_all_members_includes_two_thirds_exactly(voters, new_vote):
    users = voters(10)
    event = new_vote(users, entitled=15, threshold=T.ALL_TWO_THIRDS)
    for user in users[:9]:
        cast(event, user, "yes")
    assert services.vote_result(event).passed is False  # 9 < 10
    cast(event, users[9], "yes")
    assert services.vote_result(event).passed is True  # 10 = 2/3 of 15: 三分之二以上 includes it


def test_present_and_cast_majorities_take_their_own_base(voters, new_vote):
    users = voters(5)
    event = new_vote(users, entitled=15, threshold=T.PRESENT_MAJORITY)
    for user in users[:3]:
        cast(event, user, "yes")
    assert services.vote_result(event).passed is True  # 3 of 5 present
    event = new_vote(users, entitled=15, threshold=T.CAST_MAJORITY)
    cast(event, users[0], "yes")
    cast(event, users[1], "yes")
    cast(event, users[2], "no")
    result = services.vote_result(event)
    assert (result.base, result.passed) == (3, True)


def test_choose_candidates_elects_top_n_above_the_threshold_and_reports_a_tie_at_the_boundary(
    voters, new_vote
):
    users = voters(9)
    event = new_vote(
        users, entitled=9, choice_kind="choose", candidates=["甲", "乙", "丙", "丁"], max_choices=2
    )
    ids = {o.label: o.pk for o in event.options.all()}
    with pytest.raises(ValidationError, match="最多选2人"):
        cast(event, users[0], [ids["甲"], ids["乙"], ids["丙"]])
    picks = [["甲", "乙"]] * 3 + [["甲", "丙"]] * 3 + [["乙", "丙"]] * 2 + [["丁"]]
    for user, pick in zip(users, picks, strict=True):
        cast(event, user, [ids[label] for label in pick])
    # 甲 6, 乙 5, 丙 5, 丁 1; majority of 9 is 5: 甲 elected, 乙 and 丙 tie for the last place
    result = services.vote_result(event)
    assert (result.elected, result.tied) == (["甲"], ["乙", "丙"])
    assert "甲6票，乙5票，丙5票，丁1票" in result.text and "乙、丙得票相等" in result.text
    # no tie: the top two above the threshold
    event = new_vote(users, entitled=9, choice_kind="choose", candidates=["甲", "乙", "丙"], max_choices=2)
    ids = {o.label: o.pk for o in event.options.all()}
    for user in users[:6]:
        cast(event, user, [ids["甲"], ids["乙"]])
    cast(event, users[6], [ids["丙"]])
    cast(event, users[7], [])  # a ballot choosing no one
    result = services.vote_result(event)
    assert (result.elected, result.tied, result.voted, result.not_voted) == (["甲", "乙"], [], 8, 1)


def test_one_final_ballot_per_voter_held_by_the_database(voters, new_vote, clerk):
    users = voters(3)
    event = new_vote(users)
    cast(event, users[0], "yes")
    with pytest.raises(ValidationError) as refused:
        cast(event, users[0], "no")
    assert refused.value.code == "already_voted"
    voter = Voter.objects.get(event=event, deputy=users[0].deputy)
    with pytest.raises(IntegrityError), transaction.atomic():
        Ballot.objects.create(voter=voter, cast_at=voter.ballot.cast_at)
    with pytest.raises(IntegrityError), transaction.atomic():
        Voter.objects.create(event=event, deputy=users[0].deputy)
    assert services.vote_result(event).count("yes") == 1
    # only one's own ballot, only a voter of the vote
    with pytest.raises(PermissionDenied):
        services.ballot_cast(event=event, deputy=users[1].deputy, choice="yes", actor=users[2])
    outsider = voters(1)[0]
    with pytest.raises(PermissionDenied):
        cast(event, outsider, "yes")
    with pytest.raises(ValidationError):
        cast(event, users[1], "maybe")


def test_changes_until_close_only_where_the_vote_allows_them(voters, new_vote, clerk):
    users = voters(2)
    with pytest.raises(ValidationError, match="只有记名表决"):
        new_vote(users, method=M.SECRET, allow_change=True)
    event = new_vote(users, allow_change=True)
    cast(event, users[0], "yes")
    cast(event, users[0], "no")
    result = services.vote_result(event)
    assert (result.count("yes"), result.count("no"), result.voted) == (0, 1, 1)


def test_nothing_changes_after_close(voters, new_vote, clerk):
    users = voters(3)
    event = new_vote(users, open=False)
    with pytest.raises(ValidationError):
        cast(event, users[0], "yes")  # not open yet
    event = services.vote_open(event=event, actor=clerk)
    cast(event, users[0], "yes")
    with pytest.raises(PermissionDenied):
        services.vote_close(event=event, actor=users[1])  # voters do not close
    services.vote_close(event=event, actor=clerk)
    for attempt in (
        lambda: cast(event, users[1], "yes"),
        lambda: services.vote_close(event=event, actor=clerk),
        lambda: services.vote_open(event=event, actor=clerk),
    ):
        with pytest.raises(ValidationError):
            attempt()
    event.refresh_from_db()
    assert event.state == State.CLOSED
    assert services.vote_result(event).voted == 1
    assert list(event.log.values_list("action", flat=True)) == ["发起表决", "开始表决", "结束表决"]


def test_paper_tally_is_checked_against_ballots_issued_and_returned(voters, new_vote, clerk):
    users = voters(5)
    event = new_vote(users, method=M.PAPER, entitled=9)
    with pytest.raises(ValidationError):
        cast(event, users[0], "yes")  # a paper vote is counted by the tellers
    with pytest.raises(ValidationError, match="纸质票表决须先录入"):
        services.vote_close(event=event, actor=clerk)

    def tally(counts, issued=5, returned=5):
        services.paper_tally_enter(event=event, counts=counts, issued=issued, returned=returned, actor=clerk)

    for bad, field in [
        (({"yes": 1}, 6, 5), "issued"),  # more issued than present
        (({"yes": 1}, 4, 5), "returned"),  # more returned than issued
        (({"yes": 4, "no": 2}, 5, 5), "counts"),  # more votes than ballots returned
        (({"maybe": 1}, 5, 5), "counts"),
    ]:
        with pytest.raises(ValidationError) as refused:
            tally(*bad)
        assert field in refused.value.message_dict
    tally({"yes": 4, "no": 0, "abstain": 0}, 5, 5)
    services.vote_close(event=event, actor=clerk)
    result = services.vote_result(event)
    assert result.text == "应到9人，实到5人，赞成4票，反对0票，弃权0票，无效1票，未表决0人，未通过"
    # candidates: none above the ballots returned, all together at most returned × max_choices
    event = new_vote(
        users, method=M.PAPER, choice_kind="choose", candidates=["甲", "乙", "丙"], max_choices=2
    )
    with pytest.raises(ValidationError, match="不能多于收回票数"):
        tally({"c1": 6, "c2": 0, "c3": 0})
    with pytest.raises(ValidationError, match="收回票数×最多可选人数"):
        tally({"c1": 5, "c2": 5, "c3": 1})
    tally({"c1": 5, "c2": 3, "c3": 2})
    assert services.vote_result(event).elected == ["甲", "乙"]


def test_the_record_chain_links_closed_votes_and_verify_votes_finds_tampering(
    voters, new_vote, clerk, capsys
):
    users = voters(3)
    events = [new_vote(users, chain_key="meeting:1"), new_vote(users, method=M.SECRET, chain_key="meeting:1")]
    for event in events:
        cast(event, users[0], "yes")
        cast(event, users[1], "no")
        services.vote_close(event=event, actor=clerk)
    first, second = VoteRecord.objects.filter(chain_key="meeting:1").order_by("position")
    assert (first.position, second.position, second.prev_hash) == (1, 2, first.hash)
    assert first.prev_hash == services.GENESIS and first.result.endswith("未通过")
    assert services.verify_chain("meeting:1") == []
    call_command("verify_votes", "--chain", "meeting:1")
    assert "完好" in capsys.readouterr().out
    # a counter changed behind the services' back
    VoteOption.objects.filter(event=events[1], code="yes").update(count=3)
    problems = services.verify_chain("meeting:1")
    assert any("摘要不符" in p for p in problems) and any("结果与票据不符" in p for p in problems)
    with pytest.raises(SystemExit):
        call_command("verify_votes", "--chain", "meeting:1")
    VoteOption.objects.filter(event=events[1], code="yes").update(count=1)
    # a named ballot moved to another option
    ballot = Ballot.objects.get(voter__event=events[0], voter__deputy=users[0].deputy)
    ballot.choices.update(option=VoteOption.objects.get(event=events[0], code="no"))
    assert any("摘要不符" in p for p in services.verify_chain("meeting:1"))
    # a record rewritten
    ballot.choices.update(option=VoteOption.objects.get(event=events[0], code="yes"))
    VoteRecord.objects.filter(pk=first.pk).update(result="应到3人，通过")
    assert any("记录哈希不符" in p for p in services.verify_chain("meeting:1"))
    # a vote without a chain key has a chain of its own
    alone = new_vote(users)
    services.vote_close(event=alone, actor=clerk)
    assert alone.record.chain_key == f"vote:{alone.pk}"


def test_a_vote_is_attached_to_any_subject(voters, clerk):
    users = voters(2)
    subject = users[0].deputy.township
    event = services.vote_event_create(
        subject=subject,
        title="任命",
        method=M.SECRET,
        threshold=T.ALL_MAJORITY,
        entitled=3,
        electorate=[u.deputy for u in users],
        actor=clerk,
    )
    assert VoteEvent.objects.get(pk=event.pk).subject == subject
    with pytest.raises(PermissionDenied):
        services.vote_event_create(
            subject=None,
            title="x",
            method=M.NAMED,
            threshold=T.ALL_MAJORITY,
            entitled=3,
            electorate=[],
            actor=users[0],
        )
    with pytest.raises(ValidationError):
        services.vote_event_create(
            subject=None,
            title="x",
            method=M.NAMED,
            threshold=T.ALL_MAJORITY,
            entitled=1,
            electorate=[u.deputy for u in users],
            actor=clerk,
        )
