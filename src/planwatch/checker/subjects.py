"""What a figure is about: GDP, 拆违面积, 响应率 …

Before the figure: the clause up to it, with time and place words, verbs, basis phrases and bound
words taken off (上半年GDP实现 → GDP; 城镇登记失业率为 → 城镇登记失业率). After a count: the noun that
follows (设立504个接种点位 → 接种点位). ``split_list`` splits the subject list of a 分别 sentence.
"""

from __future__ import annotations

import re
from functools import lru_cache

CLAUSE_DELIMS = "，,；;：:。！？!?\n\t|（(）)"  # tabs and | separate the cells of a table row
LIST_DELIMS = CLAUSE_DELIMS + "、"

_LEAD = re.compile(
    r"^(\d{4}年|去年同期|上年同期|上半年|下半年|今年以来|今年|截至\S{0,6}?(底|日|末)|全年|年底前|年内|我区|全区|全市|全省|全县|我市|我省|我县|该区|该市|该省|该县|本区|本市|区内|其中|同时|并且|并|已经|已|"
    r"累计|共计|合计|新增|新设|新建|新开工|建设|建成|完成|实现|推进|推动|开展|设立|启用|提供|帮助|支持|引导|"
    r"力争|确保|争取|加快|做好|抓好|安排|计划|实施|打造|开发|受理|举办|接收|清理|整改|治理|拆除|"
    r"规范|梳理|制定|形成|聘请|加装|开工|启动|进一步|细化|惠及|达到|为|在|对|对占|以|将|有|的)+"
)
_TAIL = re.compile(
    r"((由|从)(上年|去年|年初)(末|底)?的?|同比|两年平均|年均|平均|较年初|比年初|(较|比)(去年|上年)(同期)?|(较|比)\d{4}年(上半年|同期|一季度|前三季度|全年)?|"
    r"实现|完成|达到了|达到|达|为|是|有|(提高|提升|增长|增加|下降|降低|减少|压缩|回落|上升)(到|至)|"
    r"增长|下降|提高|提升|增加|减少|降低|压减|压缩|"
    r"增至|降至|保持在|稳定在|控制在|不少于|不低于|不超过|超过|突破|不足|超|近|约|逾|过|累计|共计|共|合计|分别|"
    r"新增|已|均|了|的|等|由|从|全市|全国|排名|位列|名列|位居|提前|今年|上半年|全年|任务|占比|比重|占)+$"
)
_AFTER_STOP = re.compile(
    r"(实施|实现|完成|提交|落地|上市|上榜|开工|竣工|启动|建成|通过|取得|形成|位居|位列|进入|申请|获得|参与|达到|"
    r"增长|下降|同比|落户|全部|主体|提供|办证|实现|融资|的|和|与|及|等|在|为|中|内|已|对|向|共|从|\d)"
)
_BOUND_HEAD = re.compile(r"^(以上|以下|以内|左右|及以上)")
_QUOTES = re.compile(r"[“”\"‘’「」《》]")
_MAX = 16


def clause_start(text: str, lo: int, pos: int, delims: str = LIST_DELIMS) -> int:
    i = pos - 1
    while i >= lo:
        if text[i] in delims:
            return i + 1
        i -= 1
    return lo


_RECAP_HEAD = re.compile(r"^.{0,24}?(确定|批准|提出|下达|审议通过)的?(?=.{2})")


@lru_cache(maxsize=4096)
def clean(segment: str) -> str:
    s = _QUOTES.sub("", segment).strip(" \t\u3000")
    s = _RECAP_HEAD.sub("", s)  # 年初市人代会确定社会消费品零售总额 → 社会消费品零售总额
    if "等" in s[:-1]:
        s = s[s.rindex("等", 0, len(s) - 1) + 1 :] if not s.endswith("等") else s
    for _ in range(3):
        s2 = _TAIL.sub("", s)
        s3 = _LEAD.sub("", s2)
        s2 = s2 if len(s3) == 1 else s3  # 完成率: do not leave a single character
        if s2 == s:
            break
        s = s2
    if "的" in s:  # 占我区前三名的汽车及配件业 → 汽车及配件业
        s = s[s.rindex("的") + 1 :] or s
    if s.startswith("占"):  # 占社会消费品零售额: the whole; the share is about the part stated before
        return ""
    return s[-_MAX:]


def before_subject(text: str, lo: int, pos: int) -> str:
    return clean(text[clause_start(text, lo, pos) : pos])


def after_subject(text: str, pos: int, hi: int) -> str:
    end = pos
    while end < hi and text[end] not in LIST_DELIMS and end - pos < 20:
        end += 1
    seg = _BOUND_HEAD.sub("", _QUOTES.sub("", text[pos:end]))
    m = _AFTER_STOP.search(seg)
    if m:
        seg = seg[: m.start()]
    return seg[:_MAX]


def previous_clause_subject(text: str, lo: int, clause_begin: int) -> str:
    """The subject named in the clause before (5G基础设施建设数量稳居全市第一,新增291站 → 5G基础设施建设数量)."""
    if clause_begin - 1 <= lo:
        return ""
    start = clause_start(text, lo, clause_begin - 1, CLAUSE_DELIMS)
    words = re.split(r"稳居|位居|位列|保持|实现|达到|继续|进一步", text[start : clause_begin - 1])[0]
    return clean(words)


@lru_cache(maxsize=4096)
def split_list(segment: str) -> list[str]:
    """响应率、解决率、满意率 → three subjects; A和B → two."""
    parts = [p for p in re.split(r"、|和|与", segment) if p.strip()]
    if len(parts) > 1 and all(len(p) <= 2 for p in parts[:-1]) and len(parts[-1]) > 2:
        # 第一、二、三产业增加值: the shared head and tail are written once
        head = "第" if parts[0].startswith("第") else ""
        tail = parts[-1][len(parts[-2]) :]  # 城镇、农村居民…: the last part's head is as long as the one before
        parts = [p + tail for p in parts[:-1]] + [head + parts[-1] if head and not parts[-1].startswith(head) else parts[-1]]
        parts = [head + p if head and not p.startswith(head) else p for p in parts]
    return [clean(p) or p for p in parts]


def overlap(a: str, b: str) -> int:
    """Length of the longest common substring of two short names (拆违面积 and 拆除违法建设 share 2): how
    much two subjects have in common, for matching a figure to the subject it speaks of."""
    best = 0
    for i in range(len(a)):
        for j in range(i + best + 1, len(a) + 1):
            if a[i:j] in b:
                best = j - i
            else:
                break
    return best
