"""Logins: throttled and locked on every path (pages, admin, API token), shared by server processes, keyed by
account and by the client address as the trusted proxy reports it; tokens hashed, expiring, revoked at
logout; sessions end when idle and at the latest after their longest life; weak passwords refused; demo
accounts never served on a public address unless asked."""

from __future__ import annotations

import datetime as dt
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from planwatch.web.access import tokens
from planwatch.web.access.models import ApiToken

pytestmark = pytest.mark.django_db
WRONG = {"username": "reporter_a", "password": "wrong-password"}
RIGHT = {"username": "reporter_a", "password": "pw-reporter_a"}


def _page_login(client: Client, path: str, data: dict[str, str], **extra: str) -> bool:
    response = client.post(path, data, **extra)
    return response.status_code == 302  # a login redirects; a refusal shows the form again


def _token(data: dict[str, str], **extra: str) -> int:
    return APIClient().post("/api/auth/token/", data, format="json", **extra).status_code


@pytest.mark.parametrize("path", ["/accounts/login/", "/admin/login/"])
def test_page_and_admin_logins_lock_the_account(users, settings, path) -> None:
    if path.startswith("/admin/"):
        get_user_model().objects.filter(username="reporter_a").update(is_staff=True, is_superuser=True)
    for _ in range(settings.PLANWATCH_LOGIN_FAILURES):
        assert not _page_login(Client(), path, WRONG)
    response = Client().post(path, RIGHT)
    assert response.status_code == 200 and "分钟后再试" in response.content.decode()  # locked: even the right one
    assert _token(RIGHT) == 429  # and on every other path
    from django.core.cache import cache

    cache.clear()  # the lock runs out
    assert _page_login(Client(), path, RIGHT)


def test_the_api_token_path_locks_too_and_counts_with_the_pages(users, settings) -> None:
    for _ in range(settings.PLANWATCH_LOGIN_FAILURES - 1):
        assert _token(WRONG) == 400
    assert not _page_login(Client(), "/accounts/login/", WRONG)  # the same count, any path
    assert _token(RIGHT) == 429


def test_rotating_x_forwarded_for_does_not_evade_the_address_lock(users, settings) -> None:
    """GIVEN no trusted proxy WHEN one client guesses many accounts, each request claiming another address
    THEN the address it connects from is locked after PLANWATCH_LOGIN_FAILURES_PER_ADDRESS failures."""
    limit = settings.PLANWATCH_LOGIN_FAILURES_PER_ADDRESS
    codes = [_token({"username": f"nobody{i}", "password": "x"}, HTTP_X_FORWARDED_FOR=f"10.0.{i}.1")
             for i in range(limit)]
    assert codes == [400] * (limit - 1) + [429]  # the last failure locks the address
    assert _token(RIGHT, HTTP_X_FORWARDED_FOR="10.9.9.9") == 429


def test_behind_a_trusted_proxy_the_proxy_s_address_for_the_client_counts(users, settings) -> None:
    settings.PLANWATCH_TRUSTED_PROXIES = ["127.0.0.0/8"]
    limit = settings.PLANWATCH_LOGIN_FAILURES_PER_ADDRESS
    codes = [_token({"username": f"nobody{i}", "password": "x"},  # a fake address first; the proxy appends the real
                    HTTP_X_FORWARDED_FOR=f"198.51.100.{i}, 203.0.113.7", REMOTE_ADDR="127.0.0.1") for i in range(limit)]
    assert codes == [400] * (limit - 1) + [429]
    assert _token(RIGHT, HTTP_X_FORWARDED_FOR="203.0.113.7", REMOTE_ADDR="127.0.0.1") == 429
    assert _token(RIGHT, HTTP_X_FORWARDED_FOR="203.0.113.8", REMOTE_ADDR="127.0.0.1") == 200  # another client


def test_tokens_are_stored_hashed_expire_and_die_at_logout(users) -> None:
    response = APIClient().post("/api/auth/token/", RIGHT, format="json")
    key = response.json()["token"]
    row = ApiToken.objects.get(user=users["reporter_a"])
    assert key not in (row.digest, row.prefix) and row.digest == tokens.digest(key) and len(row.digest) == 64
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/me/").status_code == 200
    assert client.post("/api/auth/logout/").status_code == 204
    assert client.get("/api/me/").status_code == 401
    key, row = tokens.issue(users["reporter_a"])
    ApiToken.objects.filter(pk=row.pk).update(expires=timezone.now() - dt.timedelta(seconds=1))
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/me/").status_code == 401


