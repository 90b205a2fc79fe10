"""The bulk writer of the demo's suggestions (history years, the province benchmark) leaves the same rows, facts
and deadlines as the services do: the same planned cases played once by suggestions._Story and once through the
services (replay.Replay) give the same fingerprint, so the bulk path cannot drift from the rules silently
(house rule 14)."""

import dataclasses
import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import transaction

from renda.demo import suggestions as demo
from renda.demo.replay import Accounts, Replay, play_key
from renda.demo.services import SCALES, demo_seed
from renda.suggestions.models import (
    Assignment,
    CommitmentUpdate,
    ContactRecord,
    Cosigner,
    Evaluation,
    KeySupervision,
    NumberSequence,
    Reply,
    Suggestion,
    SuggestionEvent,
    SupervisionNote,
)

ZONE = ZoneInfo("Asia/Shanghai")
TODAY = datetime.date(2026, 11, 23)
NOW = datetime.datetime(2026, 11, 23, 8, 30, tzinfo=ZONE)


@pytest.fixture(scope="module")
def small_county(django_db_setup, django_db_blocker):
    """A small demo county (100 township deputies), seeded once for this module and rolled back afterwards."""
    with (
        django_db_blocker.unblock(),
        time_machine.travel(NOW, tick=False),
        transaction.atomic(),
    ):
        demo_seed(scale=dataclasses.replace(SCALES["county"], township_deputies=100), seed=5, today=TODAY)
        yield
        transaction.set_rollback(True)


def plan(seed: int) -> tuple[demo._Generator, list[demo.Case]]:
    """Sixteen cases filed between sessions 200–300 days before today, in every fate: satisfied, basically
    satisfied, once or twice dissatisfied (re-handled, coordinated), silent (未反馈), answered late, complex and
    under key supervision, a B answer with its commitment, a joint unit, a reassignment asked for, returned
    and resubmitted, refused."""
    gen = demo._Generator(demo._volume(SCALES["county"]), seed, TODAY, replay=True)
    gen.load()
    gen.lists()
    gen.clock = demo._Clock(TODAY - datetime.timedelta(days=500), TODAY + datetime.timedelta(days=400))
    gen.meetings = {}
    gen.sequences.update(NumberSequence.objects.values_list("scope", "last"))
    rng = gen.rng
    days = [
        d
        for d in gen.clock.days
        if TODAY - datetime.timedelta(days=300) < d < TODAY - datetime.timedelta(days=200)
    ]
    cases = []
    for _ in range(16):
        case = gen.case(demo._moment(rng, rng.choice(days), hours=(8, 22)))
        case.submitted = case.drafted + datetime.timedelta(minutes=rng.randint(10, 600))
        gen.schedule(case)
        cases.append(case)
    fates = ["satisfied", "basic", "once", "twice", "silent", "satisfied", "basic", "satisfied"]
    for case, fate in zip(cases, fates, strict=False):
        case.fate = fate
    cases[5].late = True
    cases[6].complex = cases[6].key = True
    cases[7].result = "B"
    cases[8].joint = gen.unit_ids["县财政局"]
    unit = planned_unit(gen, cases[9])
    cases[9].lead_unit = unit
    cases[9].assign_on = gen.clock.add(cases[9].accepted_at.date(), 2)
    cases[9].reassign_on = gen.clock.add(cases[9].assign_on, 2)
    returned, refused = cases[10], cases[11]
    returned.review = "return"
    returned.resubmitted = returned.review_at + datetime.timedelta(days=3, hours=2)
    returned.accepted_at = demo._moment(
        rng, gen.clock.add(returned.resubmitted.date(), 2), returned.resubmitted
    )
    refused.review, refused.accepted_at, refused.refusal = "reject", None, "推介商业产品"
    gen.number(cases)
    return gen, cases


def planned_unit(gen: demo._Generator, case: demo.Case) -> int:
    return next(
        iter(gen.unit_ids[demo.UNIT_ALIASES[alias]] for alias in case.topic.units if alias != demo.TOWNSHIP)
    )


