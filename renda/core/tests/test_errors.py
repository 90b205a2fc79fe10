"""Served as deployed (DEBUG off): Chinese error pages in the site's style, JSON errors under /api/, a secret key
generated once and kept."""

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from config.settings import BASE_DIR, stored_secret_key

pytestmark = pytest.mark.django_db


def page(response) -> str:
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/html")
    assert "人大履职平台" in body and "Traceback" not in body
    return body


def test_an_unknown_page_is_a_chinese_404_in_the_site_s_style(client, clerk):
    client.force_login(clerk)

    response = client.get("/deputies/999999/")

    assert response.status_code == 404
    body = page(response)
    assert "页面不存在" in body and "renda-navbar" in body and clerk.display_name in body


def test_a_refused_page_is_a_chinese_403_with_the_reason(client, deputy_user):
    client.force_login(deputy_user)

    response = client.get(reverse("deputies:station_create"))

    assert response.status_code == 403
    assert "没有权限" in page(response)


def test_a_bad_host_is_a_chinese_400(client):
    response = client.get("/accounts/login/", HTTP_HOST="evil.example")

    assert response.status_code == 400
    assert "请求有误" in page(response)


def test_a_failed_csrf_check_is_a_chinese_page():
    response = Client(enforce_csrf_checks=True).post(reverse("accounts:login"), {"username": "a"})

    assert response.status_code == 403
    assert "页面已过期" in page(response)


def test_a_crash_is_a_chinese_500_without_a_traceback(clerk, monkeypatch):
    import renda.accounts.views

    def crash(user):
        raise RuntimeError("secret detail")

    monkeypatch.setattr(renda.accounts.views, "todos_for", crash)
    client = Client(raise_request_exception=False)
    client.force_login(clerk)

    response = client.get("/")

    assert response.status_code == 500
    body = page(response)
    assert "服务器出错了" in body and "secret detail" not in body


def test_the_500_page_falls_back_to_plain_html_when_the_template_fails(rf, monkeypatch):
    from renda.core import errors

    def broken(*args, **kwargs):
        raise RuntimeError("database is down")

    monkeypatch.setattr(errors, "render", broken)

    response = errors.server_error(rf.get("/deputies/"))

    assert response.status_code == 500
    assert "服务器出错了" in response.content.decode()


@pytest.mark.parametrize("url", ["/api/v1/suggestions/attachments/abc/file/", "/api/v1/no-such-endpoint/"])
def test_an_unknown_api_path_is_a_json_404(url, clerk):
    api = APIClient()
    api.force_authenticate(clerk)

    response = api.get(url)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "未找到。", "code": "not_found"}


def test_an_api_crash_is_a_json_500(clerk, monkeypatch):
    from renda.accounts.api import MeView

    def crash(self, request):
        raise RuntimeError("secret detail")

    monkeypatch.setattr(MeView, "get", crash)
    api = APIClient(raise_request_exception=False)
    api.force_authenticate(clerk)

    response = api.get("/api/v1/auth/me/")

    assert response.status_code == 500
    assert response.json() == {"detail": "服务器内部错误，请稍后再试。", "code": "server_error"}


def test_the_secret_key_is_generated_once_private_and_kept(tmp_path):
    path = tmp_path / "secret_key"

    first, second = stored_secret_key(path), stored_secret_key(path)

    assert first == second and len(first) >= 50
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left behind


def test_debug_is_off_unless_asked_for():
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    code = "import config.settings as s; print(s.DEBUG, len(s.SECRET_KEY) >= 50, s.ALLOWED_HOSTS)"

    result = subprocess.run(
        [sys.executable, "-c", code], cwd=BASE_DIR, env=env, capture_output=True, text=True, check=True
    )

    assert result.stdout.split(" ", 2)[:2] == ["False", "True"]
    assert "'127.0.0.1', 'localhost'" in result.stdout


def test_make_serve_runs_the_server_with_debug_off():
    makefile = Path(BASE_DIR, "Makefile").read_text()
    serve = makefile.split("\nserve:", 1)[1].split("\n\n", 1)[0]

    assert "DEBUG=0 $(VENV)/bin/gunicorn" in serve
    assert "collectstatic" in serve  # whitenoise serves the collected files when DEBUG is off
