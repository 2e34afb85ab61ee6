"""The seed report (Chaoyang 2021 H1): headline facts, the verified relations, and single-figure edits."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planwatch.checker import check_text

# The headline paragraph, read by hand: (figure as written, subject, value, unit, kind, basis, bound)
HEADLINE = [
    ("3640.7亿元", "GDP", "364070000000", "元", "amount", "none", "eq"),
    ("13.5%", "GDP", "13.5", "%", "growth", "yoy", "eq"),
    ("7.9%", "GDP", "7.9", "%", "growth", "vs_period", "eq"),
    ("3.9%", "GDP", "3.9", "%", "growth", "avg_annual", "eq"),
    ("298亿元", "区级一般公共预算收入", "29800000000", "元", "amount", "none", "eq"),
    ("12.7%", "区级一般公共预算收入", "12.7", "%", "growth", "yoy", "eq"),
    ("1%", "区级一般公共预算收入", "-1", "%", "growth", "vs_period", "eq"),
    ("0.5%", "区级一般公共预算收入", "-0.5", "%", "growth", "avg_annual", "eq"),
    ("431.1亿元", "固定资产投资", "43110000000", "元", "amount", "none", "eq"),
    ("4.2%", "固定资产投资", "4.2", "%", "growth", "yoy", "eq"),
    ("6.7%", "固定资产投资", "-6.7", "%", "growth", "vs_period", "eq"),
    ("3.4%", "固定资产投资", "-3.4", "%", "growth", "avg_annual", "eq"),
    ("159.6亿元", "建安投资", "15960000000", "元", "amount", "none", "eq"),
    ("6.7%", "建安投资", "6.7", "%", "growth", "yoy", "eq"),
    ("12%", "建安投资", "-12", "%", "growth", "vs_period", "eq"),
    ("6.2%", "建安投资", "-6.2", "%", "growth", "avg_annual", "eq"),
    ("22.8%", "总消费", "22.8", "%", "growth", "yoy", "eq"),
    ("2.2%", "总消费", "2.2", "%", "growth", "avg_annual", "eq"),
    ("1765.7亿元", "社会消费品零售额", "176570000000", "元", "amount", "none", "eq"),
    ("25.2%", "社会消费品零售额", "25.2", "%", "growth", "yoy", "eq"),
    ("4.4%", "社会消费品零售额", "4.4", "%", "growth", "vs_period", "eq"),
    ("2.2%", "社会消费品零售额", "2.2", "%", "growth", "avg_annual", "eq"),
    ("9.8%", "居民人均可支配收入", "9.8", "%", "growth", "yoy", "eq"),
    ("12.1%", "居民人均可支配收入", "12.1", "%", "growth", "vs_period", "eq"),
    ("5.9%", "居民人均可支配收入", "5.9", "%", "growth", "avg_annual", "eq"),
    ("2.05%", "城镇登记失业率", "2.05", "%", "rate", "none", "eq"),
    ("5.16%", "万元GDP能耗", "-5.16", "%", "growth", "none", "eq"),
]


def headline_facts(text: str):
    facts, _ = check_text(text)
    start = text.index("上半年GDP实现")
    end = text.index("。", text.index("万元GDP能耗")) + 1
    return [f for f in facts if start <= f.start < end]


def test_headline_facts_read_as_published(seed_text: str) -> None:
    got = headline_facts(seed_text)
    assert len(got) == len(HEADLINE)
    for fact, (text, subject, value, unit, kind, basis, bound) in zip(got, HEADLINE, strict=True):
        assert seed_text[fact.start : fact.end] == fact.text == text
        assert (fact.subject, fact.value, fact.unit, fact.kind, fact.basis, fact.bound) == (
            subject, Decimal(value), unit, kind, basis, bound,
        ), text
        assert fact.modality == "actual" and fact.period == "2021H1"
        if basis in ("vs_period", "avg_annual"):
            assert fact.base_period == "2019H1"


def test_seed_verifies_six_averages_and_landing_rate_and_flags_nothing(seed_text: str) -> None:
    facts, checks = check_text(seed_text)
    by_id = {f.id: f for f in facts}
    assert [c for c in checks if c.status == "inconsistent"] == []
    averages = [c for c in checks if c.relation == "avg_annual"]
    assert [(c.subject, str(c.stated)) for c in averages] == [
        ("GDP", "3.9"), ("区级一般公共预算收入", "-0.5"), ("固定资产投资", "-3.4"),
        ("建安投资", "-6.2"), ("社会消费品零售额", "2.2"), ("居民人均可支配收入", "5.9"),
    ]
    assert all(c.status == "consistent" for c in averages)
    (landing,) = [c for c in checks if c.relation == "rate_count"]
    assert [by_id[i].text for i in landing.facts] == ["79%", "49项", "62项"]
    assert landing.status == "consistent"


EDITS = [
    ("两年平均增长3.9%", "两年平均增长4.1%", "avg_annual", "GDP"),
    ("比2019年上半年增长7.9%", "比2019年上半年增长9.9%", "avg_annual", "GDP"),
    ("两年平均下降0.5%", "两年平均下降0.9%", "avg_annual", "区级一般公共预算收入"),
    ("比2019年上半年下降1%", "比2019年上半年下降3%", "avg_annual", "区级一般公共预算收入"),
    ("两年平均下降3.4%", "两年平均下降3.6%", "avg_annual", "固定资产投资"),
    ("比2019年上半年下降6.7%", "比2019年上半年下降5.7%", "avg_annual", "固定资产投资"),
    ("两年平均下降6.2%", "两年平均下降6.8%", "avg_annual", "建安投资"),
    ("比2019年上半年下降12%", "比2019年上半年下降14%", "avg_annual", "建安投资"),
    ("增长4.4%,两年平均增长2.2%", "增长4.4%,两年平均增长2.5%", "avg_annual", "社会消费品零售额"),
    ("比2019年上半年增长4.4%", "比2019年上半年增长5.4%", "avg_annual", "社会消费品零售额"),
    ("两年平均增长5.9%", "两年平均增长6.2%", "avg_annual", "居民人均可支配收入"),
    ("比2019年上半年增长12.1%", "比2019年上半年增长13.1%", "avg_annual", "居民人均可支配收入"),
    ("已落地49项", "已落地45项", "rate_count", "落地率"),
    ("朝阳组团62项", "朝阳组团66项", "rate_count", "落地率"),
    ("落地率达79%", "落地率达81%", "rate_count", "落地率"),
]


@pytest.mark.parametrize(("old", "new", "relation", "subject"), EDITS)
def test_one_edited_figure_flags_exactly_its_relation(
    seed_text: str, old: str, new: str, relation: str, subject: str
) -> None:
    assert seed_text.count(old) == 1
    facts, checks = check_text(seed_text.replace(old, new))
    bad = [c for c in checks if c.status == "inconsistent"]
    assert len(bad) == 1
    (check,) = bad
    assert (check.relation, check.subject) == (relation, subject)
    edited_at = seed_text.index(old)
    ids = {f.id for f in facts if edited_at <= f.start < edited_at + len(new)}
    assert ids & set(check.facts)
    assert len(checks) == len(check_text(seed_text)[1])


def test_rounding_of_the_base_figure_is_honoured(seed_text: str) -> None:
    """下降1% stands for [-1.5, -0.5]: an average of -0.7% is possible, -0.9% is not."""
    for avg, status in (("0.7", "consistent"), ("0.9", "inconsistent")):
        _, checks = check_text(seed_text.replace("两年平均下降0.5%", f"两年平均下降{avg}%"))
        (check,) = [c for c in checks if c.subject == "区级一般公共预算收入"]
        assert check.status == status
        assert check.low < Decimal("-0.7") < check.high


def test_task_share_added_to_the_seed_checks_against_its_measures_section(seed_text: str) -> None:
    """GIVEN the seed with 分别完成全年任务的… added after its 拆违/腾退 figures
    THEN each share is judged against the year's targets in section three (210万平方米, 220公顷)."""
    anchor = "腾退土地109.7公顷"
    for shares, status in (("43.5%、49.9%", "consistent"), ("43.5%、59.9%", "inconsistent")):
        text = seed_text.replace(anchor, f"{anchor},分别完成全年任务的{shares}")
        facts, checks = check_text(text)
        by_id = {f.id: f for f in facts}
        tasks = [c for c in checks if c.relation == "task_share"]
        assert [[by_id[i].text for i in c.facts] for c in tasks] == [
            ["43.5%", "91.4万平方米", "210万平方米"], [shares.split("、")[1], "109.7公顷", "220公顷"],
        ]
        assert tasks[0].status == "consistent" and tasks[1].status == status
