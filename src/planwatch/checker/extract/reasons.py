"""Why a row of a draft needs a second look, in Chinese and English (``review.csv``, ``--review``)."""

from __future__ import annotations

from dataclasses import dataclass, field

MESSAGES: dict[str, tuple[str, str]] = {
    "not_in_catalogue": ("指标目录中没有此指标：按报告原名列出，请确认名称并给出代码",
                         "not in the indicator catalogue: named as the report names it; confirm the name, give it a code"),
    "named_from_clause": ("指标名“{name}”取自数字前面的文字，请确认", "named {name} from the words before the figure: confirm"),
    "adjusted_growth": ("增速为扣除因素或同口径的增速，报告未给出原口径增速",
                        "growth on an adjusted basis (扣除 / 同口径): the report states no plain growth"),
    "basis_none": ("增速未写明比较基期，按同比读取", "growth with no stated basis, read as yoy (同比)"),
    "bounded_level": ("数值带有限定词（{text}），不是确数", "level published with a bound ({text}), not an exact figure"),
    "no_figure": ("指标没有数据", "an indicator with no figure"),
    "approx_at_least": ("“左右”读作不低于", "左右 read as at least"),
    "approx_at_most": ("“左右”读作不高于（越低越好的指标）", "左右 read as at most (lower is better)"),
    "range": ("区间目标，取其下限", "a range: its lower end is the target"),
    "wording": ("原文措辞也可读作 {kind} {value}", "the wording also reads as {kind} {value}"),
    "qualitative": ("定性目标：没有可以判断的数值", "a target in words: no figure to judge it by"),
    "weak_commitment": ("数字可能只是工作对象的数量，请确认是否为要完成的任务量",
                        "a count the measure works on: is it a quantity to deliver?"),
    "milestone": ("里程碑任务：按期完成，没有数量", "a milestone: done by its deadline, no quantity"),
    "lead_tbd": ("牵头单位待定（tbd），请指定", "lead department to be assigned (tbd)"),
    "conflict": ("两处说法不一致（{field}）：此处为 {kept}，第{line}行为 {other}",
                 "two statements disagree ({field}): {kept} here, {other} at line {line}"),
}


FIELDS: dict[str, tuple[str, str]] = {
    "value": ("数值", "level"), "yoy": ("同比增速", "yoy growth"), "vs_base": ("比基期增速", "growth against the base"),
    "avg": ("平均增速", "average growth"), "pp": ("百分点变化", "change in points"), "target": ("目标", "target"),
}


@dataclass(frozen=True, slots=True)
class Reason:
    code: str
    params: dict[str, str] = field(default_factory=dict)

    def text(self, lang: str = "zh") -> str:
        zh, en = MESSAGES[self.code]
        i = 1 if lang == "en" else 0
        params = {k: FIELDS[v][i] if k == "field" and v in FIELDS else v for k, v in self.params.items()}
        return (en if lang == "en" else zh).format(**params)


def because(code: str, **params: object) -> Reason:
    if code not in MESSAGES:
        raise KeyError(code)
    return Reason(code, {k: str(v) for k, v in params.items()})
