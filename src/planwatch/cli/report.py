"""``planwatch report``: write the execution report of any plan data package."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

HELP = "写出计划执行情况报告 / write the execution report of a plan data package (md, html, docx, pdf)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", required=True, help="plan data package: a folder or an .xlsx workbook")
    parser.add_argument("--period", default="", help="2021H1 (half-year report) or 2021 (annual); default: first half of the plan year")
    parser.add_argument("--out", default="report", help="output folder (default ./report)")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh", help="report language (default zh)")
    parser.add_argument("--formats", default="md,html,docx,pdf", help="comma-separated: md,html,docx,pdf")
    parser.add_argument("--as-of", default="", help="date of time progress, YYYY-MM-DD (default: end of period)")
    parser.add_argument("--edition", choices=("working", "official"), default="working",
                        help="working (charts, tables, annexes, provenance; default) or official (the text "
                             "for the standing committee; refused while typed figures differ from the data)")
    parser.add_argument("--next", default="", help="next year's plan data package (annual report: section 三)")


def run(args: argparse.Namespace) -> int:
    from planwatch.report import runner as reportrun

    try:
        on = dt.date.fromisoformat(args.as_of) if args.as_of else None
    except ValueError:
        print(f"--as-of {args.as_of!r}: 日期格式应为 YYYY-MM-DD / use YYYY-MM-DD", file=sys.stderr)
        return 2
    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    return reportrun.run_report(Path(args.data), args.period, Path(args.out), args.lang, formats, on,
                                summary=True, edition=args.edition,
                                next_data=Path(args.next) if args.next else None)
