"""Each relation on sentences written in the register of a plan report: consistent, edited, undecidable."""

from __future__ import annotations

import pytest

from planwatch.checker import check_text

HEAD = "关于某区2021年国民经济和社会发展计划上半年执行情况的报告\n一、上半年计划执行情况\n"

CASES = [
    # (relation, consistent sentence, edited sentence)
    ("middle_year",
     "全区实现税收收入520.3亿元，同比增长15.2%，比2019年上半年增长6.1%，2020年上半年下降7.9%。",
     "全区实现税收收入520.3亿元，同比增长15.2%，比2019年上半年增长8.1%，2020年上半年下降7.9%。"),
    ("rate_count",
     "全年确定的36项重点改革任务中，已完成27项，完成率75%。",
     "全年确定的36项重点改革任务中，已完成27项，完成率78%。"),
    ("share_parts",
     "上半年受理市民热线诉求36.4万件，全市接诉总量209.2万件，我区占17.4%。",
     "上半年受理市民热线诉求36.4万件，全市接诉总量209.2万件，我区占19.4%。"),
    ("pp_rates",
     "全区空气质量达标天数比例由68.5%提高到71.2%，提高2.7个百分点。",
     "全区空气质量达标天数比例由68.5%提高到71.2%，提高3.7个百分点。"),
    ("rate_growth",
     "城镇登记失业率由2.35%下降到2.05%，下降12.8%。",
     "城镇登记失业率由2.35%下降到2.05%，下降10.8%。"),
    ("growth_levels",
     "区级一般公共预算收入完成298亿元，去年同期为264.4亿元，同比增长12.7%。",
     "区级一般公共预算收入完成298亿元，去年同期为264.4亿元，同比增长14.7%。"),
    ("parts_total",
     "新开工政策性住房合计4155套，公租房、共有产权房、安置房分别开工1200套、855套、2100套。",
     "新开工政策性住房合计4155套，公租房、共有产权房、安置房分别开工1200套、955套、2100套。"),
    ("parts_total",
     "新增就业岗位4.4万个，其中高校毕业生岗位1.5万个、农转非岗位0.9万个。",
     "新增就业岗位4.4万个，其中高校毕业生岗位3.5万个、农转非岗位1.2万个。"),
    ("task_share",
     "上半年拆除违法建设91.4万平方米、腾退土地109.7公顷，分别完成全年任务的43.5%、49.9%。",
     "上半年拆除违法建设91.4万平方米、腾退土地109.7公顷，分别完成全年任务的43.5%、52.9%。"),
    ("avg_annual",
     "规模以上工业增加值同比增长10.2%，比2019年上半年增长8.2%，两年平均增长4%。",
     "规模以上工业增加值同比增长10.2%，比2019年上半年增长8.2%，两年平均增长4.5%。"),
]
TARGETS = (
    "\n三、完成全年计划的主要措施\n全年拆违面积不少于210万平方米、腾退土地不少于220公顷。"
    "全年完成职业技能培训不少于4万人。\n"
)


def _checks(sentence: str):
    return check_text(HEAD + sentence + TARGETS)[1]


@pytest.mark.parametrize(("relation", "good", "bad"), CASES)
def test_relation_consistent_then_flagged(relation: str, good: str, bad: str) -> None:
    ok = [c for c in _checks(good) if c.relation == relation]
    assert ok and all(c.status == "consistent" for c in ok)
    flagged = [c for c in _checks(bad) if c.status == "inconsistent"]
    assert [c.relation for c in flagged] == [relation]
    assert flagged[0].expected != flagged[0].stated


@pytest.mark.parametrize(
    "sentence",
    [
        "总消费同比增长22.8%，两年平均增长2.2%。",  # no growth vs 2019 stated
        "整改隐患860处，整改率89.4%。",  # a rate with one count
        "我区跨国公司总部增至131家，约占全市70%。",  # approximate share, no whole
        "开发就业岗位近6万个，其中高校毕业生岗位7万个。",  # 近: a bound, not a total
        "GDP实现3640.7亿元，去年同期为3000亿元，同比增长13.5%。",  # comparable prices: not from levels
        "新增停车位2281个，改造老旧小区23个，完成率90%。",  # counts of other things than the rate's
        "新增就业2.3万人，帮扶困难人员就业0.5万人，占全市的12%。",  # the whole (全市) is not stated
        "普惠园覆盖率80%，公办园覆盖率50%，均提高5个百分点。",  # two rates, not one rate then and now
        "新增城镇就业2.3万人，完成全年任务的62%。",  # the only 人 target is about something else
    ],
)
def test_too_little_stated_is_not_flagged(sentence: str) -> None:
    assert [c for c in _checks(sentence) if c.status == "inconsistent"] == []


def test_percentage_points_written_as_percent_are_named() -> None:
    (check,) = _checks("城镇登记失业率由2.35%下降到2.05%，下降0.3%。")
    assert (check.relation, check.status, str(check.expected)) == ("rate_growth", "inconsistent", "-12.8")
    data = check.as_json()
    assert "疑将百分点写作百分比" in data["message"] and "points written as percent" in data["message_en"]


def test_check_reports_stated_expected_interval_and_fact_ids() -> None:
    facts, checks = check_text(HEAD + CASES[1][2])
    (c,) = checks
    data = c.as_json()
    assert data["status"] == "inconsistent" and data["stated"] == "78" and data["expected"] == "75"
    assert data["expected_interval"] == ["75.0000", "75.0000"]
    assert [f.text for f in facts if f.id in data["facts"]] == ["36项", "27项", "78%"]
    assert "完成率" in data["message"] and "75%" in data["message"]
    assert data["message_en"].startswith("inconsistent")


def test_semicolon_joins_clauses_of_one_sentence() -> None:
    good = "上半年，全区GDP同比增长13.5%，两年平均增长3.9%；比2019年同期增长7.9%。"
    assert [(c.relation, c.status) for c in _checks(good)] == [("avg_annual", "consistent")]
    bad = good.replace("两年平均增长3.9%", "两年平均增长4.9%")
    assert [(c.relation, c.status) for c in _checks(bad)] == [("avg_annual", "inconsistent")]
    text = "GDP比2019年上半年增长7.9%；两年平均增长4.9%。"
    assert [(c.relation, c.status) for c in _checks(text)] == [("avg_annual", "inconsistent")]


def test_average_in_the_next_sentence_of_the_same_paragraph() -> None:
    text = "上半年GDP实现3640.7亿元，比2019年上半年增长7.9%。两年平均增长{}%。"
    assert [(c.relation, c.status) for c in _checks(text.format("3.9"))] == [("avg_annual", "consistent")]
    assert [(c.relation, c.status) for c in _checks(text.format("4.9"))] == [("avg_annual", "inconsistent")]
    # a new paragraph is a new subject: nothing to decide
    assert _checks("上半年GDP比2019年上半年增长7.9%。\n两年平均增长4.9%。") == []
