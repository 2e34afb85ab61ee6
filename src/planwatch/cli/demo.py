"""``planwatch demo``: the bundled example, computed and written as a report in every format."""

from __future__ import annotations

import argparse
from pathlib import Path

HELP = "演示：用内置示例（朝阳区2021年上半年）计算并写出报告 / run the bundled example and write its report"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", default="demo-report", help="output folder (default ./demo-report)")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh", help="report language (default zh)")
    parser.add_argument("--example", default="chaoyang-2021", help="bundled example name")
    parser.add_argument("--period", default="", help="period (default: first half of the example's year)")
    parser.add_argument("--formats", default="md,html,docx,pdf", help="comma-separated: md,html,docx,pdf")
    parser.add_argument("--edition", choices=("working", "official"), default="working",
                        help="working (default) or official")


def run(args: argparse.Namespace) -> int:
    from planwatch.package import example_path
    from planwatch.report import runner as reportrun

    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    return reportrun.run_report(example_path(args.example), args.period, Path(args.out), args.lang, formats, None,
                                summary=True, edition=args.edition)
