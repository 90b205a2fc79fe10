"""Accounts in bulk from the registry: the username rule, initial passwords shown once in Excel, a second run
opening nothing, the forced password change at first sign-in, and the deactivation of ended deputies."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from renda.accounts.models import AccountEvent, User
from renda.accounts.services import (
    accounts_bulk_create,
    ended_deputy_accounts_tick,
    initial_password,
    username_base,
    username_pick,
)
from renda.core.roles import Role, user_roles
from renda.deputies.choices import DeputyStatus
from renda.deputies.services import deputy_status_change
from renda.deputies.tests.factories import DeputyFactory, LiaisonStationFactory
from renda.org.tests.factories import HandlingUnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry(make_user):
    """Two serving deputies of the same name (and one who resigned), a unit and a station without accounts,
    and an existing account named like the first deputy's pinyin."""
    make_user(Role.CLERK, username="zhangwei")
    first = DeputyFactory(name="张伟", phone="13811112222")
    second = DeputyFactory(name="张伟", phone="13833334444")
    gone = DeputyFactory(name="李强", status=DeputyStatus.RESIGNED)
    unit = HandlingUnitFactory(name="县教育局", short_name="教育局", contact_person="王芳")
    station = LiaisonStationFactory(name="城关镇代表联络站")
    return first, second, gone, unit, station


def test_the_username_rule_is_pinyin_with_a_number_on_collision():
    assert username_base("张伟") == "zhangwei"
    assert username_base("县教育局", prefix="dw", initials=True) == "dwxjyj"
    assert username_base("Anna·李") == "annali"  # letters kept, the dot dropped
    assert username_base("·") == "user"
    taken = {"zhangwei"}
    assert username_pick("zhangwei", taken) == "zhangwei2"
    assert username_pick("zhangwei", taken) == "zhangwei3"
    assert username_pick("ZhangWei", {"zhangwei"}) == "ZhangWei2"  # compared without case


def test_initial_passwords_are_random_and_strong():
    import random

    random.seed(2024)
    passwords = {initial_password() for _ in range(50)}
    assert len(passwords) == 50
    for password in passwords:
        assert len(password) == 14
        assert any(c.isupper() for c in password) and any(c.islower() for c in password)
        assert any(c.isdigit() for c in password)


def test_bulk_creation_opens_one_account_per_record_never_colliding(registry, clerk):
    first, second, gone, unit, station = registry
    result = accounts_bulk_create(actor=clerk)
    by_link = {new.link: new for new in result.created if new.role != "人大代表"}
    deputies = {new.user.deputy: new.user for new in result.created if new.user.deputy}
    assert set(deputies) == {first, second}  # not the deputy who resigned
    assert {deputies[first].username, deputies[second].username} == {"zhangwei2", "zhangwei3"}
    assert by_link["县教育局"].user.username == "dwjyj"
    assert by_link["县教育局"].user.full_name == "王芳"
    assert user_roles(by_link["县教育局"].user) == {Role.UNIT}
    assert by_link["城关镇代表联络站"].user.username == "lzcgzdbllz"
    assert by_link["城关镇代表联络站"].user.station == station
    for new in result.created:
        user = User.objects.get(pk=new.user.pk)
        assert user.must_change_password
        assert user.check_password(new.password)
        assert new.password not in user.password  # hashed, never in clear
        assert AccountEvent.objects.filter(user=user, action="created", actor=clerk).exists()


def test_a_second_run_opens_nothing_and_reports_what_it_skipped(registry, clerk):
    first_run = accounts_bulk_create(actor=clerk)
    count = User.objects.count()
    second_run = accounts_bulk_create(actor=clerk)
    assert second_run.created == []
    assert User.objects.count() == count
    assert len(second_run.skipped) == len(first_run.created)
    assert all(s.reason.startswith("已有账号 ") for s in second_run.skipped)


def test_only_the_office_may_open_accounts_in_bulk(registry, make_user):
    for role in (Role.MEMBER, Role.DEPUTY, Role.UNIT, Role.KEEPER):
        with pytest.raises(PermissionDenied):
            accounts_bulk_create(actor=make_user(role))


