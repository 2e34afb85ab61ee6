"""``planwatch init DIR --example chaoyang-2021 [--xlsx]``: write a bundled example package for editing."""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

HELP = "写出示例数据包以便编辑 / write an example plan data package to edit"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dir", metavar="DIR",
                        help="目标文件夹 / folder to write (with --xlsx: the folder for the workbook, or the .xlsx path)")
    parser.add_argument("--example", default="chaoyang-2021", help="示例名称 / example name (default: chaoyang-2021)")
    parser.add_argument("--xlsx", action="store_true", help="写成一个 .xlsx 工作簿 / write one .xlsx workbook instead of CSV files")
    parser.add_argument("--force", action="store_true", help="目标文件夹非空时仍然写入 / write into a non-empty folder")


def run(args: argparse.Namespace) -> int:
    from planwatch.package import example_path, list_examples, load, write_xlsx

    try:
        source = example_path(args.example)
    except KeyError:
        print(f"没有名为 {args.example} 的示例;可用: {', '.join(list_examples())} / no such example", file=sys.stderr)
        return 2
    target = Path(args.dir)
    if args.xlsx and target.suffix.lower() == ".xlsx":  # a workbook path rather than a folder
        if target.exists() and not args.force:
            print(f"{target} 已存在;如要覆盖请加 --force / exists: add --force to overwrite it", file=sys.stderr)
            return 1
        print(f"已写出 {write_xlsx(load(source), target)} / written")
        return 0
    if target.exists() and not target.is_dir():
        print(f"{target} 不是文件夹 / is not a folder", file=sys.stderr)
        return 2
    if target.is_dir() and any(target.iterdir()) and not args.force:
        print(f"{target} 不是空文件夹;如要覆盖请加 --force / is not empty: add --force to write into it", file=sys.stderr)
        return 1
    target.mkdir(parents=True, exist_ok=True)
    if args.xlsx:
        out = write_xlsx(load(source), target / f"{args.example}.xlsx")
        print(f"已写出 {out} / written")
        return 0
    for f in sorted(source.iterdir()):
        if f.is_file():
            shutil.copy2(f, target / f.name)
        elif f.is_dir() and not f.name.startswith((".", "__")):
            shutil.copytree(f, target / f.name, dirs_exist_ok=True)
    print(f"已写出示例数据包 {args.example} 到 {target} / example written; check it with: planwatch validate {target}")
    return 0
