"""Writing facts and checks: linter-style text (file:line:col: message) or JSON."""

from __future__ import annotations

import json
from typing import Any

from .checks import Check
from .messages import message
from .model import Fact


def as_json(facts: list[Fact], checks: list[Check]) -> str:
    doc: dict[str, Any] = {"facts": [f.as_json() for f in facts], "checks": [c.as_json() for c in checks]}
    return json.dumps(doc, ensure_ascii=False, indent=2)


def as_text(name: str, facts: list[Fact], checks: list[Check], lang: str = "zh", verbose: bool = False) -> str:
    lines = [
        f"{name}:{c.line}:{c.col}: {message(c, lang)}"
        for c in checks
        if verbose or c.status == "inconsistent"
    ]
    bad = sum(c.status == "inconsistent" for c in checks)
    if lang == "en":
        lines.append(f"{name}: {len(facts)} facts, {len(checks)} relations checked, {bad} inconsistent")
    else:
        lines.append(f"{name}：识别数据 {len(facts)} 个，核验关系 {len(checks)} 组，不一致 {bad} 处")
    return "\n".join(lines)
