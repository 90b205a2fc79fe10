import datetime

import pytest
from django.utils import timezone

from renda.core import todos
from renda.core.rules import rule
from renda.core.todos import OK, OVERDUE, SOON, TodoItem, todos_for, urgency_of

TODAY = timezone.localdate


def later(n: int) -> datetime.date:
    return TODAY() + datetime.timedelta(days=n)


def test_urgency_from_the_due_date():
    soon_days = rule("due_soon_days")
    assert urgency_of(None) == OK
    assert urgency_of(later(-1)) == OVERDUE
    assert urgency_of(later(0)) == SOON
    assert urgency_of(later(soon_days)) == SOON
    assert urgency_of(later(soon_days + 1)) == OK


def test_an_item_computes_its_urgency_unless_given():
    assert TodoItem("甲", "/a/", "测试", due=later(-2)).urgency == OVERDUE
    assert TodoItem("乙", "/b/", "测试", urgency=SOON).urgency == SOON


def first_provider(user):
    return [
        TodoItem("无期限", "/c/", "测试"),
        TodoItem("远期", "/d/", "测试", due=later(60)),
        TodoItem("已逾期", "/e/", "测试", due=later(-1)),
    ]


def second_provider(user):
    return [
        TodoItem("临近", "/f/", "测试", due=later(1)),
        TodoItem(f"给{user}", "/g/", "测试", due=later(-5)),
    ]


def empty_provider(user):
    return []


def test_providers_are_collected_and_sorted_by_urgency_then_due(monkeypatch):
    monkeypatch.setattr(todos, "providers", lambda: [first_provider, empty_provider, second_provider])
    assert [item.title for item in todos_for("某人")] == ["给某人", "已逾期", "临近", "远期", "无期限"]


def test_no_providers_no_to_dos(monkeypatch):
    monkeypatch.setattr(todos, "providers", lambda: [])
    assert todos_for("某人") == []


@pytest.mark.django_db
def test_the_configured_providers_import_and_answer_an_anonymous_user():
    from django.contrib.auth.models import AnonymousUser

    assert todos_for(AnonymousUser()) == []
