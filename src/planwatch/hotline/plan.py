"""The hotline figures as observations of a plan data package (``planwatch hotline compute --into``).

For the plan's district (``plan.yaml`` region code, or ``--district``) and a period it writes:

| indicator | periods | value |
|---|---|---|
| hotline_requests | the period | tickets in 万件, one decimal (36.4) |
| hotline_requests_city_share | the period | percent of the ticket set's tickets, one decimal (17.4) |
| hotline_rank | each month | rank among the ticket set's districts |
| hotline_response_rate, hotline_resolution_rate, hotline_satisfaction_rate | the period and each month | percent, two decimals |
| hotline_score | the period and each month | 综合成绩, two decimals |

Share and rank need the other districts' tickets: with one district's tickets only they are not written.
Indicators the package lacks are added to ``indicators.csv`` (after its last row). An observation of the
same indicator and period is replaced; every written row names its provenance in ``source``: the ticket
set's fingerprint, its ticket count and the rule sets. Rows computed from generated tickets are marked
``illustrative``. If the package does not validate afterwards, both files are put back as they were.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import yaml

from .analysis import Analysis
from .errors import HotlineError
from .figures import UnitRow, rounded
from .span import parse_span
from .store import TicketStore

# code, name, name_en, unit, kind, aggregation, higher_is_better
INDICATORS = (
    ("hotline_requests", "受理市民热线诉求", "Citizen hotline requests received", "万件", "level", "cumulative", "false"),
    ("hotline_requests_city_share", "市民热线诉求占全市比重", "Share of Beijing's hotline requests", "%", "rate", "point",
     "false"),
    ("hotline_rank", "“接诉即办”综合考核全市排名", "Rank among Beijing districts in the hotline assessment (1 = best)",
     "名", "rank", "point", "false"),
    ("hotline_response_rate", "市民热线诉求响应率", "Hotline response rate", "%", "rate", "point", "true"),
    ("hotline_resolution_rate", "市民热线诉求解决率", "Hotline resolution rate", "%", "rate", "point", "true"),
    ("hotline_satisfaction_rate", "市民热线诉求满意率", "Hotline satisfaction rate", "%", "rate", "point", "true"),
    ("hotline_score", "“接诉即办”综合考评成绩", "Hotline assessment score", "分", "index", "point", "true"),
)
RATES = (("hotline_response_rate", "response_rate"), ("hotline_resolution_rate", "resolution_rate"),
         ("hotline_satisfaction_rate", "satisfaction_rate"), ("hotline_score", "score"))


def _read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    text = path.read_text(encoding="utf-8-sig")
    reader = csv.DictReader(io.StringIO(text))
    return list(reader.fieldnames or []), list(reader)


def _csv_text(header: list[str], rows: list[dict[str, str]]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=header, lineterminator="\n", extrasaction="ignore")
    w.writeheader()
    w.writerows(rows)
    return "\ufeff" + buf.getvalue()


def observations(analysis: Analysis, period: str, district: str) -> list[dict[str, str]]:
    """The observation rows for ``district`` over ``period``."""
    span = parse_span(period)
    whole = {r.code: r for r in analysis.units(span, "district")}
    if district not in whole:
        raise HotlineError(f"工单中没有 {district} 区的工单 / no tickets of district {district!r} in {period}")
    several = len(whole) > 1
    monthly = [r for r in analysis.units(span, "district", "month") if r.code == district] if span.months() else []
    ranks = {r.bucket: r.rank for r in analysis.units(span, "district", "month") if r.code == district} if several else {}
    source = _provenance(analysis, whole[district])
    illustrative = "true" if _synthetic(analysis) else ""

    def row(code: str, per: str, value: Decimal | int | None, unit: str) -> dict[str, str] | None:
        if value is None:
            return None
        return {"indicator": code, "period": per, "value": str(value), "unit": unit, "illustrative": illustrative,
                "source": source}

    me = whole[district]
    out = [row("hotline_requests", span.label, rounded(Decimal(me.counts.tickets) / 10000, 1), "万件")]
    if several:
        out.append(row("hotline_requests_city_share", span.label, rounded(me.share, 1), "%"))
        out += [row("hotline_rank", label, rank, "名") for label, rank in sorted(ranks.items())]
    for r in [me, *monthly] if len(monthly) != 1 else [me]:
        for code, attr in RATES:
            out.append(row(code, r.bucket, rounded(getattr(r.counts, attr)), "分" if attr == "score" else "%"))
    return [o for o in out if o]


def _provenance(analysis: Analysis, me: UnitRow) -> str:
    src = analysis.source
    return (f"planwatch hotline compute: 工单集 {src.fingerprint}({src.rows()} 行工单), "
            f"本区 {me.counts.tickets} 件, 考评规则 {'、'.join(me.counts.rule_sets)}({analysis.rules.origin})")


def _synthetic(analysis: Analysis) -> bool:
    root = Path(analysis.source.label)
    if root.is_dir() and TicketStore(root).exists():
        return any(p.get("source", "").startswith("planwatch hotline generate") for p in TicketStore(root).manifest()["parts"])
    return False


def write_observations(analysis: Analysis, package: str | Path, period: str, district: str | None = None) -> int:
    from planwatch.package import validate

    package = Path(package)
    ind_path, obs_path = package / "indicators.csv", package / "observations.csv"
    if not ind_path.is_file() or not obs_path.is_file():
        raise HotlineError(f"{package}: 不是计划数据包文件夹 / not a plan package folder (indicators.csv, observations.csv)")
    if district is None:
        try:
            plan = yaml.safe_load((package / "plan.yaml").read_text(encoding="utf-8"))
            district = str(plan["region"]["code"])
        except (OSError, KeyError, TypeError, yaml.YAMLError) as exc:
            raise HotlineError(f"{package}/plan.yaml: 读不到区编码, 请用 --district / no region code, give --district") from exc
    new = observations(analysis, period, district)
    before = {p: p.read_bytes() for p in (ind_path, obs_path)}
    ind_header, indicators = _read_csv(ind_path)
    known = {r["code"] for r in indicators}
    area = next((r.get("area", "") for r in indicators if r["code"].startswith("hotline_")), "")
    for code, name, name_en, unit, kind, aggregation, hib in INDICATORS:
        if code not in known:
            indicators.append({"code": code, "name": name, "name_en": name_en, "unit": unit, "kind": kind,
                               "aggregation": aggregation, "higher_is_better": hib, "comparable": "false",
                               "headline": "false", "area": area, "department": "hotline" if "hotline" in _departments(package) else "",
                               "illustrative": "true", "source": "planwatch hotline"})
    obs_header, rows = _read_csv(obs_path)
    replaced = {(o["indicator"], o["period"]) for o in new}
    rows = [r for r in rows if (r.get("indicator"), r.get("period")) not in replaced] + new
    ind_path.write_text(_csv_text(ind_header, indicators), encoding="utf-8")
    obs_path.write_text(_csv_text(obs_header, rows), encoding="utf-8")
    errors = [i for i in validate(package) if i.is_error]
    if errors:
        for p, data in before.items():
            p.write_bytes(data)
        raise HotlineError("写入后数据包校验失败, 已恢复 / the package did not validate, restored: "
                           + "; ".join(i.format("zh") for i in errors[:5]))
    return len(new)


def _departments(package: Path) -> set[str]:
    path = package / "departments.csv"
    return {r["code"] for r in _read_csv(path)[1]} if path.is_file() else set()
