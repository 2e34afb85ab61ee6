"""Statements that a target was met or not, kept as notes on the indicators they name.

未完成, 未达到, 未实现, 低于…目标 say a target was missed; 完成…目标, 实现…目标, 超额完成, 达到或超过预期, 好于预期,
总体完成 that it was met. A statement is a note on each indicator named in its clause (or, when its clause
names none, in the clause before it: 地区生产总值…增长5.6%，完成年度预期目标); a statement on a count of
indicators that names fewer than it counts, or none (8个预期性指标未达到预期, 9项完成或好于预期, 年度计划总体
完成), is a note on the plan as a whole (indicator ``*``). A table's status column (完成 / 未完成) is a note
on its row's indicator.
"""

from __future__ import annotations

import re

from ..document import Document
from .indicators import Resolver
from .layout import Layout
from .model import Note

_NOT_MET = re.compile(r"未(完成|达到|实现|达)|没有(完成|达到)|低于[^，。；]{0,14}目标|差于预期")
_MET = re.compile(
    r"超额完成|(完成|实现|达到)[^，。；未]{0,10}(目标|预期)|(好于|超过|超出)预期|(总体|较好|全面|圆满|基本)完成"
)
_COUNT = re.compile(r"(?<![.\d])([0-9一二三四五六七八九十两]+)\s*(项|个)(?!百分点|月)")
_PROGRESS = re.compile(r"(目标|任务|计划)[^，。；]{0,4}的\s*[\d一二三四五六七八九十]")  # 完成全年目标任务的60.9%
_PLAN_WORDS = re.compile(r"指标|目标|计划|任务")
_MANY = re.compile(r"指标|计划|各项|目标任务")  # a statement on the plan or on several indicators
_CLAUSES = re.compile(r"[^，,；;：:。\n]+")
_CN = {c: i for i, c in enumerate("零一二三四五六七八九十", 0)}


def _count(text: str) -> int:
    m = _COUNT.search(text)
    if not m:
        return 0
    n = m.group(1)
    if n.isdigit():
        return int(n)
    if n == "两":
        return 2
    if n.startswith("十"):
        return 10 + _CN.get(n[1:], 0) if len(n) > 1 else 10
    if "十" in n:
        head, _, tail = n.partition("十")
        return _CN.get(head, 0) * 10 + _CN.get(tail, 0)
    return _CN.get(n, 0)


def status_of(clause: str) -> str:
    if _PROGRESS.search(clause):
        return ""
    if _NOT_MET.search(clause):
        return "not_met"
    if _MET.search(clause):
        return "met"
    return ""


def text_notes(layout: Layout, resolver: Resolver) -> list[Note]:
    doc = layout.doc
    out: list[Note] = []
    period = str(doc.year) if doc.year else ""
    for sent in doc.sentences:
        if layout.role(sent.start) == "plan" or not _PLAN_WORDS.search(doc.norm, sent.start, sent.end):
            continue
        sentence = doc.text[sent.start : sent.end].strip()
        clauses = list(_CLAUSES.finditer(doc.norm, sent.start, sent.end))
        for i, m in enumerate(clauses):
            clause = m.group()
            status = status_of(clause)
            if not status:
                continue
            names = [e.code for _p, e in resolver.names_in(clause)]
            counted = _count(clause)
            if not names and not counted and "其余" not in clause and not _MANY.search(clause):
                earlier = [e.code for c in reversed(clauses[:i]) for _p, e in resolver.names_in(c.group())[:1]]
                names = earlier[-1:] if earlier else []
            line = doc.line_col(m.start())[0]
            text = doc.text[m.start() : m.end()].strip()
            out.extend(Note(code, period, status, text, sentence, line) for code in names)
            if counted > len(names) or not names:  # 8个预期性指标未达到预期, 年度计划总体完成: the plan as a whole
                out.append(Note("*", period, status, text, sentence, line))
    return out


def table_notes(doc: Document, resolver: Resolver) -> list[Note]:
    out: list[Note] = []
    period = str(doc.year) if doc.year else ""
    for row in doc.rows:
        if row.status is None or row.status_cell is None:
            continue
        match = resolver.catalogue.match(row.name.text)
        if match is None:
            continue
        line = doc.line_col(row.start)[0]
        out.append(Note(match.entry.code, period, "met" if row.status else "not_met", row.status_cell.text,
                        doc.text[row.start : row.end].strip(), line))
    return out


def notes(layout: Layout, resolver: Resolver) -> list[Note]:
    """Every statement of a target met or not, once per indicator, status and statement."""
    seen: set[tuple[str, str, str]] = set()
    out: list[Note] = []
    for n in [*text_notes(layout, resolver), *table_notes(layout.doc, resolver)]:
        key = (n.indicator, n.status, n.source)
        if key not in seen:
            seen.add(key)
            out.append(n)
    return out
