"""End to end: ``planwatch demo`` and ``planwatch report`` on a package edited as a user would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planwatch.cli import main

from .conftest import copy_example, edit_cell


def test_demo_prints_a_summary_and_writes_every_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "demo"
    assert main(["demo", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "GDP实现3640.7亿元，同比增长13.5%，比2019年上半年增长7.9%，两年平均增长3.9%" in printed
    assert "严重滞后：" in printed and "预警（" in printed
    assert "新增改造绿化完成27.5公顷" in printed
    names = sorted(p.name for p in out.iterdir())
    assert names == ["report-charts", "report.docx", "report.html", "report.md", "report.pdf", "report.provenance.json"]
    assert all((out / n).stat().st_size > 1000 for n in names if n.startswith("report."))


def test_demo_in_english(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "en"
    assert main(["demo", "--out", str(out), "--lang", "en", "--formats", "md"]) == 0
    assert "GDP reached 364.07 billion yuan, up 13.5% year on year" in capsys.readouterr().out
    md = (out / "report.md").read_text(encoding="utf-8")
    assert "7.9% above the first half of 2019, a two-year average of 3.9%" in md


def test_report_on_an_edited_package(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """GIVEN a copy of the example whose revenue is now above its 2019 level
    WHEN planwatch report runs on it
    THEN the headline and section 二 follow the data, and the provenance says so."""
    pkg = copy_example(tmp_path / "pkg")
    edit_cell(pkg / "observations.csv", {"indicator": "general_budget_revenue", "period": "2021H1"}, "vs_base_pct", "3")
    out = tmp_path / "out"
    assert main(["report", "--data", str(pkg), "--period", "2021H1", "--out", str(out), "--formats", "md,docx"]) == 0
    md = (out / "report.md").read_text(encoding="utf-8")
    assert "区级一般公共预算收入完成298亿元，同比增长12.7%，比2019年上半年增长3%，两年平均增长1.5%。" in md
    problems = md[md.index("## 二、") : md.index("## 三、")]
    assert "区级一般公共预算收入" not in problems.split("三是")[0].split("二是")[1]
    assert "固定资产投资比2019年上半年下降6.7%" in problems
    assert (out / "report.docx").exists() and not (out / "report.pdf").exists()
    prov = json.loads((out / "report.provenance.json").read_text(encoding="utf-8"))
    assert any(e["text"] == "增长1.5%" and e["origin"] == "computation" for e in prov["figures"])


def test_report_on_a_broken_package_prints_errors_and_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pkg = copy_example(tmp_path / "pkg")
    edit_cell(pkg / "observations.csv", {"indicator": "gdp", "period": "2021H1"}, "yoy_pct", "约13.5")
    out = tmp_path / "out"
    assert main(["report", "--data", str(pkg), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "observations.csv" in err and "yoy_pct" in err
    assert not out.exists()


def test_report_argument_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--data", str(tmp_path / "nope"), "--out", str(tmp_path / "o")]) == 1
    pkg = copy_example(tmp_path / "pkg")
    assert main(["report", "--data", str(pkg), "--period", "2021X9", "--out", str(tmp_path / "o")]) == 2
    assert main(["report", "--data", str(pkg), "--formats", "odt", "--out", str(tmp_path / "o")]) == 2
    assert main(["report", "--data", str(pkg), "--as-of", "30/06/2021", "--out", str(tmp_path / "o")]) == 2


def test_report_as_of_another_date_moves_time_progress(tmp_path: Path) -> None:
    pkg = copy_example(tmp_path / "pkg")
    out = tmp_path / "out"
    assert main(["report", "--data", str(pkg), "--out", str(out), "--formats", "md", "--as-of", "2021-07-31"]) == 0
    md = (out / "report.md").read_text(encoding="utf-8")
    assert "截至7月31日，序时进度为58.1%" not in md and "截至7月底，序时进度为58.1%" in md  # 212/365


def test_report_from_an_xlsx_workbook_says_the_same(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from planwatch.package import example_path, load, write_xlsx

    book = tmp_path / "plan.xlsx"
    write_xlsx(load(example_path("chaoyang-2021")), book)
    assert main(["report", "--data", str(book), "--out", str(tmp_path / "x"), "--formats", "md"]) == 0
    assert main(["report", "--data", str(example_path("chaoyang-2021")), "--out", str(tmp_path / "f"),
                 "--formats", "md"]) == 0
    assert (tmp_path / "x" / "report.md").read_text(encoding="utf-8") == (tmp_path / "f" / "report.md").read_text(
        encoding="utf-8")


@pytest.mark.parametrize("fmt", ["html", "docx"])
def test_the_report_checker_finds_the_report_consistent(rendered: dict[str, Path], fmt: str,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    """The report checker (planwatch check) re-derives the relations between the printed figures
    (two-year averages against growth over 2019, shares against parts) and finds none broken."""
    assert main(["check", str(rendered[fmt])]) == 0, capsys.readouterr().out


def test_report_as_of_mid_month_says_the_day(tmp_path: Path) -> None:
    pkg = copy_example(tmp_path / "pkg")
    out = tmp_path / "out"
    assert main(["report", "--data", str(pkg), "--out", str(out), "--formats", "md", "--as-of", "2021-07-15"]) == 0
    md = (out / "report.md").read_text(encoding="utf-8")
    assert "截至7月15日，序时进度为53.7%" in md  # 196/365
