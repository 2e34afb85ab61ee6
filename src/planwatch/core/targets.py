"""Targets in the forms plans write them, and whether a figure meets one.

Kinds (``model.TargetKind``): growth at least / at most (增长6%以上, 增长控制在3%以内), a level at least /
at most (不少于210万平方米, 控制在…以内), a reduction of at least x% (下降3%), a rate to reach or keep under
(达到90%, 控制在4.5%以内) and a milestone by a date (9月底前…).

The comparison rule (see docs/core.md): a figure meets a target when the figure **as published** meets
it: published figures are compared as written; a computed figure is first rounded half up to the
decimals it will be published with (``decimals``). The result is ``marginal`` when the target lies
inside the figure's rounding interval, i.e. the unrounded truth could be on either side.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from .intervals import Interval, decimals_of, round_half_up
from .model import TargetKind
from .units import match_unit


@dataclass(frozen=True, slots=True)
class TargetResult:
    met: bool | None  # None: not yet decidable (no figure, milestone pending, no target)
    gap: Decimal | None  # margin on the good side of the target (negative: short of it), target units
    text_zh: str
    text_en: str
    marginal: bool = False  # the target lies within the rounding interval of the figure


def _fmt(value: Decimal) -> str:
    """A Decimal as a reader writes it: no exponent, no trailing zeros beyond those written."""
    text = format(value, "f")
    return text


def _compare(figure: Decimal, decimals: int | None) -> tuple[Decimal, Interval]:
    n = decimals_of(figure) if decimals is None else decimals
    shown = round_half_up(figure, n) if decimals is not None else figure
    return shown, Interval.published(shown, n)


GROWTH_KINDS = (TargetKind.GROWTH_AT_LEAST, TargetKind.GROWTH_AT_MOST, TargetKind.REDUCTION_AT_LEAST)
LEVEL_KINDS = (TargetKind.LEVEL_AT_LEAST, TargetKind.LEVEL_AT_MOST)
RATE_KINDS = (TargetKind.RATE_AT_LEAST, TargetKind.RATE_AT_MOST)
AT_MOST_KINDS = (TargetKind.GROWTH_AT_MOST, TargetKind.LEVEL_AT_MOST, TargetKind.RATE_AT_MOST)


def describe(kind: TargetKind, target: Decimal | None, unit: str = "", due: dt.date | None = None) -> tuple[str, str]:
    """The target in words, Chinese and English: ("增长6%以上", "growth of at least 6%")."""
    t = _fmt(target) if target is not None else ""
    u = unit
    if kind is TargetKind.GROWTH_AT_LEAST:
        return f"增长{t}%以上", f"growth of at least {t}%"
    if kind is TargetKind.GROWTH_AT_MOST:
        return f"增长控制在{t}%以内", f"growth of at most {t}%"
    if kind is TargetKind.REDUCTION_AT_LEAST:
        return f"下降{t}%以上", f"a fall of at least {t}%"
    if kind is TargetKind.LEVEL_AT_LEAST:
        return f"不少于{t}{u}", f"at least {t} {u}".rstrip()
    if kind is TargetKind.LEVEL_AT_MOST:
        return f"控制在{t}{u}以内", f"at most {t} {u}".rstrip()
    if kind is TargetKind.RATE_AT_LEAST:
        return f"达到{t}{u or '%'}", f"reach {t}{u or '%'}"
    if kind is TargetKind.RATE_AT_MOST:
        return f"控制在{t}{u or '%'}以内", f"at most {t}{u or '%'}"
    if kind is TargetKind.QUALITATIVE:
        return "定性目标", "a target in words"
    when_zh = f"{due.year}年{due.month}月{due.day}日前" if due else "按期"
    when_en = f"by {due.isoformat()}" if due else "on time"
    return f"{when_zh}完成", f"done {when_en}"


def evaluate(
    kind: TargetKind | str,
    target: Decimal | None,
    *,
    level: Decimal | None = None,
    growth_pct: Decimal | None = None,
    done_by: dt.date | None = None,
    due: dt.date | None = None,
    on: dt.date | None = None,
    unit: str = "",
    decimals: int | None = None,
) -> TargetResult:
    """Whether a figure meets a target of ``kind``.

    growth_* and reduction_at_least read ``growth_pct`` (yoy, percent); level_* and rate_* read
    ``level`` (in the target's unit; convert first with ``units.convert``). A milestone is met when
    ``done_by <= due``, missed (met False) when done late or when ``on > due`` and not done, and
    pending (None) otherwise. ``decimals``: the decimals a computed figure will be published with.
    """
    kind = TargetKind(kind)
    want_zh, want_en = describe(kind, target, unit, due)
    if kind is TargetKind.QUALITATIVE:
        return TargetResult(None, None, "定性目标，不以数据判断", "a target in words, not judged by a figure")
    if kind is TargetKind.MILESTONE:
        return _milestone(due, done_by, on, want_zh, want_en)
    if target is None:
        return TargetResult(None, None, "未设定目标", "no target set")
    figure = growth_pct if kind in GROWTH_KINDS else level
    if figure is None:
        return TargetResult(None, None, f"目标{want_zh}，暂无数据", f"target {want_en}; no figure yet")
    shown, iv = _compare(figure, decimals)
    if kind is TargetKind.REDUCTION_AT_LEAST:
        fall, fall_iv = -shown, Interval(-iv.hi, -iv.lo)
        gap = fall - target
        marginal = fall_iv.lo < target < fall_iv.hi
        figure_zh, figure_en = (f"下降{_fmt(fall)}%", f"a fall of {_fmt(fall)}%") if fall >= 0 else (
            f"增长{_fmt(-fall)}%", f"growth of {_fmt(-fall)}%")
    else:
        gap = target - shown if kind in AT_MOST_KINDS else shown - target
        marginal = iv.lo < target < iv.hi
        if kind in GROWTH_KINDS:
            figure_zh = f"增长{_fmt(shown)}%" if shown >= 0 else f"下降{_fmt(-shown)}%"
            figure_en = f"growth of {_fmt(shown)}%"
        else:
            figure_zh = f"{_fmt(shown)}{unit}"
            figure_en = f"{_fmt(shown)}{unit}" if unit in ("%", "") else f"{_fmt(shown)} {unit}"
    met = gap >= 0
    pp = kind in GROWTH_KINDS or (kind in RATE_KINDS and unit in ("", "%"))
    size_zh = f"{_fmt(abs(gap))}个百分点" if pp else f"{_fmt(abs(gap))}{unit}"
    size_en = f"{_fmt(abs(gap))} points" if pp else f"{_fmt(abs(gap))} {unit}".rstrip()
    if met:
        zh = f"{figure_zh}，达到{want_zh}的目标" + (f"，超出{size_zh}" if gap else "")
        en = f"{figure_en} meets the target of {want_en}" + (f" by {size_en}" if gap else "")
    else:
        zh = f"{figure_zh}，未达到{want_zh}的目标，相差{size_zh}"
        en = f"{figure_en} misses the target of {want_en} by {size_en}"
    return TargetResult(met, gap, zh, en, marginal)


def _milestone(
    due: dt.date | None, done_by: dt.date | None, on: dt.date | None, want_zh: str, want_en: str
) -> TargetResult:
    if due is None:
        return TargetResult(None, None, "未设定完成时限", "no due date set")
    if done_by is not None:
        late = (done_by - due).days
        if late <= 0:
            return TargetResult(True, Decimal(-late), f"已于{done_by.isoformat()}完成，{want_zh}",
                                f"done on {done_by.isoformat()}, {want_en}")
        return TargetResult(False, Decimal(-late), f"于{done_by.isoformat()}完成，逾期{late}天",
                            f"done on {done_by.isoformat()}, {late} days late")
    if on is not None and on > due:
        late = (on - due).days
        return TargetResult(False, Decimal(-late), f"应于{due.isoformat()}前完成，已逾期{late}天",
                            f"due {due.isoformat()}, {late} days overdue")
    return TargetResult(None, None, f"应于{due.isoformat()}前完成，尚在期限内",
                        f"due {due.isoformat()}, not yet due")


# --- the plan's wordings -------------------------------------------------------------------------

_CN_MONTH = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
             "十一": 11, "十二": 12}
_NUM = r"(\d+(?:\.\d+)?)"
_DUE_MONTH = re.compile(r"(?:(\d{4})年)?(\d{1,2}|十[一二]?|[一二三四五六七八九])月(?:底|末)?(?:前|之前)")
_DUE_QUARTER = re.compile(r"(?:(\d{4})年)?(?:第)?([一二三四1-4])季度(?:末|底)?(?:前)?")
_DUE_YEAR_END = re.compile(r"(?:(\d{4})年)?(年底|年内|年末)")

_FORMS: list[tuple[re.Pattern[str], TargetKind]] = [
    (re.compile(r"增长(?:速度|率)?控制在" + _NUM + r"[%％]以内"), TargetKind.GROWTH_AT_MOST),
    (re.compile(r"增长(?:速度|率)?(?:不超过|不高于)" + _NUM + r"[%％]"), TargetKind.GROWTH_AT_MOST),
    (re.compile(r"增长" + _NUM + r"[%％](?:以内|以下)"), TargetKind.GROWTH_AT_MOST),
    (re.compile(r"增长(?:不低于|不少于)?" + _NUM + r"[%％](?:以上|左右|上下)?"), TargetKind.GROWTH_AT_LEAST),
    (re.compile(r"(?:下降|降低|减少)(?:不少于|不低于)?" + _NUM + r"[%％]"), TargetKind.REDUCTION_AT_LEAST),
    (re.compile(r"(?:控制在|不超过|不高于)" + _NUM + r"[%％](?:以内|以下)?"), TargetKind.RATE_AT_MOST),
    (re.compile(r"(?:达到|保持在|不低于|提高到|提升至|提高至)" + _NUM + r"[%％](?:以上)?"), TargetKind.RATE_AT_LEAST),
    (re.compile(_NUM + r"[%％]以上"), TargetKind.RATE_AT_LEAST),
    (re.compile(r"(?:控制在|不超过|不多于)" + _NUM + r"(?=\D)"), TargetKind.LEVEL_AT_MOST),
    (re.compile(r"(?:不少于|不低于|达到|力争|超过)" + _NUM + r"(?=\D)"), TargetKind.LEVEL_AT_LEAST),
]
_PLAIN = re.compile(_NUM + r"(?=\D)")


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def parse_due(text: str, year: int | None = None) -> dt.date | None:
    """The deadline a wording names: "9月底前" → 30 Sept of the plan year, "年底前" → 31 Dec, "第三季度" → 30 Sept.

    Returns None when the text names no deadline, or names one but neither it nor ``year`` gives a year.
    """
    m = _DUE_MONTH.search(text)
    if m:
        y = int(m.group(1)) if m.group(1) else year
        mon = m.group(2)
        month = int(mon) if mon.isdigit() else _CN_MONTH[mon]
        if not 1 <= month <= 12 or y is None:
            return None
        return _month_end(y, month)
    m = _DUE_QUARTER.search(text)
    if m:
        y = int(m.group(1)) if m.group(1) else year
        q = m.group(2)
        n = int(q) if q.isdigit() else "一二三四".index(q) + 1
        return _month_end(y, 3 * n) if y is not None else None
    m = _DUE_YEAR_END.search(text)
    if m:
        y = int(m.group(1)) if m.group(1) else year
        return _month_end(y, 12) if y is not None else None
    return None


def parse_target_text(
    text: str, year: int | None = None
) -> tuple[TargetKind, Decimal | None, str, dt.date | None] | None:
    """Read a plan's wording into (kind, value, unit, due); None when it holds no target.

    "增长6%以上" and "增长6%左右" → (growth_at_least, 6, "%", None) (左右 is read as at least; see
    docs/core.md); "不少于210万平方米" → (level_at_least, 210, "万平方米", None); "控制在4.5%以内" →
    rate_at_most; "下降3%" → reduction_at_least; "达到90%" → rate_at_least; "力争5家" → level_at_least;
    "新增养老床位590张" (a plain quantity) → level_at_least. A deadline ("9月底前", "年底前") sets ``due``
    (end of that month of ``year``); a deadline without a quantitative form is a milestone, value None.
    """
    s = "".join(str(text).split())
    if not s:
        return None
    due = parse_due(s, year)
    for pattern, kind in _FORMS:
        m = pattern.search(s)
        if not m:
            continue
        value = Decimal(m.group(1))
        if kind in (TargetKind.LEVEL_AT_LEAST, TargetKind.LEVEL_AT_MOST):
            unit = match_unit(s[m.end():])
            if not unit:
                continue
            return kind, value, unit, due
        return kind, value, "%", due
    if due is not None:
        return TargetKind.MILESTONE, None, "", due
    for m in _PLAIN.finditer(s):
        unit = match_unit(s[m.end():])
        if unit and unit not in ("%", "％"):
            return TargetKind.LEVEL_AT_LEAST, Decimal(m.group(1)), unit, due
    return None
