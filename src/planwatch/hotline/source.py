"""``--tickets PATH``: a ticket store, a folder of Parquet files, or one CSV/Excel/Parquet file.

A store or Parquet folder is read by the engines in place; a Parquet file's schema is checked (its rows
were checked when they were loaded or generated); a CSV or Excel file is read and checked row by row
(``read.read_tickets``) and handed to the engine as an Arrow table.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from .errors import TicketFileError, TicketIssue
from .read import SUFFIXES, read_tickets
from .schema import FIELDS
from .store import TicketStore


@dataclass
class TicketSource:
    label: str
    files: list[Path] = field(default_factory=list)
    table: pa.Table | None = None
    fingerprint: str = ""

    def rows(self) -> int:
        if self.table is not None:
            return self.table.num_rows
        return sum(pq.ParquetFile(f).metadata.num_rows for f in self.files)


def open_tickets(path: str | Path) -> TicketSource:
    path = Path(path)
    if path.is_dir():
        store = TicketStore(path)
        if store.exists():
            files = store.files()
            return TicketSource(str(path), files=_checked(files), fingerprint=store.fingerprint())
        files = sorted(path.rglob("*.parquet"))
        if not files:
            raise TicketFileError([TicketIssue(str(path), 0, "", "文件夹中没有工单(.parquet)文件",
                                               "the folder holds no ticket (.parquet) files")])
        return TicketSource(str(path), files=_checked(files), fingerprint=_files_fingerprint(files))
    if not path.exists():
        raise TicketFileError([TicketIssue(str(path), 0, "", "文件不存在", "no such file or folder")])
    if SUFFIXES.get(path.suffix.lower()) == "parquet":
        return TicketSource(str(path), files=_checked([path]), fingerprint=_files_fingerprint([path]))
    table = read_tickets(path)
    return TicketSource(str(path), table=table, fingerprint=_table_fingerprint(table))


def _checked(files: list[Path]) -> list[Path]:
    """Each Parquet file has every required column, with a type the engines read as the schema's."""
    issues: list[TicketIssue] = []
    for f in files:
        try:
            schema = pq.read_schema(f)
        except (OSError, pa.ArrowException) as exc:
            issues.append(TicketIssue(str(f), 0, "", f"无法读取 Parquet 文件: {exc}", f"cannot read the Parquet file: {exc}"))
            continue
        for fld in FIELDS:
            if fld.name not in schema.names:
                if fld.required:
                    issues.append(TicketIssue(str(f), 0, fld.name, "缺少必填列", "missing required column"))
                continue
            t = schema.field(fld.name).type
            if pa.types.is_dictionary(t):
                t = t.value_type
            if not _compatible(t, fld.arrow_type):
                issues.append(TicketIssue(str(f), 0, fld.name, f"列类型为 {t},应为 {fld.arrow_type}",
                                          f"column type is {t}, should be {fld.arrow_type}"))
    if issues:
        raise TicketFileError(issues)
    return files


def _compatible(actual: pa.DataType, wanted: pa.DataType) -> bool:
    if pa.types.is_timestamp(wanted):
        return pa.types.is_timestamp(actual) and actual.tz is None
    if pa.types.is_string(wanted):
        return pa.types.is_string(actual) or pa.types.is_large_string(actual)
    return bool(actual == wanted)


def _files_fingerprint(files: list[Path]) -> str:
    digest = hashlib.sha256()
    for f in files:
        meta = pq.ParquetFile(f).metadata
        digest.update(f"{f.name}:{meta.num_rows}:{f.stat().st_size}".encode())
    return digest.hexdigest()[:16]


def _table_fingerprint(table: pa.Table) -> str:
    import io

    buf = io.BytesIO()
    pq.write_table(table, buf)
    return hashlib.sha256(buf.getvalue()).hexdigest()[:16]
