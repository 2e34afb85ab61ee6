"""``planwatch hotline``: the compute contract, generate → --tickets, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planwatch.cli import main

CONTRACT = {"unit", "name", "tickets", "share_pct", "response_rate", "resolution_rate", "satisfaction_rate",
            "score", "rank"}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["hotline", *argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_generate_then_compute_the_contract(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "gen"
    code, text, _ = run(capsys, "generate", "--district", "chaoyang", "--period", "2021-06", "--scale", "0.02",
                        "--out", str(out), "--format", "json")
    assert code == 0 and json.loads(text)["tickets"] == 1359
    code, text, _ = run(capsys, "compute", "--tickets", str(out), "--period", "2021-06", "--by", "street",
                        "--format", "json")
    rows = json.loads(text)["rows"]
    assert code == 0 and len(rows) == 43
    assert all(set(r) == CONTRACT for r in rows)
    assert sum(r["tickets"] for r in rows) == 1359
    assert [r["rank"] for r in rows] == sorted(r["rank"] for r in rows) and rows[0]["rank"] == 1
    assert all(isinstance(r["score"], float) and 0 <= r["score"] <= 100 for r in rows)
    code, text, _ = run(capsys, "compute", "--tickets", str(out), "--period", "2021-06", "--by", "district",
                        "--format", "json")
    [row] = json.loads(text)["rows"]
    assert row["unit"] == "chaoyang" and row["share_pct"] == 100.0 and row["tickets"] == 1359
    code, text, _ = run(capsys, "rank", "--tickets", str(out), "--month", "2021-06", "--by", "unit",
                        "--unit-kind", "department", "--xlsx", str(tmp_path / "r.xlsx"))
    assert code == 0 and "区" in text and (tmp_path / "r.xlsx").stat().st_size > 0
    code, text, _ = run(capsys, "topics", "--tickets", str(out), "--month", "2021-06", "--format", "json")
    assert code == 0 and json.loads(text)["week"] == "2021-06-21"
    code, text, _ = run(capsys, "overdue", "--tickets", str(out), "--period", "2021-06", "--format", "json")
    assert code == 0 and json.loads(text)["overdue_by"]


@pytest.mark.parametrize(("argv", "message"), [
    (["compute", "--tickets", "/nonexistent", "--period", "2021H1"], "/nonexistent:0:"),
    (["compute", "--tickets", ".", "--period", "2021H1", "--lang", "en"], "no ticket (.parquet) files"),
    (["compute", "--tickets", ".", "--period", "2021H1"], "文件夹中没有工单"),
    (["generate", "--out", "x", "--period", "2021H1", "--district", "gotham"], "unknown district"),
    (["rank", "--tickets", ".", "--month", "June"], "2021-06"),
])
def test_bad_input_exits_2_with_a_message(argv: list[str], message: str, capsys: pytest.CaptureFixture[str],
                                          tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, *argv)
    assert code == 2 and message in err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["hotline", "compute", "--period", "2021H1"])  # no --tickets
    assert caught.value.code == 2
    assert run(capsys)[0] == 2


def test_a_bad_csv_names_file_row_and_field(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from .factories import ticket, write_csv

    path = write_csv([ticket(), ticket(satisfaction="so-so")], tmp_path / "t.csv")
    code, _, err = run(capsys, "compute", "--tickets", str(path), "--period", "2021-01")
    assert code == 2 and "t.csv:3:satisfaction: 不是可用的值" in err
