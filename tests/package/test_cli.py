"""``planwatch init`` and ``planwatch validate``: what they write, print and exit with."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planwatch.cli import main
from planwatch.package import example_path, load

from .helpers import find_row, set_cell


def test_init_writes_the_example_folder(tmp_path: Path) -> None:
    target = tmp_path / "mine"
    assert main(["init", str(target), "--example", "chaoyang-2021"]) == 0
    assert (target / "plan.yaml").read_text(encoding="utf-8") == (example_path() / "plan.yaml").read_text(encoding="utf-8")
    assert load(target) == load(example_path())


def test_init_xlsx(tmp_path: Path) -> None:
    assert main(["init", str(tmp_path / "book"), "--xlsx"]) == 0
    (book,) = (tmp_path / "book").glob("*.xlsx")
    assert load(book) == load(example_path())


def test_init_refuses_a_non_empty_folder_unless_forced(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["init", str(tmp_path)]) == 1
    assert "--force" in capsys.readouterr().err
    assert not (tmp_path / "plan.yaml").exists()
    assert main(["init", str(tmp_path), "--force"]) == 0
    assert (tmp_path / "plan.yaml").exists() and (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_init_unknown_example(tmp_path: Path) -> None:
    assert main(["init", str(tmp_path / "x"), "--example", "nowhere-1999"]) == 2


def test_validate_clean_package(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(example_path())]) == 0
    assert "检查通过" in capsys.readouterr().out


def test_validate_errors_in_chinese_and_english(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init", str(tmp_path / "p")]) == 0
    pkg = tmp_path / "p"
    row = find_row(pkg, "observations.csv", "indicator", "gdp")
    set_cell(pkg, "observations.csv", row, "yoy_pct", "约13.5")
    capsys.readouterr()
    assert main(["validate", str(pkg)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [f"observations.csv:{row}:yoy_pct: " + out[0].split(": ", 1)[1]]
    assert "不是数字" in out[0]
    assert main(["validate", str(pkg), "--lang", "en"]) == 1
    assert "is not a number" in capsys.readouterr().out
    assert main(["validate", str(pkg), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] is False
    assert [(i["file"], i["row"], i["column"], i["code"]) for i in data["issues"]] == [
        ("observations.csv", row, "yoy_pct", "not_a_number")
    ]


def test_validate_unreadable_path(tmp_path: Path) -> None:
    assert main(["validate", str(tmp_path / "missing")]) == 2
    (tmp_path / "x.xlsx").write_bytes(b"junk")
    assert main(["validate", str(tmp_path / "x.xlsx")]) == 2
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    assert main(["validate", str(tmp_path / "notes.txt")]) == 2


def test_init_xlsx_to_a_workbook_path(tmp_path: Path) -> None:
    book = tmp_path / "mine.xlsx"
    assert main(["init", str(book), "--xlsx"]) == 0
    assert book.is_file() and load(book) == load(example_path())
    assert main(["init", str(book), "--xlsx"]) == 1
    assert main(["init", str(book), "--xlsx", "--force"]) == 0
