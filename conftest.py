"""Project-wide test fixtures: named users per role (as in the demo county) and database checks."""

import os
import re

import pytest

from renda.core.roles import Role


def pytest_configure(config):
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop
    # The budget supervision's analytical store (Parquet files, outside the database's rollback): a fresh folder
    import tempfile

    os.environ.setdefault("BUDGET_STORE", f"duckdb://{tempfile.mkdtemp(prefix='renda-budget-')}")


CHROMIUM = "/usr/bin/chromium"  # Debian's, installed by .ci/run
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def browser():
    """A headless Chromium driven by Playwright (tests marked `browser`); skipped where Chromium is missing,
    except on CI."""
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"CI 环境缺少 {CHROMIUM}，浏览器测试不能跳过。")
        pytest.skip(f"未安装 {CHROMIUM}")
    from django.db import connections
    from playwright.sync_api import expect, sync_playwright

    # CI runs both databases' suites side by side on two cores: give assertions the same 15 s as actions.
    expect.set_options(timeout=15_000)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        # While Playwright's event loop runs, Django's connections belong to that context: close the ones the
        # test opened, or they outlive it and PostgreSQL's test database cannot be dropped at the end.
        connections.close_all()


PHONE = {"width": 390, "height": 844}  # the phone every phone-first page is checked at


@pytest.fixture
def open_page(browser, live_server):
    """open_page(user=None, width=390, height=844) → a new page in its own context at that size (a phone, touch
    and mobile, at 390 px), signed in as `user` through the login page when one is given."""
    from playwright.sync_api import expect

    from renda.accounts.tests.factories import PASSWORD

    def open_(user=None, width: int = PHONE["width"], height: int = PHONE["height"]):
        phone = width == PHONE["width"]
        context = browser.new_context(
            viewport={"width": width, "height": height}, is_mobile=phone, has_touch=phone
        )
        page = context.new_page()
        page.set_default_timeout(15_000)
        if user is not None:
            page.goto(f"{live_server.url}/accounts/login/")
            page.get_by_label("用户名").fill(user.username)
            page.get_by_label("密码").fill(PASSWORD)
            page.get_by_role("button", name="登录").click()
            expect(page).not_to_have_url(re.compile(r"/accounts/login/"))
        return page

    return open_


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hasher():
    """Passwords hashed with MD5 in tests: the default hasher's million rounds take a quarter of a second per user,
    and the suite makes thousands of users. Production settings are untouched."""
    from django.test import override_settings

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(scope="session", autouse=True)
def _require_postgres(django_db_blocker):
    """With REQUIRE_POSTGRES=1 the suite must run on PostgreSQL, never silently on SQLite."""
    if os.environ.get("REQUIRE_POSTGRES") == "1":
        from django.db import connection

        if connection.vendor != "postgresql":
            pytest.fail("REQUIRE_POSTGRES=1 但数据库不是 PostgreSQL：请设置 DATABASE_URL。")


@pytest.fixture
def make_user(db):
    """make_user(Role.CLERK, deputy=…, handling_unit=…, station=…) → a user holding those roles."""
    from renda.accounts.services import user_roles_set
    from renda.accounts.tests.factories import UserFactory

    def make(*roles: str, **links):
        user = UserFactory(**links)
        user_roles_set(user=user, roles=list(roles))
        return user

    return make


@pytest.fixture
def admin_user(make_user):
    return make_user(Role.ADMIN, is_staff=True, is_superuser=True)


@pytest.fixture
def clerk(make_user):
    from renda.org.tests.factories import CommitteeOfficeFactory

    return make_user(Role.CLERK, office=CommitteeOfficeFactory())


@pytest.fixture
def member(make_user):
    return make_user(Role.MEMBER)


@pytest.fixture
def deputy_user(make_user):
    from renda.deputies.tests.factories import DeputyFactory

    return make_user(Role.DEPUTY, deputy=DeputyFactory())


@pytest.fixture
def unit_user(make_user):
    from renda.org.tests.factories import HandlingUnitFactory

    return make_user(Role.UNIT, handling_unit=HandlingUnitFactory())


@pytest.fixture
def keeper(make_user):
    from renda.deputies.tests.factories import LiaisonStationFactory

    return make_user(Role.KEEPER, station=LiaisonStationFactory())
