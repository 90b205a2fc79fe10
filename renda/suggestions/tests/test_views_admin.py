"""Django admin: the configurable lists are editable, suggestions are read-only."""

import pytest
from django.urls import reverse

from renda.suggestions.models import TRANSITIONS, State
from renda.suggestions.tests import flow
from renda.suggestions.tests.factories import (
    RefusalReasonFactory,
    ResultCategoryFactory,
    SuggestionCategoryFactory,
)
from renda.suggestions.views import MOVE_PAGES

pytestmark = pytest.mark.django_db

# Moves made on other pages than the office's buttons: the unit's reply and the deputy's evaluation.
MOVES_ELSEWHERE = {
    (State.HANDLING, State.REPLIED),
    (State.REHANDLING, State.REPLIED),
    (State.REPLIED, State.CLOSED),
    (State.REPLIED, State.REHANDLING),
    (State.REPLIED, State.COORDINATION),
}


def test_every_transition_has_a_page():
    edges = {(source, target) for source, moves in TRANSITIONS.items() for target in moves}
    assert edges == set(MOVE_PAGES) | MOVES_ELSEWHERE


def test_admin_edits_configurable_lists(client, admin_user):
    SuggestionCategoryFactory()
    ResultCategoryFactory()
    RefusalReasonFactory()
    client.force_login(admin_user)
    for name in ("suggestioncategory", "resultcategory", "refusalreason"):
        assert client.get(reverse(f"admin:suggestions_{name}_changelist")).status_code == 200
        assert client.get(reverse(f"admin:suggestions_{name}_add")).status_code == 200


def test_admin_shows_suggestions_read_only(client, admin_user, clerk, deputy_user):
    suggestion = flow.accepted(clerk, deputy_user, title="关于后台只读的建议")
    client.force_login(admin_user)
    assert (
        "关于后台只读的建议"
        in client.get(reverse("admin:suggestions_suggestion_changelist")).content.decode()
    )
    page = client.get(reverse("admin:suggestions_suggestion_change", args=[suggestion.pk]))
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert client.get(reverse("admin:suggestions_suggestion_add")).status_code == 403
