"""The public page of published replies (no login, no personal data) and the in-app inbox."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from renda.core.models import Notification
from renda.core.roles import Role
from renda.deputies.tests.factories import DeputyFactory
from renda.suggestions.models import Cosigner
from renda.suggestions.tests import flow

pytestmark = pytest.mark.django_db


def test_public_page_without_login_shows_names_only(client, make_user, clerk, unit_user):
    lead = make_user(Role.DEPUTY, deputy=DeputyFactory(name="陈红", phone="13912345678"))
    suggestion = flow.replied(clerk, lead, unit_user, title="关于增设路灯的建议")
    cosigner = DeputyFactory(name="刘强", phone="13787654321")
    Cosigner.objects.create(suggestion=suggestion, deputy=cosigner, status=Cosigner.Status.CONFIRMED)
    response = client.get(reverse("public_replies"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "关于增设路灯的建议" in content and "已纳入年度计划并组织实施。" in content
    assert "陈红" in content and "刘强" in content and unit_user.handling_unit.name in content
    for private in ("13912345678", "13787654321", "1391", "李局长", "电话听取代表意见", unit_user.username):
        assert private not in content


def test_public_page_hides_unpublished_replies(client, deputy_user, clerk, unit_user):
    suggestion = flow.assigned(clerk, deputy_user, lead=unit_user.handling_unit, title="关于不公开事项的建议")
    flow.answer(flow.assignment_of(suggestion, unit_user), unit_user, publishable=False)
    flow.assigned(clerk, deputy_user, lead=unit_user.handling_unit, title="关于尚未答复的建议")
    content = client.get(reverse("public_replies")).content.decode()
    assert "关于不公开事项的建议" not in content and "关于尚未答复的建议" not in content


def test_public_page_search_and_query_count(client, deputy_user, clerk, unit_user, django_assert_num_queries):
    for _ in range(3):
        flow.replied(clerk, deputy_user, unit_user)
    flow.replied(clerk, deputy_user, unit_user, title="关于菜市场改造的建议")
    url = reverse("public_replies")
    found = client.get(url, {"q": "菜市场"}, headers={"HX-Request": "true"}).content.decode()
    assert "关于菜市场改造的建议" in found and "<html" not in found
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(16):
        flow.replied(clerk, deputy_user, unit_user)
    with django_assert_num_queries(len(few)):
        client.get(url)


def test_inbox_lists_marks_read_and_counts_unread(client, clerk, deputy_user, unit_user):
    suggestion = flow.replied(clerk, deputy_user, unit_user)
    client.force_login(deputy_user)
    unread = Notification.objects.filter(recipient=deputy_user, read_at__isnull=True)
    count = unread.count()
    assert count >= 3  # accepted, assigned, replied
    page = client.get(reverse("inbox"))
    content = page.content.decode()
    assert f'{count}<span class="visually-hidden">条未读消息</span>' in content
    assert "建议已答复，请评价" in content
    message = unread.get(title__startswith="建议已答复")
    opened = client.post(reverse("inbox_read", args=[message.pk]))
    assert opened["Location"] == f"/suggestions/{suggestion.pk}/"
    assert unread.count() == count - 1
    client.post(reverse("inbox_read_all"))
    assert unread.count() == 0
    assert "条未读消息" not in client.get(reverse("inbox")).content.decode()


def test_inbox_shows_only_own_messages(client, clerk, deputy_user, unit_user):
    flow.replied(clerk, deputy_user, unit_user)
    other = Notification.objects.filter(recipient=deputy_user).first()
    client.force_login(unit_user)
    assert client.post(reverse("inbox_read", args=[other.pk])).status_code == 404
    assert "建议已立案" not in client.get(reverse("inbox")).content.decode()


def test_inbox_query_count_is_fixed(client, deputy_user, django_assert_num_queries):
    from renda.core.notifications import notify

    for n in range(3):
        notify(recipients=[deputy_user], title=f"消息{n}")
    client.force_login(deputy_user)
    with CaptureQueriesContext(connection) as three:
        client.get(reverse("inbox"))
    for n in range(17):
        notify(recipients=[deputy_user], title=f"更多消息{n}")
    with django_assert_num_queries(len(three)):
        response = client.get(reverse("inbox"))
    assert response.context["total"] == 20


def test_unread_count_is_one_query(client, deputy_user, django_assert_num_queries):
    from django.test import RequestFactory

    from renda.core.context_processors import navigation

    request = RequestFactory().get("/")
    request.user = deputy_user
    deputy_user._renda_roles = frozenset({"deputy"})
    with django_assert_num_queries(1):
        assert navigation(request)["inbox_unread"] == 0
