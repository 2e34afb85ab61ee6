"""Benchmark of the report checker (not a test): python bench/bench_checker.py [--repeat 5].

Times reading the facts of the seed report (tests/data/seed_chaoyang_2021h1.txt) and checking their
relations, on the seed itself and on a report 20 times its size (the seed's body repeated, each copy a
separate paragraph run under one title, so sections and sentences scale with it). Reports characters per
second for facts alone and for facts + checks, best of ``--repeat`` runs, and writes
docs/benchmarks-checker.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from planwatch.checker.checks import run_checks
from planwatch.checker.document import parse_document
from planwatch.checker.facts import find_facts

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "data" / "seed_chaoyang_2021h1.txt"
OUT = ROOT / "docs" / "benchmarks-checker.md"


def best(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def facts_only(text: str) -> int:
    return len(find_facts(text))


def facts_and_checks(text: str) -> tuple[int, int]:
    doc = parse_document(text)
    facts = find_facts(text, doc)
    return len(facts), len(run_checks(facts, doc))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-write", action="store_true", help="print only, do not write docs/")
    args = parser.parse_args()
    seed = SEED.read_text(encoding="utf-8")
    big = seed + "\n" + "\n".join([seed] * 19)
    rows = []
    for name, text in (("seed", seed), ("seed × 20", big)):
        n_facts, n_checks = facts_and_checks(text)
        t_facts = best(partial(facts_only, text), args.repeat)
        t_all = best(partial(facts_and_checks, text), args.repeat)
        rows.append((name, len(text), n_facts, n_checks, t_facts, t_all))
    lines = [
        "# Benchmark: report checker",
        "",
        "`python bench/bench_checker.py` — best of "
        f"{args.repeat} runs; Python {platform.python_version()} on {platform.machine()}, "
        f"{os.cpu_count()} cores shared with other work (figures are indicative).",
        "",
        "| text | characters | facts | checks | facts: s | facts: chars/s | facts + checks: s | facts + checks: chars/s |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, chars, nf, nc, tf, ta in rows:
        lines.append(f"| {name} | {chars:,} | {nf:,} | {nc:,} | {tf:.3f} | {chars / tf:,.0f} | {ta:.3f} | {chars / ta:,.0f} |")
    cmd = [sys.executable, "-m", "planwatch", "check", str(SEED)]
    t_cli = best(lambda: subprocess.run(cmd, capture_output=True, check=False), min(args.repeat, 3))
    lines += [
        "",
        "The whole command `planwatch check` on the seed (a new Python process: start-up, imports, reading",
        f"the file, facts, checks, output) takes {t_cli:.2f} s wall time (best of {min(args.repeat, 3)}).",
    ]
    report = "\n".join(lines) + "\n"
    print(report)
    if not args.no_write:
        OUT.write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
