"""The demo county as `manage.py seed_demo` makes it, shared by the checks that try the platform from outside:
the crawl (core/tests/test_crawl.py), the authorization matrix (test_authz_matrix.py), the API fuzzing
(test_fuzz_api.py), the defaults of lists and 工作台 (test_demo_defaults.py), the kept counts of statistics
(test_demo_facts.py), and the checks of `seed_demo` itself (demo/tests/test_seed_demo.py). Seeding the county
takes about a minute, so every module that only reads it (seed 2024, today's date) shares this one instead of
seeding its own; a module that needs another date, seed or scale seeds its own.

The county is seeded once per test session (per xdist worker) inside one transaction that is rolled back at the
end of the session. So that no other test ever sees it, the tests that use it are moved to the end of the run:
every test before them finds the empty database it expects.
"""

import io
from pathlib import Path
from types import SimpleNamespace

import pytest

DEMO_MODULES = frozenset(  # relative to renda/
    {
        "core/tests/test_crawl.py",
        "core/tests/test_authz_matrix.py",
        "core/tests/test_fuzz_api.py",
        "core/tests/test_demo_defaults.py",
        "core/tests/test_demo_facts.py",
        "demo/tests/test_seed_demo.py",
    }
)
HERE = Path(__file__).resolve().parent

# Demo accounts (renda.demo.services.build_users); "anonymous" is nobody signed in.
ROLES = ("anonymous", "admin", "clerk", "member", "deputy", "unit", "keeper")


def _uses_demo(item) -> bool:
    path = Path(str(item.path)).resolve()
    return path.is_relative_to(HERE) and path.relative_to(HERE).as_posix() in DEMO_MODULES


@pytest.hookimpl(trylast=True)  # after any other reordering (pytest-django sorts by database use)
def pytest_collection_modifyitems(session, config, items):
    """Run the demo's tests last, in their collected order (the same on every xdist worker)."""
    demo = [item for item in items if _uses_demo(item)]
    if demo:
        items[:] = [item for item in items if not _uses_demo(item)] + demo


@pytest.fixture(scope="session")
def demo(django_db_setup, django_db_blocker):
    """The demo county (seed 2024, today's date) as `make serve` seeds it (`seed_demo --if-empty` on the empty
    database); rolled back at the session's end. `demo.users` maps each demo username (= role) to its user id,
    `demo.output` is what the command printed."""
    from django.core.management import call_command
    from django.db import connection, transaction

    from renda.accounts.models import User

    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        out = io.StringIO()
        call_command("seed_demo", "--if-empty", "--seed", "2024", stdout=out)
        # PostgreSQL defers foreign-key checks to the end of the transaction: check the demo's now, once, in the
        # outer transaction. Else every test's teardown (SET CONSTRAINTS ALL IMMEDIATE, then rolled back with the
        # test) checks all the demo's rows again.
        connection.check_constraints()
        users = dict(User.objects.filter(username__in=ROLES).values_list("username", "pk"))
        assert set(users) == set(ROLES) - {"anonymous"}, users
        yield SimpleNamespace(users=users, output=out.getvalue())
        transaction.set_rollback(True)


@pytest.fixture
def demo_user(demo, db):
    """demo_user("clerk") → the demo's clerk (a fresh instance); demo_user("anonymous") → None."""
    from renda.accounts.models import User

    def get(role: str):
        return None if role == "anonymous" else User.objects.get(pk=demo.users[role])

    return get
