"""``planwatch validate PATH [--lang zh|en] [--format text|json]``: check a plan data package.

Prints one ``file:row:column: message`` line per problem. Exit status: 0 clean (warnings allowed),
1 with errors, 2 when PATH cannot be read as a package at all.
"""

from __future__ import annotations

import argparse
import json
import sys

HELP = "检查数据包 / check a plan data package (folder or .xlsx)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar="PATH", help="数据包文件夹或 .xlsx 文件 / package folder or .xlsx workbook")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh", help="消息语言 / message language (default zh)")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="输出格式 / output format")


def run(args: argparse.Namespace) -> int:
    from planwatch.package import Unreadable, validate

    try:
        issues = validate(args.path)
    except Unreadable as exc:
        print(str(exc), file=sys.stderr)
        return 2
    errors = [i for i in issues if i.is_error]
    if args.format == "json":
        print(json.dumps({"path": str(args.path), "ok": not errors, "issues": [i.as_dict() for i in issues]},
                         ensure_ascii=False, indent=2))
    else:
        for issue in issues:
            print(issue.format(args.lang))
        if args.lang == "en":
            summary = f"{len(errors)} error(s), {len(issues) - len(errors)} warning(s)" if issues else "the package is valid"
        else:
            summary = f"{len(errors)} 个错误, {len(issues) - len(errors)} 个警告" if issues else "数据包检查通过"
        print(summary, file=sys.stderr if errors else sys.stdout)
    return 1 if errors else 0
