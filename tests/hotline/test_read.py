"""Reading CSV, Excel and Parquet tickets; bad rows name file, row, field and reason."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow as pa
import pytest

from planwatch.hotline.errors import TicketFileError
from planwatch.hotline.read import read_tickets
from planwatch.hotline.schema import ARROW_SCHEMA, COLUMNS, FIELDS

from .factories import ticket, write_csv, write_parquet


def rows3() -> list[dict]:
    return [ticket(), ticket(satisfaction="basic", closed_at=dt.datetime(2021, 1, 12, 8, 0)),
            ticket(visit_valid=False, contacted=None, solved=None, satisfaction=None)]


def test_the_three_formats_read_the_same(tmp_path: Path) -> None:
    from openpyxl import Workbook

    rows = rows3()
    csv_t = read_tickets(write_csv(rows, tmp_path / "t.csv"))
    pq_t = read_tickets(write_parquet(rows, tmp_path / "t.parquet"))
    wb = Workbook()
    ws = wb.active
    ws.append([f.label_zh for f in FIELDS])  # Chinese headers, as the hotline system exports them
    for r in rows:
        ws.append([{"satisfied": "满意", "basic": "基本满意"}.get(r[c], r[c]) if c == "satisfaction" else
                   ("是" if r[c] is True else "否" if r[c] is False else r[c]) for c in COLUMNS])
    wb.save(tmp_path / "t.xlsx")
    xlsx_t = read_tickets(tmp_path / "t.xlsx")
    assert csv_t.schema == ARROW_SCHEMA
    assert csv_t.to_pylist() == pq_t.to_pylist() == xlsx_t.to_pylist()
    assert csv_t.column("satisfaction").to_pylist() == ["satisfied", "basic", None]


def test_bad_rows_name_file_row_field_and_reason(tmp_path: Path) -> None:
    rows = [*rows3(), ticket(appeal_type="吐槽"), ticket(accepted_at="2021-13-40 25:00"),
            ticket(contacted=None), ticket(district_code="")]
    rows.append(dict(rows[0]))  # the same ticket again
    path = write_csv(rows, tmp_path / "bad.csv")
    with pytest.raises(TicketFileError) as caught:
        read_tickets(path)
    found = {(i.row, i.field) for i in caught.value.issues}
    # header = row 1, so the fourth ticket is on row 5
    assert found == {(5, "appeal_type"), (6, "accepted_at"), (7, "contacted"), (8, "district_code"), (9, "ticket_id")}
    text = caught.value.format("en")
    assert "bad.csv:5:appeal_type: not an allowed value" in text and "'吐槽'" in text
    assert "bad.csv:6:accepted_at: not a time" in text
    assert "bad.csv:7:contacted: a ticket with a valid return visit needs contacted" in text
    assert "bad.csv:9:ticket_id: duplicate ticket" in text
    assert "bad.csv:5:appeal_type: 不是可用的值" in caught.value.format("zh")


def test_missing_columns_and_unreadable_files(tmp_path: Path) -> None:
    path = tmp_path / "short.csv"
    path.write_text("ticket_id,accepted_at\nT1,2021-01-01 08:00:00\n", encoding="utf-8")
    with pytest.raises(TicketFileError) as caught:
        read_tickets(path)
    assert any(i.row == 0 and i.field == "channel" for i in caught.value.issues)
    junk = tmp_path / "junk.parquet"
    junk.write_bytes(b"not parquet")
    with pytest.raises(TicketFileError, match=r"junk\.parquet:0"):
        read_tickets(junk)
    with pytest.raises(TicketFileError, match=r"unsupported|不支持"):
        read_tickets(tmp_path / "x.txt")


def test_csv_with_bom_and_typed_parquet(tmp_path: Path) -> None:
    path = write_csv(rows3(), tmp_path / "bom.csv")
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert read_tickets(path).num_rows == 3
    wrong = pa.table({c: pa.array(["x"]) for c in COLUMNS})
    import pyarrow.parquet as pq

    pq.write_table(wrong, tmp_path / "wrong.parquet")
    with pytest.raises(TicketFileError) as caught:
        read_tickets(tmp_path / "wrong.parquet")
    # Parquet rows count from 1 (no header row)
    assert {(i.row, i.field) for i in caught.value.issues} >= {(1, "accepted_at"), (1, "channel"), (1, "assessed")}
