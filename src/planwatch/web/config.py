"""Typed settings read from ``PLANWATCH_*`` environment variables (no Django import here).

``settings.py`` turns these into Django settings; ``bootstrap`` and the CLI read them too.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

TRUE = {"1", "true", "yes", "on", "y", "t"}
FALSE = {"0", "false", "no", "off", "n", "f", ""}


class ConfigError(ValueError):
    """An environment variable that cannot be understood."""


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
    path.mkdir(parents=True, exist_ok=True)
    return path


def read_or_create_secret(path: Path, nbytes: int = 50) -> str:
    """Read a secret from ``path``, creating it (mode 0600, never readable by others) on first use."""
    try:
        return path.read_text(encoding="utf-8").strip()
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
    )
