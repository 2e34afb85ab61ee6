"""Every way of writing a number gives the same facts: full width, spaces, thousands separators, Chinese
numerals (our reader against cn2an)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import cn2an
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planwatch.checker import check_text
from planwatch.checker.normalize import normalize
from planwatch.checker.numbers import chinese_value

from .conftest import DATA

HEAD = "关于某区2021年国民经济和社会发展计划上半年执行情况的报告\n一、上半年计划执行情况\n"
_TWIN = {**{str(i): chr(0xFF10 + i) for i in range(10)}, ".": "．", "%": "％", ",": "，",
         **{chr(0x41 + i): chr(0xFF21 + i) for i in range(26)}, **{chr(0x61 + i): chr(0xFF41 + i) for i in range(26)}}


def full_width(text: str) -> str:
    """The full-width twin: digits, points, percent, commas and Latin letters written full width."""
    return "".join(_TWIN.get(ch, ch) for ch in text)


def _same(ascii_text: str) -> None:
    twin = full_width(ascii_text)
    assert len(normalize(twin)) == len(twin)
    facts_a, checks_a = check_text(ascii_text)
    facts_b, checks_b = check_text(twin)
    strip = [{k: v for k, v in f.as_json().items() if k != "text"} for f in facts_a]
    assert strip == [{k: v for k, v in f.as_json().items() if k != "text"} for f in facts_b]
    for f in facts_b:
        assert twin[f.start : f.end] == f.text
    assert [(c.relation, c.status, c.stated, c.expected) for c in checks_a] == [
        (c.relation, c.status, c.stated, c.expected) for c in checks_b]


@pytest.mark.parametrize("path", [DATA / "seed_chaoyang_2021h1.txt", *sorted((DATA / "relations" / "dev").glob("d0*.txt"))])
def test_full_width_twin_of_a_report_gives_its_facts(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    _same(text.split("\n---\n", 1)[-1])


SENTENCES = st.sampled_from([
    "上半年GDP实现{a}亿元，同比增长{p}%，比2019年上半年增长{q}%。",
    "全区完成固定资产投资{a}亿元，其中工业投资{b}亿元，占比{p}%。",
    "城镇调查失业率为{p}%，低于全市平均水平{q}个百分点，全市为{r}%。",
    "新增就业{n}人，完成全年任务的{p}%，PM2.5平均浓度{n}微克/立方米。",
    "实际利用外资{a}亿美元，同比增长{p}%；外贸进出口{n},{m}万元。",
])
num = st.integers(1, 99_999).map(lambda n: str(Decimal(n).scaleb(-1)))


@settings(max_examples=80, deadline=None)
@given(template=SENTENCES, a=num, b=num, p=num, q=num, r=num, n=st.integers(1, 999), m=st.integers(100, 999))
def test_full_width_twin_of_generated_sentences(
    template: str, a: str, b: str, p: str, q: str, r: str, n: int, m: int
) -> None:
    _same(HEAD + template.format(a=a, b=b, p=p, q=q, r=r, n=n, m=m))


@pytest.mark.parametrize(
    ("written", "plain"),
    [("1 250.4亿元", "1250.4亿元"), ("1\u2009250.4亿元", "1250.4亿元"), ("1\u202f250.4亿元", "1250.4亿元"),
     ("27,894亿元", "27894亿元"), ("２７，８９４亿元", "27894亿元"), ("增长6. 2%", "增长6.2%"), ("３６４０．７亿元", "3640.7亿元")],
)
def test_spaces_and_separators_inside_numbers(written: str, plain: str) -> None:
    a = check_text(HEAD + written + "。")[0]
    b = check_text(HEAD + plain + "。")[0]
    assert [(f.value, f.unit, f.kind) for f in a] == [(f.value, f.unit, f.kind) for f in b]
    assert len(a) == 1


def test_table_cells_separated_by_single_spaces_are_not_one_number() -> None:
    text = HEAD + "指标名称 单位 1-6月 同比增长% 全年目标\n一般公共预算收入 亿元 48.6 6.2 92\n"
    values = sorted(f.value for f in check_text(text)[0])
    assert values == sorted([Decimal("4860000000.0"), Decimal("6.2"), Decimal("9200000000")])


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 10**12))
def test_chinese_numerals_agree_with_cn2an(n: int) -> None:
    written = cn2an.an2cn(n)
    assert chinese_value(written) == n == cn2an.cn2an(written, "normal")


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 99_999), st.integers(1, 9))
def test_chinese_decimals_agree_with_cn2an(n: int, d: int) -> None:
    written = cn2an.an2cn(f"{n}.{d}")
    assert chinese_value(written) == Decimal(f"{n}.{d}")


def test_checking_does_not_import_cn2an() -> None:
    import subprocess
    import sys

    code = ("import sys; from planwatch.checker import check_text; "
            "check_text('关于某区2021年国民经济和社会发展计划上半年执行情况的报告\\n新增三千六百个车位，百余项。'); "
            "print('cn2an' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
