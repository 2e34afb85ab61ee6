"""The same figure stated twice: the headline paragraph and the body, or the report and its table.

Two facts are the same figure when they have the same indicator (``scopes.canonical``: 地区生产总值 = GDP),
scope (全区 / 全市), period, kind, basis (a growth with no basis word counts as yoy) and base period, the
same measure (5.03万亿元 and 50312.6亿元 are one quantity), are both stated exactly and stand in different
sentences. Each later statement is checked against the first: consistent when some value rounds to both
(3640.7亿元 and 3641亿元 agree). Exact counts of things (12项, 30件) are never matched: a count's name is too often
carried from the figure before it (共30件…已完成12件), and nothing is matched under a generic name (增速, 总量).
"""

from __future__ import annotations

import re
from collections import defaultdict

from .checks import Check, judge
from .model import Fact
from .partners import GENERIC, Index, eq, family, in_unit_of, key, measure
from .units import is_counter

# indicators a report states in its headline and again in its body or table
INDICATOR = re.compile(
    r"(GDP|生产总值|增加值|总产值|预算收入|税收收入|固定资产投资|零售总额|可支配收入|失业率|新增就业|进出口(总额)?|"
    r"使用外资|利用外资|城镇化率|研发投入强度|能耗|总消费|粮食(总)?产量|居民消费价格|出口(总额)?|进口(总额)?|"
    r"营业收入|建安投资|民间投资|工业投资|基础设施投资|房地产开发投资)$"
)


def _signature(f: Fact, table_keys: set[str]) -> tuple[str, ...] | None:
    k = key(f)
    if not k or len(k) < 2 or GENERIC.match(k) or not eq(f) or f.modality != "actual":
        return None
    if f.source != "table" and not INDICATOR.search(k) and k not in table_keys:
        return None  # 收入总量, 调入资金: names that different scopes (全区, 区本级) share
    if f.role in ("task_share", "structure") or f.kind == "rank" or f.group < -1:
        return None
    if is_counter(f.unit) and f.exact:
        return None  # counts: 项, 个, 件 of what is seldom named the same way twice
    m = measure(f)
    if m is None:
        return None
    return (k, f.scope, f.period, f.kind, family(f), f.base_period, m[0], f.against)


def repeat(ix: Index) -> list[Check]:
    groups: dict[tuple[str, ...], list[Fact]] = defaultdict(list)
    table_keys = {key(f) for f in ix.facts if f.source == "table"}
    for f in ix.facts:
        sig = _signature(f, table_keys)
        if sig is not None:
            groups[sig].append(f)
    out: list[Check] = []
    for facts in groups.values():
        if len(facts) < 2:
            continue
        first = facts[0]
        reference = measure(first)
        if reference is None:
            continue
        for later in facts[1:]:
            if later.sentence == first.sentence:
                continue
            out.append(judge("repeat", later, [first], in_unit_of(later, reference[1]), first=first.shown(),
                             first_line=str(first.line)))
    return out
