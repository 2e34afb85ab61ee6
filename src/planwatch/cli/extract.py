"""planwatch extract: read a report into a draft plan package for a person to review before import."""

from __future__ import annotations

import argparse
import sys

HELP = "从报告抽取计划数据包草稿 / draft a plan package from a report (targets → tasks, headline → observations)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="report file (.txt UTF-8/GB18030, .docx, .html, .pdf)")
    parser.add_argument("--out", required=True, help="folder to write the draft package into")


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from planwatch.checker.extract import draft_plan
    from planwatch.checker.reader import ReadError, read_document
    from planwatch.package import write_folder

    try:
        text = read_document(args.file)
    except ReadError as exc:
        print(f"planwatch extract: {exc}", file=sys.stderr)
        return 2
    plan = draft_plan(text, Path(args.file).name)
    out = write_folder(plan, args.out)
    print(
        f"{out}: 指标 {len(plan.indicators)} 个，观测 {len(plan.observations)} 条，目标 {len(plan.targets)} 条，"
        f"任务 {len(plan.tasks)} 项（草稿，请核对后导入 / draft: review before import）"
    )
    return 0
