"""The ticket store: the hotline's analytics store, a folder of Parquet parts listed by ``manifest.json``.

Raw tickets are not kept in the web app's database: they are many (a city year is ~25 million rows),
never edited, and read in bulk. A store is a folder::

    manifest.json        {"format": ..., "parts": [{"file", "rows", "sha256", "source", "added_at"}]}
    parts/<hash>.parquet one file per load (or per district-month when generated)

A load checks every row first, leaves out tickets already stored (same ``ticket_id`` and ``unit_code``),
writes the new rows to a new part, then replaces the manifest atomically: a reader sees the store before
or after the load, never half of it, and a failed load leaves it as it was. Parts not in the manifest
(left by a load that died) are ignored and removed by the next load. Loads take a lock on the folder.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from .errors import HotlineError
from .schema import ARROW_SCHEMA, COLUMNS, KEY

FORMAT = "planwatch-hotline-tickets/1"
MANIFEST = "manifest.json"


@dataclass(frozen=True, slots=True)
class LoadResult:
    added: int
    already_stored: int  # rows whose key was stored before, identical
    changed_ignored: int  # rows whose key was stored before with other content (kept as stored)
    part: str | None


class TicketStore:
    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)

    @property
    def manifest_path(self) -> Path:
        return self.root / MANIFEST

    def exists(self) -> bool:
        return self.manifest_path.is_file()

    def manifest(self) -> dict:
        if not self.exists():
            return {"format": FORMAT, "parts": []}
        try:
            data = json.loads(self.manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise HotlineError(f"{self.manifest_path}: 无法读取工单库清单 / cannot read the store's manifest: {exc}") from exc
        if data.get("format") != FORMAT:
            raise HotlineError(f"{self.manifest_path}: 不是工单库 / not a ticket store ({data.get('format')!r})")
        return data

    def files(self) -> list[Path]:
        return [self.root / p["file"] for p in self.manifest()["parts"]]

    def rows(self) -> int:
        return sum(int(p["rows"]) for p in self.manifest()["parts"])

    def fingerprint(self) -> str:
        """Names the ticket set: the same parts give the same fingerprint (provenance of figures)."""
        digest = hashlib.sha256()
        for p in sorted(self.manifest()["parts"], key=lambda p: p["file"]):
            digest.update(p["sha256"].encode())
        return digest.hexdigest()[:16]

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        self.root.mkdir(parents=True, exist_ok=True)
        with (self.root / ".lock").open("a") as fh:
            try:
                import fcntl
            except ImportError:  # pragma: no cover - Windows: one loader at a time is the user's care
                yield
                return
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def load(self, table: pa.Table, source: str) -> LoadResult:
        """Add the checked ``table`` (schema.ARROW_SCHEMA); tickets already stored are left out."""
        table = table.select(list(COLUMNS)).cast(ARROW_SCHEMA)
        with self._locked():
            manifest = self.manifest()
            self._remove_orphans(manifest)
            new, same, changed = self._new_rows(table)
            if new.num_rows == 0:
                return LoadResult(0, same, changed, None)
            entry = self._write_part(new, source)
            manifest["parts"].append(entry)
            self._write_manifest(manifest)
            return LoadResult(new.num_rows, same, changed, entry["file"])

    def add_part(self, table: pa.Table, name: str, source: str) -> None:
        """Write a part without checking for stored tickets (the generator's fresh, disjoint tickets)."""
        with self._locked():
            manifest = self.manifest()
            manifest["parts"] = [p for p in manifest["parts"] if p["file"] != f"parts/{name}.parquet"]
            manifest["parts"].append(self._write_part(table.select(list(COLUMNS)), source, name))
            self._write_manifest(manifest)

    def _new_rows(self, table: pa.Table) -> tuple[pa.Table, int, int]:
        files = self.files()
        if not files:
            return table, 0, 0
        import duckdb

        con = duckdb.connect()
        try:
            con.register("incoming", table)
            con.execute(f"CREATE VIEW stored AS SELECT * FROM read_parquet({[str(f) for f in files]!r})")
            on = " AND ".join(f"i.{k} = s.{k}" for k in KEY)
            differs = " OR ".join(f"i.{c} IS DISTINCT FROM s.{c}" for c in COLUMNS if c not in KEY)
            row = con.execute(
                f"SELECT count(*) FILTER (WHERE NOT ({differs})), count(*) FILTER (WHERE {differs}) "
                f"FROM incoming i JOIN stored s ON {on}").fetchall()[0]
            same, changed = int(row[0]), int(row[1])
            rel = con.sql(f"SELECT i.* FROM incoming i WHERE NOT EXISTS (SELECT 1 FROM stored s WHERE {on})")
            new = (getattr(rel, "to_arrow_table", None) or rel.arrow)()  # duckdb 2 / 1.x
        finally:
            con.close()
        return new.cast(ARROW_SCHEMA), same, changed

    def _write_part(self, table: pa.Table, source: str, name: str | None = None) -> dict:
        parts = self.root / "parts"
        parts.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=parts, suffix=".tmp")
        os.close(fd)
        try:
            pq.write_table(table, tmp, compression="zstd", row_group_size=1 << 20)
            sha = _sha256(Path(tmp))
            final = parts / f"{name or sha[:20]}.parquet"
            os.replace(tmp, final)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return {"file": f"parts/{final.name}", "rows": table.num_rows, "sha256": sha, "source": source,
                "added_at": dt.datetime.now().isoformat(timespec="seconds")}

    def _write_manifest(self, manifest: dict) -> None:
        fd, tmp = tempfile.mkstemp(dir=self.root, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(manifest, fh, ensure_ascii=False, indent=1)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.manifest_path)

    def _remove_orphans(self, manifest: dict) -> None:
        listed = {p["file"] for p in manifest["parts"]}
        parts = self.root / "parts"
        if parts.is_dir():
            for f in parts.iterdir():
                if f"parts/{f.name}" not in listed:
                    f.unlink(missing_ok=True)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
