"""Every figure printed has a source; editing a package figure changes exactly what depends on it."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from planwatch.core.model import Plan
from planwatch.package import load
from planwatch.report import Document, build_document, write_report
from planwatch.report.writers import markdown, provenance

from .conftest import copy_example, edit_cell

# Numbers that are not figures: dates (2021年, 8月, 10日, 2021-06-30), and names with digits (PM2.5, 5G, P2P).
_NUMBER = re.compile(r"(?<![A-Za-z0-9.])(\d+(?:\.\d+)?)(?![A-Za-z0-9]|\.\d)")
_NOT_FIGURES = [
    re.compile(r"\d+(?:年|月|日|号)"),
    re.compile(r"\d{4}-\d{2}-\d{2}"),
    re.compile(r"[A-Za-z]+\d+(?:\.\d+)?[A-Za-z]*|\d+[A-Za-z]+"),
]


def numbers_outside_rules(text: str) -> list[tuple[int, str]]:
    """(offset, number) of every number in ``text`` that is not excepted by rule (dates, names)."""
    masked = text
    for rule in _NOT_FIGURES:
        masked = rule.sub(lambda m: " " * len(m.group(0)), masked)
    return [(m.start(), m.group(1)) for m in _NUMBER.finditer(masked)]


# In English also: years (2021), days of months (August 10), section numbers ((1) …).
_NOT_FIGURES_EN = [
    re.compile(r"\d{4}-\d{2}-\d{2}"),
    re.compile(r"\b(?:19|20)\d\d\b"),
    re.compile(r"(?:January|February|March|April|May|June|July|August|September|October|November|December) \d+"),
    re.compile(r"^#+ \(\d+\)", re.M),
]


def _names(plan: Plan) -> list[str]:
    """Names from the package (tasks, indicators, projects …): a digit in a name is not a figure."""
    names: list[str] = []
    for objs in (plan.tasks, plan.indicators, plan.projects, plan.areas, plan.departments):
        for o in objs:
            names += [o.name, o.name_en]
    return sorted((n for n in names if re.search(r"\d", n)), key=len, reverse=True)


def test_every_number_in_the_markdown_has_a_source(rendered: dict[str, Path], plan: Plan) -> None:
    text = rendered["md"].read_text(encoding="utf-8")
    _assert_covered(text, rendered["provenance.json"], plan)


def test_every_number_in_the_english_markdown_has_a_source(tmp_path: Path, doc_en: Document, plan: Plan) -> None:
    written = write_report(doc_en, tmp_path, formats=["md"])
    text = written["md"].read_text(encoding="utf-8")
    for rule in _NOT_FIGURES_EN:
        text = rule.sub(lambda m: " " * len(m.group(0)), text)
    _assert_covered(text, written["provenance.json"], plan)


def _assert_covered(text: str, prov: Path, plan: Plan) -> None:
    for name in _names(plan):
        text = text.replace(name, "名" * len(name))
    data = json.loads(prov.read_text(encoding="utf-8"))
    printed: set[str] = set()
    for entry in data["figures"]:
        printed.update(re.findall(r"\d+(?:\.\d+)?", entry["text"]))
    body = re.sub(r"\]\([^)]*\)", "]", text)  # chart file names
    missing = [(n, body[max(0, i - 15) : i + 10]) for i, n in numbers_outside_rules(body) if n not in printed]
    assert not missing, f"numbers with no provenance entry: {missing[:10]}"


def test_the_rule_excepts_dates_and_names_only() -> None:
    assert numbers_outside_rules("2021年8月10日，PM2.5浓度40微克，5G基站291站") == [(18, "40"), (27, "291")]


def _check_entry(e: dict[str, Any]) -> None:
    assert e["origin"] in {"observation", "target", "progress", "project", "count", "computation", "setting"}
    if e["origin"] == "computation":
        assert e.get("formula"), e
    elif e["origin"] in {"observation", "target", "progress"}:
        assert e.get("ref", {}).get("file") and e["ref"].get("row"), e
    for sub in e.get("inputs", []):
        _check_entry(sub)


def test_every_entry_names_its_source(rendered: dict[str, Path]) -> None:
    data = json.loads(rendered["provenance.json"].read_text(encoding="utf-8"))
    assert data["report"]["period"] == "2021H1"
    assert len(data["figures"]) > 100
    for e in data["figures"]:
        _check_entry(e)


def test_two_year_average_traces_to_the_vs_base_cell(rendered: dict[str, Path]) -> None:
    data = json.loads(rendered["provenance.json"].read_text(encoding="utf-8"))
    avg = next(e for e in data["figures"] if e["text"] == "增长3.9%")
    assert avg["origin"] == "computation"
    (vs_base,) = avg["inputs"]
    assert vs_base["ref"]["file"] == "observations.csv" and vs_base["ref"]["column"] == "vs_base_pct"
    assert vs_base["published"] == "7.9"


def _by_id(plan: Plan) -> dict[str, dict[str, Any]]:
    doc = build_document(plan, "2021H1", lang="zh")
    return {e["id"]: e for e in provenance.entries(doc)}


def test_editing_gdp_vs_base_changes_exactly_its_dependants(tmp_path: Path, plan: Plan) -> None:
    """GIVEN the example with GDP's growth over 2019 changed from 7.9% to 9.2%
    WHEN the report is written again
    THEN exactly two printed figures change: that growth, and the two-year average computed from it."""
    pkg = copy_example(tmp_path / "pkg")
    edit_cell(pkg / "observations.csv", {"indicator": "gdp", "period": "2021H1"}, "vs_base_pct", "9.2")
    before, after = _by_id(plan), _by_id(load(pkg))
    assert before.keys() == after.keys()
    changed = {k: (before[k]["text"], after[k]["text"]) for k in before if before[k] != after[k]}
    assert sorted(changed.values()) == [("增长3.9%", "增长4.5%"), ("增长7.9%", "增长9.2%")]
    md = markdown.render(build_document(load(pkg), "2021H1"))
    assert "上半年GDP实现3640.7亿元，同比增长13.5%，比2019年上半年增长9.2%，两年平均增长4.5%。" in md


def test_editing_a_task_progress_changes_its_figures_and_section_two(tmp_path: Path, plan: Plan) -> None:
    pkg = copy_example(tmp_path / "pkg")
    rows = (pkg / "progress.csv").read_text(encoding="utf-8-sig")
    task = next(t for t in plan.tasks if t.name == "新增改造绿化")
    as_of = max(r.as_of for r in plan.progress if r.task == task.code).isoformat()
    assert task.code in rows
    edit_cell(pkg / "progress.csv", {"task": task.code, "as_of": as_of}, "value", "300")
    doc = build_document(load(pkg), "2021H1")
    md = markdown.render(doc)
    assert "新增改造绿化面积300公顷，完成全年任务500公顷的60%" in md  # report.yaml words greening
    problems = md[md.index("## 二、") : md.index("## 三、")]
    assert "新增改造绿化" not in problems  # ahead of time progress now: no longer a problem
