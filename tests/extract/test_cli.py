"""planwatch extract on the command line: a package that validates, and the rows to look at first."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from planwatch.cli import main
from planwatch.package import load, validate

from .conftest import DEV, SEED


def test_the_seeds_draft_validates_and_loads(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "draft"
    assert main(["extract", str(SEED), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "2021年计划草稿" in printed and "任务 51 项" in printed and "review.csv" in printed
    assert validate(out) == []
    plan = load(out)
    assert plan.observation("gdp", "2021H1") is not None
    with (out / "review.csv").open(encoding="utf-8-sig") as fh:
        review = list(csv.DictReader(fh))
    assert {"sheet", "key", "name", "confidence", "review", "conflict", "reasons", "reasons_en", "line", "source"} <= set(review[0])
    assert {r["sheet"] for r in review} == {"indicators", "observations", "tasks"}


@pytest.mark.parametrize("path", sorted(DEV.glob("*.txt")), ids=lambda p: p.stem)
def test_every_development_draft_validates(tmp_path: Path, path: Path) -> None:
    out = tmp_path / path.stem
    assert main(["extract", str(path), "--out", str(out)]) == 0
    assert [i for i in validate(out) if i.severity == "error"] == []


def test_review_lists_conflicts_first(capsys: pytest.CaptureFixture[str]) -> None:
    (path,) = DEV.glob("d15*.txt")
    assert main(["extract", str(path), "--review"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(
        f"{path.name}:7: 【不一致】数据 gdp 2022H1（地区生产总值） [0.60] 两处说法不一致（数值）：此处为 642.3亿元，第9行为 643.2亿元")
    assert lines[1].strip().startswith("上半年，全区地区生产总值完成642.3亿元")
    assert any("指标 ind01（港口货物吞吐量）" in ln and "指标目录中没有此指标" in ln for ln in lines)
    assert not any(ln.startswith(f"{path.name}:9: 数据 ind01") for ln in lines)  # its figures are looked at with it


def test_review_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    (path,) = DEV.glob("d15*.txt")
    assert main(["extract", str(path), "--review", "--lang", "en"]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert "CONFLICT observation gdp 2022H1 (地区生产总值) [0.60] two statements disagree (level): 642.3亿元 here, 643.2亿元 at line 9" in first


def test_a_catalogue_of_ones_own_names_more_indicators(tmp_path: Path) -> None:
    (path,) = DEV.glob("d15*.txt")
    mine = tmp_path / "mine.yaml"
    mine.write_text("indicators:\n  - {code: port_cargo, name: 港口货物吞吐量, name_en: Port cargo, unit: 亿吨}\n",
                    encoding="utf-8")
    out = tmp_path / "d"
    assert main(["extract", str(path), "--out", str(out), "--catalogue", str(mine)]) == 0
    assert load(out).observation("port_cargo", "2022H1") is not None


def test_bad_input_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(tmp_path / "none.txt"), "--out", str(tmp_path / "o")]) == 2
    assert main(["extract", str(SEED)]) == 2
    assert "--out" in capsys.readouterr().err
    bad = tmp_path / "bad.yaml"
    bad.write_text("indicators: 3", encoding="utf-8")
    assert main(["extract", str(SEED), "--review", "--catalogue", str(bad)]) == 2
    assert "bad.yaml" in capsys.readouterr().err
