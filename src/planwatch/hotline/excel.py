"""The monthly ranking as an Excel workbook (the page's download and ``rank --xlsx``)."""

from __future__ import annotations

import io
from collections.abc import Sequence

from .ranking import CLASS_ZH, RankRow

HEADERS = (("排名", "Rank"), ("上月排名", "Last month"), ("单位编码", "Code"), ("单位", "Unit"),
           ("受理量(件)", "Tickets"), ("占比(%)", "Share (%)"), ("响应率(%)", "Response (%)"),
           ("解决率(%)", "Resolution (%)"), ("满意率(%)", "Satisfaction (%)"), ("综合成绩", "Score"),
           ("类别", "Classes"))


def _safe(text: object) -> object:
    """The cell's value as given; text is made harmless after the row is appended (``_neutralise``)."""
    return text


def _neutralise(ws: object) -> None:
    """Every text cell as text, never a formula: Excel's quote prefix where it looks like one (the one rule of
    every workbook planwatch writes, ``package.formulas``); numbers are left alone."""
    from planwatch.package.formulas import xlsx_text

    for row in ws.iter_rows():  # type: ignore[attr-defined]
        for cell in row:
            if isinstance(cell.value, str):
                xlsx_text(cell, cell.value)


def ranking_workbook(rows: Sequence[RankRow], month: str, title: str = "", lang: str = "zh") -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = month
    ws.append([_safe(title or (f"{month} 接诉即办综合成绩排名" if lang == "zh" else f"Hotline ranking, {month}"))])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([h[0] if lang == "zh" else h[1] for h in HEADERS])
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for r in rows:
        d = r.row.as_contract()
        classes = "、".join(CLASS_ZH[c] for c in r.classes) if lang == "zh" else ", ".join(r.classes)
        ws.append([d["rank"], r.previous_rank, _safe(d["unit"]), _safe(d["name"]), d["tickets"], d["share_pct"],
                   d["response_rate"], d["resolution_rate"], d["satisfaction_rate"], d["score"], classes])
    for col, width in zip("ABCDEFGHIJK", (6, 8, 14, 22, 10, 9, 10, 10, 10, 10, 14), strict=True):
        ws.column_dimensions[col].width = width
    for row in ws.iter_rows(min_row=3, min_col=6, max_col=10):
        for cell in row:
            cell.number_format = "0.00"
    ws.freeze_panes = "A3"
    _neutralise(ws)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
