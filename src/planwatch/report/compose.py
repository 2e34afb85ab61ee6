"""Render the wording templates into the document model.

The templates (``templates/zh/*.j2``, ``templates/en/*.j2``) write a light line markup:

- ``=title …`` (``|`` marks where a long title may break), ``=occasion …``, ``=speaker …``, ``=salutation …``, ``=closing …``: front and end matter;
- ``# …`` opens a section (一、), ``## …`` a subsection (（一）);
- ``[[table:KEY]]`` and ``[[chart:KEY]]`` place a table or chart the builder made;
- any other lines are paragraph text; a blank line ends a paragraph. Lines of one paragraph are joined
  with nothing in Chinese and a space in English.

Figures are printed through filters (``{{ f.yoy|growth }}``) that return a marker standing for a
:class:`FigureRun`; after rendering, the markers are turned back into runs, so each printed figure keeps
its :class:`Figure` and provenance.
"""

from __future__ import annotations

import contextvars
import functools
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import jinja2

from planwatch.core import wording
from planwatch.core.errors import PlanwatchError
from planwatch.core.figures import Figure, published

from . import qualify
from .document import Block, Chart, Document, FigureRun, Paragraph, Run, Section, Table, title_lines
from .labels import labels

_OPEN, _CLOSE = "\ue000", "\ue001"
_MARK = re.compile(f"{_OPEN}(\\d+){_CLOSE}")
# an ASCII comma between Chinese characters (as in text pasted from web pages) is set as "，"
_CJK_COMMA = re.compile("(?<=[\u4e00-\u9fff”」）\ue001])[ ]*,[ ]*(?=[\u4e00-\u9fff“「（\ue000\\d])")
# a space between Chinese and a figure (as in "朝阳绿道 9.5 公里" pasted from a web page) is dropped
_CJK_SPACE = re.compile("(?<=[\u4e00-\u9fff])[ ]+(?=[\ue000\\d])|(?<=[\ue001\\d])[ ]+(?=[\u4e00-\u9fff])")
OCCASION_CHARS = 27.5  # characters of a 3号 line (28) with a little room: the occasion line is centred
_FRONT_STYLES = {"occasion", "speaker", "salutation", "closing", "signature"}


class ReportTemplateError(PlanwatchError):
    """A wording template that does not render (a typo in a template the office edited)."""


class _Registry:
    def __init__(self) -> None:
        self.runs: list[FigureRun] = []

    def mark(self, text: str, fig: Figure) -> str:
        run = FigureRun(id=f"F{len(self.runs) + 1}", text=text, figure=fig)
        self.runs.append(run)
        return f"{_OPEN}{len(self.runs) - 1}{_CLOSE}"


_registry: contextvars.ContextVar[_Registry] = contextvars.ContextVar("planwatch_report_registry")


def _figure_filter(fmt: Callable[[Figure], str]) -> Callable[[Figure | None], str]:
    def apply(fig: Figure | None) -> str:
        if fig is None:
            raise ReportTemplateError("a template printed a figure the data does not have (None)")
        if not isinstance(fig, Figure):
            raise ReportTemplateError(f"a template printed {fig!r} as a figure; only Figure objects print")
        return _registry.get().mark(fmt(fig), fig)

    return apply


FILTERS: dict[str, Callable[[Figure], str]] = {
    "num": wording.number,
    "abs_num": wording.abs_number,
    "amount": wording.amount_zh,
    "growth": wording.growth_zh,
    "pp": wording.pp_zh,
    "pp_abs": wording.pp_abs_zh,
    "rank": wording.rank_zh,
    "amount_en": wording.amount_en,
    "growth_en": wording.growth_en,
    "vs_base_en": wording.vs_base_en,
    "pp_en": wording.pp_en,
    "pp_abs_en": wording.pp_abs_en,
    "rank_en": wording.rank_en,
}
FILTERS = {name: qualify.wrap(name, fmt) for name, fmt in FILTERS.items()}  # bounds (近, 约 …), no ".0" on 60%


@functools.cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("planwatch.report", "templates"),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,  # the output is line markup, escaped by each writer
    )
    for name, fmt in FILTERS.items():
        env.filters[name] = _figure_filter(fmt)
    env.filters["cn_num"] = wording.cn_numeral
    env.filters["date_zh"] = functools.partial(wording.date_zh, in_year=True)
    env.filters["date_en"] = functools.partial(wording.date_en, in_year=True)
    env.filters["measure"] = lambda g: fill_measure(g.text, g.items, "zh")
    env.filters["measure_en"] = lambda g: fill_measure(g.text, g.items, "en")
    env.filters["message_zh"] = lambda w: link_numbers(w.message_zh, list(w.figures.values()))
    env.filters["message_en"] = lambda w: link_numbers(w.message_en, list(w.figures.values()))
    env.filters["status_zh"] = lambda s: str(labels("zh")["status"].get(str(s), s))
    env.filters["status_en"] = lambda s: str(labels("en")["status"].get(str(s), s))
    env.filters["account_join"] = _account_join
    env.tests["negative"] = lambda f: f is not None and wording.is_negative(f)
    env.tests["zero"] = lambda f: f is not None and wording.is_zero(f)
    env.tests["over_hundred"] = lambda f: f is not None and f.value > 100  # a share past the whole (超额完成)
    env.tests["hundred"] = lambda f: f is not None and f.value == 100
    return env


