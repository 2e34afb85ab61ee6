"""What ``planwatch demo`` and ``planwatch report`` do: load, compute, print a summary, write every format."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

from planwatch.core.periods import Period, PeriodError


def run_report(
    data: Path, period: str, out: Path, lang: str, formats: Sequence[str], on: dt.date | None, *, summary: bool,
    edition: str = "working", next_data: Path | None = None,
) -> int:
    """Exit status: 0 written; 1 the package or a template has errors (printed); 2 bad arguments."""
    from planwatch.core.assess import assess
    from planwatch.package import PackageError, Unreadable, load

    from . import FORMATS, write_report
    from .build import render_report
    from .context import gather
    from .summary import summary_lines

    bad = [f for f in formats if f not in FORMATS]
    if bad:
        print(f"未知格式 / unknown format: {', '.join(bad)} (md, html, docx, pdf)", file=sys.stderr)
        return 2
    try:
        plan = load(data)
    except PackageError as exc:
        print(exc.format(lang), file=sys.stderr)
        n = len(exc.errors)
        print(f"数据包有 {n} 处错误，未生成报告。" if lang == "zh" else f"{n} error(s) in the package; no report written.",
              file=sys.stderr)
        return 1
    except (Unreadable, FileNotFoundError, NotADirectoryError) as exc:
        print(f"{data}: {exc}", file=sys.stderr)
        return 1
    from .build import ReportPeriodError, check_period

    try:
        per = Period.parse(period) if period else Period.parse(f"{plan.year}H1")
        check_period(plan, per)
    except (PeriodError, ReportPeriodError) as exc:
        print(f"--period: {exc}", file=sys.stderr)
        return 2
    from planwatch.core.errors import PlanwatchError

    from .editions import require_final

    next_plan = None
    if next_data is not None:
        try:
            next_plan = load(next_data)
        except PackageError as exc:
            print(exc.format(lang), file=sys.stderr)
            return 1
    try:
        report_data = gather(assess(plan, per, on))  # computed once: the report and its summary read it
        doc = render_report(report_data, lang, edition=edition, next_plan=next_plan)
        for notice in doc.meta.get("notices", []):
            print(f"警告 / warning: {notice}", file=sys.stderr)
        for f in doc.meta.get("findings", []):
            print(f"{f['key']}: {'错误' if f['level'] == 'error' else '提示'}: {f['message_zh']}", file=sys.stderr)
        if edition == "official":
            require_final(doc)
        written = write_report(doc, out, formats)
        if summary:
            for line in summary_lines(report_data, lang):
                print(line)
    except PlanwatchError as exc:
        print(f"{data}: {exc}", file=sys.stderr)
        return 1
    label = "已写出" if lang == "zh" else "Written"
    print(f"{label}: " + ", ".join(str(p) for p in written.values()))
    return 0
