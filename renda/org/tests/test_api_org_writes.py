"""Writes of the organisation API: townships, terms, congress sessions, committee memberships and offices, each
through one org.services function with the same permissions and rules as the pages."""

import datetime

import pytest
from rest_framework.test import APIClient

from renda.core.roles import Role
from renda.deputies.tests.factories import DeputyFactory
from renda.org import selectors
from renda.org.models import CommitteeMembership, CommitteeOffice, CongressSession, Term, Township
from renda.org.tests.factories import (
    CommitteeMembershipFactory,
    CommitteeOfficeFactory,
    TermFactory,
    TownshipFactory,
)

pytestmark = pytest.mark.django_db

TOWNSHIPS = "/api/v1/townships/"
TERMS = "/api/v1/terms/"
SESSIONS = "/api/v1/congress-sessions/"
MEMBERSHIPS = "/api/v1/committee-memberships/"
OFFICES = "/api/v1/committee-offices/"
OUTSIDERS = [Role.MEMBER, Role.DEPUTY, Role.UNIT]


@pytest.fixture
def api():
    return APIClient()


def as_user(api, user):
    api.force_authenticate(user)
    return api


def messages(response) -> dict:
    """A refused write's messages by field, without its error codes (core.api.exception_handler)."""
    body = response.json()
    assert isinstance(body.pop("code"), str) and body.pop("codes")
    return body


def seated(term, **kwargs):
    """A deputy of `term` seated on its standing committee."""
    deputy = DeputyFactory()
    deputy.terms.add(term)
    return CommitteeMembershipFactory(term=term, deputy=deputy, **kwargs)


# ---------------------------------------------------------------- who may write

WRITES = [
    ("post", TOWNSHIPS),
    ("patch", f"{TOWNSHIPS}{{township}}/"),
    ("post", TERMS),
    ("patch", f"{TERMS}{{term}}/"),
    ("post", f"{TERMS}{{term}}/set-current/"),
    ("post", SESSIONS),
    ("post", MEMBERSHIPS),
    ("post", f"{MEMBERSHIPS}{{membership}}/end/"),
    ("post", OFFICES),
    ("patch", f"{OFFICES}{{office}}/"),
]


@pytest.fixture
def records():
    membership = seated(TermFactory())
    return {
        "township": TownshipFactory().pk,
        "term": membership.term_id,
        "membership": membership.pk,
        "office": CommitteeOfficeFactory().pk,
    }


@pytest.mark.parametrize("method, url", WRITES)
def test_anonymous_writes_are_401(api, records, method, url):
    assert getattr(api, method)(url.format(**records), {}, format="json").status_code == 401


@pytest.mark.parametrize("role", OUTSIDERS)
@pytest.mark.parametrize("method, url", WRITES)
def test_only_users_with_the_permission_write(api, make_user, records, role, method, url):
    response = getattr(as_user(api, make_user(role)), method)(url.format(**records), {}, format="json")

    assert response.status_code == 403


# ---------------------------------------------------------------- townships


def test_clerk_adds_a_township_last_and_renames_it(api, clerk):
    first = TownshipFactory(order=4)
    as_user(api, clerk)

    created = api.post(
        TOWNSHIPS, {"jurisdiction": first.jurisdiction_id, "name": "羊场镇", "kind": "town"}, format="json"
    )
    renamed = api.patch(
        f"{TOWNSHIPS}{created.json()['id']}/", {"name": "羊场街道", "kind": "street"}, format="json"
    )

    assert created.status_code == 201, created.content
    assert created.json()["order"] == 5
    assert renamed.status_code == 200, renamed.content
    township = Township.objects.get(pk=created.json()["id"])
    assert (township.name, township.kind, township.order) == ("羊场街道", "street", 5)


def test_a_township_name_is_unique_in_the_jurisdiction(api, clerk):
    existing = TownshipFactory(name="羊场镇")

    response = as_user(api, clerk).post(
        TOWNSHIPS, {"jurisdiction": existing.jurisdiction_id, "name": "羊场镇"}, format="json"
    )

    assert response.status_code == 400
    assert messages(response) == {"non_field_errors": ["包含 行政区 和 名称 的 乡镇（街道） 已经存在。"]}
    assert Township.objects.count() == 1


