"""A streaming reader of .xlsx cells (zip + lxml iterparse), faster than openpyxl's read-only mode.

It reads only what a package needs: sheet names and order, shared and inline strings (without phonetic
runs), booleans, errors, formula results (cached values) and numbers with their number format, which
decides whether a number is a date and how many decimals it shows. ``sources.cell_text`` gives the text,
so both readers agree cell for cell (tests/package compares them).
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import zipfile
from collections.abc import Iterator
from typing import Any
from xml.etree.ElementTree import Element

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_REL_STRICT = "http://purl.oclc.org/ooxml/officeDocument/relationships"
_COL = re.compile(r"^([A-Z]+)")


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
    if "." not in v and "E" not in v.upper():
        return int(v), fmt
    return float(v), fmt


def iter_sheets(path: Any) -> Iterator[tuple[str, list[list[tuple[Any, str]]]]]:
    """Each sheet's name and rows of (value, number format); missing rows and cells come back empty."""
    from lxml import etree  # a dependency of python-docx; much faster than ElementTree here

    with zipfile.ZipFile(path) as z:
        sheets, date1904 = _sheets(z)
        shared = _shared_strings(z)
        formats = _number_formats(z)
        epoch = CALENDAR_MAC_1904 if date1904 else CALENDAR_WINDOWS_1900
        for name, part in sheets:
            rows: list[list[tuple[Any, str]]] = []
            with z.open(part) as f:
                for _event, el in etree.iterparse(f, events=("end",), tag="{*}row", resolve_entities=False):
                    r = int(el.get("r", len(rows) + 1))
                    while len(rows) < r - 1:
                        rows.append([])
                    cells: list[tuple[Any, str]] = []
                    for c in el.iterchildren("{*}c"):
                        ref = c.get("r")
                        idx = _col_index(ref) if ref else len(cells)
                        while len(cells) < idx:
                            cells.append((None, "General"))
                        cells.append(_value(c, shared, formats, epoch))
                    rows.append(cells)
                    el.clear()
                    while el.getprevious() is not None:
                        del el.getparent()[0]
            yield name, rows
