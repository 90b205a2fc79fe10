"""The health endpoint (/health/): no login, no personal data, 503 when a check fails, rate-limited; the daily
tick and the backups record when they ran."""

import datetime
import io
import json

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings

from renda.core import clock
from renda.ops.models import Beat, Heartbeat
from renda.ops.services import heartbeat_record


@pytest.fixture(autouse=True)
def _fresh_throttle():
    cache.clear()
    yield
    cache.clear()


def _get(client):
    response = client.get("/health/")
    return response.status_code, json.loads(response.content)


@pytest.mark.django_db
@override_settings(HEALTH_DISK_MIN_FREE_MB=0)
def test_healthy_once_tick_and_backup_ran(client):
    status, report = _get(client)
    assert status == 503
    assert report["status"] == "error"
    assert report["checks"]["database"]["ok"] and report["checks"]["migrations"]["ok"]
    assert report["checks"]["last_backup"] == {"ok": False, "at": None, "message": "从未运行"}

    call_command("renda_tick", stdout=io.StringIO())  # records its own run
    heartbeat_record(name=Beat.BACKUP, detail="renda-backup-20261207-020000.tar.gz（1024 字节）")
    status, report = _get(client)
    assert status == 200, report
    assert report["status"] == "ok"
    backup = report["checks"]["last_backup"]
    assert backup["ok"] and backup["archive"].startswith("renda-backup-20261207-020000")
    assert datetime.datetime.fromisoformat(backup["at"]) == Heartbeat.objects.get(name=Beat.BACKUP).at
    assert report["checks"]["last_tick"]["ok"]
    assert set(report["checks"]["disk"]) >= {"ok", "data", "media", "backups"}


@pytest.mark.django_db
@override_settings(HEALTH_DISK_MIN_FREE_MB=0, HEALTH_BACKUP_MAX_HOURS=26)
def test_stale_backup_is_503(client):
    with clock.at(clock.now() - datetime.timedelta(hours=30)):
        heartbeat_record(name=Beat.BACKUP)
    heartbeat_record(name=Beat.TICK)
    status, report = _get(client)
    assert status == 503
    assert report["checks"]["last_backup"]["message"] == "已超过 26 小时未运行"
    assert report["checks"]["last_tick"]["ok"]


@pytest.mark.django_db
@override_settings(HEALTH_DISK_MIN_FREE_MB=10**12)
def test_low_disk_is_503(client):
    heartbeat_record(name=Beat.BACKUP)
    heartbeat_record(name=Beat.TICK)
    status, report = _get(client)
    assert status == 503
    assert not report["checks"]["disk"]["ok"] and "磁盘剩余空间不足" in report["checks"]["disk"]["message"]


@pytest.mark.django_db
def test_same_answer_without_personal_data_for_anyone(client, admin_user, deputy_user):
    """The report names no user, deputy or citizen: the same for anonymous and signed-in callers."""
    anonymous = client.get("/health/").content
    client.force_login(admin_user)
    signed_in = client.get("/health/").content

    def strip(body):  # the time and the free space move between two requests
        report = json.loads(body)
        del report["time"]
        for place in ("data", "media", "backups"):
            del report["checks"]["disk"][place]["free_mb"]
        return report

    assert strip(anonymous) == strip(signed_in)
    text = signed_in.decode()
    for value in (admin_user.username, deputy_user.username, deputy_user.deputy.name):
        assert value not in text


@pytest.mark.django_db
@override_settings(HEALTH_RATE="3/min")
def test_rate_limited_per_address(client):
    codes = [client.get("/health/", REMOTE_ADDR="10.0.0.1").status_code for _ in range(4)]
    assert codes[:3] == [503, 503, 503] and codes[3] == 429
    assert int(client.get("/health/", REMOTE_ADDR="10.0.0.1")["Retry-After"]) > 0
    assert client.get("/health/", REMOTE_ADDR="10.0.0.2").status_code == 503  # another address has its own


@pytest.mark.django_db
def test_tick_twice_keeps_one_heartbeat():
    out = io.StringIO()
    call_command("renda_tick", stdout=out)
    call_command("renda_tick", stdout=out)
    assert Heartbeat.objects.filter(name=Beat.TICK).count() == 1
    assert "运行记录：记录运行时间 1" in out.getvalue()
