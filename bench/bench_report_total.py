"""Benchmark of the report's two speed goals (not a test), each as a ratio against a baseline run beside it.

- the bundled example, every format (md, html, docx, pdf, provenance), in a fresh process: goal < 3 s;
- a city-sized plan (bench_report.synthetic_city: 20 areas, 300 indicators, 1,000 tasks), every format:
  goal < 20 s.

A is this tree; B is the source tree given by ``--baseline`` (e.g. ``git archive <commit> src | tar -x -C
/tmp/base``), run with the same interpreter (PYTHONPATH=B/src). Runs alternate A B A B …; each run is a
fresh process timed from outside: wall seconds and the child's CPU seconds (user + system, from
getrusage), medians of the runs. On a shared machine CPU seconds are the steadier figure: a 2-core machine
at load 8 stretches wall time two to four times. Writes docs/benchmarks-report-speed.md.

    .venv/bin/python bench/bench_report_total.py --baseline /tmp/pw-base [--runs 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

EXAMPLE = """
import sys
from planwatch.package import example_path, load
from planwatch.report import build_document, write_report
doc = build_document(load(example_path("chaoyang-2021")), "2021H1")
write_report(doc, sys.argv[1], ("md", "html", "docx", "pdf"))
"""

CITY = """
import sys
sys.path.insert(0, {bench!r})
from bench_report import synthetic_city
from planwatch.report import build_document, write_report
doc = build_document(synthetic_city(1000), "2021H1")
write_report(doc, sys.argv[1], ("md", "html", "docx", "pdf"))
"""


def run(code: str, src: Path | None) -> tuple[float, float]:
    """(wall, cpu) seconds of one fresh process."""
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = str(src)
    with tempfile.TemporaryDirectory() as out:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", code, out], env=env, check=True, capture_output=True)
        wall = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def pair(name: str, code: str, base: Path, runs: int) -> tuple[str, float, float, float, float, float, float]:
    a: list[tuple[float, float]] = []
    b: list[tuple[float, float]] = []
    for _ in range(runs):
        ra, rb = run(code, None), run(code, base / "src")
        a.append(ra)
        b.append(rb)
        print(f"{name}: A {ra[0]:.2f} s wall {ra[1]:.2f} s cpu, B {rb[0]:.2f} s wall {rb[1]:.2f} s cpu", flush=True)
    med = statistics.median
    return (name, med(x[0] for x in a), med(x[0] for x in b), med(x[0] / y[0] for x, y in zip(a, b, strict=True)),
            med(x[1] for x in a), med(x[1] for x in b), med(x[1] / y[1] for x, y in zip(a, b, strict=True)))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--baseline", type=Path, required=True, help="a source tree to compare with (has src/)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-docs", action="store_true")
    args = ap.parse_args()
    rows = [pair("example, every format", EXAMPLE, args.baseline, args.runs),
            pair("city (1,000 tasks), every format", CITY.format(bench=str(ROOT / "bench")), args.baseline,
                 max(1, args.runs - 1))]
    load = os.getloadavg()
    lines = [
        "# Benchmarks: the report's speed goals",
        "",
        "Written by `bench/bench_report_total.py`: each run a fresh process (imports included) writing md, html,",
        "docx, pdf and the provenance file; A this tree, B the baseline tree beside it, runs alternating; medians.",
        "",
        f"- Machine: {platform.machine()}, {os.cpu_count()} CPUs (shared), Python {platform.python_version()}; "
        f"load average at the end {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}",
        f"- Date: {dt.date.today().isoformat()}; baseline: `{args.baseline}`",
        "",
        "| report | A wall (s) | B wall (s) | A / B wall | A cpu (s) | B cpu (s) | A / B cpu |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    lines += [f"| {n} | {a:.2f} | {b:.2f} | {r:.2f} | {ca:.2f} | {cb:.2f} | {rc:.2f} |"
              for n, a, b, r, ca, cb, rc in rows]
    text = "\n".join(lines) + "\n"
    print(text)
    if not args.no_docs:
        (ROOT / "docs" / "benchmarks-report-speed.md").write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
