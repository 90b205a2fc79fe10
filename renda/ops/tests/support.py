"""A site of its own for the tests that run the platform's commands as the operators do: a fresh database (an
SQLite file, or a PostgreSQL database on the server the suite uses), a media folder and a backup folder, and
`manage.py` run in a subprocess against them (the current tree, or an older release's)."""

import os
import secrets
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
SECRET_KEY = secrets.token_urlsafe(50)


def vendor() -> str:
    return "sqlite" if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3") else "postgresql"


def _pg_params() -> dict[str, Any]:
    db = settings.DATABASES["default"]
    return {
        "user": db.get("USER") or None,
        "password": db.get("PASSWORD") or None,
        "host": db.get("HOST") or None,
        "port": db.get("PORT") or None,
    }


class Site:
    def __init__(self, root: Path, name: str):
        self.root, self.name = root, name
        self.media, self.backups = root / f"{name}-media", root / f"{name}-backups"
        if vendor() == "sqlite":
            self.path = root / f"{name}.sqlite3"
            self.url = f"sqlite:///{self.path}"
        else:
            import psycopg

            self.dbname = f"renda_ops_{name}_{uuid.uuid4().hex[:8]}"
            with psycopg.connect(dbname="postgres", autocommit=True, **_pg_params()) as conn:
                conn.execute(f'CREATE DATABASE "{self.dbname}"')
            p = _pg_params()
            auth = p["user"] or ""
            if p["password"]:
                auth += f":{p['password']}"
            self.url = f"postgres://{auth}@{p['host'] or ''}:{p['port'] or 5432}/{self.dbname}"

    def env(self, **extra: str) -> dict[str, str]:
        env = {key: value for key, value in os.environ.items() if key not in ("REQUIRE_POSTGRES",)}
        env.update(DATABASE_URL=self.url, MEDIA_ROOT=str(self.media), BACKUP_DIR=str(self.backups), DEBUG="0")
        env.setdefault("SECRET_KEY", SECRET_KEY)  # 0.1.0 requires one when DEBUG is off
        env.update(extra)
        return env

    def manage(self, *args: str, cwd: Path = BASE_DIR, check: bool = True, **extra_env: str):
        done = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=cwd,
            env=self.env(**extra_env),
            capture_output=True,
            text=True,
            check=False,
        )
        if check and done.returncode != 0:
            raise AssertionError(
                f"manage.py {' '.join(args)} 失败（{done.returncode}）：\n{done.stdout}\n{done.stderr}"
            )
        return done

    def sql(self, query: str) -> list[tuple]:
        """Plain SQL on the site's database (no Django), e.g. to read figures before and after a migration."""
        if vendor() == "sqlite":
            conn = sqlite3.connect(self.path)
            try:
                return conn.execute(query).fetchall()
            finally:
                conn.close()
        import psycopg

        with psycopg.connect(dbname=self.dbname, **_pg_params()) as conn:
            return conn.execute(query).fetchall()

    def tables(self) -> list[str]:
        if vendor() == "sqlite":
            query = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        else:
            query = "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
        return sorted(name for (name,) in self.sql(query))

    def row_counts(self) -> dict[str, int]:
        return {table: self.sql(f'SELECT COUNT(*) FROM "{table}"')[0][0] for table in self.tables()}

    def figures(self) -> dict[str, dict[str, Any]]:
        """Every table's row count and content digest, as the backup's manifest states them."""
        from renda.ops import backup

        if vendor() == "sqlite":
            return backup.sqlite_figures(self.path)
        with override_database(self.dbname):
            return backup.pg_figures()

    def drop(self) -> None:
        if vendor() == "postgresql":
            import psycopg

            with psycopg.connect(dbname="postgres", autocommit=True, **_pg_params()) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{self.dbname}" WITH (FORCE)')


class override_database:
    """Point the default connection's settings at another PostgreSQL database for a `backup.pg_figures` read
    (it opens a connection of its own from these settings)."""

    def __init__(self, name: str):
        self.name = name

    def __enter__(self):
        from django.db import connections

        self.settings = connections["default"].settings_dict
        self.old = self.settings["NAME"]
        self.settings["NAME"] = self.name

    def __exit__(self, *exc):
        self.settings["NAME"] = self.old
