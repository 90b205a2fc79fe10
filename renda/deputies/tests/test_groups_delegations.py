import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from renda.deputies.choices import DeputyStatus, GroupKind
from renda.deputies.models import Delegation, DeputyGroup
from renda.deputies.services import (
    delegation_create,
    delegation_members_set,
    deputy_group_create,
    deputy_group_members_set,
    deputy_group_update,
)
from renda.deputies.tests.factories import DelegationFactory, DeputyFactory, DeputyGroupFactory
from renda.org.tests.factories import TermFactory, TownshipFactory

pytestmark = pytest.mark.django_db


def test_group_is_created_with_its_members(clerk):
    a, b = DeputyFactory(), DeputyFactory()
    group = deputy_group_create(
        data={"name": "财经组", "kind": GroupKind.FIELD, "leader": a}, members=[a, b], actor=clerk
    )
    assert set(group.members.all()) == {a, b}


def test_leader_must_be_a_member(clerk):
    a, b = DeputyFactory(), DeputyFactory()
    with pytest.raises(ValidationError) as exc:
        deputy_group_create(data={"name": "财经组", "leader": a}, members=[b], actor=clerk)
    assert "组长" in exc.value.message_dict["members"][0]
    assert not DeputyGroup.objects.exists()
    group = deputy_group_create(data={"name": "财经组", "leader": a}, members=[a, b], actor=clerk)
    with pytest.raises(ValidationError):
        deputy_group_members_set(group=group, members=[b], actor=clerk)
    assert set(group.members.all()) == {a, b}


def test_group_update_changes_fields_and_members(clerk):
    group = DeputyGroupFactory(name="旧名")
    a = DeputyFactory()
    deputy_group_update(group=group, data={"name": "新名", "leader": a}, members=[a], actor=clerk)
    group.refresh_from_db()
    assert (group.name, group.leader, list(group.members.all())) == ("新名", a, [a])


def test_group_and_delegation_writes_need_permissions(deputy_user):
    with pytest.raises(PermissionDenied):
        deputy_group_create(data={"name": "财经组"}, members=[], actor=deputy_user)
    with pytest.raises(PermissionDenied):
        delegation_members_set(delegation=DelegationFactory(), members=[], actor=deputy_user)


def test_delegation_names_are_unique_within_a_term(clerk):
    term = TermFactory()
    delegation_create(data={"term": term, "name": "城关镇代表团"}, members=[], actor=clerk)
    with pytest.raises(ValidationError):
        delegation_create(data={"term": term, "name": "城关镇代表团"}, members=[], actor=clerk)


@pytest.mark.parametrize("name", ["group_list", "delegation_list"])
def test_anonymous_is_sent_to_login(client, name):
    assert client.get(reverse(f"deputies:{name}")).status_code == 302


def test_group_list_counts_serving_members_and_searches(client, member):
    """Figures count serving deputies by default: a member who resigned stays in the group's history but not in
    its count."""
    group = DeputyGroupFactory(name="财经组")
    group.members.add(DeputyFactory(), DeputyFactory(), DeputyFactory(status=DeputyStatus.RESIGNED))
    DeputyGroupFactory(name="农业组")
    client.force_login(member)
    response = client.get(reverse("deputies:group_list"), {"q": "财经"})
    assert [(g.name, g.member_count) for g in response.context["object_list"]] == [("财经组", 2)]


@pytest.mark.parametrize(
    ("url_name", "factory"),
    [("deputies:group_list", DeputyGroupFactory), ("deputies:delegation_list", DelegationFactory)],
)
def test_list_query_count_is_the_same_for_5_and_30_rows(
    client, member, django_assert_num_queries, url_name, factory
):
    def add(rows):
        for _ in range(rows):
            record = factory(township=TownshipFactory(), leader=DeputyFactory())
            record.members.add(record.leader)

    add(5)
    client.force_login(member)
    with CaptureQueriesContext(connection) as five:
        client.get(reverse(url_name))
    add(25)
    with django_assert_num_queries(len(five)):
        assert len(client.get(reverse(url_name)).context["object_list"]) == 25


def test_group_detail_lists_members(client, member):
    group = DeputyGroupFactory()
    group.members.add(DeputyFactory(name="张三"))
    client.force_login(member)
    body = client.get(reverse("deputies:group_detail", args=[group.pk])).content.decode()
    assert "张三" in body
    assert reverse("deputies:group_edit", args=[group.pk]) not in body
    assert client.get(reverse("deputies:group_detail", args=[999999])).status_code == 404


def test_clerk_creates_and_edits_a_group_through_the_pages(client, clerk):
    a, b = DeputyFactory(), DeputyFactory()
    client.force_login(clerk)
    data = {"name": "财经组", "kind": GroupKind.FIELD, "leader": a.pk, "members": [a.pk, b.pk]}
    response = client.post(reverse("deputies:group_create"), data)
    group = DeputyGroup.objects.get()
    assert response.url == reverse("deputies:group_detail", args=[group.pk])
    response = client.post(reverse("deputies:group_edit", args=[group.pk]), {**data, "members": [b.pk]})
    assert response.status_code == 200
    assert "组长" in response.content.decode()
    response = client.post(
        reverse("deputies:group_edit", args=[group.pk]), {**data, "leader": "", "members": [b.pk]}
    )
    assert response.status_code == 302
    assert list(group.members.all()) == [b]


def test_clerk_creates_a_delegation_and_sees_it(client, clerk):
    term, a = TermFactory(), DeputyFactory(name="李四")
    client.force_login(clerk)
    data = {"term": term.pk, "name": "城关镇代表团", "leader": a.pk, "members": [a.pk]}
    response = client.post(reverse("deputies:delegation_create"), data)
    delegation = Delegation.objects.get()
    assert response.url == reverse("deputies:delegation_detail", args=[delegation.pk])
    body = client.get(response.url).content.decode()
    assert "城关镇代表团" in body and "李四" in body
    response = client.post(
        reverse("deputies:delegation_edit", args=[delegation.pk]), {**data, "name": "东关乡代表团"}
    )
    assert response.status_code == 302
    delegation.refresh_from_db()
    assert delegation.name == "东关乡代表团"


def test_deputy_cannot_create_or_edit_groups_or_delegations(client, deputy_user):
    client.force_login(deputy_user)
    group, delegation = DeputyGroupFactory(), DelegationFactory()
    assert client.get(reverse("deputies:group_create")).status_code == 403
    assert client.get(reverse("deputies:group_edit", args=[group.pk])).status_code == 403
    assert client.get(reverse("deputies:delegation_create")).status_code == 403
    assert client.get(reverse("deputies:delegation_edit", args=[delegation.pk])).status_code == 403
