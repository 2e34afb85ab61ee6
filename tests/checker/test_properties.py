"""Generated sentences with known figures read back to those figures; generated averages check out."""

from __future__ import annotations

from decimal import Decimal

import cn2an
from hypothesis import given, settings
from hypothesis import strategies as st

from planwatch.checker import check_text
from planwatch.checker.facts import find_facts
from planwatch.core.growth import avg_annual
from planwatch.core.intervals import round_half_up

HEAD = "关于某区2021年国民经济和社会发展计划上半年执行情况的报告\n一、上半年计划执行情况\n"
SUBJECTS = ["GDP", "区级一般公共预算收入", "固定资产投资", "社会消费品零售额", "规模以上工业增加值", "税收收入", "建安投资"]
UNITS = {"亿元": ("元", 10**8), "万元": ("元", 10**4), "元": ("元", 1), "万平方米": ("平方米", 10**4),
         "公顷": ("公顷", 1), "亿美元": ("美元", 10**8), "万人": ("人", 10**4)}

decimals = st.integers(min_value=0, max_value=2)
levels = st.builds(lambda n, d: Decimal(n).scaleb(-d), st.integers(1, 9_999_999), decimals)
rates = st.builds(lambda n: Decimal(n).scaleb(-1), st.integers(1, 599))


def signed(word_up: str, word_down: str, value: Decimal) -> tuple[str, Decimal]:
    return (word_up, value) if value >= 0 else (word_down, -value)


@settings(max_examples=150, deadline=None)
@given(
    subject=st.sampled_from(SUBJECTS), level=levels, unit=st.sampled_from(sorted(UNITS)),
    yoy=rates, yoy_down=st.booleans(), vs=rates, vs_down=st.booleans(),
)
def test_headline_sentence_reads_back(
    subject: str, level: Decimal, unit: str, yoy: Decimal, yoy_down: bool, vs: Decimal, vs_down: bool
) -> None:
    vs_signed = -vs if vs_down else vs
    avg = round_half_up(avg_annual(vs_signed, 2), 1)
    avg_word, avg_abs = signed("增长", "下降", avg)
    sentence = (
        f"上半年{subject}完成{level}{unit}，同比{'下降' if yoy_down else '增长'}{yoy}%，"
        f"比2019年上半年{'下降' if vs_down else '增长'}{vs}%，两年平均{avg_word}{avg_abs}%。"
    )
    facts, checks = check_text(HEAD + sentence)
    base_unit, scale = UNITS[unit]
    assert [f.value for f in facts] == [level * scale, -yoy if yoy_down else yoy, vs_signed, avg]
    assert [f.unit for f in facts] == [base_unit, "%", "%", "%"]
    assert [f.basis for f in facts] == ["none", "yoy", "vs_period", "avg_annual"]
    assert {f.subject for f in facts} == {subject}
    (check,) = checks
    assert check.relation == "avg_annual" and check.status == "consistent"


@settings(max_examples=100, deadline=None)
@given(vs=rates, vs_down=st.booleans(), off=st.integers(2, 30), up=st.booleans())
def test_an_average_off_by_two_tenths_or_more_is_flagged(vs: Decimal, vs_down: bool, off: int, up: bool) -> None:
    vs_signed = -vs if vs_down else vs
    avg = round_half_up(avg_annual(vs_signed, 2), 1) + (Decimal(off) / 10 if up else -Decimal(off) / 10)
    avg_word, avg_abs = signed("增长", "下降", avg)
    sentence = f"GDP比2019年上半年{'下降' if vs_down else '增长'}{vs}%，两年平均{avg_word}{avg_abs}%。"
    (check,) = check_text(HEAD + sentence)[1]
    assert check.status == "inconsistent"


@settings(max_examples=200, deadline=None)
@given(n=st.integers(2, 99_999_999), word=st.sampled_from(["个", "家", "项", "套", "处", "名", "户"]))
def test_chinese_numeral_counts_read_back(n: int, word: str) -> None:
    cn = cn2an.an2cn(n)
    (fact,) = find_facts(HEAD + f"全区新建停车场{cn}{word}。")
    assert (fact.value, fact.unit, fact.kind) == (Decimal(n), word, "amount")


@settings(max_examples=100, deadline=None)
@given(
    value=levels,
    bound=st.sampled_from([("约", "", "approx"), ("近", "", "lt"), ("超过", "", "gt"), ("不少于", "", "ge"),
                           ("", "以上", "ge"), ("", "左右", "approx"), ("不超过", "", "le"), ("", "", "eq")]),
)
def test_bound_words_read_back(value: Decimal, bound: tuple[str, str, str]) -> None:
    before, after, expected = bound
    (fact,) = find_facts(HEAD + f"全区完成投资{before}{value}亿元{after}。")
    assert (fact.value, fact.bound) == (value * 10**8, expected)


@settings(max_examples=50, deadline=None)
@given(value=levels, unit=st.sampled_from(sorted(UNITS)))
def test_figures_inside_quotation_marks_are_names(value: Decimal, unit: str) -> None:
    assert find_facts(HEAD + f"开展“{value}{unit}”专项行动。") == []


PIECES = [
    "上半年", "GDP", "完成", "同比增长", "下降", "比2019年上半年", "两年平均", "约", "近", "超", "余", "分别", "、", "，",
    "。", "；", "\n", "占", "全市", "率", "其中", "合计", "全年", "不少于", "以上", "个百分点", "%", "亿元", "万", "个",
    "家", "项", "成", "/", "第", "名", "排名", "“", "”", "《", "》", "年", "月", "一", "两", "十", "百", "千", "零",
    "三、完成全年计划的主要措施\n", "(一)", "-", ".", "5G", "PM2.5",
]
numbers = st.one_of(st.integers(0, 10**9).map(str), st.decimals(0, 1000, places=2).map(str))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(PIECES), numbers), max_size=60))
def test_any_text_reads_without_error_and_offsets_hold(parts: list[str]) -> None:
    text = HEAD + "".join(parts)
    facts, checks = check_text(text)
    ids = {f.id for f in facts}
    for f in facts:
        assert 0 <= f.start < f.end <= len(text) and text[f.start : f.end] == f.text
        assert f.kind in ("amount", "growth", "pp_change", "share", "rate", "rank")
        assert f.bound in ("eq", "approx", "ge", "gt", "le", "lt", "range")
    for c in checks:
        assert set(c.facts) <= ids and c.status in ("consistent", "inconsistent")
        assert c.low <= c.high


def test_a_fall_of_a_hundred_percent_decides_nothing() -> None:
    assert check_text(HEAD + "GDP比2019年上半年下降100%，两年平均下降50%。")[1] == []
