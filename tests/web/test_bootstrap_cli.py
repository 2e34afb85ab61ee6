"""First start on a fresh data directory, and the administrator's command line."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from planwatch.cli import main
from planwatch.web.plans.models import Membership, ObjectChange, Plan, Submission

ROOT = Path(__file__).resolve().parents[2]


def test_config_creates_a_private_secret_key(tmp_path, monkeypatch) -> None:
    from planwatch.web import config

    monkeypatch.setenv("PLANWATCH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("PLANWATCH_SECRET_KEY", raising=False)
    first = config.load()
    key_file = tmp_path / "data" / "secret_key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert config.load().secret_key == first.secret_key and len(first.secret_key) > 40
    monkeypatch.setenv("PLANWATCH_DEBUG", "maybe")
    with pytest.raises(config.ConfigError, match="PLANWATCH_DEBUG"):
        config.load()


@pytest.mark.django_db
def test_bootstrap_loads_the_demo_once(monkeypatch) -> None:
    from planwatch.web import bootstrap

    monkeypatch.setenv("PLANWATCH_DEMO_PASSWORD", "demo-pass-123")
    started = bootstrap.bootstrap()
    assert started.demo_loaded and started.password is None
    plan = Plan.objects.get()
    assert plan.region.code == "chaoyang"
    names = set(get_user_model().objects.values_list("username", flat=True))
    for dept in plan.departments.all():
        assert {f"reporter-{dept.code}", f"head-{dept.code}"} <= names
    assert {"planoffice", "viewer"} <= names
    assert get_user_model().objects.get(username="planoffice").check_password("demo-pass-123")
    reporter = Membership.objects.get(user__username=f"reporter-{plan.departments.first().code}")
    assert reporter.role == "reporter" and reporter.department == plan.departments.first()
    assert plan.warnings.exists()
    again = bootstrap.bootstrap()
    assert not again.demo_loaded and Plan.objects.count() == 1


@pytest.mark.slow
def test_serve_answers_on_a_fresh_data_dir(tmp_path) -> None:
    """GIVEN an empty data directory WHEN `planwatch serve` starts THEN the API answers with the demo loaded."""
    env = {**os.environ, "PLANWATCH_DATA_DIR": str(tmp_path / "data")}
    env.pop("PLANWATCH_DATABASE_URL", None)
    env.pop("PLANWATCH_DEMO_PASSWORD", None)
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "planwatch", "serve", "--port", str(port)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/schema/", timeout=2) as r:
                    assert r.status == 200
                    break
            except OSError:
                assert proc.poll() is None, proc.stdout.read() if proc.stdout else ""
                assert time.monotonic() < deadline, "no answer within a minute"
                time.sleep(0.3)
        password = (tmp_path / "data" / "demo_password").read_text().strip()
        assert stat.S_IMODE((tmp_path / "data" / "demo_password").stat().st_mode) == 0o600
        assert stat.S_IMODE((tmp_path / "data" / "secret_key").stat().st_mode) == 0o600
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/api/auth/token/", method="POST",
            data=json.dumps({"username": "planoffice", "password": password}).encode(),
            headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=10) as r:
            token = json.load(r)["token"]
        request = urllib.request.Request(f"http://127.0.0.1:{port}/api/tasks/",
                                         headers={"Authorization": f"Token {token}"})
        with urllib.request.urlopen(request, timeout=10) as r:
            tasks = json.load(r)
        assert tasks["count"] > 10
        assert all(t["department"] for t in tasks["results"])
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=20)
    assert password in out  # printed at first start


@pytest.mark.django_db
def test_admin_createuser_logs_as_cli(plan, capsys) -> None:
    assert main(["admin", "createuser", "alice", "--role", "reporter", "--department", "dept_b",
                 "--password", "s3cret-pass"]) == 0
    alice = get_user_model().objects.get(username="alice")
    assert alice.check_password("s3cret-pass")
    member = Membership.objects.get(user=alice)
    assert (member.role, member.department.code) == ("reporter", "dept_b")
    change = ObjectChange.objects.filter(object_type="plans.membership").get()
    assert change.user_name.startswith("cli:") and change.after["role"] == "reporter"
    with pytest.raises(SystemExit):
        main(["admin", "createuser", "bob", "--role", "reporter"])  # a reporter needs a department


@pytest.mark.django_db
def test_admin_import_export_and_atomic_failure(tmp_path, capsys) -> None:
    from planwatch.package import write_folder

    from .factories import small_plan

    write_folder(small_plan(), tmp_path / "pkg")
    assert main(["admin", "import", str(tmp_path / "pkg")]) == 0
    assert Plan.objects.count() == 1
    assert main(["admin", "import", str(tmp_path / "pkg")]) == 1  # the same plan again: refused
    assert "already" in capsys.readouterr().err
    assert Plan.objects.count() == 1
    assert main(["admin", "export", "--out", str(tmp_path / "out.xlsx")]) == 0
    assert (tmp_path / "out.xlsx").stat().st_size > 1000
    assert main(["admin", "export", "--out", str(tmp_path / "folder")]) == 0
    from planwatch.package import load

    assert load(tmp_path / "folder").tasks == load(tmp_path / "pkg").tasks
    assert main(["admin", "recompute-warnings"]) == 0


@pytest.mark.django_db(transaction=True)
def test_admin_backup_and_restore(plan, users, tmp_path) -> None:
    from planwatch.web.plans import services
    from planwatch.web.plans.actor import Actor

    assert main(["admin", "backup", str(tmp_path / "b.json")]) == 0
    task = plan.tasks.get(code="greening")
    services.report(Actor.for_user(users["reporter_b"]), task, value="5", as_of="2021-07-31")
    assert Submission.objects.filter(task=task).count() == 1
    assert main(["admin", "restore", str(tmp_path / "b.json")]) == 0
    assert Submission.objects.filter(task__code="greening").count() == 0
    assert Plan.objects.get().tasks.count() == 4
    assert get_user_model().objects.filter(username="reporter_b").exists()


@pytest.mark.django_db(transaction=True)
def test_admin_backup_and_restore_sqlite_copy(plan, users, tmp_path) -> None:
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("the file copy backup is SQLite's")
    assert main(["admin", "backup", str(tmp_path / "b.sqlite3")]) == 0
    assert (tmp_path / "b.sqlite3").read_bytes()[:15] == b"SQLite format 3"
    Plan.objects.all().delete()
    assert main(["admin", "restore", str(tmp_path / "b.sqlite3")]) == 0
    assert Plan.objects.get().tasks.count() == 4
    with pytest.raises(SystemExit):
        main(["admin", "restore", str(tmp_path / "missing.sqlite3")])