def test_a_township_outside_the_selector_is_404(api, clerk, monkeypatch):
    township = TownshipFactory()
    monkeypatch.setattr(selectors, "townships_visible_to", lambda user: Township.objects.none())

    response = as_user(api, clerk).patch(f"{TOWNSHIPS}{township.pk}/", {"name": "改名"}, format="json")

    assert response.status_code == 404


# ---------------------------------------------------------------- terms


def test_a_new_term_marked_current_replaces_the_current_one(api, clerk):
    old = TermFactory()
    data = {
        "jurisdiction": old.jurisdiction_id,
        "number": 19,
        "start_date": "2026-12-28",
        "is_current": True,
    }

    response = as_user(api, clerk).post(TERMS, data, format="json")

    assert response.status_code == 201, response.content
    assert response.json()["name"] == "第十九届"
    assert response.json()["is_current"] is True
    assert response.json()["deputy_count"] == 0
    old.refresh_from_db()
    assert not old.is_current


def test_a_term_cannot_end_before_it_starts(api, clerk):
    term = TermFactory()

    response = as_user(api, clerk).patch(f"{TERMS}{term.pk}/", {"end_date": "2020-01-01"}, format="json")

    assert response.status_code == 400
    assert messages(response) == {"end_date": ["结束日期不能早于开始日期。"]}
    term.refresh_from_db()
    assert term.end_date is None


def test_clerk_changes_the_dates_of_a_term(api, clerk):
    term = TermFactory()

    response = as_user(api, clerk).patch(f"{TERMS}{term.pk}/", {"end_date": "2026-12-27"}, format="json")

    assert response.status_code == 200, response.content
    assert response.json()["end_date"] == "2026-12-27"


def test_set_current_moves_the_current_term(api, clerk):
    current = TermFactory()
    older = TermFactory(number=17, start_date=datetime.date(2016, 12, 28), is_current=False)

    response = as_user(api, clerk).post(f"{TERMS}{older.pk}/set-current/", format="json")

    assert response.status_code == 200, response.content
    assert response.json()["is_current"] is True
    assert list(Term.objects.filter(is_current=True)) == [older]
    current.refresh_from_db()
    assert not current.is_current


def test_a_term_outside_the_selector_is_404(api, clerk, monkeypatch):
    term = TermFactory()
    monkeypatch.setattr(selectors, "terms_for_list", lambda user: Term.objects.none())
    as_user(api, clerk)

    assert api.patch(f"{TERMS}{term.pk}/", {"number": 20}, format="json").status_code == 404
    assert api.post(f"{TERMS}{term.pk}/set-current/").status_code == 404


# ---------------------------------------------------------------- congress sessions


def test_clerk_adds_a_session_to_a_term(api, clerk):
    term = TermFactory()
    data = {"term": term.pk, "number": 3, "start_date": "2024-01-10", "place": "县人民会堂"}

    response = as_user(api, clerk).post(SESSIONS, data, format="json")

    assert response.status_code == 201, response.content
    assert response.json()["name"] == "第十八届人民代表大会第三次会议"
    assert CongressSession.objects.get().place == "县人民会堂"


def test_a_session_opens_within_its_term(api, clerk):
    term = TermFactory()

    response = as_user(api, clerk).post(
        SESSIONS, {"term": term.pk, "number": 1, "start_date": "2020-01-10"}, format="json"
    )

    assert response.status_code == 400
    assert messages(response) == {"start_date": ["开幕日期应在第十八届任期内（2021年12月28日起）。"]}
    assert not CongressSession.objects.exists()


# ---------------------------------------------------------------- standing committee


def test_clerk_seats_a_deputy_of_the_term(api, clerk):
    term, deputy = TermFactory(), DeputyFactory(name="王芳")
    deputy.terms.add(term)
    office = CommitteeOfficeFactory()
    data = {
        "term": term.pk,
        "deputy": deputy.pk,
        "position": "vice_chair",
        "office": office.pk,
        "start_date": "2021-12-28",
    }

    response = as_user(api, clerk).post(MEMBERSHIPS, data, format="json")

    assert response.status_code == 201, response.content
    assert response.json()["deputy_name"] == "王芳"
    membership = CommitteeMembership.objects.get()
    assert (membership.position, membership.office, membership.end_date) == ("vice_chair", office, None)