def _account_join(clause: str, item: Any, main: Figure | None, extra: str = "") -> str:
    """Filter: the item's account (进展情况) joined to its figure clause (report/accounts.py)."""
    from . import accounts

    owner = item.row if hasattr(item, "row") else getattr(item.figures, "observation", None)
    return accounts.join(item.account, owner, clause, main, extra)


def render_document(
    template: str,
    context: dict[str, Any],
    *,
    lang: str,
    tables: dict[str, Callable[[], Table]],
    charts: dict[str, Callable[[], Chart | None]],
    meta: dict[str, Any],
    authored: dict[str, str] | None = None,
    data: Any = None,
) -> Document:
    """Render ``template`` (e.g. "zh/half_year.j2") with ``context`` and parse it into a Document; put in
    the ``authored`` paragraphs (key → text), their figures checked against ``data`` (report/authored.py)."""
    registry = _Registry()
    token = _registry.set(registry)
    try:
        try:
            text = environment().get_template(template).render(**context)
        except jinja2.TemplateError as exc:
            lineno = getattr(exc, "lineno", None)
            where = f" (line {lineno})" if lineno else ""
            raise ReportTemplateError(f"template {template}{where}: {exc}") from exc
        if lang == "zh":
            text = _CJK_SPACE.sub("", _CJK_COMMA.sub("，", text))
        # tables and charts print figures too: build them while the registry is active
        doc = _parse(text, registry, lang=lang, tables=tables, charts=charts, meta=meta)
        if data is not None:
            from . import authored as authored_text

            authored_text.replace(doc, authored or {}, data)
        return doc
    finally:
        _registry.reset(token)


def _runs(text: str, registry: _Registry) -> list[Run]:
    out: list[Run] = []
    pos = 0
    for m in _MARK.finditer(text):
        if m.start() > pos:
            out.append(text[pos : m.start()])
        out.append(registry.runs[int(m.group(1))])
        pos = m.end()
    if pos < len(text):
        out.append(text[pos:])
    return out


def mark_text(text: str, fig: Figure) -> str:
    """The marker for ``fig`` printed as ``text`` (a number a person wrote, linked to its figure)."""
    return _registry.get().mark(text, fig)


def mark(fig: Figure, fmt: str) -> str:
    """The marker for ``fig`` printed with filter ``fmt``, for text built in code (measures, messages)."""
    return _registry.get().mark(FILTERS[fmt](fig), fig)


_NUMBER = re.compile("(?<![\\d.\ue000])" r"\d+(?:\.\d+)?(?![\d.])")
# a number of a message as the core writes it in English too: "914,000", "2.1 million"
_NUMBER_EN = re.compile("(?<![\\d.,\ue000])(?P<num>\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)"
                        "(?![\\d.]|,\\d{3})(?P<scale> (?:million|billion))?")
_PLACEHOLDER = re.compile(r"\{(target|done|remaining|share)\}")


def link_numbers(text: str, figures: list[Figure]) -> str:
    """Turn each number in ``text`` that prints one of ``figures`` into that figure's run.

    Warning messages come from the core as sentences; their figures come beside them. A number of the
    sentence that matches no figure stays plain text (and the provenance test reports it).
    """
    pool = list(figures)

    def find(text: str) -> str | None:
        for i, fig in enumerate(pool):
            forms = {wording.number(fig), wording.abs_number(fig), wording.number_en(fig)}
            if text in forms:
                pool.pop(i)
                return _registry.get().mark(text, fig)
        return None

    def repl(m: re.Match[str]) -> str:
        whole = find(m.group(0))
        if whole is not None:
            return whole
        if m.group("scale"):  # "5 million" where only 5 is a figure
            head = find(m.group("num"))
            if head is not None:
                return head + m.group(0)[len(m.group("num")):]
        return m.group(0)

    return _NUMBER_EN.sub(repl, text)


def fill_measure(text: str, items: list[Any], lang: str) -> str:
    """A measure's wording with its figures filled from the data.

    ``{target}``, ``{done}``, ``{remaining}``, ``{share}`` are replaced by the first task's figures; a
    number written in the text that equals one of the tasks' targets is linked to that target; any other
    number is linked to the cell of tasks.csv (or measures.csv) it is written in.
    """
    first = items[0]
    p = first.progress
    figs = {"target": p.target, "done": p.done, "remaining": first.remaining, "share": p.done_share}
    fmt = "amount_en" if lang == "en" else "amount"

    def place(m: re.Match[str]) -> str:
        fig = figs[m.group(1)]
        if fig is None:
            raise ReportTemplateError(f"measure of task {first.task.code} uses {{{m.group(1)}}}, which it has not")
        return mark(fig, fmt)

    text = link_numbers(text, [t.progress.target for t in items if t.progress.target is not None])
    text = link_cell_numbers(text, first.task, "measure")
    return _PLACEHOLDER.sub(place, text)


