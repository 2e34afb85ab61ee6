"""Cells that a spreadsheet would take for a formula, made harmless in every file planwatch writes.

A text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is run as a formula by Excel,
WPS and LibreOffice when a CSV is opened (``=HYPERLINK(…)`` in a department's name would become a live link
in every reporter's template). Numbers are numbers: ``-5.16`` or ``+3`` is left as it is; only text is
neutralised.

- CSV: such a text is written with a leading apostrophe (``'=1+1``), which spreadsheets show as text;
  ``restore`` takes it off again when planwatch reads the CSV back, so a package still round-trips exactly
  (a text that itself starts with an apostrophe before one of those characters gets one more).
- .xlsx: the cell is written as a string with Excel's "quote prefix" style (``xlsx_text``): shown and kept
  as text even when someone edits it, and read back unchanged.
"""

from __future__ import annotations

import re
from typing import Any

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?(?:\d[\d,]*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?%?$")


def dangerous(text: str) -> bool:
    """Would a spreadsheet run this text as a formula? (Numbers, negative ones too, are not text.)"""
    return bool(text) and text.startswith(TRIGGERS) and not _NUMBER.match(text)


def _escaped(text: str) -> bool:
    return text.startswith("'") and (dangerous(text[1:]) or text[1:].startswith("'"))


def neutral(text: str) -> str:
    """The CSV form of a cell: a leading apostrophe where a spreadsheet would see a formula."""
    return "'" + text if dangerous(text) or _escaped(text) else text


def restore(text: str) -> str:
    """The text ``neutral`` was given (for a CSV planwatch wrote, or a person typed ``'=…`` in)."""
    return text[1:] if _escaped(text) else text


def xlsx_text(cell: Any, text: str | None) -> Any:
    """Put ``text`` into an openpyxl cell as text, never as a formula: a string cell, and when it looks like
    a formula, with the quote prefix. Answers the cell."""
    cell.value = text if text else None
    if text:
        cell.data_type = "s"
        if dangerous(text):
            cell.quotePrefix = True
    return cell


def safe_filename(text: str, default: str = "export") -> str:
    """A file name built from data (a region code, a department code): letters, digits, . - _ only, no
    leading dot, at most 120 characters; never a path, a quote or a line break."""
    name = re.sub(r"[^\w.-]+", "_", text, flags=re.ASCII).lstrip("._")[:120]
    return name or default
