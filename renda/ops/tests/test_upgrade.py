"""Upgrading a populated database: the previous release's demo county, made by that release's own code at its own
schema, migrated by the current tree, loses nothing (every table's rows and the key figures equal before and
after).

The previous release is checked out of this repository's history (renda/ops/releases.py). A clone without it
(a shallow CI clone) fails here with the way to fetch it, so a green run has really upgraded."""

import io
import subprocess
import tarfile
import time

import pytest

from renda.ops.releases import PREVIOUS_RELEASE, PREVIOUS_RELEASE_COMMIT
from renda.ops.tests.support import BASE_DIR, Site, vendor

# Tables whose rows the migrations themselves add: the migrations' own record, the content types and
# permissions of new models, and those permissions given to the role groups (accounts' post_migrate sync).
GROWN_BY_MIGRATIONS = {
    "django_migrations",
    "django_content_type",
    "auth_permission",
    "auth_group_permissions",
}

KEY_FIGURES = {
    "suggestions by state": "SELECT state, COUNT(*) FROM suggestions_suggestion GROUP BY state",
    "suggestions by kind": "SELECT kind, COUNT(*) FROM suggestions_suggestion GROUP BY kind",
    "replies, on time": "SELECT COUNT(*), SUM(CASE WHEN on_time THEN 1 ELSE 0 END) FROM suggestions_reply",
    "evaluations by rating (satisfaction)": "SELECT rating, COUNT(*) FROM suggestions_evaluation GROUP BY rating",
    "deputies by status": "SELECT status, COUNT(*) FROM deputies_deputy GROUP BY status",
    "users by role": "SELECT g.name, COUNT(*) FROM accounts_user_groups ug JOIN auth_group g ON g.id = ug.group_id GROUP BY g.name",
}


def _release_tree(target, commit: str = PREVIOUS_RELEASE_COMMIT) -> None:
    present = subprocess.run(
        ["git", "-C", str(BASE_DIR), "cat-file", "-e", f"{commit}^{{commit}}"],
        capture_output=True,
        check=False,
    )
    if present.returncode != 0:
        pytest.fail(
            f"仓库中没有上一版本 {PREVIOUS_RELEASE} 的提交 {commit}（浅克隆？）："
            "请先运行 git fetch --unshallow（.ci/run 会自动运行），升级测试不能跳过。"
            f"git：{present.stderr.decode(errors='replace').strip()}"
        )
    archive = subprocess.run(
        ["git", "-C", str(BASE_DIR), "archive", "--format=tar", commit],
        capture_output=True,
        check=True,
    )
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(target, filter="data")


def _figures(site) -> dict[str, list]:
    return {name: sorted(site.sql(query), key=repr) for name, query in KEY_FIGURES.items()}


def test_upgrade_from_previous_release_loses_nothing(tmp_path):
    release = tmp_path / "release"
    _release_tree(release)
    site = Site(tmp_path, "upgrade")
    try:
        site.manage("migrate", "--noinput", cwd=release)
        site.manage("seed_demo", "--seed", "2024", cwd=release)
        before, figures = site.row_counts(), _figures(site)
        assert figures["suggestions by state"] and figures["evaluations by rating (satisfaction)"]

        started = time.monotonic()
        site.manage("migrate", "--noinput")
        print(f"\nmigrate {PREVIOUS_RELEASE} → current on {vendor()}: {time.monotonic() - started:.1f} s")
        after = site.row_counts()

        assert set(before) <= set(after), f"tables lost: {set(before) - set(after)}"
        lost = {
            t: (before[t], after[t]) for t in before if t not in GROWN_BY_MIGRATIONS and before[t] != after[t]
        }
        assert lost == {}
        assert all(after[t] >= before[t] for t in GROWN_BY_MIGRATIONS)
        assert _figures(site) == figures
        assert site.manage("migrate", "--check", check=False).returncode == 0  # nothing left to migrate
    finally:
        site.drop()


def test_a_missing_release_fails_the_run_instead_of_skipping(tmp_path):
    with pytest.raises(pytest.fail.Exception, match="git fetch --unshallow"):
        _release_tree(tmp_path, "0" * 40)
