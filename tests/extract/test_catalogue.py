"""The indicator catalogue: one code for every name of an indicator, documented, editable."""

from __future__ import annotations

from pathlib import Path

import pytest

from planwatch.catalogue import CatalogueError, default, load, read, squeeze
from planwatch.core.model import Aggregation, IndicatorKind
from planwatch.package import example_path
from planwatch.package import load as load_package


def test_every_name_belongs_to_one_indicator() -> None:
    cat = default()
    assert len(cat) >= 60
    owner: dict[str, str] = {}
    for e in cat.entries:
        assert e.name and e.name_en and e.code.isascii()
        for name in e.names:
            assert owner.setdefault(squeeze(name), e.code) == e.code, f"{name} names {owner[squeeze(name)]} and {e.code}"


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("规上工业增加值", "industry_value_added"), ("规模以上工业增加值", "industry_value_added"),
        ("GDP", "gdp"), ("地区生产总值", "gdp"), ("全市地区生产总值", "gdp"), ("经济总量", "gdp"),
        ("社零额", "retail_sales"), ("社会消费品零售额", "retail_sales"), ("固投", "fixed_asset_investment"),
        ("进出口总值", "foreign_trade"), ("货物进出口总额", "foreign_trade"), ("万元GDP能耗", "energy_per_gdp"),
        ("全体居民人均可支配收入", "disposable_income_per_capita"), ("城镇调查失业率", "surveyed_unemployment_rate"),
        ("城镇登记失业率", "urban_unemployment_rate"), ("居民消费价格", "cpi"), ("CPI", "cpi"),
        ("细颗粒物(PM2.5)年均浓度", "pm25"), ("细颗粒物（PM2.5）年均浓度", "pm25"), ("R&D经费投入强度", "rd_intensity"),
    ],
)
def test_names_and_variants_map_to_one_code(written: str, code: str) -> None:
    m = default().match(written)
    assert m is not None and m.entry.code == code


@pytest.mark.parametrize("written", ["工业用电量", "三、四季度加快恢复", "连续9个月单月", "月单月正增", "高技术产业投资", "总量"])
def test_other_words_are_no_catalogue_indicator(written: str) -> None:
    assert default().match(written) is None


def test_level_words_stay_in_the_name() -> None:
    m = default().match("区级一般公共预算收入")
    assert m is not None and m.entry.code == "general_budget_revenue" and m.display_name == "区级一般公共预算收入"


def test_the_bundled_example_uses_the_catalogues_codes() -> None:
    """The hand-made Chaoyang package and the catalogue agree on the headline indicators' codes and kinds."""
    plan = load_package(example_path())
    headline = [i for i in plan.indicators if i.headline]
    assert len(headline) == 9
    for ind in headline:
        m = default().match(ind.name)
        assert m is not None, ind.name
        assert m.entry.code == ind.code
        assert (m.entry.kind, m.entry.aggregation, m.entry.comparable, m.entry.higher_is_better) == (
            ind.kind, ind.aggregation, ind.comparable, ind.higher_is_better), ind.code


def test_entries_say_how_to_compute() -> None:
    cat = default()
    assert cat.by_code["gdp"].comparable and cat.by_code["industry_value_added"].comparable
    assert not cat.by_code["retail_sales"].comparable
    assert cat.by_code["surveyed_unemployment_rate"].kind == IndicatorKind.RATE
    assert cat.by_code["surveyed_unemployment_rate"].aggregation == Aggregation.POINT
    assert not cat.by_code["cpi"].higher_is_better and cat.by_code["cpi"].kind == IndicatorKind.INDEX


def test_a_catalogue_of_ones_own_adds_and_replaces(tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text(
        "indicators:\n"
        "  - {code: express_parcels, name: 快递业务量, name_en: Express parcels, unit: 亿件, aliases: [快递量]}\n"
        "  - {code: gdp, name: 地区生产总值, name_en: GDP, unit: 万元, comparable: true, aliases: [本地生产总值]}\n",
        encoding="utf-8",
    )
    cat = load(mine)
    assert cat.match("快递量").entry.code == "express_parcels"  # type: ignore[union-attr]
    assert cat.by_code["gdp"].unit == "万元" and cat.match("本地生产总值") is not None
    assert cat.match("GDP") is None  # the replacing entry has only its own aliases
    assert len(cat) == len(default()) + 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("indicators: [{name: 无代码}]", "missing code"),
        ("indicators: [{code: Bad-Code, name: 坏}]", "lowercase"),
        ("indicators: [{code: a, name: 甲, kind: amount}]", "'amount' is not a valid IndicatorKind"),
        ("indicators: [{code: a, name: 甲}, {code: a, name: 乙}]", "appears twice"),
        ("indicators: [{code: a, name: 甲, comparable: maybe}]", "comparable must be true or false"),
        ("just: words", "expected a mapping with a list 'indicators'"),
        ("indicators: [a: b", "not valid YAML"),
    ],
)
def test_a_bad_catalogue_says_which_file_entry_and_why(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogueError, match=r"bad\.yaml") as err:
        read(path)
    assert message in str(err.value)


def test_a_missing_catalogue_file_is_a_catalogue_error(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError, match="cannot read"):
        load(tmp_path / "none.yaml")


def test_the_documentation_lists_every_entry_and_name() -> None:
    from planwatch.catalogue.__main__ import table

    doc = (Path(__file__).resolve().parents[2] / "docs" / "catalogue.md").read_text(encoding="utf-8")
    assert table() in doc, "run python -m planwatch.catalogue and paste the table into docs/catalogue.md"
