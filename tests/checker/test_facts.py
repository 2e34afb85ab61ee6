"""Fact conventions of issue 5: units and scaling, kinds, signs, basis, bounds, modality, non-facts."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planwatch.checker.facts import find_facts

HEAD = "关于某区2021年国民经济和社会发展计划上半年执行情况的报告\n一、上半年计划执行情况\n"


def one(sentence: str):
    facts = find_facts(HEAD + sentence)
    assert len(facts) == 1, [f.text for f in facts]
    return facts[0]


@pytest.mark.parametrize(
    ("sentence", "value", "unit", "kind"),
    [
        ("上半年GDP实现3640.7亿元。", "364070000000", "元", "amount"),
        ("完成道路维修3.7万平方米。", "37000", "平方米", "amount"),
        ("实际利用外资33.6亿美元。", "3360000000", "美元", "amount"),
        ("帮扶资金4432.8万元。", "44328000", "元", "amount"),
        ("新增床位410张。", "410", "张", "amount"),
        ("腾退土地109.7公顷。", "109.7", "公顷", "amount"),
        ("完成0.18万亩土地复耕复垦。", "1800", "亩", "amount"),
        ("PM2.5累计平均浓度40微克/立方米。", "40", "微克/立方米", "amount"),
        ("施划道路标识标线7300延长米。", "7300", "延长米", "amount"),
        ("新增三千六百个停车位。", "3600", "个", "amount"),
        ("在两个站点推出联办业务。", "2", "个", "amount"),
        ("办理时限压缩到7个工作日。", "7", "工作日", "amount"),
        ("城镇登记失业率为2.05%。", "2.05", "%", "rate"),
        ("上榜企业占全国1/10。", "10", "%", "share"),
        ("黑珍珠餐厅占全市约7成。", "70", "%", "share"),
        ("黑珍珠餐厅占全市约七成。", "70", "%", "share"),
        ("外资企业占三分之一。", None, "%", "share"),
        ("覆盖率达到百分之九十五。", "95", "%", "rate"),
        ("前五大行业占比较去年同期提升1.6个百分点。", "1.6", "pp", "pp_change"),
        ("6月份全市排名第11名。", "11", "名", "rank"),
        ("一般公共预算收入比2019年上半年下降1%。", "-1", "%", "growth"),
        ("压减办事时限60%。", "-60", "%", "growth"),
        ("核酸日检测能力提高到14万份。", "140000", "份", "amount"),
        ("全社会用电量完成86.3亿千瓦时。", "8630000000", "千瓦时", "amount"),
        ("完成30千米慢行系统整治。", "30", "公里", "amount"),
        ("新建3千个车位。", "3000", "个", "amount"),
        ("全年用水2.1亿立方米。", "210000000", "立方米", "amount"),
    ],
)
def test_value_unit_kind(sentence: str, value: str | None, unit: str, kind: str) -> None:
    f = one(sentence)
    if value is not None:
        assert f.value == Decimal(value)
    else:
        assert abs(f.value - Decimal("33.3333")) < Decimal("0.001")
    assert (f.unit, f.kind) == (unit, kind)
    assert HEAD.__len__() <= f.start < f.end and f.text in sentence


@pytest.mark.parametrize(
    ("sentence", "basis", "base"),
    [
        ("GDP同比增长13.5%。", "yoy", ""),
        ("GDP比2019年上半年增长7.9%。", "vs_period", "2019H1"),
        ("收入较2019年同期增长7.9%。", "vs_period", "2019H1"),
        ("GDP两年平均增长3.9%。", "avg_annual", "2019H1"),
        ("响应率较年初提高11.1%。", "vs_start", ""),
        ("万元GDP能耗下降5.16%。", "none", ""),
        ("占比较去年同期提升1.6个百分点。", "yoy", ""),
    ],
)
def test_basis(sentence: str, basis: str, base: str) -> None:
    f = one(sentence)
    assert (f.basis, f.base_period) == (basis, base)


@pytest.mark.parametrize(
    ("sentence", "bound"),
    [
        ("受理诉求约36.4万件。", "approx"),
        ("融资10亿元左右。", "approx"),
        ("接种率近90%。", "lt"),
        ("接种人数超331万人。", "gt"),
        ("剂次突破631万剂。", "gt"),
        ("收入逾5亿元。", "gt"),
        ("标线7300余延长米。", "ge"),
        ("20多个城市分站将陆续设立。", "gt"),
        ("覆盖率保持在80%以上。", "ge"),
        ("拆违面积不少于210万平方米。", "ge"),
        ("失业率控制在4.5%以内。", "le"),
        ("增长不超过5%。", "le"),
        ("开工不足10个。", "lt"),
        ("完成4155套。", "eq"),
    ],
)
def test_bound(sentence: str, bound: str) -> None:
    assert one(sentence).bound == bound


@pytest.mark.parametrize(
    "sentence",
    [
        "截至2021年6月30日。",
        "配合做好地铁28号线建设。",
        "5G基础设施建设。",
        "对接12345市民服务热线。",
        "接诉即办核心系统2.0正式上线。",
        "“十四五”规划体系逐步完善。",
        "打造“15分钟文博圈”。",
        "全力服务保障第四使馆区建设。",
        "总量占我区前三名的行业。",
        "温榆河公园一期等项目。",
        "加快三间房整治。",
        "4-6月逐月提升。",
        "做好P2P平台清退。",
        "PM2.5浓度下降。",
        "区十六届人大七次会议。",
        "一批重点企业落户。",
    ],
)
def test_not_facts(sentence: str) -> None:
    assert find_facts(HEAD + sentence) == []


def test_fenbie_list_pairs_subjects_with_figures() -> None:
    facts = find_facts(HEAD + "响应率、解决率、满意率分别较年初提高11.1%、10.9%、9.8%。")
    assert [(f.subject, f.value, f.basis, f.kind) for f in facts] == [
        ("响应率", Decimal("11.1"), "vs_start", "growth"),
        ("解决率", Decimal("10.9"), "vs_start", "growth"),
        ("满意率", Decimal("9.8"), "vs_start", "growth"),
    ]


def test_fenbie_list_with_qualified_subjects() -> None:
    text = "总量占我区前三名的汽车及配件业、互联网零售业和综合零售业零售额分别同比增长37.4%、4%、34.2%。"
    facts = find_facts(HEAD + text)
    assert [f.subject for f in facts] == ["汽车及配件业", "互联网零售业", "综合零售业零售额"]
    assert [f.basis for f in facts] == ["yoy"] * 3


def test_modality_targets() -> None:
    text = HEAD + (
        "全年拆违面积不少于210万平方米。力争5家企业上市。上半年新增床位410张。\n"
        "三、完成全年计划的主要措施\n新增养老床位590张。\n"
    )
    facts = find_facts(text)
    assert [(f.text, f.modality, f.period) for f in facts] == [
        ("210万平方米", "target", "2021"), ("5家", "target", "2021"),
        ("410张", "actual", "2021H1"), ("590张", "target", "2021"),
    ]


def test_subject_of_counts_and_amounts() -> None:
    facts = find_facts(HEAD + "设立504个接种点位，城镇登记失业率为2.05%，上半年GDP实现3640.7亿元，同比增长13.5%。")
    assert [f.subject for f in facts] == ["接种点位", "城镇登记失业率", "GDP", "GDP"]


def test_offsets_point_at_the_figure_with_its_unit() -> None:
    text = HEAD + "全区新增减税降费近20亿元，清理电单车2万余辆。"
    for f in find_facts(text):
        assert text[f.start : f.end] == f.text
    assert [f.text for f in find_facts(text)] == ["20亿元", "2万余辆"]


def test_fenbie_list_with_a_shared_head_and_tail() -> None:
    facts = find_facts(HEAD + "第一、二、三产业增加值分别增长2.1%、4.6%、6.5%。")
    assert [f.subject for f in facts] == ["第一产业增加值", "第二产业增加值", "第三产业增加值"]
