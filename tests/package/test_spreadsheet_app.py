"""A real spreadsheet program (LibreOffice Calc, headless) opens and re-saves what planwatch writes, and
planwatch reads the re-saved files the same: shared strings, its own number formats, its own CSV."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from planwatch.package import example_path, load, write_xlsx
from planwatch.package.sources import workbook_rows

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(SOFFICE is None, reason="LibreOffice Calc (libreoffice-calc-nogui) is not installed"),
]


def _convert(src: Path, to: str, out: Path, profile: Path, infilter: str = "") -> Path:
    assert SOFFICE is not None
    proc = subprocess.run(
        [SOFFICE, "--headless", "--norestore", f"-env:UserInstallation=file://{profile}",
         *([f"--infilter={infilter}"] if infilter else []),
         "--convert-to", to, "--outdir", str(out), str(src)],
        capture_output=True, text=True, timeout=180, check=False,
    )
    produced = sorted(out.glob(f"{src.stem}.*"))
    if not produced:
        pytest.fail(f"soffice did not convert {src.name}: {proc.stdout} {proc.stderr}")
    return produced[0]


def test_workbook_resaved_by_calc_loads_the_same(tmp_path: Path) -> None:
    plan = load(example_path())
    book = write_xlsx(plan, tmp_path / "in" / "plan.xlsx")
    resaved = _convert(book, 'xlsx:Calc MS Excel 2007 XML', tmp_path / "out", tmp_path / "profile")
    assert resaved.read_bytes() != book.read_bytes()
    assert load(resaved) == plan
    assert workbook_rows(resaved, "fast") == workbook_rows(resaved, "openpyxl")


def test_csv_resaved_by_calc_loads_the_same(tmp_path: Path) -> None:
    """Calc re-saves observations.csv (UTF-8, comma, quoted text) as a spreadsheet user would."""
    pkg = tmp_path / "pkg"
    shutil.copytree(example_path(), pkg)
    out = tmp_path / "out"
    # 44 = comma, 34 = double quote, 76 = UTF-8; the same options for reading and writing
    options = "44,34,76,1"
    resaved = _convert(pkg / "observations.csv", f"csv:Text - txt - csv (StarCalc):{options}", out, tmp_path / "profile",
                       infilter=f"Text - txt - csv (StarCalc):{options}")
    assert resaved.read_bytes() != (pkg / "observations.csv").read_bytes()
    shutil.copy(resaved, pkg / "observations.csv")
    assert load(pkg) == load(example_path())
