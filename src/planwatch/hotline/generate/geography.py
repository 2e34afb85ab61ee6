"""The synthetic city: Beijing's 16 districts and their 343 街道/乡镇 (2021), handling departments.

District codes are the pinyin names (``--district chaoyang``); a 街乡's code is its district's GB/T 2260
code and a three-digit number (110105001). Names of 街乡 are the real ones; communities and the
departments' ticket routing are made up (synthetic data, docs/hotline.md).
"""

from __future__ import annotations

from dataclasses import dataclass

# (code, name, name_en, GB code, people in 10k (2020 census, rounded: the volume weight),
#  街乡 names, how many of them, from the first, are 街道 (the rest are 乡镇 unless a suffix is written))
_DISTRICTS = (
    ("dongcheng", "东城区", "Dongcheng", "110101", 71,
     "东华门 景山 交道口 安定门 北新桥 东四 朝阳门 建国门 东直门 和平里 前门 崇文门外 东花市 龙潭 体育馆路 天坛 永定门外", 17),
    ("xicheng", "西城区", "Xicheng", "110102", 110,
     "西长安街 新街口 月坛 展览路 德胜 金融街 什刹海 大栅栏 天桥 椿树 陶然亭 广安门内 牛街 白纸坊 广安门外", 15),
    ("chaoyang", "朝阳区", "Chaoyang", "110105", 345,
     "建外 朝外 呼家楼 三里屯 左家庄 香河园 和平街 安贞 亚运村 小关 酒仙桥 麦子店 团结湖 六里屯 八里庄 双井 劲松 潘家园 垡头 "
     "首都机场 大屯 望京 奥运村 东湖 南磨房地区 高碑店地区 将台地区 太阳宫地区 小红门地区 十八里店地区 平房地区 东风地区 "
     "来广营地区 常营地区 三间房地区 管庄地区 金盏地区 孙河地区 崔各庄地区 东坝地区 黑庄户地区 豆各庄地区 王四营地区", 24),
    ("fengtai", "丰台区", "Fengtai", "110106", 202,
     "右安门 太平桥 西罗园 大红门 南苑 东高地 东铁匠营 六里桥 丰台 新村 长辛店 云岗 方庄 宛平 马家堡 和义 卢沟桥 花乡 "
     "成寿寺 石榴庄 玉泉营 看丹 五里店 青塔 北宫 王佐", 24),
    ("shijingshan", "石景山区", "Shijingshan", "110107", 57, "八宝山 老山 八角 古城 苹果园 金顶街 广宁 五里坨 鲁谷", 9),
    ("haidian", "海淀区", "Haidian", "110108", 313,
     "万寿路 永定路 羊坊店 甘家口 八里庄 紫竹院 北下关 北太平庄 学院路 中关村 海淀 青龙桥 清华园 燕园 香山 清河 花园路 "
     "西三旗 马连洼 田村路 上地 万柳 东升 曙光 温泉 四季青 西北旺 苏家坨 上庄", 22),
    ("mentougou", "门头沟区", "Mentougou", "110109", 39,
     "大峪 城子 东辛房 大台 王平 永定 龙泉 潭柘寺 军庄 妙峰山 雁翅 斋堂 清水", 4),
    ("fangshan", "房山区", "Fangshan", "110111", 131,
     "城关 新镇 向阳 东风 迎风 星城 拱辰 西潞 长阳 阎村 窦店 石楼 琉璃河 良乡 周口店 韩村河 河北 长沟 大石窝 张坊 十渡 "
     "青龙湖 佛子庄乡 大安山乡 史家营乡 霞云岭乡 南窖乡 蒲洼乡", 8),
    ("tongzhou", "通州区", "Tongzhou", "110112", 184,
     "中仓 新华 北苑 玉桥 潞源 通运 文景 九棵树 临河里 杨庄 潞邑 永顺 梨园 宋庄 张家湾 漷县 马驹桥 西集 台湖 永乐店 于家务回族乡 潞城", 11),
    ("shunyi", "顺义区", "Shunyi", "110113", 132,
     "胜利 光明 石园 空港 双丰 旺泉 仁和地区 后沙峪地区 天竺地区 杨镇地区 牛栏山地区 南法信地区 马坡地区 李桥 李遂 南彩 "
     "北务 大孙各庄 张镇 龙湾屯 木林 北小营 北石槽 赵全营 高丽营", 6),
    ("changping", "昌平区", "Changping", "110114", 227,
     "城北 城南 天通苑北 天通苑南 霍营 回龙观 龙泽园 史各庄 阳坊 小汤山 南邵 崔村 百善 北七家 兴寿 流村 十三陵 延寿 南口 "
     "马池口 沙河 东小口", 8),
    ("daxing", "大兴区", "Daxing", "110115", 199,
     "兴丰 林校路 清源 亦庄 黄村 旧宫 西红门 瀛海 观音寺 天宫院 高米店 荣华 博兴 青云店 采育 安定 礼贤 榆垡 庞各庄 北臧村 "
     "魏善庄 长子营", 13),
    ("huairou", "怀柔区", "Huairou", "110116", 44,
     "泉河 龙山 怀柔 雁栖 庙城 北房 杨宋 桥梓 怀北 汤河口 渤海 九渡河 琉璃庙 宝山 长哨营满族乡 喇叭沟门满族乡", 2),
    ("pinggu", "平谷区", "Pinggu", "110117", 46,
     "滨河 兴谷 渔阳地区 平谷 峪口地区 马坊地区 金海湖地区 东高村 山东庄 南独乐河 大华山 夏各庄 马昌营 王辛庄 大兴庄 刘家店 "
     "镇罗营 熊儿寨乡", 2),
    ("miyun", "密云区", "Miyun", "110118", 53,
     "鼓楼 果园 檀营地区 密云 溪翁庄 西田各庄 十里堡 河南寨 巨各庄 穆家峪 太师屯 高岭 不老屯 冯家峪 古北口 大城子 东邵渠 "
     "北庄 新城子 石城", 2),
    ("yanqing", "延庆区", "Yanqing", "110119", 35,
     "百泉 香水园 儒林 延庆 康庄 八达岭 永宁 旧县 张山营 四海 千家店 沈家营 大榆树 井庄 刘斌堡乡 大庄科乡 香营乡 珍珠泉乡", 3),
)

