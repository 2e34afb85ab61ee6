"""Backup and restore of the whole database.

- ``*.json``: Django's ``dumpdata`` / ``loaddata`` of every table, on any database (SQLite or PostgreSQL);
- anything else: a consistent copy of the SQLite file made with SQLite's online backup API (the server
  may keep running); restore copies it back the same way.

A backup holds everything (password hashes, the change log): it is written mode 0600, readable by the
server's account only. API tokens and sessions are not backed up (a restore logs everyone out).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from django.core.management import call_command
from django.db import connection, transaction

EXCLUDE = ["contenttypes", "auth.permission", "sessions", "admin.logentry", "access.apitoken"]


def _is_sqlite() -> bool:
    return connection.vendor == "sqlite"


def _raw_sqlite() -> sqlite3.Connection:
    connection.ensure_connection()
    raw = connection.connection
    assert isinstance(raw, sqlite3.Connection)
    return raw


def backup(path: Path) -> str:
    from planwatch.web.config import create_private

    path.parent.mkdir(parents=True, exist_ok=True)
    create_private(path)  # 0600 before a byte is written
    if path.suffix == ".json":
        call_command("dumpdata", exclude=EXCLUDE, natural_foreign=True, output=str(path), indent=None,
                     verbosity=0)
        return f"backup (json) written to {path}"
    if not _is_sqlite():
        raise SystemExit("a file copy backup needs SQLite; name the file *.json to back up PostgreSQL")
    dest = sqlite3.connect(path)
    try:
        _raw_sqlite().backup(dest)
    finally:
        dest.close()
    return f"backup (sqlite) written to {path}"


def restore(path: Path) -> str:
    if not path.is_file():
        raise SystemExit(f"no backup file {path}")
    if path.suffix == ".json":
        with transaction.atomic():
            call_command("flush", interactive=False, verbosity=0)
            call_command("loaddata", str(path), verbosity=0)
        return f"restored (json) from {path}"
    if not _is_sqlite():
        raise SystemExit("a file copy restore needs SQLite; use a *.json backup for PostgreSQL")
    with path.open("rb") as fh:
        if fh.read(16) != b"SQLite format 3\x00":
            raise SystemExit(f"{path} is not a SQLite database")
    source = sqlite3.connect(path)
    try:
        source.backup(_raw_sqlite())
    finally:
        source.close()
    return f"restored (sqlite) from {path}"
