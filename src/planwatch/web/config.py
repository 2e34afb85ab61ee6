"""Typed settings read from ``PLANWATCH_*`` environment variables (no Django import here).

``settings.py`` turns these into Django settings; ``bootstrap`` and the CLI read them too.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from planwatch.core.errors import PlanwatchError

TRUE = {"1", "true", "yes", "on", "y", "t"}
FALSE = {"0", "false", "no", "off", "n", "f", ""}


class ConfigError(PlanwatchError):
    """An environment variable that cannot be understood."""


def private_dir(path: Path) -> Path:
    """Create ``path`` (mode 0700) or narrow an existing one of ours to 0700: database, keys and backups
    live there, readable by the server's account only."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        if path.stat().st_uid == os.getuid() and path.stat().st_mode & 0o077:
            path.chmod(0o700)
    except (AttributeError, OSError):  # no getuid on Windows; a directory we cannot change
        pass
    return path


def private_file(path: Path) -> None:
    """Narrow an existing file of ours to mode 0600 (a database, its WAL, a backup)."""
    try:
        if path.exists() and path.stat().st_uid == os.getuid() and path.stat().st_mode & 0o077:
            path.chmod(0o600)
    except (AttributeError, OSError):
        pass


def create_private(path: Path) -> None:
    """Create ``path`` empty with mode 0600 (or truncate it and narrow its mode) before writing into it."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with contextlib.suppress(AttributeError, OSError):
        os.fchmod(fd, 0o600)
    os.close(fd)


def get_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise ConfigError(f"{name}={raw!r}: expected one of true/false, yes/no, 1/0")


def get_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ConfigError(f"{name}={raw!r}: expected a whole number") from exc


def get_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def data_dir() -> Path:
    raw = os.environ.get("PLANWATCH_DATA_DIR")
    if raw:
        path = Path(raw).expanduser()
    else:
        from platformdirs import user_data_dir

        path = Path(user_data_dir("planwatch", appauthor=False))
    return private_dir(path)


def read_or_create_secret(path: Path, nbytes: int = 50) -> str:
    """Read a secret from ``path``, creating it (mode 0600, never readable by others) on first use."""
    try:
        text = path.read_text(encoding="utf-8").strip()
        private_file(path)
        return text
    except FileNotFoundError:
        pass
    value = secrets.token_urlsafe(nbytes)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(value + "\n")
    return value


@dataclass(frozen=True, slots=True)
class Config:
    data_dir: Path
    database_url: str
    debug: bool
    allowed_hosts: list[str]
    secret_key: str
    sqlite_busy_timeout_ms: int
    https: bool = False  # behind a TLS proxy: secure cookies, trust X-Forwarded-Proto
    csrf_trusted_origins: tuple[str, ...] = ()
    trusted_proxies: tuple[str, ...] = ()  # addresses/networks whose X-Forwarded-For is believed
    cache_url: str = ""  # redis://… shares login counts between servers; default: the database cache
    login_failures: int = 5  # per account, then locked
    login_failures_per_address: int = 20  # per client address, then locked
    login_lockout_seconds: int = 900
    token_hours: int = 24  # lifetime of an API token
    session_idle_minutes: int = 60
    session_hours: int = 12  # the longest a login lasts, active or not
    hsts_seconds: int = 31536000  # with https

    @property
    def sqlite_path(self) -> Path:
        return self.data_dir / "planwatch.sqlite3"

    @property
    def static_root(self) -> Path:
        return self.data_dir / "static"


def load() -> Config:
    directory = data_dir()
    secret = os.environ.get("PLANWATCH_SECRET_KEY") or read_or_create_secret(directory / "secret_key")
    return Config(
        data_dir=directory,
        database_url=os.environ.get("PLANWATCH_DATABASE_URL", "").strip(),
        debug=get_bool("PLANWATCH_DEBUG", False),
        allowed_hosts=get_list("PLANWATCH_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"]),
        secret_key=secret,
        sqlite_busy_timeout_ms=get_int("PLANWATCH_SQLITE_BUSY_TIMEOUT_MS", 20000),
        https=get_bool("PLANWATCH_HTTPS", False),
        csrf_trusted_origins=tuple(get_list("PLANWATCH_CSRF_TRUSTED_ORIGINS", [])),
        trusted_proxies=tuple(get_list("PLANWATCH_TRUSTED_PROXIES", [])),
        cache_url=os.environ.get("PLANWATCH_CACHE_URL", "").strip(),
        login_failures=_positive("PLANWATCH_LOGIN_FAILURES", 5),
        login_failures_per_address=_positive("PLANWATCH_LOGIN_FAILURES_PER_ADDRESS", 20),
        login_lockout_seconds=_positive("PLANWATCH_LOGIN_LOCKOUT_SECONDS", 900),
        token_hours=_positive("PLANWATCH_TOKEN_HOURS", 24),
        session_idle_minutes=_positive("PLANWATCH_SESSION_IDLE_MINUTES", 60),
        session_hours=_positive("PLANWATCH_SESSION_HOURS", 12),
        hsts_seconds=get_int("PLANWATCH_HSTS_SECONDS", 31536000),
    )


def _positive(name: str, default: int) -> int:
    value = get_int(name, default)
    if value < 1:
        raise ConfigError(f"{name}={value}: expected a whole number of at least 1")
    return value