def test_only_a_deputy_of_the_term_is_seated(api, clerk):
    """【国】 地方组织法: the congress elects its standing committee from among its deputies."""
    term, outsider = TermFactory(), DeputyFactory(name="李强")

    response = as_user(api, clerk).post(
        MEMBERSHIPS,
        {"term": term.pk, "deputy": outsider.pk, "position": "member", "start_date": "2021-12-28"},
        format="json",
    )

    assert response.status_code == 400
    assert messages(response) == {
        "deputy": ["常委会组成人员由人民代表大会从代表中选举产生，李强不是第十八届代表。"]
    }


def test_a_second_chairperson_is_refused_beside_the_position(api, clerk):
    chair = seated(TermFactory(), position=CommitteeMembership.Position.CHAIR)
    deputy = DeputyFactory()
    deputy.terms.add(chair.term)

    response = as_user(api, clerk).post(
        MEMBERSHIPS,
        {"term": chair.term_id, "deputy": deputy.pk, "position": "chair", "start_date": "2023-01-01"},
        format="json",
    )

    assert response.status_code == 400
    assert messages(response) == {"position": [f"第十八届常委会已有在任主任{chair.deputy}，请先办理其离任。"]}


def test_clerk_records_that_a_member_left(api, clerk):
    membership = seated(TermFactory())

    response = as_user(api, clerk).post(
        f"{MEMBERSHIPS}{membership.pk}/end/", {"end_date": "2024-06-30"}, format="json"
    )

    assert response.status_code == 200, response.content
    assert response.json()["end_date"] == "2024-06-30"
    membership.refresh_from_db()
    assert membership.end_date == datetime.date(2024, 6, 30)


def test_a_member_leaves_once_and_not_before_being_seated(api, clerk):
    membership = seated(TermFactory())
    url = f"{MEMBERSHIPS}{membership.pk}/end/"
    as_user(api, clerk)

    early = api.post(url, {"end_date": "2020-01-01"}, format="json")
    api.post(url, {"end_date": "2024-06-30"}, format="json")
    again = api.post(url, {"end_date": "2024-07-01"}, format="json")

    assert early.status_code == 400
    assert messages(early) == {"end_date": ["结束日期不能早于开始日期。"]}
    assert again.status_code == 400
    assert messages(again) == {"non_field_errors": [f"{membership.deputy}已于2024年6月30日离任。"]}


def test_a_membership_outside_the_selector_is_404(api, clerk, monkeypatch):
    membership = seated(TermFactory())
    monkeypatch.setattr(selectors, "memberships_visible_to", lambda user: CommitteeMembership.objects.none())

    response = as_user(api, clerk).post(
        f"{MEMBERSHIPS}{membership.pk}/end/", {"end_date": "2024-06-30"}, format="json"
    )

    assert response.status_code == 404
    membership.refresh_from_db()
    assert membership.end_date is None


# ---------------------------------------------------------------- committee offices


def test_clerk_adds_and_changes_an_office(api, clerk):
    as_user(api, clerk)

    created = api.post(
        OFFICES, {"name": "财政经济委员会", "short_name": "财经委", "kind": "special"}, format="json"
    )
    changed = api.patch(f"{OFFICES}{created.json()['id']}/", {"active": False}, format="json")

    assert created.status_code == 201, created.content
    assert (created.json()["member_count"], created.json()["staff_count"]) == (0, 0)
    assert changed.status_code == 200, changed.content
    assert CommitteeOffice.objects.get(name="财政经济委员会").active is False


def test_an_office_name_is_unique_beside_the_field(api, clerk):
    CommitteeOfficeFactory(name="法制工作委员会")

    response = as_user(api, clerk).post(OFFICES, {"name": "法制工作委员会", "kind": "working"}, format="json")

    assert response.status_code == 400
    assert messages(response) == {"name": ["具有 名称 的 工作机构 已存在。"]}


def test_an_office_outside_the_selector_is_404(api, clerk, monkeypatch):
    office = CommitteeOfficeFactory()
    monkeypatch.setattr(selectors, "committee_offices_for_list", lambda user: CommitteeOffice.objects.none())

    assert (
        as_user(api, clerk).patch(f"{OFFICES}{office.pk}/", {"active": False}, format="json").status_code
        == 404
    )
