import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.utils import timezone

from renda.org import selectors
from renda.org.models import CommitteeMembership
from renda.org.services import handling_unit_update
from renda.org.tests.factories import (
    CommitteeMembershipFactory,
    HandlingUnitFactory,
    JurisdictionFactory,
    TermFactory,
)

pytestmark = pytest.mark.django_db

Position = CommitteeMembership.Position


def test_current_members_chairperson_first_without_those_who_left():
    term = TermFactory()
    member = CommitteeMembershipFactory(term=term, position=Position.MEMBER)
    vice = CommitteeMembershipFactory(term=term, position=Position.VICE_CHAIR, order=2)
    first_vice = CommitteeMembershipFactory(term=term, position=Position.VICE_CHAIR, order=1)
    chair = CommitteeMembershipFactory(term=term, position=Position.CHAIR)
    left = CommitteeMembershipFactory(term=term, end_date=timezone.localdate() - datetime.timedelta(days=1))
    leaving_today = CommitteeMembershipFactory(term=term, end_date=timezone.localdate())
    CommitteeMembershipFactory(term=TermFactory(number=17, is_current=False))
    current = list(selectors.committee_members_current(term))
    assert current[:3] == [chair, first_vice, vice]
    assert set(current[3:]) == {member, leaving_today}
    assert left in selectors.committee_members_past()
    assert list(selectors.committee_members_current(None)) == []


@pytest.mark.parametrize(
    ("count", "population", "warned"),
    [
        (14, None, True),
        (15, None, False),
        (35, None, False),
        (36, None, True),
        (36, 1_200_000, False),
        (46, 1_200_000, True),
    ],
)
def test_rule_county_committee_has_15_to_35_members_45_above_a_million_people(count, population, warned):
    """RULES.md 【国】 county standing committee size: 15–35 members (up to 45 above one million people)."""
    jurisdiction = JurisdictionFactory(population=population)
    warning = selectors.committee_size_warning(count, jurisdiction)
    assert bool(warning) is warned
    if warned:
        assert f"{count}名" in warning


def test_pickers_offer_active_units_only_and_anonymous_users_see_none(member):
    active = HandlingUnitFactory()
    retired = HandlingUnitFactory(active=False)
    assert set(selectors.handling_units_visible_to(member)) == {active, retired}
    assert list(selectors.handling_units_for_picker(member)) == [active]
    assert not selectors.handling_units_visible_to(AnonymousUser()).exists()
    with pytest.raises(Http404):
        selectors.handling_unit_get_for_user(AnonymousUser(), active.pk)
    with pytest.raises(Http404):
        selectors.handling_unit_get_for_user(member, "x")


def test_unit_history_names_fields_values_and_who(clerk):
    parent = HandlingUnitFactory(name="县人民政府")
    unit = HandlingUnitFactory(name="县交通运输局")
    handling_unit_update(
        unit=unit, expected_version=1, changes={"parent": parent, "contact_person": "王明"}, actor=clerk
    )
    latest, created = selectors.handling_unit_history(unit)
    assert created.created
    assert latest.who == clerk.display_name
    assert {(c.label, c.old, c.new) for c in latest.changes} == {
        ("上级单位", "（空）", "县人民政府"),
        ("联系人", "（空）", "王明"),
    }
