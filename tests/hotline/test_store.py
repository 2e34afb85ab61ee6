"""The ticket store: a load lands whole or changes nothing; the same tickets again add nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from planwatch.cli import main
from planwatch.hotline.source import open_tickets
from planwatch.hotline.store import TicketStore

from .factories import table, ticket, write_csv


def test_reload_adds_nothing_and_changed_tickets_are_reported(tmp_path: Path) -> None:
    store = TicketStore(tmp_path / "store")
    rows = [ticket(), ticket()]
    first = store.load(table(rows), "a.csv")
    assert (first.added, first.already_stored) == (2, 0)
    fingerprint = store.fingerprint()
    again = store.load(table(rows), "a.csv")
    assert (again.added, again.already_stored, again.part) == (0, 2, None)
    assert store.fingerprint() == fingerprint and store.rows() == 2
    changed = dict(rows[0], solved=False)
    more = store.load(table([changed, ticket()]), "b.csv")
    assert (more.added, more.already_stored, more.changed_ignored) == (1, 0, 1)
    assert store.rows() == 3 and store.fingerprint() != fingerprint
    assert open_tickets(tmp_path / "store").rows() == 3


def test_a_failed_load_changes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = write_csv([ticket(), ticket()], tmp_path / "good.csv")
    bad = write_csv([ticket(), ticket(accepted_at="yesterday")], tmp_path / "bad.csv")
    store_dir = tmp_path / "store"
    assert main(["hotline", "load", str(good), str(bad), "--store", str(store_dir)]) == 2
    err = capsys.readouterr().err
    assert "bad.csv:3:accepted_at" in err
    assert not TicketStore(store_dir).exists()
    assert main(["hotline", "load", str(good), "--store", str(store_dir), "--format", "json"]) == 0
    assert '"added": 2' in capsys.readouterr().out
    manifest = (store_dir / "manifest.json").read_bytes()
    assert main(["hotline", "load", str(good), str(bad), "--store", str(store_dir)]) == 2
    assert (store_dir / "manifest.json").read_bytes() == manifest


def test_parts_not_in_the_manifest_are_ignored_and_cleaned(tmp_path: Path) -> None:
    store = TicketStore(tmp_path)
    store.load(table([ticket(accepted_at=dt.datetime(2021, 2, 1))]), "x")
    orphan = tmp_path / "parts" / "half-written.parquet"
    orphan.write_bytes(b"partial")
    assert len(open_tickets(tmp_path).files) == 1
    store.load(table([ticket()]), "y")
    assert not orphan.exists() and store.rows() == 2
