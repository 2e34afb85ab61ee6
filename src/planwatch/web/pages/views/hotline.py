"""The hotline page (接诉即办): the district's or one 街乡's / department's month from the ticket store.

Tickets are not in the database: the page reads the hotline's Parquet ticket store (docs/hotline.md)
at ``PLANWATCH_HOTLINE_TICKETS``, by default ``<data dir>/hotline``, through ``planwatch.hotline.dashboard``.
Every member of the plan may see it; a 街乡 or department picks its own row of the ranking.
"""

from __future__ import annotations

import os
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.utils.translation import get_language

from planwatch.core.errors import PlanwatchError
from planwatch.package.formulas import safe_filename

from ..charts import bar_chart
from ..context import workspace

MONTH = re.compile(r"^(\d{4})-(\d{2})$")
CODE = re.compile(r"^[\w-]{1,60}$")


def ticket_store() -> Path:
    configured = os.environ.get("PLANWATCH_HOTLINE_TICKETS")
    if configured:
        return Path(configured)
    from planwatch.web.config import data_dir

    return data_dir() / "hotline"


def _district(ws: Any) -> str | None:
    """The tickets' code of the plan's district, None without tickets of it."""
    from planwatch.hotline.dashboard import resolve_district

    store = ticket_store()
    if not store.exists() or not any(store.iterdir()):
        return None
    return resolve_district(store, ws.plan.region.code, ws.plan.region.name)


def _question(request: HttpRequest, district: str) -> tuple[int, int, str, str | None] | None:
    from planwatch.hotline.dashboard import latest_month

    by = request.GET.get("by", "street")
    unit = request.GET.get("unit") or None
    if by not in ("street", "unit") or (unit and not CODE.match(unit)):
        raise Http404("no such view")
    m = MONTH.match(request.GET.get("month", ""))
    if m and 1 <= int(m.group(2)) <= 12:
        return int(m.group(1)), int(m.group(2)), by, unit
    latest = latest_month(ticket_store(), district)
    return (*latest, by, unit) if latest else None


def _pct(v: Decimal | None) -> str:
    from planwatch.hotline.figures import rounded

    r = rounded(v)
    return "—" if r is None else f"{r}"


@login_required
def index(request: HttpRequest) -> HttpResponse:
    from planwatch.hotline.dashboard import build

    ws = workspace(request)
    context: dict[str, Any] = {"ws": ws, "store": ticket_store(), "board": None, "error": ""}
    try:
        district = _district(ws)
        question = _question(request, district) if district else None
        if district and question:
            board = build(ticket_store(), district, *question)
            context.update(_view(board))
    except PlanwatchError as exc:
        context["error"] = str(exc)
    return render(request, "pages/hotline/index.html", context)


def _view(board: Any) -> dict[str, Any]:
    en = (get_language() or "").startswith("en")
    trend = [t for t in board.trend]
    months = [(f"{int(t.row.bucket[5:])}月" if not en else t.row.bucket[5:], t) for t in trend]
    chart = bar_chart([(label, None if t.row.counts.score is None else t.row.counts.score.quantize(Decimal("0.01")))
                       for label, t in months], unit="")
    last = trend[-1] if trend else None
    changes = []
    if last:
        for key in ("response_rate", "resolution_rate", "satisfaction_rate", "score"):
            pp, pct = last.vs_start[key]
            prev_pp, _ = last.vs_previous[key]
            changes.append({"key": key, "value": _pct(getattr(last.row.counts, key)), "pp": _pct(pp), "pct": _pct(pct),
                            "prev_pp": _pct(prev_pp)})
    return {"board": board, "chart": chart, "months": months, "changes": changes,
            "ranking": [r.as_dict() | {"row": r} for r in board.ranking],
            "month_label": f"{board.year}-{board.month:02d}", "pct": _pct}


@login_required
def ranking_xlsx(request: HttpRequest) -> HttpResponse:
    from planwatch.hotline.dashboard import build
    from planwatch.hotline.excel import ranking_workbook

    ws = workspace(request)
    district = _district(ws)
    question = _question(request, district) if district else None
    if not district or not question:
        raise Http404("no tickets")
    year, month, by, _unit = question
    try:
        board = build(ticket_store(), district, year, month, by, None)
    except PlanwatchError as exc:
        raise Http404(str(exc)) from exc
    lang = "en" if (get_language() or "").startswith("en") else "zh"
    data = ranking_workbook(board.ranking, f"{year}-{month:02d}", lang=lang)
    resp = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    name = safe_filename(f"hotline-{district}-{by}-{year}-{month:02d}")
    resp["Content-Disposition"] = content_disposition_header(True, f"{name}.xlsx")
    return resp
