"""The synthetic category tree (三级分类), with long-tailed shares, seasons and who handles each.

Shares follow a Zipf law over the third-level categories in the order listed (the most frequent first),
``weight = 1 / rank ** ZIPF``; a season multiplies a category's weight by month. ``route`` is ``street``
(the 街乡 where the matter is handles it), a department slug (``geography.DEPARTMENTS``) or
``ent:<slug>`` (a city enterprise, ``geography.ENTERPRISES``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

ZIPF = 1.05

SEASONS: dict[str, tuple[float, ...]] = {  # January … December
    "flat": (1,) * 12,
    "winter": (2.6, 2.0, 1.4, 0.5, 0.2, 0.2, 0.2, 0.2, 0.3, 0.8, 2.4, 2.8),
    "summer": (0.6, 0.6, 0.8, 1.0, 1.2, 1.5, 1.8, 1.7, 1.2, 0.9, 0.7, 0.6),
    "spring": (0.6, 0.7, 1.3, 1.6, 1.5, 1.2, 1.0, 0.9, 0.9, 0.9, 0.7, 0.6),
    "school": (0.6, 0.6, 0.8, 1.2, 1.6, 1.8, 1.6, 1.8, 1.2, 0.7, 0.6, 0.6),
    "epidemic": (2.5, 1.6, 1.0, 0.8, 0.7, 0.8, 0.9, 1.4, 0.8, 0.8, 1.0, 1.2),
}

# (一级, 二级, 三级, route, season); codes are given by position: 01, 0101, 010101 …
_TREE: tuple[tuple[str, str, str, str, str], ...] = (
    ("城乡建设", "物业管理", "物业服务", "street", "flat"),
    ("市容环境", "噪声扰民", "社会生活噪声", "street", "summer"),
    ("城乡建设", "供暖", "供暖温度不达标", "ent:heat", "winter"),
    ("交通管理", "停车管理", "违章停车", "police", "flat"),
    ("市场监管", "消费纠纷", "预付式消费退费", "market_reg", "flat"),
    ("城乡建设", "房屋管理", "房屋漏水", "street", "summer"),
    ("市容环境", "环境卫生", "垃圾清运", "street", "summer"),
    ("社会保障", "劳动就业", "拖欠工资", "hrss", "winter"),
    ("医疗卫生", "疫情防控", "疫情防控措施", "health", "epidemic"),
    ("城乡建设", "施工管理", "施工扰民", "housing", "summer"),
    ("市容环境", "违法建设", "私搭乱建", "street", "spring"),
    ("交通管理", "道路设施", "道路破损", "transport", "spring"),
    ("水电气热", "供水", "停水", "ent:water", "summer"),
    ("市场监管", "消费纠纷", "商品质量", "market_reg", "flat"),
    ("教育", "入学", "入学入园", "education", "school"),
    ("城乡建设", "物业管理", "电梯运行", "housing", "flat"),
    ("市容环境", "园林绿化", "树木修剪", "greening", "spring"),
    ("交通管理", "停车管理", "小区停车", "street", "flat"),
    ("水电气热", "供电", "停电", "ent:power", "summer"),
    ("公共安全", "治安", "治安秩序", "police", "flat"),
    ("市容环境", "违法建设", "占道经营", "enforcement", "summer"),
    ("社会保障", "养老服务", "养老服务", "civil_affairs", "flat"),
    ("城乡建设", "房屋管理", "老旧小区改造", "housing", "spring"),
    ("医疗卫生", "疫情防控", "疫苗接种", "health", "spring"),
    ("政务服务", "政务办事", "办事流程", "gov_services", "flat"),
    ("市场监管", "食品安全", "餐饮食品安全", "market_reg", "summer"),
    ("交通管理", "公共交通", "公交线路", "transport", "flat"),
    ("市容环境", "环境卫生", "垃圾分类", "city_mgmt", "flat"),
    ("生态环境", "大气污染", "烟尘异味", "ecology", "winter"),
    ("社会保障", "医疗保障", "医保报销", "medins", "flat"),
    ("城乡建设", "供暖", "供暖费用", "ent:heat", "winter"),
    ("水电气热", "燃气", "燃气使用", "ent:gas", "winter"),
    ("市容环境", "市政设施", "路灯照明", "city_mgmt", "winter"),
    ("城乡建设", "房屋管理", "不动产登记", "planning", "flat"),
    ("教育", "校外培训", "校外培训退费", "education", "school"),
    ("交通管理", "公共交通", "共享单车", "transport", "summer"),
    ("公共安全", "消防安全", "消防隐患", "emergency", "winter"),
    ("生态环境", "水环境", "河道水体", "water_affairs", "summer"),
    ("市场监管", "价格监管", "价格违法", "market_reg", "flat"),
    ("医疗卫生", "医疗服务", "就医服务", "health", "flat"),
    ("农村管理", "宅基地", "宅基地纠纷", "street", "flat"),
    ("城乡建设", "施工管理", "渣土运输", "enforcement", "spring"),
    ("市容环境", "园林绿化", "绿地养护", "greening", "summer"),
    ("社会保障", "劳动就业", "社保办理", "hrss", "flat"),
    ("政务服务", "证件办理", "户籍证件", "police", "flat"),
    ("公共安全", "安全生产", "安全生产隐患", "emergency", "flat"),
    ("农村管理", "集体经济", "集体经济组织", "street", "flat"),
    ("其他", "其他", "其他事项", "street", "flat"),
)


@dataclass(frozen=True)
class Tree:
    codes: tuple[np.ndarray, np.ndarray, np.ndarray]  # object arrays of the codes at levels 1..3, per category
    names: tuple[np.ndarray, np.ndarray, np.ndarray]
    route: tuple[str, ...]
    weights: np.ndarray  # base Zipf weights
    season: np.ndarray  # (categories, 12)

    def probabilities(self, month: int) -> np.ndarray:
        w = self.weights * self.season[:, month - 1]
        return w / w.sum()


def _build() -> Tree:
    l1: dict[str, str] = {}
    l2: dict[tuple[str, str], str] = {}
    codes: list[tuple[str, str, str]] = []
    names: list[tuple[str, str, str]] = []
    for i, (a, b, c, _, _) in enumerate(_TREE):
        c1 = l1.setdefault(a, f"{len(l1) + 1:02d}")
        c2 = l2.setdefault((a, b), f"{c1}{sum(1 for k in l2 if k[0] == a) + 1:02d}")
        codes.append((c1, c2, f"{c2}{i + 1:02d}"))
        names.append((a, b, c))
    cols = list(zip(*codes, strict=True))
    ncols = list(zip(*names, strict=True))
    ranks = np.arange(1, len(_TREE) + 1, dtype=float)
    return Tree(
        codes=tuple(np.array(c, dtype=object) for c in cols),  # type: ignore[arg-type]
        names=tuple(np.array(c, dtype=object) for c in ncols),  # type: ignore[arg-type]
        route=tuple(t[3] for t in _TREE),
        weights=1 / ranks**ZIPF,
        season=np.array([SEASONS[t[4]] for t in _TREE], dtype=float),
    )


TREE = _build()
TOPIC_CATEGORIES = {"预付式消费退费", "物业服务", "供暖温度不达标", "老旧小区改造", "违章停车"}  # 每月一题 tags
