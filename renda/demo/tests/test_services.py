"""demo_seed: the same seed gives the same jurisdiction; larger scales draw further township names."""

import dataclasses
import datetime
import hashlib

from django.db import transaction

from renda.accounts.models import User
from renda.demo.services import SCALES, demo_seed
from renda.deputies.models import Activity, Delegation, Deputy, DeputyGroup, LiaisonStation, ReceptionDay
from renda.org.models import CommitteeMembership, HandlingUnit, Township

TODAY = datetime.date(2025, 6, 16)
PERSON = ("name", "phone")  # identifies a deputy across databases (primary keys may differ)


def digest() -> str:
    """A fingerprint of everything the generator decides: attributes and relations, by natural keys."""
    parts = [
        Township.objects.values_list("name", "kind", "code", "order"),
        HandlingUnit.objects.values_list(
            "name", "short_name", "kind", "township__name", "contact_person", "contact_phone"
        ),
        LiaisonStation.objects.values_list(
            "name",
            "kind",
            "township__name",
            "parent__name",
            "address",
            "opening_hours",
            "contact_phone",
            "is_model",
        ),
        Deputy.objects.values_list(
            *PERSON,
            "gender",
            "ethnicity",
            "birth_date",
            "affiliation",
            "education",
            "occupation",
            "title",
            "sector",
            "is_grassroots",
            "level",
            "township__name",
            "constituency__name",
            "station__name",
            "status",
            "status_date",
            "status_reason",
        ),
        Deputy.terms.through.objects.values_list("deputy__name", "deputy__phone", "term__number"),
        Delegation.members.through.objects.values_list("delegation__name", "deputy__name", "deputy__phone"),
        DeputyGroup.objects.values_list("name", "kind", "leader__name", "leader__phone"),
        DeputyGroup.members.through.objects.values_list("deputygroup__name", "deputy__name", "deputy__phone"),
        CommitteeMembership.objects.values_list(
            "deputy__name", "deputy__phone", "position", "office__name", "order"
        ),
        ReceptionDay.objects.values_list(
            "station__name", "date", "start_time", "topic", "announced_at", "created_by__username"
        ),
        ReceptionDay.deputies.through.objects.values_list(
            "receptionday__station__name", "receptionday__date", "deputy__phone"
        ),
        Activity.objects.values_list("kind", "title", "date", "place", "summary", "station__name"),
        Activity.deputies.through.objects.values_list("activity__title", "activity__date", "deputy__phone"),
        User.objects.values_list(
            "username", "full_name", "deputy__phone", "office__name", "handling_unit__name", "station__name"
        ),
    ]
    text = "\n".join(repr(sorted(map(repr, rows))) for rows in parts)
    return hashlib.sha256(text.encode()).hexdigest()


def seeded_digest(scale, seed: int) -> str:
    """Seed into the (empty) test database, fingerprint it, and roll it back."""
    with transaction.atomic():
        demo_seed(scale=scale, seed=seed, today=TODAY)
        result = digest()
        transaction.set_rollback(True)
    return result


def test_the_same_seed_gives_the_same_county(db):
    first = seeded_digest(SCALES["county"], 7)
    assert first != digest()  # the fingerprint sees the data (the database is empty again here)
    assert seeded_digest(SCALES["county"], 7) == first


def test_larger_scales_draw_further_townships_and_cap_units(db):
    scale = dataclasses.replace(
        SCALES["province"],
        townships=45,
        county_deputies=400,
        township_deputies=600,
        rooms=70,
        units=70,
        activities=60,
    )
    counts = demo_seed(scale=scale, seed=1, today=TODAY)
    assert Township.objects.count() == 45
    assert Township.objects.filter(name="顺德街道", code="520521001000").exists()
    assert Township.objects.filter(code__startswith="520522").count() == 15
    assert HandlingUnit.objects.count() == 70
    assert LiaisonStation.objects.count() == 45 + 70 + 2
    assert Deputy.objects.count() == 1000
    assert counts[Deputy._meta.verbose_name] == 1000
