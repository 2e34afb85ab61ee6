"""Rows made by filling their slots (package/reader.py ``_slot_maker``) are the rows ``__init__`` makes."""

from __future__ import annotations

import csv
import dataclasses
import shutil
from pathlib import Path
from typing import Any

from planwatch.core.model import Source
from planwatch.package import example_path, load, reader


def _by_init(cls: type, columns: list[str], enums: dict[str, dict[str, Any]], fixups: dict[str, Any],
             derived: dict[str, Any]) -> Any:
    """The oracle: the same rules written plainly, the object made by the class's own ``__init__``."""

    def make(row: Any) -> Any:
        kw = {}
        for name in columns:
            value = row.v[name]
            if name in enums and value:
                value = enums[name][value]
            if name in fixups and (value is None or value == ""):
                value = fixups[name]
            kw[name] = value
        made = cls(**kw, source=Source(row.file, row.n, row.v["source"] or "", bool(row.v["illustrative"])))
        blank = {name: rule(made) for name, rule in derived.items() if row.v[name] is None}
        return dataclasses.replace(made, **blank) if blank else made

    return make


def test_the_example_reads_the_same_by_slots_and_by_init(monkeypatch) -> None:
    fast = load(example_path("chaoyang-2021"))
    monkeypatch.setattr(reader, "_slot_maker", _by_init)
    slow = load(example_path("chaoyang-2021"))
    assert fast == slow
    for attribute in ("areas", "departments", "indicators", "observations", "targets", "tasks", "progress",
                      "projects"):
        rows_fast, rows_slow = getattr(fast, attribute), getattr(slow, attribute)
        assert rows_fast and [type(r) for r in rows_fast] == [type(r) for r in rows_slow]
        assert [r.source for r in rows_fast] == [r.source for r in rows_slow]


def _blank_higher_is_better(tmp_path: Path) -> Path:
    """The example with higher_is_better left blank for every indicator."""
    folder = tmp_path / "plan"
    shutil.copytree(example_path("chaoyang-2021"), folder)
    path = folder / "indicators.csv"
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        row["higher_is_better"] = ""
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return folder


def test_a_blank_higher_is_better_is_derived_from_the_kind(tmp_path) -> None:
    """A rank reads False, the other kinds True."""
    fast = load(_blank_higher_is_better(tmp_path))
    assert {i.kind.value: i.higher_is_better for i in fast.indicators} == {
        **{i.kind.value: True for i in fast.indicators}, "rank": False}


def test_the_derived_rule_runs_by_slots_as_by_init(tmp_path, monkeypatch) -> None:
    folder = _blank_higher_is_better(tmp_path)
    fast = load(folder)
    monkeypatch.setattr(reader, "_slot_maker", _by_init)
    assert load(folder) == fast

