"""Reading the raw cells of a package, from a folder of CSV/YAML files or from one .xlsx workbook.

Everything is read as text here (cells stripped, blank rows skipped); ``parse`` turns the text into
typed values. Row numbers are spreadsheet rows: the header is row 1.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from planwatch.core.errors import PlanwatchError

from . import safeyaml
from .formulas import restore
from .issues import PackageIssue
from .schema import PLAN_FILE, REPORT_FILE, TABLES_BY_NAME

BOM = b"\xef\xbb\xbf"
_NUMBER_FORMAT = re.compile(r"^0(?:\.(0+))?$")


class Unreadable(PlanwatchError, OSError):
    """The path is not a package at all: missing, not a folder, not a readable .xlsx."""


@dataclass(slots=True)
class RawTable:
    name: str  # table name: "indicators"
    label: str  # how issues name it: "indicators.csv" or "plan.xlsx[indicators]"
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (spreadsheet row, stripped text of each header column, in order)
    verbatim: list[dict[str, str]] = field(default_factory=list)  # unstripped rows, for extra tables only


@dataclass(slots=True)
class RawPackage:
    form: str  # "folder" | "xlsx"
    path: Path
    tables: dict[str, RawTable] = field(default_factory=dict)
    yaml_docs: dict[str, tuple[str, Any]] = field(default_factory=dict)  # "plan" → (label, data)
    issues: list[PackageIssue] = field(default_factory=list)

    def label(self, name: str, ext: str) -> str:
        if self.form == "xlsx":
            return f"{self.path.name}[{name}]"
        return f"{name}.{ext}"


def read(path: str | Path, limits: Any = None) -> RawPackage:
    """``limits`` (``xlsxread.Limits``) bound a workbook's reading; ``xlsxread.UPLOAD`` for uploads."""
    p = Path(path)
    if p.is_dir():
        return read_folder(p)
    if p.is_file() and p.suffix.lower() in (".xlsx", ".xlsm"):
        return read_xlsx(p, limits=limits)
    if not p.exists():
        raise Unreadable(f"{p}: no such file or folder / 路径不存在")
    raise Unreadable(f"{p}: not a package folder or .xlsx workbook / 不是数据包文件夹或 .xlsx 工作簿")


# ---------------------------------------------------------------- text decoding


def decode(data: bytes) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was read with: UTF-8 (with or without BOM) or GB18030."""
    if data.startswith(BOM):
        return data[len(BOM) :].decode("utf-8"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return data.decode("gb18030"), "gb18030"


NumberedRows = list[tuple[int, list[str]]]  # (spreadsheet row, cells); rows without content may be left out


def numbered(rows: list[list[str]]) -> NumberedRows:
    return list(enumerate(rows, start=1))


def _table_from_rows(name: str, label: str, rows: NumberedRows, issues: list[PackageIssue]) -> RawTable:
    if not rows:
        return RawTable(name, label, [], [])
    first_number, first = rows[0]
    header = [h.strip().lstrip("\ufeff") for h in (first if first_number == 1 else [])]
    while header and not header[-1]:
        header.pop()
    seen: set[str] = set()
    for h in header:
        if h in seen:
            issues.append(
                PackageIssue(label, 1, h, f"表头列名“{h}”重复", f"column {h!r} appears twice in the header", "duplicate_column")
            )
        seen.add(h)
    width = len(header)
    keep_verbatim = name not in TABLES_BY_NAME  # an extra sheet is written back as it was
    out: list[tuple[int, list[str]]] = []
    verbatim: list[dict[str, str]] = []
    for i, cells in rows:
        if i == 1:
            continue
        stripped = [c.strip() for c in cells]
        if not any(stripped):
            continue
        if len(stripped) > width:
            extra = [c for c in stripped[width:] if c]
            if extra:
                issues.append(
                    PackageIssue(
                        label, i, "", f"本行有{len(extra)}个单元格超出表头范围", f"the row has {len(extra)} cells beyond the header", "extra_cells"
                    )
                )
            del stripped[width:]
        elif len(stripped) < width:
            stripped.extend([""] * (width - len(stripped)))
        out.append((i, stripped))
        if keep_verbatim:
            verbatim.append({h: (cells[j] if j < len(cells) else "") for j, h in enumerate(header) if h})
    return RawTable(name, label, header, out, verbatim)


def _load_yaml(text: str, label: str, issues: list[PackageIssue]) -> Any:
    try:
        return safeyaml.load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        problem = getattr(exc, "problem", None) or str(exc)
        issues.append(PackageIssue(label, line, "", f"YAML 格式错误: {problem}", f"YAML does not parse: {problem}", "bad_yaml"))
        return None


# ---------------------------------------------------------------- folder


def read_folder(path: Path) -> RawPackage:
    raw = RawPackage("folder", path)
    for f in sorted(path.iterdir()):
        if not f.is_file():
            continue
        yaml_name = f.name.lower().replace(".yml", ".yaml")
        if yaml_name in (PLAN_FILE, REPORT_FILE):
            label = f.name
            try:
                text, _ = decode(f.read_bytes())
            except (OSError, UnicodeDecodeError) as exc:
                raw.issues.append(PackageIssue(label, 0, "", f"无法读取文件: {exc}", f"cannot read the file: {exc}", "unreadable_file"))
                continue
            raw.yaml_docs[yaml_name.removesuffix(".yaml")] = (label, _load_yaml(text, label, raw.issues))
        elif f.suffix.lower() == ".csv":
            label = f.name
            try:
                text, _ = decode(f.read_bytes())
            except (OSError, UnicodeDecodeError) as exc:
                raw.issues.append(
                    PackageIssue(label, 0, "", f"无法读取文件(请另存为 UTF-8 或 GB18030 编码的 CSV): {exc}", f"cannot read the file (save it as UTF-8 or GB18030 CSV): {exc}", "unreadable_file")
                )
                continue
            reader = csv.reader(io.StringIO(text, newline=""))
            if "'" in text:  # a cell planwatch wrote with a leading apostrophe (formulas.neutral) gets it off
                rows = [[restore(c) if c[:1] == "'" else c for c in row] for row in reader]
            else:
                rows = list(reader)
            name = f.stem.lower() if f.stem.lower() in TABLES_BY_NAME else f.stem
            raw.tables[name] = _table_from_rows(name, label, numbered(rows), raw.issues)
    return raw


# ---------------------------------------------------------------- workbook


def cell_text(value: Any, number_format: str = "General") -> str:
    """The text of a workbook cell as a CSV would hold it; numbers keep the decimals their format shows."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        d = Decimal(repr(value))
        m = _NUMBER_FORMAT.match(number_format or "")
        if m:
            places = len(m.group(1) or "")
            d = d.quantize(Decimal(1).scaleb(-places))
        elif d == d.to_integral_value() and "E" not in repr(value) and "e" not in repr(value):
            d = d.quantize(Decimal(1))
        return format(d, "f")
    return str(value)


