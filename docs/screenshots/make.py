"""The screenshots of docs/screenshots/, made by `make screenshots`: the demo county (seed 2024, today's date) in a
throw-away SQLite database, served by Django's development server, photographed at phone size (390 × 844) by
Chromium through Playwright, signed in as the demo accounts. Each PNG is the top of the page, two screens high;
the script fails if a page is wider than the phone.

    .venv/bin/python docs/screenshots/make.py              # seeds a new demo county first (about a minute)
    .venv/bin/python docs/screenshots/make.py demo.sqlite3  # photographs a demo county already seeded there
"""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent
WIDTH, HEIGHT = 390, 844
PASSWORD = "renda-demo"  # the demo accounts' (renda.demo.services.DEMO_PASSWORD)
CHROMIUM = "/usr/bin/chromium"

# file name → (demo account, page)
SHOTS = {
    "deputy-suggestions.png": ("deputy", "/suggestions/mine/"),  # the deputy's 我的建议
    "unit-todo.png": ("unit", "/suggestions/todo/"),  # the handling unit's 办理待办
    "clerk-registry.png": ("clerk", "/deputies/"),  # the office's 代表名册
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def photograph(base: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        executable = CHROMIUM if os.path.exists(CHROMIUM) else None
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=["--no-sandbox"])
        for name, (account, path) in SHOTS.items():
            context = browser.new_context(
                viewport={"width": WIDTH, "height": HEIGHT},
                is_mobile=True,
                has_touch=True,
                device_scale_factor=1,
            )
            page = context.new_page()
            page.goto(f"{base}/accounts/login/")
            page.get_by_label("用户名").fill(account)
            page.get_by_label("密码").fill(PASSWORD)
            page.get_by_role("button", name="登录").click()
            page.wait_for_url(lambda url: "/accounts/login/" not in url)
            page.goto(f"{base}{path}")
            page.wait_for_load_state("networkidle")
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > WIDTH:
                raise SystemExit(f"{path}（{account}）页面宽 {width}px，超出 {WIDTH}px")
            height = min(2 * HEIGHT, page.evaluate("document.documentElement.scrollHeight"))
            clip = {"x": 0, "y": 0, "width": WIDTH, "height": height}
            page.screenshot(path=str(OUT / name), full_page=True, clip=clip)
            print(f"{name}: {account} {path}")
            context.close()
        browser.close()


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        given = sys.argv[1] if len(sys.argv) > 1 else ""
        database = Path(given).resolve() if given else Path(tmp) / "demo.sqlite3"
        # DEBUG on: the static files are served from the apps, as in development.
        env = os.environ | {"DATABASE_URL": f"sqlite:///{database}", "DEBUG": "1"}
        manage = [sys.executable, "manage.py"]
        if not given:
            subprocess.run(
                [*manage, "migrate", "--noinput", "--verbosity", "0"], cwd=ROOT, env=env, check=True
            )
            seed = [*manage, "seed_demo", "--seed", "2024"]
            subprocess.run(seed, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
        port = free_port()
        serve = [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"]
        server = subprocess.Popen(
            serve, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            base = f"http://127.0.0.1:{port}"
            wait_for(f"{base}/accounts/login/")
            photograph(base)
        finally:
            server.terminate()
            server.wait()


if __name__ == "__main__":
    main()
