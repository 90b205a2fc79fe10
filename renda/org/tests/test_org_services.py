import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from renda.core.services import StaleEditError
from renda.deputies.tests.factories import DeputyFactory
from renda.org import services
from renda.org.models import CommitteeMembership, CommitteeOffice, HandlingUnit, Term
from renda.org.tests.factories import (
    CommitteeMembershipFactory,
    HandlingUnitFactory,
    JurisdictionFactory,
    TermFactory,
    TownshipFactory,
)

pytestmark = pytest.mark.django_db

Position = CommitteeMembership.Position


def deputy_of(term, **kwargs):
    deputy = DeputyFactory(**kwargs)
    deputy.terms.add(term)
    return deputy


# ---------------------------------------------------------------- jurisdiction and townships


@pytest.mark.parametrize("code", ["52052", "5205210", "52052a", "五二〇五二一", "５２０５２１"])
def test_the_administrative_code_has_six_digits(clerk, code):
    jurisdiction = JurisdictionFactory()
    with pytest.raises(ValidationError) as exc:
        services.jurisdiction_update(
            jurisdiction=jurisdiction, expected_version=1, changes={"code": code}, actor=clerk
        )
    assert "行政区划代码应为6位数字。" in exc.value.message_dict["code"]


def test_jurisdiction_update_rejects_a_stale_version(clerk):
    jurisdiction = JurisdictionFactory()
    saved = services.jurisdiction_update(
        jurisdiction=jurisdiction, expected_version=1, changes={"population": 780_000}, actor=clerk
    )
    assert (saved.version, saved.population) == (2, 780_000)
    with pytest.raises(StaleEditError) as exc:
        services.jurisdiction_update(
            jurisdiction=jurisdiction, expected_version=1, changes={"name": "大方区"}, actor=clerk
        )
    assert "已被他人修改" in exc.value.messages[0]
    jurisdiction.refresh_from_db()
    assert jurisdiction.name == "大方县"


def test_a_new_township_goes_last_unless_ordered(clerk):
    jurisdiction = JurisdictionFactory()
    TownshipFactory(jurisdiction=jurisdiction, order=4)
    township = services.township_create(
        jurisdiction=jurisdiction, data={"name": "大方镇", "kind": "town", "code": ""}, actor=clerk
    )
    assert township.order == 5
    township = services.township_update(
        township=township, changes={"order": 0, "name": "顺德街道"}, actor=clerk
    )
    assert (township.order, township.name) == (0, "顺德街道")


def test_township_names_are_unique_within_the_jurisdiction(clerk):
    jurisdiction = JurisdictionFactory()
    TownshipFactory(jurisdiction=jurisdiction, name="大方镇")
    with pytest.raises(ValidationError):
        services.township_create(
            jurisdiction=jurisdiction, data={"name": "大方镇", "kind": "town"}, actor=clerk
        )


# ---------------------------------------------------------------- terms: exactly one current


def test_the_first_term_is_current_and_a_new_current_term_replaces_it(clerk):
    jurisdiction = JurisdictionFactory()
    seventeenth = services.term_create(
        jurisdiction=jurisdiction, number=17, start_date=datetime.date(2016, 12, 27), actor=clerk
    )
    assert seventeenth.is_current
    eighteenth = services.term_create(
        jurisdiction=jurisdiction,
        number=18,
        start_date=datetime.date(2021, 12, 28),
        is_current=True,
        actor=clerk,
    )
    assert list(Term.objects.filter(is_current=True)) == [eighteenth]
    services.term_create(
        jurisdiction=jurisdiction, number=19, start_date=datetime.date(2026, 12, 28), actor=clerk
    )
    assert list(Term.objects.filter(is_current=True)) == [eighteenth]


def test_set_current_moves_the_flag(clerk):
    current = TermFactory(number=18)
    earlier = TermFactory(number=17, is_current=False, start_date=datetime.date(2016, 12, 27))
    services.term_set_current(term=earlier, actor=clerk)
    assert list(Term.objects.filter(is_current=True)) == [earlier]
    current.refresh_from_db()
    assert not current.is_current
    services.term_set_current(term=earlier, actor=clerk)
    assert Term.objects.filter(is_current=True).count() == 1


def test_term_dates_and_numbers_are_checked(clerk):
    jurisdiction = JurisdictionFactory()
    with pytest.raises(ValidationError) as exc:
        services.term_create(
            jurisdiction=jurisdiction,
            number=18,
            start_date=datetime.date(2021, 12, 28),
            end_date=datetime.date(2020, 1, 1),
            actor=clerk,
        )
    assert "end_date" in exc.value.message_dict
    services.term_create(
        jurisdiction=jurisdiction, number=18, start_date=datetime.date(2021, 12, 28), actor=clerk
    )
    with pytest.raises(ValidationError):
        services.term_create(
            jurisdiction=jurisdiction, number=18, start_date=datetime.date(2021, 12, 28), actor=clerk
        )


def test_term_update_leaves_the_current_flag_alone(clerk):
    term = TermFactory()
    term = services.term_update(
        term=term, changes={"end_date": datetime.date(2026, 12, 27), "is_current": False}, actor=clerk
    )
    assert term.end_date == datetime.date(2026, 12, 27)
    assert term.is_current


