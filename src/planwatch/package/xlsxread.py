"""A streaming reader of .xlsx cells (zip + lxml iterparse), faster than openpyxl's read-only mode, and
bounded: it never costs more than its ``Limits`` allow, whatever the file claims.

It reads only what a package needs: sheet names and order, shared and inline strings (without phonetic
runs), booleans, errors, formula results (cached values) and numbers with their number format, which
decides whether a number is a date and how many decimals it shows. ``sources.cell_text`` gives the text,
so both readers agree cell for cell (tests/package compares them).

Before anything is parsed, ``open_workbook`` checks the zip's directory: the number of parts, the size of
each once unpacked (zipfile never yields more than the size a part declares) and their sum, the sheets'
count. While streaming, a row beyond ``max_rows``, a column beyond ``max_cols``, a cell longer than
``max_cell_chars`` or more than ``max_cells`` cells stop the reading with ``TooLarge``. Rows come back
numbered and sparse (``(row number, cells)``, blank rows left out), so a lone cell at row 1,048,576 costs one
row, not a million. A number too large for a float (``1E+1000000``) comes back as its text.
"""

from __future__ import annotations

import datetime as dt
import math
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from xml.etree.ElementTree import Element

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

from planwatch.core.errors import PlanwatchError

_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_REL_STRICT = "http://purl.oclc.org/ooxml/officeDocument/relationships"
_COL = re.compile(r"^([A-Z]+)")
MB = 1024 * 1024


class TooLarge(PlanwatchError):
    """The workbook is beyond what the reader accepts (bilingual message, naming the limit)."""


@dataclass(frozen=True)
class Limits:
    max_uncompressed: int  # all parts together, unpacked
    max_part: int  # one part unpacked
    max_parts: int
    max_sheets: int
    max_rows: int  # the highest row number
    max_cols: int  # the highest column number
    max_cells: int  # cells with content, all sheets
    max_cell_chars: int = 32767  # Excel's own limit of a cell


# the command line reads a whole city's plan; uploads to the server get less
LOCAL = Limits(max_uncompressed=2048 * MB, max_part=1024 * MB, max_parts=2000, max_sheets=200,
               max_rows=1_048_576, max_cols=16_384, max_cells=50_000_000)
UPLOAD = Limits(max_uncompressed=96 * MB, max_part=64 * MB, max_parts=300, max_sheets=64,
                max_rows=1_048_576, max_cols=256, max_cells=2_000_000)


def _refuse(zh: str, en: str) -> TooLarge:
    return TooLarge(f"{zh} / {en}")


def open_workbook(source: Any, limits: Limits) -> zipfile.ZipFile:
    """The zip, after its directory passed the limits (raises ``TooLarge``; ``zipfile.BadZipFile`` for bytes
    that are not a zip at all)."""
    z = zipfile.ZipFile(source)
    try:
        infos = z.infolist()
        if len(infos) > limits.max_parts:
            raise _refuse(f"工作簿包含 {len(infos)} 个部件，超过上限 {limits.max_parts}",
                          f"the workbook has {len(infos)} parts, more than {limits.max_parts}")
        total = 0
        for info in infos:
            if info.file_size > limits.max_part:
                raise _refuse(f"工作簿部件 {info.filename} 解压后 {info.file_size // MB} MB，超过上限 "
                              f"{limits.max_part // MB} MB",
                              f"the part {info.filename} unpacks to {info.file_size // MB} MB, more than "
                              f"{limits.max_part // MB} MB")
            total += info.file_size
        if total > limits.max_uncompressed:
            raise _refuse(f"工作簿解压后共 {total // MB} MB，超过上限 {limits.max_uncompressed // MB} MB",
                          f"the workbook unpacks to {total // MB} MB, more than {limits.max_uncompressed // MB} MB")
    except BaseException:
        z.close()
        raise
    return z


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(el: Element, name: str) -> Iterator[Element]:
    return (c for c in el if _local(c.tag) == name)


def _text_of(el: Element) -> str:
    """The text of a string item: its <t>, or its runs' <t>, leaving out phonetic runs (<rPh>)."""
    parts: list[str] = []
    for child in el:
        if not isinstance(child.tag, str):  # a comment
            continue
        name = _local(child.tag)
        if name == "t":
            parts.append(child.text or "")
        elif name == "r":
            parts.extend(t.text or "" for t in _children(child, "t"))
    return "".join(parts)


def _col_index(ref: str) -> int:
    m = _COL.match(ref)
    if not m:
        raise ValueError(f"bad cell reference {ref!r}")
    n = 0
    for ch in m.group(1):
        n = n * 26 + ord(ch) - 64
    return n - 1


def _parse(z: zipfile.ZipFile, name: str) -> Element:
    from xml.etree.ElementTree import fromstring

    return fromstring(z.read(name))


def _sheets(z: zipfile.ZipFile) -> tuple[list[tuple[str, str]], bool]:
    """(sheet name, part name) in workbook order, and whether dates count from 1904."""
    wb = _parse(z, "xl/workbook.xml")
    rels = _parse(z, "xl/_rels/workbook.xml.rels")
    targets = {r.get("Id"): r.get("Target", "") for r in rels}
    date1904 = any(pr.get("date1904") in ("1", "true") for pr in wb.iter() if _local(pr.tag) == "workbookPr")
    out = []
    for el in wb.iter():
        if _local(el.tag) != "sheet":
            continue
        rid = el.get(f"{{{_REL}}}id") or el.get(f"{{{_REL_STRICT}}}id")
        target = targets.get(rid, "")
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        out.append((el.get("name", ""), part))
    return out, date1904


