"""The deployment guide's settings: `manage.py check --deploy` is clean with the documented environment
(deploy/renda.env.example), and the guide names every variable of it."""

import os
import subprocess
import sys

from renda.ops.tests.support import BASE_DIR

ENV_FILE = BASE_DIR / "deploy" / "renda.env.example"


def documented_env() -> dict[str, str]:
    values = {}
    for line in ENV_FILE.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            assert key and " " not in value, f"不是 systemd 与 shell 都能读取的一行：{line}"
            values[key] = value
    return values


def test_check_deploy_clean_with_documented_settings():
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    env.update(documented_env())
    done = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_guide_names_every_variable():
    guide = (BASE_DIR / "docs" / "deploy.md").read_text()
    missing = [key for key in documented_env() if key not in guide]
    assert missing == []
