"""Small broken packages: copy the bundled example and change one cell."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from planwatch.package import example_path


def copy_example(tmp_path: Path, name: str = "pkg") -> Path:
    target = tmp_path / name
    shutil.copytree(example_path(), target)
    return target


def read_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def write_rows(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows(rows)


def set_cell(pkg: Path, file: str, row: int, column: str, value: str) -> None:
    """Set the cell at spreadsheet ``row`` (header = 1) and ``column`` of ``file``."""
    path = pkg / file
    rows = read_rows(path)
    j = rows[0].index(column)
    rows[row - 1][j] = value
    write_rows(path, rows)


def get_cell(pkg: Path, file: str, row: int, column: str) -> str:
    rows = read_rows(pkg / file)
    return rows[row - 1][rows[0].index(column)]


def find_row(pkg: Path, file: str, column: str, value: str) -> int:
    """The spreadsheet row number of the first row whose ``column`` is ``value``."""
    rows = read_rows(pkg / file)
    j = rows[0].index(column)
    for i, r in enumerate(rows[1:], start=2):
        if r[j] == value:
            return i
    raise LookupError(f"{file}: no row with {column}={value}")


def append_row(pkg: Path, file: str, values: dict[str, str]) -> int:
    path = pkg / file
    rows = read_rows(path)
    rows.append([values.get(c, "") for c in rows[0]])
    write_rows(path, rows)
    return len(rows)


def drop_column(pkg: Path, file: str, column: str) -> None:
    path = pkg / file
    rows = read_rows(path)
    j = rows[0].index(column)
    write_rows(path, [r[:j] + r[j + 1 :] for r in rows])
