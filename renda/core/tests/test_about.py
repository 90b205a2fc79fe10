"""What Renda says about itself: one version (pyproject.toml, read from the installed package's metadata) shown in
the page footer, on the 关于 page and by GET /api/v1/about/; the licence file the README names; a changelog
section for the current version; pre-commit running the checks CI runs."""

import re
import tomllib
from importlib import metadata

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from config.settings import BASE_DIR

LICENCE = "AGPL-3.0-or-later"
VERSION = metadata.version("renda")


def read(name: str) -> str:
    return (BASE_DIR / name).read_text(encoding="utf-8")


def test_the_installed_version_and_licence_are_pyproject_s():
    project = tomllib.loads(read("pyproject.toml"))["project"]

    assert VERSION == project["version"], "pyproject.toml changed since the install: run `make setup` again"
    assert project["license"] == {"text": LICENCE}
    assert re.fullmatch(r"\d+\.\d+\.\d+", VERSION), "a release version: MAJOR.MINOR.PATCH"


@pytest.mark.django_db
def test_the_footer_shows_the_installed_version_to_everyone(client, clerk):
    footer = f'<span id="renda-version">版本 {VERSION}</span>'

    anonymous = client.get(reverse("accounts:login")).content.decode()
    client.force_login(clerk)
    signed_in = client.get(reverse("home")).content.decode()

    for page in (anonymous, signed_in):
        assert footer in page
        assert f'href="{reverse("about")}"' in page and LICENCE in page


@pytest.mark.django_db
def test_the_about_page_and_the_api_answer_with_the_same_version(client):
    page = client.get("/about/")
    api = APIClient().get("/api/v1/about/")

    assert page.status_code == 200, "no sign-in needed"
    body = page.content.decode()
    assert f'<dd class="col-sm-9" id="about-version">{VERSION}</dd>' in body
    assert f'<span id="about-licence">{LICENCE}</span>' in body
    assert "LICENSE" in body and "CHANGELOG.md" in body and "SECURITY.md" in body
    assert api.status_code == 200
    assert api.json() == {"name": "renda", "version": VERSION, "licence": LICENCE}


@pytest.mark.django_db
def test_the_about_api_ignores_credentials_and_refuses_writes(client, clerk):
    stale = APIClient()
    stale.credentials(HTTP_AUTHORIZATION="Token not-a-token")

    assert stale.get("/api/v1/about/").json()["version"] == VERSION, "a monitoring check with an old token"
    assert APIClient().post("/api/v1/about/").status_code == 405
    assert client.post("/about/").status_code == 405


@pytest.mark.django_db
def test_the_about_api_is_in_the_openapi_schema(client):
    schema = client.get("/api/schema/", {"format": "json"}).json()

    operation = schema["paths"]["/api/v1/about/"]["get"]
    assert "security" not in operation and "security" not in schema, "no credentials needed"
    ref = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    about = schema["components"]["schemas"][ref.rsplit("/", 1)[-1]]
    assert set(about["required"]) == {"name", "version", "licence"}
    assert list(schema["paths"]["/api/v1/about/"]) == ["get"]


def test_the_licence_file_is_the_agpl_the_readme_names():
    licence = read("LICENSE").splitlines()
    readme = read("README.md")

    assert licence[:2] == ["GNU AFFERO GENERAL PUBLIC LICENSE", "Version 3, 19 November 2007"]
    assert any(line.startswith("13. Remote Network Interaction") for line in licence)
    assert licence[-1].strip(), "ends with the text, not blank lines"
    licence_section = readme.split("## Licence", 1)[1].split("\n## ", 1)[0]
    assert LICENCE in licence_section and "`LICENSE`" in licence_section


def test_the_readme_s_top_names_the_version_and_the_licence():
    top = read("README.md").split("\n## ", 1)[0]

    assert f"Version {VERSION}" in top and LICENCE in top


def changelog_sections() -> list[str]:
    return re.findall(r"^## \[([^\]]+)\]", read("CHANGELOG.md"), flags=re.MULTILINE)


def test_the_changelog_has_a_dated_section_for_the_current_version():
    changelog = read("CHANGELOG.md")

    assert changelog_sections()[0] == "Unreleased"
    assert re.search(
        rf"^## \[{re.escape(VERSION)}\] - \d{{4}}-\d{{2}}-\d{{2}}$", changelog, flags=re.MULTILINE
    )
    current = changelog.split(f"## [{VERSION}]", 1)[1].split("\n## [", 1)[0]
    assert "### Added" in current and "### Upgrade notes" in current


def test_the_changelog_lists_versions_newest_first():
    released = [tuple(int(part) for part in v.split(".")) for v in changelog_sections()[1:]]

    assert released == sorted(released, reverse=True) and len(set(released)) == len(released)


def test_pre_commit_runs_the_checks_ci_and_make_lint_run():
    hooks = set(re.findall(r"^\s+entry: (.+)$", read(".pre-commit-config.yaml"), flags=re.MULTILINE))
    ci = read(".ci/run").split("make setup", 1)[1].split("make test", 1)[0]
    ci_checks = set(re.findall(r"^(\.venv/bin/python .+)$", ci, flags=re.MULTILINE))
    make_lint = read("Makefile").split("\nlint:", 1)[1].split("\n\n", 1)[0]
    lint_checks = {
        line.strip().replace("$(PY)", ".venv/bin/python")
        for line in make_lint.splitlines()[1:]
        if line.strip()
    }

    assert ci_checks, "the checks .ci/run runs before the tests"
    assert hooks == ci_checks == lint_checks
