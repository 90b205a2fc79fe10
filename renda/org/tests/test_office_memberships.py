"""Special committees' members (专门委员会组成人员): the service with its rules, the registry pages (list, add,
end, Excel export), the API, and the migration that seats the members the standing committee placed in them."""

import datetime
import importlib
import io

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from renda.core.roles import Role
from renda.deputies.tests.factories import DeputyFactory
from renda.org import selectors, services
from renda.org.models import CommitteeMembership, CommitteeOffice, CommitteeOfficeMembership
from renda.org.tests.factories import (
    CommitteeMembershipFactory,
    CommitteeOfficeFactory,
    CommitteeOfficeMembershipFactory,
    TermFactory,
)

pytestmark = pytest.mark.django_db

Position = CommitteeOfficeMembership.Position
START = datetime.date(2021, 12, 30)
API = "/api/v1/committee-office-memberships/"


@pytest.fixture
def term():
    return TermFactory()


@pytest.fixture
def committee():
    return CommitteeOfficeFactory(name="法制委员会", short_name="法制委", kind=CommitteeOffice.Kind.SPECIAL)


def deputy_of(term, **kwargs):
    deputy = DeputyFactory(**kwargs)
    deputy.terms.add(term)
    return deputy


def seat(clerk, committee, term, deputy, position=Position.MEMBER, start=START):
    return services.committee_office_membership_create(
        office=committee, term=term, deputy=deputy, position=position, start_date=start, actor=clerk
    )


# ---------------------------------------------------------------- the service and its rules


def test_special_committee_members_are_chosen_from_the_deputies_rule_difang_zuzhifa(clerk, term, committee):
    """【国】 地方组织法: a special committee's members are chosen from among the deputies of the congress — a
    deputy of the term, on the standing committee or not; a person who is not a deputy of the term is refused."""
    ordinary = deputy_of(term)
    membership = seat(clerk, committee, term, ordinary)
    assert (membership.deputy, membership.office, membership.position) == (
        ordinary,
        committee,
        Position.MEMBER,
    )
    assert not CommitteeMembership.objects.filter(deputy=ordinary).exists()  # not on the standing committee
    outsider = DeputyFactory()  # not a deputy of this term
    with pytest.raises(ValidationError) as exc:
        seat(clerk, committee, term, outsider)
    assert "从代表中产生" in exc.value.message_dict["deputy"][0]


def test_only_special_committees_have_members(clerk, term):
    working = CommitteeOfficeFactory(name="法制工作委员会", kind=CommitteeOffice.Kind.WORKING)
    with pytest.raises(ValidationError) as exc:
        seat(clerk, working, term, deputy_of(term))
    assert "不是专门委员会" in exc.value.message_dict["office"][0]


def test_one_seat_per_committee_and_one_chairperson_at_a_time(clerk, term, committee):
    chair = seat(clerk, committee, term, deputy_of(term), Position.CHAIR)
    with pytest.raises(ValidationError) as exc:
        seat(clerk, committee, term, chair.deputy)
    assert "已是法制委员会组成人员" in exc.value.message_dict["deputy"][0]
    with pytest.raises(ValidationError) as exc:
        seat(clerk, committee, term, deputy_of(term), Position.CHAIR)
    assert "已有在任主任委员" in exc.value.message_dict["position"][0]
    # a deputy may sit on two committees
    other = CommitteeOfficeFactory(name="财政经济委员会", kind=CommitteeOffice.Kind.SPECIAL)
    assert seat(clerk, other, term, chair.deputy).office == other
    # once the chairperson has left, another may be seated
    services.committee_office_membership_end(
        membership=chair, end_date=datetime.date(2024, 6, 30), actor=clerk
    )
    assert seat(clerk, committee, term, deputy_of(term), Position.CHAIR).position == Position.CHAIR


def test_a_seat_begins_within_the_term(clerk, term, committee):
    with pytest.raises(ValidationError) as exc:
        seat(clerk, committee, term, deputy_of(term), start=datetime.date(2020, 1, 1))
    assert "任期内" in exc.value.message_dict["start_date"][0]