# Handling departments of every district (委办局): slug, name.
DEPARTMENTS = (
    ("housing", "区住房城乡建设委"), ("city_mgmt", "区城市管理委"), ("enforcement", "区城管执法局"),
    ("market_reg", "区市场监管局"), ("transport", "区交通委"), ("police", "区公安分局"), ("health", "区卫生健康委"),
    ("education", "区教委"), ("hrss", "区人力社保局"), ("civil_affairs", "区民政局"), ("ecology", "区生态环境局"),
    ("greening", "区园林绿化局"), ("water_affairs", "区水务局"), ("planning", "区规划自然资源分局"),
    ("gov_services", "区政务服务局"), ("medins", "区医保局"), ("emergency", "区应急管理局"),
)
# City-wide public-service enterprises (their tickets are in every district).
ENTERPRISES = (("heat", "北京市热力集团"), ("water", "北京市自来水集团"), ("gas", "北京市燃气集团"), ("power", "国网北京电力"))

_NUMERALS = "一二三四五六七八九十"


@dataclass(frozen=True, slots=True)
class Street:
    code: str
    name: str
    kind: str  # 街道 | 乡镇


@dataclass(frozen=True, slots=True)
class District:
    number: int  # 1..16, in GB code order
    code: str
    name: str
    name_en: str
    gb: str
    people: int
    streets: tuple[Street, ...]

    def departments(self) -> list[tuple[str, str]]:
        """(unit code, name) of the district's departments."""
        return [(f"{self.code}-{slug}", name.replace("区", self.name, 1)) for slug, name in DEPARTMENTS]


def _street_name(raw: str, is_street: bool) -> tuple[str, str]:
    for suffix in ("地区", "满族乡", "回族乡", "乡", "镇", "街道"):
        if raw.endswith(suffix) and len(raw) > len(suffix):
            return raw, ("街道" if suffix == "街道" else "乡镇")
    return (raw + "街道", "街道") if is_street else (raw + "镇", "乡镇")


def _build() -> tuple[District, ...]:
    out = []
    for number, (code, name, en, gb, people, names, n_streets) in enumerate(_DISTRICTS, start=1):
        streets = []
        for i, raw in enumerate(names.split(), start=1):
            full, kind = _street_name(raw, i <= n_streets)
            streets.append(Street(f"{gb}{i:03d}", full, kind))
        out.append(District(number, code, name, en, gb, people, tuple(streets)))
    return tuple(out)


DISTRICTS: tuple[District, ...] = _build()
BY_CODE: dict[str, District] = {d.code: d for d in DISTRICTS}


def community_names(street: Street, count: int) -> list[str]:
    short = street.name.removesuffix("街道").removesuffix("地区")
    return [f"{short}{_numeral(i + 1)}社区" for i in range(count)]


def _numeral(n: int) -> str:
    """1 → 一, 10 → 十, 15 → 十五, 23 → 二十三 (n < 100)."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _NUMERALS[tens - 1] + "十")
    return head + ("" if ones == 0 else _NUMERALS[ones - 1])
