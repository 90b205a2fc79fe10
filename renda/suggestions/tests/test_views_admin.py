"""Django admin: the configurable lists are editable, suggestions are read-only."""

import pytest
from django.urls import reverse

from renda.suggestions.tests import flow
from renda.suggestions.tests.factories import (
    RefusalReasonFactory,
    ResultCategoryFactory,
    SuggestionCategoryFactory,
)
from renda.suggestions.views.common import ASSIGNMENT_PAGES, SUGGESTION_PAGES
from renda.suggestions.workflows import ASSIGNMENT_FLOW, SUGGESTION_FLOW

pytestmark = pytest.mark.django_db

# Decided on the same page as its counterpart (处理调整申请: approve or refuse).
SAME_PAGE = {"refuse_reassignment"}


def test_every_move_a_user_makes_has_a_page_and_every_consequence_has_none():
    for workflow, pages in ((SUGGESTION_FLOW, SUGGESTION_PAGES), (ASSIGNMENT_FLOW, ASSIGNMENT_PAGES)):
        by_users = {move.name for move in workflow.moves if move.who is not None}
        assert by_users - SAME_PAGE == set(pages)


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
