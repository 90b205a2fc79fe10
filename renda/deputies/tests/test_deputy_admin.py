import pytest
from django.urls import reverse

from renda.deputies.tests.factories import DeputyFactory
from renda.org.tests.factories import TermFactory

pytestmark = pytest.mark.django_db


def test_admin_lists_deputies_groups_delegations_and_constituencies(client, admin_user):
    DeputyFactory(name="张三")
    client.force_login(admin_user)
    for model in ("deputy", "deputygroup", "delegation", "constituency"):
        assert client.get(reverse(f"admin:deputies_{model}_changelist")).status_code == 200
    assert (
        client.get(reverse("admin:deputies_deputy_changelist"), {"q": "zs"}).context["cl"].result_count == 1
    )


def test_admin_edit_keeps_the_pinyin_index_and_the_version(client, admin_user):
    deputy = DeputyFactory(name="张三")
    client.force_login(admin_user)
    data = {
        "name": "李四",
        "gender": deputy.gender,
        "ethnicity": deputy.ethnicity,
        "affiliation": deputy.affiliation,
        "sector": deputy.sector,
        "level": deputy.level,
        "terms": [TermFactory().pk],
        "status": deputy.status,
    }
    response = client.post(reverse("admin:deputies_deputy_change", args=[deputy.pk]), data)
    assert response.status_code == 302
    deputy.refresh_from_db()
    assert (deputy.name, deputy.name_initials, deputy.version) == ("李四", "ls", 2)
    assert deputy.history.latest().history_user == admin_user