def _sheet_rows(ws: Any) -> NumberedRows:
    rows: NumberedRows = []
    for number, row in enumerate(ws.iter_rows(), start=1):
        cells = []
        for c in row:
            v = getattr(c, "value", None)
            fmt = getattr(c, "number_format", "General") if isinstance(v, float) else "General"
            cells.append(cell_text(v, fmt))
        cells = _trim(cells)
        if cells:
            rows.append((number, cells))
    return rows


def workbook_rows(path: Path, engine: str = "fast", limits: Any = None) -> list[tuple[str, NumberedRows]]:
    """Every sheet of a workbook as numbered text rows (rows without content left out); ``engine``
    "openpyxl" is the slower reference reader. ``limits``: ``xlsxread.LOCAL`` unless given (uploads:
    ``xlsxread.UPLOAD``); beyond them ``xlsxread.TooLarge``."""
    from xml.etree.ElementTree import ParseError

    import openpyxl
    from lxml.etree import XMLSyntaxError

    from .xlsxread import LOCAL, iter_sheets

    try:
        if engine == "fast":
            out = []
            for name, rows in iter_sheets(path, limits or LOCAL):
                text_rows = [(n, _trim([cell_text(v, fmt) for v, fmt in row])) for n, row in rows]
                out.append((name, [(n, cells) for n, cells in text_rows if cells]))
            return out
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            return [(ws.title, _sheet_rows(ws)) for ws in wb.worksheets]
        finally:
            wb.close()
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, IndexError, ParseError, XMLSyntaxError) as exc:
        raise Unreadable(f"{path}: not a readable .xlsx workbook / 无法打开 .xlsx 工作簿: {exc}") from exc


def _trim(cells: list[str]) -> list[str]:
    while cells and cells[-1] == "":
        cells.pop()
    return cells


def read_xlsx(path: Path, engine: str = "fast", limits: Any = None) -> RawPackage:
    from .yamlsheet import sheet_to_yaml

    raw = RawPackage("xlsx", path)
    for title, rows in workbook_rows(path, engine, limits):
        name = title.strip()
        if name.lower() in ("plan", "report", "plan.yaml", "report.yaml"):
            name = name.lower().removesuffix(".yaml")
            label = raw.label(name, "")
            raw.yaml_docs[name] = (label, sheet_to_yaml([cells for _n, cells in rows], label, raw.issues))
        else:
            known = name.lower().removesuffix(".csv")
            if known in TABLES_BY_NAME:
                name = known  # "Indicators" or "indicators.csv" is the indicators sheet
            raw.tables[name] = _table_from_rows(name, raw.label(name, ""), rows, raw.issues)
    return raw
