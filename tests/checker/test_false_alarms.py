"""Patterns of real published texts that a looser checker flags wrongly (rewritten here with invented
figures): each must give no inconsistent check, and where a relation is stated, the right one."""

from __future__ import annotations

from pathlib import Path

import pytest

from planwatch.checker import check_text
from planwatch.cli import main

DISTRICT = "关于某区2023年国民经济和社会发展计划上半年执行情况的报告\n一、上半年计划执行情况\n"
CITY = "关于某市2023年国民经济和社会发展计划执行情况的报告\n一、2023年计划执行情况\n"


def _checks(text: str) -> list[tuple[str, str]]:
    return [(c.relation, c.status) for c in check_text(text)[1]]


@pytest.mark.parametrize(
    "text",
    [
        # two budgets of one district (全区, 区本级) use the same names with different figures
        DISTRICT + "全区一般公共预算收入210.4亿元。加上级补助收入60.2亿元，收入总量为270.6亿元。\n"
                   "区本级一般公共预算财力150.3亿元，加上年结转收入6.1亿元，收入总量为156.4亿元。\n",
        # a text with no title that calls itself 该区: 全市 is another region, and its rate is not stated
        "今年上半年，该区地区生产总值同比增长6.1%，高于全市0.7个百分点，增速位居全市第2位。\n",
        # names with 和 inside a 分别 list: one subject each
        DISTRICT + "其中，文化体育和娱乐业、其他运输业、租赁和商务服务业营业收入分别增长61%、33.2%、18.5%。\n",
        # averages after 其中 are no parts of the average before them
        DISTRICT + "全区居民人均可支配收入31250元，同比增长4.6%。其中，城镇居民人均可支配收入38720元，农村居民人均可支配收入17980元。\n",
        # 完成年初预算的X% of two different revenues is no rate then and now
        DISTRICT + "其中：税收收入3.8亿元，完成年初预算的46.5%；非税收入0.5亿元，完成年初预算的51.2%，同比增长28.3%。\n",
        # 提出…行动计划 recalls no targets: the counts after it are what was done
        DISTRICT + "编制实施方案，提出数据赋能等6项行动计划，形成了31项工作任务、48项重点项目台账。\n",
        # 全年 in a half-year report is the year, not a repeat of the half-year figure
        DISTRICT + "上半年全区实现地区生产总值512.6亿元，同比增长5.1%。\n（二）全年地区生产总值预计1080亿元左右。\n",
    ],
)
def test_no_false_alarm(text: str) -> None:
    assert [c for c in _checks(text) if c[1] == "inconsistent"] == []


def test_budget_split_after_a_colon_is_the_known_split_only() -> None:
    text = DISTRICT + ("6月，全区一般公共预算收入累计完成204680万元，增长9.1%，其中：税收收入累计完成158230万元，"
                       "增长7.2%；非税收入累计完成46450万元；政府性基金预算收入2310万元；国有资本经营收入960万元。\n")
    assert _checks(text) == [("parts_total", "consistent")]
    assert _checks(text.replace("46450万元", "40450万元")) == [("parts_total", "inconsistent")]


def test_gaps_to_two_rates_in_brackets() -> None:
    text = CITY + "全市固定资产投资同比增长21.4%，比全省平均水平（9.3%）和全国（5.1%）分别高12.1、16.3个百分点。\n"
    assert _checks(text) == [("pp_gap", "consistent"), ("pp_gap", "consistent")]
    assert _checks(text.replace("16.3个百分点", "15.3个百分点"))[1] == ("pp_gap", "inconsistent")


def test_a_report_without_sentence_ends_checks_as_the_report() -> None:
    text = ("关于某区2021年国民经济和社会发展计划上半年执行情况的报告\n一、上半年计划执行情况\n"
            "上半年GDP实现3640.7亿元，同比增长13.5%，比2019年上半年增长7.9%，两年平均增长3.9%。"
            "区级一般公共预算收入完成298亿元，同比增长12.7%，比2019年上半年下降1%，两年平均下降0.5%。\n")
    flat = text.replace("。", "").replace("\n", "")
    assert _checks(flat) == _checks(text) == [("avg_annual", "consistent"), ("avg_annual", "consistent")]


def test_cli_prints_warnings_and_keeps_the_exit_code(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "w.txt"
    path.write_text(DISTRICT + "上半年完成投资12,34亿元，增长1.2.3%。\n", encoding="utf-8")
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"{path}:3:8: 警告：数字“12,34”的千分位分组有误，无法读取，未作为数据"
    assert "无法读取的数字 2 处" in out[-1]
    assert main(["check", str(path), "--format", "json", "--lang", "en"]) == 0
    import json

    data = json.loads(capsys.readouterr().out)
    assert [(w["text"], w["reason"], w["line"]) for w in data["warnings"]] == [("12,34", "grouping", 3), ("1.2.3", "points", 3)]
    assert data["facts"] == []


def test_a_rates_verb_must_be_stated_with_its_count() -> None:
    text = DISTRICT + ("新增学前教育学位5080个，新增义务教育学位3580个。残疾人城乡居民养老保险参保率达到98%，"
                       "城乡居民医疗保险参保率达到100%。\n")
    assert _checks(text) == []


def test_the_years_task_named_with_its_amount() -> None:
    text = DISTRICT + "新增改造绿化面积27.5公顷，仅占全年任务500公顷的5.5%；建成主次支路6条，完成全年任务10条的60.0%。\n"
    assert _checks(text) == [("task_share", "consistent"), ("task_share", "consistent")]
    assert _checks(text.replace("的60.0%", "的66.0%")) == [("task_share", "consistent"), ("task_share", "inconsistent")]