def fingerprint(pks: list[int]) -> dict[str, list]:
    """What the statistics, deadlines and timelines read, by natural keys (number or title, unit, deputy)."""
    suggestions = Suggestion.objects.filter(pk__in=pks)
    key = ("suggestion__title", "suggestion__number")
    by_assignment = ("assignment__suggestion__title", "assignment__unit__name")
    found = {
        "suggestions": suggestions.values_list(
            "title", "state", "number", "submitted_at", "accepted_at", "assignment_due", "assigned_on",
            "reply_due", "evaluation_due", "closed_at", "result_category__code", "answered_late", "lead_rating",
            "round", "is_complex", "township__name", "year", "refusal_reason__label", "return_reason",
        ),
        "events": SuggestionEvent.objects.filter(suggestion__in=suggestions).values_list(
            *key, "action", "from_state", "to_state", "note", "created_at"
        ),
        "assignments": Assignment.objects.filter(suggestion__in=suggestions).values_list(
            *key, "unit__name", "role", "state", "assigned_on", "due", "reassign_deadline", "contact_deadline",
            "opinion_due", "opinion_sent_at", "result_category__code", "answered_late", "year", "lead_rating",
        ),
        "replies": Reply.objects.filter(assignment__suggestion__in=suggestions).values_list(
            *by_assignment, "round", "result_category__code", "sent_at", "on_time", "text", "signer", "publishable",
            "document_number", "contact_person", "contact_phone", "copy_to"
        ),
        "contacts": ContactRecord.objects.filter(assignment__suggestion__in=suggestions).values_list(
            *by_assignment, "stage", "method", "date", "summary"
        ),
        "evaluations": Evaluation.objects.filter(suggestion__in=suggestions).values_list(
            *key, "deputy__name", "round", "rating", "attitude", "result", "comment"
        ),
        "cosigners": Cosigner.objects.filter(suggestion__in=suggestions).values_list(
            *key, "deputy__name", "status", "responded_at"
        ),
        "commitments": CommitmentUpdate.objects.filter(commitment__reply__assignment__suggestion__in=suggestions)
        .values_list("commitment__description", "commitment__due", "commitment__year", "commitment__status", "text", "solved"),
        "supervision": KeySupervision.objects.filter(suggestion__in=suggestions).values_list(
            *key, "decided_on", "leader__deputy__name", "decision"
        ),
        "notes": SupervisionNote.objects.filter(supervision__suggestion__in=suggestions).values_list(
            "supervision__suggestion__title", "kind", "date", "text"
        ),
    }  # fmt: skip
    return {name: sorted(map(repr, rows)) for name, rows in found.items()}


def bulk(seed: int) -> dict[str, list]:
    gen, cases = plan(seed)
    rows = demo._Rows()
    stories = [demo._Story(gen, case, rows) for case in cases]
    for story in stories:
        story.tell()
    rows.write({})
    Suggestion.objects.bulk_update(
        [Suggestion(pk=case.pk, merged_into_id=into.pk) for case, into in gen.merges], ["merged_into"]
    )
    return fingerprint([story.s.pk for story in stories])


def through_services(seed: int) -> dict[str, list]:
    gen, cases = plan(seed)
    accounts = Accounts(gen, seed)
    played: dict[int, Suggestion] = {}
    for case in sorted(cases, key=play_key):
        Replay(gen, case, accounts, played).play()
    return fingerprint([s.pk for s in played.values()])


@pytest.mark.parametrize("seed", [11, 12])
def test_the_bulk_writer_leaves_what_the_services_leave(small_county, db, seed):
    with transaction.atomic():
        written = bulk(seed)
        transaction.set_rollback(True)
    with transaction.atomic():
        played = through_services(seed)
        transaction.set_rollback(True)
    assert len(played["suggestions"]) == 16 and len(played["replies"]) >= 10
    for name in written:
        assert written[name] == played[name], name