def test_a_session_opens_within_its_term(clerk):
    term = TermFactory()
    with pytest.raises(ValidationError) as exc:
        services.congress_session_create(
            term=term, number=1, start_date=datetime.date(2020, 1, 1), actor=clerk
        )
    assert "start_date" in exc.value.message_dict
    session = services.congress_session_create(
        term=term, number=2, start_date=datetime.date(2023, 1, 10), place=" 县会议中心 ", actor=clerk
    )
    assert str(session) == "第十八届人民代表大会第二次会议"
    assert session.place == "县会议中心"
    with pytest.raises(ValidationError):
        services.congress_session_create(
            term=term, number=2, start_date=datetime.date(2023, 2, 1), actor=clerk
        )


# ---------------------------------------------------------------- standing committee


def test_members_are_deputies_of_the_term(clerk):
    term = TermFactory()
    with pytest.raises(ValidationError) as exc:
        services.committee_membership_create(
            term=term,
            deputy=DeputyFactory(),
            position=Position.MEMBER,
            start_date=term.start_date,
            actor=clerk,
        )
    assert "不是第十八届代表" in exc.value.message_dict["deputy"][0]
    deputy = deputy_of(term)
    membership = services.committee_membership_create(
        term=term, deputy=deputy, position=Position.MEMBER, start_date=term.start_date, actor=clerk
    )
    assert membership.deputy == deputy
    with pytest.raises(ValidationError) as exc:
        services.committee_membership_create(
            term=term, deputy=deputy, position=Position.VICE_CHAIR, start_date=term.start_date, actor=clerk
        )
    assert "deputy" in exc.value.message_dict


def test_one_chairperson_at_a_time(clerk):
    term = TermFactory()
    chair = services.committee_membership_create(
        term=term, deputy=deputy_of(term), position=Position.CHAIR, start_date=term.start_date, actor=clerk
    )
    successor = deputy_of(term)
    with pytest.raises(ValidationError) as exc:
        services.committee_membership_create(
            term=term,
            deputy=successor,
            position=Position.CHAIR,
            start_date=datetime.date(2024, 3, 1),
            actor=clerk,
        )
    assert "已有在任主任" in exc.value.message_dict["position"][0]
    services.committee_membership_end(membership=chair, end_date=datetime.date(2024, 2, 29), actor=clerk)
    services.committee_membership_create(
        term=term,
        deputy=successor,
        position=Position.CHAIR,
        start_date=datetime.date(2024, 3, 1),
        actor=clerk,
    )


def test_ending_a_membership_once_and_not_before_it_began(clerk):
    membership = CommitteeMembershipFactory()
    with pytest.raises(ValidationError):
        services.committee_membership_end(
            membership=membership, end_date=datetime.date(2020, 1, 1), actor=clerk
        )
    services.committee_membership_end(membership=membership, end_date=datetime.date(2024, 6, 30), actor=clerk)
    with pytest.raises(ValidationError) as exc:
        services.committee_membership_end(
            membership=membership, end_date=datetime.date(2024, 7, 1), actor=clerk
        )
    assert "已于2024年6月30日离任" in exc.value.messages[0]


# ---------------------------------------------------------------- offices and handling units


def test_committee_offices_are_created_and_updated(clerk):
    office = services.committee_office_create(
        data={"name": "财政经济委员会", "short_name": "财经委", "kind": CommitteeOffice.Kind.SPECIAL},
        actor=clerk,
    )
    office = services.committee_office_update(office=office, changes={"active": False}, actor=clerk)
    assert (office.short_name, office.active) == ("财经委", False)


def test_handling_unit_history_records_the_actor_and_a_stale_form_is_rejected(clerk):
    unit = services.handling_unit_create(data={"name": "县交通运输局", "kind": "government"}, actor=clerk)
    assert unit.history.get().history_user == clerk
    unit = services.handling_unit_update(
        unit=unit, expected_version=1, changes={"contact_person": "王明"}, actor=clerk
    )
    assert unit.version == 2
    with pytest.raises(StaleEditError):
        services.handling_unit_update(
            unit=unit, expected_version=1, changes={"contact_person": "李华"}, actor=clerk
        )
    assert HandlingUnit.objects.get().contact_person == "王明"
    assert unit.history.first().history_user == clerk


def test_a_unit_cannot_sit_below_itself(clerk):
    top = HandlingUnitFactory()
    middle = HandlingUnitFactory(parent=top)
    with pytest.raises(ValidationError) as exc:
        services.handling_unit_update(unit=top, expected_version=1, changes={"parent": middle}, actor=clerk)
    assert "parent" in exc.value.message_dict
    with pytest.raises(ValidationError):
        services.handling_unit_update(unit=top, expected_version=1, changes={"parent": top}, actor=clerk)


@pytest.mark.parametrize("who", ["unit_user", "deputy_user", "member", "keeper"])
def test_only_office_staff_change_the_organisation(request, who):
    actor = request.getfixturevalue(who)
    term = TermFactory()
    with pytest.raises(PermissionDenied):
        services.jurisdiction_update(
            jurisdiction=term.jurisdiction, expected_version=1, changes={"name": "某县"}, actor=actor
        )
    with pytest.raises(PermissionDenied):
        services.term_set_current(term=term, actor=actor)
    with pytest.raises(PermissionDenied):
        services.handling_unit_create(data={"name": "县林业局"}, actor=actor)
    with pytest.raises(PermissionDenied):
        services.committee_membership_create(
            term=term,
            deputy=deputy_of(term),
            position=Position.MEMBER,
            start_date=term.start_date,
            actor=actor,
        )


def test_the_administrator_changes_everything(admin_user):
    term = TermFactory()
    services.handling_unit_create(data={"name": "县林业局", "kind": "government"}, actor=admin_user)
    services.term_set_current(term=term, actor=admin_user)