def test_the_bulk_page_answers_with_the_passwords_once_in_excel(client, registry, clerk):
    client.force_login(clerk)
    url = reverse("accounts:bulk")
    preview = client.get(url).content.decode()
    assert "将开设 2 个账号" in preview
    response = client.post(url)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    rows = list(book["新开账号"].values)
    assert rows[0] == ("用户名", "初始密码", "姓名", "角色", "关联")
    for username, password, *_ in rows[1:]:
        assert User.objects.get(username=username).check_password(password)
    again = load_workbook(io.BytesIO(client.post(url).content))
    assert list(again["新开账号"].values)[1:] == []
    assert len(list(again["已跳过"].values)) == len(rows)  # header + one per account opened before


def test_the_first_sign_in_forces_a_password_change(client, registry, clerk):
    new = next(n for n in accounts_bulk_create(actor=clerk).created if n.user.deputy)
    response = client.post(
        reverse("accounts:login"), {"username": new.user.username, "password": new.password}
    )
    assert response.status_code == 302
    home = client.get(reverse("home"))
    assert home["Location"] == reverse("accounts:password_change")
    assert client.get("/api/v1/auth/me/").json()["code"] == "password_change_required"
    changed = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": new.password,
            "new_password1": "Renda-新密码-2026",
            "new_password2": "Renda-新密码-2026",
        },
    )
    assert changed.status_code == 302
    assert not User.objects.get(pk=new.user.pk).must_change_password
    assert client.get(reverse("home")).status_code == 200


def test_the_api_refuses_a_token_until_the_password_is_changed(registry, clerk):
    new = next(n for n in accounts_bulk_create(actor=clerk).created if n.user.deputy)
    api = APIClient()
    token = api.post("/api/v1/auth/token/", {"username": new.user.username, "password": new.password}).json()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token['token']}")
    refused = api.get("/api/v1/auth/me/")
    assert refused.status_code == 403
    assert refused.json()["code"] == "password_change_required"


def test_deputies_who_no_longer_serve_lose_their_accounts_in_the_daily_job(registry, clerk, make_user):
    first, second, gone, unit, station = registry
    accounts_bulk_create(actor=clerk)
    both = make_user(Role.DEPUTY, Role.CLERK, deputy=DeputyFactory(name="赵六"))
    for deputy in (first, both.deputy):
        deputy_status_change(
            deputy=deputy,
            expected_version=deputy.version,
            status=DeputyStatus.RESIGNED,
            date=datetime.date(2026, 3, 1),
            reason="辞去代表职务",
            actor=clerk,
        )
    assert ended_deputy_accounts_tick(today=datetime.date(2026, 3, 2)) == {"deactivated": 2}
    assert not User.objects.get(deputy=first).is_active
    both.refresh_from_db()
    assert both.is_active and set(both.groups.values_list("name", flat=True)) == {Role.CLERK}
    assert User.objects.get(deputy=second).is_active
    assert ended_deputy_accounts_tick(today=datetime.date(2026, 3, 3)) == {"deactivated": 0}  # idempotent
    event = AccountEvent.objects.get(user__deputy=first, action="deactivated")
    assert event.actor is None and "辞职" in event.note


def test_the_command_writes_the_passwords_file_and_a_second_run_opens_nothing(registry, clerk, tmp_path):
    from django.core.management import call_command

    out = io.StringIO()
    call_command("accounts_bulk_create", actor=clerk.username, out=str(tmp_path / "a.xlsx"), stdout=out)
    assert "开设4个账号" in out.getvalue()
    rows = list(load_workbook(tmp_path / "a.xlsx")["新开账号"].values)
    assert len(rows) == 5
    call_command("accounts_bulk_create", actor=clerk.username, out=str(tmp_path / "b.xlsx"), stdout=out)
    assert "开设0个账号，跳过4个" in out.getvalue()


def test_renda_tick_deactivates_the_accounts_of_ended_deputies_once(make_user, clerk):
    from django.core.management import call_command

    gone = make_user(Role.DEPUTY, deputy=DeputyFactory(status=DeputyStatus.DECEASED))
    out = io.StringIO()
    call_command("renda_tick", "--date", "2026-06-12", stdout=out)
    assert "renda.accounts：deactivated 1" in out.getvalue()
    assert not User.objects.get(pk=gone.pk).is_active
    out = io.StringIO()
    call_command("renda_tick", "--date", "2026-06-12", stdout=out)
    assert "renda.accounts：deactivated 0" in out.getvalue()
