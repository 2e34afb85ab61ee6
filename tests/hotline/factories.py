"""Small hand-made ticket sets for the hotline tests."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from planwatch.hotline.schema import ARROW_SCHEMA, COLUMNS

_ids = itertools.count(1)


def ticket(**overrides: Any) -> dict[str, Any]:
    """One main-unit ticket in 朝阳区 双井街道 with a valid, contacted, solved, satisfied return visit."""
    row: dict[str, Any] = {
        "ticket_id": f"T{next(_ids):07d}", "accepted_at": dt.datetime(2021, 1, 10, 9, 30), "channel": "phone",
        "appeal_type": "complaint", "category1_code": "01", "category1": "城乡建设", "category2_code": "0101",
        "category2": "物业管理", "category3_code": "010101", "category3": "物业服务",
        "district_code": "chaoyang", "district": "朝阳区", "street_code": "shuangjing", "street": "双井街道",
        "community_code": "sj01", "community": "九龙社区", "unit_code": "shuangjing", "unit": "双井街道",
        "unit_kind": "street", "unit_role": "main", "dispatched_at": None, "signed_at": None,
        "first_contact_at": None, "due_at": None, "closed_at": None, "assessed": True, "unreasonable": False,
        "appeal_approved": False, "visit_valid": True, "contacted": True, "solved": True,
        "satisfaction": "satisfied", "caller_id": None, "address": None, "tags": None,
    }
    for key, value in overrides.items():
        assert key in row, key
        row[key] = value
    return row


def table(rows: list[dict[str, Any]]) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=ARROW_SCHEMA)


def write_parquet(rows: list[dict[str, Any]], path: Path) -> Path:
    pq.write_table(table(rows), path)
    return path


def write_csv(rows: list[dict[str, Any]], path: Path) -> Path:
    import csv

    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(COLUMNS)
        for r in rows:
            w.writerow(["" if r[c] is None else (str(r[c]).lower() if isinstance(r[c], bool) else str(r[c]))
                        for c in COLUMNS])
    return path
