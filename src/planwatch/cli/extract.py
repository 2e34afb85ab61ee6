"""planwatch extract: read a report into a draft plan package for a person to review before import."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from planwatch.checker.extract import Draft

HELP = "从报告起草计划数据包 / draft next year's plan package from a report (indicators, targets, tasks)"

_SHEETS = {"indicators": ("指标", "indicator"), "observations": ("数据", "observation"), "targets": ("目标", "target"),
           "tasks": ("任务", "task"), "notes": ("说明", "note")}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="report file (.txt UTF-8/GB18030, .docx, .html, .pdf)")
    parser.add_argument("--out", help="folder to write the draft package into (planwatch validate checks it)")
    parser.add_argument("--review", action="store_true",
                        help="list the rows to look at first: conflicts, then the least sure / 列出需优先核对的行")
    parser.add_argument("--catalogue", help="an indicator catalogue of your own (YAML) added to the shipped one")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh")


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from planwatch.catalogue import CatalogueError, load
    from planwatch.checker.extract import draft
    from planwatch.checker.reader import ReadError, read_document
    from planwatch.package import write_folder

    if not args.out and not args.review:
        print("planwatch extract: give --out DIR (write the draft) or --review (list what to check), or both",
              file=sys.stderr)
        return 2
    try:
        catalogue = load(args.catalogue)
        text = read_document(args.file)
    except (ReadError, CatalogueError) as exc:
        print(f"planwatch extract: {exc}", file=sys.stderr)
        return 2
    d = draft(text, Path(args.file).name, catalogue)
    plan = d.plan
    en = args.lang == "en"
    if args.out:
        out = write_folder(plan, args.out)
        doubtful = len(d.to_review())
        if en:
            print(f"{out}: {plan.year} draft: {len(plan.indicators)} indicators, {len(plan.observations)} observations, "
                  f"{len(plan.targets)} targets, {len(plan.tasks)} tasks; {doubtful} rows to check (review.csv)")
        else:
            print(f"{out}：{plan.year}年计划草稿：指标 {len(plan.indicators)} 个，数据 {len(plan.observations)} 条，"
                  f"目标 {len(plan.targets)} 条，任务 {len(plan.tasks)} 项；待核对 {doubtful} 行（见 review.csv），请核对后导入")
    if args.review:
        _print_review(d, Path(args.file).name, en)
    return 0


def _print_review(d: Draft, name: str, en: bool) -> None:
    rows = d.to_review()
    if not rows:
        print(f"{name}: nothing to check first" if en else f"{name}：没有需要优先核对的行")
        return
    for r in rows:
        sheet = _SHEETS.get(r.sheet, (r.sheet, r.sheet))[1 if en else 0]
        flag = ("CONFLICT " if en else "【不一致】") if r.conflict else ""
        reasons = ("; " if en else "；").join(x.text("en" if en else "zh") for x in r.reasons)
        named = f"（{r.name}）" if r.name and not en else (f" ({r.name})" if r.name else "")
        print(f"{name}:{r.line}: {flag}{sheet} {r.key}{named} [{r.confidence:.2f}] {reasons}")
        print(f"    {r.source}")
