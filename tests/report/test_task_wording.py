"""A task's progress wording from report.yaml (`tasks: CODE: progress_zh / progress_en`), its figures traced."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from planwatch.core.model import Plan
from planwatch.package import load
from planwatch.report import Document, build_document
from planwatch.report.document import FigureRun, Paragraph, Section
from planwatch.report.writers import markdown

from .conftest import copy_example, edit_cell


def _paragraphs(blocks: list[Any]) -> list[Paragraph]:
    out: list[Paragraph] = []
    for b in blocks:
        if isinstance(b, Section):
            out += _paragraphs(b.blocks)
        elif isinstance(b, Paragraph):
            out.append(b)
    return out


def _runs_of(doc: Document, sentence: str) -> list[Any]:
    """The runs of the one body paragraph that contains ``sentence``."""
    hits = [p for p in _paragraphs(doc.body) if sentence in p.text]
    assert len(hits) == 1, (sentence, len(hits))
    return hits[0].runs


def _figure(runs: list[Any], text: str) -> FigureRun:
    (run,) = [r for r in runs if isinstance(r, FigureRun) and r.text == text]
    return run


def _set_task_wording(pkg: Path, code: str, wording: dict[str, str] | None) -> None:
    path = pkg / "report.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    tasks = dict(data.get("tasks") or {})
    if wording is None:
        tasks.pop(code, None)
    else:
        tasks[code] = wording
    data["tasks"] = tasks
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _new_roads_row(plan: Plan) -> str:
    return max(r.as_of for r in plan.progress if r.task == "new_roads").isoformat()


def test_a_task_wording_from_report_yaml_is_used_and_its_figures_trace(tmp_path: Path, plan: Plan) -> None:
    """GIVEN the example with new_roads worded "本年度通车{done}主次支路" / "{done} roads opened to traffic"
    and its progress edited to 7
    WHEN the report is written in Chinese and English
    THEN section 一 uses that wording with the edited figure, and the figure printed in it (and the target
    and share after it) are figure runs traced to progress.csv / tasks.csv, not text."""
    pkg = copy_example(tmp_path / "pkg")
    _set_task_wording(pkg, "new_roads", {"progress_zh": "本年度通车{done}主次支路", "progress_en": "{done} roads opened to traffic"})
    edit_cell(pkg / "progress.csv", {"task": "new_roads", "as_of": _new_roads_row(plan)}, "value", "7")
    _no_account(pkg, plan)
    edited = load(pkg)

    zh = build_document(edited, "2021H1", lang="zh")
    sentence = "本年度通车7条主次支路，完成全年任务10条的70%"
    assert sentence in markdown.render(zh)
    assert "建成主次支路完成" not in markdown.render(zh)
    runs = _runs_of(zh, sentence)
    done = _figure(runs, "7条")
    prov = done.figure.provenance()
    assert prov["origin"] == "progress"
    assert prov["ref"]["file"] == "progress.csv" and prov["ref"]["task"] == "new_roads"
    assert prov["ref"]["column"] == "value" and prov["published"] == "7"
    assert _figure(runs, "10条").figure.provenance()["origin"] == "target"
    assert _figure(runs, "70%").figure.provenance()["origin"] == "computation"

    en = build_document(edited, "2021H1", lang="en")
    sentence_en = "7 roads opened to traffic, 70% of the full-year target of 10"
    assert sentence_en in markdown.render(en)
    en_done = _figure(_runs_of(en, sentence_en), "7")
    assert en_done.figure.provenance()["ref"]["task"] == "new_roads"


def test_words_without_a_placeholder_come_before_the_figure_in_section_two_too(doc_zh: Document) -> None:
    """The example words greening as 新增改造绿化面积 (no {done}): the figure follows the words, in section 一
    and among the lagging tasks of section 二."""
    md = markdown.render(doc_zh)
    one = md[md.index("## 一、") : md.index("## 二、")]
    assert "新增改造绿化面积27.5公顷。" in one and "的5.5%" not in one  # a shortfall is told in 二 only
    problems = md[md.index("## 二、") : md.index("## 三、")]
    assert "新增改造绿化面积27.5公顷，仅完成全年任务500公顷的5.5%，低于序时进度44.1个百分点" in problems
    runs = _runs_of(doc_zh, "新增改造绿化面积27.5公顷，仅完成")
    assert _figure(runs, "27.5公顷").figure.provenance()["ref"]["task"] == "greening"


def test_a_task_left_out_of_report_yaml_keeps_the_default_wording(tmp_path: Path, plan: Plan) -> None:
    pkg = copy_example(tmp_path / "pkg")
    _set_task_wording(pkg, "new_roads", None)
    _no_account(pkg, plan)
    edited = load(pkg)
    zh = markdown.render(build_document(edited, "2021H1", lang="zh"))
    assert "建成主次支路完成6条，完成全年任务10条的60%" in zh
    en = markdown.render(build_document(edited, "2021H1", lang="en"))
    assert "Complete main and branch roads: 6 done, 60% of the full-year target of 10" in en


def _no_account(pkg: Path, plan: Plan) -> None:
    """new_roads without its account and with the target's scope (the example's row says 口径 unclear)."""
    row = {"task": "new_roads", "as_of": _new_roads_row(plan)}
    edit_cell(pkg / "progress.csv", row, "account", "")
    edit_cell(pkg / "progress.csv", row, "scope", "")
