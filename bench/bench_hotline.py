"""Benchmark of the hotline (not a test): python bench/bench_hotline.py [--skip-25m] [--skip-spark] [--keep].

Generates a district year (Chaoyang 2021 at scale 1.28, ~1 million tickets) and a city year (the
16 districts' 2021 at scale 5.58, ~25 million), then times, each phase in its own process so that its
peak memory (ru_maxrss) is its own:
- generate: writing the tickets (numpy + Parquet);
- DuckDB, in place: the queries reading Parquet directly;
- DuckDB, loaded: copying the tickets into an in-memory DuckDB table, then the same queries;
- Spark local[2] on the district year: session start, then the same queries.
The queries: the year by 街乡 (volumes, shares, rates, score, rank), the June ranking of 街乡 with
classes (six months of history), the June ranking of departments, the trend since January by district,
topics and surges. Each is compared with a baseline run beside it in the same engine: a bare
``count(*) GROUP BY street_code`` over the year. Writes bench/results/hotline.json and
docs/benchmarks-hotline.md. Needs ~2 GB of disk under $TMPDIR; deletes the data afterwards unless --keep.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "hotline.json"
DOC = ROOT / "docs" / "benchmarks-hotline.md"
SETS = {"district year": ("2021", "chaoyang", 1.28), "city year": ("2021", None, 5.58)}


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def phase_generate(out: str, period: str, district: str | None, scale: float) -> dict:
    from planwatch.hotline.generate import generate

    t0 = time.perf_counter()
    store = generate(out, period, district, scale)
    return {"seconds": time.perf_counter() - t0, "rows": store.rows(),
            "bytes": sum(f.stat().st_size for f in store.files()), "peak_mb": peak_mb()}


def queries(a) -> dict[str, float]:  # type: ignore[no-untyped-def]
    from planwatch.hotline.ranking import monthly_ranking
    from planwatch.hotline.topics import surges, topics

    out = {}

    def timed(name: str, fn) -> None:  # type: ignore[no-untyped-def]
        t0 = time.perf_counter()
        fn()
        out[name] = time.perf_counter() - t0

    timed("baseline: count by 街乡, year", lambda: a.engine.query(
        "SELECT street_code, count(*) FROM tickets WHERE unit_role = 'main' GROUP BY 1"))
    timed("year by 街乡 (rates, score, rank)", lambda: a.units("2021", "street"))
    timed("June ranking of 街乡 with classes", lambda: monthly_ranking(a, 2021, 6, "street"))
    timed("June ranking of departments", lambda: monthly_ranking(a, 2021, 6, "unit", {"unit_kind": "department"}))
    timed("trend Jan-Jun by district", lambda: a.trend(2021, 6, "district"))
    timed("topics, June, per 街乡", lambda: topics(a, 2021, 6))
    timed("surges, week of 2021-06-21", lambda: surges(a, dt.date(2021, 6, 21)))
    return out


def phase_duckdb(store: str, in_memory: bool) -> dict:
    from planwatch.hotline.analysis import Analysis
    from planwatch.hotline.engine import DuckDBEngine
    from planwatch.hotline.source import open_tickets

    source = open_tickets(store)
    t0 = time.perf_counter()
    engine = DuckDBEngine(source, in_memory=in_memory)
    load = time.perf_counter() - t0
    with Analysis(source, engine_obj=engine) as a:
        q = queries(a)
    return {"load_seconds": load, "queries": q, "peak_mb": peak_mb()}


def phase_spark(store: str) -> dict:
    from planwatch.hotline.analysis import Analysis
    from planwatch.hotline.engine import spark_session

    t0 = time.perf_counter()
    spark_session("local[2]").sql("SELECT 1").collect()
    start = time.perf_counter() - t0
    t0 = time.perf_counter()
    with Analysis(store, engine="spark", master="local[2]") as a:
        read = time.perf_counter() - t0
        q = queries(a)
    return {"session_seconds": start, "load_seconds": read, "queries": q, "peak_mb": peak_mb()}


def run_phase(*args: str) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--phase", *args], capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"phase {args} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--phase", nargs="+")
    parser.add_argument("--skip-25m", action="store_true")
    parser.add_argument("--skip-spark", action="store_true")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    if args.phase:
        name, *rest = args.phase
        if name == "generate":
            result = phase_generate(rest[0], rest[1], rest[2] or None, float(rest[3]))
        elif name == "duckdb":
            result = phase_duckdb(rest[0], rest[1] == "memory")
        else:
            result = phase_spark(rest[0])
        print(json.dumps(result))
        return
    work = Path(tempfile.mkdtemp(prefix="planwatch-bench-hotline-"))
    results: dict[str, dict] = {}
    try:
        for label, (period, district, scale) in SETS.items():
            if label == "city year" and args.skip_25m:
                continue
            store = str(work / label.replace(" ", "-"))
            print(f"== {label}: generate", flush=True)
            r: dict = {"generate": run_phase("generate", store, period, district or "", str(scale))}
            print(f"   {r['generate']['rows']:,} rows in {r['generate']['seconds']:.1f} s", flush=True)
            for mode in ("parquet", "memory"):
                print(f"== {label}: duckdb {mode}", flush=True)
                r[f"duckdb {mode}"] = run_phase("duckdb", store, mode)
            if label == "district year" and not args.skip_spark:
                print(f"== {label}: spark", flush=True)
                r["spark local[2]"] = run_phase("spark", store)
            results[label] = r
            if not args.keep:
                shutil.rmtree(store, ignore_errors=True)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    DOC.write_text(render(results), encoding="utf-8")
    print(f"wrote {DOC}")


def render(results: dict[str, dict]) -> str:
    lines = ["# Benchmark: hotline (接诉即办)", "",
             f"`python bench/bench_hotline.py` on {dt.date.today()}: Python {platform.python_version()} on "
             f"{platform.machine()}, {os.cpu_count()} cores shared with other work (figures indicative; one run).",
             "Each phase runs in its own process; peak = that process's maximum resident memory.", ""]
    for label, r in results.items():
        g = r["generate"]
        lines += [f"## {label}: {g['rows']:,} rows", "",
                  f"Generate: {g['seconds']:.1f} s ({g['rows'] / g['seconds']:,.0f} rows/s), "
                  f"{g['bytes'] / 2**20:,.0f} MiB of Parquet, peak {g['peak_mb']:,.0f} MiB.", ""]
        engines = [k for k in r if k != "generate"]
        lines.append("| query | " + " | ".join(engines) + " |")
        lines.append("|---|" + "---:|" * len(engines))
        lines.append("| load (s) | " + " | ".join(
            f"{r[e]['load_seconds']:.2f}" + (f" (+ {r[e]['session_seconds']:.1f} JVM start)" if "session_seconds" in r[e] else "")
            for e in engines) + " |")
        names = list(r[engines[0]]["queries"])
        for n in names:
            cells = []
            for e in engines:
                q = r[e]["queries"]
                base = q[names[0]]
                cells.append(f"{q[n]:.2f}" + ("" if n == names[0] else f" ({q[n] / base:.1f}×)"))
            lines.append(f"| {n} (s) | " + " | ".join(cells) + " |")
        lines.append("| peak memory (MiB) | " + " | ".join(f"{r[e]['peak_mb']:,.0f}" for e in engines) + " |")
        lines.append("")
    lines += ["(×: the query's time over the baseline beside it, a bare count by 街乡 over the year in the same "
              "engine.) Goals (issue 13): the city year's monthly ranking under 10 s once loaded, the district "
              "year under 1 s.", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
