"""The ballot's outcome (差额票决): the candidates with most votes are adopted in order, up to the N the list
chooses; a candidate needs more than half of the deputies' votes (the base is a local rule: all deputies, those
present or those voting); a tie at the last place is decided by the deployment's rule. Pure: no database."""

from dataclasses import dataclass

# livelihood_tie_rule values
TIE_REVOTE, TIE_LOWER_COST, TIE_LIST_ORDER = 1, 2, 3
# livelihood_adopt_base values
BASE_ALL, BASE_PRESENT, BASE_VOTED = 1, 2, 3


@dataclass(frozen=True)
class Candidate:
    key: int
    name: str
    votes: int
    cost: float
    order: int


@dataclass(frozen=True)
class Outcome:
    adopted: list[Candidate]  # in order of adoption
    tied: list[Candidate]  # tied at the last place and not decided (另行票决)
    ranked: list[Candidate]  # every candidate by votes
    base: int


def majority(votes: int, base: int) -> bool:
    """过半数: more than half."""
    return 2 * votes > base


def outcome(candidates: list[Candidate], *, seats: int, base: int, tie_rule: int) -> Outcome:
    def tiebreak(c: Candidate) -> tuple:
        if tie_rule == TIE_LOWER_COST:
            return (-c.votes, c.cost, c.order)
        return (-c.votes, c.order)

    ranked = sorted(candidates, key=tiebreak)
    qualified = [c for c in ranked if majority(c.votes, base)]
    if len(qualified) <= seats:
        return Outcome(qualified, [], ranked, base)
    boundary = qualified[seats - 1].votes
    if qualified[seats].votes != boundary or tie_rule != TIE_REVOTE:
        return Outcome(qualified[:seats], [], ranked, base)
    adopted = [c for c in qualified if c.votes > boundary]
    tied = [c for c in qualified if c.votes == boundary]
    return Outcome(adopted, tied, ranked, base)


def result_text(out: Outcome, *, entitled: int, present: int, voted: int) -> str:
    """应到X人，实到X人，投票X人，XX项目得票X票，当选；…"""
    adopted = {c.key for c in out.adopted}
    tied = {c.key for c in out.tied}
    parts = []
    for c in out.ranked:
        verdict = "当选" if c.key in adopted else ("得票相等，须另行票决" if c.key in tied else "未当选")
        parts.append(f"{c.name}得票{c.votes}票，{verdict}")
    return f"应到{entitled}人，实到{present}人，投票{voted}人，" + "；".join(parts)
