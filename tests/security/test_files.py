"""Files at rest: the data directory 0700; the database, its WAL, backups and secrets 0600; and
`manage.py check --deploy` clean in the production configuration of docs/web.md, with a CSP on every page."""

from __future__ import annotations

import os
import secrets
import stat
import subprocess
import sys
from pathlib import Path

import pytest


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PLANWATCH_DATABASE_URL", "DJANGO_SETTINGS_MODULE",
                                                           "PLANWATCH_SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    return {**env, "PLANWATCH_DATA_DIR": str(tmp_path / "data"), **extra}


@pytest.mark.slow
def test_data_directory_database_wal_backups_and_secrets_are_private(tmp_path: Path) -> None:
    env = _env(tmp_path, PLANWATCH_DEMO_PASSWORD="")
    env.pop("PLANWATCH_DEMO_PASSWORD")
    script = ("from planwatch.web.bootstrap import bootstrap; bootstrap()\n"
              "from pathlib import Path; import sys\n"
              "from planwatch.web.plans.backups import backup\n"
              "backup(Path(sys.argv[1]) / 'b.json'); backup(Path(sys.argv[1]) / 'b.sqlite3')\n"
              "from django.db import connection; connection.cursor().execute('SELECT 1')\n"
              "import os; wal = Path(sys.argv[2]) / 'planwatch.sqlite3-wal'\n"
              "assert oct(wal.stat().st_mode & 0o777) == '0o600', oct(wal.stat().st_mode)\n")  # gone at exit
    (tmp_path / "out").mkdir()
    subprocess.run([sys.executable, "-c", script, str(tmp_path / "out"), str(tmp_path / "data")], env=env,
                   check=True, capture_output=True, timeout=300)
    data = tmp_path / "data"
    assert _mode(data) == 0o700
    for name in ("planwatch.sqlite3", "secret_key", "demo_password"):
        assert _mode(data / name) == 0o600, name
    for name in ("b.json", "b.sqlite3"):
        assert _mode(tmp_path / "out" / name) == 0o600, name


def test_an_existing_world_readable_database_is_narrowed(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    (data / "planwatch.sqlite3").touch(mode=0o644)
    (data / "planwatch.sqlite3-wal").touch(mode=0o644)
    subprocess.run([sys.executable, "-c", "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = "
                    "'planwatch.web.settings'; django.setup()"], env=_env(tmp_path), check=True, timeout=120)
    assert _mode(data) == 0o700
    assert _mode(data / "planwatch.sqlite3") == _mode(data / "planwatch.sqlite3-wal") == 0o600


def test_check_deploy_is_clean_in_the_production_configuration(tmp_path: Path) -> None:
    env = _env(tmp_path, PLANWATCH_HTTPS="true", PLANWATCH_ALLOWED_HOSTS="plan.example.gov.cn",
               PLANWATCH_SECRET_KEY=secrets.token_urlsafe(50), PLANWATCH_DEBUG="false",
               DJANGO_SETTINGS_MODULE="planwatch.web.settings")
    run = subprocess.run([sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"], env=env,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "no issues" in run.stdout


@pytest.mark.django_db
def test_every_answer_carries_the_content_security_policy(client, django_user_model) -> None:
    user = django_user_model.objects.create_user("someone", password="x")
    client.force_login(user)
    for path in ("/accounts/login/", "/api/docs/", "/api/schema/", "/admin/login/"):
        response = client.get(path)
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy.partition("style-src")[0], path
        assert path == "/api/docs/" or "unsafe-inline" not in policy, path
        assert response["X-Content-Type-Options"] == "nosniff" and response["X-Frame-Options"] == "DENY"
