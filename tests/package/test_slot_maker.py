"""Rows made by filling their slots (package/reader.py ``_slot_maker``) are the rows ``__init__`` makes."""

from __future__ import annotations

from typing import Any

from planwatch.core.model import Source
from planwatch.package import example_path, load, reader


def _by_init(cls: type, columns: list[str], enums: dict[str, dict[str, Any]], fixups: dict[str, Any]) -> Any:
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
        return cls(**kw, source=Source(row.file, row.n, row.v["source"] or "", bool(row.v["illustrative"])))

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
