"""``planwatch hotline load|compute|rank|topics|overdue|generate``: the 12345 hotline (接诉即办) from tickets.

Exit status: 0 done; 1 nothing to show; 2 unreadable input or a usage error (the message names the file,
row and field). ``compute --format json`` prints ``{"rows": [{"unit", "name", "tickets", "share_pct",
"response_rate", "resolution_rate", "satisfaction_rate", "score", "rank"}, …]}`` (percent).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

HELP = "接诉即办: 从工单计算响应率、解决率、满意率、综合成绩与排名 / the 12345 hotline's rates, scores and rankings"
BY = ("district", "street", "community", "unit", "category1", "category2", "category3")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="hotline_command", metavar="ACTION")

    def common(p: argparse.ArgumentParser, tickets: bool = True) -> None:
        if tickets:
            p.add_argument("--tickets", required=True, metavar="PATH",
                           help="工单库文件夹、Parquet 文件夹或 CSV/Excel/Parquet 文件 / a ticket store, Parquet folder or file")
            p.add_argument("--engine", choices=("duckdb", "spark"), help="计算引擎 / engine (default duckdb; spark when "
                           "PLANWATCH_SPARK_MASTER is set)")
            p.add_argument("--spark-master", metavar="URL", help="Spark master (default local[2])")
            p.add_argument("--district", metavar="CODE", help="只算一个区 / one district only (e.g. chaoyang)")
            p.add_argument("--unit-kind", choices=("street", "department", "enterprise"),
                           help="只算一类承办单位 / one kind of handling unit")
        p.add_argument("--rules", metavar="FILE", help="考评规则 YAML / rule sets (default: the bundled ones)")
        p.add_argument("--format", choices=("text", "json"), default="text", help="输出格式 / output format")
        p.add_argument("--lang", choices=("zh", "en"), default="zh", help="错误消息语言 / language of error messages")

    p = sub.add_parser("load", help="检查并导入工单 / check and load ticket files into a store")
    p.add_argument("files", nargs="+", metavar="FILE", help=".csv, .xlsx or .parquet")
    p.add_argument("--store", required=True, metavar="DIR", help="工单库文件夹 / the ticket store folder")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="错误消息语言 / language of error messages")

    p = sub.add_parser("compute", help="按区、街乡、单位或分类计算 / volumes, shares, rates, score and rank")
    common(p)
    p.add_argument("--period", required=True, help="2021, 2021H1, 2021Q2, 2021-06, 2021-06-15, 2021-06YTD")
    p.add_argument("--by", choices=BY, default="district", help="分组 / grouping (default district)")
    p.add_argument("--every", choices=("day", "week", "month", "quarter", "half", "year"),
                   help="按时间拆分 / split the period")
    p.add_argument("--detail", action="store_true", help="附计数与规则集 / add the counts and rule sets")
    p.add_argument("--into", metavar="PACKAGE", help="写入计划数据包的观测值 / write the district's figures into "
                   "a plan package folder as observations (needs --district or the package's region)")

    p = sub.add_parser("rank", help="月度排名与先进/进步/整改/治理 / the monthly ranking with classes")
    common(p)
    p.add_argument("--month", required=True, help="2021-06")
    p.add_argument("--by", choices=("street", "unit", "district"), default="street")
    p.add_argument("--xlsx", metavar="FILE", help="另存为 Excel / also write the ranking as .xlsx")

    p = sub.add_parser("topics", help="高频问题(每月一题候选)与激增 / high-frequency topics and surges")
    common(p)
    p.add_argument("--month", required=True, help="2021-06")
    p.add_argument("--week", metavar="DAY", help="激增的周(任一天) / the week for surges (default: the month's last full week)")
    p.add_argument("--by", choices=("street", "district", "city"), default="street")

    p = sub.add_parser("overdue", help="超期工单与重复投诉 / overdue tickets and repeat complaints")
    common(p)
    p.add_argument("--period", required=True)
    p.add_argument("--by", choices=("street", "unit", "district"), default="street")
    p.add_argument("--limit", type=int, default=50, help="列出的超期工单数 / overdue tickets listed")

    p = sub.add_parser("generate", help="生成模拟工单 / write a synthetic city's tickets as Parquet")
    p.add_argument("--out", required=True, metavar="DIR")
    p.add_argument("--period", required=True, help="whole months: 2021, 2021H1, 2021Q2, 2021-06")
    p.add_argument("--district", metavar="CODE", help="一个区 / one district (default: all 16)")
    p.add_argument("--scale", type=float, default=1.0, help="相对 2021 年实际规模 / volume against the calibrated city")
    p.add_argument("--seed", type=int, default=2021)
    p.add_argument("--format", choices=("text", "json"), default="text")


def run(args: argparse.Namespace) -> int:
    from planwatch.core.errors import PlanwatchError
    from planwatch.hotline.errors import TicketFileError

    action = getattr(args, "hotline_command", None)
    if not action:
        print("planwatch hotline: 请给出操作 / give an action: load, compute, rank, topics, overdue, generate",
              file=sys.stderr)
        return 2
    try:
        return int(_ACTIONS[action](args))
    except TicketFileError as exc:
        print(exc.format(getattr(args, "lang", "zh"), limit=50), file=sys.stderr)
        return 2
    except PlanwatchError as exc:
        print(f"planwatch hotline {action}: {exc}", file=sys.stderr)
        return 2


def _filters(args: argparse.Namespace) -> dict[str, str]:
    out = {}
    if getattr(args, "district", None):
        out["district_code"] = args.district
    if getattr(args, "unit_kind", None):
        out["unit_kind"] = args.unit_kind
    return out


def _analysis(args: argparse.Namespace) -> Any:
    from planwatch.hotline.analysis import Analysis
    from planwatch.hotline.rules import load_rules

    return Analysis(args.tickets, load_rules(args.rules), engine=args.engine, master=args.spark_master)


def _print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=1, default=str))


def _month(text: str) -> tuple[int, int]:
    from planwatch.hotline.errors import HotlineError

    try:
        year, month = (int(x) for x in text.split("-"))
        if not 1 <= month <= 12:
            raise ValueError
    except ValueError as exc:
        raise HotlineError(f"月份应写成 2021-06 / write the month as 2021-06 (got {text!r})") from exc
    return year, month


def _load(args: argparse.Namespace) -> int:
    import pyarrow as pa

    from planwatch.hotline.errors import TicketFileError
    from planwatch.hotline.progress import Progress
    from planwatch.hotline.read import read_tickets
    from planwatch.hotline.store import TicketStore

    tables, problems, total = [], [], 0
    bar = Progress(len(args.files), "检查 / checking")
    for f in args.files:
        try:
            tables.append(read_tickets(f))
        except TicketFileError as exc:
            problems += exc.issues
            total += exc.total
        bar.advance(1)
    bar.close()
    if problems:
        raise TicketFileError(problems, total)
    result = TicketStore(args.store).load(pa.concat_tables(tables), ", ".join(args.files))
    if args.format == "json":
        _print_json({"added": result.added, "already_stored": result.already_stored,
                     "changed_ignored": result.changed_ignored, "part": result.part})
    else:
        print(f"导入 {result.added} 条, 已有 {result.already_stored} 条未重复导入"
              + (f", {result.changed_ignored} 条与已存内容不同(保留原内容)" if result.changed_ignored else "")
              + f" / added {result.added}, {result.already_stored} already stored")
    return 0


def _compute(args: argparse.Namespace) -> int:
    with _analysis(args) as a:
        rows = a.units(args.period, args.by, args.every, _filters(args))
        if args.into:
            from planwatch.hotline.plan import write_observations

            written = write_observations(a, args.into, args.period, args.district)
            print(f"写入 {written} 条观测值 / wrote {written} observations into {args.into}", file=sys.stderr)
    if args.format == "json":
        _print_json({"rows": [(r.as_detail() if args.detail else
                               ({**r.as_contract(), "period": r.bucket} if args.every else r.as_contract()))
                              for r in rows]})
        return 0
    if not rows:
        print("没有工单 / no tickets in the period", file=sys.stderr)
        return 1
    _table([r.as_contract() | ({"period": r.bucket} if args.every else {}) for r in rows],
           (["period"] if args.every else []) + ["rank", "unit", "name", "tickets", "share_pct", "response_rate",
                                                 "resolution_rate", "satisfaction_rate", "score"])
    return 0


def _table(rows: list[dict[str, Any]], columns: list[str]) -> None:
    def cell(v: Any) -> str:
        return "" if v is None else (f"{v:.2f}" if isinstance(v, float) else str(v))

    cells = [[cell(r.get(c)) for c in columns] for r in rows]
    widths = [max([len(c)] + [_width(x[i]) for x in cells]) for i, c in enumerate(columns)]
    print("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)))
    for x in cells:
        print("  ".join(v + " " * (w - _width(v)) for v, w in zip(x, widths, strict=True)))


def _width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _rank(args: argparse.Namespace) -> int:
    from planwatch.hotline.ranking import monthly_ranking

    year, month = _month(args.month)
    with _analysis(args) as a:
        rows = monthly_ranking(a, year, month, args.by, _filters(args))
    if args.xlsx:
        from planwatch.hotline.excel import ranking_workbook

        with open(args.xlsx, "wb") as fh:
            fh.write(ranking_workbook(rows, f"{year}-{month:02d}"))
    data = [r.as_dict() for r in rows]
    if args.format == "json":
        _print_json({"month": f"{year}-{month:02d}", "rows": data})
        return 0
    if not rows:
        print("没有工单 / no tickets in the month", file=sys.stderr)
        return 1
    for d in data:
        d["classes"] = "、".join(d["classes_zh"])  # type: ignore[arg-type]
    _table(data, ["rank", "previous_rank", "unit", "name", "tickets", "response_rate", "resolution_rate",
                  "satisfaction_rate", "score", "classes"])
    return 0


def _topics(args: argparse.Namespace) -> int:
    import datetime as dt

    from planwatch.hotline.errors import HotlineError
    from planwatch.hotline.topics import surges, topics

    year, month = _month(args.month)
    if args.week:
        try:
            week = dt.date.fromisoformat(args.week)
        except ValueError as exc:
            raise HotlineError(f"--week 应为日期 / --week must be a day like 2021-06-21 (got {args.week!r})") from exc
    else:  # the last Monday whose week ends inside the month
        last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1))
        week = last - dt.timedelta(days=(last.weekday() + 1) % 7 + 6)
    with _analysis(args) as a:
        found = topics(a, year, month, args.by, _filters(args))
        spikes = surges(a, week, args.by, _filters(args))
    if args.format == "json":
        _print_json({"month": f"{year}-{month:02d}", "topics": [t.as_dict() for t in found],
                     "week": (week - dt.timedelta(days=week.weekday())).isoformat(),
                     "surges": [s.as_dict() for s in spikes]})
        return 0
    print(f"高频问题 / high-frequency topics, {year}-{month:02d}")
    _table([t.as_dict() for t in found], ["group_name", "category_name", "tickets", "previous", "share_pct",
                                         "previous_share_pct"])
    print(f"\n激增 / surges, week of {week - dt.timedelta(days=week.weekday())}")
    _table([s.as_dict() for s in spikes], ["group_name", "category_name", "tickets", "baseline_mean"])
    return 0


def _overdue(args: argparse.Namespace) -> int:
    from planwatch.hotline.complaints import overdue_by, overdue_list, repeats_by
    from planwatch.hotline.span import parse_span

    span = parse_span(args.period)
    with _analysis(args) as a:
        listed = overdue_list(a, span, _filters(args), limit=args.limit)
        by = overdue_by(a, span, args.by, _filters(args))
        repeats = repeats_by(a, span, args.by, _filters(args))
    if args.format == "json":
        _print_json({"period": span.label, "overdue": listed, "overdue_by": [u.as_dict() for u in by],
                     "repeats_by": [u.as_dict() for u in repeats]})
        return 0
    print(f"超期 / overdue, {span.label}")
    _table([u.as_dict() for u in by], ["unit", "name", "total", "count", "share_pct"])
    print("\n重复投诉(30日内同一来电人同一地址)/ repeat complaints")
    _table([u.as_dict() for u in repeats], ["unit", "name", "total", "count", "share_pct"])
    return 0


def _generate(args: argparse.Namespace) -> int:
    import time

    from planwatch.hotline.generate import generate, plan
    from planwatch.hotline.progress import Progress

    p = plan(args.period, args.district, args.scale)
    bar = Progress(p.rows(), "生成 / generating")
    started = time.monotonic()
    store = generate(args.out, args.period, args.district, args.scale, args.seed, progress=bar.advance)
    bar.close()
    result = {"out": args.out, "tickets": p.rows(), "rows": store.rows(), "files": len(store.files()),
              "seconds": round(time.monotonic() - started, 1)}
    if args.format == "json":
        _print_json(result)
    else:
        print(f"写入 {result['tickets']:,} 件工单({result['rows']:,} 行, {result['files']} 个 Parquet 文件)到 {args.out}"
              f" / wrote {result['tickets']:,} tickets in {result['seconds']} s")
    return 0


_ACTIONS = {"load": _load, "compute": _compute, "rank": _rank, "topics": _topics, "overdue": _overdue,
            "generate": _generate}
