"""Reading ticket files (CSV, Excel, Parquet) into one checked Arrow table of the ticket schema.

Every check is columnar (pyarrow.compute over whole columns); only the rows that fail become
``TicketIssue`` objects. A file with any bad row raises ``TicketFileError`` listing file, row, field and
reason, and nothing is returned: a load lands whole or not at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .errors import TicketFileError, TicketIssue
from .schema import (
    ARROW_SCHEMA,
    BOOL,
    BY_NAME,
    FIELDS,
    HEADER_ALIASES,
    KEY,
    STRING,
    TIMESTAMP,
    Field,
)

SUFFIXES = {".csv": "csv", ".xlsx": "excel", ".xlsm": "excel", ".parquet": "parquet", ".pq": "parquet"}
TIME_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M:%S",
                "%Y/%m/%d %H:%M", "%Y-%m-%d", "%Y/%m/%d")
TRUE = ("true", "1", "yes", "y", "t", "是", "√")
FALSE = ("false", "0", "no", "n", "f", "否", "")
_ISSUES_PER_CHECK = 50


class _Collector:
    """Issues of one file; keeps the first few of each check and counts all."""

    def __init__(self, file: str, first_row: int) -> None:
        self.file, self.first_row = file, first_row
        self.issues: list[TicketIssue] = []
        self.total = 0

    def add_mask(self, mask: pa.Array | np.ndarray, field: str, zh: str, en: str,
                 values: pa.Array | None = None) -> None:
        bad = np.flatnonzero(np.asarray(mask if isinstance(mask, np.ndarray)
                                        else pc.fill_null(mask, False).to_numpy(zero_copy_only=False)))
        self.total += len(bad)
        for i in bad[:_ISSUES_PER_CHECK]:
            shown = "" if values is None else f": {values[int(i)].as_py()!r}"
            self.issues.append(TicketIssue(self.file, int(i) + self.first_row, field, zh + shown, en + shown))

    def whole_file(self, field: str, zh: str, en: str) -> None:
        self.total += 1
        self.issues.append(TicketIssue(self.file, 0, field, zh, en))

    def raise_if_any(self) -> None:
        if self.total:
            self.issues.sort(key=lambda i: (i.row, i.field))
            raise TicketFileError(self.issues, self.total)


def read_tickets(path: str | Path) -> pa.Table:
    """Read and check one ticket file; returns a table of exactly ``schema.ARROW_SCHEMA``."""
    path = Path(path)
    kind = SUFFIXES.get(path.suffix.lower())
    name = path.name
    if kind is None:
        raise TicketFileError([TicketIssue(name, 0, "", f"不支持的文件类型 {path.suffix!r}(可用 .csv、.xlsx、.parquet)",
                                           f"unsupported file type {path.suffix!r} (use .csv, .xlsx or .parquet)")])
    try:
        raw = _READERS[kind](path)
    except TicketFileError:
        raise
    except (OSError, pa.ArrowException, ValueError, KeyError) as exc:
        raise TicketFileError([TicketIssue(name, 0, "", f"无法读取文件: {exc}", f"cannot read the file: {exc}")]) from exc
    return check_table(raw, name, first_row=1 if kind == "parquet" else 2)


def check_table(raw: pa.Table, file: str, first_row: int = 2) -> pa.Table:
    """Convert and check a raw table (string or typed columns) to the ticket schema."""
    raw = raw.rename_columns([HEADER_ALIASES.get(c.strip(), c.strip()) for c in raw.column_names])
    out = _Collector(file, first_row)
    for f in FIELDS:
        if f.required and f.name not in raw.column_names:
            out.whole_file(f.name, f"缺少必填列 {f.name}({f.label_zh})", f"missing required column {f.name} ({f.label_zh})")
    out.raise_if_any()
    n = raw.num_rows
    columns: dict[str, pa.Array] = {}
    for f in FIELDS:
        col = raw.column(f.name).combine_chunks() if f.name in raw.column_names else pa.nulls(n, f.arrow_type)
        columns[f.name] = _CONVERT[f.kind](col, f, out)
    _check_rows(columns, out)
    out.raise_if_any()
    return pa.Table.from_arrays([columns[f.name] for f in FIELDS], schema=ARROW_SCHEMA)


# --- raw readers: every column as it is in the file ---------------------------------------------------

def _read_csv(path: Path) -> pa.Table:
    import pyarrow.csv as pcsv

    with path.open("rb") as fh:
        head = fh.readline().decode("utf-8-sig", errors="replace")
    names = [h.strip().strip('"') for h in head.rstrip("\r\n").split(",")]
    opts = pcsv.ConvertOptions(column_types={n: pa.string() for n in names}, strings_can_be_null=False,
                               quoted_strings_can_be_null=False)
    return pcsv.read_csv(path, convert_options=opts)


def _read_excel(path: Path) -> pa.Table:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=True)
    try:
        rows = wb.worksheets[0].iter_rows(values_only=True)
        header = [str(h).strip() if h is not None else "" for h in next(rows, ())]
        cols: list[list[str | None]] = [[] for _ in header]
        for row in rows:
            if row is None or all(v is None for v in row):
                continue
            for i in range(len(header)):
                v = row[i] if i < len(row) else None
                cols[i].append(_excel_text(v))
    finally:
        wb.close()
    return pa.table({h: pa.array(c, pa.string()) for h, c in zip(header, cols, strict=True) if h})


def _excel_text(v: object) -> str | None:
    if v is None:
        return None
    if isinstance(v, dt.datetime):
        return v.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _read_parquet(path: Path) -> pa.Table:
    import pyarrow.parquet as pq

    return pq.read_table(path)


_READERS: dict[str, Callable[[Path], pa.Table]] = {"csv": _read_csv, "excel": _read_excel, "parquet": _read_parquet}


# --- column conversions ---------------------------------------------------------------------------------

def _as_text(col: pa.Array) -> pa.Array:
    if pa.types.is_dictionary(col.type):
        col = col.cast(col.type.value_type)
    if not pa.types.is_string(col.type) and not pa.types.is_large_string(col.type):
        col = col.cast(pa.string())
    return pc.utf8_trim_whitespace(col.cast(pa.string()))


def _blank(col: pa.Array) -> pa.Array:
    return pc.or_(pc.is_null(col), pc.equal(col, ""))


def _convert_string(col: pa.Array, f: Field, out: _Collector) -> pa.Array:
    text = _as_text(col)
    blank = _blank(text)
    if f.required:
        out.add_mask(blank, f.name, f"必填字段为空({f.label_zh})", f"required field is blank ({f.label_zh})")
    text = pc.if_else(blank, pa.scalar(None, pa.string()), text)
    if f.choices:
        codes = pa.array([c for c, _ in f.choices] * 2)
        spellings = pa.array([c for c, _ in f.choices] + [zh for _, zh in f.choices])
        idx = pc.index_in(pc.utf8_lower(text), value_set=pc.utf8_lower(spellings))
        out.add_mask(pc.and_(pc.invert(pc.is_null(text)), pc.is_null(idx)), f.name,
                     f"不是可用的值(可用: {'、'.join(zh for _, zh in f.choices)})",
                     f"not an allowed value (use {', '.join(c for c, _ in f.choices)})", text)
        text = pc.take(codes, idx)
    return text


def _convert_timestamp(col: pa.Array, f: Field, out: _Collector) -> pa.Array:
    if pa.types.is_timestamp(col.type) or pa.types.is_date(col.type):
        ts = col.cast(pa.timestamp("ms"))
        if f.required:
            out.add_mask(pc.is_null(ts), f.name, f"必填时间为空({f.label_zh})", f"required time is blank ({f.label_zh})")
        return ts
    text = _as_text(col)
    blank = _blank(text)
    parsed = pa.nulls(len(text), pa.timestamp("ms"))
    for fmt in TIME_FORMATS:
        attempt = pc.strptime(text, format=fmt, unit="ms", error_is_null=True)
        parsed = pc.coalesce(parsed, attempt)
    if f.required:
        out.add_mask(blank, f.name, f"必填时间为空({f.label_zh})", f"required time is blank ({f.label_zh})")
    out.add_mask(pc.and_(pc.invert(blank), pc.is_null(parsed)), f.name,
                 "不是时间(用 2021-06-30 14:05:00 这样的格式)", "not a time (write it as 2021-06-30 14:05:00)", text)
    return parsed


def _convert_bool(col: pa.Array, f: Field, out: _Collector) -> pa.Array:
    if pa.types.is_boolean(col.type):
        result = col
    elif pa.types.is_integer(col.type):
        out.add_mask(pc.invert(pc.is_in(col, pa.array([0, 1, None], col.type))), f.name,
                     "不是是/否值", "not a yes/no value", col)
        result = pc.not_equal(col, 0)
    else:
        text = pc.utf8_lower(_as_text(col))
        is_true = pc.is_in(text, pa.array(TRUE))
        is_false = pc.is_in(text, pa.array(FALSE))
        out.add_mask(pc.and_(pc.invert(pc.is_null(text)), pc.invert(pc.or_(is_true, is_false))), f.name,
                     "不是是/否值(true/false、是/否、1/0)", "not a yes/no value (true/false, 是/否, 1/0)", text)
        result = pc.if_else(pc.or_(pc.is_null(text), pc.equal(text, "")), pa.scalar(None, pa.bool_()), is_true)
    if f.required:
        out.add_mask(pc.is_null(result), f.name, f"必填是/否为空({f.label_zh})", f"required yes/no is blank ({f.label_zh})")
    return result


_CONVERT: dict[str, Callable[[pa.Array, Field, _Collector], pa.Array]] = {
    STRING: _convert_string, TIMESTAMP: _convert_timestamp, BOOL: _convert_bool,
}


# --- checks across fields -----------------------------------------------------------------------------

def _check_rows(c: dict[str, pa.Array], out: _Collector) -> None:
    valid = pc.fill_null(c["visit_valid"], False)
    for name in ("contacted", "solved", "satisfaction"):
        label = BY_NAME[name].label_zh
        out.add_mask(pc.and_(valid, pc.is_null(c[name])), name,
                     f"有效回访的工单须填写{label}", f"a ticket with a valid return visit needs {name}")
    for name in ("dispatched_at", "closed_at"):
        out.add_mask(pc.less(c[name], c["accepted_at"]), name,
                     f"{BY_NAME[name].label_zh}早于受理时间", f"{name} is before accepted_at")
    keys = pa.table({k: c[k] for k in KEY})
    ids = pc.binary_join_element_wise(keys.column(0).combine_chunks(), keys.column(1).combine_chunks(), "\x1f")
    first_seen = pc.index_in(ids, value_set=pc.unique(ids))
    position = np.arange(len(ids))
    earlier = np.asarray(_first_positions(first_seen.to_numpy(zero_copy_only=False))) != position
    out.add_mask(earlier, "ticket_id", "工单重复(同一工单编号与承办单位已在前面出现)",
                 "duplicate ticket (the same ticket_id and unit_code appear on an earlier row)", c["ticket_id"])


def _first_positions(group: np.ndarray) -> np.ndarray:
    """For each row, the position of the first row of its group (groups numbered 0..k-1)."""
    if len(group) == 0:
        return group
    firsts = np.full(int(group.max()) + 1, -1, dtype=np.int64)
    order = np.arange(len(group))[::-1]
    firsts[group[order]] = order  # the last write per group is its smallest position
    return firsts[group]
