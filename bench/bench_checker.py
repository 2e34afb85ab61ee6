"""Benchmark of the report checker (not a test): python bench/bench_checker.py [--repeat 3] [--baseline REV].

Times a whole check (facts and relations) in process on the seed report (tests/data/seed_chaoyang_2021h1.txt)
and on long texts made of it: the seed 48 times (0.8 M characters) with its lines, the same on one line
(as web pages give it), and on one line with no sentence ends at all (。！？ removed too) at four lengths, to
show that the time grows linearly with the length. Each figure is beside the same run of a baseline checker
(``--baseline``, default the commit before issue 12's work, exported from git into a temporary folder and
run in its own process), and the ratio new / baseline is the figure to read: the machine is shared and its
load moves absolute times by a factor of several. The whole ``planwatch check`` command is timed with
farm-bench against the baseline's command. Writes docs/benchmarks-checker.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "data" / "seed_chaoyang_2021h1.txt"
OUT = ROOT / "docs" / "benchmarks-checker.md"
BASELINE = "6ff21de"

# the timing loop, run by each checker in its own process (so the two never share imports)
RUNNER = r"""
import json, re, sys, time
sys.path.insert(0, sys.argv[1])
from planwatch.checker import check_text
seed = open(sys.argv[2], encoding="utf-8").read()
repeat = int(sys.argv[3])
cases = json.loads(sys.argv[4])
def text_of(case):
    kind, n = case
    body = "\n".join([seed] * n)
    if kind == "one_line":
        return body.replace("\n", "")
    if kind == "no_ends":
        return re.sub(r"[。！？\n]", "", body)
    return body
check_text(seed)
out = []
for case in cases:
    text = text_of(case)
    best = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        facts, checks = check_text(text)
        dt = time.perf_counter() - t0
        best = dt if best is None else min(best, dt)
    bad = sum(c.status == "inconsistent" for c in checks)
    out.append([len(text), len(facts), len(checks), bad, best])
print(json.dumps(out))
"""

CASES = [
    ("seed", ["lines", 1]),
    ("seed × 48, with its lines", ["lines", 48]),
    ("seed × 48 on one line", ["one_line", 48]),
    ("seed × 6, one line, no sentence ends", ["no_ends", 6]),
    ("seed × 12, one line, no sentence ends", ["no_ends", 12]),
    ("seed × 24, one line, no sentence ends", ["no_ends", 24]),
    ("seed × 48, one line, no sentence ends", ["no_ends", 48]),
]


def export(rev: str, folder: Path) -> Path:
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "src"], capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder / "src"


def run(src: Path, cases: list[list[object]], repeat: int, timeout: float) -> list[list[float]] | None:
    cmd = [sys.executable, "-c", RUNNER, str(src), str(SEED), str(repeat), json.dumps(cases)]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, check=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    result: list[list[float]] = json.loads(done.stdout)
    return result


def cli_ratio(base_src: Path, runs: int) -> str:
    if not shutil.which("farm-bench"):
        return "farm-bench not found: the command was not timed."
    new = [sys.executable, "-m", "planwatch", "check", str(SEED)]
    old = f"{sys.executable} -c \"import sys; sys.path.insert(0, '{base_src}'); from planwatch.cli import main; main(['check', '{SEED}'])\""
    done = subprocess.run(["farm-bench", "-n", str(runs), "--vs", old, "--", *new], capture_output=True, text=True, timeout=600)
    return (done.stdout + done.stderr).strip()


def import_time() -> tuple[float, bool]:
    code = ("import sys, time; t0 = time.perf_counter(); from planwatch.checker import check_text; "
            "check_text(open(sys.argv[1], encoding='utf-8').read()); "
            "print(time.perf_counter() - t0, 'cn2an' in sys.modules)")
    best = None
    cn2an = False
    for _ in range(3):
        out = subprocess.run([sys.executable, "-c", code, str(SEED)], capture_output=True, text=True, check=True).stdout
        seconds, loaded = out.split()
        best = float(seconds) if best is None else min(best, float(seconds))
        cn2an = loaded == "True"
    return best or 0.0, cn2an


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--baseline", default=BASELINE, help="git revision of the baseline checker")
    parser.add_argument("--baseline-timeout", type=float, default=900, help="seconds for all the baseline's runs")
    parser.add_argument("--no-write", action="store_true", help="print only, do not write docs/")
    args = parser.parse_args()
    cases = [c for _, c in CASES]
    new = run(ROOT / "src", cases, args.repeat, 3600)
    assert new is not None
    with tempfile.TemporaryDirectory() as tmp:
        base_src = export(args.baseline, Path(tmp))
        old_cases = [c for c in cases if not (c[0] == "no_ends" and int(str(c[1])) > 24)]
        old = run(base_src, old_cases, 1, args.baseline_timeout) or []
        cli = cli_ratio(base_src, 5)
    seconds, cn2an = import_time()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    lines = [
        "# Benchmark: report checker",
        "",
        f"`python bench/bench_checker.py` — in process, best of {args.repeat} runs (the baseline: one run); Python "
        f"{platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores shared with other work "
        f"(load average {load:.1f} when it ran: absolute times are several times those of an idle machine; "
        "read the ratio to the baseline run beside it).",
        "",
        f"Baseline: the checker at `{args.baseline}` (before issue 12), run in its own process on the same texts.",
        "",
        "| text | characters | facts | checks | inconsistent | s | characters/s | baseline s | new / baseline |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    base_by_case = dict(zip([json.dumps(c) for c in old_cases], old, strict=False))
    for (name, case), (chars, nf, nc, bad, t) in zip(CASES, new, strict=True):
        b = base_by_case.get(json.dumps(case))
        base_t = f"{b[4]:.2f}" if b else "not run"
        ratio = f"{t / b[4]:.2f}" if b else "—"
        lines.append(f"| {name} | {int(chars):,} | {int(nf):,} | {int(nc):,} | {int(bad)} | {t:.3f} | "
                     f"{chars / t:,.0f} | {base_t} | {ratio} |")
    per = [(chars, t) for (name, case), (chars, _, _, _, t) in zip(CASES, new, strict=True) if case[0] == "no_ends"]
    rates = ", ".join(f"{c / t / 1e6:.2f}" for c, t in per)
    lines += [
        "",
        f"One line with no sentence ends, at 0.1, 0.2, 0.4 and 0.8 M characters: {rates} M characters per second —",
        "the same rate at every length (linear time); the baseline is not run at 0.8 M, where it takes minutes.",
        "",
        f"A whole check of the seed in a fresh process (import of the checker, reading, facts, checks): "
        f"{seconds:.2f} s; cn2an imported: {'yes' if cn2an else 'no'}.",
        "",
        "The command `planwatch check` on the seed against the baseline's command (farm-bench, A = new, B = baseline):",
        "",
        "```",
        cli,
        "```",
    ]
    report = "\n".join(lines) + "\n"
    print(report)
    if not args.no_write:
        OUT.write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