_DATE_AFTER = re.compile(r"\s*(?:年|月|日|号|-\d)")


def link_cell_numbers(text: str, task: Any, column: str) -> str:
    """Link the numbers left in a task's wording (measure, target_text) to the package cell they are in.

    The plan office writes figures into its wording ("力争完成24个街道、2个乡的…创建"); such a figure's
    source is that cell of tasks.csv. Numbers followed by 年/月/日 are dates and stay text.
    """
    src = task.source

    def repl(m: re.Match[str]) -> str:
        if _DATE_AFTER.match(text, m.end()):
            return m.group(0)
        fig = published(Decimal(m.group(0)), "", "target", label=f"{task.name} {column}",
                        file=src.file or "tasks.csv", row=str(src.row), column=column, task=task.code)
        return _registry.get().mark(m.group(0), fig)

    return _NUMBER.sub(repl, text)


def marked_runs(text: str) -> list[Run]:
    """Runs of a text with figure markers made by :func:`mark` or :func:`link_numbers`."""
    return _runs(text, _registry.get())


def figure_run(fig: Figure, fmt: str) -> FigureRun:
    """A run for a figure printed by code that builds tables (inside ``render_document``)."""
    registry = _registry.get()
    marker = registry.mark(FILTERS[fmt](fig), fig)
    return registry.runs[int(_MARK.fullmatch(marker).group(1))]  # type: ignore[union-attr]


def _parse(
    text: str,
    registry: _Registry,
    *,
    lang: str,
    tables: dict[str, Callable[[], Table]],
    charts: dict[str, Callable[[], Chart | None]],
    meta: dict[str, Any],
) -> Document:
    doc = Document(lang=lang, title="", meta=dict(meta))
    joiner = " " if lang == "en" else ""
    current: list[Block | Section] = doc.body
    level1: Section | None = None
    pending: list[str] = []
    key = ""

    def flush() -> None:
        nonlocal key
        if not pending:
            return
        para = Paragraph(_runs(joiner.join(pending), registry), key=key)
        pending.clear()
        key = ""
        if level1 is None:
            para.style = "opening"
            doc.front.append(para)
        else:
            current.append(para)

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            flush()
            continue
        if line.startswith("=key "):  # names the next paragraph (authored text may replace it)
            flush()
            key = line[5:].strip()
            continue
        if line.startswith("=") and " " in line:
            flush()
            style, rest = line[1:].split(" ", 1)
            if style == "title":  # "|" marks where a long title may break into lines
                parts = [_plain(x, registry).strip() for x in rest.split("|")]
                doc.title = "".join(parts)
                doc.title_lines = title_lines(parts) if lang == "zh" else [doc.title]
            elif style in _FRONT_STYLES:
                if "|" in rest:  # a line that may break where the template marks it ("——…日在|…会议上")
                    parts = [x.strip() for x in rest.split("|")]
                    rest = "\n".join(title_lines(parts, OCCASION_CHARS)) if lang == "zh" else "".join(parts)
                para = Paragraph(_runs(rest.strip(), registry), style=style)
                if level1 is None:
                    doc.front.append(para)
                elif style == "closing":  # the last words of the speech: after the section's subsections
                    level1.blocks.append(para)
                    current = level1.blocks
                else:
                    current.append(para)
            else:
                raise ReportTemplateError(f"unknown markup line {line!r}")
        elif line.startswith("## "):
            flush()
            if level1 is None:
                raise ReportTemplateError(f"subsection before any section: {line!r}")
            sub = Section(_runs(line[3:].strip(), registry), level=2)
            level1.blocks.append(sub)
            current = sub.blocks
        elif line.startswith("# "):
            flush()
            level1 = Section(_runs(line[2:].strip(), registry), level=1)
            doc.body.append(level1)
            current = level1.blocks
        elif line.startswith("[[") and line.endswith("]]"):
            flush()
            kind, _, key = line[2:-2].partition(":")
            makers: dict[str, dict[str, Callable[[], Table]] | dict[str, Callable[[], Chart | None]]] = {
                "table": tables, "chart": charts}
            factory = makers.get(kind, {}).get(key)
            if factory is None:
                raise ReportTemplateError(f"no {kind} named {key!r} for {line!r}")
            if level1 is None:
                raise ReportTemplateError(f"{line} must be inside a section")
            block = factory()
            if block is not None:  # a chart with nothing to draw is left out
                current.append(block)
        else:
            pending.append(line)
    flush()
    return doc


def _plain(text: str, registry: _Registry) -> str:
    return "".join(r if isinstance(r, str) else r.text for r in _runs(text, registry))