def test_sessions_end_when_idle_and_after_their_longest_life(users, settings) -> None:
    from planwatch.web.access import sessions

    client = Client()
    client.force_login(users["reporter_a"])
    assert client.get("/report/").status_code == 200
    session = client.session
    session[sessions.SEEN] = int(time.time()) - settings.PLANWATCH_SESSION_IDLE_MINUTES * 60 - 5
    session.save()
    assert client.get("/report/").status_code == 302  # idle too long: logged out
    client.force_login(users["reporter_a"])
    session = client.session
    session[sessions.STARTED] = int(time.time()) - settings.PLANWATCH_SESSION_HOURS * 3600 - 5
    session.save()
    assert client.get("/report/").status_code == 302  # active, but logged in too long ago


def test_weak_passwords_are_refused(plan, users) -> None:
    from planwatch.web.plans.actor import Actor
    from planwatch.web.plans.errors import ValidationError
    from planwatch.web.plans.services import people

    for weak in ("12345678", "password123", "reporter_b1", "short"):
        with pytest.raises(ValidationError):
            people.add_person(Actor.for_user(users["planoffice"]), plan, username="reporter_b1", role="viewer",
                              password=weak)


# --- two server processes ---------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _post(port: int, body: bytes) -> int:
    request = urllib.request.Request(f"http://127.0.0.1:{port}/api/auth/token/", data=body,
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_two_server_processes_share_one_lock(tmp_path: Path) -> None:
    """GIVEN two `planwatch serve` processes on one database WHEN wrong passwords alternate between them THEN
    the account is locked after PLANWATCH_LOGIN_FAILURES in all, on both."""
    env = {**os.environ, "PLANWATCH_DATA_DIR": str(tmp_path), "PLANWATCH_LOGIN_FAILURES": "4",
           "PLANWATCH_USER_PASSWORD": "a-Long-pass-2021"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    if os.environ.get("PLANWATCH_DATABASE_URL"):
        env.pop("PLANWATCH_DATABASE_URL")  # the two servers share their own SQLite database here
    planwatch = [sys.executable, "-m", "planwatch"]
    subprocess.run([*planwatch, "admin", "import", str(Path(__file__).parents[2] / "src/planwatch/examples/chaoyang-2021")],
                   env=env, check=True, capture_output=True, timeout=300)
    subprocess.run([*planwatch, "admin", "createuser", "zhang", "--role", "viewer"], env=env, check=True,
                   capture_output=True, timeout=120)
    ports = [_free_port(), _free_port()]
    servers = [subprocess.Popen([*planwatch, "serve", "--no-demo", "--port", str(p), "--threads", "2"], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for p in ports]
    try:
        for port in ports:
            for _ in range(300):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.2)
        wrong = b'{"username": "zhang", "password": "wrong"}'
        codes = [_post(ports[i % 2], wrong) for i in range(4)]
        assert codes == [400, 400, 400, 429]
        right = b'{"username": "zhang", "password": "a-Long-pass-2021"}'
        assert [_post(port, right) for port in ports] == [429, 429]
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)


@pytest.mark.slow
def test_serve_refuses_demo_accounts_on_a_public_address(tmp_path: Path) -> None:
    """GIVEN a database with the demo accounts (one shared password) WHEN `serve --host 0.0.0.0` THEN it does
    not start and says why and what to do; `--allow-demo` is the explicit way."""
    from planwatch.cli.serve import is_loopback

    env = {**os.environ, "PLANWATCH_DATA_DIR": str(tmp_path), "PLANWATCH_DEMO_PASSWORD": "demo-pass-2021-x"}
    env.pop("PLANWATCH_DATABASE_URL", None)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    subprocess.run([sys.executable, "-c", "from planwatch.web.bootstrap import bootstrap; bootstrap()"], env=env,
                   check=True, capture_output=True, timeout=300)
    run = subprocess.run([sys.executable, "-m", "planwatch", "serve", "--host", "0.0.0.0", "--port",
                          str(_free_port())], env=env, capture_output=True, text=True, timeout=120,
                         stdin=subprocess.DEVNULL)
    assert run.returncode == 2
    assert "demo accounts" in run.stderr and "--allow-demo" in run.stderr
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.10") and not is_loopback("plan.example")
