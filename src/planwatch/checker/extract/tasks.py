"""Tasks from the plan's measures: each quantified commitment, and each commitment with a deadline.

A task is a figure of a plan section that is no target of an indicator: a count, an area, a length, an
amount of money or a rate of a piece of work (完成470户棚改签约, 新增养老床位590张, 全年拆违面积不少于210万
平方米, 开工率达到95%以上), with its target form (不超过/控制在 → at most, else at least), its unit as written,
the deadline its clause names (9月底前, 年底前, 年内, 三季度末前) and the clause as the plan's wording. A clause
with a deadline and an action but no figure (年底前建成市第二人民医院新院区) is a milestone.

Not tasks: a threshold (10亿元以上项目, 3000户以上大型社区), a count the clause only describes (对5个取得立项
批复的项目, 与区内19家高等院校), a duration, a share of a task done, another region's figure. The task's name is
its clause without the figure, the deadline and the words of emphasis (力争, 确保, 全年); its area is the
sub-heading it stands under (（一）扩大有效投资), else its section; its lead department is left to assign.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal

from planwatch.core.model import TargetKind

from .collect import clause_span
from .layout import Layout
from .model import GUESS, LIKELY, Item
from .observations import written_unit
from .reasons import Reason, because

_THRESHOLD_AFTER = re.compile(r"^(以上|以下)(的)?[\u4e00-\u9fff]")
_DESCRIPTIVE_BEFORE = re.compile(r"(对|与|向|从|在|占|前|共有|其余|剩余的|中的)$")
# a preposition governing the list the figure stands in: 注重与区内19家高等院校、88家科研院所; 在全区540个社区
_GOVERNED = re.compile(r"((?<!参)与|对(?!标|接|口|外|表)|在)[^，；。\d]{0,6}(\d[^，；。]{0,40})?$")
_NOT_WORK_UNITS = ("方面", "大", "类", "种", "批次")
_COMMITMENT_WEAK = re.compile(r"(加快|推进|抓好|推动|加快推进|持续推进|统筹推进|做好|聚焦|围绕)[^，；。]{0,6}$")
_DURATION = ("月", "个月", "年", "季度", "个季度", "周", "天", "小时", "分钟", "工作日")
_ACTION = re.compile(
    r"完成|建成|实现|开工|开复工|复工|完工|投入|投用|投产|运行|运营|开放|开业|封顶|全覆盖|招生|启用|通车|验收|竣工|落地|"
    r"上线|挂牌|签约|交付|到位"
)
_DEADLINE = re.compile(
    r"(力争|确保|争取|计划|要)?(在)?((\d{1,2}|十[一二]?|[一二三四五六七八九])月(底|末|份)?(前|之前)|年底前|年内|年末前|"
    r"(第?[一二三四1-4])季度(末|底)?前?|上半年(前|内)?)"
)
_LEAD_WORDS = re.compile(
    r"^([一二三四五六七八九十]是|其中|全年|今年|明年|下半年|力争|确保|争取|计划|年内|再|同时|并|累计|全力|努力|要|在|和|及|与)+"
)
_BOUND_WORDS = re.compile(r"(不少于|不低于|不超过|不高于|控制在|超过|达到|至少|约|近|以上|以内|以下|左右)")
_NAME_MAX = 24
_NAME_MARKS = "、，,；;：:。！？!?\n\t"  # a task is named within its item of a list (拆除违法建设…、腾退土地…)


@dataclass(slots=True)
class DraftTask:
    name: str
    kind: TargetKind
    value: Decimal | None
    unit: str
    due: dt.date | None
    text: str
    area: str  # the area's name (a sub-heading or the section's title)
    source: str
    line: int
    confidence: float = LIKELY
    reasons: list[Reason] = field(default_factory=list)


def _area(layout: Layout, pos: int) -> str:
    area = layout.area_of(pos)
    if area is not None:
        return area.name
    sec = layout.doc.section_of(pos)
    return sec.title if sec is not None else ""


def figure_tasks(items: list[Item], layout: Layout) -> list[DraftTask]:
    out: list[DraftTask] = []
    doc = layout.doc
    for item in items:
        f = item.fact
        if item.used or item.role != "plan" or f.modality != "target" or f.scope or f.role or f.source != "text":
            continue
        if _in_table_row(doc.norm, f.start):
            continue  # a cell of a table (序时进度 49.6%): the table's rows are no measures
        if f.kind not in ("amount", "rate") or written_unit(item) in _DURATION:
            continue
        if f.kind == "rate" and item.ref is not None and item.ref.entry is not None:
            continue  # 力争达到7%: a figure of an indicator, not a piece of work
        sent = doc.sentences[f.sentence]
        a, b = clause_span(doc.norm, sent.start, sent.end, f.start, f.end)
        before, after = doc.norm[a : f.start], doc.norm[f.end : b]
        if _THRESHOLD_AFTER.match(after) or _DESCRIPTIVE_BEFORE.search(_DEADLINE.sub("", before).rstrip()):
            continue
        if _GOVERNED.search(_DEADLINE.sub("", before)) or written_unit(item) in _NOT_WORK_UNITS or after.startswith("方面"):
            continue  # a count the clause describes, or a count of aspects (12方面50项重点任务)
        unit = written_unit(item)
        at_most = f.bound in ("le", "lt")
        if f.kind == "rate":
            kind = TargetKind.RATE_AT_MOST if at_most else TargetKind.RATE_AT_LEAST
        else:
            kind = TargetKind.LEVEL_AT_MOST if at_most else TargetKind.LEVEL_AT_LEAST
        na, nb = clause_span(doc.norm, a, b, f.start, f.end, marks=_NAME_MARKS)
        after_figure = max((i.fact.end for i in items if i.fact.sentence == f.sentence and na <= i.fact.end <= f.start), default=-1)
        if after_figure >= 0:  # 5个发热筛查哨点和7间负压病房建设: the words before belong to the figure before
            na = f.start if re.search(r"(和|及|与)$", doc.norm[after_figure : f.start]) else after_figure
        nb = min([nb, *(i.fact.start for i in items if i.fact.sentence == f.sentence and f.end <= i.fact.start <= nb)])
        task = DraftTask(
            name=_name(doc.text[na : f.start], doc.text[f.end : nb]) or f.subject, kind=kind, value=f.written,
            unit=unit, due=layout.due(doc.norm[a:b]), text=_wording(doc.text[na:nb]), area=_area(layout, f.start),
            source=item.sentence, line=f.line,
        )
        if _COMMITMENT_WEAK.search(before):
            task.confidence, task.reasons = GUESS, [because("weak_commitment")]
        if f.bound == "range":
            task.reasons.append(because("range"))
        item.used = True
        out.append(task)
    return out


def milestone_tasks(items: list[Item], layout: Layout) -> list[DraftTask]:
    doc = layout.doc
    figures = sorted(i.fact.start for i in items if written_unit(i) not in _DURATION)  # 15分钟健身圈: a name
    out: list[DraftTask] = []
    for sent in doc.sentences:
        if layout.role(sent.start) != "plan":
            continue
        for m in re.finditer(r"[^，,；;。\n：:]+", doc.norm[sent.start : sent.end]):
            a, b = sent.start + m.start(), sent.start + m.end()
            clause = doc.norm[a:b]
            if not _DEADLINE.search(clause) or not _ACTION.search(clause) or any(a <= p < b for p in figures):
                continue
            due = layout.due(clause)
            if due is None:
                continue
            text = doc.text[a:b].strip()
            out.append(DraftTask(_name(_DEADLINE.sub("", doc.text[a:b]), ""), TargetKind.MILESTONE, None, "", due,
                                 text, _area(layout, a), doc.text[sent.start : sent.end].strip(), doc.line_col(a)[0],
                                 GUESS, [because("milestone")]))
    return out


def _in_table_row(text: str, pos: int) -> bool:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    line = text[start : end if end >= 0 else len(text)]
    return "\t" in line or line.count("|") >= 2


def _wording(text: str) -> str:
    """The plan's words of one task: its item of a list (全年拆违面积不少于210万平方米、腾退土地… → the first)."""
    return re.sub(r"^(和|及|与|、)|(和|及|与|、)$", "", text.strip()).strip()


def _name(before: str, after: str) -> str:
    before = _BOUND_WORDS.sub("", _DEADLINE.sub("", before)).strip()
    after = _DEADLINE.sub("", re.sub(r"^(以上|以内|以下|左右)", "", after)).strip()
    name = re.sub(r"(和|及|与|、)$", "", _LEAD_WORDS.sub("", before + after).strip())
    name = re.sub(r"[（(][^）)]*[）)]", "", name)
    return name[:_NAME_MAX]