def test_ending_a_special_committee_seat_once_and_not_before_it_began(clerk, term, committee):
    membership = seat(clerk, committee, term, deputy_of(term))
    with pytest.raises(ValidationError):
        services.committee_office_membership_end(
            membership=membership, end_date=datetime.date(2020, 1, 1), actor=clerk
        )
    services.committee_office_membership_end(
        membership=membership, end_date=datetime.date(2024, 6, 30), actor=clerk
    )
    with pytest.raises(ValidationError) as exc:
        services.committee_office_membership_end(
            membership=membership, end_date=datetime.date(2024, 7, 1), actor=clerk
        )
    assert "已于2024年6月30日离任" in exc.value.messages[0]


@pytest.mark.parametrize("role", [Role.MEMBER, Role.DEPUTY, Role.UNIT, Role.KEEPER])
def test_only_the_office_seats_and_ends_members(make_user, role, term, committee):
    user = make_user(role)
    with pytest.raises(PermissionDenied):
        seat(user, committee, term, deputy_of(term))
    membership = CommitteeOfficeMembershipFactory(office=committee, term=term)
    with pytest.raises(PermissionDenied):
        services.committee_office_membership_end(
            membership=membership, end_date=datetime.date(2024, 1, 1), actor=user
        )


def test_the_seats_held_on_a_day(term, committee):
    kept = CommitteeOfficeMembershipFactory(office=committee, term=term)
    left = CommitteeOfficeMembershipFactory(office=committee, term=term, end_date=datetime.date(2024, 6, 30))
    later = CommitteeOfficeMembershipFactory(
        office=committee, term=term, start_date=datetime.date(2024, 7, 1)
    )
    on = selectors.office_seats_on(term, committee, datetime.date(2024, 6, 30))
    assert set(on) == {kept, left}
    assert set(selectors.office_seats_on(term, committee, datetime.date(2024, 7, 1))) == {kept, later}


# ---------------------------------------------------------------- the migration


def test_the_migration_seats_the_standing_committee_members_placed_in_a_special_committee(term, committee):
    """Before the registry had special committees' members, a committee's members were the standing-committee
    members placed in it (所在机构): the migration keeps them, as 委员, for the same period."""
    migration = importlib.import_module("renda.org.migrations.0002_committee_office_membership")
    working = CommitteeOfficeFactory(name="办公室", kind=CommitteeOffice.Kind.GENERAL)
    placed = CommitteeMembershipFactory(term=term, office=committee, end_date=datetime.date(2024, 3, 1))
    CommitteeMembershipFactory(term=term, office=working)
    CommitteeMembershipFactory(term=term)
    migration.seats_from_standing_committee(apps, None)
    seat = CommitteeOfficeMembership.objects.get()
    assert (seat.office, seat.term, seat.deputy, seat.position) == (
        committee,
        term,
        placed.deputy,
        Position.MEMBER,
    )
    assert (seat.start_date, seat.end_date) == (placed.start_date, placed.end_date)


# ---------------------------------------------------------------- the pages


def test_the_registry_page_lists_each_committee_with_its_members_and_exports_them(
    client, clerk, term, committee
):
    chair = CommitteeOfficeMembershipFactory(office=committee, term=term, position=Position.CHAIR)
    on_standing = CommitteeOfficeMembershipFactory(office=committee, term=term)
    CommitteeMembershipFactory(term=term, deputy=on_standing.deputy)
    gone = CommitteeOfficeMembershipFactory(office=committee, term=term, end_date=datetime.date(2024, 6, 30))
    client.force_login(clerk)
    page = client.get(reverse("org:special_committees")).content.decode()
    assert "法制委员会" in page and chair.deputy.name in page and "主任委员" in page
    assert reverse("org:office_membership_end", args=[chair.pk]) in page
    assert gone.deputy.name in page.split("已离任人员")[1]  # listed among those who left
    export = client.get(reverse("org:special_committees"), {"export": "xlsx"})
    rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
    assert rows[0][:4] == ("专门委员会", "职务", "姓名", "常委会组成人员")
    by_name = {row[2]: row for row in rows[1:]}
    assert by_name[chair.deputy.name][1] == "主任委员"
    assert by_name[on_standing.deputy.name][3] == "是" and by_name[chair.deputy.name][3] == "否"
    assert gone.deputy.name not in by_name


