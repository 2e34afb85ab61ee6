"""planwatch check: read a report and check the arithmetic of its figures."""

from __future__ import annotations

import argparse
import sys

HELP = "核验报告中的数据关系 / check the figures of a report (.txt .docx .html .pdf)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="report file (.txt UTF-8/GB18030, .docx, .html, .pdf)")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh", help="message language")
    parser.add_argument("-v", "--verbose", action="store_true", help="also list consistent relations")


def run(args: argparse.Namespace) -> int:
    from planwatch.checker import check_report
    from planwatch.checker.output import as_json, as_text
    from planwatch.checker.reader import ReadError, read_document

    try:
        text = read_document(args.file)
    except ReadError as exc:
        print(f"planwatch check: {exc}", file=sys.stderr)
        return 2
    result = check_report(text)
    facts, checks = result.facts, result.checks
    if args.format == "json":
        print(as_json(facts, checks, result.warnings, result.document))
    else:
        print(as_text(args.file, facts, checks, args.lang, args.verbose, result.warnings, result.document))
    return 1 if any(c.status == "inconsistent" for c in checks) else 0
