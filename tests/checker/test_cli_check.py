"""planwatch check: exit codes, linter-style text, JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planwatch.cli import main

from .conftest import SEED


def test_seed_passes_with_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(SEED)]) == 0
    out = capsys.readouterr().out
    assert "不一致 0 处" in out


def test_edited_seed_exits_1_with_file_line_col(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = SEED.read_text(encoding="utf-8").replace("落地率达79%", "落地率达89%")
    path = tmp_path / "edited.txt"
    path.write_text(text, encoding="utf-8")
    assert main(["check", str(path)]) == 1
    first = capsys.readouterr().out.splitlines()[0]
    offset = text.index("89%")
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    assert first.startswith(f"{path}:{line}:{col}: 不一致：落地率89%")
    assert main(["check", str(path), "--lang", "en"]) == 1
    assert "inconsistent: 落地率 89%" in capsys.readouterr().out


def test_json_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(SEED), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"facts", "checks", "warnings"} and data["warnings"] == []
    gdp = data["facts"][0]
    assert {k: gdp[k] for k in ("text", "subject", "value", "unit", "kind", "basis", "bound", "modality", "period")} == {
        "text": "3640.7亿元", "subject": "GDP", "value": 364070000000, "unit": "元", "kind": "amount",
        "basis": "none", "bound": "eq", "modality": "actual", "period": "2021H1",
    }
    text = SEED.read_text(encoding="utf-8")
    assert text[gdp["start"] : gdp["end"]] == "3640.7亿元"
    assert all(set(c) >= {"facts", "status", "stated", "expected", "message"} for c in data["checks"])


def test_unreadable_and_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tmp_path / "missing.txt")]) == 2
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00\x81\x30")
    assert main(["check", str(bad)]) == 2
    with pytest.raises(SystemExit) as exc:
        main(["check", str(SEED), "--format", "xml"])
    assert exc.value.code == 2