def test_a_deputy_reads_the_registry_but_has_no_buttons(client, deputy_user, term, committee):
    membership = CommitteeOfficeMembershipFactory(office=committee, term=term)
    client.force_login(deputy_user)
    page = client.get(reverse("org:special_committees")).content.decode()
    assert membership.deputy.name in page and "登记离任" not in page
    assert client.get(reverse("org:office_membership_create")).status_code == 403
    assert client.get(reverse("org:office_membership_end", args=[membership.pk])).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client):
    assert client.get(reverse("org:special_committees")).status_code == 302


def test_the_office_seats_a_member_on_the_page(client, clerk, term, committee):
    deputy = deputy_of(term)
    client.force_login(clerk)
    url = reverse("org:office_membership_create")
    form = client.get(url, {"office": committee.pk}).content.decode()
    assert "专门委员会" in form and deputy.name not in form  # the term's deputies are found by typing:
    assert f'data-remote="/deputies/pick/?all=1&amp;term={term.pk}"' in form
    found = client.get(reverse("deputies:deputy_pick"), {"q": deputy.name, "all": 1, "term": term.pk}).json()
    assert [row["value"] for row in found["results"]] == [deputy.pk]
    data = {"office": committee.pk, "deputy": deputy.pk, "position": "vice_chair", "start_date": "2022-01-05"}
    response = client.post(url, {**data, "order": 0})
    assert response.status_code == 302
    assert CommitteeOfficeMembership.objects.get(deputy=deputy).position == Position.VICE_CHAIR


def test_bad_input_is_refused_beside_the_field_in_chinese(client, clerk, term, committee):
    deputy = deputy_of(term)
    CommitteeOfficeMembershipFactory(office=committee, term=term, deputy=deputy)
    client.force_login(clerk)
    response = client.post(
        reverse("org:office_membership_create"),
        {
            "office": committee.pk,
            "deputy": deputy.pk,
            "position": "member",
            "start_date": "2022-01-05",
            "order": 0,
        },
    )
    assert response.status_code == 200
    assert "已是法制委员会组成人员，请先办理离任" in response.content.decode()
    assert CommitteeOfficeMembership.objects.count() == 1


def test_the_office_ends_a_seat_on_the_page_and_an_unknown_seat_is_404(client, clerk, term, committee):
    membership = CommitteeOfficeMembershipFactory(office=committee, term=term)
    client.force_login(clerk)
    url = reverse("org:office_membership_end", args=[membership.pk])
    assert client.post(url, {"end_date": "2024-06-30"}).status_code == 302
    membership.refresh_from_db()
    assert membership.end_date == datetime.date(2024, 6, 30)
    again = client.post(url, {"end_date": "2024-07-01"})
    assert again.status_code == 200 and "已于2024年6月30日离任" in again.content.decode()
    assert client.get(reverse("org:office_membership_end", args=[999999])).status_code == 404


# ---------------------------------------------------------------- the API


def test_the_api_seats_lists_and_ends_members(clerk, term, committee):
    api = APIClient()
    api.force_authenticate(clerk)
    deputy = deputy_of(term)
    created = api.post(
        API,
        {
            "office": committee.pk,
            "term": term.pk,
            "deputy": deputy.pk,
            "position": "chair",
            "start_date": "2022-01-05",
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    listed = api.get(API, {"office": committee.pk}).json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert [(r["deputy_name"], r["office_name"], r["position"]) for r in rows] == [
        (deputy.name, "法制委员会", "chair")
    ]
    twice = api.post(
        API,
        {"office": committee.pk, "term": term.pk, "deputy": deputy.pk, "start_date": "2022-01-05"},
        format="json",
    )
    assert twice.status_code == 400 and "已是法制委员会组成人员" in twice.content.decode()
    ended = api.post(f"{API}{pk}/end/", {"end_date": "2024-06-30"}, format="json")
    assert ended.status_code == 200 and ended.json()["end_date"] == "2024-06-30"


def test_the_api_refuses_others_and_hides_nothing_it_should_not(make_user, term, committee):
    membership = CommitteeOfficeMembershipFactory(office=committee, term=term)
    api = APIClient()
    assert api.get(API).status_code == 401
    api.force_authenticate(make_user(Role.DEPUTY))
    assert api.get(f"{API}{membership.pk}/").status_code == 200
    assert (
        api.post(f"{API}{membership.pk}/end/", {"end_date": "2024-06-30"}, format="json").status_code == 403
    )
    assert api.get(f"{API}999999/").status_code == 404