def _shared_strings(z: zipfile.ZipFile) -> list[str]:
    try:
        root = _parse(z, "xl/sharedStrings.xml")
    except KeyError:
        return []
    return [_text_of(si) for si in _children(root, "si")]


def _number_formats(z: zipfile.ZipFile) -> list[str]:
    """The number format of each cell style (cellXfs index → format code)."""
    try:
        root = _parse(z, "xl/styles.xml")
    except KeyError:
        return []
    custom: dict[int, str] = {}
    for el in root.iter():
        if _local(el.tag) == "numFmt":
            custom[int(el.get("numFmtId", "0"))] = el.get("formatCode", "General")
    out: list[str] = []
    for xfs in _children(root, "cellXfs"):
        for xf in _children(xfs, "xf"):
            fid = int(xf.get("numFmtId", "0"))
            out.append(custom.get(fid) or BUILTIN_FORMATS.get(fid, "General"))
    return out


def _value(c: Any, shared: list[str], formats: list[str], epoch: dt.datetime) -> tuple[Any, str]:
    """The cell's value as openpyxl would give it, and its number format."""
    kind = c.get("t", "n")
    if kind == "inlineStr":
        for is_el in c.iterchildren("{*}is"):
            return _text_of(is_el), "General"
        return None, "General"
    v = c.findtext("{*}v")
    if not v:  # no value, or a formula without a cached result
        return None, "General"
    if kind == "s":
        return shared[int(v)], "General"
    if kind in ("str", "e"):
        return v, "General"
    if kind == "b":
        return v in ("1", "true"), "General"
    if kind == "d":
        return dt.datetime.fromisoformat(v), "General"
    fmt = formats[int(c.get("s", "0"))] if formats else "General"
    if is_date_format(fmt):
        return from_excel(float(v), epoch), fmt
    if "." not in v and "E" not in v.upper() and len(v) <= 20:
        return int(v), fmt
    number = float(v)
    if not math.isfinite(number):
        return v, "General"  # 1E+1000000: beyond a float; its text goes on and is refused as a number there
    return number, fmt


Row = tuple[int, list[tuple[Any, str]]]


def iter_sheets(path: Any, limits: Limits = LOCAL,
                max_col: int | None = None) -> Iterator[tuple[str, list[Row]]]:
    """Each sheet's name and its rows with content as (row number, [(value, number format), …]); missing cells
    inside a row come back empty. ``max_col``: cells beyond it are skipped (not read into memory)."""
    from lxml import etree  # a dependency of python-docx; much faster than ElementTree here

    with open_workbook(path, limits) as z:
        sheets, date1904 = _sheets(z)
        if len(sheets) > limits.max_sheets:
            raise _refuse(f"工作簿有 {len(sheets)} 个工作表，超过上限 {limits.max_sheets}",
                          f"the workbook has {len(sheets)} sheets, more than {limits.max_sheets}")
        shared = _shared_strings(z)
        formats = _number_formats(z)
        epoch = CALENDAR_MAC_1904 if date1904 else CALENDAR_WINDOWS_1900
        cells_seen = 0
        for name, part in sheets:
            rows: list[Row] = []
            with z.open(part) as f:
                last = 0
                for _event, el in etree.iterparse(f, events=("end",), tag="{*}row", resolve_entities=False,
                                                  no_network=True, huge_tree=False):
                    r = int(el.get("r") or last + 1)
                    if not 0 < r <= limits.max_rows:
                        raise _refuse(f"工作表“{name}”有第 {r} 行，超过上限 {limits.max_rows} 行",
                                      f"the sheet {name!r} has a row {r}, beyond the limit of {limits.max_rows} rows")
                    last = r
                    cells: list[tuple[Any, str]] = []
                    for c in el.iterchildren("{*}c"):
                        ref = c.get("r")
                        idx = _col_index(ref) if ref else len(cells)
                        if idx >= limits.max_cols:
                            raise _refuse(f"工作表“{name}”第 {r} 行有第 {idx + 1} 列，超过上限 {limits.max_cols} 列",
                                          f"the sheet {name!r} has a column {idx + 1} in row {r}, beyond the limit "
                                          f"of {limits.max_cols} columns")
                        if max_col is not None and idx >= max_col:
                            continue
                        value = _value(c, shared, formats, epoch)
                        if isinstance(value[0], str) and len(value[0]) > limits.max_cell_chars:
                            raise _refuse(f"工作表“{name}”第 {r} 行的单元格超过 {limits.max_cell_chars} 个字符",
                                          f"a cell of row {r} of the sheet {name!r} has more than "
                                          f"{limits.max_cell_chars} characters")
                        while len(cells) < idx:
                            cells.append((None, "General"))
                        cells.append(value)
                    if cells:
                        cells_seen += len(cells)
                        if cells_seen > limits.max_cells:
                            raise _refuse(f"工作簿的单元格超过上限 {limits.max_cells} 个",
                                          f"the workbook has more than {limits.max_cells} cells")
                        rows.append((r, cells))
                    el.clear()
                    while el.getprevious() is not None:
                        del el.getparent()[0]
            yield name, rows
