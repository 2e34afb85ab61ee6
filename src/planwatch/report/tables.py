"""The report's tables: tasks against time progress, and the warnings list. Cells are runs with figures."""

from __future__ import annotations

from typing import Any

from . import compose
from .context import ReportData, _rule_type, subject_name_en
from .document import Run, Table
from .labels import labels


def _fig(fig: Any, fmt: str, none: str) -> list[Run]:
    return [compose.figure_run(fig, fmt)] if fig is not None else [none]


def tasks_table(data: ReportData, lang: str) -> Table:
    lab = labels(lang)
    amount = "amount_en" if lang == "en" else "amount"
    none = str(lab["none"])
    rows: list[list[list[Run]]] = []
    for t in data.tasks:
        p = t.progress
        name = (t.task.name_en or t.task.name) if lang == "en" else t.task.name
        lead = t.lead_name_en if lang == "en" else t.lead_name
        target: list[Run] = _fig(p.target, amount, none)
        if p.target is None and t.task.target_text:
            # a target in words: in English the office's English wording of the task (measures.csv), if any
            words, column = t.task.target_text, "target_text"
            if lang == "en" and t.measure_en and "{" not in t.measure_en:
                words, column = t.measure_en, "measure"
            target = compose.marked_runs(compose.link_cell_numbers(words, t.task, column))
        rows.append([
            [name],
            [lead],
            target,
            _fig(p.done, amount, none),
            _fig(p.done_share, amount, none),
            _fig(p.expected_share, amount, none),
            [str(lab["status"].get(t.status, t.status))],
        ])
    return Table("tasks", str(lab["tasks_caption"]), list(lab["tasks_header"]), rows,
                 align=["l", "l", "r", "r", "r", "r", "c"],
                 # millimetres of the 156 mm text block: "91.4万平方米", "260.0%", "超序时进度" each on one line
                 widths=[29.5, 19, 25, 26, 18, 17.5, 21])


def warnings_table(data: ReportData, lang: str) -> Table:
    lab = labels(lang)
    rows: list[list[list[Run]]] = []
    order = {"red": 0, "yellow": 1, "notice": 2}
    for w in sorted(data.warnings, key=lambda w: order.get(str(w.level), 9)):
        message = w.message_en if lang == "en" else w.message_zh
        linked = compose.link_numbers(message, list(w.figures.values()))
        rule = _rule_type(w)
        rows.append([
            [str(lab["levels"].get(str(w.level), str(w.level)))],
            [str(lab["rule_types"].get(rule, rule))],
            [subject_name_en(data.plan, w) if lang == "en" else str(w.subject_name or w.subject)],
            compose.marked_runs(linked),
        ])
    return Table("warnings", str(lab["warnings_caption"]), list(lab["warnings_header"]), rows,
                 align=["c", "l", "l", "l"], widths=[1.2, 2.4, 3.0, 9.0])


def unreported_table(data: ReportData, lang: str) -> Table:
    """The working edition's internal annex: tasks with no approved progress by the report's date."""
    lab = labels(lang)
    rows: list[list[list[Run]]] = []
    for t in data.unreported:
        name = (t.task.name_en or t.task.name) if lang == "en" else t.task.name
        lead = t.lead_name_en if lang == "en" else t.lead_name
        target: list[Run] = _fig(t.progress.target, "amount_en" if lang == "en" else "amount", str(lab["none"]))
        rows.append([[name], [lead], target])
    return Table("unreported", str(lab["unreported_caption"]), list(lab["unreported_header"]), rows,
                 align=["l", "l", "r"], widths=[60, 40, 40])
