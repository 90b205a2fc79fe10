"""The candidate list and its competitive ballot (差额票决) at the congress session, on the meetings' voting."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from renda.livelihood import results, services
from renda.livelihood.models import BallotState, LivelihoodProject, ProjectState
from renda.livelihood.tests.conftest import DAY, YEAR, at, candidate, convene, run_ballot
from renda.voting import services as voting

A, B, C = "老旧小区改造", "学校食堂提升", "农村公路养护"


def test_competitive_list_needs_more_candidates_than_projects_to_adopt(congress, office, units):
    """差额票决: the government submits more candidates (M) than will be chosen (N); both are set per list, and the
    list goes to the deputies only with exactly M candidates, each with milestones."""
    with pytest.raises(ValidationError) as refused:
        services.ballot_create(year=YEAR, seats=3, candidates_count=3, meeting=congress, actor=office)
    assert "候选项目数须多于" in str(refused.value)
    ballot = services.ballot_create(year=YEAR, seats=2, candidates_count=3, meeting=congress, actor=office)
    candidate(ballot, office, units[0], A)
    candidate(ballot, office, units[1], B)
    with pytest.raises(ValidationError) as refused:
        services.ballot_submit(ballot=ballot, actor=office)
    assert refused.value.code == "candidates"
    candidate(ballot, office, units[0], C)
    with at(DAY - datetime.timedelta(days=10)):
        ballot = services.ballot_submit(ballot=ballot, actor=office)
    assert ballot.state == BallotState.SUBMITTED and not ballot.papers_late
    with pytest.raises(ValidationError):  # the list is fixed once submitted
        candidate(ballot, office, units[0], "再加一个")


def test_papers_reach_deputies_before_the_session_or_are_flagged_late(congress, office, units, settings):
    """【地】 livelihood_paper_days (7 by default): the candidate papers reach the deputies that many days before
    the session; later is recorded as late."""
    ballot = services.ballot_create(year=YEAR, seats=1, candidates_count=2, meeting=congress, actor=office)
    candidate(ballot, office, units[0], A)
    candidate(ballot, office, units[1], B)
    with at(DAY - datetime.timedelta(days=3)):
        ballot = services.ballot_submit(ballot=ballot, actor=office)
    assert ballot.papers_late
    assert "晚于规定时间" in ballot.events.get(action="提交代表").note


def test_no_ballot_without_the_congress_quorum(ballot, congress, deputies, office):
    """【国】 地方组织法: the congress votes only with two thirds of its deputies present — asked by the voting
    wherever the ballot is opened (votes.before_open)."""
    convene(congress, deputies, office, present=5)  # 5 of 9 < 6
    with at(DAY):
        event = services.ballot_vote_create(ballot=ballot, method="secret", actor=office)
        with pytest.raises(ValidationError) as refused:
            voting.vote_open(event=event, actor=office)
    assert refused.value.code == "no_quorum"


def test_projects_with_most_votes_are_adopted_in_order_with_a_majority_of_all_deputies(
    ballot, congress, deputies, office, make_user
):
    """Each deputy chooses up to N; the candidates with most votes are adopted in order; each needs more than half
    of ALL deputies' votes (【地】 livelihood_adopt_base = 1): 9 deputies → 5 votes. B has 4 of the 7 present:
    a majority of those present, not of all deputies, so only A is adopted though two were to be chosen."""
    choices = [[A, B]] * 4 + [[A, C]] * 2 + [[C]]
    ballot = run_ballot(ballot, congress, deputies, office, make_user, choices)
    assert ballot.state == BallotState.DECIDED
    states = dict(LivelihoodProject.objects.values_list("name", "state"))
    assert states == {A: ProjectState.ADOPTED, B: ProjectState.NOT_ADOPTED, C: ProjectState.NOT_ADOPTED}
    assert ballot.result == (
        "应到9人，实到7人，投票7人，老旧小区改造得票6票，当选；学校食堂提升得票4票，未当选；农村公路养护得票3票，未当选"
    )
    assert ballot.item.result.startswith("应到9人，实到7人")  # the agenda item of the session carries it too
    assert ballot.vote.chain_key == f"meeting:{congress.pk}"
    assert ballot.vote.method == "secret"


def test_the_base_of_the_majority_is_a_local_rule(ballot, congress, deputies, office, make_user, settings):
    """【地】 livelihood_adopt_base = 2: more than half of the deputies present (7 → 4) suffices."""
    settings.RENDA_RULE_OVERRIDES = {"livelihood_adopt_base": 2}
    choices = [[A, B]] * 4 + [[A, C]] * 2 + [[C]]
    run_ballot(ballot, congress, deputies, office, make_user, choices)
    adopted = list(LivelihoodProject.objects.filter(state=ProjectState.ADOPTED).order_by("rank"))
    assert [(p.name, p.rank, p.votes) for p in adopted] == [(A, 1, 6), (B, 2, 4)]


def _cands(*votes):
    costs = [300, 100, 200]
    return [results.Candidate(i, f"P{i}", v, costs[i], i) for i, v in enumerate(votes)]


def test_a_tie_at_the_last_place_is_decided_by_the_deployment_rule():
    """【地】 livelihood_tie_rule: 1 另行票决 (neither tied candidate adopted, reported), 2 the lower cost first,
    3 the order on the government's list."""
    tied = _cands(8, 6, 6)  # one seat left for P1 and P2
    revote = results.outcome(tied, seats=2, base=9, tie_rule=results.TIE_REVOTE)
    assert [c.name for c in revote.adopted] == ["P0"] and [c.name for c in revote.tied] == ["P1", "P2"]
    assert "得票相等，须另行票决" in results.result_text(revote, entitled=9, present=9, voted=9)
    cheaper = results.outcome(tied, seats=2, base=9, tie_rule=results.TIE_LOWER_COST)
    assert [c.name for c in cheaper.adopted] == ["P0", "P1"]  # P1 costs 100, P2 200
    listed = results.outcome(_cands(8, 6, 6)[::-1], seats=2, base=9, tie_rule=results.TIE_LIST_ORDER)
    assert [c.name for c in listed.adopted] == ["P0", "P1"]
    assert results.majority(5, 9) and not results.majority(4, 8)  # 过半数: more than half


def test_tie_rule_setting_is_applied_to_the_ballot(ballot, congress, deputies, office, make_user, settings):
    settings.RENDA_RULE_OVERRIDES = {"livelihood_tie_rule": 2, "livelihood_adopt_base": 2}
    choices = [[A, B], [A, B], [A, C], [A, C], [A], [B, C], [B, C]]  # A 5, B 4, C 4
    run_ballot(ballot, congress, deputies, office, make_user, choices)
    adopted = LivelihoodProject.objects.filter(state=ProjectState.ADOPTED)
    assert set(adopted.values_list("name", flat=True)) == {A, B}  # B costs 1,000,000, C 2,000,000


def test_the_result_is_published_for_the_public(ballot, congress, deputies, office, make_user, client):
    run_ballot(ballot, congress, deputies, office, make_user, [[A, B]] * 7)
    assert A not in client.get("/public/livelihood/").content.decode()  # decided, not yet published
    services.ballot_publish(ballot=ballot, actor=office)
    page = client.get(f"/public/livelihood/?year={YEAR}").content.decode()
    assert (
        f"{A}</h2>" in page and f"{B}</h2>" in page and f"{C}</h2>" not in page and "应到9人，实到7人" in page
    )
    api = client.get("/api/v1/public/livelihood/projects/").json()
    assert {p["name"] for p in api} == {A, B}
