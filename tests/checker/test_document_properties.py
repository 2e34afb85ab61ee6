"""Generated reports in which a relation's figures stand in different paragraphs (Hypothesis).

Each generated report states one relation whose figures are apart: a whole in the headline paragraph and
its part and share paragraphs later; a count of tasks, the part done, and the remainder in a later
section; an indicator in the headline and again in the body (in another unit); a revenue and its split
into 税收收入 / 非税收入 later. Unrelated paragraphs (with figures of other units) stand between. The
correct report reads back to a consistent check of that relation and nothing inconsistent; changing the
stated figure of the relation makes exactly that check inconsistent.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from planwatch.checker import check_text
from planwatch.core.intervals import round_half_up

TITLES = [
    "关于某区{y}年国民经济和社会发展计划上半年执行情况的报告",
    "关于某市{y}年国民经济和社会发展计划执行情况的报告",
    "关于某省{y}年上半年国民经济和社会发展计划执行情况的报告",
]
FILLERS = [
    "科技创新能力持续增强，营商环境不断优化。",
    "新建口袋公园12处，新增绿化面积35公顷。",
    "生态环境质量稳步改善，细颗粒物平均浓度为31微克/立方米。",
    "社会事业全面进步，新增养老床位420张。",
    "城市更新扎实推进，完成背街小巷整治58条。",
]

OWN = ["全区", "全市", "全省"]  # how each title's region names itself
fillers = st.lists(st.sampled_from(FILLERS), min_size=0, max_size=3)
tenths = st.integers(min_value=10, max_value=99_999).map(lambda n: Decimal(n).scaleb(-1))
large = st.integers(min_value=1000, max_value=99_999).map(lambda n: Decimal(n).scaleb(-1))  # ≥ 100.0


def _report(title: int, year: int, paragraphs: list[str]) -> str:
    return "\n".join([TITLES[title].format(y=year), "一、计划执行情况", *paragraphs]) + "\n"


def _inconsistent(text: str) -> list[tuple[str, str]]:
    facts, checks = check_text(text)
    by_id = {f.id: f for f in facts}
    return [(c.relation, "/".join(by_id[i].text for i in c.facts)) for c in checks if c.status == "inconsistent"]


def _relations(text: str, relation: str) -> list[str]:
    return [c.status for c in check_text(text)[1] if c.relation == relation]


@settings(max_examples=60, deadline=None)
@given(title=st.integers(0, 2), year=st.integers(2019, 2030), whole=large, ratio=st.integers(50, 900),
       before=fillers, between=fillers, off=st.integers(20, 80), up=st.booleans())
def test_share_of_a_whole_stated_paragraphs_earlier(
    title: int, year: int, whole: Decimal, ratio: int, before: list[str], between: list[str], off: int, up: bool
) -> None:
    part = round_half_up(whole * ratio / 1000, 1)
    share = round_half_up(100 * part / whole, 1)
    head = f"{OWN[title]}完成固定资产投资{whole}亿元，同比增长6.3%。"
    tail = f"其中，工业投资{part}亿元，占{OWN[title]}投资的比重为{share}%。"
    text = _report(title, year, [*before, head, *between, tail])
    assert _relations(text, "share_parts") == ["consistent"]
    assert _inconsistent(text) == []
    wrong = share + Decimal(off) / 10 * (1 if up else -1)
    if wrong <= 0:
        return
    bad = text.replace(f"比重为{share}%", f"比重为{wrong}%")
    assert [r for r, _ in _inconsistent(bad)] == ["share_parts"]


@settings(max_examples=60, deadline=None)
@given(title=st.integers(0, 2), year=st.integers(2019, 2030), total=st.integers(12, 400), done=st.integers(1, 99),
       between=fillers, off=st.integers(1, 9), up=st.booleans())
def test_tasks_done_and_the_remainder_in_a_later_section(
    title: int, year: int, total: int, done: int, between: list[str], off: int, up: bool
) -> None:
    done = max(1, total * done // 100)
    rest = total - done
    paragraphs = [
        f"今年确定的重点任务共{total}项。截至目前，已完成{done}项。",
        *between,
        "二、存在的问题",
        f"仍有{rest}项任务进度滞后，需要加大推进力度。",
    ]
    text = _report(title, year, paragraphs)
    assert _relations(text, "parts_total") == ["consistent"]
    assert _inconsistent(text) == []
    wrong = rest + off if up else max(0, rest - off)
    if wrong == rest:
        return
    bad = text.replace(f"仍有{rest}项", f"仍有{wrong}项")
    assert _inconsistent(bad) == [("parts_total", f"{total}项/{done}项/{wrong}项")]


@settings(max_examples=60, deadline=None)
@given(title=st.integers(0, 2), year=st.integers(2019, 2030), value=large, growth=st.integers(-99, 199),
       between=fillers, in_wan=st.booleans(), off=st.integers(2, 30), up=st.booleans())
def test_an_indicator_stated_again_in_the_body(
    title: int, year: int, value: Decimal, growth: int, between: list[str], in_wan: bool, off: int, up: bool
) -> None:
    g = Decimal(growth).scaleb(-1)
    word = "增长" if g >= 0 else "下降"
    again = f"{(value * 10000).normalize():f}万元" if in_wan else f"{value}亿元"
    paragraphs = [
        f"{OWN[title]}实现地区生产总值{value}亿元，同比{word}{abs(g)}%。",
        *between,
        f"（二）经济结构持续优化。地区生产总值{again}，经济总量稳步扩大。",
    ]
    text = _report(title, year, paragraphs)
    assert _relations(text, "repeat") == ["consistent"]
    assert _inconsistent(text) == []
    factor = 1 + (Decimal(off) / 100) * (1 if up else -1)
    changed = round_half_up(value * factor, 1)
    wrong = f"{(changed * 10000).normalize():f}万元" if in_wan else f"{changed}亿元"
    bad = text.replace(f"优化。地区生产总值{again}", f"优化。地区生产总值{wrong}")
    assert [r for r, _ in _inconsistent(bad)] == ["repeat"]


@settings(max_examples=60, deadline=None)
@given(title=st.integers(0, 2), year=st.integers(2019, 2030), tax=tenths, nontax=tenths, between=fillers,
       off=st.integers(3, 50), up=st.booleans())
def test_revenue_and_its_split_stated_apart(
    title: int, year: int, tax: Decimal, nontax: Decimal, between: list[str], off: int, up: bool
) -> None:
    total = tax + nontax
    paragraphs = [
        f"一般公共预算收入完成{total}亿元，同比增长5.2%。",
        *between,
        f"（三）财政收入结构。其中，税收收入{tax}亿元、非税收入{nontax}亿元。",
    ]
    text = _report(title, year, paragraphs)
    assert _relations(text, "parts_total") == ["consistent"]
    assert _inconsistent(text) == []
    wrong = nontax + Decimal(off) / 10 * (1 if up else -1)
    if wrong <= 0:
        return
    bad = text.replace(f"非税收入{nontax}亿元", f"非税收入{wrong}亿元")
    assert [r for r, _ in _inconsistent(bad)] == ["parts_total"]
